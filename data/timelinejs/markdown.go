package timelinejs

import (
	"strings"
	"unicode/utf8"

	"chronoscope/data/markup"
)

// TimelineJS text is HTML; Chronoscope's descriptions are Markdown and its
// titles plain text. data/markup converts between them; what TimelineJS
// adds is here: the certainty paragraph, and addresses in a slide's text.

// markdownToHTML is a description as a slide's text (markup.HTML).
// TimelineJS links the addresses it finds in a slide's text, so it is
// written for that (markup.HTMLOptions.BreakAddresses).
func markdownToHTML(md string) string {
	return markup.HTML(md, markup.HTMLOptions{BreakAddresses: true})
}

// certaintyClass marks the paragraph WriteJSON adds for events whose
// certainty is claimed, disputed or denied; ImportJSON reads it back.
const certaintyClass = "chronoscope-certainty"

// cutCertainty returns a slide's text without the certainty paragraph
// WriteJSON writes, and the paragraph's text.
func cutCertainty(text string) (rest, certainty string) {
	rest, p := cutElement(text, `<p class="`+certaintyClass+`">`, "</p>")
	return rest, markup.HTMLText(p)
}

// cutElement returns text without the first element that begins with open
// (as the export writes it) and ends at the first close after it, and
// that element; an element left open runs to the end of text.
func cutElement(text, open, close string) (rest, element string) {
	start := strings.Index(text, open)
	if start < 0 {
		return text, ""
	}
	end := len(text)
	if i := strings.Index(text[start:], close); i >= 0 {
		end = start + i + len(close)
	}
	return text[:start] + text[end:], text[start:end]
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
