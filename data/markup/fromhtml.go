package markup

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"chronoscope/data"

	xhtml "golang.org/x/net/html"
)

// HTML from elsewhere (TimelineJS slides, feeds) becomes Markdown here.
// The converters understand the tags such text uses (p, div, br, b,
// strong, i, em, cite, code, pre, a, ul, ol, li, h1–h6, blockquote) and
// keep the text of every other tag.
//
// What is lost: classes and styles, images, iframes and embeds, tables
// (their cells become running text), heading levels (a heading becomes a
// bold paragraph), blockquote indentation, underline and strike-through,
// nested list indentation beyond simple two-space steps, and links whose
// address data.CheckURL refuses (the link text is kept).

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
		case blockTags[t.Data] || t.Data == "br" || t.Data == "li" || t.Data == "td" || t.Data == "th":
			b.WriteByte(' ')
		}
	})
	return strings.Join(strings.Fields(CleanText(b.String())), " ")
}

// FromHTML converts an HTML fragment to Markdown that HTML renders back
// to the same text and markup (see the list of what is lost above).
func FromHTML(s string) string {
	var w mdWriter
	WalkHTML(s, w.token)
	return w.markdown()
}

// An mdWriter builds Markdown from the tokens of WalkHTML.
type mdWriter struct {
	out   []byte
	space bool     // white space seen since the last text
	open  []mdMark // emphasis and links not yet closed, innermost last
	begun int      // open[:begun] have had their markers written (or are silent)
	lists []mdList // enclosing lists, innermost last
	code  *[]byte  // the text of an open <code> or <pre>, written when it closes
	pre   int      // depth inside <pre>
	// markerEnd is len(out) just after the last list item's marker; a
	// list that opens there (an item holding nothing before its own
	// list) starts on the marker's line, since "-" then a blank line
	// would end the empty item.
	markerEnd int
	nest      bool // the next item goes on the current marker's line
	codeEnd   int  // len(out) just after the last code span (its closing backtick is not an escaped one)
}

// An mdMark is emphasis or a link. Its marker is written with the first
// text inside it, after any white space before that text, so empty
// emphasis writes nothing and a space never follows an opening marker.
type mdMark struct {
	tag    string // "**", "*" or "[" for a link
	href   string // a link's URL
	silent bool   // writes no marker: inside emphasis of its kind, or a link data.CheckURL refuses
}

type mdList struct {
	ordered bool
	n       int
	width   int // the width of the marker last written ("- ", "10. ")
}

// markdown closes what is still open and returns the Markdown written.
func (w *mdWriter) markdown() string {
	w.closeMarks(0)
	// Only the white space the writer collapses: a Unicode space such as
	// U+2000 is text, and trimming it could put a "#" at a line's start.
	return strings.Trim(string(w.out), " \t\n\r\f")
}

// token writes one token of WalkHTML.
func (w *mdWriter) token(t xhtml.Token) {
	if w.code != nil {
		w.codeToken(t)
		return
	}
	switch t.Type {
	case xhtml.TextToken:
		w.text(t.Data)
		return
	case xhtml.StartTagToken:
		switch t.Data {
		case "br":
			w.lineBreak()
		case "b", "strong", "h1", "h2", "h3", "h4", "h5", "h6":
			if t.Data[0] == 'h' { // a heading is a bold paragraph
				w.block()
			}
			w.openMark("**", "")
		case "i", "em", "cite":
			w.openMark("*", "")
		case "a":
			w.openMark("[", Attr(t, "href"))
		case "code":
			w.code = new([]byte)
		case "pre":
			w.block()
			w.code, w.pre = new([]byte), 1
		case "ul", "ol":
			w.lists = append(w.lists, mdList{ordered: t.Data == "ol"})
			w.nest = len(w.out) > 0 && len(w.out) == w.markerEnd && len(w.open) == 0
			if !w.nest {
				w.block()
			}
		case "li":
			w.item()
		case "td", "th":
			w.space = true
		default:
			if blockTags[t.Data] && len(w.lists) == 0 {
				w.block()
			}
		}
	case xhtml.EndTagToken:
		switch t.Data {
		case "b", "strong", "h1", "h2", "h3", "h4", "h5", "h6":
			w.closeMark("**")
		case "i", "em", "cite":
			w.closeMark("*")
		case "a":
			w.closeMark("[")
		case "ul", "ol":
			if len(w.lists) > 0 {
				w.lists = w.lists[:len(w.lists)-1]
			}
			w.block()
		}
		if blockTags[t.Data] && len(w.lists) == 0 {
			w.block()
		}
	}
}

// htmlSpaces are runs of HTML white space, which show as one space.
var htmlSpaces = regexp.MustCompile("[ \t\n\r\f]+")

