package markup_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"chronoscope/data"
	"chronoscope/data/datatest"
	"chronoscope/data/export"
	"chronoscope/data/markup"
	"chronoscope/data/timelinejs"

	xhtml "golang.org/x/net/html"
)

// described exports a chronology whose description is md through every
// path that shows one: the offline HTML page (its lede), the TimelineJS
// title slide's text and the Markdown export.
func described(t *testing.T, md string) (page, slide, markdown string) {
	t.Helper()
	s := datatest.NewStore(t)
	if err := s.Update(func(tx *data.Tx) error {
		return tx.SetChronology(data.Chronology{Title: "T", Description: md})
	}); err != nil {
		t.Fatal(err)
	}
	var h, j, m bytes.Buffer
	if err := s.View(func(tx *data.Tx) error {
		if err := export.WriteHTML(tx, &h, export.Options{}); err != nil {
			return err
		}
		if err := timelinejs.WriteJSON(tx, &j, timelinejs.WriteOptions{}); err != nil {
			return err
		}
		return export.WriteMarkdown(tx, &m, export.Options{})
	}); err != nil {
		t.Fatal(err)
	}
	const lede = `<div class="lede">`
	if i := strings.Index(h.String(), lede); i >= 0 {
		page = h.String()[i+len(lede):]
		page = page[:strings.Index(page, "</div>")]
	}
	var doc struct {
		Title struct{ Text struct{ Text string } }
	}
	if err := json.Unmarshal(j.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	markdown = strings.TrimSuffix(strings.TrimPrefix(m.String(), "# T\n\n"), "\n\n")
	return page, doc.Title.Text.Text, markdown
}

// shape is an HTML fragment as a reader sees it: its tags with their
// addresses and its text, character references decoded, all else left out
// (and the empty <span>s the TimelineJS export puts in addresses).
func shape(fragment string) string {
	var b strings.Builder
	markup.WalkHTML(fragment, func(t xhtml.Token) {
		if t.Data == "span" && t.Type != xhtml.TextToken {
			return
		}
		switch t.Type {
		case xhtml.TextToken:
			b.WriteString(t.Data)
		case xhtml.StartTagToken:
			b.WriteString("<" + t.Data)
			if href := markup.Attr(t, "href"); href != "" {
				b.WriteString(" " + href)
			}
			b.WriteString(">")
		case xhtml.EndTagToken:
			b.WriteString("</" + t.Data + ">")
		}
	})
	return b.String()
}

// hrefs returns the addresses of a fragment's links.
func hrefs(fragment string) []string {
	var out []string
	markup.WalkHTML(fragment, func(t xhtml.Token) {
		if t.Type == xhtml.StartTagToken && t.Data == "a" {
			out = append(out, markup.Attr(t, "href"))
		}
	})
	return out
}

// TestEveryPathRendersTheSame runs one set of descriptions through the
// offline HTML page, the TimelineJS export and the Markdown export: the
// page shows what want says, the slide the same markup and text (its
// links without the page's new-tab attributes, refused addresses broken
// as TimelineJS needs), the exported Markdown renders to the page's HTML,
// and no path holds a link to an address data.CheckURL refuses. A
// TimelineJS import of the slide gives back Markdown that renders the
// same, but for what TimelineJS text cannot keep (lossy).
func TestEveryPathRendersTheSame(t *testing.T) {
	const tab = ` rel="noopener noreferrer" target="_blank"`
	type desc struct {
		name, md, want string
		lossy          bool
		shown          string // text the page must show (a refused address)
	}
	tests := []desc{
		{"emphasis", "**Strong**, *em*, _em too_, snake_case_name, \\*not em\\*, **unclosed *nested",
			"<p><strong>Strong</strong>, <em>em</em>, <em>em too</em>, snake_case_name, *not em*, **unclosed *nested</p>", false, ""},
		{"links", "[site](https://example.org/a?b=1&c=2) <https://example.org/auto> [mail](mailto:editor@example.org) www.example.org",
			`<p><a href="https://example.org/a?b=1&amp;c=2"` + tab + `>site</a> <a href="https://example.org/auto"` + tab + `>https://example.org/auto</a> ` +
				`<a href="mailto:editor@example.org"` + tab + `>mail</a> www.example.org</p>`, false, ""},
		{"refused link", "See [the report](file:///etc/passwd).", "<p>See the report (<code>file:///etc/passwd</code>).</p>", false, ""},
		{"refused bare address", "at ftp://example.org/x.exe now", "<p>at <code>ftp://example.org/x.exe</code> now</p>", false, ""},
		{"picture", "![chart](https://example.org/c.png)", `<p><a href="https://example.org/c.png"` + tab + `>chart</a></p>`, false, ""},
		{"lists", "- one\n- *two*\n\n1. first\n2. second", "<ul><li>one</li><li><em>two</em></li></ul><ol><li>first</li><li>second</li></ol>", false, ""},
		{"code", "`a<b>` and ``x ` y``\n\n```\nfunc f() {\n  return\n}\n```",
			"<p><code>a&lt;b&gt;</code> and <code>x ` y</code></p><pre><code>func f() {\n  return\n}\n</code></pre>", false, ""},
		{"loose and nested lists", "- first\n\n  second paragraph\n- next\n  - inner *em*\n\n3. three\n4. four",
			"<ul><li><p>first</p><p>second paragraph</p></li><li><p>next</p><ul><li>inner <em>em</em></li></ul></li></ul><ol start=\"3\"><li>three</li><li>four</li></ol>", false, ""},
		{"headings", "# Title\n\nText\n\n### Small", "<p><strong>Title</strong></p><p>Text</p><p><strong>Small</strong></p>", false, ""},
		{"raw HTML", `a <b>bold</b> move <script>alert(1)</script>`,
			"<p>a <code>&lt;b&gt;</code>bold<code>&lt;/b&gt;</code> move <code>&lt;script&gt;</code>alert(1)<code>&lt;/script&gt;</code></p>", false, ""},
		{"HTML block", "<div onclick=\"x()\">\nhi\n</div>", "<pre><code>&lt;div onclick=&#34;x()&#34;&gt;\nhi\n&lt;/div&gt;\n</code></pre>", false, ""},
		{"HTML blocks with a closing line", "<!--\nnote\n-->\n\n<script>\nalert(1)\n</script>\nafter",
			"<pre><code>&lt;!--\nnote\n--&gt;\n</code></pre><pre><code>&lt;script&gt;\nalert(1)\n&lt;/script&gt;\n</code></pre><p>after</p>", false, ""},
		{"entities", "AT&amp;T &copy; &#65; & \"quoted\" 'single'", "<p>AT&amp;T © A &amp; &#34;quoted&#34; &#39;single&#39;</p>", false, ""},
		{"line breaks", "one\ntwo\r\nthree\n\nnext", "<p>one<br>two<br>three</p><p>next</p>", false, ""},
		{"quote", "> quoted\n> more", "<blockquote><p>quoted<br>more</p></blockquote>", true, ""},
	}
	for i, u := range datatest.HostileURLs {
		md := datatest.MarkdownLink("label", u) + " and <" + u + "> and " + `<a href="` + u + `">html</a>`
		tests = append(tests, desc{name: "hostile " + string(rune('a'+i)), md: md, lossy: true, shown: "label (<code>" + u + "</code>)"})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page, slide, md := described(t, tt.md)
			if tt.want != "" && page != tt.want {
				t.Errorf("page shows\n%s\nwant\n%s", page, tt.want)
			}
			if tt.shown != "" && !strings.Contains(shape(page), tt.shown) {
				t.Errorf("page %.200q does not show %.80q", page, tt.shown)
			}
			if got, want := shape(slide), shape(page); got != want {
				t.Errorf("TimelineJS slide reads\n%s\nthe page\n%s", got, want)
			}
			if got := markup.HTML(md, markup.HTMLOptions{NewTab: true}); got != page {
				t.Errorf("the Markdown export %q renders as\n%s\nthe page\n%s", md, got, page)
			}
			for _, h := range append(hrefs(page), hrefs(slide)...) {
				if err := data.CheckURL(h); err != nil {
					t.Errorf("a link to a refused address: %v", err)
				}
			}
			for _, l := range datatest.LiveLinks(md) {
				if strings.HasPrefix(l, "html:") || data.CheckURL(l) != nil {
					t.Errorf("the Markdown export %q holds a live link %.80q", md, l)
				}
			}
			if !tt.lossy {
				back := markup.FromHTML(slide)
				if got, want := shape(markup.HTML(back, markup.HTMLOptions{})), shape(page); got != want {
					t.Errorf("imported back as %q, which reads\n%s\nwant\n%s", back, got, want)
				}
			}
		})
	}
}

