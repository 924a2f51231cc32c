package markup

import (
	"bytes"
	"html"
	"strings"

	"chronoscope/data"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	ghtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	xhtml "golang.org/x/net/html"
)

// HTMLOptions say how HTML writes links for the place a description is
// shown; the markup is the same everywhere.
type HTMLOptions struct {
	// NewTab makes links open in a new tab with no opener or referrer
	// (rel="noopener noreferrer" target="_blank"), for a page of our own.
	NewTab bool
	// BreakAddresses writes text so that TimelineJS, which links the
	// addresses it finds in a slide's HTML, links only those from a scheme
	// that data.CheckURL accepts: see AutolinkText.
	BreakAddresses bool
}

// HTML renders a description's Markdown as an HTML fragment, compact (no
// line breaks between tags), through goldmark: every link data.CheckURL
// refuses is its label and its address in code, an autolink or bare
// address it refuses is the address in code, and raw HTML is text in
// code (a block of it, a code block), so the fragment holds no markup the
// author wrote and no link that may not be opened.
// A line break in a paragraph is a line break (<br>); a heading is a bold
// paragraph, whatever its level (a description sits under headings of
// the page it is shown in); a picture is a link to it labelled with its
// alt text (descriptions load nothing).
func HTML(md string, opt HTMLOptions) string {
	if strings.TrimSpace(md) == "" {
		return ""
	}
	// Without control characters, which the page would not show: dropped
	// only after goldmark, they could join two words into an address.
	md = CleanText(lineEnds.Replace(md))
	var b bytes.Buffer
	if err := converter.Convert([]byte(md), &b); err != nil {
		// goldmark fails only when its writer does, and a buffer does not.
		return "<p>" + html.EscapeString(md) + "</p>"
	}
	return compact(b.Bytes(), opt)
}

// lineEnds are a carriage return's line ends, as line feeds.
var lineEnds = strings.NewReplacer("\r\n", "\n", "\r", "\n")

var converter = goldmark.New(
	goldmark.WithParserOptions(parser.WithInlineParsers(util.Prioritized(bareLinks{extension.NewLinkifyParser()}, 999))),
	goldmark.WithRendererOptions(
		ghtml.WithHardWraps(),
		renderer.WithNodeRenderers(util.Prioritized(descRenderer{}, 100)),
	))

// descRenderer renders what HTML writes in its own way, before goldmark's
// HTML renderer: headings, links, autolinks, pictures and raw HTML.
type descRenderer struct{}

// RegisterFuncs implements renderer.NodeRenderer.
func (r descRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, r.heading)
	reg.Register(ast.KindLink, r.link)
	reg.Register(ast.KindImage, r.link)
	reg.Register(ast.KindAutoLink, r.link)
	reg.Register(ast.KindRawHTML, r.rawHTML)
	reg.Register(ast.KindHTMLBlock, r.rawHTML)
}

func (r descRenderer) heading(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.WriteString("<p><strong>")
	} else {
		w.WriteString("</strong></p>\n")
	}
	return ast.WalkContinue, nil
}

// link writes a link, a picture or an autolink as a link to its address,
// labelled with its text, or the address when it has none; a bare address
// stays text. One to an address data.CheckURL refuses is its label, then
// its address in code, or the address in code alone.
func (r descRenderer) link(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	var dest string
	bare := false
	switch n := n.(type) {
	case *ast.Link:
		dest = linkDestination(n.Destination)
	case *ast.Image:
		dest = linkDestination(n.Destination)
	case *ast.AutoLink:
		dest = autoLinkURL(n, src)
		_, bare = n.Attribute(bareAttr)
	}
	label := html.EscapeString(dest)
	if a, ok := n.(*ast.AutoLink); ok {
		label = html.EscapeString(string(a.Label(src)))
	}
	ok, own := data.CheckURL(dest) == nil, !n.HasChildren()
	switch {
	case ok && bare:
		if entering {
			w.WriteString(label)
		}
	case ok && entering:
		w.WriteString(`<a href="` + html.EscapeString(dest) + `">`)
		if own {
			w.WriteString(label)
		}
	case ok:
		w.WriteString("</a>")
	case !entering && own:
		w.WriteString("<code>" + label + "</code>")
	case !entering:
		w.WriteString(" (<code>" + html.EscapeString(dest) + "</code>)")
	}
	return ast.WalkContinue, nil
}

