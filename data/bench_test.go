package data_test

import (
	"flag"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

// millionEvents is the chronology of the write benchmarks and of the
// million-event file the query benchmarks read, with 200,000 story links.
var millionEvents = data.GenerateOptions{Events: 1_000_000, Actors: 50, Seed: 42, CitationEvery: 20, Links: 200_000}

// insertEvents lets a quick run of BenchmarkInsert write fewer events.
var insertEvents = flag.Int("insert.events", millionEvents.Events, "events BenchmarkInsert writes")

// The million-event file shared by the query benchmarks, made once per
// test binary run.
var (
	millionOnce sync.Once
	millionPath string
	millionErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if millionPath != "" {
		os.RemoveAll(filepath.Dir(millionPath))
	}
	os.Exit(code)
}

func millionStore(b *testing.B) *data.Store {
	b.Helper()
	millionOnce.Do(func() {
		dir, err := os.MkdirTemp("", "chronoscope-bench")
		if err != nil {
			millionErr = err
			return
		}
		millionPath = filepath.Join(dir, "million.chrono")
		s, err := data.Create(millionPath, data.Chronology{Title: "Million"})
		if err != nil {
			millionErr = err
			return
		}
		defer s.Close()
		millionErr = s.Update(func(tx *data.Tx) error {
			return data.Generate(tx, millionEvents)
		})
	})
	if millionErr != nil {
		b.Fatal(millionErr)
	}
	s, err := data.OpenReadOnly(millionPath)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// BenchmarkInsertFloor loads the million-event file's rows into a new
// file with SQLite alone (data.LoadFloor): staged first, untimed, then
// moved into the real tables set-based, search index included.
func BenchmarkInsertFloor(b *testing.B) {
	src := millionStore(b).Path()
	var took time.Duration
	for b.Loop() {
		b.StopTimer()
		took += datatest.Floor(b, src)
		b.StartTimer()
	}
	b.ReportMetric(float64(millionEvents.Events*b.N)/took.Seconds(), "events/s")
}

// BenchmarkInsert writes 1,000,000 generated events (50 actors, one to
// three actors and a tag each, a span in ten, a citation in twenty) and
// 200,000 story links in one transaction, through the store's write path
// (Tx.CreateEvent, Tx.CreateCitation and Tx.CreateLink, as imports use). Each run then loads the same rows
// with SQLite alone (BenchmarkInsertFloor's way, untimed here) and
// reports floor-ratio, the write path's speed over that floor's.
func BenchmarkInsert(b *testing.B) {
	opt := millionEvents
	opt.Events = *insertEvents
	opt.Links = opt.Events / 5 // as millionEvents: a story link per five events
	var took, floor time.Duration
	for b.Loop() {
		b.StopTimer()
		s := datatest.NewStore(b)
		b.StartTimer()
		start := time.Now()
		if err := s.Update(func(tx *data.Tx) error { return data.Generate(tx, opt) }); err != nil {
			b.Fatal(err)
		}
		took += time.Since(start)
		b.StopTimer()
		floor += datatest.Floor(b, s.Path())
		b.StartTimer()
	}
	n := float64(opt.Events * b.N)
	b.ReportMetric(n/took.Seconds(), "events/s")
	b.ReportMetric(n/floor.Seconds(), "floor-events/s")
	b.ReportMetric(floor.Seconds()/took.Seconds(), "floor-ratio")
}

// windows returns random windows of s that each hold about want events
// (counting the long ones that run into the window from before it).
func windows(b *testing.B, s *data.Store, rng *rand.Rand, count, want int) [][2]int64 {
	b.Helper()
	rows, err := s.Window(data.Filter{})
	if err != nil {
		b.Fatal(err)
	}
	out := make([][2]int64, count)
	for i := range out {
		k := rng.IntN(len(rows) - 4*want)
		// Binary search for the end that gives about want events.
		lo, hi := k+1, k+4*want
		for lo < hi {
			mid := (lo + hi) / 2
			n, err := s.Count(data.Filter{From: rows[k].StartS, To: rows[mid].StartS})
			if err != nil {
				b.Fatal(err)
			}
			if n < want {
				lo = mid + 1
			} else {
				hi = mid
			}
		}
		out[i] = [2]int64{rows[k].StartS, rows[lo].StartS}
	}
	return out
}

// BenchmarkWindowQuery asks for the events in a window that holds about
// 1,000 of 1,000,000 events.
func BenchmarkWindowQuery(b *testing.B) {
	s := millionStore(b)
	ws := windows(b, s, rand.New(rand.NewPCG(1, 1)), 64, 1000)
	cold := coldWindow(b, s.Path(), ws[len(ws)-1])
	rows := 0
	i := 0
	b.ResetTimer()
	for b.Loop() {
		w := ws[i%len(ws)]
		i++
		got, err := s.Window(data.Filter{From: w[0], To: w[1]})
		if err != nil {
			b.Fatal(err)
		}
		rows += len(got)
	}
	b.ReportMetric(float64(rows)/float64(i), "rows/op")
	b.ReportMetric(cold, "cold-ms")
}

// coldWindow opens the file at path and returns how long, in
// milliseconds, its first window query takes.
func coldWindow(b *testing.B, path string, w [2]int64) float64 {
	b.Helper()
	s, err := data.OpenReadOnly(path)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	start := time.Now()
	if _, err := s.Window(data.Filter{From: w[0], To: w[1]}); err != nil {
		b.Fatal(err)
	}
	return float64(time.Since(start).Microseconds()) / 1000
}

// actorCase is an actor filter of the benchmarks.
type actorCase struct {
	name   string
	actors []int64
}

// actorCases returns the actor filters of the benchmarks: one actor of 50
// hidden, and a single actor shown.
func actorCases(b *testing.B, s *data.Store) []actorCase {
	actors, err := s.Actors()
	if err != nil {
		b.Fatal(err)
	}
	var all49 []int64
	for _, a := range actors[1:] {
		all49 = append(all49, a.ID)
	}
	return []actorCase{{"hide=1of50", all49}, {"solo=1of50", []int64{actors[0].ID}}}
}

// BenchmarkActorFilter is the window query with one actor of 50 hidden,
// and with a single actor shown.
func BenchmarkActorFilter(b *testing.B) {
	s := millionStore(b)
	ws := windows(b, s, rand.New(rand.NewPCG(2, 2)), 64, 1000)
	for _, bc := range actorCases(b, s) {
		b.Run(bc.name, func(b *testing.B) {
			rows, i := 0, 0
			for b.Loop() {
				w := ws[i%len(ws)]
				i++
				got, err := s.Window(data.Filter{From: w[0], To: w[1], Actors: bc.actors})
				if err != nil {
					b.Fatal(err)
				}
				rows += len(got)
			}
			b.ReportMetric(float64(rows)/float64(i), "rows/op")
		})
	}
}

// BenchmarkActorCount counts the events of a million with one actor of 50
// hidden, and with a single actor shown: the list's and the status's
// count after a filter change.
func BenchmarkActorCount(b *testing.B) {
	s := millionStore(b)
	for _, bc := range actorCases(b, s) {
		b.Run(bc.name, func(b *testing.B) {
			n := 0
			for b.Loop() {
				var err error
				if n, err = s.Count(data.Filter{Actors: bc.actors}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(n), "events")
		})
	}
}

// BenchmarkSearch runs full-text searches over 1,000,000 events and takes
// the first 100 hits (Store.Search, as the search box does), and the 100
// earliest hits (a Window query with text).
func BenchmarkSearch(b *testing.B) {
	s := millionStore(b)
	for _, text := range []string{"seoul", "data breach", "ceasef", "nothinglikethis"} {
		b.Run("q="+text, func(b *testing.B) {
			rows, i := 0, 0
			for b.Loop() {
				got, _, err := s.Search(text, 100)
				if err != nil {
					b.Fatal(err)
				}
				rows += len(got)
				i++
			}
			b.ReportMetric(float64(rows)/float64(i), "rows/op")
		})
	}
	b.Run("earliest100/q=seoul", func(b *testing.B) {
		for b.Loop() {
			got, err := s.Window(data.Filter{Text: "seoul", Limit: 100})
			if err != nil || len(got) != 100 {
				b.Fatal(len(got), err)
			}
		}
	})
}
