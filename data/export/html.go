package export

import (
	"bufio"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"encoding/json"
	"html/template"
	"io"
	"strconv"
	"strings"
	"time"

	"chronoscope/data"
	"chronoscope/data/markup"
)

// WriteHTML writes the chronology as one self-contained HTML5 page that a
// teacher hands to students: it works offline and opening it never touches
// the network. Its style and script are inline, it loads nothing (a
// Content-Security-Policy forbids every network load and lets only the
// page's own script run, by its hash) and it sends no referrer.
//
// The page holds the title and description, then the events in time order
// as static HTML, readable without JavaScript and fit to print: each with
// its date at its precision, title, certainty (a badge: a claim is not a
// fact), actors with their roles, description (its Markdown rendered by
// markup.HTML, any raw HTML shown as text) and the sources it
// cites, with their quotes, notes and the dates they give (a date that
// disagrees with the event's is marked). Events are numbered, and each
// lists its story links at both ends, read from that end ("Responds to",
// "Responded to by"), naming the other event by number and title as a
// link to its entry in the page, with the link's certainty, note and
// sources. A link is written only for a URL
// data.CheckURL accepts; any other is shown as text, not linked. Presenter
// notes are not written.
//
// The page's script reads the events' compact records from a JSON block
// (id, title, date, span, certainty, importance, actors) and draws a
// timeline with a lane per actor in the actor's colour, zoomable and
// pannable, where clicking an event shows its entry; and filters by actor
// and certainty that hide events on the timeline and in the list.
//
// Every user string goes through html/template's contextual escaping or
// encoding/json (which escapes <, > and &, so the JSON block cannot close
// its script element), and the script builds its elements with
// createElement and textContent only.
func WriteHTML(tx *data.Tx, w io.Writer, opt Options) error {
	now := time.Now
	if opt.Now != nil {
		now = opt.Now
	}
	bw := bufio.NewWriter(w)
	c, err := chronology(tx)
	if err != nil {
		return err
	}
	actors, err := tx.Actors()
	if err != nil {
		return err
	}
	eras, err := tx.Eras()
	if err != nil {
		return err
	}
	byID := make(map[int64]data.Actor, len(actors))
	for _, a := range actors {
		byID[a.ID] = a
	}

	title := strings.TrimSpace(c.Title)
	if title == "" {
		title = "Chronology"
	}
	head := htmlHead{
		CSP:         htmlCSP,
		Title:       title,
		Description: description(c.Description),
		Exported:    now().UTC().Format("2 January 2006"),
	}
	if opt.Filter.Limit == 0 && opt.Filter.Offset == 0 {
		if head.Count, err = tx.Count(opt.Filter); err != nil {
			return err
		}
		if filtered(opt.Filter) {
			if head.Total, err = tx.Count(data.Filter{}); err != nil {
				return err
			}
		}
	}
	if err := htmlTemplates.ExecuteTemplate(bw, "head", head); err != nil {
		return err
	}

	page := htmlData{Title: title, Certainties: data.Certainties, Actors: []htmlDataActor{}, Eras: []htmlDataEra{}, Events: []htmlDataEvent{}}
	used := map[int64]bool{}
	srcs := &sources{tx: tx}
	links, err := readStoryLinks(tx, opt.Filter)
	if err != nil {
		return err
	}
	err = tx.EachEvent(opt.Filter, func(e *data.Event) error {
		ev, rec, err := htmlEventOf(tx, srcs, e, byID)
		if err != nil {
			return err
		}
		ev.Number = len(page.Events) + 1
		if ev.Links, err = htmlLinksOf(srcs, links, e.ID); err != nil {
			return err
		}
		for _, p := range e.Actors {
			used[p.ActorID] = true
		}
		page.Events = append(page.Events, rec)
		return htmlTemplates.ExecuteTemplate(bw, "event", ev)
	})
	if err != nil {
		return err
	}
	for _, a := range actors {
		if used[a.ID] {
			page.Actors = append(page.Actors, htmlDataActor{ID: a.ID, Name: a.Name, Kind: string(a.Kind), Color: actorColor(a)})
		}
	}
	for _, era := range eras {
		start, stop := era.Start.Instant(nil), era.End.Stop(nil)
		page.Eras = append(page.Eras, htmlDataEra{Title: era.Title, Start: start, Stop: stop, Color: eraColor(era.Color)})
	}
	foot := htmlFoot{Count: len(page.Events), Exported: head.Exported, Certainties: certaintyHelp}
	if err := htmlTemplates.ExecuteTemplate(bw, "foot", foot); err != nil {
		return err
	}

	// The JSON block: encoding/json writes <, > and & as \u003c, \u003e
	// and \u0026 (and U+2028, U+2029 escaped), so no user text can end the
	// element or open a comment in it.
	bw.WriteString(`<script type="application/json" id="chronology">`)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(true)
	if err := enc.Encode(page); err != nil {
		return err
	}
	bw.WriteString("</script>\n<script>")
	bw.WriteString(htmlScript)
	bw.WriteString("</script>\n</body>\n</html>\n")
	return bw.Flush()
}

