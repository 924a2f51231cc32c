package export

import (
	"bufio"
	"crypto/sha256"
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
}).Parse(htmlTemplateText))

const htmlTemplateText = `
{{- define "head" -}}
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{{.CSP}}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="generator" content="Chronoscope">
<title>{{.Title}}</title>
<style>` + htmlStyle + `</style>
</head>
<body>
<a class="skip" href="#events">Skip to the list of events</a>
<header class="page-head">
<p class="kicker">Chronology</p>
<h1 id="title">{{.Title}}</h1>
{{if .Description}}<div class="lede">{{.Description}}</div>{{end}}
<p class="meta">
{{- if .Total}}{{plural .Count "event" "events"}} selected of {{.Total}}
{{- else if .Count}}{{plural .Count "event" "events"}}{{end -}}
{{if .Count}} · {{end}}exported from Chronoscope on {{.Exported}}</p>
</header>
<noscript><p class="noscript">The interactive timeline and the filters need JavaScript. The full list of events follows.</p></noscript>
<main>
<section id="explore" class="explore" aria-label="Timeline and filters" hidden>
<div id="filters" class="card filters"></div>
<div class="card timeline-card">
<div id="toolbar" class="toolbar"></div>
<div id="timeline" class="timeline" tabindex="0" role="group" aria-label="Timeline: drag to pan, Ctrl and the mouse wheel or the + and − keys to zoom"></div>
<div id="details" class="details" hidden aria-live="polite"></div>
</div>
</section>
<section id="events" class="events-section" aria-labelledby="events-title">
<div class="section-head"><h2 id="events-title">Events</h2><p id="shown" class="shown" aria-live="polite"></p></div>
<ol class="events">
{{end}}

{{- define "event" -}}
<li class="event cert-{{.Certainty.Certainty}}" id="e-{{.ID}}">
<article class="ev">
<div class="ev-when"><span class="ev-num">{{.Number}}.</span> <span class="ev-date">{{.Date}}</span></div>
<div class="ev-main">
<div class="ev-head"><h3 class="ev-title">{{.Title}}</h3> <span class="badge badge-{{.Certainty.Certainty}}" title="{{.Certainty.Label}}: {{.Certainty.Help}}">{{.Certainty.Label}}</span></div>
{{- if .Actors}}
<ul class="ev-actors" aria-label="Actors">
{{- range .Actors}}<li><span class="sw" style="background-color: {{.Color}}"></span>{{.Name}}{{if .Role}} <span class="role">{{.Role}}</span>{{end}}</li>{{end -}}
</ul>
{{- end}}
{{- if .Desc}}
<div class="ev-desc">{{.Desc}}</div>
{{- end}}
{{- range .Pictures}}
<figure class="ev-pic">
{{- if .Src}}<img src="{{.Src}}" alt="{{.Alt}}" width="{{.Width}}" height="{{.Height}}">
{{- else}}<div class="pic-remote">Picture not in the file{{if .Link}}: <a href="{{.Link}}" rel="noopener noreferrer" target="_blank">{{.Link}}</a>{{end}}</div>{{end}}
{{- if or .Caption .Credit}}
<figcaption>{{.Caption}}{{if .Credit}} <span class="pic-credit">{{.Credit}}</span>{{end}}</figcaption>
{{- end}}
</figure>
{{- end}}
{{- if .Tags}}
<ul class="ev-tags" aria-label="Tags">{{range .Tags}}<li>{{.}}</li>{{end}}</ul>
{{- end}}
{{- if .Links}}
<div class="ev-links">
<h4>{{if eq (len .Links) 1}}Link{{else}}Links{{end}}</h4>
<ul>
{{- range .Links}}
<li class="lk lk-{{.Certainty.Certainty}}"><span class="lk-kind">{{.Label}}:</span>
{{- if .Number}} <a href="#e-{{.Other}}">event {{.Number}}, {{.Title}}</a>
{{- else}} <span class="lk-out">{{.Title}}</span>, not in this export{{end}}
{{- " "}}<span class="lk-cert" title="{{.Certainty.Label}}: {{.Certainty.Help}}">({{.Certainty.Certainty}})</span>
{{- if .Note}} <span class="lk-note">— {{.Note}}</span>{{end}}
{{- range .Sources}}
<span class="lk-src">according to {{if .Link}}<a href="{{.Link}}" rel="noopener noreferrer" target="_blank">{{.Title}}</a>{{else}}{{.Title}}{{end}}
{{- range .Quotes}}: <q>{{.}}</q>{{end}}</span>
{{- end}}
</li>
{{- end}}
</ul>
</div>
{{- end}}
{{- if .Sources}}
<div class="ev-sources">
<h4>{{if eq (len .Sources) 1}}Source{{else}}Sources{{end}}</h4>
<ol>
{{- range .Sources}}
<li class="src">
<div class="src-title">
{{- if .Link}}<a href="{{.Link}}" rel="noopener noreferrer" target="_blank">{{.Title}}</a>
{{- else}}<span class="src-name">{{.Title}}</span>{{end -}}
</div>
<div class="src-meta">
{{- if .Publisher}}<span>{{.Publisher}}</span>{{end}}
{{- if .Author}}<span>{{.Author}}</span>{{end}}
{{- if .Published}}<span>published {{.Published}}</span>{{end}}
{{- if .Archive}}<span><a href="{{.Archive}}" rel="noopener noreferrer" target="_blank">archived copy</a></span>{{end -}}
</div>
{{- if .Unlinked}}
<div class="src-unlinked"><span class="url">{{.Unlinked}}</span> <span class="why">(not linked: not a safe web address)</span></div>
{{- end}}
{{- if .UnArchived}}
<div class="src-unlinked">archived at <span class="url">{{.UnArchived}}</span> <span class="why">(not linked: not a safe web address)</span></div>
{{- end}}
{{- range .Quotes}}
<blockquote>{{.}}</blockquote>
{{- end}}
{{- range .Dates}}
<p class="src-date{{if .Conflict}} conflict{{end}}">{{if .Conflict}}This source gives a different date: {{.Text}}{{else}}Date in this source: {{.Text}}{{end}}</p>
{{- end}}
{{- range .Notes}}
<p class="src-note">{{.}}</p>
{{- end}}
</li>
{{- end}}
</ol>
</div>
{{- end}}
</div>
</article>
</li>
{{end}}

{{- define "foot" -}}
</ol>
<p id="none-shown" class="none-shown" hidden>No event matches the filters.</p>
</section>
</main>
<footer class="page-foot">
<p>{{plural .Count "event" "events"}}. Exported from Chronoscope on {{.Exported}}. Dates are shown as precisely as they are known: “2014-12” is sometime in December 2014.</p>
<h2>Certainty</h2>
<dl class="legend-list">
{{- range .Certainties}}
<div><dt><span class="badge badge-{{.Certainty}}">{{.Label}}</span></dt><dd>{{.Help}}</dd></div>
{{- end}}
</dl>
</footer>
{{end}}
`

