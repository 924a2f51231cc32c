package timelinejs

import (
	"strings"
	"unicode/utf8"

	"chronoscope/data/markup"

	xhtml "golang.org/x/net/html"
)

// TimelineJS text is HTML; Chronoscope's descriptions are Markdown and its
// titles plain text. data/markup converts between them; what TimelineJS
// adds is here: the certainty paragraph, and addresses in a slide's text.

// markdownToHTML is a description as a slide's text (markup.HTML).
// TimelineJS links the addresses it finds in a slide's text, so the ':' of
// one data.CheckURL refuses is written as a character reference.
func markdownToHTML(md string) string {
	return markup.HTML(md, markup.HTMLOptions{BreakAddresses: true})
}

// certaintyClass marks the paragraph WriteJSON adds for events whose
// certainty is claimed, disputed or denied; ImportJSON reads it back.
const certaintyClass = "chronoscope-certainty"

// htmlToMarkdown converts TimelineJS HTML text to Markdown
// (markup.FromHTML). It also returns the text of a paragraph of class
// chronoscope-certainty, which it leaves out.
func htmlToMarkdown(s string) (md, certainty string) {
	if s == "" {
		return "", ""
	}
	var w markup.MarkdownWriter
	var captured []byte
	depth := 0 // inside the certainty paragraph
	markup.WalkHTML(s, func(t xhtml.Token) {
		if depth == 0 {
			if t.Type == xhtml.StartTagToken && t.Data == "p" && strings.Contains(markup.Attr(t, "class"), certaintyClass) {
				depth, captured = 1, captured[:0]
				return
			}
			w.Token(t)
			return
		}
		switch {
		case t.Type == xhtml.TextToken:
			captured = append(captured, t.Data...)
		case t.Type == xhtml.StartTagToken && t.Data == "p":
			depth++
		case t.Type == xhtml.EndTagToken && t.Data == "p":
			if depth--; depth == 0 {
				certainty = string(captured)
			}
		}
	})
	return w.Markdown(), strings.TrimSpace(certainty)
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
