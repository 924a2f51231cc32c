package app

import (
	"net/url"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"chronoscope/data"
	"chronoscope/data/markup"
)

// richDescription shows a description's Markdown, for the detail panel and
// the presentation card. Its links open only through open, the app's
// checked opener (Fyne's own would hand any address to the system); a
// link data.CheckURL refuses is shown as its text and address, never as a
// link; an image is never loaded, only linked to like any other address.
func richDescription(md string, open func(raw string)) *widget.RichText {
	rt := widget.NewRichTextFromMarkdown(markup.DisarmLinks(md))
	rt.Segments = checkLinks(rt.Segments, open)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// checkLinks returns segs with every link made to open through open and
// every link to an address data.CheckURL refuses replaced by text, in
// lists and paragraphs too.
func checkLinks(segs []widget.RichTextSegment, open func(string)) []widget.RichTextSegment {
	for i, s := range segs {
		switch s := s.(type) {
		case *widget.ListSegment:
			s.Items = checkLinks(s.Items, open)
		case *widget.ParagraphSegment:
			s.Texts = checkLinks(s.Texts, open)
		case *widget.HyperlinkSegment:
			segs[i] = checkedLink(s.Text, s.URL, open)
		case *widget.ImageSegment:
			label := s.Title
			var u *url.URL
			if s.Source != nil {
				u, _ = url.Parse(s.Source.String())
			}
			if label == "" {
				label = "image"
			}
			segs[i] = checkedLink(label, u, open)
		case *widget.TextSegment:
			s.Text = cutLongWords(s.Text)
			// Fyne follows text with a space before the next inline
			// segment; after an opening bracket it reads "( address)".
			if i+1 < len(segs) && strings.HasSuffix(s.Text, "( ") && segs[i+1].Inline() {
				s.Text = strings.TrimSuffix(s.Text, " ")
			}
		}
	}
	return segs
}

// checkedLink is a link to u labelled text that opens through open, or the
// text and address as plain text when data.CheckURL refuses u.
func checkedLink(text string, u *url.URL, open func(string)) widget.RichTextSegment {
	raw := ""
	if u != nil {
		raw = u.String()
	}
	if data.CheckURL(raw) != nil {
		if raw != "" {
			text += " (" + raw + ")"
		}
		return &widget.TextSegment{Style: widget.RichTextStyleInline, Text: cutLongWords(text)}
	}
	return &widget.HyperlinkSegment{Alignment: fyne.TextAlignLeading, Text: cutLongWords(text), URL: u, OnTapped: func() { open(raw) }}
}

// maxWord is the longest run of text without a space that a description
// shows whole. Fyne's wrapping takes time that grows with the square of a
// word's length (over a second for 4,000 characters), and a refused
// address is shown as text, so a longer word is cut short with "…".
const maxWord = 200

// cutLongWords returns s with every word longer than maxWord cut short.
func cutLongWords(s string) string {
	if len(s) <= maxWord {
		return s
	}
	var b strings.Builder
	n := 0 // characters of the current word
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
			n = 0
		case n == maxWord:
			b.WriteRune('…')
			n++
			continue
		case n > maxWord:
			continue
		default:
			n++
		}
		b.WriteRune(r)
	}
	return b.String()
}
