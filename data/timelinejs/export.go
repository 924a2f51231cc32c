package timelinejs

import (
	"errors"
	"html"
	"strconv"
	"strings"

	"chronoscope/data"
)

// WriteOptions selects what WriteJSON and WriteCSV write.
type WriteOptions struct {
	// Filter selects the events written; the zero Filter writes them all.
	// The title slide and the eras are always written.
	Filter data.Filter
}

// outSlide is an event (or era, or the title) as TimelineJS shows it:
// every text already HTML.
type outSlide struct {
	start, end  data.Date
	displayDate string
	headline    string
	text        string
	mediaURL    string
	caption     string
	credit      string
	group       string
	uniqueID    string
	background  string // an image URL or a CSS colour
}

// exporter reads what a slide needs beyond the event: actor names and the
// first cited source.
type exporter struct {
	tx     *data.Tx
	actors map[int64]string
}

func newExporter(tx *data.Tx) (*exporter, error) {
	x := &exporter{tx: tx, actors: map[int64]string{}}
	actors, err := tx.Actors()
	if err != nil {
		return nil, err
	}
	for _, a := range actors {
		x.actors[a.ID] = a.Name
	}
	return x, nil
}

// certaintyNote is the paragraph added to the text of events whose
// certainty readers must see (an allegation is not a fact); ImportJSON
// reads it back. Confirmed and reported events carry none.
func certaintyNote(c data.Certainty) string {
	switch c {
	case data.Claimed, data.Disputed, data.Denied:
		return `<p class="` + certaintyClass + `"><em>Certainty: ` + html.EscapeString(string(c)) + `</em></p>`
	}
	return ""
}

// slide builds the slide of an event: title and description as HTML, the
// group from its first actor, the media from its first citation whose
// source has a URL that may be opened. What TimelineJS cannot hold is
// left out: other actors and roles, tags, notes, importance, story
// position, other citations, and the zone (wall times are written as they
// are, with a display date naming the zone for times of day outside UTC).
func (x *exporter) slide(e *data.Event) (outSlide, error) {
	headline := html.EscapeString(e.Title)
	if HasDerivedTitle(e) {
		headline = "" // the author wrote none; the made-up title is not theirs
	}
	s := outSlide{start: e.Start, end: e.End, headline: headline,
		text: markdownToHTML(e.Description) + certaintyNote(e.Certainty), uniqueID: e.ExternalID,
		background: backgroundOf(e.Notes)}
	if s.uniqueID == "" {
		s.uniqueID = "cs-" + strconv.FormatInt(e.ID, 10)
	}
	switch {
	case e.DisplayDate != "":
		s.displayDate = html.EscapeString(e.DisplayDate)
	case e.Zone != "" && e.Zone != "UTC" && e.Start.Precision >= data.PrecisionHour:
		loc := e.Location()
		d := e.Start.Format(loc)
		if !e.End.IsZero() {
			d += " – " + e.End.Format(loc)
		}
		s.displayDate = html.EscapeString(d)
	}
	if len(e.Actors) > 0 {
		s.group = html.EscapeString(x.actors[e.Actors[0].ActorID])
	}
	cits, err := x.tx.Citations(e.ID)
	if err != nil {
		return s, err
	}
	for _, c := range cits {
		src, err := x.tx.Source(c.SourceID)
		if errors.Is(err, data.ErrNotFound) {
			continue
		}
		if err != nil {
			return s, err
		}
		if md, ok := strings.CutPrefix(c.Note, quotationNote); ok && src.URL == "" {
			// A quotation is written back as TimelineJS quotation media;
			// markdownToHTML escapes what the note holds.
			s.mediaURL = "<blockquote>" + markdownToHTML(md) + "</blockquote>"
		} else if src.URL == "" || data.CheckURL(src.URL) != nil {
			continue
		} else {
			s.mediaURL = src.URL
		}
		// ImportJSON makes the caption the quote and the title, or the
		// credit the title when there is no caption; this is its inverse.
		s.caption = html.EscapeString(c.Quote)
		switch {
		case src.Publisher != "":
			s.credit = html.EscapeString(src.Publisher)
		case src.Author != "":
			s.credit = html.EscapeString(src.Author)
		case src.Title != src.URL && src.Title != c.Quote:
			s.credit = html.EscapeString(src.Title)
		}
		if s.caption == "" && s.credit == "" && src.Title != src.URL {
			s.caption = html.EscapeString(src.Title)
		}
		break
	}
	return s, nil
}

// JavaScript's Date covers about ±271,821 years around 1970; beyond that
// TimelineJS needs its cosmological scale.
const minHumanYear, maxHumanYear = -271_820, 275_759

func humanYear(d data.Date) bool {
	return d.IsZero() || (d.Year >= minHumanYear && d.Year <= maxHumanYear)
}
