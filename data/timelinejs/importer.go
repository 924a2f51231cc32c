package timelinejs

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"chronoscope/data"
	"chronoscope/data/markup"
)

// Options tunes an import.
type Options struct {
	// Progress, when set, is called with the number of events imported so
	// far after every 10,000 events.
	Progress func(events int)
	// Warn, when set, is told what the import passed over without
	// refusing the file (a sheet's columns it does not know), one message
	// each, naming the file and the place.
	Warn func(msg string)
}

// ProgressEvery is how many events pass between two Progress calls.
const ProgressEvery = 10_000

// MaxField is the longest single text field or cell accepted (10 MB).
const MaxField = 10 << 20

// maxDepth bounds the nesting of JSON objects and arrays; a TimelineJS
// file needs four levels.
const maxDepth = 64

// slide is one TimelineJS slide as read from JSON or a sheet row, with its
// dates already checked; where names it in errors ("events[3]", "line 5").
type slide struct {
	where       string
	field       func(name string) string // where a field is, when not where + "." + name
	start, end  data.Date
	displayDate string
	headline    string // HTML
	text        string // HTML
	media       media
	group       string
	uniqueID    string
	background  string // an image URL or a CSS colour, as given
}

// at names where a field of the slide is ("events[3].group", "line 5,
// column 18 (Group)").
func (s *slide) at(field string) string {
	if s.field != nil {
		return s.field(field)
	}
	return s.where + "." + field
}

// media is a slide's media: url is usually a link but may be HTML (a
// blockquote) or anything TimelineJS can embed; thumbnail is the address
// of a small picture for the slide's marker; link is where the media
// leads when clicked, in the window linkTarget names.
type media struct {
	url, caption, credit, link, linkTarget, thumbnail, alt, title string
}

// Colours for groups (distinct on light and dark backgrounds) and for
// eras (soft, as they are drawn behind events).
var (
	groupColors = []string{"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
		"#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"}
	eraColors = []string{"#c6dbef", "#fdd0a2", "#c7e9c0", "#dadaeb", "#fcbba1", "#d9d9d9"}
)

// groupColor returns the colour of the n-th actor: the palette first, then
// hues spread by the golden angle.
func groupColor(n int) string {
	if n < len(groupColors) {
		return groupColors[n]
	}
	h := float64(n) * 0.6180339887
	h -= float64(int(h))
	return hsv(h, 0.65, 0.8)
}

func hsv(h, s, v float64) string {
	i := int(h * 6)
	f := h*6 - float64(i)
	p, q, t := v*(1-s), v*(1-f*s), v*(1-(1-f)*s)
	var r, g, b float64
	switch i % 6 {
	case 0:
		r, g, b = v, t, p
	case 1:
		r, g, b = q, v, p
	case 2:
		r, g, b = p, v, t
	case 3:
		r, g, b = p, q, v
	case 4:
		r, g, b = t, p, v
	default:
		r, g, b = v, p, q
	}
	return fmt.Sprintf("#%02x%02x%02x", int(r*255+0.5), int(g*255+0.5), int(b*255+0.5))
}

// builtEvent is a slide turned into Chronoscope's model, before it is
// written: the event, its group, its media (a picture or a citation) and
// the sources listed in its text.
type builtEvent struct {
	event     data.Event
	certainty bool // the text carried a Chronoscope certainty paragraph
	group     string
	image     *data.Image
	source    *data.Source
	citation  data.Citation
	listed    []listedSource
}