// htmlStyle is the page's style sheet: light and dark by
// prefers-color-scheme, and a print style without the controls. It loads
// nothing: no fonts, images or imports.
const htmlStyle = `
:root {
  color-scheme: light dark;
  --bg: #f5f4ef; --surface: #ffffff; --surface-2: #f0efe9; --fg: #1c2026; --muted: #5d6673;
  --line: #dedcd4; --line-2: #ebe9e2; --accent: #2c5fb0; --focus: #2c5fb0; --shadow: 0 1px 2px rgba(20,24,31,.06), 0 4px 14px rgba(20,24,31,.05);
  --k-confirmed: #1c7a4a; --k-reported: #2767b5; --k-claimed: #a86510; --k-disputed: #b8480f; --k-denied: #c22f3a;
  --k-reported-rail: #9dbde6; --k-reported-bg: #e8f0fa; --lane-odd: #f9f8f5;
  --serif: Charter, "Bitstream Charter", "Sitka Text", Cambria, "DejaVu Serif", Georgia, serif;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Liberation Sans", "DejaVu Sans", Arial, sans-serif;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #121418; --surface: #1a1d23; --surface-2: #22262d; --fg: #e6e8ec; --muted: #9aa3ae;
    --line: #30353e; --line-2: #262a31; --accent: #8cb4f5; --focus: #8cb4f5; --shadow: 0 1px 2px rgba(0,0,0,.4);
    --k-confirmed: #4cc486; --k-reported: #79aef0; --k-claimed: #eab04c; --k-disputed: #f3904e; --k-denied: #f2727c;
    --k-reported-rail: #3f5f87; --k-reported-bg: #1d2a3b; --lane-odd: #1e2127;
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 16px/1.55 var(--sans); }
a { color: var(--accent); text-underline-offset: 2px; }
a:focus-visible, button:focus-visible, input:focus-visible, .timeline:focus-visible { outline: 2px solid var(--focus); outline-offset: 2px; }
[hidden] { display: none !important; }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 12px; top: 12px; background: var(--surface); padding: 6px 10px; z-index: 10; }
.page-head, main, .page-foot, .noscript { max-width: 1320px; margin: 0 auto; padding: 0 32px; }
.page-head { padding-top: 40px; padding-bottom: 20px; }
.kicker { margin: 0 0 6px; font-size: 12px; font-weight: 700; letter-spacing: .14em; text-transform: uppercase; color: var(--accent); }
h1 { margin: 0 0 12px; font: 700 clamp(28px, 3.2vw, 40px)/1.15 var(--serif); letter-spacing: -.01em; max-width: 30em; }
.lede { font: 18px/1.6 var(--serif); color: var(--fg); max-width: 46em; }
.lede p { margin: 0 0 .6em; }
.meta { margin: 10px 0 0; font-size: 13px; color: var(--muted); }
.noscript { color: var(--muted); font-style: italic; }
.card { background: var(--surface); border: 1px solid var(--line); border-radius: 12px; box-shadow: var(--shadow); }
.explore { display: grid; gap: 14px; margin: 8px 0 28px; }
.filters { display: grid; gap: 12px; padding: 14px 18px 16px; }
.fgroup { min-width: 0; }
.fgroup-head { display: flex; align-items: baseline; gap: 10px; margin-bottom: 8px; }
.fgroup-head h2 { margin: 0; font-size: 12px; font-weight: 700; letter-spacing: .1em; text-transform: uppercase; color: var(--muted); }
.linkbtn { border: 0; background: none; padding: 0; font: inherit; font-size: 13px; color: var(--accent); cursor: pointer; text-decoration: underline; text-underline-offset: 2px; }
.chips { display: flex; flex-wrap: wrap; gap: 6px; }
.chip { display: inline-flex; align-items: center; gap: 7px; padding: 4px 11px 4px 8px; border: 1px solid var(--line); border-radius: 999px;
  background: var(--surface); font-size: 13.5px; cursor: pointer; user-select: none; transition: opacity .12s, background .12s; }
.chip:hover { background: var(--surface-2); }
.chip input { margin: 0; width: 15px; height: 15px; accent-color: var(--accent); }
.chip .n { color: var(--muted); font-variant-numeric: tabular-nums; font-size: 12px; }
.chip.off { opacity: .5; }
.chip.off .sw { background: transparent !important; }
.sw { display: inline-block; width: 11px; height: 11px; border-radius: 50%; flex: none; box-shadow: inset 0 0 0 1px rgba(0,0,0,.12); }
.chip .sw { box-shadow: 0 0 0 1.5px var(--c, transparent); }
.toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 14px; padding: 10px 14px; border-bottom: 1px solid var(--line); }
.toolbar .count { font-weight: 600; font-size: 14px; margin-right: auto; font-variant-numeric: tabular-nums; }
.toolbar .hint { font-size: 12.5px; color: var(--muted); }
.btns { display: inline-flex; }
.btn { font: 600 14px/1 var(--sans); color: var(--fg); background: var(--surface); border: 1px solid var(--line); padding: 7px 12px; cursor: pointer; min-width: 36px; }
.btn:hover { background: var(--surface-2); }
.btns .btn + .btn { border-left: 0; }
.btns .btn:first-child { border-radius: 8px 0 0 8px; }
.btns .btn:last-child { border-radius: 0 8px 8px 0; }
.timeline { position: relative; overflow: hidden; user-select: none; touch-action: pan-y; cursor: grab; font-size: 13px; }
.timeline.dragging { cursor: grabbing; }
.tl-names { position: absolute; left: 0; top: 0; bottom: 0; background: var(--surface); border-right: 1px solid var(--line); z-index: 3; }
.tl-plot { position: absolute; top: 0; bottom: 0; right: 0; overflow: hidden; }
.tl-corner { position: absolute; left: 12px; font-size: 11px; color: var(--muted); letter-spacing: .06em; text-transform: uppercase; }
.tl-lane-bg { position: absolute; left: 0; right: 0; border-top: 1px solid var(--line-2); }
.tl-lane-bg.odd { background: var(--lane-odd); }
.tl-name { position: absolute; left: 0; right: 0; display: flex; align-items: flex-start; gap: 8px; padding: 0 10px 0 12px; font-weight: 600; font-size: 13px; line-height: 1.25; }
.tl-name .sw { margin-top: 3px; }
.tl-name .kind { display: block; font-weight: 400; font-size: 11px; color: var(--muted); }
.tl-name > span:last-child { min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.tl-name .kind { overflow: hidden; text-overflow: ellipsis; }
.tl-era { position: absolute; top: 0; bottom: 0; background: var(--eb); border-left: 1px solid var(--el); border-right: 1px solid var(--el); opacity: .55; }
.tl-era-title { position: absolute; top: 3px; height: 18px; padding: 0 8px; font-size: 11.5px; font-weight: 600; line-height: 18px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
  color: var(--fg); background: var(--et); border-radius: 4px; }
.tl-axis { position: absolute; left: 0; right: 0; border-bottom: 1px solid var(--line); background: var(--surface); }
.tl-grid { position: absolute; top: 0; bottom: 0; width: 0; border-left: 1px solid var(--line-2); }
.tl-grid.major { border-left-color: var(--line); }
.tl-tick { position: absolute; white-space: nowrap; padding-left: 5px; border-left: 1px solid var(--line); font-variant-numeric: tabular-nums; }
.tl-tick.minor { color: var(--muted); font-size: 12px; height: 20px; line-height: 20px; }
.tl-tick.major { font-weight: 700; font-size: 12.5px; height: 22px; line-height: 22px; background: var(--surface); }
.tl-event { position: absolute; left: 0; top: 0; width: 0; height: 0; }
.tl-mark { position: absolute; display: block; padding: 0; margin: 0; cursor: pointer; font: inherit; color: inherit; --c: #888; }
.sample { position: relative; display: inline-block; width: 13px; height: 13px; border-radius: 50%; flex: none; --c: var(--muted); --cp: var(--line); --cd: var(--muted); }
.tl-mark.dot { width: 14px; height: 14px; border-radius: 50%; }
.tl-mark.band { height: 18px; border-radius: 9px; }
.tl-mark.bar { height: 18px; border-radius: 3px; }
.seg { display: inline-flex; align-items: center; gap: 8px; font-size: 13px; color: var(--muted); }
.seg .btn[aria-pressed="true"] { background: var(--fg); color: var(--surface); border-color: var(--fg); }
.mk.confirmed { background: var(--c); border: 2px solid var(--c); }
.mk.reported { background: var(--cp); border: 2px solid var(--cp); }
.mk.claimed { background: var(--surface); border: 2px solid var(--c); }
.mk.disputed { background: var(--surface); border: 2px dashed var(--c); }
.mk.denied { background: var(--surface); border: 1.5px solid var(--cd); overflow: visible; }
.mk.denied::after { content: ""; position: absolute; left: -3px; right: -3px; top: 50%; height: 2px; margin-top: -1px; background: var(--c); }
.mk.dot.denied::after { transform: rotate(-45deg); }
.mk.labelled::after { display: none; }
.tl-mark:hover, .tl-event:hover .tl-mark { filter: brightness(1.08); box-shadow: 0 0 0 2px var(--surface), 0 0 0 3.5px var(--muted); z-index: 2; }
.tl-event.selected .tl-mark { box-shadow: 0 0 0 2px var(--surface), 0 0 0 4px var(--fg); z-index: 2; }
.tl-label { position: absolute; height: 18px; line-height: 18px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; cursor: pointer; font-size: 13px; color: var(--fg);
  text-shadow: 0 0 3px var(--surface), 0 0 3px var(--surface); }
.tl-label.on-fill { text-shadow: none; }
.tl-label.denied { text-decoration: line-through; text-decoration-thickness: 1.5px; }
.tl-label.claimed, .tl-label.disputed { font-style: italic; }
.tl-label.imp { font-weight: 600; }
.tl-event.selected .tl-label { font-weight: 700; }
.tl-link { position: absolute; width: 0; border-left: 2px dotted var(--muted); opacity: 0; pointer-events: none; transition: opacity .12s; }
.tl-event:hover .tl-link, .tl-event.selected .tl-link { opacity: 1; }
.tl-empty { padding: 40px; text-align: center; color: var(--muted); }
.details { border-top: 1px solid var(--line); padding: 16px 18px 18px; background: var(--surface-2); border-radius: 0 0 12px 12px; }
.details-bar { display: flex; gap: 16px; align-items: center; margin-bottom: 6px; font-size: 13px; }
.details-bar .close { margin-left: auto; }
.details .ev { grid-template-columns: 190px 1fr; }
.section-head { display: flex; align-items: baseline; gap: 16px; border-bottom: 2px solid var(--fg); margin-bottom: 14px; }
.section-head h2 { margin: 0; padding-bottom: 6px; font: 700 24px/1.2 var(--serif); }
.shown { margin: 0; color: var(--muted); font-size: 14px; font-variant-numeric: tabular-nums; }
.events { list-style: none; margin: 0; padding: 0; }
.event { margin: 0 0 10px; background: var(--surface); border: 1px solid var(--line); border-left: 5px solid var(--k); border-radius: 10px; box-shadow: var(--shadow); }
.event.selected { outline: 2px solid var(--focus); outline-offset: 1px; }
.cert-confirmed { --k: var(--k-confirmed); }
.cert-reported { --k: var(--k-reported-rail); }
.cert-claimed { --k: var(--k-claimed); border-left-style: double; border-left-width: 6px; }
.cert-disputed { --k: var(--k-disputed); border-left-style: dashed; }
.cert-denied { --k: var(--k-denied); border-left-style: dotted; }
.ev { display: grid; grid-template-columns: 200px 1fr; gap: 4px 22px; padding: 14px 18px 14px 16px; }
.ev-num { color: var(--muted); font-size: 13px; font-variant-numeric: tabular-nums; }
.ev-links { margin-top: 12px; padding-top: 10px; border-top: 1px solid var(--line-2); font-size: 14px; }
.ev-links h4 { margin: 0 0 6px; font-size: 11px; letter-spacing: .1em; text-transform: uppercase; color: var(--muted); }
.ev-links ul { margin: 0; padding-left: 1.2em; }
.lk { margin: 0 0 6px; }
.lk-kind { font-weight: 600; }
.lk-cert, .lk-src { color: var(--muted); }
.lk-claimed .lk-cert, .lk-disputed .lk-cert { font-style: italic; }
.lk-denied .lk-cert { text-decoration: line-through; }
.lk-src { display: block; font-size: 13px; }
.ev-date { display: block; font-weight: 600; font-size: 14px; color: var(--fg); font-variant-numeric: tabular-nums; }
.ev-head { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 12px; }
.ev-title { margin: 0; font: 700 18.5px/1.3 var(--serif); }
.badge { display: inline-flex; align-items: center; gap: 4px; font: 700 11px/1 var(--sans); letter-spacing: .06em; text-transform: uppercase; padding: 4px 8px 3px;
  border-radius: 999px; border: 1.5px solid var(--k); color: var(--k); white-space: nowrap; }
.badge-confirmed { --k: var(--k-confirmed); background: var(--k); color: var(--surface); }
.badge-confirmed::before { content: "✓"; }
.badge-reported { --k: var(--k-reported); background: var(--k-reported-bg); border-color: var(--k-reported-rail); }
.badge-claimed { --k: var(--k-claimed); }
.badge-claimed::before { content: "“"; font-size: 15px; line-height: 0; margin-top: 5px; }
.badge-disputed { --k: var(--k-disputed); border-style: dashed; }
.badge-disputed::before { content: "?"; }
.badge-denied { --k: var(--k-denied); }
.badge-denied::before { content: "✕"; }
.badge-unknown { --k: var(--muted); }
.ev-locate { margin-left: auto; font-size: 12.5px; }
.ev-actors { display: flex; flex-wrap: wrap; gap: 4px 16px; list-style: none; margin: 8px 0 0; padding: 0; font-size: 14px; }
.ev-actors li { display: inline-flex; align-items: center; gap: 6px; }
.role { color: var(--muted); font-style: italic; }
.role::before { content: "— "; font-style: normal; }
.ev-desc { margin-top: 8px; max-width: 72ch; }
.ev-desc p { margin: 0 0 .5em; }
.ev-desc p:last-child { margin-bottom: 0; }
.ev-desc code, .lede code { font-size: .9em; background: var(--surface-2); padding: 0 4px; border-radius: 4px; }
.ev-desc ul, .ev-desc ol, .lede ul, .lede ol { margin: 0 0 .5em; padding-left: 1.3em; }
.ev-pic { margin: 8px 0 0; max-width: 72ch; }
.ev-pic img { display: block; max-width: 100%; height: auto; border-radius: 4px; }
.ev-pic figcaption { font-size: 13px; margin-top: 4px; }
.pic-credit { color: var(--muted); }
.pic-credit::before { content: "Credit: "; }
.pic-remote { font-size: 13px; padding: 8px; border: 1px dashed var(--muted); border-radius: 4px; color: var(--muted); overflow-wrap: anywhere; }
.ev-tags { display: flex; flex-wrap: wrap; gap: 6px; list-style: none; padding: 0; margin: 8px 0 0; }
.ev-tags li { font-size: 12px; padding: 1px 8px; border-radius: 4px; background: var(--surface-2); color: var(--muted); }
.ev-tags li::before { content: "#"; }
.ev-sources { margin-top: 12px; padding-top: 10px; border-top: 1px solid var(--line-2); font-size: 14px; }
.ev-sources h4 { margin: 0 0 6px; font-size: 11px; letter-spacing: .1em; text-transform: uppercase; color: var(--muted); }
.ev-sources ol { margin: 0; padding-left: 1.4em; }
.src { margin: 0 0 8px; }
.src:last-child { margin-bottom: 0; }
.src-title { font-weight: 600; overflow-wrap: anywhere; }
.src-meta { color: var(--muted); font-size: 13px; }
.src-meta span + span::before { content: " · "; }
.src-unlinked { font-size: 13px; overflow-wrap: anywhere; }
.src-unlinked .url { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 12px; background: var(--surface-2); padding: 0 4px; border-radius: 4px; }
.src-unlinked .why { color: var(--k-denied); font-style: italic; }
blockquote { margin: 6px 0; padding: 2px 0 2px 12px; border-left: 3px solid var(--line); font: italic 15px/1.5 var(--serif); }
blockquote::before { content: "“"; }
blockquote::after { content: "”"; }
.src-date, .src-note { margin: 3px 0 0; font-size: 13px; color: var(--muted); }
.src-date.conflict { color: var(--k-disputed); font-weight: 600; }
.src-date.conflict::before { content: "⚠ "; }
.none-shown { padding: 24px; text-align: center; color: var(--muted); }
.page-foot { margin-top: 36px; padding-top: 18px; padding-bottom: 48px; border-top: 1px solid var(--line); color: var(--muted); font-size: 14px; }
.page-foot h2 { font-size: 12px; letter-spacing: .1em; text-transform: uppercase; margin: 16px 0 8px; }
.legend-list { display: grid; grid-template-columns: repeat(auto-fill, minmax(250px, 1fr)); gap: 8px 20px; margin: 0; }
.legend-list div { display: flex; gap: 10px; align-items: baseline; }
.legend-list dt { flex: none; }
.legend-list dd { margin: 0; }
@media (max-width: 760px) {
  .page-head, main, .page-foot { padding-left: 16px; padding-right: 16px; }
  .ev, .details .ev { grid-template-columns: 1fr; }
}
@media print {
  :root { --bg: #fff; --surface: #fff; --surface-2: #f3f3f3; --fg: #000; --muted: #444; --line: #bbb; --line-2: #ddd; --shadow: none;
    --k-confirmed: #1c7a4a; --k-reported: #2767b5; --k-claimed: #a86510; --k-disputed: #b8480f; --k-denied: #c22f3a;
    --k-reported-rail: #9dbde6; --k-reported-bg: #e8f0fa; --lane-odd: #f9f8f5; }
  .section-head { break-after: avoid; }
  @page { margin: 14mm; }
  body { font-size: 11pt; background: #fff; color: #000; }
  .page-head, main, .page-foot { max-width: none; padding: 0; }
  .filters, .toolbar, .details, .skip, .ev-locate, .noscript, .linkbtn { display: none !important; }
  .explore { margin: 0 0 16pt; }
  .card, .event { box-shadow: none; }
  .timeline-card { break-inside: avoid; }
  .timeline { cursor: auto; }
  .event { break-inside: avoid; }
  .tl-mark, .sw, .badge, .event, .tl-era, .tl-era-title { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  .src-title a::after { content: " <" attr(href) ">"; font-weight: 400; color: #444; overflow-wrap: anywhere; }
  a { color: #000; }
}
`

