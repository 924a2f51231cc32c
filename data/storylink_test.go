package data_test

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

func TestLinkKinds(t *testing.T) {
	want := []struct {
		kind                  data.LinkKind
		label, inverse        string
		directed, fromAnswers bool
	}{
		{data.RespondsTo, "Responds to", "Responded to by", true, true},
		{data.Confirms, "Confirms", "Confirmed by", true, true},
		{data.Contradicts, "Contradicts", "Contradicted by", true, true},
		{data.Denies, "Denies", "Denied by", true, true},
		{data.LedTo, "Led to", "Came from", true, false},
		{data.FollowsUp, "Follows up", "Followed up by", true, true},
		{data.SameEventAs, "Same event as", "Same event as", false, false},
	}
	kinds := data.LinkKinds()
	if len(kinds) != len(want) {
		t.Fatalf("LinkKinds() = %v", kinds)
	}
	for i, w := range want {
		k := kinds[i]
		if k != w.kind || !k.Valid() || k.Label() != w.label || k.InverseLabel() != w.inverse {
			t.Errorf("kind %d = %q (valid %v, %q, %q), want %q (%q, %q)", i, k, k.Valid(), k.Label(), k.InverseLabel(), w.kind, w.label, w.inverse)
		}
		if d, f := k.Answers(); d != w.directed || f != w.fromAnswers {
			t.Errorf("%q.Answers() = %v, %v; want %v, %v", k, d, f, w.directed, w.fromAnswers)
		}
	}
	kinds[0] = "changed"
	if data.LinkKinds()[0] != data.RespondsTo {
		t.Error("LinkKinds returns the package's own slice")
	}
	// A kind from a newer file is not valid here but still reads.
	if k := data.LinkKind("inspired"); k.Valid() || k.Label() != "Inspired" {
		t.Errorf("unknown kind: valid %v, label %q", k.Valid(), k.Label())
	}
}

func TestStoryLinkValidate(t *testing.T) {
	ok := data.StoryLink{From: 1, To: 2, Kind: data.RespondsTo, Certainty: data.Claimed,
		Citations: []data.LinkCitation{{SourceID: 3, Quote: "q"}}}
	if err := ok.Validate(); err != nil {
		t.Fatalf("valid link: %v", err)
	}
	for _, c := range []struct {
		name, field string
		edit        func(*data.StoryLink)
	}{
		{"no from", "from", func(l *data.StoryLink) { l.From = 0 }},
		{"no to", "to", func(l *data.StoryLink) { l.To = 0 }},
		{"itself", "to", func(l *data.StoryLink) { l.To = l.From }},
		{"no kind", "kind", func(l *data.StoryLink) { l.Kind = "" }},
		{"unknown kind", "kind", func(l *data.StoryLink) { l.Kind = "caused" }},
		{"no certainty", "certainty", func(l *data.StoryLink) { l.Certainty = "" }},
		{"unknown certainty", "certainty", func(l *data.StoryLink) { l.Certainty = "likely" }},
		{"citation without source", "source", func(l *data.StoryLink) {
			l.Citations = []data.LinkCitation{{SourceID: 3}, {Quote: "who?"}}
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			l := ok
			c.edit(&l)
			var fe *data.FieldError
			if err := l.Validate(); !errors.As(err, &fe) || fe.Field != c.field {
				t.Errorf("Validate() = %v, want a FieldError on %q", err, c.field)
			}
		})
	}
	self := ok
	self.To = self.From
	if err := self.Validate(); err == nil || err.Error() != "to: a link cannot join an event to itself" {
		t.Errorf("a link to itself: %v", err)
	}
}

// linkFixture is a store with four events, a day apart in date order
// (ids in another order), and two sources.
type linkFixture struct {
	s          *data.Store
	ev         [4]int64 // by date
	src1, src2 int64
}

func newLinkFixture(t *testing.T) linkFixture {
	t.Helper()
	f := linkFixture{s: datatest.NewStore(t)}
	titles := []string{"attribution", "promise", "denial", "outage"}
	for _, i := range []int{2, 0, 3, 1} { // made out of date order
		e := &data.Event{Title: titles[i], Start: data.DayDate(2014, 12, 19+i), Certainty: data.Reported, Importance: 3}
		if err := f.s.CreateEvent(e); err != nil {
			t.Fatal(err)
		}
		f.ev[i] = e.ID
	}
	for _, p := range []*int64{&f.src1, &f.src2} {
		src := data.Source{Title: fmt.Sprintf("source %p", p)}
		if err := f.s.CreateSource(&src); err != nil {
			t.Fatal(err)
		}
		*p = src.ID
	}
	return f
}

