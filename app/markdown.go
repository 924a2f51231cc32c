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

// richDescription shows a description as the HTML page shows it, for the
// detail panel and the presentation card: markup.HTML's fragment, in
// which every link is checked (a refused one is its label and its address
// in code), a picture is a link and nothing of the author's is markup,
// read back as blocks (markup.ReadHTML) and drawn as RichText segments.
// So escapes and character references read as the page reads them, a
// line break is a line break and a heading a bold paragraph. Its links
// open only through open, the app's checked opener (Fyne's own would hand
// any address to the system).
func richDescription(md string, open func(raw string)) *widget.RichText {
	rt := widget.NewRichText(blockSegments(markup.ReadHTML(markup.HTML(md, markup.HTMLOptions{})), open, false)...)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// blockSegments draws blocks one under the other: in a list item a
// paragraph after another starts a line, elsewhere it ends with a
// paragraph's end.
func blockSegments(blocks []markup.Block, open func(string), inItem bool) []widget.RichTextSegment {
	var segs []widget.RichTextSegment
	for _, b := range blocks {
		if n := len(segs); n > 0 && segs[n-1].Inline() {
			if inItem && b.Kind == markup.Paragraph {
				segs = append(segs, &widget.TextSegment{Style: widget.RichTextStyleInline, Text: "\n"})
			} else {
				segs = append(segs, &widget.TextSegment{Style: widget.RichTextStyleParagraph})
			}
		}
		switch b.Kind {
		case markup.Paragraph:
			segs = append(segs, inlineSegments(b, open)...)
			if !inItem {
				segs = append(segs, &widget.TextSegment{Style: widget.RichTextStyleParagraph})
			}
		case markup.CodeBlock:
			segs = append(segs, &widget.TextSegment{Style: widget.RichTextStyleCodeBlock, Text: cutLongWords(b.Code)})
		case markup.Rule:
			segs = append(segs, &widget.SeparatorSegment{})
		case markup.List:
			l := &widget.ListSegment{Ordered: b.Ordered}
			l.SetStartNumber(b.Start)
			for _, item := range b.Items {
				l.Items = append(l.Items, &widget.ParagraphSegment{Texts: blockSegments(item, open, true)})
			}
			segs = append(segs, l)
		}
	}
	return segs
}

// inlineSegments draws a paragraph's runs: emphasis and code combined in
// one style, a quote in italics, a link's runs as one link.
func inlineSegments(b markup.Block, open func(string)) []widget.RichTextSegment {
	var segs []widget.RichTextSegment
	for i := 0; i < len(b.Inlines); i++ {
		in := b.Inlines[i]
		if href := in.Href; href != "" && data.CheckURL(href) == nil {
			u, _ := url.Parse(href) // CheckURL has parsed it
			label := in.Text
			for i+1 < len(b.Inlines) && b.Inlines[i+1].Href == href && b.Inlines[i+1].Text != "\n" {
				i++
				label += b.Inlines[i].Text
			}
			segs = append(segs, &widget.HyperlinkSegment{Alignment: fyne.TextAlignLeading, Text: cutLongWords(label), URL: u,
				OnTapped: func() { open(href) }})
			continue
		}
		style := widget.RichTextStyleInline
		if in.Code {
			style = widget.RichTextStyleCodeInline
		}
		style.TextStyle.Bold, style.TextStyle.Italic = in.Strong, in.Em || b.Quote
		segs = append(segs, &widget.TextSegment{Style: style, Text: cutLongWords(in.Text)})
	}
	return segs
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
