package export

import (
	"bufio"
	"io"
	"strconv"
	"strings"

	"chronoscope/data"
	"chronoscope/data/markup"
)

// footnote is one cited source and the quotes taken from it.
type footnote struct {
	n      int
	source data.Source
	quotes []string
}

// WriteMarkdown writes the chronology as Markdown a journalist pastes into
// a story: the title as a heading, the description, then one numbered item
// per event in time order, reading
//
//  7. **2014-12-22 16:15 UTC** — Title (claimed; United States, North Korea)[^1][^2]
//     - Responds to: event 5, The FBI blames North Korea (claimed) — note[^3]
//
// with the certainty shown unless confirmed, the actors, a footnote
// reference per cited source, and the event's story links under it, each
// naming the other event by its number (or as not in the export), with
// the link's certainty, note and sources; a link is listed at both of its
// ends, read from each ("Responded to by" at the other). The footnotes
// follow at the end, one per source however often it is cited:
//
//	[^1]: Publisher, “Title”, 2014-12-19, <https://…> — “quote”
//
// User text is escaped so it cannot turn into Markdown markup (or fake
// footnotes); the description keeps its Markdown, with every link
// data.CheckURL refuses and any raw HTML written as text (markup.DisarmLinks).
// Each event's pictures follow its line (see markdownPictures): those in
// the file as images opt.Pictures writes beside the document (a
// PictureFolder), with their alt text, caption and credit. Eras, tags and
// notes are not written.
func WriteMarkdown(tx *data.Tx, w io.Writer, opt Options) error {
	bw := bufio.NewWriter(w)
	c, err := chronology(tx)
	if err != nil {
		return err
	}
	names, err := actorNames(tx)
	if err != nil {
		return err
	}
	title := c.Title
	if title == "" {
		title = "Chronology"
	}
	bw.WriteString("# " + markup.Escape(oneLine(title)) + "\n\n")
	if d := strings.TrimSpace(c.Description); d != "" {
		// Written through as Markdown, but a link that may not be opened
		// is written as text, so a reader of the file cannot open it.
		bw.WriteString(markup.DisarmLinks(d) + "\n\n")
	}
	links, err := readStoryLinks(tx, opt.Filter)
	if err != nil {
		return err
	}
	srcs := &sources{tx: tx}
	notes := map[int64]*footnote{}
	var order []*footnote
	// cite returns the footnote reference of a source, adding its quote
	// to the footnote.
	cite := func(sourceID int64, quote string) (string, error) {
		fn, ok := notes[sourceID]
		if !ok {
			src, err := srcs.get(sourceID)
			if err != nil {
				return "", err
			}
			fn = &footnote{n: len(order) + 1, source: src}
			notes[sourceID] = fn
			order = append(order, fn)
		}
		if q := oneLine(quote); q != "" && !contains(fn.quotes, q) {
			fn.quotes = append(fn.quotes, q)
		}
		return "[^" + strconv.Itoa(fn.n) + "]", nil
	}
	n := 0
	err = tx.EachEvent(opt.Filter, func(e *data.Event) error {
		n++
		item := strconv.Itoa(n) + ". "
		bw.WriteString(item + "**" + markup.Escape(oneLine(eventDate(e))) + "** — " + markup.Escape(oneLine(e.Title)))
		var about []string
		if e.Certainty != data.Confirmed {
			about = append(about, string(e.Certainty))
		}
		var actors []string
		for _, p := range e.Actors {
			if n := names[p.ActorID]; n != "" {
				actors = append(actors, markup.Escape(oneLine(n)))
			}
		}
		if len(actors) > 0 {
			about = append(about, strings.Join(actors, ", "))
		}
		if len(about) > 0 {
			bw.WriteString(" (" + strings.Join(about, "; ") + ")")
		}
		cits, err := tx.Citations(e.ID)
		if err != nil {
			return err
		}
		referenced := map[int64]bool{}
		for _, ct := range cits {
			ref, err := cite(ct.SourceID, ct.Quote)
			if err != nil {
				return err
			}
			if !referenced[ct.SourceID] {
				referenced[ct.SourceID] = true
				bw.WriteString(ref)
			}
		}
		bw.WriteString("\n")
		refs, err := links.of(e.ID)
		if err != nil {
			return err
		}
		indent := strings.Repeat(" ", len(item)) // the item's content column, so the list nests
		pics, err := markdownPictures(tx, e.ID, indent, opt)
		if err != nil {
			return err
		}
		if pics != "" {
			bw.WriteString("\n" + pics)
		}
		for _, r := range refs {
			bw.WriteString(indent + "- " + r.Label + ": " + markdownLinkEnd(r) + " (" + string(r.Certainty) + ")")
			if note := oneLine(r.Note); note != "" {
				bw.WriteString(" — " + markup.Escape(note))
			}
			referenced := map[int64]bool{}
			for _, c := range r.Citations {
				ref, err := cite(c.SourceID, c.Quote)
				if err != nil {
					return err
				}
				if !referenced[c.SourceID] {
					referenced[c.SourceID] = true
					bw.WriteString(ref)
				}
			}
			bw.WriteString("\n")
		}
		return nil
	})
	if err != nil {
		return err
	}
	if len(order) > 0 {
		bw.WriteString("\n")
	}
	for _, fn := range order {
		bw.WriteString("[^" + strconv.Itoa(fn.n) + "]: " + footnoteText(fn) + "\n")
	}
	return bw.Flush()
}

// markdownLinkEnd names a link's other event: "event 5, Title", or
// "Title, not in this export" when the export leaves it out.
func markdownLinkEnd(r linkRef) string {
	title := markup.Escape(oneLine(r.Title))
	if r.Number == 0 {
		return title + ", not in this export"
	}
	return "event " + strconv.Itoa(r.Number) + ", " + title
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// footnoteText is "Publisher, “Title”, date, <url> — “quote”; “quote”".
func footnoteText(fn *footnote) string {
	s := fn.source
	var parts []string
	if s.Publisher != "" {
		parts = append(parts, markup.Escape(oneLine(s.Publisher)))
	}
	if s.Author != "" {
		parts = append(parts, markup.Escape(oneLine(s.Author)))
	}
	parts = append(parts, "“"+markup.Escape(oneLine(s.Title))+"”")
	if !s.Published.IsZero() {
		parts = append(parts, s.Published.String())
	}
	if u := s.URL; u != "" && data.CheckURL(u) == nil {
		parts = append(parts, "<"+u+">")
	}
	if u := s.ArchiveURL; u != "" && data.CheckURL(u) == nil {
		parts = append(parts, "archived <"+u+">")
	}
	text := strings.Join(parts, ", ")
	if len(fn.quotes) > 0 {
		qs := make([]string, len(fn.quotes))
		for i, q := range fn.quotes {
			qs[i] = "“" + markup.Escape(q) + "”"
		}
		text += " — " + strings.Join(qs, "; ")
	}
	return text
}

// oneLine joins a text's lines and runs of white space into single spaces.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
