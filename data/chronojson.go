package data

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
)

// JSONFormat is the "format" value of Chronoscope's own JSON files, and
// JSONVersion the latest version this build writes (2 added event keys
// and story links, 3 events' images; a document without images is
// written as version 2; version 1 files read as they did).
const (
	JSONFormat  = "chronoscope"
	JSONVersion = 3
)

// The Chronoscope JSON document: the whole model, lossless. Actors,
// sources and events carry a "key" that events, citations and links refer
// to, so files can be written by hand.
type jsonDoc struct {
	Format     string       `json:"format"`
	Version    int          `json:"version"`
	Chronology jsonChron    `json:"chronology"`
	Actors     []jsonActor  `json:"actors"`
	Sources    []jsonSource `json:"sources"`
	Eras       []jsonEra    `json:"eras"`
	Events     []jsonEvent  `json:"events"`
	Links      []jsonLink   `json:"links"`
}

type jsonChron struct {
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	Zone        string `json:"zone,omitempty"`
}

type jsonActor struct {
	Key         string `json:"key"`
	Name        string `json:"name"`
	Kind        string `json:"kind"`
	Color       string `json:"color"`
	Description string `json:"description,omitempty"`
}

type jsonSource struct {
	Key        string `json:"key"`
	Title      string `json:"title"`
	Publisher  string `json:"publisher,omitempty"`
	Author     string `json:"author,omitempty"`
	URL        string `json:"url,omitempty"`
	Published  string `json:"published,omitempty"`
	Accessed   string `json:"accessed,omitempty"`
	ArchiveURL string `json:"archive_url,omitempty"`
}

type jsonEra struct {
	Title string `json:"title"`
	Start string `json:"start"`
	End   string `json:"end"`
	Color string `json:"color"`
}

type jsonEvent struct {
	Key         string         `json:"key,omitempty"`
	Title       string         `json:"title"`
	Description string         `json:"description,omitempty"`
	Start       string         `json:"start"`
	End         string         `json:"end,omitempty"`
	Zone        string         `json:"zone,omitempty"`
	DisplayDate string         `json:"display_date,omitempty"`
	Certainty   string         `json:"certainty"`
	Importance  int            `json:"importance"`
	Tags        []string       `json:"tags,omitempty"`
	Notes       string         `json:"notes,omitempty"`
	Story       int            `json:"story,omitempty"`
	ExternalID  string         `json:"external_id,omitempty"`
	Actors      []jsonRole     `json:"actors,omitempty"`
	Citations   []jsonCitation `json:"citations,omitempty"`
	Images      []jsonImage    `json:"images,omitempty"`
}

type jsonRole struct {
	Actor string `json:"actor"`
	Role  string `json:"role,omitempty"`
}

type jsonCitation struct {
	Source string `json:"source"`
	Quote  string `json:"quote,omitempty"`
	Note   string `json:"note,omitempty"`
	Date   string `json:"date,omitempty"`
}

// jsonLink is a story link: "from" and "to" are event keys, each
// citation's "source" a source key.
type jsonLink struct {
	From      string             `json:"from"`
	To        string             `json:"to"`
	Kind      string             `json:"kind"`
	Certainty string             `json:"certainty"`
	Note      string             `json:"note,omitempty"`
	Citations []jsonLinkCitation `json:"citations,omitempty"`
}

type jsonLinkCitation struct {
	Source string `json:"source"`
	Quote  string `json:"quote,omitempty"`
	Note   string `json:"note,omitempty"`
}

// ImportStats counts what an import added.
type ImportStats struct {
	Events, Actors, Sources, Citations, Eras, Links, Images int
}

