package pgsync_test

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"chronoscope/data"
	"chronoscope/data/pgsync"
)

// benchChronology is the shared chronology of the scale benchmarks: the
// generator's actors, a source per hundred events, a citation on one
// event in twenty and a story link per five events, as data's
// million-event benchmarks make them.
var benchChronology = data.GenerateOptions{Events: 100_000, Actors: 50, Seed: 18, CitationEvery: 20, Links: 20_000}

// benchEvents lets a quick run of the benchmarks share fewer events.
var benchEvents = flag.Int("pgsync.events", benchChronology.Events, "events the pgsync benchmarks share")

// The converging benchmark's clients, the edits each makes and how many
// edits each makes between two syncs. Its chronology is a tenth of the
// others' (10,000 events): its edits are what it measures, and the ten
// copies are made and compared untimed, at about a second a thousand
// events each on our machines.
const (
	convergeShare     = 10
	convergeClients   = 10
	convergeEdits     = 1000
	convergeSyncEvery = 50
)

// benchSource writes the benchmarks' chronology, with events events,
// into a new file (the caller keeps this out of the timing) and returns it
// open.
func benchSource(b *testing.B, events int) (*data.Store, int) {
	b.Helper()
	opt := benchChronology
	opt.Events = events
	opt.Links = opt.Events / 5
	st, err := data.Create(filepath.Join(b.TempDir(), "source.chrono"), data.Chronology{Title: "Benchmark"})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	if err := st.Update(func(tx *data.Tx) error { return data.Generate(tx, opt) }); err != nil {
		b.Fatal(err)
	}
	return st, opt.Events
}

// benchPublish publishes the benchmarks' chronology, with events events,
// on a fresh database.
func benchPublish(b *testing.B, events int) (pgsync.Target, int) {
	b.Helper()
	src, n := benchSource(b, events)
	target := newServer(b)
	name, err := pgsync.Publish(context.Background(), src, target, "", "ana")
	if err != nil {
		b.Fatal(err)
	}
	target.Name = name
	return target, n
}

// sharedEvents counts the events the server holds for the target.
func sharedEvents(b *testing.B, target pgsync.Target) int {
	b.Helper()
	return count(b, target, `SELECT count(*) FROM chronoscope.entity e JOIN chronoscope.chronology c ON c.id = e.chronology
		WHERE c.name = $1 AND e.kind = 'event' AND NOT e.deleted`, target.Name)
}

// BenchmarkPublish publishes a 100,000-event chronology (with its actors,
// sources, citations and story links) on an empty database. Goal: under
// 30 s a publish on our 2-core machines.
func BenchmarkPublish(b *testing.B) {
	src, n := benchSource(b, *benchEvents)
	var took time.Duration
	for b.Loop() {
		b.StopTimer()
		target := newServer(b)
		target.Name = "Benchmark"
		b.StartTimer()
		start := time.Now()
		if _, err := pgsync.Publish(context.Background(), src, target, "", "ana"); err != nil {
			b.Fatal(err)
		}
		took += time.Since(start)
		b.StopTimer()
		if got := sharedEvents(b, target); got != n {
			b.Fatalf("the server holds %d events, want %d", got, n)
		}
		b.StartTimer()
	}
	b.ReportMetric(took.Seconds()/float64(b.N), "s/publish")
	b.ReportMetric(float64(n*b.N)/took.Seconds(), "events/s")
}

// BenchmarkClone makes a new client's copy of the published 100,000-event
// chronology. Goal: under 10 s a copy.
func BenchmarkClone(b *testing.B) {
	target, n := benchPublish(b, *benchEvents)
	dir := b.TempDir()
	var took time.Duration
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		st, err := pgsync.Clone(context.Background(), target, "", filepath.Join(dir, fmt.Sprintf("copy%d.chrono", i)))
		if err != nil {
			b.Fatal(err)
		}
		took += time.Since(start)
		b.StopTimer()
		got, err := st.Count(data.Filter{})
		st.Close()
		if err != nil || got != n {
			b.Fatalf("the copy holds %d events (%v), want %d", got, err, n)
		}
		b.StartTimer()
	}
	b.ReportMetric(took.Seconds()/float64(b.N), "s/clone")
	b.ReportMetric(float64(n*b.N)/took.Seconds(), "events/s")
}

// BenchmarkConverge has 10 clients, each with its own copy of a published
// 10,000-event chronology, make 1,000 edits each at once
// (retitles, importance changes, new events, deletes of their own new
// events, citations; a few on the same twenty events, so that some meet),
// syncing after every 50, and then sync until nothing is left to send or
// fetch. It fails unless all copies then hold the same chronology. Goal:
// under 60 s from the first edit to the last sync.
func BenchmarkConverge(b *testing.B) {
	target, _ := benchPublish(b, max(1000, *benchEvents/convergeShare))
	var took time.Duration
	for round := 0; b.Loop(); round++ {
		b.StopTimer()
		eds := make([]*editor, convergeClients)
		for i := range eds {
			eds[i] = clone(b, target, fmt.Sprintf("r%dc%d", round, i))
		}
		b.StartTimer()
		start := time.Now()
		errs := make([]error, len(eds))
		var wg sync.WaitGroup
		for i, e := range eds {
			name := fmt.Sprintf("r%dc%d", round, i)
			wg.Go(func() { errs[i] = e.editAndSync(uint64(round*convergeClients+i), name) })
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			b.Fatal(err)
		}
		rounds, err := syncUntilQuiet(eds)
		if err != nil {
			b.Fatal(err)
		}
		took += time.Since(start)
		b.StopTimer()
		want := canon(b, eds[0].st)
		for i, e := range eds[1:] {
			if got := canon(b, e.st); got != want {
				b.Fatalf("after %d rounds of syncs, client %d's copy differs from client 0's", rounds, i+1)
			}
		}
		b.StartTimer()
	}
	b.ReportMetric(took.Seconds()/float64(b.N), "s/converge")
	b.ReportMetric(float64(convergeClients*convergeEdits*b.N)/took.Seconds(), "edits/s")
}

