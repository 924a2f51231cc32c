package app

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chronoscope/data"
	"chronoscope/data/datatest"
	"chronoscope/data/markup"
)

// leafSegments returns the segments of rt that are drawn, those in lists
// and paragraphs included.
func leafSegments(segs []widget.RichTextSegment) []widget.RichTextSegment {
	var out []widget.RichTextSegment
	for _, s := range segs {
		switch s := s.(type) {
		case *widget.ListSegment:
			out = append(out, leafSegments(s.Items)...)
		case *widget.ParagraphSegment:
			out = append(out, leafSegments(s.Texts)...)
		default:
			out = append(out, s)
		}
	}
	return out
}

// checkShownLinks checks the description shown under obj: no link to an
// address data.CheckURL refuses, each such address shown as text after
// its label, no image loaded, and a click on every link that is drawn
// reaches the app's opener with a safe address only.
func checkShownLinks(t *testing.T, obj fyne.CanvasObject, opened *openedURLs) {
	t.Helper()
	text := func(rt *widget.RichText) string {
		var b strings.Builder
		for _, s := range leafSegments(rt.Segments) {
			b.WriteString(s.Textual())
		}
		return b.String()
	}
	rt := find(t, obj, func(rt *widget.RichText) bool { return strings.Contains(text(rt), "inline 0") })
	shown := text(rt)
	for _, s := range leafSegments(rt.Segments) {
		switch s := s.(type) {
		case *widget.HyperlinkSegment:
			if s.URL == nil || data.CheckURL(s.URL.String()) != nil {
				t.Errorf("link %q to %.60v, which may not be opened", s.Text, s.URL)
			}
			if s.OnTapped == nil {
				t.Errorf("link %q opens through Fyne, not the app's checked opener", s.Text)
			}
		case *widget.ImageSegment:
			t.Errorf("an image is loaded from %v", s.Source)
		}
	}
	for i, u := range datatest.HostileURLs {
		if len(u) > maxWord {
			u = u[:maxWord] + "…" // shown cut short
		}
		t.Run(u[:min(len(u), 30)], func(t *testing.T) {
			if want := fmt.Sprintf("inline %d (%s)", i, u); !strings.Contains(shown, want) {
				t.Errorf("%.80q is not shown", want)
			}
			if want := fmt.Sprintf("reference %d (%s)", i, u); !strings.Contains(shown, want) {
				t.Errorf("%.80q is not shown", want)
			}
		})
	}
	*opened = nil
	var links []*widget.Hyperlink
	walk(rt, func(o fyne.CanvasObject) {
		if h, ok := o.(*widget.Hyperlink); ok {
			links = append(links, h)
		}
	})
	for _, h := range links {
		test.TapAt(h, fyne.NewPos(h.Size().Width/2, h.Size().Height/2))
	}
	want := []string{datatest.SafeURLs[0], datatest.SafeURLs[1], "https://example.org/p.png"}
	if got := []string(*opened); !slices.Equal(got, want) {
		t.Errorf("clicks on the %d links drawn opened %.100q, want %q", len(links), got, want)
	}
}