// ReadJSON reads a Chronoscope JSON document from r into tx, adding to what
// the chronology holds; into a chronology with no events yet it also
// copies the title, description and zone. name is the
// file name used in errors, which give the line and column of a syntax
// error or the JSON path of a bad value ("events[3].start",
// "links[0].to").
func ReadJSON(tx *Tx, r io.Reader, name string) (ImportStats, error) {
	var stats ImportStats
	src, err := io.ReadAll(r)
	if err != nil {
		return stats, fmt.Errorf("%s: %w", name, err)
	}
	var doc jsonDoc
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		return stats, fmt.Errorf("%s: %s", name, describeJSONError(src, err))
	}
	if dec.More() {
		return stats, fmt.Errorf("%s: %s: unexpected data after the document", name, position(src, dec.InputOffset()))
	}
	fail := func(path string, err error) (ImportStats, error) {
		return stats, fmt.Errorf("%s: %s: %w", name, path, err)
	}
	if doc.Format != JSONFormat {
		return fail("format", fmt.Errorf("is %q, want %q", doc.Format, JSONFormat))
	}
	if doc.Version < 1 || doc.Version > JSONVersion {
		return fail("version", fmt.Errorf("%d is not supported (this build reads 1..%d)", doc.Version, JSONVersion))
	}
	if doc.Chronology.Title != "" {
		n, err := tx.Count(Filter{})
		if err != nil {
			return stats, err
		}
		if n == 0 {
			c := Chronology{Title: doc.Chronology.Title, Description: doc.Chronology.Description, Zone: doc.Chronology.Zone}
			if err := tx.SetChronology(c); err != nil {
				return fail("chronology", err)
			}
		}
	}
	actors := map[string]int64{}
	for i, ja := range doc.Actors {
		path := fmt.Sprintf("actors[%d]", i)
		if _, dup := actors[ja.Key]; dup || ja.Key == "" {
			return fail(path+".key", fmt.Errorf("%q is empty or used twice", ja.Key))
		}
		a := Actor{Name: ja.Name, Kind: ActorKind(ja.Kind), Color: ja.Color, Description: ja.Description, Position: i}
		if err := tx.CreateActor(&a); err != nil {
			return fail(path, err)
		}
		actors[ja.Key] = a.ID
		stats.Actors++
	}
	sources := map[string]int64{}
	for i, js := range doc.Sources {
		path := fmt.Sprintf("sources[%d]", i)
		if _, dup := sources[js.Key]; dup || js.Key == "" {
			return fail(path+".key", fmt.Errorf("%q is empty or used twice", js.Key))
		}
		s := Source{Title: js.Title, Publisher: js.Publisher, Author: js.Author, URL: js.URL, ArchiveURL: js.ArchiveURL}
		if s.Published, err = optionalDate(js.Published); err != nil {
			return fail(path+".published", err)
		}
		if s.Accessed, err = optionalDate(js.Accessed); err != nil {
			return fail(path+".accessed", err)
		}
		if err := tx.CreateSource(&s); err != nil {
			return fail(path, err)
		}
		sources[js.Key] = s.ID
		stats.Sources++
	}
	for i, je := range doc.Eras {
		path := fmt.Sprintf("eras[%d]", i)
		e := Era{Title: je.Title, Color: je.Color}
		if e.Start, _, err = ParseDate(je.Start); err != nil {
			return fail(path+".start", err)
		}
		if e.End, _, err = ParseDate(je.End); err != nil {
			return fail(path+".end", err)
		}
		if err := tx.CreateEra(&e); err != nil {
			return fail(path, err)
		}
		stats.Eras++
	}
	events := map[string]int64{}
	for i, je := range doc.Events {
		path := fmt.Sprintf("events[%d]", i)
		if _, dup := events[je.Key]; dup && je.Key != "" {
			return fail(path+".key", fmt.Errorf("%q is used twice", je.Key))
		}
		e := Event{Title: je.Title, Description: je.Description, Zone: je.Zone, DisplayDate: je.DisplayDate,
			Certainty: Certainty(je.Certainty), Importance: je.Importance, Tags: je.Tags, Notes: je.Notes,
			Story: je.Story, ExternalID: je.ExternalID}
		if e.Start, err = eventDate(je.Start, &e.Zone); err != nil {
			return fail(path+".start", err)
		}
		if je.End != "" {
			if e.End, err = eventDate(je.End, &e.Zone); err != nil {
				return fail(path+".end", err)
			}
		}
		for j, r := range je.Actors {
			id, ok := actors[r.Actor]
			if !ok {
				return fail(fmt.Sprintf("%s.actors[%d].actor", path, j), fmt.Errorf("no actor has key %q", r.Actor))
			}
			e.Actors = append(e.Actors, Participant{ActorID: id, Role: r.Role})
		}
		if err := tx.CreateEvent(&e); err != nil {
			return fail(path, err)
		}
		if je.Key != "" {
			events[je.Key] = e.ID
		}
		stats.Events++
		for j, jc := range je.Citations {
			cpath := fmt.Sprintf("%s.citations[%d]", path, j)
			id, ok := sources[jc.Source]
			if !ok {
				return fail(cpath+".source", fmt.Errorf("no source has key %q", jc.Source))
			}
			c := Citation{EventID: e.ID, SourceID: id, Quote: jc.Quote, Note: jc.Note}
			if c.Date, err = optionalDate(jc.Date); err != nil {
				return fail(cpath+".date", err)
			}
			if err := tx.CreateCitation(&c); err != nil {
				return fail(cpath, err)
			}
			stats.Citations++
		}
		if err := readImages(tx, e.ID, path, je.Images, sources, &stats); err != nil {
			return stats, fmt.Errorf("%s: %w", name, err)
		}
	}
	if err := readLinks(tx, doc.Links, events, sources, &stats); err != nil {
		return stats, fmt.Errorf("%s: %w", name, err)
	}
	return stats, nil
}

