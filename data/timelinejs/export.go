package timelinejs

import (
	"errors"
	"html"
	"strconv"
	"strings"

	"chronoscope/data"
	"chronoscope/data/markup"
)

// WriteOptions selects what WriteJSON and WriteCSV write.
type WriteOptions struct {
	// Filter selects the events written; the zero Filter writes them all.
	// The title slide and the eras are always written.
	Filter data.Filter
	// Pictures, when set, is given each picture in the file that a slide
	// shows, with its bytes, and returns the address media.url points at
	// (a path relative to the document, for a folder written beside it).
	// Without it such a picture is written by the address it was fetched
	// from, and passed over when it has none.
	Pictures func(im data.Image, b []byte) (string, error)
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
	alt         string
	thumbnail   string
	mediaTitle  string
	link        string // where the media leads when clicked
	linkTarget  string
	group       string
	uniqueID    string
	background  string // an image URL or a CSS colour
}

// exporter reads what a slide needs beyond the event: actor names, its
// pictures and its sources.
type exporter struct {
	tx       *data.Tx
	actors   map[int64]string
	pictures func(data.Image, []byte) (string, error)
}

func newExporter(tx *data.Tx, opt WriteOptions) (*exporter, error) {
	x := &exporter{tx: tx, actors: map[int64]string{}, pictures: opt.Pictures}
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
// group from its first actor, the media from its first picture TimelineJS
// can be pointed at, else its first citation of something TimelineJS
// shows (see MediaKind) or of a quotation; the other citations are listed
// in the text (see sourceListHTML). What TimelineJS cannot hold is left
// out: other pictures, actors and roles, tags, notes, importance, story
// position, and the zone (wall times are written as they are, with a
// display date naming the zone for times of day outside UTC).
func (x *exporter) slide(e *data.Event) (outSlide, error) {
	headline := html.EscapeString(e.Title)
	if HasDerivedTitle(e) {
		headline = "" // the author wrote none; the made-up title is not theirs
	}
	s := outSlide{start: e.Start, end: e.End, headline: headline, uniqueID: e.ExternalID,
		background: backgroundOf(e.Notes)}
	if s.uniqueID == "" {
		s.uniqueID = "cs-" + strconv.FormatInt(e.ID, 10)
	}
	switch {
	case e.DisplayDate != "":
		s.displayDate = html.EscapeString(e.DisplayDate)
	case e.Zone != "" && e.Zone != "UTC" && e.Start.Precision >= data.PrecisionHour:
		s.displayDate = html.EscapeString(e.When())
	}
	if len(e.Actors) > 0 {
		s.group = html.EscapeString(x.actors[e.Actors[0].ActorID])
	}
	if err := x.picture(e, &s); err != nil {
		return s, err
	}
	cits, err := x.tx.Citations(e.ID)
	if err != nil {
		return s, err
	}
	var listed []listedSource
	link := checkLink(noteLine(e.Notes, mediaLinkNote))
	for _, c := range cits {
		src, err := x.tx.Source(c.SourceID)
		if errors.Is(err, data.ErrNotFound) {
			continue
		}
		if err != nil {
			return s, err
		}
		if s.mediaURL == "" && x.citationMedia(src, c, link, &s) {
			s.alt = html.EscapeString(noteLine(e.Notes, altNote))
			continue
		}
		listed = append(listed, listedSource{source: src, citation: c})
	}
	if s.mediaURL != "" {
		s.thumbnail = checkLink(noteLine(e.Notes, thumbnailNote))
		s.mediaTitle = html.EscapeString(noteLine(e.Notes, mediaTitleNote))
		s.link, s.linkTarget = link, checkLinkTarget(noteLine(e.Notes, linkTargetNote))
	}
	s.text = markdownToHTML(e.Description) + sourceListHTML(listed) + certaintyNote(e.Certainty)
	return s, nil
}

// picture makes the event's first picture the slide's media: a remote one
// by its address, one in the file as x.pictures writes it (else by the
// address it was fetched from, if any).
func (x *exporter) picture(e *data.Event, s *outSlide) error {
	ims, err := x.tx.EventImages(e.ID)
	if err != nil {
		return err
	}
	for _, im := range ims {
		if !im.Public() {
			continue // a timeline others read says who made each picture
		}
		u := im.URL
		if !im.Remote() && x.pictures != nil {
			b, err := x.tx.ImageData(im.ID)
			if err != nil {
				return err
			}
			if u, err = x.pictures(im, b); err != nil {
				return err
			}
		}
		if u == "" {
			continue
		}
		s.mediaURL, s.caption, s.credit, s.alt = u, html.EscapeString(im.Caption), html.EscapeString(im.Credit), html.EscapeString(im.Alt)
		return nil
	}
	return nil
}

// citationMedia makes a citation the slide's media when TimelineJS shows
// its source (a quotation kept from a slide, or an address MediaKind
// names), and reports whether it did. link is the media's link kept in
// the event's notes: a quotation's source has it as its URL.
func (x *exporter) citationMedia(src data.Source, c data.Citation, link string, s *outSlide) bool {
	if md, ok := strings.CutPrefix(c.Note, quotationNote); ok && (src.URL == "" || src.URL == link) {
		// A quotation is written back as TimelineJS quotation media;
		// markdownToHTML escapes what the note holds.
		s.mediaURL = "<blockquote>" + markdownToHTML(md) + "</blockquote>"
	} else if src.URL != "" && data.CheckURL(src.URL) == nil && embeddable(src.URL) {
		s.mediaURL = src.URL
	} else {
		return false
	}
	// ImportJSON makes the caption the quote and the title, or the credit
	// the title when there is no caption; this is its inverse.
	// A title that is the address, or the start of a quotation, was
	// made up on import for media with no caption nor credit.
	madeUp := src.Title == src.URL || src.Title == excerpt(markup.HTMLText(s.mediaURL), 80)
	s.caption = html.EscapeString(c.Quote)
	switch {
	case src.Publisher != "":
		s.credit = html.EscapeString(src.Publisher)
	case src.Author != "":
		s.credit = html.EscapeString(src.Author)
	case !madeUp && src.Title != c.Quote:
		s.credit = html.EscapeString(src.Title)
	}
	if s.caption == "" && s.credit == "" && !madeUp {
		s.caption = html.EscapeString(src.Title)
	}
	return true
}

// JavaScript's Date covers about ±271,821 years around 1970; beyond that
// TimelineJS needs its cosmological scale.
const minHumanYear, maxHumanYear = -271_820, 275_759

func humanYear(d data.Date) bool {
	return d.IsZero() || (d.Year >= minHumanYear && d.Year <= maxHumanYear)
}