// filtered reports whether f selects less than the whole chronology.
func filtered(f data.Filter) bool {
	return f.From != 0 || f.To != 0 || f.Actors != nil || len(f.Tags) > 0 || len(f.Certainties) > 0 ||
		strings.TrimSpace(f.Text) != "" || f.Limit != 0 || f.Offset != 0
}

// fallbackColor is the lane colour of an actor whose colour is not #rrggbb.
const fallbackColor = "#6b7280"

func actorColor(a data.Actor) string {
	if data.ValidColor(a.Color) {
		return strings.ToLower(a.Color)
	}
	return fallbackColor
}

func eraColor(c string) string {
	if data.ValidColor(c) {
		return strings.ToLower(c)
	}
	return "#9e9e9e"
}

// htmlHead is what the page's head and header show.
type htmlHead struct {
	CSP         string
	Title       string
	Description template.HTML // see description
	Exported    string
	Count       int // events written (0 when unknown)
	Total       int // events in the chronology, when the export is a selection
}

// htmlFoot is what the page's footer shows.
type htmlFoot struct {
	Count       int
	Exported    string
	Certainties []certaintyNote
}

// certaintyNote says what a certainty means.
type certaintyNote struct {
	Certainty string
	Label     string
	Help      string
}

var certaintyHelp = []certaintyNote{
	{"confirmed", "Confirmed", "established by evidence or admitted by all sides"},
	{"reported", "Reported", "reported by credible sources, not independently confirmed"},
	{"claimed", "Claimed", "asserted by a party with a stake in it"},
	{"disputed", "Disputed", "asserted by some, contested by others"},
	{"denied", "Denied", "asserted by some, denied by the party concerned"},
}

func certaintyOf(c data.Certainty) certaintyNote {
	for _, n := range certaintyHelp {
		if n.Certainty == string(c) {
			return n
		}
	}
	return certaintyNote{"unknown", "Unknown certainty", "the certainty is not recorded"}
}

// htmlEvent is one entry of the static event list.
type htmlEvent struct {
	ID        int64
	Number    int // its place in the list, from 1
	Date      string
	Title     string
	Certainty certaintyNote
	Actors    []htmlParticipant
	Desc      template.HTML // see description
	Pictures  []htmlPicture
	Tags      []string
	Sources   []*htmlSource
	Links     []htmlLink
}

// htmlPicture is one of an event's pictures: one in the file as a data
// URI (the page's policy lets it load images from data: only), a remote
// one as its caption, credit and address, never loaded.
type htmlPicture struct {
	Src           template.URL // data:image/…;base64,…; "" for a remote picture
	Width, Height int
	Alt           string
	Caption       string
	Credit        string
	Link          string // where it comes from, when data.CheckURL accepts it
}

// htmlPicturesOf reads an event's pictures, one picture's bytes at a time.
func htmlPicturesOf(tx *data.Tx, eventID int64) ([]htmlPicture, error) {
	ims, err := tx.EventImages(eventID)
	if err != nil {
		return nil, err
	}
	out := make([]htmlPicture, 0, len(ims))
	for _, im := range ims {
		if !im.Public() {
			continue // a page others read says who made each picture
		}
		p := htmlPicture{Alt: im.Alt, Caption: im.Caption, Credit: im.Credit}
		if p.Alt == "" {
			p.Alt = im.Caption
		}
		if im.URL != "" && data.CheckURL(im.URL) == nil {
			p.Link = im.URL
		}
		if !im.Remote() {
			b, err := tx.ImageData(im.ID)
			if err != nil {
				return nil, err
			}
			// The bytes were checked as a picture of this format when
			// stored, and base64 holds no character that could leave the
			// attribute.
			p.Src = template.URL("data:" + im.Format.MIMEType() + ";base64," + base64.StdEncoding.EncodeToString(b))
			p.Width, p.Height = im.Width, im.Height
		}
		out = append(out, p)
	}
	return out, nil
}

