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
	"github.com/yuin/goldmark/util"
	xhtml "golang.org/x/net/html"
)

// HTMLOptions say how HTML writes links for the place a description is
// shown; the markup is the same everywhere.
type HTMLOptions struct {
	// NewTab makes links open in a new tab with no opener or referrer
	// (rel="noopener noreferrer" target="_blank"), for a page of our own.
	NewTab bool
	// BreakAddresses writes the ':' of an address in the text that
	// data.CheckURL refuses as the character reference &#58;, which reads
	// the same, for viewers that link the addresses they find in text
	// (TimelineJS).
	BreakAddresses bool
}

// HTML renders a description's Markdown as an HTML fragment, compact (no
// line breaks between tags), through goldmark: every link data.CheckURL
// refuses is its label and its address in code, an autolink or bare
// address it refuses is the address in code, and raw HTML is text in
// code, so the fragment holds no markup the author wrote and no link that
// may not be opened.
// A line break in a paragraph is a line break (<br>); a heading is a bold
// paragraph, whatever its level (a description sits under headings of
// the page it is shown in); a picture is a link to it labelled with its
// alt text (descriptions load nothing).
func HTML(md string, opt HTMLOptions) string {
	if strings.TrimSpace(md) == "" {
		return ""
	}
	conv := sameTab
	if opt.NewTab {
		conv = newTab
	}
	var b bytes.Buffer
	if err := conv.Convert([]byte(md), &b); err != nil {
		// goldmark fails only when its writer does, and a buffer does not.
		return "<p>" + html.EscapeString(md) + "</p>"
	}
	return compact(b.Bytes(), opt.BreakAddresses)
}

var (
	sameTab = converter(false)
	newTab  = converter(true)
)

func converter(newTab bool) goldmark.Markdown {
	return goldmark.New(
		goldmark.WithParserOptions(parser.WithInlineParsers(util.Prioritized(bareLinks{extension.NewLinkifyParser()}, 999))),
		goldmark.WithRendererOptions(
			ghtml.WithHardWraps(),
			renderer.WithNodeRenderers(util.Prioritized(descRenderer{newTab: newTab}, 100)),
		))
}

// descRenderer renders what HTML writes in its own way, before goldmark's
// HTML renderer: headings, links, autolinks, pictures and raw HTML.
type descRenderer struct{ newTab bool }

// RegisterFuncs implements renderer.NodeRenderer.
func (r descRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, r.heading)
	reg.Register(ast.KindLink, r.link)
	reg.Register(ast.KindImage, r.link)
	reg.Register(ast.KindAutoLink, r.autoLink)
	reg.Register(ast.KindRawHTML, r.rawHTML)
	reg.Register(ast.KindHTMLBlock, r.htmlBlock)
}

func (r descRenderer) heading(w util.BufWriter, _ []byte, _ ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.WriteString("<p><strong>")
	} else {
		w.WriteString("</strong></p>\n")
	}
	return ast.WalkContinue, nil
}

// link writes a link or a picture as a link to its address; one to an
// address data.CheckURL refuses is its label, then its address in code.
func (r descRenderer) link(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	var dest string
	switch n := n.(type) {
	case *ast.Link:
		dest = linkDestination(n.Destination)
	case *ast.Image:
		dest = linkDestination(n.Destination)
	}
	ok := data.CheckURL(dest) == nil
	switch {
	case entering && ok:
		r.open(w, dest)
		if !n.HasChildren() {
			w.WriteString(html.EscapeString(dest))
		}
	case ok:
		w.WriteString("</a>")
	case !entering && !n.HasChildren():
		w.WriteString("<code>" + html.EscapeString(dest) + "</code>")
	case !entering:
		w.WriteString(" (<code>" + html.EscapeString(dest) + "</code>)")
	}
	return ast.WalkContinue, nil
}

func (r descRenderer) autoLink(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.AutoLink)
	if !entering {
		return ast.WalkContinue, nil
	}
	u := autoLinkURL(n, src)
	label := html.EscapeString(string(n.Label(src)))
	_, bare := n.Attribute(bareAttr)
	switch {
	case data.CheckURL(u) != nil:
		w.WriteString("<code>" + label + "</code>")
		return ast.WalkContinue, nil
	case bare:
		w.WriteString(label)
		return ast.WalkContinue, nil
	}
	r.open(w, u)
	w.WriteString(label + "</a>")
	return ast.WalkContinue, nil
}

