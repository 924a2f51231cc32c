package data_test

import (
	"errors"
	"slices"
	"testing"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

// TestBulkWriteSameAsOneByOne: a chronology written in one transaction
// (its events, citations and links kept and written in batches) reads
// the same, searches included, as the same chronology written one event,
// citation and link per transaction.
func TestBulkWriteSameAsOneByOne(t *testing.T) {
	bulk := datatest.NewStore(t)
	opt := data.GenerateOptions{Events: 3000, Actors: 12, Seed: 9, CitationEvery: 7, Links: 900}
	if err := bulk.Update(func(tx *data.Tx) error { return data.Generate(tx, opt) }); err != nil {
		t.Fatal(err)
	}
	want := datatest.ReadState(t, bulk)

	one := datatest.NewStore(t)
	for _, a := range want.Actors {
		if err := one.CreateActor(&a); err != nil {
			t.Fatal(err)
		}
	}
	sources := slices.Clone(want.Sources)
	slices.SortFunc(sources, func(a, b data.Source) int { return int(a.ID - b.ID) })
	for _, s := range sources {
		id := s.ID
		if err := one.CreateSource(&s); err != nil || s.ID != id {
			t.Fatalf("source %d written as %d: %v", id, s.ID, err)
		}
	}
	byID := slices.Clone(want.Events)
	slices.SortFunc(byID, func(a, b *data.Event) int { return int(a.ID - b.ID) })
	cits := map[int64][]data.Citation{}
	for i, e := range want.Events {
		cits[e.ID] = want.Citations[i]
	}
	for _, e := range byID {
		e := *e
		id := e.ID
		if err := one.CreateEvent(&e); err != nil || e.ID != id {
			t.Fatalf("event %d written as %d: %v", id, e.ID, err)
		}
		for _, c := range cits[id] {
			if err := one.CreateCitation(&c); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, l := range want.Links {
		id := l.ID
		l.ID = 0
		if err := one.CreateLink(&l); err != nil || l.ID != id {
			t.Fatalf("link %d written as %d: %v", id, l.ID, err)
		}
	}
	got := datatest.ReadState(t, one)
	if d := datatest.Differences(got, want); len(d) > 0 {
		t.Errorf("written one by one, the chronology differs in %v", d)
	}
	if len(want.Links) != opt.Links || len(want.Events) != opt.Events {
		t.Errorf("%d events and %d links, want %d and %d", len(want.Events), len(want.Links), opt.Events, opt.Links)
	}
	for _, q := range []string{"seoul", "ceasefire", "pyongyang treaty"} {
		a, _, err := bulk.Search(q, 5000)
		if err != nil {
			t.Fatal(err)
		}
		b, _, err := one.Search(q, 5000)
		if err != nil {
			t.Fatal(err)
		}
		if len(a) == 0 || !slices.EqualFunc(a, b, func(x, y data.EventRow) bool { return x.ID == y.ID }) {
			t.Errorf("search %q: %d hits written in bulk, %d one by one", q, len(a), len(b))
		}
	}
}

// TestBulkRefusals: what a kept row would be refused for is refused when
// it is kept, with the field in error, and the transaction writes
// nothing.
func TestBulkRefusals(t *testing.T) {
	s := datatest.NewStore(t)
	a := data.Actor{Name: "Agency", Kind: data.KindOrganisation, Color: "#336699"}
	if err := s.CreateActor(&a); err != nil {
		t.Fatal(err)
	}
	src := data.Source{Title: "Report"}
	if err := s.CreateSource(&src); err != nil {
		t.Fatal(err)
	}
	event := func(title string) *data.Event {
		return &data.Event{Title: title, Start: data.DateAt(1e9, data.PrecisionDay), Certainty: data.Confirmed, Importance: 3,
			Actors: []data.Participant{{ActorID: a.ID}}}
	}
	for _, c := range []struct {
		name, field string
		write       func(tx *data.Tx, e1, e2 *data.Event) error
	}{
		{"unknown actor", "actors", func(tx *data.Tx, e1, e2 *data.Event) error {
			e := event("third")
			e.Actors = append(e.Actors, data.Participant{ActorID: a.ID + 99})
			return tx.CreateEvent(e)
		}},
		{"unknown source", "source", func(tx *data.Tx, e1, e2 *data.Event) error {
			return tx.CreateCitation(&data.Citation{EventID: e1.ID, SourceID: src.ID + 99})
		}},
		{"unknown source of a link", "source", func(tx *data.Tx, e1, e2 *data.Event) error {
			return tx.CreateLink(&data.StoryLink{From: e2.ID, To: e1.ID, Kind: data.RespondsTo, Certainty: data.Reported,
				Citations: []data.LinkCitation{{SourceID: src.ID + 99}}})
		}},
		{"link made twice", "kind", func(tx *data.Tx, e1, e2 *data.Event) error {
			l := data.StoryLink{From: e2.ID, To: e1.ID, Kind: data.RespondsTo, Certainty: data.Reported}
			if err := tx.CreateLink(&l); err != nil {
				return err
			}
			l.ID = 0
			return tx.CreateLink(&l)
		}},
		{"link to an event that is not there", "to", func(tx *data.Tx, e1, e2 *data.Event) error {
			return tx.CreateLink(&data.StoryLink{From: e2.ID, To: e2.ID + 5, Kind: data.Confirms, Certainty: data.Reported})
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			err := s.Update(func(tx *data.Tx) error {
				e1, e2 := event("first"), event("second")
				if err := tx.CreateEvent(e1); err != nil {
					return err
				}
				if err := tx.CreateEvent(e2); err != nil {
					return err
				}
				if e2.ID != e1.ID+1 {
					t.Errorf("ids %d then %d", e1.ID, e2.ID)
				}
				return c.write(tx, e1, e2)
			})
			var fe *data.FieldError
			if !errors.As(err, &fe) || fe.Field != c.field {
				t.Fatalf("got %v, want an error on %s", err, c.field)
			}
			if n, err := s.Count(data.Filter{}); err != nil || n != 0 {
				t.Errorf("%d events written, %v", n, err)
			}
		})
	}
}

// TestBulkRowsReadInTheirTransaction: rows kept for bulk writing are
// there for every read of their own transaction.
func TestBulkRowsReadInTheirTransaction(t *testing.T) {
	s := datatest.NewStore(t)
	err := s.Update(func(tx *data.Tx) error {
		if err := data.Generate(tx, data.GenerateOptions{Events: 10, Actors: 3, Seed: 1, CitationEvery: 2, Links: 4}); err != nil {
			return err
		}
		rows, err := tx.Window(data.Filter{})
		if err != nil {
			return err
		}
		cited, links := 0, 0
		for _, r := range rows {
			cited += r.Sources
			links += r.Links
		}
		if len(rows) != 10 || cited != 5 || links != 8 {
			t.Errorf("%d events, %d citations and %d link ends read in the transaction, want 10, 5 and 8", len(rows), cited, links)
		}
		e, err := tx.Event(rows[3].ID)
		if err != nil || len(e.Tags) != 1 || len(e.Actors) == 0 {
			t.Errorf("event read in the transaction: %+v, %v", e, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
