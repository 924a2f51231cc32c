package app

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"chronoscope/data"
	"chronoscope/data/datatest"
	"chronoscope/timeline"
)

// generatedStore writes a generated chronology of n events to a temporary
// file and opens it read-only.
func generatedStore(t testing.TB, dir string, n int) *data.Store {
	t.Helper()
	s, err := data.OpenReadOnly(datatest.GeneratedFile(t, dir, "gen.chrono", n))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// bothSources returns a MemorySource holding every event as a timeline
// item (the reference: the timeline package's own source over the same
// events) and a storeSource over the same store, the latter fetching text
// inline.
func bothSources(t testing.TB, s *data.Store) (*timeline.MemorySource, *storeSource) {
	t.Helper()
	rows, err := s.Window(data.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	items := make([]timeline.Item, len(rows))
	for i, r := range rows {
		items[i] = timeline.Item{
			ID: r.ID, Start: float64(r.StartS), Stop: float64(r.StopS), Title: r.Title,
			When: r.Span(), Lanes: r.Actors,
			Certainty: timelineCertainty(r.Certainty), Importance: r.Importance, Span: !r.End.IsZero(),
		}
	}
	mem := timeline.NewMemorySource(items)
	ss, err := loadStoreSource(s, nil)
	if err != nil {
		t.Fatal(err)
	}
	ss.async = func(work func()) { work() }
	return mem, ss
}

func sameItem(t *testing.T, what string, got, want timeline.Item, text bool) {
	t.Helper()
	if got.ID != want.ID || got.Start != want.Start || got.Stop != want.Stop || !slices.Equal(got.Lanes, want.Lanes) ||
		got.Certainty != want.Certainty || got.Importance != want.Importance || got.Span != want.Span ||
		text && (got.Title != want.Title || got.When != want.When) {
		t.Fatalf("%s: got %+v, want %+v", what, got, want)
	}
}

func TestStoreSourceMatchesMemorySource(t *testing.T) {
	// Read and sort the index in parts, as for a large file.
	defer func(n int) { parallelFrom = n }(parallelFrom)
	parallelFrom = 1000
	s := generatedStore(t, t.TempDir(), 20_000)
	defer s.Close()
	mem, ss := bothSources(t, s)
	if ss.Len() != mem.Len() {
		t.Fatalf("Len %d, want %d", ss.Len(), mem.Len())
	}
	f1, t1, ok1 := ss.Bounds()
	f2, t2, ok2 := mem.Bounds()
	if f1 != f2 || t1 != t2 || ok1 != ok2 {
		t.Fatalf("Bounds %v %v %v, want %v %v %v", f1, t1, ok1, f2, t2, ok2)
	}
	all := datatest.ActorIDs(t, s)
	laneSets := [][]int64{nil, {}, all[:1], all[3:5], all[:6], all[:7], all[1:], append(slices.Clone(all[2:]), 999), all,
		append(slices.Clone(all), 999), {999}}
	rng := rand.New(rand.NewPCG(1, 2))
	spans := []float64{60, 3600, 86400, 30 * 86400, 365 * 86400, 5 * 365 * 86400, t2 - f2}
	for i := range 3000 {
		span := spans[i%len(spans)] * (0.5 + rng.Float64())
		from := f2 - span/2 + rng.Float64()*(t2-f2)
		to := from + span
		lanes := laneSets[rng.IntN(len(laneSets))]
		max := []int{1, 7, 60, 500, 1200}[rng.IntN(5)]
		got, gotTotal := ss.Items(nil, from, to, lanes, max)
		want, wantTotal := mem.Items(nil, from, to, lanes, max)
		if gotTotal != wantTotal || len(got) != len(want) {
			t.Fatalf("Items(%v, %v, %v, %d): %d items of %d, want %d of %d", from, to, lanes, max, len(got), gotTotal, len(want), wantTotal)
		}
		for k := range got {
			sameItem(t, "Items", got[k], want[k], false)
		}
		buckets := []int{1, 10, 200}[rng.IntN(3)]
		if d1, d2 := ss.Density(nil, from, to, buckets, lanes), mem.Density(nil, from, to, buckets, lanes); !slices.Equal(d1, d2) {
			t.Fatalf("Density(%v, %v, %d, %v) = %v, want %v", from, to, buckets, lanes, d1, d2)
		}
		if len(want) > 0 {
			it := want[rng.IntN(len(want))]
			if rng.IntN(4) == 0 {
				it.ID++ // a place between items
			}
			for _, fwd := range []bool{true, false} {
				g, gok := ss.Adjacent(it, fwd, lanes)
				w, wok := mem.Adjacent(it, fwd, lanes)
				if gok != wok {
					t.Fatalf("Adjacent(%d, %v, %v): %v, want %v", it.ID, fwd, lanes, gok, wok)
				}
				sameItem(t, "Adjacent", g, w, false)
			}
		}
		id := int64(rng.IntN(mem.Len() + 10))
		g, gok := ss.Item(id)
		w, wok := mem.Item(id)
		if gok != wok {
			t.Fatalf("Item(%d): %v, want %v", id, gok, wok)
		}
		sameItem(t, "Item", g, w, false) // its text arrives with the inline fetch, for the next call
	}
	// Density and Items fill after what dst holds.
	dst := []int{7}
	if d := ss.Density(dst, f2, t2, 3, nil); len(d) != 4 || d[0] != 7 || d[1]+d[2]+d[3] != mem.Len() {
		t.Fatalf("Density appended %v", d)
	}
	// Text: the first query queues and fetches it, the second has it.
	from, to := f2+(t2-f2)/3, f2+(t2-f2)/3+30*86400
	ss.Items(nil, from, to, nil, 1200)
	got, _ := ss.Items(nil, from, to, nil, 1200)
	want, _ := mem.Items(nil, from, to, nil, 1200)
	for k := range got {
		sameItem(t, "Items text", got[k], want[k], true)
	}
}

func TestStoreSourceTitlesArrive(t *testing.T) {
	s, err := data.OpenReadOnly(datatest.DefaultFile(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	mem, ss := bothSources(t, s)
	var queued []func()
	ss.async = func(work func()) { queued = append(queued, work) }
	changes := 0
	ss.setOnChange(func() { changes++ })
	from, to, _ := mem.Bounds()
	got, n := ss.Items(nil, from, to, nil, 100)
	if n != 18 || len(got) != 18 {
		t.Fatalf("Items: %d of %d, want 18", len(got), n)
	}
	for _, it := range got {
		if it.Title != "" || it.When != "" {
			t.Fatalf("text before the fetch: %+v", it)
		}
	}
	// The same view again while the fetch is pending queues no second fetch.
	ss.Items(nil, from, to, nil, 100)
	if len(queued) != 1 || changes != 0 {
		t.Fatalf("%d fetches queued, %d changes; want 1, 0", len(queued), changes)
	}
	queued[0]()
	if changes != 1 {
		t.Fatalf("%d changes after the fetch, want 1", changes)
	}
	got, _ = ss.Items(nil, from, to, nil, 100)
	want, _ := mem.Items(nil, from, to, nil, 100)
	for k := range got {
		if got[k].Title == "" || got[k].When == "" {
			t.Fatalf("no text after the fetch: %+v", got[k])
		}
		sameItem(t, "Items", got[k], want[k], true)
	}
	if len(queued) != 1 {
		t.Fatalf("cached text fetched again")
	}
	// Every title is cached, so Item answers with its text at once.
	if it, ok := ss.Item(want[3].ID); !ok || it.Title != want[3].Title {
		t.Fatalf("Item: %+v, %v", it, ok)
	}
}

func TestTextCacheBounded(t *testing.T) {
	c := textCache{size: 4}
	for id := range int64(100) {
		c.put(id, itemText{title: "t"})
		c.get(0) // kept warm
	}
	if len(c.young)+len(c.old) > 8 {
		t.Fatalf("cache holds %d entries", len(c.young)+len(c.old))
	}
	if _, ok := c.get(0); !ok {
		t.Fatal("recently used entry evicted")
	}
	if _, ok := c.get(50); ok {
		t.Fatal("old entry kept")
	}
}

// TestLoadTimelineTitles: every file is read through the compact index;
// a small chronology's titles are there from the start (nothing is
// fetched), a large one's are fetched as items come into view.
func TestLoadTimelineTitles(t *testing.T) {
	s, err := data.OpenReadOnly(datatest.DefaultFile(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, _ := s.Chronology()
	for _, total := range []int{18, smallChronology} {
		d, err := loadTimeline(s, c, total, data.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		fetched := 0
		d.src.async = func(work func()) { fetched++; work() }
		from, to, _ := d.src.Bounds()
		items, _ := d.src.Items(nil, from, to, nil, 100)
		untitled := 0
		for _, it := range items {
			if it.Title == "" {
				untitled++
			}
		}
		small := total < smallChronology
		if len(items) != 18 || small && (untitled != 0 || fetched != 0) || !small && (untitled != 18 || fetched != 1) {
			t.Errorf("total %d: %d items, %d without a title, %d fetches", total, len(items), untitled, fetched)
		}
		again, _ := d.src.Items(nil, from, to, nil, 100)
		for _, it := range again {
			if it.Title == "" {
				t.Errorf("total %d: %d has no title after the fetch", total, it.ID)
			}
		}
	}
}

// The million-event file of the benchmarks, generated once per run.
var (
	millionOnce sync.Once
	millionDir  string
	millionPath string
)

func millionFile(b *testing.B) string {
	millionOnce.Do(func() {
		dir, err := os.MkdirTemp("", "chronoscope-storesource")
		if err != nil {
			b.Fatal(err)
		}
		millionDir = dir
		// 50 actors, as the filter benchmark has.
		path := filepath.Join(dir, "million.chrono")
		s, err := data.Create(path, data.Chronology{Title: "Million"})
		if err != nil {
			b.Fatal(err)
		}
		err = s.Update(func(tx *data.Tx) error {
			return data.Generate(tx, data.GenerateOptions{Events: 1_000_000, Actors: 50, Seed: 7, CitationEvery: 20})
		})
		s.Close()
		if err != nil {
			b.Fatal(err)
		}
		millionPath = path
	})
	if millionPath == "" {
		b.Fatal("no million-event file")
	}
	return millionPath
}

func TestMain(m *testing.M) {
	code := m.Run()
	stopPGServer()
	if millionDir != "" {
		os.RemoveAll(millionDir)
	}
	os.Exit(code)
}

// BenchmarkStoreSourceLoad loads the compact index of a million events and
// reports the load time and the heap it keeps per event.
func BenchmarkStoreSourceLoad(b *testing.B) {
	s, err := data.OpenReadOnly(millionFile(b))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ResetTimer()
	var ms, perEvent float64
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		start := time.Now()
		src, err := loadStoreSource(s, nil)
		if err != nil {
			b.Fatal(err)
		}
		ms = float64(time.Since(start).Microseconds()) / 1000
		runtime.GC()
		runtime.ReadMemStats(&after)
		perEvent = float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / float64(src.Len())
		runtime.KeepAlive(src)
	}
	b.ReportMetric(ms, "ms/load")
	b.ReportMetric(perEvent, "B/event")
}

// BenchmarkStoreSourceItems pans the view by a tenth of its span, at
// several spans, over a million events: one Items call (max 1,200) and the
// Density of the view per step, as the widget asks.
func BenchmarkStoreSourceItems(b *testing.B) {
	s, err := data.OpenReadOnly(millionFile(b))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	src, err := loadStoreSource(s, nil)
	if err != nil {
		b.Fatal(err)
	}
	src.async = func(func()) {} // index only: no text fetch
	from, to, _ := src.Bounds()
	for _, c := range []struct {
		name  string
		span  float64
		lanes []int64
	}{
		{"day", 86400, nil}, {"month", 30 * 86400, nil}, {"year", 365 * 86400, nil},
		{"all", to - from, nil}, {"year_3lanes", 365 * 86400, []int64{1, 2, 3}},
	} {
		b.Run(c.name, func(b *testing.B) {
			var items []timeline.Item
			var counts []int
			at := from
			for b.Loop() {
				items, _ = src.Items(items[:0], at, at+c.span, c.lanes, 1200)
				counts = src.Density(counts[:0], at, at+c.span, 400, c.lanes)
				at += c.span / 10
				if at+c.span > to {
					at = from
				}
			}
		})
	}
}

// TestStoreSourceDensityMostLanes compares the density of most lanes (one
// or a few hidden), which the store index counts by taking the hidden
// lanes' events away, with MemorySource's, in a chronology where some
// events have no actor at all.
func TestStoreSourceDensityMostLanes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "mixed.chrono")
	w, err := data.Create(path, data.Chronology{Title: "mixed"})
	if err != nil {
		t.Fatal(err)
	}
	err = w.Update(func(tx *data.Tx) error {
		if err := data.Generate(tx, data.GenerateOptions{Events: 8000, Actors: 10, Seed: 5}); err != nil {
			return err
		}
		for i := range 300 {
			e := data.Event{Title: fmt.Sprintf("Nobody %d", i), Certainty: data.Reported, Importance: 2,
				Start: data.DayDate(1990+int64(i%30), 1+i%12, 1+i%28)}
			if err := tx.CreateEvent(&e); err != nil {
				return err
			}
		}
		return nil
	})
	w.Close()
	if err != nil {
		t.Fatal(err)
	}
	s, err := data.OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	mem, ss := bothSources(t, s)
	laneless := 0
	for p := range ss.Len() {
		if len(ss.lanesOf(p)) == 0 {
			laneless++
		}
	}
	if laneless != 300 {
		t.Fatalf("%d events without lanes, want 300", laneless)
	}
	all := datatest.ActorIDs(t, s)
	from, to, _ := mem.Bounds()
	for _, lanes := range [][]int64{all[1:], all[:9], all[2:], append(slices.Clone(all[3:]), 999), all} {
		for _, r := range [][2]float64{{from, to}, {from + (to-from)/3, from + (to-from)/2}, {from - 1e6, from + 86400*40}} {
			for _, buckets := range []int{1, 17, 400} {
				got, want := ss.Density(nil, r[0], r[1], buckets, lanes), mem.Density(nil, r[0], r[1], buckets, lanes)
				if !slices.Equal(got, want) {
					t.Fatalf("Density(%v, %v, %d, %d lanes) = %v, want %v", r[0], r[1], buckets, len(lanes), got, want)
				}
			}
		}
	}
}

// TestAssembleInParts puts events read in three id ranges, in no start
// order, into (start, id) order, with the two-halves sort and without:
// every array and the lanes follow their event, and Item finds each by
// its id. Events already in order are joined as they are.
func TestAssembleInParts(t *testing.T) {
	defer func(n int) { parallelFrom = n }(parallelFrom)
	rng := rand.New(rand.NewPCG(4, 4))
	const n = 5001
	start := func(id int64) float64 { return float64(rng.IntN(500)) } // many ties, broken by id
	lanes := func(id int64) []int64 {
		var ls []int64
		for k := range id % 3 {
			ls = append(ls, id*10+k)
		}
		return ls
	}
	for _, tc := range []struct {
		name     string
		parallel int
		inOrder  bool
	}{{"one sort", 1 << 30, false}, {"two halves", 10, false}, {"in order", 10, true}} {
		t.Run(tc.name, func(t *testing.T) {
			parallelFrom = tc.parallel
			starts := make(map[int64]float64)
			var parts []*part
			for _, r := range [][2]int64{{1, 1200}, {1200, 1201}, {1201, n + 1}} {
				p := &part{laneOff: []int32{0}}
				for id := r[0]; id < r[1]; id++ {
					starts[id] = start(id)
					if tc.inOrder {
						starts[id] = float64(id / 7)
					}
					p.ids = append(p.ids, id)
					p.starts = append(p.starts, starts[id])
					p.stops = append(p.stops, starts[id]+float64(id))
					p.imp = append(p.imp, int8(id%5))
					p.cert = append(p.cert, timeline.Certainty(id%5))
					p.span = append(p.span, id%2 == 0)
					p.laneIDs = append(p.laneIDs, lanes(id)...)
					p.laneOff = append(p.laneOff, int32(len(p.laneIDs)))
				}
				parts = append(parts, p)
			}
			parts = append(parts, nil, &part{laneOff: []int32{0}}) // as loadStoreSource may have
			s := &storeSource{async: func(func()) {}, text: textCache{size: 16}, wanted: map[int64]bool{}}
			s.assemble(parts)
			if s.Len() != n || s.index.Len() != n {
				t.Fatalf("%d events, index of %d, want %d", s.Len(), s.index.Len(), n)
			}
			for i, id := range s.ids {
				if i > 0 && (s.starts[i-1] > s.starts[i] || s.starts[i-1] == s.starts[i] && s.ids[i-1] >= id) {
					t.Fatalf("not in (start, id) order at %d", i)
				}
				if s.starts[i] != starts[id] || s.stops[i] != starts[id]+float64(id) || s.imp[i] != int8(id%5) ||
					s.cert[i] != timeline.Certainty(id%5) || s.span[i] != (id%2 == 0) ||
					!slices.Equal(s.lanesOf(i), lanes(id)) {
					t.Fatalf("event %d lost its fields in the sort", id)
				}
			}
			if (s.byID == nil) != tc.inOrder {
				t.Fatalf("byID is %v with the events in order: %v", s.byID != nil, tc.inOrder)
			}
			for id := int64(1); id <= n; id++ { // by the id lookup
				if it, ok := s.Item(id); !ok || it.ID != id || it.Start != starts[id] || !slices.Equal(it.Lanes, lanes(id)) {
					t.Fatalf("Item(%d) = %v, %v", id, it, ok)
				}
			}
			if _, ok := s.Item(n + 1); ok {
				t.Fatalf("Item(%d) found", n+1)
			}
			for _, p := range parts[:3] {
				if p.ids != nil || p.starts != nil || p.span != nil {
					t.Fatal("a part still holds its arrays")
				}
			}
		})
	}
}
