package data

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
)

// Shared chronologies (data/pgsync) exchange a chronology entity by
// entity. Each is a Doc: its fields in Chronoscope JSON's form (see
// chronojson.go), an event holding its actors, tags, citations and
// pictures, a link its citations, with every reference written as the
// other entity's shared key, so that copies on several machines, whose
// local ids differ, agree.

// The kinds of shared entity, in the order a copy is built: each refers
// only to kinds before it.
const (
	KindChronology = "chronology"
	KindActor      = "actor"
	KindSource     = "source"
	KindEra        = "era"
	KindEvent      = "event"
	KindLink       = "link"
)

// SyncKinds lists the shared kinds in dependency order.
var SyncKinds = []string{KindChronology, KindActor, KindSource, KindEra, KindEvent, KindLink}

// KindRank is a kind's place in SyncKinds (len(SyncKinds) for an unknown
// kind).
func KindRank(kind string) int {
	for i, k := range SyncKinds {
		if k == kind {
			return i
		}
	}
	return len(SyncKinds)
}

// A Doc is one entity's fields as JSON values, by Chronoscope JSON name.
// A field at its zero value may be absent.
type Doc map[string]json.RawMessage

// Equal reports whether d and o hold the same fields and values.
func (d Doc) Equal(o Doc) bool { return len(d.Diff(o)) == 0 }

// Diff returns the fields of d whose values differ from o's: o's fields
// that d lacks come back as JSON null.
func (d Doc) Diff(o Doc) Doc {
	out := Doc{}
	for k, v := range d {
		if w, ok := o[k]; !ok || !SameJSON(v, w) {
			out[k] = v
		}
	}
	for k := range o {
		if _, ok := d[k]; !ok {
			out[k] = json.RawMessage("null")
		}
	}
	return out
}

// SameJSON reports whether two JSON values are the same value, whatever
// the order of their objects' keys or the escaping of their strings.
func SameJSON(a, b []byte) bool {
	return bytes.Equal(a, b) || bytes.Equal(canonicalJSON(a), canonicalJSON(b))
}