// rawHTML writes raw HTML as text in code: in a line, a code span, its
// line breaks as spaces; a block of it, its closing line too, a code
// block, which no Markdown reader links anything in.
func (r descRenderer) rawHTML(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	var segs []text.Segment
	open, lineBreak, end := "<pre><code>", "\n", "\n</code></pre>\n"
	switch n := node.(type) {
	case *ast.RawHTML:
		segs, open, lineBreak, end = n.Segments.Sliced(0, n.Segments.Len()), "<code>", " ", "</code>"
	case *ast.HTMLBlock:
		segs = n.Lines().Sliced(0, n.Lines().Len())
		if n.HasClosure() {
			segs = append(segs, n.ClosureLine)
		}
	}
	var raw []byte
	for _, seg := range segs {
		raw = append(raw, seg.Value(src)...)
	}
	// HTML has made every line end a "\n".
	w.WriteString(open + strings.ReplaceAll(html.EscapeString(strings.TrimRight(string(raw), "\n")), "\n", lineBreak) + end)
	return ast.WalkSkipChildren, nil
}

// compact rewrites goldmark's HTML without the line breaks it puts
// between tags (a <pre> keeps its own), its text escaped again (quotes as
// character references), with opt's links and addresses.
func compact(src []byte, opt HTMLOptions) string {
	z := xhtml.NewTokenizer(bytes.NewReader(src))
	var b strings.Builder
	pre, code := 0, 0
	for tt := z.Next(); tt != xhtml.ErrorToken; tt = z.Next() {
		if tt != xhtml.TextToken {
			raw, step := string(z.Raw()), 1
			if tt == xhtml.EndTagToken {
				step = -1
			}
			name, _ := z.TagName()
			switch string(name) {
			case "pre":
				pre += step
			case "code":
				code += step
			case "a":
				if opt.NewTab && step > 0 {
					raw = strings.TrimSuffix(raw, ">") + ` rel="noopener noreferrer" target="_blank">`
				}
			}
			b.WriteString(raw)
			continue
		}
		// Outside a <pre>, a text's line breaks are goldmark's, between
		// tags: a line break of the author's is a <br>.
		t := string(z.Text())
		if pre == 0 {
			if t = strings.Trim(t, "\n"); t == "" {
				continue
			}
		}
		if opt.BreakAddresses {
			b.WriteString(AutolinkText(t))
		} else {
			b.WriteString(html.EscapeString(t))
		}
	}
	return b.String()
}

// AutolinkText escapes text as HTML for a slide's text in TimelineJS. It
// sanitizes a slide's HTML (DOMPurify, which writes character references
// back as the characters), then links what three patterns find over the
// whole string: an address from a scheme ("scheme://…"), "www.…" and a
// mail address. The last two run on into tags and attributes, so no text
// is left for them: an empty <span> goes before every '@' and every '.'
// after "www" outside the addresses from a scheme that it links, and
// before the ':' of one data.CheckURL refuses. The text reads the same.
func AutolinkText(s string) string {
	var b strings.Builder
	at := 0
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '@', s[i] == '.' && i >= 3 && strings.EqualFold(s[i-3:i], "www") && (i == 3 || s[i-4] != '/'):
		case strings.HasPrefix(s[i:], "://"):
			start := schemeStart(s, i)
			if start == i {
				continue
			}
			end := strings.IndexAny(s[i:], " \t\n\r\f\v") // the address runs to the next space
			if end < 0 {
				end = len(s) - i
			}
			if data.CheckURL(s[start:i+end]) == nil {
				i = timelineLinkEnd(s, i+3) - 1 // TimelineJS links it
				continue
			}
		default:
			continue
		}
		b.WriteString(html.EscapeString(s[at:i]) + "<span></span>")
		at = i
	}
	b.WriteString(html.EscapeString(s[at:]))
	return b.String()
}

// timelineLinkEnd is where TimelineJS's pattern for an address from a
// scheme stops, for the address whose "://" ends at from: past the run of
// its address characters, less the punctuation it does not end on.
func timelineLinkEnd(s string, from int) int {
	end := from
	for end < len(s) && (isSchemeByte(s[end]) || strings.IndexByte("&@#/%?=~_|!:,;", s[end]) >= 0) {
		end++
	}
	for end > from && strings.IndexByte(".!:,;?", s[end-1]) >= 0 {
		end--
	}
	return end
}

// schemeStart is where the scheme before the "://" at i begins; i if there
// is none.
func schemeStart(s string, i int) int {
	for i > 0 && isSchemeByte(s[i-1]) {
		i--
	}
	return i
}

func isSchemeByte(c byte) bool {
	return c|0x20 >= 'a' && c|0x20 <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'
}
