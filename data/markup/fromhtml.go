package markup

import (
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
		tt := z.Next()
		switch tt {
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
// no title or description should carry.
func CleanText(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; (c < 0x20 && c != '\t' && c != '\n') || c == 0x7f {
			clean = false
			break
		}
	}
	if clean && !strings.ContainsRune(s, '\u0085') {
		return s
	}
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
	var w MarkdownWriter
	WalkHTML(s, w.Token)
	return w.Markdown()
}

// A MarkdownWriter builds Markdown from the tokens of WalkHTML, so that a
// reader can set some aside (a paragraph of its own, a list it reads)
// and hand it the rest. Its zero value is ready to use.
type MarkdownWriter struct {
	out   []byte
	space bool     // white space seen since the last text
	open  []mdMark // emphasis and links not yet closed, innermost last
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

type mdMark struct {
	tag    string // "**", "*" or "[" for a link
	at     int    // len(out) just after the opening marker
	href   string // a link's URL ("" when the link may not be opened)
	marker bool   // whether a marker was written (links with bad URLs write none)
}

type mdList struct {
	ordered bool
	n       int
	width   int // the width of the marker last written ("- ", "10. ")
}

// Markdown closes what is still open and returns the Markdown written.
func (w *MarkdownWriter) Markdown() string {
	w.closeAll()
	// Only the white space the writer collapses: a Unicode space such as
	// U+2000 is text, and trimming it could put a "#" at a line's start.
	return strings.Trim(string(w.out), " \t\n\r\f")
}

// Token writes one token of WalkHTML.
func (w *MarkdownWriter) Token(t xhtml.Token) {
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
		case "b", "strong":
			w.openMark("**", "")
		case "i", "em", "cite":
			w.openMark("*", "")
		case "a":
			w.openMark("[", Attr(t, "href"))
		case "code":
			w.flushSpace()
			w.code = new([]byte)
		case "pre":
			w.block()
			w.code, w.pre = new([]byte), 1
		case "ul", "ol":
			w.lists = append(w.lists, mdList{ordered: t.Data == "ol"})
			if w.markerEnd > 0 && len(w.out) == w.markerEnd && len(w.open) == 0 {
				w.nest = true
			} else {
				w.block()
			}
		case "li":
			w.item()
		case "h1", "h2", "h3", "h4", "h5", "h6":
			w.block()
			w.openMark("**", "")
		default:
			if blockTags[t.Data] && len(w.lists) == 0 {
				w.block()
			} else if t.Data == "td" || t.Data == "th" {
				w.space = true
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

// codeToken gathers the text of <code> or <pre> and writes it as a code
// span or a fenced code block when the element closes.
func (w *MarkdownWriter) codeToken(t xhtml.Token) {
	switch {
	case t.Type == xhtml.TextToken:
		*w.code = append(*w.code, t.Data...)
	case t.Type == xhtml.StartTagToken && t.Data == "br":
		*w.code = append(*w.code, '\n')
	case t.Type == xhtml.StartTagToken && t.Data == "pre":
		w.pre++
	case t.Type == xhtml.EndTagToken && t.Data == "code" && w.pre == 0:
		// White space shows as one space, at the ends too.
		raw := CleanText(string(*w.code))
		code := strings.Join(strings.FieldsFunc(raw, isHTMLSpace), " ")
		if f := []rune(raw); len(f) > 0 && code != "" {
			if isHTMLSpace(f[0]) {
				code = " " + code
			}
			if isHTMLSpace(f[len(f)-1]) {
				code += " "
			}
		}
		w.code = nil
		if strings.TrimSpace(code) == "" {
			w.space = w.space || code != ""
			return
		}
		fence := strings.Repeat("`", longestRun(code, '`')+1)
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
			fence := strings.Repeat("`", max(3, longestRun(code, '`')+1))
			w.out = append(w.out, fence+"\n"+code+"\n"+fence...)
		}
		w.block()
	}
}

func isHTMLSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' }

// longestRun is the length of the longest run of c in s.
func longestRun(s string, c byte) int {
	longest, n := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			n++
			longest = max(longest, n)
		} else {
			n = 0
		}
	}
	return longest
}

// text writes decoded text, collapsing HTML white space and escaping
// what Markdown would read as markup (Escape's rules).
func (w *MarkdownWriter) text(s string) {
	s = CleanText(s) // before escaping, which looks at the characters around
	for i, r := range s {
		switch r {
		case ' ', '\t', '\n', '\r', '\f':
			w.space = true
			continue
		}
		w.flushSpace()
		_, n := utf8.DecodeRuneInString(s[i:])
		w.out = appendEscaped(w.out, r, s[i+n:])
	}
}

// flushSpace writes one pending space, unless at the start of a line; a
// space right after an opening marker goes before the marker instead.
func (w *MarkdownWriter) flushSpace() {
	if !w.space {
		return
	}
	w.space = false
	if len(w.out) == 0 || w.out[len(w.out)-1] == '\n' || w.out[len(w.out)-1] == ' ' {
		return
	}
	if n := len(w.open); n > 0 && w.open[n-1].at == len(w.out) && w.open[n-1].marker {
		// "**" just opened: move it after the space.
		m := &w.open[n-1]
		start := m.at - len(m.tag)
		if start > 0 && w.out[start-1] != ' ' && w.out[start-1] != '\n' {
			w.out = append(w.out[:start], ' ')
			w.out = append(w.out, m.tag...)
			m.at++
		}
		return
	}
	w.out = append(w.out, ' ')
}

func (w *MarkdownWriter) openMark(tag, href string) {
	w.flushSpace()
	m := mdMark{tag: tag, marker: true}
	for _, o := range w.open {
		if o.tag == tag && o.marker {
			// Emphasis in emphasis of its kind looks the same, and two
			// markers in a row would read as another kind.
			m.marker = false
		}
	}
	if tag == "[" {
		if href != "" && data.CheckURL(href) == nil {
			m.href = href
		} else {
			m.marker = false
		}
		if n := len(w.out); m.marker && n > 0 && w.out[n-1] == '!' && (n < 2 || w.out[n-2] != '\\') {
			// "!" then a link would read as a picture.
			w.out = append(w.out[:n-1], `\!`...)
		}
	}
	if m.marker {
		w.out = append(w.out, tag...)
	}
	m.at = len(w.out)
	w.open = append(w.open, m)
}

// closeMark closes the innermost open mark of the kind, and any opened
// inside it that are still open.
func (w *MarkdownWriter) closeMark(tag string) {
	i := len(w.open) - 1
	for i >= 0 && w.open[i].tag != tag {
		i--
	}
	if i < 0 {
		return
	}
	for len(w.open) > i {
		w.closeTop()
	}
}

func (w *MarkdownWriter) closeTop() {
	m := w.open[len(w.open)-1]
	w.open = w.open[:len(w.open)-1]
	if !m.marker {
		return
	}
	if m.at == len(w.out) { // nothing inside: drop the marker
		w.out = w.out[:m.at-len(m.tag)]
		return
	}
	if m.tag == "[" {
		w.out = append(w.out, "]("...)
		w.out = append(w.out, escapeLinkURL(m.href)...)
		w.out = append(w.out, ')')
		return
	}
	w.out = append(w.out, m.tag...)
}

func (w *MarkdownWriter) closeAll() {
	for len(w.open) > 0 {
		w.closeTop()
	}
}

func (w *MarkdownWriter) trimTrailingSpace() {
	for len(w.out) > 0 && w.out[len(w.out)-1] == ' ' {
		w.out = w.out[:len(w.out)-1]
	}
}

// block ends the current paragraph.
func (w *MarkdownWriter) block() {
	w.closeAll()
	w.space = false
	w.trimTrailingSpace()
	if len(w.out) == 0 {
		return
	}
	for !strings.HasSuffix(string(w.out[max(0, len(w.out)-2):]), "\n\n") {
		w.out = append(w.out, '\n')
	}
}

func (w *MarkdownWriter) lineBreak() {
	w.closeAll()
	w.space = false
	w.trimTrailingSpace()
	if len(w.out) > 0 {
		w.out = append(w.out, '\n')
	}
}

func (w *MarkdownWriter) item() {
	defer func() { w.markerEnd = len(w.out) }()
	w.closeAll()
	w.space = false
	depth := len(w.lists)
	if w.nest && depth > 0 {
		w.nest = false
	} else {
		w.nest = false
		w.trimTrailingSpace()
		if len(w.out) > 0 && w.out[len(w.out)-1] != '\n' {
			w.out = append(w.out, '\n')
		}
		if depth == 0 {
			w.out = append(w.out, "- "...)
			return
		}
		for _, outer := range w.lists[:depth-1] {
			for range outer.width {
				w.out = append(w.out, ' ')
			}
		}
	}
	l := &w.lists[depth-1]
	start := len(w.out)
	defer func() { l.width = len(w.out) - start }()
	if l.ordered {
		l.n++
		w.out = strconv.AppendInt(w.out, int64(l.n), 10)
		w.out = append(w.out, ". "...)
	} else {
		w.out = append(w.out, "- "...)
	}
}

// escapeLinkURL makes a URL safe inside Markdown's (…): data.CheckURL has
// refused spaces, backslashes and angle brackets, so only parentheses
// need a backslash.
func escapeLinkURL(u string) string {
	if !strings.ContainsAny(u, "()") {
		return u
	}
	return strings.NewReplacer("(", `\(`, ")", `\)`).Replace(u)
}