// canonicalJSON writes a JSON value one way: objects' keys sorted (as
// encoding/json writes maps), strings escaped only where JSON must,
// numbers as written. PostgreSQL's jsonb keeps keys in an order of its
// own, so values that went through the server compare with those read
// here only in this form.
func canonicalJSON(v []byte) []byte {
	dec := json.NewDecoder(bytes.NewReader(v))
	dec.UseNumber()
	var x any
	if err := dec.Decode(&x); err != nil {
		return v
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(x); err != nil {
		return v
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// Canonical returns d with every value in canonical form (see
// canonicalJSON), as every Doc read here or from the server is.
func (d Doc) Canonical() Doc {
	out := make(Doc, len(d))
	for k, v := range d {
		out[k] = canonicalJSON(v)
	}
	return out
}

// Merge returns d with fields written over it; a null field is removed.
func (d Doc) Merge(fields Doc) Doc {
	out := make(Doc, len(d)+len(fields))
	for k, v := range d {
		out[k] = v
	}
	for k, v := range fields {
		if string(v) == "null" {
			delete(out, k)
		} else {
			out[k] = v
		}
	}
	return out
}

// Fields returns d's field names, sorted.
func (d Doc) Fields() []string {
	out := make([]string, 0, len(d))
	for k := range d {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// A KeyMap translates between this file's ids and shared keys.
type KeyMap interface {
	// KeyOf returns the shared key of a local entity, giving it one if
	// it has none yet.
	KeyOf(kind string, id int64) (string, error)
	// IDOf returns the local id of the entity with a shared key, or
	// ErrNotFound when this file has none.
	IDOf(kind, key string) (int64, error)
}

// syncActor is an actor's shared form: Chronoscope JSON's, with the lane
// position that a document leaves to its order. The other kinds' shared
// forms are Chronoscope JSON's own (jsonSource, jsonEra, jsonEvent,
// jsonLink), without their document keys.
type syncActor struct {
	Name        string `json:"name"`
	Kind        string `json:"kind"`
	Color       string `json:"color"`
	Description string `json:"description,omitempty"`
	Position    int    `json:"position,omitempty"`
}

func toDoc(v any) (Doc, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	var d Doc
	err = json.Unmarshal(b, &d)
	return d.Canonical(), err
}

func fromDoc(d Doc, v any) error {
	b, err := json.Marshal(d)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

// ReadDoc returns the shared form of one entity (id is ignored for the
// chronology), or ErrNotFound when it is gone.
func (t *Tx) ReadDoc(kind string, id int64, km KeyMap) (Doc, error) {
	switch kind {
	case KindChronology:
		c, err := t.Chronology()
		if err != nil {
			return nil, err
		}
		return toDoc(jsonChron(c))
	case KindActor:
		a, err := t.Actor(id)
		if err != nil {
			return nil, err
		}
		return toDoc(syncActor{Name: a.Name, Kind: string(a.Kind), Color: a.Color, Description: a.Description, Position: a.Position})
	case KindSource:
		s, err := t.Source(id)
		if err != nil {
			return nil, err
		}
		return toDoc(jsonSource{Title: s.Title, Publisher: s.Publisher, Author: s.Author, URL: s.URL,
			Published: dateText(s.Published), Accessed: dateText(s.Accessed), ArchiveURL: s.ArchiveURL})
	case KindEra:
		e, err := t.Era(id)
		if err != nil {
			return nil, err
		}
		return toDoc(jsonEra{Title: e.Title, Start: e.Start.String(), End: e.End.String(), Color: e.Color})
	case KindEvent:
		return t.readEventDoc(id, km)
	case KindLink:
		l, err := t.Link(id)
		if err != nil {
			return nil, err
		}
		sl := jsonLink{Kind: string(l.Kind), Certainty: string(l.Certainty), Note: l.Note}
		if sl.From, err = km.KeyOf(KindEvent, l.From); err != nil {
			return nil, err
		}
		if sl.To, err = km.KeyOf(KindEvent, l.To); err != nil {
			return nil, err
		}
		for _, c := range l.Citations {
			k, err := km.KeyOf(KindSource, c.SourceID)
			if err != nil {
				return nil, err
			}
			sl.Citations = append(sl.Citations, jsonLinkCitation{Source: k, Quote: c.Quote, Note: c.Note})
		}
		return toDoc(sl)
	}
	return nil, fmt.Errorf("unknown kind %q", kind)
}

func (t *Tx) readEventDoc(id int64, km KeyMap) (Doc, error) {
	e, err := t.Event(id)
	if err != nil {
		return nil, err
	}
	je := jsonEvent{Title: e.Title, Description: e.Description, Start: e.Start.String(), End: dateText(e.End),
		Zone: e.Zone, DisplayDate: e.DisplayDate, Certainty: string(e.Certainty), Importance: e.Importance,
		Tags: e.Tags, Notes: e.Notes, Story: e.Story, ExternalID: e.ExternalID}
	for _, p := range e.Actors {
		k, err := km.KeyOf(KindActor, p.ActorID)
		if err != nil {
			return nil, err
		}
		je.Actors = append(je.Actors, jsonRole{Actor: k, Role: p.Role})
	}
	cits, err := t.Citations(id)
	if err != nil {
		return nil, err
	}
	for _, c := range cits {
		k, err := km.KeyOf(KindSource, c.SourceID)
		if err != nil {
			return nil, err
		}
		je.Citations = append(je.Citations, jsonCitation{Source: k, Quote: c.Quote, Note: c.Note, Date: dateText(c.Date)})
	}
	if je.Images, err = writeImages(t, id); err != nil {
		return nil, err
	}
	for i, im := range je.Images {
		if im.Source != "" {
			// writeImages names sources by their local key ("s12").
			var sid int64
			if _, err := fmt.Sscanf(im.Source, "s%d", &sid); err != nil {
				return nil, err
			}
			if je.Images[i].Source, err = km.KeyOf(KindSource, sid); err != nil {
				return nil, err
			}
		}
	}
	return toDoc(je)
}

// WriteDoc writes fields over one entity, or creates it from them when id
// is 0, and returns its id. References to keys this file does not hold
// are left out (their entity was deleted elsewhere), as is a story link
// whose ends are gone: it returns 0 and no error then.
func (t *Tx) WriteDoc(kind string, id int64, fields Doc, km KeyMap) (int64, error) {
	d := fields
	if id != 0 || kind == KindChronology {
		cur, err := t.ReadDoc(kind, id, km)
		if err != nil && !(kind == KindChronology && errors.Is(err, ErrNotFound)) {
			return 0, err
		}
		d = cur.Merge(fields)
	}
	ref := func(kind, key string) (int64, bool, error) {
		if key == "" {
			return 0, false, nil
		}
		id, err := km.IDOf(kind, key)
		if errors.Is(err, ErrNotFound) {
			return 0, false, nil
		}
		return id, err == nil, err
	}
	switch kind {
	case KindChronology:
		var c jsonChron
		if err := fromDoc(d, &c); err != nil {
			return 0, err
		}
		return 1, t.SetChronology(Chronology(c))
	case KindActor:
		var sa syncActor
		if err := fromDoc(d, &sa); err != nil {
			return 0, err
		}
		a := Actor{ID: id, Name: sa.Name, Kind: ActorKind(sa.Kind), Color: sa.Color, Description: sa.Description, Position: sa.Position}
		if id == 0 {
			err := t.CreateActor(&a)
			return a.ID, err
		}
		return id, t.UpdateActor(&a)
	case KindSource:
		var js jsonSource
		if err := fromDoc(d, &js); err != nil {
			return 0, err
		}
		s := Source{ID: id, Title: js.Title, Publisher: js.Publisher, Author: js.Author, URL: js.URL, ArchiveURL: js.ArchiveURL}
		var err error
		if s.Published, err = optionalDate(js.Published); err != nil {
			return 0, err
		}
		if s.Accessed, err = optionalDate(js.Accessed); err != nil {
			return 0, err
		}
		if id == 0 {
			err := t.CreateSource(&s)
			return s.ID, err
		}
		return id, t.UpdateSource(&s)
	case KindEra:
		var je jsonEra
		if err := fromDoc(d, &je); err != nil {
			return 0, err
		}
		e := Era{ID: id, Title: je.Title, Color: je.Color}
		var err error
		if e.Start, _, err = ParseDate(je.Start); err != nil {
			return 0, err
		}
		if e.End, _, err = ParseDate(je.End); err != nil {
			return 0, err
		}
		if id == 0 {
			err := t.CreateEra(&e)
			return e.ID, err
		}
		return id, t.UpdateEra(&e)
	case KindEvent:
		return t.writeEventDoc(id, d, fields, ref)
	case KindLink:
		var sl jsonLink
		if err := fromDoc(d, &sl); err != nil {
			return 0, err
		}
		l := StoryLink{ID: id, Kind: LinkKind(sl.Kind), Certainty: Certainty(sl.Certainty), Note: sl.Note}
		var okFrom, okTo bool
		var err error
		if l.From, okFrom, err = ref(KindEvent, sl.From); err != nil {
			return 0, err
		}
		if l.To, okTo, err = ref(KindEvent, sl.To); err != nil {
			return 0, err
		}
		if !okFrom || !okTo {
			if id != 0 {
				return 0, t.DeleteLink(id)
			}
			return 0, nil
		}
		for _, c := range sl.Citations {
			sid, ok, err := ref(KindSource, c.Source)
			if err != nil {
				return 0, err
			}
			if ok {
				l.Citations = append(l.Citations, LinkCitation{SourceID: sid, Quote: c.Quote, Note: c.Note})
			}
		}
		if id == 0 {
			err := t.CreateLink(&l)
			return l.ID, err
		}
		return id, t.UpdateLink(&l)
	}
	return 0, fmt.Errorf("unknown kind %q", kind)
}

func (t *Tx) writeEventDoc(id int64, d, fields Doc, ref func(kind, key string) (int64, bool, error)) (int64, error) {
	var je jsonEvent
	if err := fromDoc(d, &je); err != nil {
		return 0, err
	}
	e := Event{ID: id, Title: je.Title, Description: je.Description, Zone: je.Zone, DisplayDate: je.DisplayDate,
		Certainty: Certainty(je.Certainty), Importance: je.Importance, Tags: je.Tags, Notes: je.Notes,
		Story: je.Story, ExternalID: je.ExternalID}
	var err error
	if e.Start, err = eventDate(je.Start, &e.Zone); err != nil {
		return 0, fmt.Errorf("start: %w", err)
	}
	if je.End != "" {
		if e.End, err = eventDate(je.End, &e.Zone); err != nil {
			return 0, fmt.Errorf("end: %w", err)
		}
	}
	for _, r := range je.Actors {
		aid, ok, err := ref(KindActor, r.Actor)
		if err != nil {
			return 0, err
		}
		if ok {
			e.Actors = append(e.Actors, Participant{ActorID: aid, Role: r.Role})
		}
	}
	if id == 0 {
		if err := t.CreateEvent(&e); err != nil {
			return 0, err
		}
	} else if err := t.UpdateEvent(&e); err != nil {
		return 0, err
	}
	_, newCits := fields["citations"]
	if id == 0 || newCits {
		if id != 0 {
			old, err := t.Citations(id)
			if err != nil {
				return 0, err
			}
			for _, c := range old {
				if err := t.DeleteCitation(c.ID); err != nil {
					return 0, err
				}
			}
		}
		for _, jc := range je.Citations {
			sid, ok, err := ref(KindSource, jc.Source)
			if err != nil {
				return 0, err
			}
			if !ok {
				continue
			}
			c := Citation{EventID: e.ID, SourceID: sid, Quote: jc.Quote, Note: jc.Note}
			if c.Date, err = optionalDate(jc.Date); err != nil {
				return 0, fmt.Errorf("citation date: %w", err)
			}
			if err := t.CreateCitation(&c); err != nil {
				return 0, err
			}
		}
	}
	_, newImages := fields["images"]
	if id == 0 || newImages {
		if id != 0 {
			old, err := t.EventImages(id)
			if err != nil {
				return 0, err
			}
			for _, im := range old {
				if err := t.DeleteImage(im.ID); err != nil {
					return 0, err
				}
			}
		}
		for i, ji := range je.Images {
			im := Image{EventID: e.ID, Caption: ji.Caption, Credit: ji.Credit, Alt: ji.Alt, URL: ji.URL}
			if sid, ok, err := ref(KindSource, ji.Source); err != nil {
				return 0, err
			} else if ok {
				im.SourceID = sid
			}
			var f *ImageFile
			if ji.Data != nil {
				if f, err = DecodeImageFile(fmt.Sprintf("images[%d].data", i), ji.Data, ""); err != nil {
					return 0, err
				}
			} else if ji.URL == "" {
				continue
			}
			if err := t.AddImage(&im, f); err != nil {
				return 0, err
			}
		}
	}
	return e.ID, nil
}

// DeleteDoc deletes one entity; one already gone is no error.
func (t *Tx) DeleteDoc(kind string, id int64) error {
	var err error
	switch kind {
	case KindActor:
		err = t.DeleteActor(id)
	case KindSource:
		err = t.DeleteSource(id)
	case KindEra:
		err = t.DeleteEra(id)
	case KindEvent:
		err = t.DeleteEvent(id)
	case KindLink:
		err = t.DeleteLink(id)
	default:
		return fmt.Errorf("kind %q cannot be deleted", kind)
	}
	if errors.Is(err, ErrNotFound) {
		return nil
	}
	return err
}