func (r descRenderer) open(w util.BufWriter, u string) {
	w.WriteString(`<a href="` + html.EscapeString(u) + `"`)
	if r.newTab {
		w.WriteString(` rel="noopener noreferrer" target="_blank"`)
	}
	w.WriteString(">")
}

// lineBreaksAsSpaces writes a code span's line breaks as spaces.
var lineBreaksAsSpaces = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ")

// rawHTML writes raw HTML in a line as code, and htmlBlock a block of it
// as text.
func (r descRenderer) rawHTML(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		n := node.(*ast.RawHTML)
		w.WriteString("<code>")
		for i := range n.Segments.Len() {
			seg := n.Segments.At(i)
			w.WriteString(html.EscapeString(lineBreaksAsSpaces.Replace(string(seg.Value(src)))))
		}
		w.WriteString("</code>")
	}
	return ast.WalkSkipChildren, nil
}

func (r descRenderer) htmlBlock(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		n := node.(*ast.HTMLBlock)
		w.WriteString("<p>")
		for i := range n.Lines().Len() {
			if i > 0 {
				w.WriteString("<br>")
			}
			line := n.Lines().At(i)
			w.WriteString(html.EscapeString(strings.TrimRight(string(line.Value(src)), "\r\n")))
		}
		w.WriteString("</p>\n")
	}
	return ast.WalkSkipChildren, nil
}

// compact rewrites goldmark's HTML without the line breaks it puts
// between tags (a <pre> keeps its own), its text escaped again: quotes as
// character references, and with breakAddresses the ':' of addresses
// data.CheckURL refuses and every ':' in code (see HTMLOptions).
func compact(src []byte, breakAddresses bool) string {
	z := xhtml.NewTokenizer(bytes.NewReader(src))
	var b strings.Builder
	pre, code, afterBreak := 0, 0, false
	for {
		tt := z.Next()
		switch tt {
		case xhtml.ErrorToken:
			return b.String()
		case xhtml.TextToken:
			t := string(z.Text())
			if pre == 0 {
				if afterBreak {
					t = strings.TrimPrefix(t, "\n")
				}
				if strings.Trim(t, "\n") == "" {
					continue
				}
			}
			switch {
			case breakAddresses && code > 0:
				// A disarmed address is a code span; it may have no "//".
				b.WriteString(strings.ReplaceAll(html.EscapeString(t), ":", "&#58;"))
			case breakAddresses:
				b.WriteString(textHTML(t))
			default:
				b.WriteString(html.EscapeString(t))
			}
			afterBreak = false
			continue
		}
		raw := string(z.Raw())
		name, _ := z.TagName()
		switch {
		case string(name) == "pre" && tt == xhtml.StartTagToken:
			pre++
		case string(name) == "pre" && tt == xhtml.EndTagToken:
			pre--
		case string(name) == "code" && tt == xhtml.StartTagToken:
			code++
		case string(name) == "code" && tt == xhtml.EndTagToken:
			code--
		}
		afterBreak = string(name) == "br"
		b.WriteString(raw)
	}
}

// textHTML escapes text for a viewer that links the addresses it finds in
// text (http://, https://, ftp://, www.): the ':' of an address
// data.CheckURL refuses is written as a character reference, which reads
// the same but is no address to a pattern run over the HTML.
func textHTML(s string) string {
	var b strings.Builder
	at := 0
	for i := strings.Index(s, "://"); i >= 0; i = nextIndex(s, "://", i+3) {
		start := i
		for start > 0 && isSchemeByte(s[start-1]) {
			start--
		}
		// The address runs to the next space: escaped as HTML, any other
		// character may be taken into it.
		stop := i + 3
		for stop < len(s) && strings.IndexByte(" \t\n\r\f\v", s[stop]) < 0 {
			stop++
		}
		if start == i || data.CheckURL(s[start:stop]) == nil {
			continue
		}
		b.WriteString(html.EscapeString(s[at:i]))
		b.WriteString("&#58;")
		at = i + 1
	}
	b.WriteString(html.EscapeString(s[at:]))
	return b.String()
}

// nextIndex is the index of sub in s at or after from, or -1.
func nextIndex(s, sub string, from int) int {
	if i := strings.Index(s[from:], sub); i >= 0 {
		return from + i
	}
	return -1
}

func isSchemeByte(c byte) bool {
	return c|0x20 >= 'a' && c|0x20 <= 'z' || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'
}