func (f linkFixture) link(t *testing.T, from, to int, kind data.LinkKind, note string) data.StoryLink {
	t.Helper()
	l := data.StoryLink{From: f.ev[from], To: f.ev[to], Kind: kind, Certainty: data.Reported, Note: note,
		Citations: []data.LinkCitation{{SourceID: f.src1, Quote: "says " + note, Note: "n1"}, {SourceID: f.src2, Quote: "also"}}}
	if err := f.s.CreateLink(&l); err != nil {
		t.Fatal(err)
	}
	return l
}

func TestStoryLinkRoundTrip(t *testing.T) {
	f := newLinkFixture(t)
	a := f.link(t, 1, 0, data.RespondsTo, "promise answers attribution")
	if a.ID == 0 || a.Citations[0].ID == 0 || a.Citations[1].ID == 0 || a.Citations[0].ID == a.Citations[1].ID {
		t.Fatalf("CreateLink left ids unset: %+v", a)
	}
	got, err := f.s.Link(a.ID)
	if err != nil || !reflect.DeepEqual(got, a) {
		t.Errorf("Link() = %+v, %v\nwant %+v", got, err, a)
	}
	b := f.link(t, 2, 1, data.Contradicts, "")
	c := f.link(t, 3, 1, data.SameEventAs, "")
	d := f.link(t, 1, 0, data.Confirms, "")   // same ends, another kind
	e := f.link(t, 0, 1, data.RespondsTo, "") // the other direction

	// The promise's links, by the other end's date, then id.
	links, err := f.s.EventStoryLinks(f.ev[1])
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, l := range links {
		ids = append(ids, l.ID)
	}
	if want := []int64{a.ID, d.ID, e.ID, b.ID, c.ID}; !slices.Equal(ids, want) {
		t.Errorf("EventStoryLinks ids = %v, want %v", ids, want)
	}
	if !reflect.DeepEqual(links[0], a) {
		t.Errorf("EventStoryLinks()[0] = %+v, want %+v", links[0], a)
	}
	if links, _ := f.s.EventStoryLinks(f.ev[3]); len(links) != 1 || links[0].ID != c.ID {
		t.Errorf("the outage's links = %+v, want link %d only", links, c.ID)
	}
	if n, err := f.s.LinkCount(); err != nil || n != 5 {
		t.Errorf("LinkCount() = %d, %v; want 5", n, err)
	}
	var all []data.StoryLink
	if err := f.s.View(func(tx *data.Tx) error {
		return tx.StoryLinks(func(l data.StoryLink) error { all = append(all, l); return nil })
	}); err != nil {
		t.Fatal(err)
	}
	if want := []data.StoryLink{a, b, c, d, e}; !reflect.DeepEqual(all, want) {
		t.Errorf("StoryLinks() = %+v\nwant %+v", all, want)
	}

	// The list rows count each event's links.
	rows, _ := f.s.Window(data.Filter{})
	var counts []int
	for _, r := range rows {
		counts = append(counts, r.Links)
	}
	if want := []int{3, 5, 1, 1}; !slices.Equal(counts, want) {
		t.Errorf("rows' link counts by date = %v, want %v", counts, want)
	}
	if rows, _, _ := f.s.Search("outage", 10); len(rows) != 1 || rows[0].Links != 1 {
		t.Errorf("Search rows = %+v, want the outage with 1 link", rows)
	}
}