// htmlLink is a story link as read from the entry it is listed under.
type htmlLink struct {
	linkRef
	Certainty certaintyNote
	Sources   []*htmlSource
}

// htmlLinksOf returns an event's story links for its entry.
func htmlLinksOf(srcs *sources, links *storyLinks, id int64) ([]htmlLink, error) {
	refs, err := links.of(id)
	if err != nil {
		return nil, err
	}
	out := make([]htmlLink, len(refs))
	for i, r := range refs {
		hl := htmlLink{linkRef: r, Certainty: certaintyOf(r.Certainty)}
		bySource := map[int64]*htmlSource{}
		for _, c := range r.Citations {
			hs, ok := bySource[c.SourceID]
			if !ok {
				src, err := srcs.get(c.SourceID)
				if err != nil {
					return nil, err
				}
				hs = htmlSourceOf(src)
				bySource[c.SourceID] = hs
				hl.Sources = append(hl.Sources, hs)
			}
			if q := strings.TrimSpace(c.Quote); q != "" && !contains(hs.Quotes, q) {
				hs.Quotes = append(hs.Quotes, q)
			}
		}
		out[i] = hl
	}
	return out, nil
}

type htmlParticipant struct {
	Name  string
	Role  string
	Color string
}

// htmlSource is a source an event cites, with what the citations add.
type htmlSource struct {
	Title      string
	Publisher  string
	Author     string
	Published  string
	Link       string // a URL data.CheckURL accepts; "" when none
	Unlinked   string // a URL that may not be opened, shown as text
	Archive    string
	UnArchived string
	Quotes     []string
	Notes      []string
	Dates      []htmlCiteDate
}

// htmlCiteDate is the date a source gives for the event; Conflict when it
// does not overlap the event's own date.
type htmlCiteDate struct {
	Text     string
	Conflict bool
}

// htmlData is the JSON block the page's script reads.
type htmlData struct {
	Title       string           `json:"title"`
	Certainties []data.Certainty `json:"certainties"`
	Actors      []htmlDataActor  `json:"actors"`
	Eras        []htmlDataEra    `json:"eras"`
	Events      []htmlDataEvent  `json:"events"`
}

type htmlDataActor struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Kind  string `json:"kind"`
	Color string `json:"color"`
}

type htmlDataEra struct {
	Title string `json:"title"`
	Start int64  `json:"s"`
	Stop  int64  `json:"e"`
	Color string `json:"color"`
}

// htmlDataEvent is an event's compact record: id, title, date as shown,
// span in Unix seconds [s, e), whether it has an explicit end (a bar),
// certainty, importance and actors as [id, role] pairs.
type htmlDataEvent struct {
	ID         int64   `json:"id"`
	Title      string  `json:"t"`
	Date       string  `json:"d"`
	Start      int64   `json:"s"`
	Stop       int64   `json:"e"`
	Bar        bool    `json:"bar,omitempty"`
	Certainty  string  `json:"c"`
	Importance int     `json:"i"`
	Actors     [][]any `json:"a"`
}