// build turns a slide into an event. TimelineJS knows no certainty, so
// events are Reported (unless the text carries the certainty paragraph
// that WriteJSON adds), of middling importance 3, in UTC (TimelineJS
// dates are wall time with no zone).
func build(s *slide) *builtEvent {
	text, listed := cutSourceList(s.text)
	text, cert := cutCertainty(text)
	desc := markup.FromHTML(text)
	title := markup.HTMLText(s.headline)
	var tags []string
	if title == "" {
		// The export moves media it cannot show into the list: its first
		// item's quote is the caption the title was made from.
		caption := markup.HTMLText(s.media.caption)
		if strings.TrimSpace(s.media.url) == "" && len(listed) > 0 {
			caption = listed[0].citation.Quote
		}
		title, tags = deriveTitle(desc, caption), []string{DerivedTitleTag}
	}
	b := &builtEvent{
		event: data.Event{Title: title, Description: desc, Start: s.start, End: s.end,
			DisplayDate: strings.TrimSpace(markup.HTMLText(s.displayDate)), Certainty: data.Reported,
			Importance: 3, ExternalID: strings.TrimSpace(s.uniqueID), Tags: tags,
			Notes: withBackground("", checkBackground(s.background))},
		group: markup.HTMLText(s.group),
	}
	if c, ok := parseCertainty(cert); ok {
		b.event.Certainty, b.certainty = c, true
	}
	if s.end == s.start {
		b.event.End = data.Date{} // a span of one period is a point at that precision
	}
	b.listed = listed
	if IsPictureURL(strings.TrimSpace(s.media.url)) {
		b.image = mediaImage(s.media)
	} else {
		b.source, b.citation = mediaSource(s.media)
		b.event.Notes = withNoteLine(b.event.Notes, altNote, excerpt(markup.HTMLText(s.media.alt), 2000))
	}
	if b.image != nil || (b.source != nil && (embeddable(b.source.URL) || strings.HasPrefix(b.citation.Note, quotationNote))) {
		// Kept only for media the export writes back as media: a page
		// TimelineJS cannot show goes into the text's list of sources.
		b.event.Notes = withNoteLine(b.event.Notes, thumbnailNote, checkLink(s.media.thumbnail))
		b.event.Notes = withNoteLine(b.event.Notes, mediaTitleNote, excerpt(markup.HTMLText(s.media.title), 500))
		b.event.Notes = withNoteLine(b.event.Notes, mediaLinkNote, checkLink(s.media.link))
		b.event.Notes = withNoteLine(b.event.Notes, linkTargetNote, checkLinkTarget(s.media.linkTarget))
	} else {
		b.event.Notes = withNoteLine(b.event.Notes, altNote, "")
	}
	return b
}

// A media thumbnail, title, link and link target, and the alt text of
// media that is not a picture, have no place in the model: they are kept
// as lines of the event's notes, which the export writes back with the
// slide's media.
const (
	thumbnailNote  = "TimelineJS media thumbnail: "
	altNote        = "TimelineJS media alt: "
	mediaTitleNote = "TimelineJS media title: "
	mediaLinkNote  = "TimelineJS media link: "
	linkTargetNote = "TimelineJS media link target: "
)

// mediaNotes are the notes lines a slide's media keeps.
var mediaNotes = []string{thumbnailNote, altNote, mediaTitleNote, mediaLinkNote, linkTargetNote}

// safeTarget is a link target TimelineJS may be given back: a keyword
// (_blank, _self, _parent, _top) or a window name, nothing that could end
// the attribute it is put in.
var safeTarget = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// checkLinkTarget returns a link target as it is kept: "" unless it is
// safeTarget.
func checkLinkTarget(raw string) string {
	raw = strings.TrimSpace(raw)
	if !safeTarget.MatchString(raw) {
		return ""
	}
	return raw
}

// checkLink returns a media thumbnail or link address as it is kept: ""
// unless data.CheckURL accepts it (no javascript:, data: or file: links).
func checkLink(raw string) string {
	raw = strings.TrimSpace(raw)
	if raw == "" || data.CheckURL(raw) != nil {
		return ""
	}
	return raw
}

// mediaImage turns picture media into a remote image (never fetched
// here): caption, credit and alt text as plain text.
func mediaImage(m media) *data.Image {
	return &data.Image{URL: strings.TrimSpace(m.url), Caption: excerpt(markup.HTMLText(m.caption), 2000),
		Credit: excerpt(markup.HTMLText(m.credit), 500), Alt: excerpt(markup.HTMLText(m.alt), 2000)}
}

// DerivedTitleTag marks an event whose slide had no headline: its title
// was made from the start of its text (or its media caption), not written
// by the author. The app shows such titles as made up, and the TimelineJS
// export writes no headline for them (see HasDerivedTitle).
const DerivedTitleTag = "derived title"

// untitled is the title of a slide with no headline, text nor caption.
const untitled = "Untitled event"

// deriveTitle makes a title for a slide without a headline: the start of
// its description (read as the export writes it, so that import and
// export derive the same title), else of its caption.
func deriveTitle(desc, caption string) string {
	if t := excerpt(markup.HTMLText(markdownToHTML(desc)), 80); t != "" {
		return t
	}
	if t := excerpt(caption, 80); t != "" {
		return t
	}
	return untitled
}