func TestStoryLinksPages(t *testing.T) {
	s := datatest.NewStore(t)
	const n = 4100 // over two pages
	src := data.Source{Title: "s"}
	if err := s.Update(func(tx *data.Tx) error {
		if err := tx.CreateSource(&src); err != nil {
			return err
		}
		var ids []int64
		for i := range n + 1 {
			e := &data.Event{Title: fmt.Sprint("e", i), Start: data.DayDate(2000, 1, 1), Certainty: data.Confirmed, Importance: 1}
			if err := tx.CreateEvent(e); err != nil {
				return err
			}
			ids = append(ids, e.ID)
		}
		for i := range n {
			l := data.StoryLink{From: ids[i+1], To: ids[i], Kind: data.FollowsUp, Certainty: data.Confirmed}
			for range i % 3 {
				l.Citations = append(l.Citations, data.LinkCitation{SourceID: src.ID, Quote: fmt.Sprint(i)})
			}
			if err := tx.CreateLink(&l); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	i := 0
	var last int64
	if err := s.View(func(tx *data.Tx) error {
		return tx.StoryLinks(func(l data.StoryLink) error {
			if l.ID <= last || len(l.Citations) != i%3 {
				return fmt.Errorf("link %d (id %d after %d) has %d citations, want %d", i, l.ID, last, len(l.Citations), i%3)
			}
			for _, c := range l.Citations {
				if c.Quote != fmt.Sprint(i) {
					return fmt.Errorf("link %d has the citation %q", i, c.Quote)
				}
			}
			last = l.ID
			i++
			return nil
		})
	}); err != nil {
		t.Fatal(err)
	}
	if i != n {
		t.Errorf("StoryLinks gave %d links, want %d", i, n)
	}
}

func TestCreateLinkRefuses(t *testing.T) {
	f := newLinkFixture(t)
	f.link(t, 1, 0, data.RespondsTo, "")
	for _, c := range []struct {
		name, field, msg string
		l                data.StoryLink
	}{
		{"missing from", "from", "from: event 999 does not exist",
			data.StoryLink{From: 999, To: f.ev[0], Kind: data.Confirms, Certainty: data.Reported}},
		{"missing to", "to", "to: event 998 does not exist",
			data.StoryLink{From: f.ev[0], To: 998, Kind: data.Confirms, Certainty: data.Reported}},
		{"duplicate", "kind", "",
			data.StoryLink{From: f.ev[1], To: f.ev[0], Kind: data.RespondsTo, Certainty: data.Claimed}},
		{"missing source", "source", "source: source 997 does not exist",
			data.StoryLink{From: f.ev[2], To: f.ev[0], Kind: data.Denies, Certainty: data.Reported,
				Citations: []data.LinkCitation{{SourceID: f.src1}, {SourceID: 997}}}},
		{"itself", "to", "to: a link cannot join an event to itself",
			data.StoryLink{From: f.ev[2], To: f.ev[2], Kind: data.Denies, Certainty: data.Reported}},
	} {
		t.Run(c.name, func(t *testing.T) {
			l := c.l
			err := f.s.CreateLink(&l)
			var fe *data.FieldError
			if !errors.As(err, &fe) || fe.Field != c.field || (c.msg != "" && err.Error() != c.msg) {
				t.Errorf("CreateLink() = %v, want a FieldError on %q (%q)", err, c.field, c.msg)
			}
			if l.ID != 0 {
				t.Errorf("a refused link got id %d", l.ID)
			}
		})
	}
	if n, _ := f.s.LinkCount(); n != 1 {
		t.Errorf("%d links after the refusals, want 1", n)
	}
}

func TestUpdateLink(t *testing.T) {
	f := newLinkFixture(t)
	a := f.link(t, 1, 0, data.RespondsTo, "first")
	b := f.link(t, 2, 0, data.Denies, "")
	keep := a.Citations[1]
	up := a
	up.To, up.Kind, up.Certainty, up.Note = f.ev[2], data.Contradicts, data.Claimed, "second"
	up.Citations = []data.LinkCitation{keep, {SourceID: f.src1, Quote: "new"}}
	if err := f.s.UpdateLink(&up); err != nil {
		t.Fatal(err)
	}
	if up.Citations[0].ID != keep.ID || up.Citations[1].ID == 0 || up.Citations[1].ID == a.Citations[0].ID {
		t.Errorf("citation ids after update = %d, %d (kept %d, dropped %d)", up.Citations[0].ID, up.Citations[1].ID, keep.ID, a.Citations[0].ID)
	}
	if got, err := f.s.Link(a.ID); err != nil || !reflect.DeepEqual(got, up) {
		t.Errorf("Link() after update = %+v, %v\nwant %+v", got, err, up)
	}
	linkCounts := func() []int {
		rows, _ := f.s.Window(data.Filter{})
		var out []int
		for _, r := range rows {
			out = append(out, r.Links)
		}
		return out
	}
	if got, want := linkCounts(), []int{1, 1, 2, 0}; !slices.Equal(got, want) {
		t.Errorf("link counts by date after the update = %v, want %v", got, want)
	}
	// Into a duplicate of b.
	dup := up
	dup.From, dup.To, dup.Kind = b.From, b.To, b.Kind
	var fe *data.FieldError
	if err := f.s.UpdateLink(&dup); !errors.As(err, &fe) || fe.Field != "kind" {
		t.Errorf("update into a duplicate: %v", err)
	}
	// Its own ends and kind are no duplicate of itself.
	if err := f.s.UpdateLink(&up); err != nil {
		t.Errorf("update unchanged: %v", err)
	}
	missing := up
	missing.ID = 12345
	if err := f.s.UpdateLink(&missing); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("update of a missing link: %v, want ErrNotFound", err)
	}
	if err := f.s.DeleteLink(a.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.s.DeleteLink(a.ID); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("second delete: %v, want ErrNotFound", err)
	}
	if got, want := linkCounts(), []int{1, 0, 1, 0}; !slices.Equal(got, want) {
		t.Errorf("link counts by date after the delete = %v, want %v", got, want)
	}
	if _, err := f.s.Link(a.ID); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("Link() of a deleted link: %v", err)
	}
	var n int
	f.s.View(func(tx *data.Tx) error {
		return tx.StoryLinks(func(l data.StoryLink) error { n += len(l.Citations); return nil })
	})
	if n != len(b.Citations) {
		t.Errorf("%d link citations left, want %d (the deleted link's went with it)", n, len(b.Citations))
	}
}

// TestDeleteEventUndoRestoresLinks does what the app's undo does: read
// the event's links before the delete, restore the event, then its links.
func TestDeleteEventUndoRestoresLinks(t *testing.T) {
	f := newLinkFixture(t)
	f.link(t, 1, 0, data.RespondsTo, "answers the accusation")
	f.link(t, 2, 1, data.Contradicts, "")
	f.link(t, 3, 2, data.LedTo, "")
	before := datatest.ReadState(t, f.s)
	id := f.ev[1]
	var e *data.Event
	var cits []data.Citation
	var links []data.StoryLink
	if err := f.s.Update(func(tx *data.Tx) error {
		var err error
		if e, err = tx.Event(id); err != nil {
			return err
		}
		if cits, err = tx.Citations(id); err != nil {
			return err
		}
		if links, err = tx.EventStoryLinks(id); err != nil {
			return err
		}
		return tx.DeleteEvent(id)
	}); err != nil {
		t.Fatal(err)
	}
	if len(links) != 2 {
		t.Fatalf("%d links read before the delete, want 2", len(links))
	}
	mid := datatest.ReadState(t, f.s)
	if len(mid.Links) != 1 || mid.Links[0].Kind != data.LedTo {
		t.Fatalf("after the delete the links are %+v, want the outage's only", mid.Links)
	}
	if n, _ := f.s.Count(data.Filter{Text: "accusation"}); n != 0 {
		t.Errorf("the deleted link's note still finds %d events", n)
	}
	// A link to the deleted event cannot come back on its own.
	var fe *data.FieldError
	if err := f.s.Update(func(tx *data.Tx) error { return tx.RestoreLink(links[0]) }); !errors.As(err, &fe) || fe.Field != "from" {
		t.Errorf("RestoreLink with an end missing: %v, want a FieldError on from", err)
	}
	if err := f.s.Update(func(tx *data.Tx) error { return tx.RestoreEventAndLinks(e, cits, links) }); err != nil {
		t.Fatal(err)
	}
	after := datatest.ReadState(t, f.s)
	if d := datatest.Differences(after, before); len(d) > 0 {
		t.Errorf("after undo, %v differ:\n%+v\nwant\n%+v", d, after.Links, before.Links)
	}
	if n, _ := f.s.Count(data.Filter{Text: "accusation"}); n != 2 {
		t.Errorf("the restored link's note finds %d events, want 2", n)
	}
	// Restoring it again is refused: it exists.
	if err := f.s.Update(func(tx *data.Tx) error { return tx.RestoreLink(links[0]) }); err == nil {
		t.Error("a link was restored over itself")
	}
}

func TestDeleteSourceUndoRestoresLinkCitations(t *testing.T) {
	f := newLinkFixture(t)
	a := f.link(t, 1, 0, data.RespondsTo, "")
	a.Citations = append(a.Citations, data.LinkCitation{SourceID: f.src1, Quote: "third"}, data.LinkCitation{SourceID: f.src2, Quote: "fourth"})
	if err := f.s.UpdateLink(&a); err != nil {
		t.Fatal(err)
	}
	b := f.link(t, 2, 0, data.Denies, "")
	ev := data.Citation{EventID: f.ev[3], SourceID: f.src1, Quote: "event citation"}
	if err := f.s.CreateCitation(&ev); err != nil {
		t.Fatal(err)
	}
	before := datatest.ReadState(t, f.s)
	if got, want := before.Cited[f.src1], 4; got != want {
		t.Errorf("CitationCounts()[src1] = %d, want %d (one of an event, three of links)", got, want)
	}
	src, _ := f.s.Source(f.src1)
	var gone data.DeletedSource
	if err := f.s.Update(func(tx *data.Tx) (err error) {
		gone, err = tx.DeleteSourceKeeping(src.ID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	cits, lcits := gone.Citations, gone.LinkCitations
	if len(cits) != 1 || len(lcits) != 3 {
		t.Fatalf("read %d citations and %d link citations, want 1 and 3", len(cits), len(lcits))
	}
	if la, _ := f.s.Link(a.ID); len(la.Citations) != 2 || la.Citations[0].Quote != "also" || la.Citations[1].Quote != "fourth" {
		t.Errorf("after the delete the link cites %+v, want src2's two", la.Citations)
	}
	if lb, _ := f.s.Link(b.ID); len(lb.Citations) != 1 {
		t.Errorf("after the delete link b has %d citations, want 1", len(lb.Citations))
	}
	if err := f.s.Update(func(tx *data.Tx) error { return tx.RestoreDeletedSource(gone) }); err != nil {
		t.Fatal(err)
	}
	if after := datatest.ReadState(t, f.s); !reflect.DeepEqual(after, before) {
		t.Errorf("after undo the links are\n%+v\nwant\n%+v", after.Links, before.Links)
	}
	// A citation of a link that is gone names the link.
	if err := f.s.DeleteLink(b.ID); err != nil {
		t.Fatal(err)
	}
	var fe *data.FieldError
	c := lcits[len(lcits)-1]
	c.ID += 100
	if err := f.s.Update(func(tx *data.Tx) error { return tx.RestoreLinkCitation(c) }); !errors.As(err, &fe) || fe.Field != "link" {
		t.Errorf("RestoreLinkCitation of a deleted link: %v, want a FieldError on link", err)
	}
}

// TestSearchFindsLinkNotes: an event is found by the notes of its links
// at either end, through every write path, and when the links are made
// in the same transaction as their events.
func TestSearchFindsLinkNotes(t *testing.T) {
	f := newLinkFixture(t)
	titles := func(text string) []string {
		t.Helper()
		rows, err := f.s.Window(data.Filter{Text: text})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range rows {
			out = append(out, r.Title)
		}
		searched, _, err := f.s.Search(text, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(searched) != len(rows) {
			t.Errorf("Search(%q) found %d, the filter %d", text, len(searched), len(rows))
		}
		return out
	}
	check := func(step, text string, want ...string) {
		t.Helper()
		if got := titles(text); !slices.Equal(got, want) {
			t.Errorf("%s: %q finds %v, want %v", step, text, got, want)
		}
	}
	a := f.link(t, 1, 0, data.RespondsTo, "proportional")
	check("create", "proportional", "attribution", "promise")
	a.Note, a.To = "measured response", f.ev[3]
	if err := f.s.UpdateLink(&a); err != nil {
		t.Fatal(err)
	}
	check("update: old note", "proportional")
	check("update: new note", "measured", "promise", "outage")
	check("update: a title still", "attribution", "attribution")
	if err := f.s.DeleteLink(a.ID); err != nil {
		t.Fatal(err)
	}
	check("delete", "measured")
	if err := f.s.Update(func(tx *data.Tx) error { return tx.RestoreLink(a) }); err != nil {
		t.Fatal(err)
	}
	check("restore", "measured", "promise", "outage")
	// Quotes of citations stay searchable beside the notes.
	c := data.Citation{EventID: f.ev[1], SourceID: f.src1, Quote: "unmistakable"}
	if err := f.s.CreateCitation(&c); err != nil {
		t.Fatal(err)
	}
	check("citation", "unmistakable measured", "promise")
	if err := f.s.DeleteEvent(f.ev[3]); err != nil {
		t.Fatal(err)
	}
	check("the other end deleted", "measured")

	// Events and links made in one transaction (an import).
	if err := f.s.Update(func(tx *data.Tx) error {
		x := &data.Event{Title: "x", Start: data.DayDate(2015, 1, 1), Certainty: data.Reported, Importance: 1}
		y := &data.Event{Title: "y", Start: data.DayDate(2015, 1, 2), Certainty: data.Reported, Importance: 1}
		for _, e := range []*data.Event{x, y} {
			if err := tx.CreateEvent(e); err != nil {
				return err
			}
		}
		if err := tx.CreateLink(&data.StoryLink{From: y.ID, To: x.ID, Kind: data.FollowsUp, Certainty: data.Confirmed, Note: "sequel"}); err != nil {
			return err
		}
		// Read inside the transaction, too.
		if n, err := tx.Count(data.Filter{Text: "sequel"}); err != nil || n != 2 {
			return fmt.Errorf("inside the transaction, %d events found, %v", n, err)
		}
		return tx.CreateLink(&data.StoryLink{From: y.ID, To: f.ev[0], Kind: data.Confirms, Certainty: data.Claimed, Note: "echo"})
	}); err != nil {
		t.Fatal(err)
	}
	check("import", "sequel", "x", "y")
	check("import to an older event", "echo", "attribution", "y")
	if problems, err := f.s.Check(); err != nil || len(problems) > 0 {
		t.Errorf("Check() = %v, %v", problems, err)
	}
}

// TestOpenMigratesToLinks: a file at schema version 2 (before story
// links) opens, gets the link tables, and takes links.
func TestOpenMigratesToLinks(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v2.chrono")
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	var stmts []string
	for _, name := range []string{"migrations/001_init.sql", "migrations/002_search.sql"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		stmts = append(stmts, string(b))
	}
	stmts = append(stmts, "PRAGMA user_version = 2", fmt.Sprintf("PRAGMA application_id = %d", data.ApplicationID),
		"INSERT INTO chronology (id, title) VALUES (1, 'Old')")
	for i, title := range []string{"accusation", "answer"} {
		stmts = append(stmts, fmt.Sprintf(`INSERT INTO event (id, title, start_year, start_month, start_day, start_hour, start_minute, start_second, start_precision,
			certainty, importance, start_s, stop_s, span_class) VALUES (%d, '%s', 2014, 12, %d, 0, 0, 0, 3, 'reported', 3, %d, %d, 17)`,
			i+1, title, 19+i, 1418947200+86400*i, 1418947200+86400*(i+1)))
	}
	stmts = append(stmts, "INSERT INTO event_fts (event_fts) VALUES ('rebuild')")
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%.60s: %v", q, err)
		}
	}
	db.Close()
	if got := userVersion(t, path); got != 2 {
		t.Fatalf("the old file is at version %d", got)
	}
	s, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := userVersion(t, path); got != data.SchemaVersion() || got < 3 {
		t.Errorf("after open the file is at version %d, want %d", got, data.SchemaVersion())
	}
	l := data.StoryLink{From: 2, To: 1, Kind: data.RespondsTo, Certainty: data.Reported, Note: "rebuttal"}
	if err := s.CreateLink(&l); err != nil {
		t.Fatal(err)
	}
	if links, err := s.EventStoryLinks(1); err != nil || len(links) != 1 || links[0].ID != l.ID {
		t.Errorf("EventStoryLinks(1) = %+v, %v", links, err)
	}
	if n, _ := s.Count(data.Filter{Text: "rebuttal"}); n != 2 {
		t.Errorf("the link's note finds %d events, want 2", n)
	}
	if n, _ := s.Count(data.Filter{Text: "accusation"}); n != 1 {
		t.Errorf("the old title finds %d events, want 1", n)
	}
	if problems, err := s.Check(); err != nil || len(problems) > 0 {
		t.Errorf("Check() = %v, %v", problems, err)
	}
}

// linkWords is a link in words, the same in any file it is copied to.
func linkWords(t *testing.T, s *data.Store, l data.StoryLink) string {
	t.Helper()
	from, err := s.Event(l.From)
	if err != nil {
		t.Fatal(err)
	}
	to, err := s.Event(l.To)
	if err != nil {
		t.Fatal(err)
	}
	w := fmt.Sprintf("%s | %s | %s | %s | %s", from.Title, l.Kind, to.Title, l.Certainty, l.Note)
	for _, c := range l.Citations {
		src, err := s.Source(c.SourceID)
		if err != nil {
			t.Fatal(err)
		}
		w += fmt.Sprintf(" [%s: %q %q]", src.Title, c.Quote, c.Note)
	}
	return w
}

func allLinkWords(t *testing.T, s *data.Store) []string {
	t.Helper()
	var out []string
	if err := s.View(func(tx *data.Tx) error {
		return tx.StoryLinks(func(l data.StoryLink) error { out = append(out, linkWords(t, s, l)); return nil })
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestJSONCarriesLinks(t *testing.T) {
	f := newLinkFixture(t)
	f.link(t, 1, 0, data.RespondsTo, "a note")
	f.link(t, 2, 0, data.Denies, "")
	l := data.StoryLink{From: f.ev[3], To: f.ev[1], Kind: data.LedTo, Certainty: data.Claimed}
	if err := f.s.CreateLink(&l); err != nil {
		t.Fatal(err)
	}
	want := allLinkWords(t, f.s)
	var b bytes.Buffer
	if err := f.s.View(func(tx *data.Tx) error { return data.WriteJSON(tx, &b) }); err != nil {
		t.Fatal(err)
	}
	for _, frag := range []string{`"version": 2`, `"key": "e` + fmt.Sprint(f.ev[0]) + `"`, `"links": [`,
		`"from": "e` + fmt.Sprint(f.ev[1]) + `"`, `"kind": "responds to"`, `"kind": "led to"`, `"certainty": "claimed"`} {
		if !strings.Contains(b.String(), frag) {
			t.Errorf("the JSON lacks %s", frag)
		}
	}
	copied := datatest.NewStore(t)
	var stats data.ImportStats
	if err := copied.Update(func(tx *data.Tx) error {
		var err error
		stats, err = data.ReadJSON(tx, bytes.NewReader(b.Bytes()), "copy.json")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if stats.Links != 3 || stats.Events != 4 {
		t.Errorf("ReadJSON stats = %+v, want 4 events and 3 links", stats)
	}
	if got := allLinkWords(t, copied); !slices.Equal(got, want) {
		t.Errorf("links after a round trip:\n%q\nwant\n%q", got, want)
	}
	if n, _ := copied.Count(data.Filter{Text: "note"}); n != 2 {
		t.Errorf("the imported note finds %d events, want 2", n)
	}
	// A file of version 1, without keys or links, still reads.
	old := `{"format": "chronoscope", "version": 1, "chronology": {"title": "Old"},
		"events": [{"title": "E", "start": "2014", "certainty": "confirmed", "importance": 3}]}`
	if err := datatest.NewStore(t).Update(func(tx *data.Tx) error {
		_, err := data.ReadJSON(tx, strings.NewReader(old), "old.json")
		return err
	}); err != nil {
		t.Errorf("a version 1 file: %v", err)
	}
}

func TestJSONBadLinksNameThePath(t *testing.T) {
	head := `{"format": "chronoscope", "version": 2, "chronology": {"title": "T"},
		"sources": [{"key": "s", "title": "S"}],
		"events": [{"key": "a", "title": "A", "start": "2014", "certainty": "confirmed", "importance": 3},
		           {"key": "b", "title": "B", "start": "2015", "certainty": "confirmed", "importance": 3},
		           {"title": "no key", "start": "2016", "certainty": "confirmed", "importance": 3}],
		"links": [{"from": "b", "to": "a", "kind": "responds to", "certainty": "reported"}, `
	for _, c := range []struct{ link, want string }{
		{`{"from": "x", "to": "a", "kind": "confirms", "certainty": "reported"}`, `links.json: links[1].from: no event has key "x"`},
		{`{"from": "a", "to": "", "kind": "confirms", "certainty": "reported"}`, `links.json: links[1].to: no event has key ""`},
		{`{"from": "a", "to": "a", "kind": "confirms", "certainty": "reported"}`, `links.json: links[1]: to: a link cannot join an event to itself`},
		{`{"from": "a", "to": "b", "kind": "caused", "certainty": "reported"}`, `links.json: links[1]: kind: "caused" is not one of`},
		{`{"from": "a", "to": "b", "kind": "confirms", "certainty": "sure"}`, `links.json: links[1]: certainty: "sure" is not one of`},
		{`{"from": "b", "to": "a", "kind": "responds to", "certainty": "claimed"}`, `links.json: links[1]: links[0] already joins "b" to "a" as "responds to"`},
		{`{"from": "a", "to": "b", "kind": "confirms", "certainty": "reported", "citations": [{"source": "t"}]}`, `links.json: links[1].citations[0].source: no source has key "t"`},
		{`{"from": "a", "to": "b", "kind": "confirms", "certainty": "reported", "weight": 3}`, `unknown field "weight"`},
	} {
		s := datatest.NewStore(t)
		err := s.Update(func(tx *data.Tx) error {
			_, err := data.ReadJSON(tx, strings.NewReader(head+c.link+"]}"), "links.json")
			return err
		})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want %q", c.link, err, c.want)
		}
		if n, _ := s.Count(data.Filter{}); n != 0 {
			t.Errorf("%s: a refused file left %d events", c.link, n)
		}
	}
	dupKey := strings.Replace(head, `"title": "no key"`, `"key": "a", "title": "no key"`, 1) + `{"from": "a", "to": "b", "kind": "confirms", "certainty": "reported"}]}`
	err := datatest.NewStore(t).Update(func(tx *data.Tx) error {
		_, err := data.ReadJSON(tx, strings.NewReader(dupKey), "links.json")
		return err
	})
	if err == nil || !strings.Contains(err.Error(), `links.json: events[2].key: "a" is used twice`) {
		t.Errorf("an event key used twice: %v", err)
	}
}

func TestGenerateLinks(t *testing.T) {
	opt := data.GenerateOptions{Events: 5000, Actors: 20, Seed: 7, CitationEvery: 10}
	plain := datatest.NewStore(t)
	if err := plain.Update(func(tx *data.Tx) error { return data.Generate(tx, opt) }); err != nil {
		t.Fatal(err)
	}
	opt.Links = 1000
	s := datatest.NewStore(t)
	if err := s.Update(func(tx *data.Tx) error { return data.Generate(tx, opt) }); err != nil {
		t.Fatal(err)
	}
	// The events are the same with links or without.
	rows, _ := s.Window(data.Filter{})
	plainRows, _ := plain.Window(data.Filter{})
	if len(rows) != len(plainRows) {
		t.Fatalf("%d events with links, %d without", len(rows), len(plainRows))
	}
	ends := 0
	for i, r := range rows {
		if r.Title != plainRows[i].Title || r.StartS != plainRows[i].StartS || r.Sources != plainRows[i].Sources {
			t.Fatalf("event %d differs with links: %+v, without: %+v", i, r, plainRows[i])
		}
		ends += r.Links
	}
	if ends != 2000 {
		t.Errorf("the rows count %d link ends, want 2000", ends)
	}
	kinds := map[data.LinkKind]int{}
	certainties := map[data.Certainty]int{}
	notes, cited, near := 0, 0, 0
	var aNote string
	if err := s.View(func(tx *data.Tx) error {
		return tx.StoryLinks(func(l data.StoryLink) error {
			kinds[l.Kind]++
			certainties[l.Certainty]++
			if l.Note != "" {
				notes++
				aNote = l.Note
			}
			cited += len(l.Citations)
			// ids follow the generated instants (starts are truncated to
			// each event's precision, so the rows' order differs)
			if d := l.From - l.To; d >= -64 && d <= 64 {
				near++
			}
			if err := l.Validate(); err != nil {
				return fmt.Errorf("link %d: %w", l.ID, err)
			}
			return nil
		})
	}); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.LinkCount(); n != 1000 {
		t.Errorf("LinkCount() = %d, want 1000", n)
	}
	if len(kinds) != len(data.LinkKinds()) || len(certainties) != len(data.Certainties) {
		t.Errorf("kinds used %v, certainties used %v: want every one", kinds, certainties)
	}
	if notes < 200 || notes > 300 || cited < 150 || cited > 250 {
		t.Errorf("%d notes and %d citations on 1000 links, want about 250 and 200", notes, cited)
	}
	if near < 990 {
		t.Errorf("%d of 1000 links join events within 64 ids of each other, want nearly all", near)
	}
	if n, _ := s.Count(data.Filter{Text: aNote}); n < 2 {
		t.Errorf("the note %q finds %d events, want its two ends at least", aNote, n)
	}
	// The floor loads the links too.
	floor := datatest.NewStore(t)
	if _, err := data.LoadFloor(floor, s.Path()); err != nil {
		t.Fatal(err)
	}
	if n, _ := floor.LinkCount(); n != 1000 {
		t.Errorf("LoadFloor copied %d links, want 1000", n)
	}
	if got, want := allLinkWords(t, floor)[:20], allLinkWords(t, s)[:20]; !slices.Equal(got, want) {
		t.Errorf("LoadFloor's links differ:\n%q\nwant\n%q", got, want)
	}
	// More links than two events can hold.
	err := datatest.NewStore(t).Update(func(tx *data.Tx) error {
		return data.Generate(tx, data.GenerateOptions{Events: 2, Seed: 1, Links: 100})
	})
	if err == nil || !strings.Contains(err.Error(), "cannot place 100 links among 2 events") {
		t.Errorf("100 links between 2 events: %v", err)
	}
}

// TestOpenCountsLinksOfAnOldFile: a file at schema version 4 whose events
// have links but no stored link counts gets them when opened.
func TestOpenCountsLinksOfAnOldFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "v4.chrono")
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	var stmts []string
	for _, name := range []string{"migrations/001_init.sql", "migrations/002_search.sql", "migrations/003_links.sql", "migrations/004_images.sql"} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		stmts = append(stmts, string(b))
	}
	stmts = append(stmts, "PRAGMA user_version = 4", fmt.Sprintf("PRAGMA application_id = %d", data.ApplicationID),
		"INSERT INTO chronology (id, title) VALUES (1, 'Old')")
	for i := range 3 {
		stmts = append(stmts, fmt.Sprintf(`INSERT INTO event (id, title, start_year, start_month, start_day, start_hour, start_minute, start_second, start_precision,
			certainty, importance, start_s, stop_s, span_class) VALUES (%d, 'e%d', 2014, 12, %d, 0, 0, 0, 3, 'reported', 3, %d, %d, 17)`,
			i+1, i+1, 19+i, 1418947200+86400*i, 1418947200+86400*(i+1)))
	}
	stmts = append(stmts, "INSERT INTO event_fts (event_fts) VALUES ('rebuild')",
		"INSERT INTO story_link (from_id, to_id, kind, certainty) VALUES (2, 1, 'responds to', 'reported'), (3, 1, 'denies', 'claimed')")
	for _, q := range stmts {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%.60s: %v", q, err)
		}
	}
	db.Close()
	s, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	rows, _ := s.Window(data.Filter{})
	var counts []int
	for _, r := range rows {
		counts = append(counts, r.Links)
	}
	if want := []int{2, 1, 1}; !slices.Equal(counts, want) {
		t.Errorf("link counts after migration = %v, want %v", counts, want)
	}
}