// readLinks stores a document's story links; errors name the JSON path.
func readLinks(tx *Tx, links []jsonLink, events, sources map[string]int64, stats *ImportStats) error {
	type triple struct {
		from, to int64
		kind     string
	}
	seen := map[triple]int{}
	for i, jl := range links {
		path := fmt.Sprintf("links[%d]", i)
		l := StoryLink{Kind: LinkKind(jl.Kind), Certainty: Certainty(jl.Certainty), Note: jl.Note}
		for _, end := range []struct {
			field, key string
			id         *int64
		}{{"from", jl.From, &l.From}, {"to", jl.To, &l.To}} {
			id, ok := events[end.key]
			if !ok {
				return fmt.Errorf("%s.%s: no event has key %q", path, end.field, end.key)
			}
			*end.id = id
		}
		for j, jc := range jl.Citations {
			id, ok := sources[jc.Source]
			if !ok {
				return fmt.Errorf("%s.citations[%d].source: no source has key %q", path, j, jc.Source)
			}
			l.Citations = append(l.Citations, LinkCitation{SourceID: id, Quote: jc.Quote, Note: jc.Note})
		}
		k := triple{l.From, l.To, jl.Kind}
		if j, dup := seen[k]; dup {
			return fmt.Errorf("%s: links[%d] already joins %q to %q as %q", path, j, jl.From, jl.To, jl.Kind)
		}
		seen[k] = i
		if err := tx.CreateLink(&l); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		stats.Links++
	}
	return nil
}

// eventDate parses an event date; a zone written after it ("… UTC") sets
// the event's zone when none is given, and must agree with it otherwise.
func eventDate(s string, zone *string) (Date, error) {
	d, z, err := ParseDate(s)
	if err != nil {
		return Date{}, err
	}
	if z != "" {
		if *zone == "" {
			*zone = z
		} else if *zone != z {
			return Date{}, fmt.Errorf("date %q is in %s but the event's zone is %s", s, z, *zone)
		}
	}
	return d, nil
}

func optionalDate(s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	d, _, err := ParseDate(s)
	return d, err
}

// position returns "line L, column C" of a byte offset in src.
func position(src []byte, off int64) string {
	if off > int64(len(src)) {
		off = int64(len(src))
	}
	before := src[:off]
	line := bytes.Count(before, []byte("\n")) + 1
	col := int(off) - bytes.LastIndexByte(before, '\n')
	return "line " + strconv.Itoa(line) + ", column " + strconv.Itoa(col)
}