// HasDerivedTitle reports whether e's title was made up on import, not
// written by the author: e carries DerivedTitleTag and its title is still
// the one derived from its description (a title edited since is the
// user's own, and is exported).
func HasDerivedTitle(e *data.Event) bool {
	if !slices.Contains(e.Tags, DerivedTitleTag) {
		return false
	}
	fromText := excerpt(markup.HTMLText(markdownToHTML(e.Description)), 80)
	return e.Title == fromText || e.Title == untitled || fromText == ""
}

// parseCertainty reads the "Certainty: claimed" paragraph WriteJSON adds.
func parseCertainty(s string) (data.Certainty, bool) {
	if s == "" {
		return "", false
	}
	s = strings.TrimSpace(strings.TrimPrefix(strings.ToLower(s), "certainty:"))
	c := data.Certainty(strings.TrimRight(s, ". "))
	return c, c.Valid()
}

// quotationNote begins the citation note that keeps a slide's quotation
// media (TimelineJS shows media starting "<blockquote" as a quotation).
const quotationNote = "TimelineJS quotation: "

func isQuotation(media string) bool {
	return len(media) >= 11 && strings.EqualFold(media[:11], "<blockquote")
}

// mediaSource turns a slide's media into a source and the citation of it:
// the source's title is the caption, else the credit, else the URL; the
// URL is kept only when data.CheckURL accepts it, and otherwise the media
// (often an HTML quotation) is described in the citation's note. The
// caption is the citation's quote, and the link the source's URL when the
// media has none. A picture file is not a source (see mediaImage); title,
// link and link_target are kept in the event's notes (see build).
func mediaSource(m media) (*data.Source, data.Citation) {
	raw := strings.TrimSpace(m.url)
	if raw == "" {
		return nil, data.Citation{}
	}
	caption, credit := excerpt(markup.HTMLText(m.caption), 2000), excerpt(markup.HTMLText(m.credit), 500)
	src := &data.Source{}
	var notes []string
	if data.CheckURL(raw) == nil {
		src.URL = raw
	} else {
		what := excerpt(markup.HTMLText(raw), 300)
		if what == "" {
			what = excerpt(raw, 300)
		}
		if isQuotation(raw) {
			// The quotation is kept whole, as Markdown, so the export can
			// give it back.
			notes = append(notes, quotationNote+markup.FromHTML(raw))
		} else if err := data.CheckURL(raw); strings.Contains(raw, "<") {
			notes = append(notes, "TimelineJS media (not a link): "+what)
		} else {
			notes = append(notes, fmt.Sprintf("TimelineJS media not kept as a link (%v): %s", err, what))
		}
		if l := strings.TrimSpace(m.link); l != "" && data.CheckURL(l) == nil {
			src.URL = l
		}
	}
	switch {
	case caption != "":
		src.Title, src.Publisher = caption, credit
	case credit != "":
		src.Title = credit
	case src.URL != "":
		src.Title = src.URL
	default:
		src.Title = excerpt(markup.HTMLText(raw), 80)
		if src.Title == "" {
			src.Title = "TimelineJS media"
		}
	}
	return src, data.Citation{Quote: caption, Note: strings.Join(notes, "\n")}
}

// importer writes slides into a transaction; the JSON and CSV readers
// share it, so both formats import the same way.
type importer struct {
	tx    *data.Tx
	name  string
	opt   Options
	empty bool // the chronology had no events when the import began

	actors   map[string]int64 // existing and created actors by name
	nActors  int
	eras     map[string]bool // title and dates of existing eras
	nEras    int
	firstNew int64          // id of the first event this import created
	updated  map[int64]bool // existing events this import updated
	newIDs   *idFilter      // unique_ids of created events, when the chronology was empty
	stats    data.ImportStats
}

func newImporter(tx *data.Tx, name string, opt Options) (*importer, error) {
	im := &importer{tx: tx, name: name, opt: opt, actors: map[string]int64{},
		eras: map[string]bool{}, updated: map[int64]bool{}}
	n, err := tx.Count(data.Filter{})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	im.empty = n == 0
	if im.empty {
		im.newIDs = newIDFilter()
	}
	actors, err := tx.Actors()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	for _, a := range actors {
		if _, ok := im.actors[a.Name]; !ok {
			im.actors[a.Name] = a.ID
		}
	}
	im.nActors = len(actors)
	eras, err := tx.Eras()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	for _, e := range eras {
		im.eras[eraKey(e)] = true
	}
	im.nEras = len(eras)
	return im, nil
}

