package timelinejs_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"testing"

	xhtml "golang.org/x/net/html"

	"chronoscope/data"
	"chronoscope/data/datatest"
	"chronoscope/data/markup"
)

// checkSlideText checks the HTML of a slide's text, as TimelineJS shows it
// with its autolink option on (linkified): every link goes to an address
// data.CheckURL accepts, the safe link is one, and each hostile address is
// there as text.
func checkSlideText(t *testing.T, where, text string) {
	t.Helper()
	doc, err := xhtml.Parse(strings.NewReader(linkified(text)))
	if err != nil {
		t.Fatalf("%s: %v", where, err)
	}
	var hrefs []string
	var shown strings.Builder
	var visit func(*xhtml.Node)
	visit = func(n *xhtml.Node) {
		if n.Type == xhtml.TextNode {
			shown.WriteString(n.Data)
		}
		for _, a := range n.Attr {
			if a.Key == "href" || a.Key == "src" {
				hrefs = append(hrefs, a.Val)
				if data.CheckURL(a.Val) != nil {
					t.Errorf("%s links to %.60q", where, a.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(doc)
	if !slices.Contains(hrefs, datatest.SafeURLs[0]) {
		t.Errorf("%s: the safe link is not a link: %q", where, hrefs)
	}
	for _, u := range datatest.HostileURLs {
		if !strings.Contains(shown.String(), u) {
			t.Errorf("%s: %.60q is not shown as text", where, u)
		}
	}
}

// FuzzSlideTextLinks: whatever a description holds, TimelineJS's autolink
// finds no address in its slide text that data.CheckURL refuses.
func FuzzSlideTextLinks(f *testing.F) {
	for _, s := range []string{
		"see www.bank.example:x@evil.example, -a@b.example", "&#104;ttp://user:pw@example.org", "`www.x.org:y@z.org`",
		"[mail](mailto:a@b.org) https://example.org/a@b.cd www.fbi.gov", "<https://u:p@x.org> ftp://x/y [a](file:///x)",
		"a www.x.org\n\n- www.y.org", "xhttps://user:pw@example.org", "<p>\nwww.x.org:a@b.org\n</p>",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, md string) {
		h := markup.HTML(md, markup.HTMLOptions{BreakAddresses: true})
		doc, err := xhtml.Parse(strings.NewReader(linkified(h)))
		if err != nil {
			t.Fatal(err)
		}
		var visit func(*xhtml.Node)
		visit = func(n *xhtml.Node) {
			for _, a := range n.Attr {
				if a.Key == "href" && data.CheckURL(a.Val) != nil {
					t.Errorf("%q is the slide text %q, where TimelineJS links %q", md, h, a.Val)
				}
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				visit(c)
			}
		}
		visit(doc)
	})
}

// TimelineJS 3.9.11's autolink (the function its slides run their text's
// HTML through): addresses from a scheme, from "www." and mail addresses,
// replaced in that order over the whole string.
var (
	linkScheme = regexp.MustCompile(`(?i)\b(?:https?|ftp)://([a-z0-9-+&@#/%?=~_|!:,.;]*[a-z0-9-+&@#/%=~_|])`)
	linkWWW    = regexp.MustCompile(`(?i)(^|[^/>])(www\.[\S]+(\b|$))`)
	linkMail   = regexp.MustCompile(`(?i)([a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+)`)
)

// linkified returns HTML as TimelineJS's autolink leaves it.
func linkified(s string) string {
	anchor := func(href, text string) string {
		return "<a class='tl-makelink' href='" + href + "' onclick='void(0)'>" + text + "</a>"
	}
	replace := func(s string, re *regexp.Regexp, fn func(s string, m []int) string) string {
		var b strings.Builder
		at := 0
		for _, m := range re.FindAllStringSubmatchIndex(s, -1) {
			b.WriteString(s[at:m[0]] + fn(s, m))
			at = m[1]
		}
		return b.String() + s[at:]
	}
	s = replace(s, linkScheme, func(s string, m []int) string {
		if m[0] > 0 && strings.ContainsRune(`"'=`, rune(s[m[0]-1])) {
			return s[m[0]:m[1]] // an attribute's value
		}
		return anchor(s[m[0]:m[1]], s[m[2]:m[3]])
	})
	s = replace(s, linkWWW, func(s string, m []int) string {
		return s[m[2]:m[3]] + anchor("http://"+s[m[4]:m[5]], s[m[4]:m[5]])
	})
	return replace(s, linkMail, func(s string, m []int) string {
		return anchor("mailto:"+s[m[2]:m[3]], s[m[2]:m[3]])
	})
}

func TestExportsDisarmDescriptionLinks(t *testing.T) {
	s := datatest.NewStore(t)
	// Addresses as text that TimelineJS's autolink would link, and that
	// data.CheckURL refuses: a user name before the host, a mail address
	// that begins with "-", one behind a character reference.
	md := "Text: www.bank.example:x@evil.example, &#119;ww.bank.example:x@evil.example, -a@b.example, &#104;ttp://user:pw@example.org.\n\n" +
		datatest.HostileMarkdown(datatest.HostileURLs)
	err := s.Update(func(tx *data.Tx) error {
		if err := tx.SetChronology(data.Chronology{Title: "Links", Description: md}); err != nil {
			return err
		}
		return tx.CreateEvent(&data.Event{Title: "An event", Description: md, Start: data.DayDate(2014, 12, 1),
			Certainty: data.Reported, Importance: 3})
	})
	if err != nil {
		t.Fatal(err)
	}

	t.Run("JSON", func(t *testing.T) {
		var doc struct {
			Title  struct{ Text struct{ Text string } }
			Events []struct{ Text struct{ Text string } }
		}
		if err := json.Unmarshal(exportJSON(t, s), &doc); err != nil {
			t.Fatal(err)
		}
		checkSlideText(t, "the title slide", doc.Title.Text.Text)
		if len(doc.Events) != 1 {
			t.Fatalf("%d events, want 1", len(doc.Events))
		}
		checkSlideText(t, "the event", doc.Events[0].Text.Text)
	})

	t.Run("CSV", func(t *testing.T) {
		rows, err := csv.NewReader(bytes.NewReader(exportCSV(t, s))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		col := slices.Index(rows[0], "Text")
		if col < 0 || len(rows) != 3 {
			t.Fatalf("header %q, %d rows", rows[0], len(rows))
		}
		checkSlideText(t, "the title row", rows[1][col])
		checkSlideText(t, "the event row", rows[2][col])
	})
}
