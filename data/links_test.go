package data_test

import (
	"reflect"
	"slices"
	"testing"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

func actorNamed(t *testing.T, s *data.Store, name string) data.Actor {
	t.Helper()
	actors, _ := s.Actors()
	for _, a := range actors {
		if a.Name == name {
			return a
		}
	}
	t.Fatalf("no actor %q", name)
	return data.Actor{}
}

// deleteActor deletes a with the links its undo needs.
func deleteActor(t *testing.T, s *data.Store, a data.Actor) []data.ActorLink {
	t.Helper()
	var links []data.ActorLink
	if err := s.Update(func(tx *data.Tx) error {
		var err error
		if links, err = tx.ActorLinks(a.ID); err != nil {
			return err
		}
		return tx.DeleteActor(a.ID)
	}); err != nil {
		t.Fatal(err)
	}
	return links
}

func TestRestoreActorPutsEveryLinkBack(t *testing.T) {
	s := datatest.DefaultStore(t)
	before := datatest.ReadState(t, s)
	// The United States is in 10 events, in the middle of five of them.
	us := actorNamed(t, s, "United States")
	var middle int
	for _, e := range before.Events {
		for i, p := range e.Actors {
			if p.ActorID == us.ID && i > 0 && i < len(e.Actors)-1 {
				middle++
			}
		}
	}
	if middle == 0 {
		t.Fatal("the test needs an event with the actor between two others")
	}

	links := deleteActor(t, s, us)
	if got, want := len(links), before.Counts[us.ID]; got != want || want == 0 {
		t.Fatalf("%d links, want %d", got, want)
	}
	deleted := datatest.ReadState(t, s)
	if _, ok := deleted.Counts[us.ID]; ok || len(deleted.Actors) != len(before.Actors)-1 {
		t.Fatal("the actor was not deleted")
	}
	for _, r := range deleted.Rows {
		if slices.Contains(r.Actors, us.ID) {
			t.Fatalf("event %d still lists the deleted actor: %v", r.ID, r.Actors)
		}
	}

	if err := s.Update(func(tx *data.Tx) error { return tx.RestoreActor(us, links) }); err != nil {
		t.Fatal(err)
	}
	after := datatest.ReadState(t, s)
	if !reflect.DeepEqual(after, before) {
		for i := range before.Events {
			if !reflect.DeepEqual(after.Events[i], before.Events[i]) {
				t.Errorf("event %d after restore = %+v\nwant %+v", before.Events[i].ID, after.Events[i].Actors, before.Events[i].Actors)
			}
			if !reflect.DeepEqual(after.Rows[i], before.Rows[i]) {
				t.Errorf("row %d after restore = %v, want %v", before.Rows[i].ID, after.Rows[i].Actors, before.Rows[i].Actors)
			}
		}
		t.Errorf("actors %v, counts %v after restore\nwant %v, %v", after.Actors, after.Counts, before.Actors, before.Counts)
	}
	// Filtering by the actor finds its events again.
	if n, _ := s.Count(data.Filter{Actors: []int64{us.ID}}); n != before.Counts[us.ID] {
		t.Errorf("the actor's filter finds %d events, want %d", n, before.Counts[us.ID])
	}
}

// An edit and its undo in between renumber the other actors; the link
// still goes back where it was.
func TestRestoreActorAfterTheEventWasRewritten(t *testing.T) {
	s := datatest.NewStore(t)
	// B, which goes and comes back, has a higher id than C after it, so
	// putting back its old position alone would order it after C.
	a, c, b := mustActor(t, s, "A", "#111111"), mustActor(t, s, "C", "#333333"), mustActor(t, s, "B", "#222222")
	e := &data.Event{Title: "x", Start: data.YearDate(2014), Certainty: data.Confirmed, Importance: 3,
		Actors: []data.Participant{{ActorID: a.ID, Role: "first"}, {ActorID: b.ID, Role: "second"}, {ActorID: c.ID, Role: "third"}}}
	if err := s.CreateEvent(e); err != nil {
		t.Fatal(err)
	}
	want, _ := s.Event(e.ID)
	links := deleteActor(t, s, b)
	if got := links; len(got) != 1 || got[0] != (data.ActorLink{EventID: e.ID, Role: "second", Index: 1}) {
		t.Fatalf("links = %+v", got)
	}
	mid, _ := s.Event(e.ID)
	edited := *mid
	edited.Title = "y"
	if err := s.UpdateEvent(&edited); err != nil {
		t.Fatal(err)
	}
	if err := s.UpdateEvent(mid); err != nil {
		t.Fatal(err)
	}
	if err := s.Update(func(tx *data.Tx) error { return tx.RestoreActor(b, links) }); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Event(e.ID); !reflect.DeepEqual(got, want) {
		t.Errorf("after restore the event's actors are %+v, want %+v", got.Actors, want.Actors)
	}
	rows, _ := s.Window(data.Filter{})
	if got := rows[0].Actors; !slices.Equal(got, []int64{a.ID, b.ID, c.ID}) {
		t.Errorf("actor_ids = %v", got)
	}

	// A link to an event deleted meanwhile is skipped; the actor comes back.
	links = deleteActor(t, s, b)
	if err := s.DeleteEvent(e.ID); err != nil {
		t.Fatal(err)
	}
	if err := s.Update(func(tx *data.Tx) error { return tx.RestoreActor(b, links) }); err != nil {
		t.Fatalf("restore with a link to a deleted event: %v", err)
	}
	if got, err := s.Actor(b.ID); err != nil || got != b {
		t.Errorf("restored actor = %+v, %v", got, err)
	}
}

func TestRestoreActorRefusesWhatItCannotRestore(t *testing.T) {
	s := datatest.NewStore(t)
	a := mustActor(t, s, "A", "#111111")
	for _, tc := range []struct {
		name  string
		actor data.Actor
		field string
	}{
		{"no id", data.Actor{Name: "B", Kind: data.KindPerson, Color: "#000000"}, "id"},
		{"bad colour", data.Actor{ID: 9, Name: "B", Kind: data.KindPerson, Color: "red"}, "color"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := s.Update(func(tx *data.Tx) error { return tx.RestoreActor(tc.actor, nil) })
			if fe, ok := err.(*data.FieldError); !ok || fe.Field != tc.field {
				t.Errorf("RestoreActor = %v, want a field error on %s", err, tc.field)
			}
		})
	}
	if err := s.Update(func(tx *data.Tx) error { return tx.RestoreActor(a, nil) }); err == nil {
		t.Error("an actor was restored over one that exists")
	}
}

