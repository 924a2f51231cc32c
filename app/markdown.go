package app

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
	xhtml "golang.org/x/net/html"

	"chronoscope/data"
	"chronoscope/data/markup"
)

// richDescription shows a description as the HTML page shows it, for the
// detail panel and the presentation card: markup.HTML's fragment, in
// which every link is checked (a refused one is its label and its address
// in code), a picture is a link and nothing of the author's is markup,
// drawn as RichText segments. So escapes and character references read
// as the page reads them, a line break is a line break and a heading a
// bold paragraph. Its links open only through open, the app's checked
// opener (Fyne's own would hand any address to the system).
func richDescription(md string, open func(raw string)) *widget.RichText {
	w := segmentWriter{open: open, atLineStart: true}
	w.out = &w.doc
	markup.WalkHTML(markup.HTML(md, markup.HTMLOptions{}), w.token)
	rt := widget.NewRichText(w.doc...)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// A segmentWriter turns the tokens of markup.HTML's fragment (p, br,
// strong, em, code, pre, a, ul, ol, li, blockquote, hr) into RichText
// segments.
type segmentWriter struct {
	open  func(string)
	doc   []widget.RichTextSegment
	out   *[]widget.RichTextSegment   // where segments go: doc, or a list item's texts
	outer []*[]widget.RichTextSegment // where they went before each open list item
	lists []*widget.ListSegment
	link  *widget.HyperlinkSegment // an open <a>, gathering its label
	pre   *strings.Builder         // an open <pre>, gathering its text

	bold, italic, code, quote int
	atLineStart               bool // a space here is not shown
	itemBreak                 bool // a paragraph ended in a list item: the next text starts a line
}

func (w *segmentWriter) token(t xhtml.Token) {
	start := t.Type == xhtml.StartTagToken
	step := 1
	if t.Type == xhtml.EndTagToken {
		step = -1
	}
	switch {
	case t.Type == xhtml.TextToken && w.pre != nil:
		w.pre.WriteString(t.Data)
	case t.Type == xhtml.TextToken:
		w.text(t.Data)
	case t.Data == "strong":
		w.bold += step
	case t.Data == "em":
		w.italic += step
	case t.Data == "code":
		w.code += step
	case t.Data == "blockquote":
		w.quote += step
	case t.Data == "br":
		w.text("\n")
	case t.Data == "a" && start:
		w.link = &widget.HyperlinkSegment{Alignment: fyne.TextAlignLeading}
		if raw := markup.Attr(t, "href"); data.CheckURL(raw) == nil {
			w.link.URL, _ = url.Parse(raw)
			w.link.OnTapped = func() { w.open(raw) }
		}
	case t.Data == "a" && w.link != nil:
		l := w.link
		w.link = nil
		if l.URL == nil { // markup.HTML writes no such link; drawn as text if it did
			w.text(l.Text)
		} else if l.Text = cutLongWords(strings.TrimSpace(l.Text)); l.Text != "" {
			w.add(l)
		}
	case t.Data == "pre" && start:
		w.pre = &strings.Builder{}
	case t.Data == "pre" && w.pre != nil:
		w.add(&widget.TextSegment{Style: widget.RichTextStyleCodeBlock, Text: cutLongWords(strings.TrimSuffix(markup.CleanText(w.pre.String()), "\n"))})
		w.pre = nil
		w.atLineStart = true
	case t.Data == "hr" && start:
		w.add(&widget.SeparatorSegment{})
		w.atLineStart = true
	case (t.Data == "ul" || t.Data == "ol") && start:
		l := &widget.ListSegment{Ordered: t.Data == "ol"}
		if n, err := strconv.Atoi(markup.Attr(t, "start")); err == nil && l.Ordered {
			l.SetStartNumber(n)
		}
		w.add(l)
		w.lists = append(w.lists, l)
	case (t.Data == "ul" || t.Data == "ol") && len(w.lists) > 0:
		w.lists = w.lists[:len(w.lists)-1]
		w.atLineStart = true
	case t.Data == "li" && start && len(w.lists) > 0:
		l, item := w.lists[len(w.lists)-1], &widget.ParagraphSegment{}
		l.Items = append(l.Items, item)
		w.outer = append(w.outer, w.out)
		w.out, w.atLineStart, w.itemBreak = &item.Texts, true, false
	case t.Data == "li" && len(w.outer) > 0:
		w.out, w.outer = w.outer[len(w.outer)-1], w.outer[:len(w.outer)-1]
		w.atLineStart, w.itemBreak = true, false
	case t.Data == "p" && !start:
		if len(w.outer) > 0 {
			w.itemBreak = true
		} else {
			w.add(&widget.TextSegment{Style: widget.RichTextStyleParagraph})
		}
		w.atLineStart = true
	}
}

// htmlSpaces are runs of HTML white space, shown as one space.
var htmlSpaces = regexp.MustCompile("[ \t\n\r\f]+")

// text adds text in the style of the tags around it; "\n" is a line break.
func (w *segmentWriter) text(s string) {
	if s != "\n" {
		if s = htmlSpaces.ReplaceAllString(markup.CleanText(s), " "); w.atLineStart {
			s = strings.TrimLeft(s, " ")
		}
	}
	switch {
	case s == "":
		return
	case w.link != nil:
		w.link.Text += strings.ReplaceAll(s, "\n", " ")
		return
	case w.itemBreak:
		s, w.itemBreak = "\n"+s, false
	}
	style := widget.RichTextStyleInline
	if w.code > 0 {
		style = widget.RichTextStyleCodeInline
	}
	style.TextStyle.Bold = w.bold > 0
	style.TextStyle.Italic = w.italic > 0 || w.quote > 0
	w.add(&widget.TextSegment{Style: style, Text: cutLongWords(s)})
	w.atLineStart = strings.HasSuffix(s, "\n")
}

// add adds a segment where segments go now; a list, a code block or a
// rule after text in a line starts a line of its own.
func (w *segmentWriter) add(s widget.RichTextSegment) {
	t, text := s.(*widget.TextSegment)
	if n := len(*w.out); !s.Inline() && (!text || t.Text != "") && n > 0 && (*w.out)[n-1].Inline() {
		*w.out = append(*w.out, &widget.TextSegment{Style: widget.RichTextStyleParagraph})
	}
	if !text {
		w.itemBreak = false
	}
	*w.out = append(*w.out, s)
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
