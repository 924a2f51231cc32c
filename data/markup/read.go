package markup

import (
	"slices"
	"strconv"
	"strings"

	"chronoscope/data"

	xhtml "golang.org/x/net/html"
)

// HTML from elsewhere (TimelineJS slides, feeds) and the HTML this package
// writes are read as blocks (ReadHTML), which FromHTML writes as Markdown
// and the window draws. The reader understands the tags such text uses
// (p, div, br, b, strong, i, em, cite, code, pre, a, ul, ol, li, h1–h6,
// blockquote, hr) and keeps the text of every other tag. Reader and writer
// are this package's own, not a converter library's: the one tried
// (html-to-markdown) ran words together or lost them on FuzzHTML's corpus,
// and would have brought a second escaper.
//
// What is lost: classes and styles, images, iframes and embeds, tables
// (their cells become running text), heading levels (a heading becomes a
// bold paragraph), which of emphasis and a link is inside the other, and
// links whose address data.CheckURL refuses (the link text is kept);
// FromHTML also loses quotes (their text is kept).

// A Block is a paragraph, a code block, a rule or a list.
type Block struct {
	Kind    BlockKind
	Inlines []Inline  // a paragraph's text, never empty
	Quote   bool      // a paragraph in a quote
	Code    string    // a code block's text
	Items   [][]Block // a list's items
	Ordered bool
	Start   int // an ordered list's first number
}

// BlockKind says what a Block is.
type BlockKind int

// The kinds of Block.
const (
	Paragraph BlockKind = iota
	CodeBlock
	Rule
	List
)

// An Inline is a run of a paragraph's text in one style, its character
// references decoded, control characters dropped and runs of white space
// one space; "\n" alone is a line break. A paragraph's runs hold no space
// at its ends, nor two in a row, nor one next to a line break, but in code.
type Inline struct {
	Text             string
	Strong, Em, Code bool
	Href             string // the address of the link it is in ("" if none, or if data.CheckURL refuses it)
}

func (in Inline) sameStyle(o Inline) bool {
	return in.Strong == o.Strong && in.Em == o.Em && in.Code == o.Code && in.Href == o.Href
}

// WalkHTML calls fn for each text run (its character references decoded)
// and tag of the HTML fragment s, in order, read by golang.org/x/net/html's
// tokenizer. A self-closing tag is a start tag; comments and doctypes are
// dropped, and so is the content of script and style elements.
func WalkHTML(s string, fn func(xhtml.Token)) {
	z := xhtml.NewTokenizer(strings.NewReader(s))
	skip := false
	for {
		switch z.Next() {
		case xhtml.ErrorToken:
			return
		case xhtml.CommentToken, xhtml.DoctypeToken:
			continue
		case xhtml.TextToken:
			if skip {
				continue
			}
		}
		t := z.Token()
		if t.Type == xhtml.SelfClosingTagToken {
			t.Type = xhtml.StartTagToken
		}
		skip = t.Type == xhtml.StartTagToken && (t.Data == "script" || t.Data == "style")
		fn(t)
	}
}

// Attr returns the value of a tag's attribute, or "".
func Attr(t xhtml.Token, name string) string {
	for _, a := range t.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

// blockTags start and end a paragraph.
var blockTags = map[string]bool{
	"p": true, "div": true, "blockquote": true, "section": true, "article": true, "figure": true,
	"figcaption": true, "table": true, "tr": true, "header": true, "footer": true, "pre": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true, "hr": true,
	"ul": true, "ol": true, "li": true,
}

// CleanText drops control characters other than tab and newline, which
// no title or description should carry. (strings.Map copies nothing when
// it drops nothing.)
func CleanText(s string) string {
	return strings.Map(func(r rune) rune {
		if (r < 0x20 && r != '\t' && r != '\n') || (r >= 0x7f && r < 0xa0) {
			return -1
		}
		return r
	}, s)
}

// HTMLText returns the readable text of an HTML fragment on one line:
// tags dropped, character references decoded, control characters dropped
// and runs of white space made one space.
func HTMLText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return strings.Join(strings.Fields(CleanText(s)), " ")
	}
	var b strings.Builder
	WalkHTML(s, func(t xhtml.Token) {
		switch {
		case t.Type == xhtml.TextToken:
			b.WriteString(t.Data)
		case blockTags[t.Data] || t.Data == "br" || t.Data == "td" || t.Data == "th":
			b.WriteByte(' ')
		}
	})
	return strings.Join(strings.Fields(CleanText(b.String())), " ")
}

// ReadHTML reads an HTML fragment as blocks.
func ReadHTML(s string) []Block {
	var r htmlReader
	WalkHTML(s, r.token)
	for len(r.lists) > 0 {
		r.closeList()
	}
	r.endParagraph()
	return r.doc
}

// An htmlReader builds blocks from the tokens of WalkHTML.
type htmlReader struct {
	doc   []Block
	lists []Block  // open lists, innermost last; the last item of each is open
	para  []Inline // the paragraph being read

	strong, em, code, quote int
	links                   []string         // the addresses of open links, innermost last
	pre                     *strings.Builder // an open <pre>'s text
	preDepth                int
}