// htmlEventOf builds an event's list entry and its JSON record.
func htmlEventOf(tx *data.Tx, srcs *sources, e *data.Event, actors map[int64]data.Actor) (htmlEvent, htmlDataEvent, error) {
	start, stop := e.Span()
	ev := htmlEvent{
		ID:        e.ID,
		Date:      eventDate(e),
		Title:     e.Title,
		Certainty: certaintyOf(e.Certainty),
		Desc:      description(e.Description),
		Tags:      e.Tags,
	}
	rec := htmlDataEvent{
		ID: e.ID, Title: e.Title, Date: ev.Date, Start: start, Stop: stop, Bar: !e.End.IsZero(),
		Certainty: string(e.Certainty), Importance: e.Importance, Actors: [][]any{},
	}
	for _, p := range e.Actors {
		a, ok := actors[p.ActorID]
		if !ok {
			continue
		}
		ev.Actors = append(ev.Actors, htmlParticipant{Name: a.Name, Role: p.Role, Color: actorColor(a)})
		rec.Actors = append(rec.Actors, []any{a.ID, p.Role})
	}
	pics, err := htmlPicturesOf(tx, e.ID)
	if err != nil {
		return ev, rec, err
	}
	ev.Pictures = pics
	cits, err := tx.Citations(e.ID)
	if err != nil {
		return ev, rec, err
	}
	bySource := map[int64]*htmlSource{}
	loc := e.Location()
	for _, ct := range cits {
		hs, ok := bySource[ct.SourceID]
		if !ok {
			src, err := srcs.get(ct.SourceID)
			if err != nil {
				return ev, rec, err
			}
			hs = htmlSourceOf(src)
			bySource[ct.SourceID] = hs
			ev.Sources = append(ev.Sources, hs)
		}
		if q := strings.TrimSpace(ct.Quote); q != "" && !contains(hs.Quotes, q) {
			hs.Quotes = append(hs.Quotes, q)
		}
		if n := strings.TrimSpace(ct.Note); n != "" && !contains(hs.Notes, n) {
			hs.Notes = append(hs.Notes, n)
		}
		if !ct.Date.IsZero() {
			d := htmlCiteDate{
				Text:     ct.Date.Format(loc),
				Conflict: ct.Date.Stop(loc) <= start || ct.Date.Instant(loc) >= stop,
			}
			if !containsDate(hs.Dates, d) {
				hs.Dates = append(hs.Dates, d)
			}
		}
	}
	return ev, rec, nil
}

func containsDate(list []htmlCiteDate, d htmlCiteDate) bool {
	for _, v := range list {
		if v == d {
			return true
		}
	}
	return false
}

func htmlSourceOf(s data.Source) *htmlSource {
	hs := &htmlSource{Title: s.Title, Publisher: s.Publisher, Author: s.Author}
	if !s.Published.IsZero() {
		hs.Published = s.Published.String()
	}
	if s.URL != "" {
		if data.CheckURL(s.URL) == nil {
			hs.Link = s.URL
		} else {
			hs.Unlinked = s.URL
		}
	}
	if s.ArchiveURL != "" {
		if data.CheckURL(s.ArchiveURL) == nil {
			hs.Archive = s.ArchiveURL
		} else {
			hs.UnArchived = s.ArchiveURL
		}
	}
	return hs
}

// description is a description's Markdown as the page shows it
// (markup.HTML): user markup and unsafe links are text, so the fragment
// holds only the markup markup.HTML makes, and its links open in a new tab.
func description(md string) template.HTML {
	return template.HTML(markup.HTML(md, markup.HTMLOptions{NewTab: true}))
}

// htmlCSP forbids every load (scripts, styles, fonts, images, frames,
// connections, forms, base URLs) except the page's inline style and its
// own script, allowed by hash so that no injected script could run.
var htmlCSP = "default-src 'none'; style-src 'unsafe-inline'; script-src '" + scriptHash(htmlScript) + "'; " +
	"img-src data:; font-src 'none'; connect-src 'none'; frame-src 'none'; object-src 'none'; " +
	"base-uri 'none'; form-action 'none'"

func scriptHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}

var htmlTemplates = template.Must(template.New("html").Funcs(template.FuncMap{
	"plural": func(n int, one, many string) string {
		if n == 1 {
			return strconv.Itoa(n) + " " + one
		}
		return strconv.Itoa(n) + " " + many
	},
}).ParseFS(pageFiles, "page.html.tmpl", "page.css"))

// The page's template, style sheet and script are files beside this one:
// page.html.tmpl (the head, each event and the foot; page.css goes into its
// <style>), page.css (light and dark by prefers-color-scheme, and a print
// style without the controls; it loads nothing: no fonts, images or
// imports) and page.js (draws the timeline and the filters from the JSON
// block, builds every element with createElement and sets text with
// textContent only; it loads nothing).
var (
	//go:embed page.html.tmpl page.css
	pageFiles embed.FS
	//go:embed page.js
	htmlScript string
)
