package timelinejs

import (
	"html"
	"strconv"
	"strings"
	"unicode/utf8"

	"chronoscope/data"
)

// TimelineJS text is HTML; Chronoscope's descriptions are Markdown and its
// titles plain text. The converters here understand the handful of tags
// TimelineJS authors use (p, div, br, b, strong, i, em, cite, a, ul, ol,
// li, h1–h6, blockquote) and keep the text of every other tag.
//
// What is lost on import: classes and styles (the tl-note spans become
// plain text), images, iframes and embeds, tables (their cells become
// running text), heading levels (a heading becomes a bold paragraph),
// blockquote indentation, underline and strike-through, nested list
// indentation beyond simple two-space steps, and links whose URL may not
// be opened (data.CheckURL refuses it; the link text is kept).

// htmlKind is the kind of an htmlToken.
type htmlKind int

const (
	htmlText htmlKind = iota
	htmlStart
	htmlEnd
)

// htmlToken is a piece of HTML: text (entities still encoded) or a tag.
type htmlToken struct {
	kind  htmlKind
	name  string // lower-case tag name
	attrs string // the raw attribute text of a start tag
	text  string
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// tagEnd returns the index of the '>' closing the tag that starts s (at
// '<'), skipping quoted attribute values, or -1.
func tagEnd(s string) int {
	for i := 1; i < len(s); i++ {
		switch s[i] {
		case '>':
			return i
		case '=':
			j := i + 1
			for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r') {
				j++
			}
			if j < len(s) && (s[j] == '"' || s[j] == '\'') {
				k := strings.IndexByte(s[j+1:], s[j])
				if k < 0 {
					return -1
				}
				i = j + 1 + k
			}
		}
	}
	return -1
}

// indexFold returns the index of the ASCII string sub (lower case) in s,
// ignoring ASCII case, or -1.
func indexFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 {
			return -1
		}
		i += j
		if i+len(sub) <= len(s) && strings.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// walkHTML calls fn for each text run and tag of s, in order, in one pass.
// Comments, doctype and processing instructions are dropped, as is the
// content of script and style elements. A '<' that starts no tag is text.
func walkHTML(s string, fn func(htmlToken)) {
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], '<')
		if j < 0 {
			fn(htmlToken{kind: htmlText, text: s[i:]})
			return
		}
		if j > 0 {
			fn(htmlToken{kind: htmlText, text: s[i : i+j]})
		}
		i += j
		rest := s[i:]
		if strings.HasPrefix(rest, "<!--") {
			end := strings.Index(rest[4:], "-->")
			if end < 0 {
				return
			}
			i += 4 + end + 3
			continue
		}
		isTag := len(rest) >= 2 && (isASCIILetter(rest[1]) || rest[1] == '!' || rest[1] == '?' ||
			(rest[1] == '/' && len(rest) >= 3 && isASCIILetter(rest[2])))
		if !isTag {
			fn(htmlToken{kind: htmlText, text: "<"})
			i++
			continue
		}
		k := tagEnd(rest)
		if k < 0 {
			return // an unclosed tag swallows the rest, as in a browser
		}
		i += k + 1
		if rest[1] == '!' || rest[1] == '?' {
			continue
		}
		tok := htmlToken{kind: htmlStart}
		body := rest[1:k]
		if body[0] == '/' {
			tok.kind = htmlEnd
			body = body[1:]
		}
		n := 0
		for n < len(body) && (isASCIILetter(body[n]) || (body[n] >= '0' && body[n] <= '9')) {
			n++
		}
		tok.name = strings.ToLower(body[:n])
		tok.attrs = strings.TrimSuffix(body[n:], "/")
		fn(tok)
		if tok.kind == htmlStart && (tok.name == "script" || tok.name == "style") {
			end := indexFold(s[i:], "</"+tok.name)
			if end < 0 {
				return
			}
			i += end
		}
	}
}

