package export_test

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	"chronoscope/data"
	"chronoscope/data/datatest"
	"chronoscope/data/export"
)

// linkStore holds a chronology and an event whose descriptions link to
// every hostile address in every form Markdown has, as a file from the
// wild may: the store keeps descriptions as written.
func linkStore(t *testing.T) *data.Store {
	t.Helper()
	s := datatest.NewStore(t)
	md := datatest.HostileMarkdown(datatest.HostileURLs)
	err := s.Update(func(tx *data.Tx) error {
		if err := tx.SetChronology(data.Chronology{Title: "Links", Description: md}); err != nil {
			return err
		}
		src := data.Source{Title: "A source", URL: datatest.SafeURLs[0]}
		if err := tx.CreateSource(&src); err != nil {
			return err
		}
		e := data.Event{Title: "An event", Description: md, Start: data.DayDate(2014, 12, 1), Certainty: data.Claimed, Importance: 3}
		if err := tx.CreateEvent(&e); err != nil {
			return err
		}
		return tx.CreateCitation(&data.Citation{EventID: e.ID, SourceID: src.ID})
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestExportsDisarmDescriptionLinks(t *testing.T) {
	s := linkStore(t)
	write := func(fn func(*data.Tx, *bytes.Buffer) error) string {
		return render(t, s, fn)
	}

	t.Run("Markdown", func(t *testing.T) {
		out := write(func(tx *data.Tx, b *bytes.Buffer) error { return export.WriteMarkdown(tx, b, export.Options{}) })
		live := datatest.LiveLinks(out)
		for _, l := range live {
			if strings.HasPrefix(l, "html:") || data.CheckURL(l) != nil {
				t.Errorf("the export links to %.80q", l)
			}
		}
		for _, want := range append(slices.Clone(datatest.SafeURLs), "https://example.org/p.png") {
			if !slices.Contains(live, want) {
				t.Errorf("the safe link %q is not live", want)
			}
		}
		for _, u := range datatest.HostileURLs {
			if !strings.Contains(out, u) {
				t.Errorf("%.60q is not written as text", u)
			}
		}
	})

	t.Run("HTML", func(t *testing.T) {
		p := parsePage(t, renderHTML(t, s, export.Options{}))
		p.checkSafe()
		var hrefs []string
		for _, a := range all(p.root, tag("a")) {
			if h, ok := attr(a, "href"); ok && !strings.HasPrefix(h, "#") {
				hrefs = append(hrefs, h)
				if data.CheckURL(h) != nil {
					t.Errorf("the page links to %.80q", h)
				}
			}
		}
		if !slices.Contains(hrefs, datatest.SafeURLs[0]) || !slices.Contains(hrefs, datatest.SafeURLs[1]) {
			t.Errorf("the safe links are not links: %q", hrefs)
		}
		all := text(p.root)
		for _, u := range datatest.HostileURLs {
			if !strings.Contains(all, u) {
				t.Errorf("%.60q is not shown as text", u)
			}
		}
	})

	t.Run("iCalendar", func(t *testing.T) {
		out := write(func(tx *data.Tx, b *bytes.Buffer) error {
			_, err := export.WriteICS(tx, b, export.Options{})
			return err
		})
		// The description is plain text (DESCRIPTION); the only property
		// that links is URL, and no HTML form of the text is written.
		for _, line := range strings.Split(out, "\r\n") {
			name, value, _ := strings.Cut(line, ":")
			if strings.EqualFold(name, "URL") && data.CheckURL(value) != nil {
				t.Errorf("URL:%.60q", value)
			}
			if strings.Contains(strings.ToUpper(name), "ALTREP") || strings.HasPrefix(strings.ToUpper(name), "X-ALT-DESC") {
				t.Errorf("an HTML form of the text: %.60q", line)
			}
		}
	})

	t.Run("CSV", func(t *testing.T) {
		out := write(func(tx *data.Tx, b *bytes.Buffer) error { return export.WriteCSV(tx, b, export.Options{}) })
		if _, err := csv.NewReader(strings.NewReader(out)).ReadAll(); err != nil {
			t.Fatal(err)
		}
		// No description is written, so no address but the source's.
		for _, scheme := range []string{"javascript:", "file:", "smb:", "data:", "ms-msdt:", "search-ms:", "ftp:"} {
			if strings.Contains(out, scheme) {
				t.Errorf("the CSV holds %q", scheme)
			}
		}
	})
}

// TestHTMLExportLinksOnlySafeAddresses checks every element's URL-bearing
// attributes, not only links: nothing points at a refused address.
func TestHTMLExportLinksOnlySafeAddresses(t *testing.T) {
	p := parsePage(t, renderHTML(t, linkStore(t), export.Options{}))
	var visit func(*xhtml.Node)
	visit = func(n *xhtml.Node) {
		for _, a := range n.Attr {
			switch strings.ToLower(a.Key) {
			case "href", "src", "action", "formaction", "xlink:href", "poster", "data", "srcset":
				if !strings.HasPrefix(a.Val, "#") && data.CheckURL(a.Val) != nil {
					t.Errorf("<%s %s=%.60q>", n.Data, a.Key, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(p.root)
}

// TestMarkdownExportTextAddresses: an address written as text in a title,
// a source or a quote, which a Markdown reader would link by itself and
// data.CheckURL refuses, is no link in the Markdown export; a safe one
// stays as written.
func TestMarkdownExportTextAddresses(t *testing.T) {
	s := datatest.NewStore(t)
	err := s.Update(func(tx *data.Tx) error {
		src := data.Source{Title: "Mirror at https://user:pw@example.org/r", Publisher: "-a@b.example", URL: datatest.SafeURLs[0]}
		if err := tx.CreateSource(&src); err != nil {
			return err
		}
		e := data.Event{Title: "Leak at ftp://example.org/x.exe, see www.fbi.gov", Start: data.DayDate(2014, 12, 1), Certainty: data.Claimed, Importance: 3}
		if err := tx.CreateEvent(&e); err != nil {
			return err
		}
		return tx.CreateCitation(&data.Citation{EventID: e.ID, SourceID: src.ID, Quote: "at www.bank.example:x@evil.example"})
	})
	if err != nil {
		t.Fatal(err)
	}
	out := render(t, s, func(tx *data.Tx, b *bytes.Buffer) error { return export.WriteMarkdown(tx, b, export.Options{}) })
	live := datatest.LiveLinks(out)
	for _, l := range live {
		if strings.HasPrefix(l, "html:") || data.CheckURL(l) != nil {
			t.Errorf("the export links to %q:\n%s", l, out)
		}
	}
	if !slices.Contains(live, "http://www.fbi.gov") {
		t.Errorf("the safe address www.fbi.gov is not as written: %q", live)
	}
	for _, text := range []string{"`ftp://example.org/x.exe,`", "`https://user:pw@example.org/r`", "`-a@b.example`", "`www.bank.example:x@evil.example`"} {
		if !strings.Contains(out, text) {
			t.Errorf("%s is not in the export:\n%s", text, out)
		}
	}
}