func describeJSONError(src []byte, err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return position(src, syn.Offset) + ": " + syn.Error()
	case errors.As(err, &typ):
		return fmt.Sprintf("%s: %s: %s where %s was expected", position(src, typ.Offset), typ.Field, typ.Value, typ.Type)
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF):
		return position(src, int64(len(src))) + ": the document ends too early"
	}
	return err.Error()
}

// WriteJSON writes the whole chronology in tx as a Chronoscope JSON document.
func WriteJSON(tx *Tx, w io.Writer) error {
	bw := bufio.NewWriter(w)
	c, err := tx.Chronology()
	if err != nil && !errors.Is(err, ErrNotFound) {
		return err
	}
	doc := jsonDoc{Format: JSONFormat, Version: 2,
		Chronology: jsonChron(c),
		Actors:     []jsonActor{}, Sources: []jsonSource{}, Eras: []jsonEra{}, Events: []jsonEvent{}, Links: []jsonLink{}}
	actors, err := tx.Actors()
	if err != nil {
		return err
	}
	for _, a := range actors {
		doc.Actors = append(doc.Actors, jsonActor{Key: key("a", a.ID), Name: a.Name, Kind: string(a.Kind), Color: a.Color, Description: a.Description})
	}
	sources, err := tx.Sources()
	if err != nil {
		return err
	}
	for _, s := range sources {
		doc.Sources = append(doc.Sources, jsonSource{Key: key("s", s.ID), Title: s.Title, Publisher: s.Publisher, Author: s.Author,
			URL: s.URL, Published: dateText(s.Published), Accessed: dateText(s.Accessed), ArchiveURL: s.ArchiveURL})
	}
	eras, err := tx.Eras()
	if err != nil {
		return err
	}
	for _, e := range eras {
		doc.Eras = append(doc.Eras, jsonEra{Title: e.Title, Start: e.Start.String(), End: e.End.String(), Color: e.Color})
	}
	err = tx.EachEvent(Filter{}, func(e *Event) error {
		je := jsonEvent{Key: key("e", e.ID), Title: e.Title, Description: e.Description, Start: e.Start.String(), End: dateText(e.End),
			Zone: e.Zone, DisplayDate: e.DisplayDate, Certainty: string(e.Certainty), Importance: e.Importance,
			Tags: e.Tags, Notes: e.Notes, Story: e.Story, ExternalID: e.ExternalID}
		for _, p := range e.Actors {
			je.Actors = append(je.Actors, jsonRole{Actor: key("a", p.ActorID), Role: p.Role})
		}
		cits, err := tx.Citations(e.ID)
		if err != nil {
			return err
		}
		for _, c := range cits {
			je.Citations = append(je.Citations, jsonCitation{Source: key("s", c.SourceID), Quote: c.Quote, Note: c.Note, Date: dateText(c.Date)})
		}
		if je.Images, err = writeImages(tx, e.ID); err != nil {
			return err
		}
		if je.Images != nil {
			doc.Version = jsonImagesVersion
		}
		doc.Events = append(doc.Events, je)
		return nil
	})
	if err != nil {
		return err
	}
	err = tx.StoryLinks(func(l StoryLink) error {
		jl := jsonLink{From: key("e", l.From), To: key("e", l.To), Kind: string(l.Kind), Certainty: string(l.Certainty), Note: l.Note}
		for _, c := range l.Citations {
			jl.Citations = append(jl.Citations, jsonLinkCitation{Source: key("s", c.SourceID), Quote: c.Quote, Note: c.Note})
		}
		doc.Links = append(doc.Links, jl)
		return nil
	})
	if err != nil {
		return err
	}
	enc := json.NewEncoder(bw)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return err
	}
	return bw.Flush()
}

func key(prefix string, id int64) string { return prefix + strconv.FormatInt(id, 10) }
