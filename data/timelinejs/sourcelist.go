package timelinejs

import (
	"html"
	"strings"

	"chronoscope/data"
	"chronoscope/data/markup"

	xhtml "golang.org/x/net/html"
)

// An event's sources that are not its slide's media are written into the
// slide's text as a list of links with their quotes, which ImportJSON
// reads back as citations:
//
//	<div class="chronoscope-sources"><p>Sources</p><ul>
//	<li><a href="URL">Title</a>, <cite>Publisher</cite>: <q>quote</q> <small>note</small></li>
//	</ul></div>
//
// A source without an address has its title in <strong>. Authors, dates,
// archive addresses and the citations' dates are not written.
const sourcesClass = "chronoscope-sources"

const sourcesOpen = `<div class="` + sourcesClass + `"><p>Sources</p><ul>`

// listedSource is one item of the list: a source and its citation.
type listedSource struct {
	source   data.Source
	citation data.Citation
}

// sourceListHTML writes the list; "" when there is nothing to list.
func sourceListHTML(items []listedSource) string {
	if len(items) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString(sourcesOpen)
	for _, it := range items {
		b.WriteString("<li>")
		title := markup.AutolinkText(it.source.Title)
		if it.source.URL != "" {
			b.WriteString(`<a href="` + html.EscapeString(it.source.URL) + `">` + title + "</a>")
		} else {
			b.WriteString("<strong>" + title + "</strong>")
		}
		if p := it.source.Publisher; p != "" {
			b.WriteString(", <cite>" + markup.AutolinkText(p) + "</cite>")
		}
		if q := it.citation.Quote; q != "" {
			b.WriteString(": <q>" + markup.AutolinkText(q) + "</q>")
		}
		if n := it.citation.Note; n != "" {
			b.WriteString(" <small>" + strings.ReplaceAll(markup.AutolinkText(n), "\n", "<br>") + "</small>")
		}
		b.WriteString("</li>")
	}
	b.WriteString("</ul></div>")
	return b.String()
}

// cutSourceList returns a slide's text without its list of sources, and
// the sources listed. Items without a title are dropped, and so are
// addresses data.CheckURL refuses (the title is kept).
func cutSourceList(text string) (string, []listedSource) {
	rest, list := cutElement(text, `<div class="`+sourcesClass+`">`, "</div>")
	if list == "" {
		return text, nil
	}
	var items []listedSource
	var cur *listedSource
	var field *string
	var buf strings.Builder
	flush := func() {
		if field != nil {
			*field = strings.TrimSpace(*field + buf.String())
		}
		buf.Reset()
		field = nil
	}
	markup.WalkHTML(list, func(t xhtml.Token) {
		switch t.Type {
		case xhtml.TextToken:
			if field != nil {
				buf.WriteString(t.Data)
			}
		case xhtml.StartTagToken:
			if t.Data == "li" {
				flush()
				items = append(items, listedSource{})
				cur = &items[len(items)-1]
				return
			}
			if cur == nil {
				return
			}
			switch t.Data {
			case "a":
				flush()
				if u := strings.TrimSpace(markup.Attr(t, "href")); data.CheckURL(u) == nil {
					cur.source.URL = u
				}
				field = &cur.source.Title
			case "strong":
				flush()
				field = &cur.source.Title
			case "cite":
				flush()
				field = &cur.source.Publisher
			case "q":
				flush()
				field = &cur.citation.Quote
			case "small":
				flush()
				field = &cur.citation.Note
			case "br":
				if field != nil {
					buf.WriteByte('\n')
				}
			}
		case xhtml.EndTagToken:
			switch t.Data {
			case "a", "strong", "cite", "q", "small", "li":
				flush()
			}
		}
	})
	kept := items[:0]
	for _, it := range items {
		if it.source.Title != "" {
			it.source.Title = markup.CleanText(it.source.Title)
			kept = append(kept, it)
		}
	}
	return rest, kept
}