// FuzzHTML: whatever the Markdown, HTML links only addresses
// data.CheckURL accepts and writes no tag but its own; its HTML reads back
// (FromHTML) as Markdown whose rendering holds the same words, or more
// (emphasis the Markdown cannot mark where it stands, next to
// punctuation, is written with its asterisks as text), and no link to a
// refused address.
func FuzzHTML(f *testing.F) {
	for _, s := range []string{
		"**a** *b* `c` [d](https://e.org)", "<a href=file:///x>y</a>", "- a\n- b\n\n1. c", "# h\n\n> q",
		"```\nx\n```", "![p](javascript:x)", "a\nb", "&amp; &copy; &#0;", "[\xe9]()",
		"* * 0)", "10. a\n    - b\n    - c\n\n    d",
	} {
		f.Add(s)
	}
	own := map[string]bool{"p": true, "br": true, "strong": true, "em": true, "code": true, "pre": true, "a": true,
		"ul": true, "ol": true, "li": true, "blockquote": true, "hr": true}
	check := func(t *testing.T, md, h string, opt markup.HTMLOptions) {
		markup.WalkHTML(h, func(tok xhtml.Token) {
			if tok.Type == xhtml.StartTagToken && !own[tok.Data] && (tok.Data != "span" || !opt.BreakAddresses) {
				t.Errorf("HTML(%q) = %q writes <%s>", md, h, tok.Data)
			}
			if tok.Data == "a" && tok.Type == xhtml.StartTagToken {
				if err := data.CheckURL(markup.Attr(tok, "href")); err != nil {
					t.Errorf("HTML(%q) = %q: %v", md, h, err)
				}
			}
		})
	}
	f.Fuzz(func(t *testing.T, md string) {
		for _, opt := range []markup.HTMLOptions{{}, {NewTab: true, BreakAddresses: true}} {
			h := markup.HTML(md, opt)
			check(t, md, h, opt)
			back := markup.HTML(markup.FromHTML(h), opt)
			check(t, md, back, opt)
			if !opt.BreakAddresses && utf8.ValidString(md) {
				// The same words: no two run together, none split.
				words := func(h string) string {
					return strings.Join(strings.Fields(strings.ReplaceAll(markup.HTMLText(h), "*", "")), " ")
				}
				if got, want := words(back), words(h); got != want {
					t.Errorf("HTML(%q) = %q reads back as %q: %q, want %q", md, h, back, got, want)
				}
			}
		}
	})
}