func TestRestoreSourceWithItsCitations(t *testing.T) {
	s := datatest.DefaultStore(t)
	before := datatest.ReadState(t, s)
	var src data.Source
	for _, x := range before.Sources {
		if before.Cited[x.ID] > before.Cited[src.ID] {
			src = x
		}
	}
	if before.Cited[src.ID] < 2 {
		t.Fatal("the test needs a source cited more than once")
	}
	// The source is cited by events and by story links: both go with it,
	// and both come back.
	var gone data.DeletedSource
	if err := s.Update(func(tx *data.Tx) (err error) {
		gone, err = tx.DeleteSourceKeeping(src.ID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	cits, lcits := gone.Citations, gone.LinkCitations
	if got, want := len(cits)+len(lcits), before.Cited[src.ID]; got != want || len(lcits) == 0 {
		t.Fatalf("%d citations and %d link citations of the source, want %d in all, some of links", len(cits), len(lcits), want)
	}
	if mid := datatest.ReadState(t, s); reflect.DeepEqual(mid.Rows, before.Rows) || reflect.DeepEqual(mid.Links, before.Links) || mid.Cited[src.ID] != 0 {
		t.Fatal("the delete took no citations with it")
	}
	if err := s.Update(func(tx *data.Tx) error { return tx.RestoreDeletedSource(gone) }); err != nil {
		t.Fatal(err)
	}
	if after := datatest.ReadState(t, s); !reflect.DeepEqual(after, before) {
		t.Errorf("after restoring the source and its citations:\n%+v\nwant\n%+v", after, before)
	}
}
