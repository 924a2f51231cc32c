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
	"golang.org/x/net/html/atom"

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
				if data.CheckURL(a.Val) != nil && !rewrittenByTimelineJS(a.Val) {
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
				if a.Key == "href" && data.CheckURL(a.Val) != nil && !rewrittenByTimelineJS(a.Val) {
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

// TimelineJS 3.9.11 sanitizes a slide's text with DOMPurify, which gives
// back the HTML as a browser writes it (character references written as
// the characters), then runs it through its autolink: addresses from a
// scheme, from "www." and mail addresses, replaced in that order over the
// whole string.
var (
	linkScheme = regexp.MustCompile(`(?i)\b(?:https?|ftp)://([a-z0-9-+&@#/%?=~_|!:,.;]*[a-z0-9-+&@#/%=~_|])`)
	linkWWW    = regexp.MustCompile(`(?i)(^|[^/>])(www\.[\S]+(\b|$))`)
	linkMail   = regexp.MustCompile(`(?i)([a-zA-Z0-9_.+-]+@[a-zA-Z0-9-]+\.[a-zA-Z0-9-.]+)`)
)

// rewrittenByTimelineJS reports whether href is a link whose address
// TimelineJS's later patterns ran on into markup it had written itself:
// its mail pattern rewrites the address inside a mailto: link of the
// export's, or of an address from a scheme that its first pattern linked,
// and its www. pattern runs on from inside such a link's text into the
// closing tags. A literal '<' is in no address the export writes (its
// text has "&lt;"), so from there on the address is TimelineJS's; what
// comes before is "mailto:" or must be a checked address.
func rewrittenByTimelineJS(href string) bool {
	before, _, ok := strings.Cut(href, "<")
	return ok && (strings.EqualFold(before, "mailto:") || data.CheckURL(before) == nil)
}

// sanitized returns the HTML fragment s as a browser writes it.
func sanitized(s string) string {
	nodes, err := xhtml.ParseFragment(strings.NewReader(s), &xhtml.Node{Type: xhtml.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		panic(err) // a strings.Reader does not fail
	}
	text := strings.NewReplacer("&", "&amp;", "\u00a0", "&nbsp;", "<", "&lt;", ">", "&gt;")
	value := strings.NewReplacer("&", "&amp;", "\u00a0", "&nbsp;", `"`, "&quot;")
	var b strings.Builder
	var write func(n *xhtml.Node)
	write = func(n *xhtml.Node) {
		switch n.Type {
		case xhtml.TextNode:
			b.WriteString(text.Replace(n.Data))
		case xhtml.ElementNode:
			b.WriteString("<" + n.Data)
			for _, a := range n.Attr {
				b.WriteString(" " + a.Key + `="` + value.Replace(a.Val) + `"`)
			}
			b.WriteString(">")
			if n.Data == "br" || n.Data == "hr" || n.Data == "img" || n.Data == "wbr" {
				return
			}
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				write(c)
			}
			b.WriteString("</" + n.Data + ">")
		}
	}
	for _, n := range nodes {
		write(n)
	}
	return b.String()
}

// linkified returns HTML as TimelineJS shows it: sanitized, then through
// its autolink.
func linkified(s string) string {
	s = sanitized(s)
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
		e := data.Event{Title: "An event", Description: md, Start: data.DayDate(2014, 12, 1), Certainty: data.Reported, Importance: 3}
		if err := tx.CreateEvent(&e); err != nil {
			return err
		}
		// The list of sources in the slide's text is text too.
		src := data.Source{Title: "Mirror at ftp://example.org/x.exe", Publisher: "-a@b.example", URL: datatest.SafeURLs[0]}
		if err := tx.CreateSource(&src); err != nil {
			return err
		}
		return tx.CreateCitation(&data.Citation{EventID: e.ID, SourceID: src.ID,
			Quote: "see www.bank.example:x@evil.example", Note: "and https://-oProxyCommand=x/"})
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
