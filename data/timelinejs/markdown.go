package timelinejs

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"chronoscope/data"
)

// markdownToHTML turns a description written in Chronoscope's Markdown
// into the simple HTML TimelineJS shows: paragraphs, line breaks, "- " and
// "1. " lists, headings (as bold paragraphs), **strong**, *emphasis* and
// _emphasis_, `code`, and [links](url) whose URL data.CheckURL accepts
// (others are written as text: the label, then the address in brackets).
// Every piece of text is HTML-escaped, so whatever the user wrote cannot
// inject markup, and no address CheckURL refuses can become a link in
// TimelineJS, which links addresses it finds in a slide's text itself
// (see textHTML).
func markdownToHTML(md string) string {
	md = strings.ReplaceAll(strings.ReplaceAll(md, "\r\n", "\n"), "\r", "\n")
	var b strings.Builder
	var para []string
	flush := func() {
		if len(para) > 0 {
			writeBlock(&b, para)
			para = para[:0]
		}
	}
	for line := range strings.SplitSeq(md, "\n") {
		if strings.TrimSpace(line) == "" {
			flush()
			continue
		}
		para = append(para, line)
	}
	flush()
	return b.String()
}

// listItem reports whether line is a list item and returns its text.
func listItem(line string) (text string, ordered, ok bool) {
	t := strings.TrimLeft(line, " ")
	if len(t) >= 2 && (t[0] == '-' || t[0] == '*' || t[0] == '+') && t[1] == ' ' {
		return t[2:], false, true
	}
	n := 0
	for n < len(t) && n < 9 && t[n] >= '0' && t[n] <= '9' {
		n++
	}
	if n > 0 && n+1 < len(t) && (t[n] == '.' || t[n] == ')') && t[n+1] == ' ' {
		return t[n+2:], true, true
	}
	return "", false, false
}

func writeBlock(b *strings.Builder, lines []string) {
	if _, ordered, ok := listItem(lines[0]); ok {
		tag := "ul"
		if ordered {
			tag = "ol"
		}
		b.WriteString("<" + tag + ">")
		open := false
		for _, line := range lines {
			if text, _, ok := listItem(line); ok {
				if open {
					b.WriteString("</li>")
				}
				b.WriteString("<li>")
				b.WriteString(inlineHTML(strings.TrimSpace(text)))
				open = true
				continue
			}
			b.WriteString("<br>") // a continuation line of the item
			b.WriteString(inlineHTML(strings.TrimSpace(line)))
		}
		if open {
			b.WriteString("</li>")
		}
		b.WriteString("</" + tag + ">")
		return
	}
	b.WriteString("<p>")
	for i, line := range lines {
		if i > 0 {
			b.WriteString("<br>")
		}
		line = strings.TrimSpace(line)
		if h := strings.TrimLeft(line, "#"); len(h) < len(line) && len(line)-len(h) <= 6 && strings.HasPrefix(h, " ") {
			b.WriteString("<strong>" + inlineHTML(strings.TrimSpace(h)) + "</strong>")
			continue
		}
		b.WriteString(inlineHTML(line))
	}
	b.WriteString("</p>")
}