// codeToken gathers the text of <code> or <pre> and writes it as a code
// span or a fenced code block when the element closes.
func (w *mdWriter) codeToken(t xhtml.Token) {
	switch {
	case t.Type == xhtml.TextToken:
		*w.code = append(*w.code, t.Data...)
	case t.Type == xhtml.StartTagToken && t.Data == "br":
		*w.code = append(*w.code, '\n')
	case t.Type == xhtml.StartTagToken && t.Data == "pre":
		w.pre++
	case t.Type == xhtml.EndTagToken && t.Data == "code" && w.pre == 0:
		code := htmlSpaces.ReplaceAllString(CleanText(string(*w.code)), " ")
		w.code = nil
		if strings.TrimSpace(code) == "" {
			w.space = w.space || code != ""
			return
		}
		w.startText()
		fence := fenceFor(code, 1)
		if code[0] == '`' || code[len(code)-1] == '`' || code[0] == ' ' && code[len(code)-1] == ' ' {
			code = " " + code + " " // a reader takes one space off each end
		}
		if n := len(w.out); n > 0 && w.out[n-1] == '`' && (n == w.codeEnd || n < 2 || w.out[n-2] != '\\') {
			// Right after another code span, the fences would run together.
			w.out = append(w.out, ' ')
		}
		w.out = append(w.out, fence+code+fence...)
		w.codeEnd = len(w.out)
	case t.Type == xhtml.EndTagToken && t.Data == "pre":
		if w.pre--; w.pre > 0 {
			return
		}
		code := strings.TrimRight(strings.TrimLeft(CleanText(string(*w.code)), "\n"), "\n ")
		w.code = nil
		if strings.TrimSpace(code) != "" {
			fence := fenceFor(code, 3)
			w.out = append(w.out, fence+"\n"+code+"\n"+fence...)
		}
		w.block()
	}
}

// fenceFor is the shortest run of at least least backticks that code does
// not hold.
func fenceFor(code string, least int) string {
	fence := strings.Repeat("`", least)
	for strings.Contains(code, fence) {
		fence += "`"
	}
	return fence
}

// text writes decoded text, collapsing HTML white space and escaping
// what Markdown would read as markup (Escape's rules).
func (w *mdWriter) text(s string) {
	s = CleanText(s) // before escaping, which looks at the characters around
	for i, r := range s {
		if r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' {
			w.space = true
			continue
		}
		w.startText()
		_, n := utf8.DecodeRuneInString(s[i:])
		w.out = appendEscaped(w.out, r, s[i+n:])
	}
}

// startText writes what goes before a piece of text: one pending space,
// unless at the start of a line, and the markers of the emphasis and
// links open around it that are not written yet.
func (w *mdWriter) startText() {
	if n := len(w.out); w.space && n > 0 && w.out[n-1] != '\n' && w.out[n-1] != ' ' {
		w.out = append(w.out, ' ')
	}
	w.space = false
	for ; w.begun < len(w.open); w.begun++ {
		m := &w.open[w.begun]
		if m.silent {
			continue
		}
		if n := len(w.out); m.tag == "[" && n > 0 && w.out[n-1] == '!' && (n < 2 || w.out[n-2] != '\\') {
			// "!" then a link would read as a picture.
			w.out = append(w.out[:n-1], `\!`...)
		}
		w.out = append(w.out, m.tag...)
	}
}

func (w *mdWriter) openMark(tag, href string) {
	m := mdMark{tag: tag, href: href}
	for _, o := range w.open {
		// Emphasis in emphasis of its kind looks the same, and two
		// markers in a row would read as another kind.
		m.silent = m.silent || o.tag == tag && !o.silent
	}
	if tag == "[" && (href == "" || data.CheckURL(href) != nil) {
		m.silent = true
	}
	w.open = append(w.open, m)
}

// closeMark closes the innermost open mark of the kind, and any opened
// inside it that are still open.
func (w *mdWriter) closeMark(tag string) {
	for i := len(w.open) - 1; i >= 0; i-- {
		if w.open[i].tag == tag {
			w.closeMarks(i)
			return
		}
	}
}

// closeMarks closes the open marks from the ith on, innermost first.
func (w *mdWriter) closeMarks(i int) {
	for len(w.open) > i {
		n := len(w.open) - 1
		m := w.open[n]
		w.open = w.open[:n]
		switch {
		case m.silent || n >= w.begun: // its marker is not written
		case m.tag == "[":
			w.out = append(w.out, "]("+escapeLinkURL(m.href)+")"...)
		default:
			w.out = append(w.out, m.tag...)
		}
	}
	w.begun = min(w.begun, i)
}

// lineBreak closes what is open and ends the line.
func (w *mdWriter) lineBreak() {
	w.closeMarks(0)
	w.space = false
	if w.out = bytes.TrimRight(w.out, " "); len(w.out) > 0 {
		w.out = append(w.out, '\n')
	}
}

// block closes what is open and ends the paragraph.
func (w *mdWriter) block() {
	w.closeMarks(0)
	w.space = false
	w.out = bytes.TrimRight(w.out, " ")
	for len(w.out) > 0 && !bytes.HasSuffix(w.out, []byte("\n\n")) {
		w.out = append(w.out, '\n')
	}
}

// item starts a list item: on a line of its own, indented under the
// items of the lists around, unless its list opened on an item's line.
func (w *mdWriter) item() {
	w.closeMarks(0)
	w.space = false
	depth := len(w.lists)
	if !w.nest || depth == 0 {
		if w.out = bytes.TrimRight(w.out, " "); len(w.out) > 0 && w.out[len(w.out)-1] != '\n' {
			w.out = append(w.out, '\n')
		}
		for _, outer := range w.lists[:max(0, depth-1)] {
			w.out = append(w.out, strings.Repeat(" ", outer.width)...)
		}
	}
	w.nest = false
	marker := "- "
	if depth > 0 {
		l := &w.lists[depth-1]
		if l.ordered {
			l.n++
			marker = strconv.Itoa(l.n) + ". "
		}
		l.width = len(marker)
	}
	w.out = append(w.out, marker...)
	w.markerEnd = len(w.out)
}

// escapeLinkURL makes a URL safe inside Markdown's (…): data.CheckURL has
// refused spaces, backslashes and angle brackets, so only parentheses
// need a backslash.
var escapeLinkURL = strings.NewReplacer("(", `\(`, ")", `\)`).Replace