// collapseSpace returns s with each run of HTML white space one space.
func collapseSpace(s string) string {
	plain := true
	for i := 0; i < len(s) && plain; i++ {
		c := s[i]
		plain = c != '\t' && c != '\n' && c != '\r' && c != '\f' && (c != ' ' || i == 0 || s[i-1] != ' ')
	}
	if plain {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
	return b.String()
}

func (r *htmlReader) token(t xhtml.Token) {
	if r.pre != nil {
		r.preToken(t)
		return
	}
	step := 1
	switch t.Type {
	case xhtml.TextToken:
		r.text(collapseSpace(CleanText(t.Data)))
		return
	case xhtml.EndTagToken:
		step = -1
	}
	if blockTags[t.Data] {
		r.endParagraph()
	}
	switch t.Data {
	case "b", "strong", "h1", "h2", "h3", "h4", "h5", "h6":
		r.strong = max(r.strong+step, 0) // whole in tag soup ("</b>" with no "<b>")
	case "i", "em", "cite":
		r.em = max(r.em+step, 0)
	case "code":
		r.code = max(r.code+step, 0)
	case "blockquote":
		r.quote = max(r.quote+step, 0)
	case "a":
		if href := Attr(t, "href"); step > 0 && data.CheckURL(href) == nil {
			r.links = append(r.links, href)
		} else if step > 0 {
			r.links = append(r.links, "")
		} else if len(r.links) > 0 {
			r.links = r.links[:len(r.links)-1]
		}
	case "br":
		r.text("\n")
	case "td", "th":
		r.text(" ")
	case "hr":
		*r.container() = append(*r.container(), Block{Kind: Rule})
	case "pre":
		r.pre, r.preDepth = &strings.Builder{}, 1
	case "ul", "ol":
		if step > 0 {
			start, err := strconv.Atoi(Attr(t, "start"))
			if err != nil || start < 0 || start > 999_999_999 || t.Data == "ul" {
				start = 1
			}
			r.lists = append(r.lists, Block{Kind: List, Ordered: t.Data == "ol", Start: start})
		} else if len(r.lists) > 0 {
			r.closeList()
		}
	case "li":
		if step > 0 {
			if len(r.lists) == 0 {
				r.lists = append(r.lists, Block{Kind: List, Start: 1})
			}
			l := &r.lists[len(r.lists)-1]
			l.Items = append(l.Items, nil)
		}
	}
}

// preToken gathers the text of an open <pre>, a <br> as a line break.
func (r *htmlReader) preToken(t xhtml.Token) {
	switch {
	case t.Type == xhtml.TextToken:
		r.pre.WriteString(t.Data)
	case t.Data == "br" && t.Type == xhtml.StartTagToken:
		r.pre.WriteByte('\n')
	case t.Data == "pre" && t.Type == xhtml.StartTagToken:
		r.preDepth++
	case t.Data == "pre" && t.Type == xhtml.EndTagToken:
		if r.preDepth--; r.preDepth > 0 {
			return
		}
		code := strings.TrimRight(strings.TrimLeft(CleanText(r.pre.String()), "\n"), "\n ")
		r.pre = nil
		if strings.TrimSpace(code) != "" {
			*r.container() = append(*r.container(), Block{Kind: CodeBlock, Code: code})
		}
	}
}

// container is where blocks go now: the open item of the innermost open
// list (one is opened if none is), or the document.
func (r *htmlReader) container() *[]Block {
	if len(r.lists) == 0 {
		return &r.doc
	}
	l := &r.lists[len(r.lists)-1]
	if len(l.Items) == 0 {
		l.Items = append(l.Items, nil)
	}
	return &l.Items[len(l.Items)-1]
}

func (r *htmlReader) closeList() {
	r.endParagraph()
	l := r.lists[len(r.lists)-1]
	r.lists = r.lists[:len(r.lists)-1]
	if len(l.Items) > 0 {
		*r.container() = append(*r.container(), l)
	}
}

// text adds text to the paragraph in the style of the tags around it,
// without a space at the paragraph's start, after a space or next to a
// line break (but in code).
func (r *htmlReader) text(s string) {
	in := Inline{Text: s, Strong: r.strong > 0, Em: r.em > 0, Code: r.code > 0}
	if len(r.links) > 0 {
		in.Href = r.links[len(r.links)-1]
	}
	var prev *Inline
	if n := len(r.para); n > 0 {
		prev = &r.para[n-1]
	}
	switch {
	case s == "\n" && in.Code:
		in.Text = " " // a line break in code shows as a space
	case s == "\n" && prev == nil:
		return // a paragraph does not begin with a line break
	case s == "\n" && !prev.Code:
		prev.Text = strings.TrimRight(prev.Text, " ")
	case !in.Code && (prev == nil || prev.Text == "\n" || !prev.Code && strings.HasSuffix(prev.Text, " ")):
		in.Text = strings.TrimLeft(s, " ")
	}
	if in.Text == "" {
		return
	}
	if prev != nil && in.Text != "\n" && prev.Text != "\n" && prev.sameStyle(in) {
		prev.Text += in.Text
		return
	}
	if r.para == nil {
		r.para = make([]Inline, 0, 8)
	}
	r.para = append(r.para, in)
}

// endParagraph adds the paragraph read so far, if it holds anything but
// white space, without a space or line break at its end.
func (r *htmlReader) endParagraph() {
	para := r.para
	r.para = nil
	for n := len(para); n > 0 && (para[n-1].Text == "\n" || !para[n-1].Code && strings.TrimSpace(para[n-1].Text) == ""); n-- {
		para = para[:n-1]
	}
	if n := len(para); n > 0 && !para[n-1].Code {
		para[n-1].Text = strings.TrimRight(para[n-1].Text, " ")
	}
	if slices.ContainsFunc(para, func(in Inline) bool { return strings.TrimSpace(in.Text) != "" }) {
		*r.container() = append(*r.container(), Block{Kind: Paragraph, Inlines: para, Quote: r.quote > 0})
	}
}