// editAndSync makes the converging benchmark's edits on one copy, syncing
// after every convergeSyncEvery; name, the client's, goes into the titles
// and quotes it writes.
func (e *editor) editAndSync(seed uint64, name string) error {
	rng := rand.New(rand.NewPCG(seed, 18))
	rows, err := e.st.Window(data.Filter{})
	if err != nil {
		return err
	}
	sources, err := e.st.Sources()
	if err != nil {
		return err
	}
	actors, err := e.st.Actors()
	if err != nil {
		return err
	}
	if len(rows) < 20 || len(sources) == 0 || len(actors) == 0 {
		return fmt.Errorf("the copy %s has too little to edit", e.st.Path())
	}
	// pick returns an event of the copy: one of the first twenty (which
	// every client edits) in ten, else any; nil when it is gone.
	pick := func() (*data.Event, error) {
		r := rows[rng.IntN(len(rows))]
		if rng.IntN(10) == 0 {
			r = rows[rng.IntN(20)]
		}
		ev, err := e.st.Event(r.ID)
		if errors.Is(err, data.ErrNotFound) {
			return nil, nil // deleted by another client's edit
		}
		return ev, err
	}
	var mine []int64 // events this client made
	for i := range convergeEdits {
		var err error
		switch k := rng.IntN(100); {
		case k < 25: // retitle
			var ev *data.Event
			if ev, err = pick(); ev != nil {
				ev.Title = fmt.Sprintf("%s: retitle %d", name, i)
				err = e.st.UpdateEvent(ev)
			}
		case k < 45: // importance
			var ev *data.Event
			if ev, err = pick(); ev != nil {
				ev.Importance = 1 + rng.IntN(5)
				err = e.st.UpdateEvent(ev)
			}
		case k < 75: // a new event
			ev := data.Event{Title: fmt.Sprintf("%s: new %d", name, i),
				Start: data.DayDate(2000+int64(rng.IntN(25)), 1+rng.IntN(12), 1+rng.IntN(28)), Certainty: data.Reported,
				Importance: 1 + rng.IntN(5), Actors: []data.Participant{{ActorID: actors[rng.IntN(len(actors))].ID, Role: "speaker"}}}
			if err = e.st.CreateEvent(&ev); err == nil {
				mine = append(mine, ev.ID)
			}
		case k < 85: // delete one of its own
			if len(mine) == 0 {
				continue
			}
			j := rng.IntN(len(mine))
			err = e.st.DeleteEvent(mine[j])
			mine = append(mine[:j], mine[j+1:]...)
		default: // cite a source
			var ev *data.Event
			if ev, err = pick(); ev != nil {
				err = e.st.CreateCitation(&data.Citation{EventID: ev.ID, SourceID: sources[rng.IntN(len(sources))].ID,
					Quote: fmt.Sprintf("%s: quote %d", name, i)})
			}
		}
		if errors.Is(err, data.ErrNotFound) {
			err = nil // its event was deleted by another client meanwhile
		}
		if err != nil {
			return fmt.Errorf("%s, edit %d: %w", e.st.Path(), i, err)
		}
		if (i+1)%convergeSyncEvery == 0 {
			if err := e.c.Sync(context.Background()); err != nil {
				return fmt.Errorf("%s, sync after edit %d: %w", e.st.Path(), i, err)
			}
		}
	}
	return nil
}

// syncUntilQuiet syncs the copies in turn until a round in which none had
// anything to send and the server's log did not grow, and returns the
// rounds it took.
func syncUntilQuiet(eds []*editor) (int, error) {
	for round := 1; round <= 20; round++ {
		quiet := true
		for _, e := range eds {
			if p, err := e.c.Pending(); err != nil || p > 0 {
				quiet = false
			}
			before, err := e.lastSeen()
			if err != nil {
				return round, err
			}
			if err := e.c.Sync(context.Background()); err != nil {
				return round, err
			}
			after, err := e.lastSeen()
			if err != nil {
				return round, err
			}
			if after != before {
				quiet = false
			}
		}
		if quiet {
			return round, nil
		}
	}
	return 20, errors.New("the copies still had changes to exchange after 20 rounds of syncs")
}

// lastSeen is the server's last change the copy has applied.
func (e *editor) lastSeen() (string, error) {
	var s string
	err := e.st.View(func(tx *data.Tx) error {
		var err error
		s, err = tx.SyncSetting("seq")
		return err
	})
	return s, err
}