func eraKey(e data.Era) string { return e.Title + "\x00" + e.Start.String() + "\x00" + e.End.String() }

// fail names the file and the place in it.
func (im *importer) fail(where string, err error) error {
	return fmt.Errorf("%s: %s: %w", im.name, where, err)
}

// checkText refuses a text field that is too long or not UTF-8.
func checkText(s string) error {
	if len(s) > MaxField {
		return fmt.Errorf("is %d bytes long (the limit is %d)", len(s), MaxField)
	}
	if !utf8.ValidString(s) {
		return errors.New("is not valid UTF-8 text")
	}
	return nil
}

// title sets the chronology's title and description from the title slide,
// but only when the chronology had no events before the import.
func (im *importer) title(s *slide) error {
	if !im.empty {
		return nil
	}
	c, err := im.tx.Chronology()
	if err != nil && !errors.Is(err, data.ErrNotFound) {
		return err
	}
	if t := markup.HTMLText(s.headline); t != "" {
		c.Title = t
	}
	if c.Title == "" {
		c.Title = im.name
	}
	c.Description = markup.FromHTML(s.text)
	if err := im.tx.SetChronology(c); err != nil {
		return im.fail(s.where, err)
	}
	return nil
}

// era adds an era unless the chronology has one with the same title and
// dates already (so re-importing a file does not repeat its eras).
// The reader has checked that both dates are given.
func (im *importer) era(s *slide) error {
	title := markup.HTMLText(s.headline)
	if title == "" {
		title = excerpt(markup.HTMLText(s.text), 80)
	}
	if title == "" {
		title = "Era"
	}
	e := data.Era{Title: title, Start: s.start, End: s.end, Color: eraColors[im.nEras%len(eraColors)]}
	if im.eras[eraKey(e)] {
		return nil
	}
	if err := im.tx.CreateEra(&e); err != nil {
		return im.fail(s.where, err)
	}
	im.eras[eraKey(e)] = true
	im.nEras++
	im.stats.Eras++
	return nil
}

// groupActor returns the actor for a TimelineJS group, creating it (kind
// group, a colour of its own) when no actor has that name.
func (im *importer) groupActor(s *slide, name string) (int64, error) {
	if id, ok := im.actors[name]; ok {
		return id, nil
	}
	a := data.Actor{Name: name, Kind: data.KindGroup, Color: groupColor(im.nActors), Position: im.nActors}
	if err := im.tx.CreateActor(&a); err != nil {
		return 0, im.fail(s.at("group"), err)
	}
	im.actors[name] = a.ID
	im.nActors++
	im.stats.Actors++
	return a.ID, nil
}

// groupRole is the role of an actor made from a TimelineJS group.
const groupRole = "group"

// event adds the slide as an event, or updates the event imported before
// with the same unique_id: its title, description, dates, display date and
// group change; its certainty (unless the text carries one), importance,
// tags, notes, zone, other actors and citations stay as edited in
// Chronoscope.
func (im *importer) event(s *slide) error {
	return im.write(s, build(s))
}