// htmlScript draws the timeline and the filters from the JSON block. It
// builds every element with createElement and sets text with textContent
// only; it loads nothing.
const htmlScript = `
(function () {
"use strict";
var dataEl = document.getElementById("chronology");
var explore = document.getElementById("explore");
var tl = document.getElementById("timeline");
if (!dataEl || !explore || !tl) return;
var D;
try { D = JSON.parse(dataEl.textContent); } catch (err) { return; }

var LABELS = {confirmed: "Confirmed", reported: "Reported", claimed: "Claimed", disputed: "Disputed", denied: "Denied"};
var HELP = {
  confirmed: "established by evidence or admitted by all sides",
  reported: "reported by credible sources, not independently confirmed",
  claimed: "asserted by a party with a stake in it",
  disputed: "asserted by some, contested by others",
  denied: "asserted by some, denied by the party concerned"
};
var HEX = /^#[0-9a-fA-F]{6}$/;
var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
var DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

function el(tag, cls, text) {
  var n = document.createElement(tag);
  if (cls) n.className = cls;
  if (text !== undefined && text !== null) n.textContent = String(text);
  return n;
}
function button(cls, text, title) {
  var b = el("button", cls, text);
  b.type = "button";
  if (title) b.title = title;
  return b;
}
function px(n) { return Math.round(n * 10) / 10 + "px"; }
function num(v, d) { v = Number(v); return isFinite(v) ? v : d; }

// The model.
var actors = [], actorById = new Map();
(D.actors || []).forEach(function (a) {
  var x = {id: num(a.id, -1), name: String(a.name), kind: String(a.kind || ""), color: HEX.test(a.color) ? a.color : "#6b7280", count: 0, on: true};
  actors.push(x);
  actorById.set(x.id, x);
});
var noActor = {id: 0, name: "No actor", kind: "", color: "#8a8f98", count: 0, on: true};
var certs = (D.certainties || []).map(String);
var certOn = new Map(), certCount = new Map();
var events = (D.events || []).map(function (r) {
  var ev = {
    id: num(r.id, 0), t: String(r.t), d: String(r.d), s: num(r.s, 0), e: num(r.e, 0), bar: !!r.bar,
    c: String(r.c), i: num(r.i, 3),
    a: (r.a || []).filter(function (p) { return actorById.has(num(p[0], -1)); }).map(function (p) { return [num(p[0], -1), String(p[1] || "")]; })
  };
  if (ev.e < ev.s) ev.e = ev.s;
  ev.li = document.getElementById("e-" + ev.id);
  if (ev.a.length) ev.a.forEach(function (p) { actorById.get(p[0]).count++; });
  else noActor.count++;
  if (certs.indexOf(ev.c) < 0) certs.push(ev.c);
  certCount.set(ev.c, (certCount.get(ev.c) || 0) + 1);
  return ev;
});
if (noActor.count) { actors.push(noActor); actorById.set(0, noActor); }
actors = actors.filter(function (a) { return a.count > 0; });
certs.forEach(function (c) { certOn.set(c, true); });
var byId = new Map(events.map(function (ev) { return [ev.id, ev]; }));
var eras = (D.eras || []).map(function (r) {
  return {title: String(r.title), s: num(r.s, 0), e: num(r.e, 0), color: HEX.test(r.color) ? r.color : "#9e9e9e"};
});

function visible(ev) {
  if (!certOn.get(ev.c)) return false;
  if (!ev.a.length) return noActor.on;
  return ev.a.some(function (p) { return actorById.get(p[0]).on; });
}

// The controls.
var filters = document.getElementById("filters");
var toolbar = document.getElementById("toolbar");
var details = document.getElementById("details");
var shown = document.getElementById("shown");
var noneShown = document.getElementById("none-shown");
var countEl = el("span", "count");

function group(title, cls, chipsOf, setAll) {
  var g = el("div", "fgroup " + cls);
  var head = el("div", "fgroup-head");
  head.append(el("h2", null, title));
  var all = button("linkbtn", "All", "Show every " + title.toLowerCase().replace(/s$/, ""));
  var none = button("linkbtn", "None");
  all.addEventListener("click", function () { setAll(true); });
  none.addEventListener("click", function () { setAll(false); });
  head.append(all, none);
  var chips = el("div", "chips");
  chipsOf(chips);
  g.append(head, chips);
  return g;
}
function chip(lead, name, count, on, onChange, title) {
  var label = el("label", "chip");
  var box = el("input");
  box.type = "checkbox";
  box.checked = on;
  label.append(box, lead, el("span", null, name), el("span", "n", count));
  if (title) label.title = title;
  box.addEventListener("change", function () {
    label.classList.toggle("off", !box.checked);
    onChange(box.checked);
  });
  label.sync = function (v) { box.checked = v; label.classList.toggle("off", !v); };
  return label;
}
var actorChips = [], certChips = [];
filters.append(group("Actors", "actors", function (chips) {
  actors.forEach(function (a) {
    var sw = el("span", "sw");
    sw.style.backgroundColor = a.color;
    sw.style.setProperty("--c", a.color);
    var c = chip(sw, a.name, a.count, true, function (v) { a.on = v; apply(); }, a.kind ? a.name + " (" + a.kind + "): " + a.count + " events" : "");
    c.actor = a;
    actorChips.push(c);
    chips.append(c);
  });
}, function (v) {
  actors.forEach(function (a) { a.on = v; });
  actorChips.forEach(function (c) { c.sync(v); });
  apply();
}));
filters.append(group("Certainty", "certs", function (chips) {
  certs.forEach(function (k) {
    var sample = el("span", "mk dot sample " + k);
    var c = chip(sample, LABELS[k] || k, certCount.get(k) || 0, true, function (v) { certOn.set(k, v); apply(); },
      (LABELS[k] || k) + ": " + (HELP[k] || ""));
    c.cert = k;
    certChips.push(c);
    chips.append(c);
  });
}, function (v) {
  certs.forEach(function (k) { certOn.set(k, v); });
  certChips.forEach(function (c) { c.sync(v); });
  apply();
}));

var zoomOut = button("btn", "\u2212", "Zoom out (\u2212)");
var zoomIn = button("btn", "+", "Zoom in (+)");
var fit = button("btn", "Fit", "Fit the shown events (0)");
var btns = el("span", "btns");
btns.append(zoomOut, zoomIn, fit);
var mode = "lanes";
var byActor = button("btn", "By actor", "A lane per actor: an event appears in the lane of each actor involved");
var oneTrack = button("btn", "One track", "Every event once, in the colour of its first actor");
function setMode(m) {
  mode = m;
  byActor.setAttribute("aria-pressed", String(m === "lanes"));
  oneTrack.setAttribute("aria-pressed", String(m === "track"));
  schedule();
}
byActor.addEventListener("click", function () { setMode("lanes"); });
oneTrack.addEventListener("click", function () { setMode("track"); });
var seg = el("span", "seg"), segBtns = el("span", "btns");
segBtns.append(byActor, oneTrack);
seg.append(el("span", null, "Lanes"), segBtns);
var HINT = "Drag to pan \u00b7 Ctrl + wheel to zoom \u00b7 click an event for its details";
var hint = el("span", "hint", HINT);
toolbar.append(countEl, hint, seg, btns);

// Calendar arithmetic in UTC on the proleptic Gregorian calendar, with
// astronomical years (0 is 1 BCE), valid far beyond the range of Date.
function fdiv(a, b) { return Math.floor(a / b); }
function cdiv(a, b) { return -Math.floor(-a / b); }
function daysFromCivil(y, m, d) {
  y -= m <= 2 ? 1 : 0;
  var era = fdiv(y, 400), yoe = y - era * 400;
  var doy = fdiv(153 * ((m + 9) % 12) + 2, 5) + d - 1;
  return era * 146097 + yoe * 365 + fdiv(yoe, 4) - fdiv(yoe, 100) + doy - 719468;
}
function civil(t) {
  var days = fdiv(t, 86400), sod = t - days * 86400;
  var z = days + 719468, era = fdiv(z, 146097), doe = z - era * 146097;
  var yoe = fdiv(doe - fdiv(doe, 1460) + fdiv(doe, 36524) - fdiv(doe, 146096), 365);
  var doy = doe - (365 * yoe + fdiv(yoe, 4) - fdiv(yoe, 100));
  var mp = fdiv(5 * doy + 2, 153);
  var m = mp < 10 ? mp + 3 : mp - 9;
  return {y: yoe + era * 400 + (m <= 2 ? 1 : 0), m: m, d: doy - fdiv(153 * mp + 2, 5) + 1,
    h: fdiv(sod, 3600), mi: fdiv(sod, 60) % 60, s: Math.floor(sod) % 60, wd: ((days % 7) + 11) % 7};
}
function grouped(n) {
  var s = String(Math.round(n));
  return n < 10000 ? s : s.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
function big(n) {
  var unit = 1e6, name = " million";
  if (n >= 1e12) { unit = 1e12; name = " trillion"; } else if (n >= 1e9) { unit = 1e9; name = " billion"; }
  return String(parseFloat((n / unit).toFixed(6))) + name;
}
function yearLabel(y) {
  if (y >= 1 && y <= 1e6) return grouped(y);
  if (y > 1e6) return big(y) + " CE";
  if (y >= -1e6) return grouped(1 - y) + " BCE";
  return big(-y) + " years ago";
}
function two(n) { return (n < 10 ? "0" : "") + n; }
function yearAtOrBefore(y, n) {
  if (y >= 1) { var c = fdiv(y, n) * n; if (c >= 1) return c; y = 0; }
  if (y >= -1e6) { var b = 1 - cdiv(1 - y, n) * n; if (b >= -1e6) return b; y = -1e6 - 1; }
  return fdiv(y, n) * n;
}
function yearAfter(y, n) {
  y++;
  if (y < -1e6) { var c = cdiv(y, n) * n; if (c < -1e6) return c; y = -1e6; }
  if (y <= 0) { var k = fdiv(1 - y, n); if (k >= 1) return 1 - k * n; y = 1; }
  return cdiv(y, n) * n;
}

// The axis step table, finest first, as in the app.
var SEC = 0, MIN = 1, HOUR = 2, DAY = 3, WEEK = 4, MONTH = 5, YEAR = 6;
var STEPS = [[SEC, 1], [SEC, 5], [SEC, 15], [SEC, 30], [MIN, 1], [MIN, 5], [MIN, 15], [MIN, 30],
  [HOUR, 1], [HOUR, 3], [HOUR, 6], [HOUR, 12], [DAY, 1], [WEEK, 1], [MONTH, 1], [MONTH, 3], [MONTH, 6]];
[1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9].forEach(function (p) { STEPS.push([YEAR, p], [YEAR, 2 * p], [YEAR, 5 * p]); });
STEPS.push([YEAR, 1e10]);
function minSeconds(st) {
  var n = st[1];
  switch (st[0]) {
  case SEC: return n;
  case MIN: return 60 * n;
  case HOUR: return 3600 * n;
  case DAY: return 86400 * n;
  case WEEK: return 7 * 86400 * n;
  case MONTH: return n === 1 ? 28 * 86400 : n === 3 ? 90 * 86400 : 181 * 86400;
  }
  return 365 * 86400 * n;
}
function majorOf(st) {
  if (st[0] <= HOUR) return [DAY, 1];
  if (st[0] <= WEEK) return [MONTH, 1];
  if (st[0] === MONTH) return [YEAR, 1];
  var p = 10;
  while (p <= st[1]) p *= 10;
  return [YEAR, p];
}
function tickLabel(u, major, c) {
  if (u <= HOUR) return two(c.h) + ":" + two(c.mi) + (u === SEC ? ":" + two(c.s) : "");
  if (u === YEAR) return yearLabel(c.y);
  if (!major && u === MONTH) return MONTHS[c.m - 1].slice(0, 3);
  if (!major) return String(c.d);
  if (u === MONTH) return MONTHS[c.m - 1] + " " + yearLabel(c.y);
  return DAYS[c.wd] + " " + c.d + " " + MONTHS[c.m - 1] + " " + yearLabel(c.y);
}
// ticks returns the ticks of step st in [lo, hi] (at most limit+1); with
// major set, the first is the start of the period lo falls in.
function ticks(st, lo, hi, limit, major) {
  var out = [], u = st[0], n = st[1], prev = null, c, t, i;
  function add(t, u, c) {
    if (t < lo) { if (major) prev = {t: t, label: tickLabel(u, true, c)}; return true; }
    if (t > hi || out.length > limit) return false;
    if (prev) { out.push(prev); prev = null; }
    out.push({t: t, label: tickLabel(u, major, c)});
    return true;
  }
  if (u <= HOUR) {
    var size = n * [1, 60, 3600][u];
    for (t = Math.floor(lo / size) * size, i = 0; i < 2 * limit + 8; i++, t += size) {
      if (!add(t, u, civil(t))) break;
    }
  } else if (u === DAY || u === WEEK) {
    var day = fdiv(lo, 86400), stepDays = n;
    if (u === WEEK) { day -= ((day + 3) % 7 + 7) % 7; stepDays = 7 * n; }
    for (i = 0; i < 2 * limit + 8; i++, day += stepDays) {
      t = day * 86400;
      if (!add(t, u, civil(t))) break;
    }
  } else if (u === MONTH) {
    c = civil(lo);
    var y = c.y, m = fdiv(c.m - 1, n) * n;
    for (i = 0; i < 2 * limit + 8; i++, m += n) {
      var yy = y + fdiv(m, 12), mm = (m % 12) + 1;
      t = daysFromCivil(yy, mm, 1) * 86400;
      if (!add(t, u, {y: yy, m: mm, d: 1})) break;
    }
  } else {
    var yr = yearAtOrBefore(civil(lo).y, n);
    for (i = 0; i < 2 * limit + 8; i++, yr = yearAfter(yr, n)) {
      t = daysFromCivil(yr, 1, 1) * 86400;
      if (!add(t, u, {y: yr, m: 1, d: 1})) break;
    }
  }
  if (prev && out.length <= limit) out.push(prev);
  return out;
}
function axis(t0, t1, W) {
  var minPx = 58, pp = (t1 - t0) / W, limit = Math.floor(W / minPx) + 2;
  var lo = t0 - minPx / 2 * pp, hi = t1 + minPx / 2 * pp, best = null;
  for (var k = 0; k < STEPS.length; k++) {
    var st = STEPS[k];
    if (minSeconds(st) / pp < minPx) continue;
    if (st[0] <= HOUR && Math.max(Math.abs(lo), Math.abs(hi)) > 9e15) continue;
    var minor = ticks(st, lo, hi, limit, false), ok = minor.length <= limit;
    for (var j = 1; ok && j < minor.length; j++) {
      var room = minPx * Math.max(1, Math.max(minor[j].label.length, minor[j - 1].label.length) / 8);
      if ((minor[j].t - minor[j - 1].t) / pp < room) ok = false;
    }
    best = {step: st, minor: minor};
    if (ok) break;
  }
  if (!best) return {minor: [], major: []};
  best.major = ticks(majorOf(best.step), t0, t1, limit, true);
  return best;
}

// Colours: lane colours are made legible on the page's surface.
function rgb(hex) { var v = parseInt(hex.slice(1), 16); return [(v >> 16) & 255, (v >> 8) & 255, v & 255]; }
function hex(c) { return "#" + c.map(function (v) { return (256 + Math.round(v)).toString(16).slice(1); }).join(""); }
function lum(c) {
  var l = c.map(function (v) { v /= 255; return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
  return 0.2126 * l[0] + 0.7152 * l[1] + 0.0722 * l[2];
}
function contrast(a, b) { var x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); }
function cssColor(name, fallback) {
  var v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
  return HEX.test(v) ? rgb(v) : fallback;
}
var surface, ink;
function legible(color) {
  var c = rgb(color);
  for (var k = 0; k < 10 && contrast(c, surface) < 2.4; k++) {
    c = c.map(function (v, i) { return v + (ink[i] - v) * 0.15; });
  }
  return hex(c);
}
function mix(color, onto, f) {
  var c = rgb(color);
  return hex(c.map(function (v, i) { return v * f + onto[i] * (1 - f); }));
}
function textOn(color) { return lum(rgb(color)) > 0.4 ? "#111418" : "#ffffff"; }

// Text widths, for packing labels.
var measureCtx = document.createElement("canvas").getContext("2d");
var widths = new Map();
function textWidth(s, italic, bold) {
  var key = (italic ? "i" : "") + (bold ? "b" : "") + s;
  var w = widths.get(key);
  if (w === undefined) {
    if (measureCtx) {
      measureCtx.font = (italic ? "italic " : "") + (bold ? "600 " : "") + "13px " + getComputedStyle(tl).fontFamily;
      w = measureCtx.measureText(s).width;
    } else {
      w = s.length * 7;
    }
    if (widths.size > 5000) widths.clear();
    widths.set(key, w);
  }
  return w;
}

// The view: [t0, t1) in Unix seconds.
var view = null, selected = null;
var MIN_SPAN = 60;
function shownEvents() { return events.filter(visible); }
function fitView(list) {
  if (!list.length) list = events;
  if (!list.length) return;
  var lo = Infinity, hi = -Infinity;
  list.forEach(function (ev) { lo = Math.min(lo, ev.s); hi = Math.max(hi, ev.e); });
  var span = Math.max(hi - lo, 3600);
  view = {t0: lo - span * 0.03, t1: hi + span * 0.06};
}
function maxSpan() {
  var lo = Infinity, hi = -Infinity;
  events.forEach(function (ev) { lo = Math.min(lo, ev.s); hi = Math.max(hi, ev.e); });
  return Math.max((hi - lo) * 4, 86400 * 366 * 4);
}
function zoom(factor, atX, W) {
  var span = view.t1 - view.t0;
  var next = Math.min(Math.max(span * factor, MIN_SPAN), maxSpan());
  var f = W > 0 ? Math.min(Math.max(atX / W, 0), 1) : 0.5;
  var at = view.t0 + f * span;
  view = {t0: at - f * next, t1: at - f * next + next};
  schedule();
}
function pan(seconds) { view = {t0: view.t0 + seconds, t1: view.t1 + seconds}; schedule(); }

// schedule renders once at the next frame (or after a short wait where
// frames are not being drawn, as in a hidden or headless page).
var pending = false;
function schedule() {
  if (pending) return;
  pending = true;
  var done = false;
  function run() {
    if (done) return;
    done = true;
    pending = false;
    render();
  }
  requestAnimationFrame(run);
  setTimeout(run, 100);
}

// layout places the shown events in lanes: by actor, each event appears
// in the lane of every shown actor it involves, labelled in the first
// (and inside any band wide enough); on one track, each event appears
// once in the colour of its first shown actor. Marks and labels are packed
// greedily into rows within each lane.
var ROW = 24, PAD = 7, MAX_ROWS = 12, MAXL = 300, BUDGET = 1500, dropped = 0;
var track = {id: -1, name: "All shown events", kind: "one track", color: "#6b7280", on: true};
function layout(W) {
  var lanes = mode === "track" ? [track] : actors.filter(function (a) { return a.on; });
  var items = new Map(lanes.map(function (a) { return [a.id, []]; }));
  var pp = (view.t1 - view.t0) / W;
  // At most BUDGET events are drawn at once, the most important first, so
  // that a large chronology stays responsive; zooming in shows the rest.
  var inView = shownEvents().filter(function (ev) { return ev.e >= view.t0 && ev.s <= view.t1; });
  dropped = Math.max(inView.length - BUDGET, 0);
  if (dropped) {
    inView = inView.map(function (ev, k) { return [ev, k]; })
      .sort(function (p, q) { return q[0].i - p[0].i || p[1] - q[1]; })
      .slice(0, BUDGET)
      .sort(function (p, q) { return p[1] - q[1]; })
      .map(function (p) { return p[0]; });
  }
  inView.forEach(function (ev) {
    var x0 = (ev.s - view.t0) / pp, x1 = (ev.e - view.t0) / pp;
    var shape = ev.bar ? "bar" : (x1 - x0 < 14 ? "dot" : "band");
    var ml, mr;
    if (shape === "dot") { var cx = (x0 + x1) / 2; ml = cx - 7; mr = cx + 7; }
    else { ml = x0; mr = Math.max(x1, x0 + 6); }
    if (mr < 0 || ml > W) return;
    var ids = ev.a.length ? ev.a.map(function (p) { return p[0]; }).filter(function (id) { return actorById.get(id).on; }) : [0];
    var color = actorById.get(ids[0]).color;
    if (mode === "track") ids = [-1];
    ids.forEach(function (id, k) {
      var it = {ev: ev, shape: shape, ml: ml, mr: mr, label: false, inside: false, lx: 0, lw: 0, role: "", color: id === -1 ? color : actorById.get(id).color};
      ev.a.forEach(function (p) { if (p[0] === id) it.role = p[1]; });
      var tw = textWidth(ev.t, ev.c === "claimed" || ev.c === "disputed", ev.i >= 4) + 2;
      var vl = Math.max(ml, 0), vr = Math.min(mr, W);
      if (shape !== "dot" && vr - vl >= Math.min(tw, 160) + 20) {
        it.label = it.inside = true;
        it.lx = vl + 9;
        it.lw = Math.min(tw, vr - vl - 18);
      } else if (k === 0) {
        var lw = Math.min(tw, MAXL);
        it.label = true;
        it.lw = lw;
        it.lx = mr + 6;
        if (it.lx + lw > W - 4 && ml - 6 - lw >= 0) it.lx = ml - 6 - lw;
        it.lw = Math.max(Math.min(it.lw, W - 4 - it.lx), 0);
      }
      items.get(id).push(it);
    });
  });
  var out = [];
  lanes.forEach(function (a) {
    var list = items.get(a.id);
    if (!list.length) return;
    list.forEach(function (it) {
      it.l = it.label && !it.inside ? Math.min(it.ml, it.lx) : it.ml;
      it.r = it.label && !it.inside ? Math.max(it.mr, it.lx + it.lw) : it.mr;
    });
    list.sort(function (p, q) { return p.l - q.l || q.ev.i - p.ev.i; });
    var ends = [], maxRows = mode === "track" ? 3 * MAX_ROWS : MAX_ROWS;
    list.forEach(function (it) {
      var r;
      for (r = 0; r < ends.length && ends[r] > it.l - 8; r++) {}
      if (r === ends.length && r >= maxRows) {
        // Out of rows: the mark alone, in the first row with room for it.
        it.label = it.label && it.inside;
        it.l = it.ml; it.r = it.mr;
        for (r = 0; r < ends.length && ends[r] > it.l - 2; r++) {}
        if (r === ends.length && r >= 4 * maxRows) { r = 0; ends.forEach(function (e, k) { if (e < ends[r]) r = k; }); }
      }
      ends[r] = Math.max(ends[r] === undefined ? -Infinity : ends[r], it.r);
      it.row = r;
    });
    out.push({actor: a, items: list, rows: Math.max(ends.length, 1)});
  });
  return out;
}

function render(printWidth) {
  tl.replaceChildren();
  if (!view) fitView(shownEvents());
  var total = printWidth || tl.clientWidth;
  if (!view || total < 100) return;
  var dark = matchMedia("(prefers-color-scheme: dark)").matches && !printWidth;
  surface = cssColor("--surface", dark ? [26, 29, 35] : [255, 255, 255]);
  ink = cssColor("--fg", dark ? [230, 232, 236] : [28, 32, 38]);
  if (printWidth) { surface = [255, 255, 255]; ink = [0, 0, 0]; }
  var nameW = total < 720 ? 124 : 190, W = total - nameW;
  var eraH = eras.length ? 26 : 0, axisH = 44, top = eraH + axisH;
  var names = el("div", "tl-names"), plot = el("div", "tl-plot");
  names.style.width = px(nameW);
  plot.style.left = px(nameW);
  var pp = (view.t1 - view.t0) / W;
  function x(t) { return (t - view.t0) / pp; }

  var lanes = layout(W), y = top;
  lanes.forEach(function (lane, k) {
    lane.top = y;
    lane.h = Math.max(lane.rows * ROW + 2 * PAD, 44);
    [names, plot].forEach(function (host) {
      var bg = el("div", "tl-lane-bg" + (k % 2 ? " odd" : ""));
      bg.style.top = px(y);
      bg.style.height = px(lane.h);
      host.append(bg);
    });
    var nm = el("div", "tl-name"), sw = el("span", "sw"), txt = el("span", null, lane.actor.name);
    sw.style.backgroundColor = lane.actor.color;
    if (lane.actor.kind) txt.append(el("span", "kind", lane.actor.kind));
    nm.title = lane.actor.name;
    nm.style.top = px(y + PAD + 2);
    nm.append(sw, txt);
    names.append(nm);
    y += lane.h;
  });
  var height = Math.max(y, top + 60) + 1;
  tl.style.height = px(height);

  eras.forEach(function (era) {
    var l = x(era.s), r = x(era.e);
    if (r < 0 || l > W) return;
    var band = el("div", "tl-era");
    band.style.setProperty("--eb", mix(era.color, surface, 0.16));
    band.style.setProperty("--el", mix(era.color, surface, 0.8));
    band.style.left = px(l);
    band.style.width = px(Math.max(r - l, 1));
    plot.append(band);
    var title = el("div", "tl-era-title", era.title);
    title.style.setProperty("--et", mix(era.color, surface, 0.22));
    var tl0 = Math.max(l, 0) + 3;
    title.style.left = px(tl0);
    title.style.maxWidth = px(Math.max(Math.min(r, W) - tl0 - 3, 0));
    title.title = era.title;
    plot.append(title);
  });

  var ax = axis(view.t0, view.t1, W);
  var axisEl = el("div", "tl-axis");
  axisEl.style.top = px(eraH);
  axisEl.style.height = px(axisH);
  ax.minor.forEach(function (tk) {
    var gx = x(tk.t);
    if (gx < -60 || gx > W) return;
    var g = el("div", "tl-grid");
    g.style.left = px(gx);
    g.style.top = px(top);
    plot.append(g);
    var lab = el("div", "tl-tick minor", tk.label);
    lab.style.left = px(gx);
    lab.style.top = px(22);
    axisEl.append(lab);
  });
  ax.major.forEach(function (tk, k) {
    var gx = x(tk.t), next = ax.major[k + 1];
    var lab = el("div", "tl-tick major", tk.label);
    if (gx > W - textWidth(tk.label, false, true) - 12) return;
    if (gx < 0) {
      gx = 0;
      if (next && x(next.t) < 150) return;
    } else {
      var g = el("div", "tl-grid major");
      g.style.left = px(gx);
      g.style.top = px(eraH);
      plot.append(g);
    }
    lab.style.left = px(gx);
    lab.style.top = "0px";
    axisEl.append(lab);
  });
  plot.append(axisEl);
  var corner = el("div", "tl-corner", "Times in UTC");
  corner.style.top = px(eraH + 24);
  names.append(corner);

  // One element per event, holding its marks in every lane.
  var groups = new Map();
  lanes.forEach(function (lane) {
    lane.items.forEach(function (it) {
      var ev = it.ev, g = groups.get(ev.id), color = legible(it.color);
      if (!g) {
        g = {el: el("div", "tl-event" + (selected === ev.id ? " selected" : "")), ys: [], cx: 0};
        g.el.dataset.id = String(ev.id);
        groups.set(ev.id, g);
      }
      var cy = lane.top + PAD + it.row * ROW + ROW / 2;
      var h = it.shape === "dot" ? 14 : 18;
      var mark = button("tl-mark mk " + it.shape + " " + ev.c);
      mark.style.setProperty("--c", color);
      if (ev.c === "reported") mark.style.setProperty("--cp", mix(color, surface, dark ? 0.55 : 0.38));
      if (ev.c === "denied") mark.style.setProperty("--cd", mix(color, surface, 0.75));
      mark.style.left = px(it.ml);
      mark.style.top = px(cy - h / 2);
      if (it.shape !== "dot") mark.style.width = px(it.mr - it.ml);
      var who = lane.actor.id === -1 ? ev.a.map(function (p) { return actorById.get(p[0]).name + (p[1] ? " (" + p[1] + ")" : ""); }).join(", ")
        : lane.actor.name + (it.role ? " (" + it.role + ")" : "");
      mark.setAttribute("aria-label", ev.t + ", " + ev.d + ", " + (LABELS[ev.c] || ev.c) + (who ? ", " + who : ""));
      mark.title = ev.t + "\n" + ev.d + " \u00b7 " + (LABELS[ev.c] || ev.c) + (who ? "\n" + who : "");
      g.el.append(mark);
      if (!g.ys.length) g.cx = it.shape === "dot" ? (it.ml + it.mr) / 2 : Math.max(it.ml, 0) + 9;
      g.ys.push(cy);
      if (it.label && it.lw > 24) {
        var lab = el("span", "tl-label " + ev.c + (ev.i >= 4 ? " imp" : ""), ev.t);
        lab.style.left = px(it.lx);
        lab.style.top = px(cy - 9);
        lab.style.width = px(it.lw);
        lab.title = mark.title;
        if (it.inside) mark.classList.add("labelled");
        if (it.inside && ev.c === "confirmed") { lab.classList.add("on-fill"); lab.style.color = textOn(color); }
        g.el.append(lab);
      }
    });
  });
  groups.forEach(function (g) {
    if (g.ys.length > 1) {
      var link = el("div", "tl-link"), a = Math.min.apply(null, g.ys), b = Math.max.apply(null, g.ys);
      link.style.left = px(g.cx - 1);
      link.style.top = px(a);
      link.style.height = px(b - a);
      g.el.prepend(link);
    }
    plot.append(g.el);
  });
  hint.textContent = dropped ? "Drawing the " + grouped(BUDGET) + " most important of " + grouped(BUDGET + dropped) + " events in view: zoom in for the rest" : HINT;
  if (!lanes.length) {
    var empty = el("div", "tl-empty", "No event matches the filters.");
    empty.style.paddingTop = px(top + 20);
    plot.append(empty);
  }
  tl.append(plot, names);
}

// Selection: the details panel shows a copy of the event's list entry.
function select(id, reveal) {
  var ev = id === null ? null : byId.get(id) || null;
  var was = selected === null ? null : byId.get(selected);
  if (was && was.li) was.li.classList.remove("selected");
  selected = ev ? ev.id : null;
  if (ev && ev.li) ev.li.classList.add("selected");
  details.replaceChildren();
  details.hidden = !ev;
  if (ev) {
    var bar = el("div", "details-bar");
    var go = el("a", null, "Go to the entry in the list");
    go.href = "#e-" + ev.id;
    var close = button("linkbtn close", "Close", "Close (Esc)");
    close.addEventListener("click", function () { select(null); tl.focus(); });
    bar.append(el("strong", null, "Selected event"), go, close);
    details.append(bar);
    var art = ev.li && ev.li.querySelector("article");
    if (art) {
      var copy = art.cloneNode(true);
      copy.querySelectorAll("[id]").forEach(function (n) { n.removeAttribute("id"); });
      copy.querySelectorAll(".ev-locate").forEach(function (n) { n.remove(); });
      details.append(copy);
    }
    if (reveal) {
      if (ev.e < view.t0 || ev.s > view.t1) {
        var span = view.t1 - view.t0, mid = (ev.s + ev.e) / 2;
        view = {t0: mid - span / 2, t1: mid + span / 2};
      }
      explore.scrollIntoView({block: "start"});
    }
  }
  render();
}

function apply() {
  var n = 0;
  events.forEach(function (ev) {
    var on = visible(ev);
    if (on) n++;
    if (ev.li && ev.li.hidden === on) ev.li.hidden = !on;
  });
  var text = "Showing " + n + " of " + events.length + " event" + (events.length === 1 ? "" : "s");
  shown.textContent = text;
  countEl.textContent = text;
  noneShown.hidden = n > 0 || !events.length;
  if (selected !== null && !visible(byId.get(selected))) select(null);
  else render();
}

// List entries get a button that finds them on the timeline.
events.forEach(function (ev) {
  var head = ev.li && ev.li.querySelector(".ev-head");
  if (!head) return;
  var b = button("linkbtn ev-locate", "Show on timeline");
  b.addEventListener("click", function () { select(ev.id, true); });
  head.append(b);
});

// Interaction: click to select, drag to pan, Ctrl + wheel to zoom, keys.
var drag = null;
tl.addEventListener("pointerdown", function (e) {
  if (e.button !== 0) return;
  drag = {x: e.clientX, t0: view.t0, t1: view.t1, moved: false, id: e.pointerId};
});
tl.addEventListener("pointermove", function (e) {
  if (!drag || e.pointerId !== drag.id) return;
  var dx = e.clientX - drag.x;
  if (!drag.moved && Math.abs(dx) < 4) return;
  if (!drag.moved) {
    drag.moved = true;
    tl.classList.add("dragging");
    try { tl.setPointerCapture(drag.id); } catch (err) { /* the pointer is gone */ }
  }
  var W = plotWidth(), shift = -dx * (drag.t1 - drag.t0) / W;
  view = {t0: drag.t0 + shift, t1: drag.t1 + shift};
  schedule();
});
function endDrag(e) {
  if (!drag || e.pointerId !== drag.id) return;
  var moved = drag.moved;
  drag = null;
  tl.classList.remove("dragging");
  if (moved) return;
  var g = e.target.closest ? e.target.closest(".tl-event") : null;
  if (g && e.type === "pointerup") select(Number(g.dataset.id));
}
tl.addEventListener("pointerup", endDrag);
tl.addEventListener("pointercancel", endDrag);
tl.addEventListener("click", function (e) {
  // Keyboard activation of a mark (Enter or Space on a focused button).
  if (e.detail === 0) {
    var g = e.target.closest ? e.target.closest(".tl-event") : null;
    if (g) select(Number(g.dataset.id));
  }
});
function plotWidth() { var total = tl.clientWidth; return total - (total < 720 ? 124 : 190); }
function plotX(e) { var r = tl.getBoundingClientRect(); return e.clientX - r.left - (r.width < 720 ? 124 : 190); }
tl.addEventListener("wheel", function (e) {
  var W = plotWidth();
  if (e.ctrlKey || e.metaKey) {
    e.preventDefault();
    zoom(Math.exp(Math.max(Math.min(e.deltaY, 120), -120) * 0.004), plotX(e), W);
  } else if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
    e.preventDefault();
    pan((e.shiftKey && !e.deltaX ? e.deltaY : e.deltaX) * (view.t1 - view.t0) / W);
  }
}, {passive: false});
tl.addEventListener("keydown", function (e) {
  var W = plotWidth(), span = view.t1 - view.t0;
  switch (e.key) {
  case "ArrowLeft": pan(-span / 10); break;
  case "ArrowRight": pan(span / 10); break;
  case "+": case "=": zoom(1 / 1.5, W / 2, W); break;
  case "-": case "_": zoom(1.5, W / 2, W); break;
  case "0": fitView(shownEvents()); schedule(); break;
  case "Escape": select(null); break;
  default: return;
  }
  e.preventDefault();
});
zoomIn.addEventListener("click", function () { var W = plotWidth(); zoom(1 / 1.5, W / 2, W); });
zoomOut.addEventListener("click", function () { var W = plotWidth(); zoom(1.5, W / 2, W); });
fit.addEventListener("click", function () { fitView(shownEvents()); schedule(); });
document.addEventListener("keydown", function (e) {
  if (e.key === "Escape" && selected !== null) select(null);
});
window.addEventListener("resize", schedule);
matchMedia("(prefers-color-scheme: dark)").addEventListener("change", schedule);
// Printed, the timeline is one compact track at the width of the paper.
var screenMode = null;
window.addEventListener("beforeprint", function () {
  screenMode = mode;
  mode = "track";
  render(Math.min(tl.clientWidth, 680));
});
window.addEventListener("afterprint", function () {
  if (screenMode) mode = screenMode;
  screenMode = null;
  render();
});

explore.hidden = false;
setMode("lanes");
fitView(events);
apply();
})();
`
