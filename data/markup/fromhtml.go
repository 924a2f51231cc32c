package markup

import (
	"bytes"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// FromHTML converts an HTML fragment to Markdown that HTML renders back
// to the same text and markup (see what is lost in read.go).
func FromHTML(s string) string {
	w := mdWriter{out: make([]byte, 0, len(s))}
	w.blocks(ReadHTML(s), "")
	// Only the white space the writer adds: a Unicode space such as U+2000
	// is text, and trimming it could put a "#" at a line's start.
	return strings.Trim(string(w.out), " \t\n\r\f")
}

// An mdWriter writes blocks as Markdown.
type mdWriter struct {
	out     []byte
	codeEnd int // len(out) just after the last code span (its closing backtick is not an escaped one)
}

// blocks writes blocks a blank line apart, their lines indented by indent
// (a list item's), but for a list after its item's paragraph, which goes
// on the next line so that a tight list stays tight.
func (w *mdWriter) blocks(bs []Block, indent string) {
	for i, b := range bs {
		if i > 0 {
			if !tight(bs[i-1], b, indent) {
				w.newline("")
			}
			w.newline(indent)
		}
		switch b.Kind {
		case Paragraph:
			w.paragraph(b.Inlines, indent)
		case CodeBlock:
			fence := fenceFor(b.Code, 3)
			w.out = append(w.out, fence...)
			for line := range strings.SplitSeq(b.Code, "\n") {
				w.newline(indent)
				w.out = append(w.out, line...)
			}
			w.newline(indent)
			w.out = append(w.out, fence...)
		case Rule:
			w.out = append(w.out, "---"...)
		case List:
			for i, item := range b.Items {
				if prev := b.Items[max(i-1, 0)]; i > 0 && len(item) == 0 && len(prev) > 0 && endsInParagraph(prev[len(prev)-1]) {
					w.newline("") // an empty item on the line after text would be that text
				}
				if i > 0 {
					w.newline(indent)
				}
				marker := "- "
				if b.Ordered {
					marker = strconv.Itoa(b.Start+i) + ". "
				}
				w.out = append(w.out, marker...)
				w.blocks(item, indent+strings.Repeat(" ", len(marker)))
			}
		}
	}
}

// tight reports whether, in a list item, b goes on the line after prev
// rather than after a blank line: a list after a paragraph, so that a
// tight list stays tight, unless a Markdown reader would take it for the
// paragraph's text (an empty first item, a number other than 1); and
// anything after a list that does not end in a paragraph, since a blank
// line after an empty item would end the lists around it.
func tight(prev, b Block, indent string) bool {
	if indent == "" {
		return false
	}
	if prev.Kind == List {
		return !endsInParagraph(prev)
	}
	return prev.Kind == Paragraph && b.Kind == List && len(b.Items[0]) > 0 && (!b.Ordered || b.Start == 1)
}

// endsInParagraph reports whether the last line b writes is a
// paragraph's.
func endsInParagraph(b Block) bool {
	if b.Kind != List {
		return b.Kind == Paragraph
	}
	last := b.Items[len(b.Items)-1]
	return len(last) > 0 && endsInParagraph(last[len(last)-1])
}

// newline ends the line (without the spaces at its end) and indents the
// next.
func (w *mdWriter) newline(indent string) {
	w.out = append(bytes.TrimRight(w.out, " "), '\n')
	w.out = append(w.out, indent...)
}

// paragraph writes a paragraph's runs, escaped (Escape's rules), with the
// markers of emphasis and links opened and closed where the style
// changes and a space between runs outside the markers.
func (w *mdWriter) paragraph(ins []Inline, indent string) {
	var open []string // the open markers, outermost first: "[" and a link's address, "**", "*"
	space := false
	for i := 0; i < len(ins); i++ {
		in := ins[i]
		if in.Text == "\n" {
			w.closeMarkers(&open, 0)
			w.newline(indent)
			space = false
			continue
		}
		text, trail := in.Text, false
		if in.Code {
			for i+1 < len(ins) && ins[i+1].Code && ins[i+1].sameStyle(in) {
				i++
				text += ins[i].Text
			}
			if strings.TrimSpace(text) == "" {
				space = true // blank code shows as a space
				continue
			}
		} else {
			space = space || strings.HasPrefix(text, " ")
			trail = strings.HasSuffix(text, " ")
			if text = strings.Trim(text, " "); text == "" {
				space = space || trail
				continue
			}
		}
		// Markers still wanted stay open, as far out as they are; the
		// others close.
		keep := 0
		for keep < len(open) && writtenIn(in, open[keep]) {
			keep++
		}
		w.closeMarkers(&open, keep)
		if n := len(w.out); space && n > 0 && w.out[n-1] != ' ' && w.out[n-1] != '\n' {
			w.out = append(w.out, ' ')
		}
		// The missing ones open the longest-lasting outermost.
		want := missing(in, open)
		slices.SortStableFunc(want, func(a, b string) int { return lasting(ins[i:], b) - lasting(ins[i:], a) })
		for _, m := range want {
			open = append(open, m)
			if m[0] != '[' {
				w.out = append(w.out, m...)
				continue
			}
			if n := len(w.out); n > 0 && w.out[n-1] == '!' && (n < 2 || w.out[n-2] != '\\') {
				w.out = append(w.out[:n-1], `\!`...) // "!" then a link would read as a picture
			}
			w.out = append(w.out, '[')
		}
		if in.Code {
			w.codeSpan(text)
		} else {
			for j, r := range text {
				w.out = appendEscaped(w.out, r, text[j+utf8.RuneLen(r):])
			}
		}
		space = trail
	}
	w.closeMarkers(&open, 0)
}

// lasting is how many runs from the first of ins on are written in the
// marker m.
func lasting(ins []Inline, m string) int {
	n := 0
	for n < len(ins) && ins[n].Text != "\n" && writtenIn(ins[n], m) {
		n++
	}
	return n
}

// writtenIn reports whether the run in is written in the marker m.
func writtenIn(in Inline, m string) bool {
	switch m {
	case "**":
		return in.Strong
	case "*":
		return in.Em
	}
	return in.Href != "" && m[1:] == in.Href
}

// missing are the markers the run in is written in that are not open,
// outermost first. (An open link's is in's, or it would have closed.)
func missing(in Inline, open []string) []string {
	var m []string
	if in.Href != "" && !slices.ContainsFunc(open, func(o string) bool { return o[0] == '[' }) {
		m = append(m, "["+in.Href)
	}
	if in.Strong && !slices.Contains(open, "**") {
		m = append(m, "**")
	}
	if in.Em && !slices.Contains(open, "*") {
		m = append(m, "*")
	}
	return m
}

// closeMarkers closes the open markers from the keep-th on, innermost
// first.
func (w *mdWriter) closeMarkers(open *[]string, keep int) {
	for len(*open) > keep {
		m := (*open)[len(*open)-1]
		*open = (*open)[:len(*open)-1]
		if m[0] == '[' {
			m = "](" + escapeLinkURL(m[1:]) + ")"
		}
		w.out = append(w.out, m...)
	}
}

// codeSpan writes code (its white space one space) as a code span.
func (w *mdWriter) codeSpan(code string) {
	if n := len(w.out); n > 0 && w.out[n-1] == '`' && (n == w.codeEnd || n < 2 || w.out[n-2] != '\\') {
		// Right after another code span, the fences would run together.
		w.out = append(w.out, ' ')
	}
	w.out = appendCodeSpan(w.out, code)
	w.codeEnd = len(w.out)
}

// appendCodeSpan appends code, not empty, to out as a code span.
func appendCodeSpan(out []byte, code string) []byte {
	fence := fenceFor(code, 1)
	if code[0] == '`' || code[len(code)-1] == '`' || code[0] == ' ' && code[len(code)-1] == ' ' {
		code = " " + code + " " // a reader takes one space off each end
	}
	return append(out, fence+code+fence...)
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

// escapeLinkURL makes a URL safe inside Markdown's (…): data.CheckURL has
// refused spaces, backslashes and angle brackets, so only parentheses
// need a backslash.
var escapeLinkURL = strings.NewReplacer("(", `\(`, ")", `\)`).Replace