// describe sets the description and notes of the event titled title.
func describe(t *testing.T, ui *UI, title, md string) int64 {
	t.Helper()
	rows, err := ui.store.Window(data.Filter{Text: title})
	if err != nil || len(rows) == 0 {
		t.Fatalf("no event %q: %v", title, err)
	}
	e, err := ui.store.Event(rows[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	e.Description, e.Notes = md, md
	if err := ui.store.Update(func(tx *data.Tx) error { return tx.UpdateEvent(e) }); err != nil {
		t.Fatalf("the store refused the description: %v", err)
	}
	return e.ID
}

func TestDetailPanelChecksDescriptionLinks(t *testing.T) {
	ui, opened := newTestUI(t, datatest.DefaultFile(t))
	id := describe(t, ui, "FBI blames", datatest.HostileMarkdown(datatest.HostileURLs))
	ui.selectEvent(id)
	checkShownLinks(t, ui.detail.Object(), opened)
}

func TestPresentationChecksDescriptionLinks(t *testing.T) {
	ui, p := startPresentation(t, fyne.NewSize(1280, 720), false)
	opened := &openedURLs{}
	ui.open = opened.open
	id := describe(t, ui, "FBI blames", datatest.HostileMarkdown(datatest.HostileURLs))
	for i, s := range p.steps {
		if s.ID == id {
			p.show(i)
		}
	}
	checkShownLinks(t, p.card, opened)

	// The presenter's notes are plain text: shown as written, no link.
	// (A label wraps a 64 KB word no faster than a description, so the
	// notes leave the longest address out.)
	var urls []string
	for _, u := range datatest.HostileURLs {
		if len(u) <= maxWord {
			urls = append(urls, u)
		}
	}
	notes := datatest.HostileMarkdown(urls)
	describe(t, ui, "FBI blames", notes)
	p.show(p.index)
	typeRunes(ui, "n")
	if p.notes == nil {
		t.Fatal("N did not open the presenter's notes")
	}
	content := p.notes.Content()
	if has(content, func(*widget.Hyperlink) bool { return true }) {
		t.Error("the presenter's notes hold a link")
	}
	find(t, content, func(l *widget.Label) bool { return l.Text == notes })
}

// shownText is the text of a description's segments as drawn: the end of
// a paragraph or a code block as "|", a list item as "• " and its text, a rule as
// "---".
func shownText(segs []widget.RichTextSegment) string {
	var b strings.Builder
	for _, s := range segs {
		switch s := s.(type) {
		case *widget.ListSegment:
			for _, item := range s.Items {
				b.WriteString("• " + shownText([]widget.RichTextSegment{item}) + ";")
			}
		case *widget.ParagraphSegment:
			b.WriteString(shownText(s.Texts))
		case *widget.SeparatorSegment:
			b.WriteString("---")
		case *widget.TextSegment:
			b.WriteString(s.Text)
			if !s.Inline() {
				b.WriteString("|") // a paragraph's end, or a code block's
			}
		default:
			b.WriteString(s.Textual())
		}
	}
	return b.String()
}

// TestDescriptionReadsAsThePage: the window draws a description as the
// HTML page shows it (markup.HTML): escapes and character references
// resolved, line breaks kept, headings bold, emphasis combined, code in
// monospace, raw HTML and refused links as text, and the same letters as
// the page.
func TestDescriptionReadsAsThePage(t *testing.T) {
	tests := []struct{ md, shown string }{
		{`\*not em\* AT&amp;T &copy; 2014\. snake\_case`, "*not em* AT&T © 2014. snake_case|"},
		{"one\ntwo\\\nthree  \nfour", "one\ntwo\nthree\nfour|"},
		{"# Title\n\nBody   text", "Title|Body text|"},
		{"***both*** and `co*de*`", "both and co*de*|"},
		{"- a *b*\n  - inner\n- c\n\n1. one\n2. two", "• a b|• inner;;• c;• one;• two;"},
		{"- loose\n\n  second paragraph\n- next", "• loose\nsecond paragraph;• next;"},
		{"<!--\nnote\n-->\n\nafter <b>x</b>", "<!--\nnote\n-->|after <b>x</b>|"},
		{"See [the report](file:///etc/passwd) and <https://example.org/a>.", "See the report (file:///etc/passwd) and https://example.org/a.|"},
		{"```\nx  y\n  z\n```\n\n---\n\n> quoted\n> on", "x  y\n  z|---quoted\non|"},
	}
	for _, tt := range tests {
		rt := richDescription(tt.md, func(string) {})
		if got := shownText(rt.Segments); got != tt.shown {
			t.Errorf("%q is drawn as\n%q, want\n%q", tt.md, got, tt.shown)
		}
		page := markup.HTMLText(markup.HTML(tt.md, markup.HTMLOptions{}))
		if got, want := strings.Join(strings.Fields(strings.NewReplacer("|", " ", "• ", " ", ";", " ", "---", " ").Replace(shownText(rt.Segments))), " "), page; got != want {
			t.Errorf("%q reads in the window\n%q, on the page\n%q", tt.md, got, want)
		}
	}
	styleOf := func(md, text string) fyne.TextStyle {
		for _, s := range leafSegments(richDescription(md, func(string) {}).Segments) {
			if s, ok := s.(*widget.TextSegment); ok && strings.TrimSpace(s.Text) == text {
				return s.Style.TextStyle
			}
		}
		t.Fatalf("%q: no segment %q", md, text)
		return fyne.TextStyle{}
	}
	if st := styleOf("***both*** and `co*de*`", "both"); !st.Bold || !st.Italic {
		t.Errorf("***both*** is drawn %+v, want bold and italic", st)
	}
	if st := styleOf("***both*** and `co*de*`", "co*de*"); !st.Monospace || st.Bold {
		t.Errorf("`co*de*` is drawn %+v, want monospace only", st)
	}
	if st := styleOf("# Title\n\nBody", "Title"); !st.Bold {
		t.Errorf("a heading is drawn %+v, want bold", st)
	}
	if l, ok := richDescription("3. three\n4. four", func(string) {}).Segments[0].(*widget.ListSegment); !ok || !l.Ordered || l.StartNumber() != 3 || len(l.Items) != 2 {
		t.Errorf("a list numbered from 3 is not drawn numbered from 3")
	}
	if st := styleOf("after <b>x</b>", "<b>"); !st.Monospace {
		t.Errorf("raw HTML is drawn %+v, want it in code", st)
	}
}

// FuzzRichDescription: whatever the Markdown, the window draws no link to
// an address data.CheckURL refuses, none that opens through Fyne, no
// picture, and the words the page shows.
func FuzzRichDescription(f *testing.F) {
	for _, s := range []string{
		"**a** *b* `c` [d](https://e.org) <https://f.org> www.g.org", "[x](file:///etc/passwd) <b>raw</b>",
		"- a\n  - b\n\n  c\n- d\n\n3. e", "# h\n\n> q\n> r\n\n---\n\n```\ncode\n```", "a\\\nb &amp; \\*c\\*", "![p](javascript:x)",
	} {
		f.Add(s)
	}
	marks := strings.NewReplacer("|", "", "• ", "", ";", "", "-", "")
	f.Fuzz(func(t *testing.T, md string) {
		rt := richDescription(md, func(string) {})
		for _, s := range leafSegments(rt.Segments) {
			switch s := s.(type) {
			case *widget.HyperlinkSegment:
				if s.URL == nil || data.CheckURL(s.URL.String()) != nil || s.OnTapped == nil {
					t.Errorf("%q: link %q to %v", md, s.Text, s.URL)
				}
			case *widget.ImageSegment:
				t.Errorf("%q: a picture is loaded", md)
			}
		}
		page := markup.HTMLText(markup.HTML(md, markup.HTMLOptions{}))
		if !utf8.ValidString(md) || slices.ContainsFunc(strings.Fields(page), func(w string) bool { return len([]rune(w)) > maxWord }) {
			return // cut short in the window on purpose
		}
		if got, want := strings.Join(strings.Fields(marks.Replace(shownText(rt.Segments))), ""), strings.Join(strings.Fields(marks.Replace(page)), ""); got != want {
			t.Errorf("%q reads in the window\n%q, on the page\n%q", md, got, want)
		}
	})
}