// attr returns the decoded value of the named attribute in a start tag's
// attribute text, or "".
func attr(attrs, name string) string {
	s := attrs
	for len(s) > 0 {
		s = strings.TrimLeft(s, " \t\r\n/")
		n := 0
		for n < len(s) && s[n] != '=' && s[n] != ' ' && s[n] != '\t' && s[n] != '\n' && s[n] != '\r' && s[n] != '>' {
			n++
		}
		if n == 0 {
			if len(s) > 0 {
				s = s[1:]
			}
			continue
		}
		key := s[:n]
		s = strings.TrimLeft(s[n:], " \t\r\n")
		val := ""
		if strings.HasPrefix(s, "=") {
			s = strings.TrimLeft(s[1:], " \t\r\n")
			if len(s) > 0 && (s[0] == '"' || s[0] == '\'') {
				end := strings.IndexByte(s[1:], s[0])
				if end < 0 {
					val, s = s[1:], ""
				} else {
					val, s = s[1:1+end], s[2+end:]
				}
			} else {
				end := strings.IndexAny(s, " \t\r\n")
				if end < 0 {
					end = len(s)
				}
				val, s = s[:end], s[end:]
			}
		}
		if strings.EqualFold(key, name) {
			return html.UnescapeString(val)
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

// cleanText drops control characters other than tab and newline, which
// no title or description should carry.
func cleanText(s string) string {
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

// htmlToText returns the readable text of an HTML fragment on one line:
// tags dropped, entities decoded, runs of white space made one space.
func htmlToText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return strings.Join(strings.Fields(cleanText(s)), " ")
	}
	var b strings.Builder
	walkHTML(s, func(t htmlToken) {
		switch t.kind {
		case htmlText:
			b.WriteString(html.UnescapeString(t.text))
		case htmlStart, htmlEnd:
			if blockTags[t.name] || t.name == "br" || t.name == "li" || t.name == "td" || t.name == "th" {
				b.WriteByte(' ')
			}
		}
	})
	return strings.Join(strings.Fields(cleanText(b.String())), " ")
}

// excerpt returns the start of plain text s, at most max runes, cut at a
// word boundary with an ellipsis when it is longer.
func excerpt(s string, max int) string {
	if utf8.RuneCountInString(s) <= max {
		return s
	}
	cut, n := 0, 0
	for i := range s {
		if n == max {
			cut = i
			break
		}
		n++
	}
	if sp := strings.LastIndexByte(s[:cut], ' '); sp > cut/2 {
		cut = sp
	}
	return strings.TrimRight(s[:cut], " ,;:.") + "…"
}

// mdWriter builds Markdown from HTML tokens.
type mdWriter struct {
	out      []byte
	space    bool     // white space seen since the last text
	open     []mdMark // emphasis and links not yet closed, innermost last
	lists    []mdList // enclosing lists, innermost last
	capture  *[]byte  // when set, text goes here instead (a certainty paragraph)
	captured string   // the text of the certainty paragraph, if any
	skipDeep int      // depth inside a captured paragraph
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
}

// certaintyClass marks the paragraph WriteJSON adds for events whose
// certainty is claimed, disputed or denied; ImportJSON reads it back.
const certaintyClass = "chronoscope-certainty"

// htmlToMarkdown converts TimelineJS HTML text to Markdown (see the list
// of what is lost at the top of this file). It also returns the text of a
// paragraph of class chronoscope-certainty, which it leaves out.
func htmlToMarkdown(s string) (md, certainty string) {
	if s == "" {
		return "", ""
	}
	w := &mdWriter{}
	walkHTML(s, w.token)
	w.closeAll()
	return strings.TrimSpace(cleanText(string(w.out))), strings.TrimSpace(w.captured)
}

func (w *mdWriter) token(t htmlToken) {
	if w.capture != nil {
		switch {
		case t.kind == htmlText:
			*w.capture = append(*w.capture, html.UnescapeString(t.text)...)
		case t.kind == htmlStart && t.name == "p":
			w.skipDeep++
		case t.kind == htmlEnd && t.name == "p":
			if w.skipDeep--; w.skipDeep == 0 {
				w.captured = string(*w.capture)
				w.capture = nil
			}
		}
		return
	}
	switch t.kind {
	case htmlText:
		w.text(html.UnescapeString(t.text))
		return
	case htmlStart:
		if t.name == "p" && strings.Contains(attr(t.attrs, "class"), certaintyClass) {
			w.capture, w.skipDeep = new([]byte), 1
			return
		}
		switch t.name {
		case "br":
			w.lineBreak()
		case "b", "strong":
			w.openMark("**", "")
		case "i", "em", "cite":
			w.openMark("*", "")
		case "a":
			w.openMark("[", attr(t.attrs, "href"))
		case "ul", "ol":
			w.lists = append(w.lists, mdList{ordered: t.name == "ol"})
			w.block()
		case "li":
			w.item()
		case "h1", "h2", "h3", "h4", "h5", "h6":
			w.block()
			w.openMark("**", "")
		default:
			if blockTags[t.name] && len(w.lists) == 0 {
				w.block()
			} else if t.name == "td" || t.name == "th" {
				w.space = true
			}
		}
	case htmlEnd:
		switch t.name {
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
		if blockTags[t.name] && len(w.lists) == 0 {
			w.block()
		}
	}
}

// text writes decoded text, collapsing HTML white space and escaping
// what Markdown would read as markup.
func (w *mdWriter) text(s string) {
	prev := rune(0)
	if n := len(w.out); n > 0 && !w.space {
		prev, _ = utf8.DecodeLastRune(w.out)
	}
	for i, r := range s {
		last := prev
		prev = r
		switch r {
		case ' ', '\t', '\n', '\r', '\f':
			w.space = true
			continue
		}
		w.flushSpace()
		atLineStart := len(w.out) == 0 || w.out[len(w.out)-1] == '\n' ||
			(len(w.open) > 0 && w.open[len(w.open)-1].at == len(w.out) && w.lineStartBefore(w.open[len(w.open)-1]))
		switch r {
		case '\\', '*', '`', '[', ']', '<':
			w.out = append(w.out, '\\')
		case '_': // intraword underscores (snake_case, URLs) are text in Markdown
			next, _ := utf8.DecodeRuneInString(s[i+1:])
			if !isWordRune(last) || !isWordRune(next) {
				w.out = append(w.out, '\\')
			}
		case '#', '>', '-', '+':
			if atLineStart {
				w.out = append(w.out, '\\')
			}
		}
		w.out = utf8.AppendRune(w.out, r)
	}
}

func (w *mdWriter) lineStartBefore(m mdMark) bool {
	start := m.at - len(m.tag)
	if !m.marker {
		start = m.at
	}
	return start == 0 || w.out[start-1] == '\n'
}

// flushSpace writes one pending space, unless at the start of a line; a
// space right after an opening marker goes before the marker instead.
func (w *mdWriter) flushSpace() {
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

func (w *mdWriter) openMark(tag, href string) {
	w.flushSpace()
	m := mdMark{tag: tag, marker: true}
	if tag == "[" {
		if href != "" && data.CheckURL(href) == nil {
			m.href = href
		} else {
			m.marker = false
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
func (w *mdWriter) closeMark(tag string) {
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

func (w *mdWriter) closeTop() {
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

func (w *mdWriter) closeAll() {
	for len(w.open) > 0 {
		w.closeTop()
	}
}

func (w *mdWriter) trimTrailingSpace() {
	for len(w.out) > 0 && w.out[len(w.out)-1] == ' ' {
		w.out = w.out[:len(w.out)-1]
	}
}

// block ends the current paragraph.
func (w *mdWriter) block() {
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

func (w *mdWriter) lineBreak() {
	w.closeAll()
	w.space = false
	w.trimTrailingSpace()
	if len(w.out) > 0 {
		w.out = append(w.out, '\n')
	}
}

func (w *mdWriter) item() {
	w.closeAll()
	w.space = false
	w.trimTrailingSpace()
	if len(w.out) > 0 && w.out[len(w.out)-1] != '\n' {
		w.out = append(w.out, '\n')
	}
	depth := len(w.lists)
	if depth == 0 {
		w.out = append(w.out, "- "...)
		return
	}
	for range depth - 1 {
		w.out = append(w.out, "  "...)
	}
	l := &w.lists[depth-1]
	if l.ordered {
		l.n++
		w.out = strconv.AppendInt(w.out, int64(l.n), 10)
		w.out = append(w.out, ". "...)
	} else {
		w.out = append(w.out, "- "...)
	}
}

// escapeLinkURL makes a URL safe inside Markdown's (…): CheckURL has
// refused spaces, backslashes and angle brackets, so only parentheses
// need a backslash.
func escapeLinkURL(u string) string {
	if !strings.ContainsAny(u, "()") {
		return u
	}
	return strings.NewReplacer("(", `\(`, ")", `\)`).Replace(u)
}