func (im *importer) write(s *slide, b *builtEvent) error {
	where := s.where
	e := &b.event
	var groupID int64
	if b.group != "" {
		var err error
		if groupID, err = im.groupActor(s, b.group); err != nil {
			return err
		}
	}
	var old *data.Event
	// Into a chronology that was empty, only an event of this import can
	// have the id; the filter spares the store the question for most.
	if e.ExternalID != "" && (im.newIDs == nil || im.newIDs.mayHave(e.ExternalID)) {
		found, err := im.tx.EventByExternalID(e.ExternalID)
		switch {
		case err == nil:
			if (im.firstNew != 0 && found.ID >= im.firstNew) || im.updated[found.ID] {
				return im.fail(s.at("unique_id"), fmt.Errorf("%q is given to more than one event in the file", e.ExternalID))
			}
			old = found
		case !errors.Is(err, data.ErrNotFound):
			return im.fail(where, err)
		}
	}
	if old != nil {
		old.Title, old.Description, old.Start, old.End, old.DisplayDate = e.Title, e.Description, e.Start, e.End, e.DisplayDate
		old.Tags = slices.DeleteFunc(old.Tags, func(t string) bool { return t == DerivedTitleTag })
		old.Tags = append(old.Tags, e.Tags...)
		old.Notes = withBackground(old.Notes, backgroundOf(e.Notes))
		for _, p := range mediaNotes {
			old.Notes = withNoteLine(old.Notes, p, noteLine(e.Notes, p))
		}
		if b.certainty {
			old.Certainty = e.Certainty
		}
		actors := old.Actors[:0:0]
		for _, p := range old.Actors {
			if p.Role != groupRole || p.ActorID == groupID {
				actors = append(actors, p)
			}
		}
		if groupID != 0 && !data.HasActor(actors, groupID) {
			actors = append([]data.Participant{{ActorID: groupID, Role: groupRole}}, actors...)
		}
		old.Actors = actors
		if err := im.tx.UpdateEvent(old); err != nil {
			return im.fail(where, err)
		}
		im.updated[old.ID] = true
		e = old
	} else {
		if groupID != 0 {
			e.Actors = []data.Participant{{ActorID: groupID, Role: groupRole}}
		}
		if err := im.tx.CreateEvent(e); err != nil {
			return im.fail(where, err)
		}
		if im.firstNew == 0 {
			im.firstNew = e.ID
		}
		if im.newIDs != nil && e.ExternalID != "" {
			im.newIDs.add(e.ExternalID)
		}
	}
	if b.image != nil {
		if err := im.picture(s, e.ID, b.image, old != nil); err != nil {
			return err
		}
	}
	if b.source != nil {
		if err := im.cite(s, e.ID, b.source, b.citation, old != nil); err != nil {
			return err
		}
	}
	for _, l := range b.listed {
		if err := im.cite(s, e.ID, &l.source, l.citation, old != nil); err != nil {
			return err
		}
	}
	im.stats.Events++
	if im.opt.Progress != nil && im.stats.Events%ProgressEvery == 0 {
		im.opt.Progress(im.stats.Events)
	}
	return nil
}

// picture adds a slide's picture to an event as a remote image. For an
// updated event, an image with the same address is updated in place
// instead (its bytes, if fetched since, stay).
func (im *importer) picture(sl *slide, eventID int64, pic *data.Image, updating bool) error {
	at := sl.at("media")
	if updating {
		ims, err := im.tx.EventImages(eventID)
		if err != nil {
			return im.fail(sl.where, err)
		}
		for _, old := range ims {
			if old.URL == pic.URL {
				old.Caption, old.Credit, old.Alt = pic.Caption, pic.Credit, pic.Alt
				if err := im.tx.UpdateImage(&old); err != nil {
					return im.fail(at, err)
				}
				return nil
			}
		}
	}
	v := *pic
	v.EventID = eventID
	if err := im.tx.AddImage(&v, nil); err != nil {
		return im.fail(at, err)
	}
	im.stats.Images++
	return nil
}

// cite adds the media source and its citation to an event. For an
// updated event, a citation of a source with the same URL (or, without
// URLs, the same title) is updated in place instead.
func (im *importer) cite(sl *slide, eventID int64, src *data.Source, c data.Citation, updating bool) error {
	where, at := sl.where, sl.at("media")
	if updating {
		cits, err := im.tx.Citations(eventID)
		if err != nil {
			return im.fail(where, err)
		}
		for _, old := range cits {
			s, err := im.tx.Source(old.SourceID)
			if err != nil {
				return im.fail(where, err)
			}
			if (s.URL != "" && s.URL == src.URL) || (s.URL == "" && src.URL == "" && s.Title == src.Title) {
				s.Title, s.Publisher, s.URL = src.Title, src.Publisher, src.URL
				if err := im.tx.UpdateSource(&s); err != nil {
					return im.fail(at, err)
				}
				old.Quote, old.Note = c.Quote, c.Note
				if err := im.tx.UpdateCitation(&old); err != nil {
					return im.fail(at, err)
				}
				return nil
			}
		}
	}
	if err := im.tx.CreateSource(src); err != nil {
		return im.fail(at, err)
	}
	im.stats.Sources++
	c.EventID, c.SourceID = eventID, src.ID
	if err := im.tx.CreateCitation(&c); err != nil {
		return im.fail(at, err)
	}
	im.stats.Citations++
	return nil
}