// inlineHTML converts the inline Markdown of one line. Emphasis markers
// that are never closed are written as they are, so the HTML is always
// well formed.
func inlineHTML(s string) string {
	type piece struct {
		text  string
		delim string // an opening delimiter, while it is still open
	}
	var out []piece
	var stack []int // indexes in out of open delimiters
	var text strings.Builder
	flushText := func() {
		if text.Len() > 0 {
			out = append(out, piece{text: textHTML(text.String())})
			text.Reset()
		}
	}
	closeTags := map[string]string{"**": "</strong>", "*": "</em>", "_": "</em>"}
	openTags := map[string]string{"**": "<strong>", "*": "<em>", "_": "<em>"}
	nextClose := -1 // index of the first ']' at or after i, cached
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s) && isASCIIPunct(s[i+1]):
			text.WriteByte(s[i+1])
			i += 2
			continue
		case c == '`':
			if end := strings.IndexByte(s[i+1:], '`'); end >= 0 {
				flushText()
				out = append(out, piece{text: "<code>" + html.EscapeString(s[i+1:i+1+end]) + "</code>"})
				i += end + 2
				continue
			}
		case c == '[':
			if nextClose < i {
				nextClose = -1
				if k := strings.IndexByte(s[i:], ']'); k >= 0 {
					nextClose = i + k
				} else {
					nextClose = len(s)
				}
			}
			if nextClose < len(s) && strings.HasPrefix(s[nextClose:], "](") {
				if end := linkEnd(s[nextClose+2:]); end >= 0 {
					label := s[i+1 : nextClose]
					u := unescapeLinkURL(s[nextClose+2 : nextClose+2+end])
					flushText()
					switch {
					case data.CheckURL(u) != nil:
						out = append(out, piece{text: inlineHTML(label) + " (" + unlinkedHTML(u) + ")"})
					case strings.Contains(label, "["):
						out = append(out, piece{text: inlineHTML(label)})
					default:
						out = append(out, piece{text: `<a href="` + html.EscapeString(u) + `">` + inlineHTML(label) + "</a>"})
					}
					i = nextClose + 2 + end + 1
					continue
				}
			}
		case c == '*' || c == '_':
			d := string(c)
			if c == '*' && strings.HasPrefix(s[i:], "**") {
				d = "**"
			}
			prev, _ := utf8.DecodeLastRuneInString(s[:i])
			next, _ := utf8.DecodeRuneInString(s[i+len(d):])
			canOpen := i+len(d) < len(s) && !unicode.IsSpace(next)
			canClose := i > 0 && !unicode.IsSpace(prev)
			if c == '_' { // intraword underscores are text
				canOpen = canOpen && (i == 0 || !isWordRune(prev))
				canClose = canClose && (i+1 >= len(s) || !isWordRune(next))
			}
			if n := len(stack); canClose && n > 0 && out[stack[n-1]].delim == d {
				flushText()
				open := stack[n-1]
				out[open] = piece{text: openTags[d]}
				out = append(out, piece{text: closeTags[d]})
				stack = stack[:n-1]
				i += len(d)
				continue
			}
			if canOpen {
				flushText()
				stack = append(stack, len(out))
				out = append(out, piece{text: d, delim: d})
				i += len(d)
				continue
			}
		}
		text.WriteByte(c)
		i++
	}
	flushText()
	var b strings.Builder
	for _, p := range out {
		b.WriteString(p.text) // an unclosed delimiter is its own text
	}
	return b.String()
}

// textHTML escapes text for a slide. TimelineJS turns the addresses it
// finds in a slide's text (http://, https://, ftp://, www.) into links;
// the ':' of an address data.CheckURL refuses is written as a character
// reference, which reads the same but is no address to a pattern run over
// the HTML.
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

// unlinkedHTML is an address data.CheckURL refuses, as slide text that no
// pattern reading the HTML takes for an address.
func unlinkedHTML(u string) string {
	return strings.ReplaceAll(html.EscapeString(u), ":", "&#58;")
}

// nextIndex is the index of sub in s at or after from, or -1.
func nextIndex(s, sub string, from int) int {
	if i := strings.Index(s[from:], sub); i >= 0 {
		return from + i
	}
	return -1
}

func isSchemeByte(c byte) bool {
	return isASCIILetter(c) || c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'
}

func isASCIIPunct(c byte) bool {
	return c > ' ' && c < 0x7f && !(c >= '0' && c <= '9') && !isASCIILetter(c)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// linkEnd returns the index of the ')' ending a link destination that
// starts s, allowing backslash-escaped and balanced parentheses, or -1.
// It looks no further than the longest URL CheckURL accepts.
func linkEnd(s string) int {
	depth := 0
	for i := 0; i < len(s) && i <= 8192+16; i++ {
		switch s[i] {
		case '\\':
			i++
		case ' ', '\n':
			return -1
		case '(':
			depth++
		case ')':
			if depth == 0 {
				return i
			}
			depth--
		}
	}
	return -1
}

func unescapeLinkURL(u string) string {
	if !strings.Contains(u, `\`) {
		return u
	}
	var b strings.Builder
	for i := 0; i < len(u); i++ {
		if u[i] == '\\' && i+1 < len(u) {
			i++
		}
		b.WriteByte(u[i])
	}
	return b.String()
}
