package data_test

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"chronoscope/data"
)

// The million-event file shared by the query benchmarks, made once per
// test binary run.
var (
	millionOnce sync.Once
	millionPath string
	millionErr  error
)

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
			return data.Generate(tx, data.GenerateOptions{Events: 1_000_000, Actors: 50, Seed: 42, CitationEvery: 20})
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

// BenchmarkInsert inserts 1,000,000 generated events (50 actors, one to
// three actors and a tag each, a span in ten) in one transaction.
func BenchmarkInsert(b *testing.B) {
	const n = 1_000_000
	for b.Loop() {
		b.StopTimer()
		s := newStore(b)
		b.StartTimer()
		start := time.Now()
		if err := s.Update(func(tx *data.Tx) error {
			return data.Generate(tx, data.GenerateOptions{Events: n, Actors: 50, Seed: 1})
		}); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(n/time.Since(start).Seconds(), "events/s")
	}
}

// windows returns random windows of the million-event file that hold
// about want events each (the generated story runs from 1990 to 2025).
func windows(rng *rand.Rand, count, want int) [][2]int64 {
	from := data.YearDate(1990).Instant(nil)
	to := data.YearDate(2025).Instant(nil)
	width := (to - from) * int64(want) / 1_000_000
	out := make([][2]int64, count)
	for i := range out {
		start := from + rng.Int64N(to-from-width)
		out[i] = [2]int64{start, start + width}
	}
	return out
}

// BenchmarkWindowQuery asks for the events in a window that holds about
// 1,000 of 1,000,000 events.
func BenchmarkWindowQuery(b *testing.B) {
	s := millionStore(b)
	ws := windows(rand.New(rand.NewPCG(1, 1)), 64, 1000)
	rows := 0
	i := 0
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
}

// BenchmarkActorFilter is the window query with one actor of 50 hidden,
// and with a single actor shown.
func BenchmarkActorFilter(b *testing.B) {
	s := millionStore(b)
	actors, err := s.Actors()
	if err != nil {
		b.Fatal(err)
	}
	var all49 []int64
	for _, a := range actors[1:] {
		all49 = append(all49, a.ID)
	}
	ws := windows(rand.New(rand.NewPCG(2, 2)), 64, 1000)
	for _, bc := range []struct {
		name   string
		actors []int64
	}{{"hide=1of50", all49}, {"solo=1of50", []int64{actors[0].ID}}} {
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

// BenchmarkSearch runs full-text searches over 1,000,000 events and takes
// the first 100 hits in date order.
func BenchmarkSearch(b *testing.B) {
	s := millionStore(b)
	for _, text := range []string{"seoul", "data breach", "ceasef", "nothinglikethis"} {
		b.Run("q="+text, func(b *testing.B) {
			rows, i := 0, 0
			for b.Loop() {
				got, err := s.Window(data.Filter{Text: text, Limit: 100})
				if err != nil {
					b.Fatal(err)
				}
				rows += len(got)
				i++
			}
			b.ReportMetric(float64(rows)/float64(i), "rows/op")
		})
	}
}
