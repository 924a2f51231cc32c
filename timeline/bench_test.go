package timeline_test

import (
	"cmp"
	"fmt"
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"chronoscope/timeline"
)

const (
	yearS  = 365.2425 * 86400
	monthS = yearS / 12
	dayS   = 86400.0
	hourS  = 3600.0
)

// Generated chronologies span the thousand years before 2000 and cluster in
// bursts at every scale; the densest burst is centred on denseAt.
var (
	genEnd  = float64(time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).Unix())
	genFrom = genEnd - 1000*yearS
	denseAt = genEnd - 300*yearS + 0.37*yearS
)

// benchLanes are the lanes of generated chronologies.
const benchLanes = 12

// generated holds one generated source per size, made once.
var generated = map[int]*struct {
	once sync.Once
	src  *timeline.MemorySource
}{1000: {}, 100000: {}, 1000000: {}}

// burstySource returns the generated chronology of n items (n one of the
// keys of generated), building it on first use.
func burstySource(n int) *timeline.MemorySource {
	g := generated[n]
	g.once.Do(func() { g.src = timeline.NewMemorySource(burstyItems(n, 42)) })
	return g.src
}

// burstyItems generates n items: a quarter spread evenly over the thousand
// years, the rest in 40 bursts of Zipf-distributed sizes whose spreads are
// log-uniform from a second to a century, so that every zoom level sees
// structure. Titles, dates and lane lists are shared from small pools, so an
// item costs about 100 bytes.
func burstyItems(n int, seed uint64) []timeline.Item {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	centres := make([]float64, 40)
	weights := make([]float64, 40)
	sum := 0.0
	for k := range centres {
		centres[k] = genFrom + r.Float64()*(genEnd-genFrom)
		weights[k] = 1 / float64(k+1)
		sum += weights[k]
	}
	centres[0] = denseAt
	titles := make([]string, 64)
	for i := range titles {
		titles[i] = fmt.Sprintf("Event %s of the %s", strconv.Itoa(i), []string{"council", "treaty", "siege", "fleet", "harvest", "synod", "mint", "court"}[i%8])
	}
	whens := []string{"1350", "March 1350", "14 March 1350", "14 March 1350, 10:00"}
	var laneSets [][]int64
	for a := int64(1); a <= benchLanes; a++ {
		laneSets = append(laneSets, []int64{a}, []int64{a}, []int64{a, a%benchLanes + 1})
	}
	laneSets = append(laneSets, []int64{1, 5, 9})
	precisions := []float64{1, 60, hourS, dayS, dayS, dayS, monthS, yearS}
	items := make([]timeline.Item, n)
	for i := range items {
		var start float64
		if r.IntN(4) == 0 {
			start = genFrom + r.Float64()*(genEnd-genFrom)
		} else {
			x, k := r.Float64()*sum, 0
			for k < len(weights)-1 && x > weights[k] {
				x -= weights[k]
				k++
			}
			spread := math.Pow(10, r.Float64()*9.5)
			start = centres[k] + r.NormFloat64()*spread
		}
		start = math.Floor(start)
		it := timeline.Item{
			ID:        int64(i + 1),
			Start:     start,
			Title:     titles[r.IntN(len(titles))],
			When:      whens[r.IntN(len(whens))],
			Lanes:     laneSets[r.IntN(len(laneSets))],
			Certainty: timeline.Certainty(r.IntN(5)),
		}
		if r.IntN(4) == 0 {
			it.Span = true
			it.Stop = start + math.Floor(math.Pow(10, 1.8+r.Float64()*6.7))
		} else {
			it.Stop = start + precisions[r.IntN(len(precisions))]
		}
		switch x := r.IntN(100); {
		case x < 40:
			it.Importance = 1
		case x < 65:
			it.Importance = 2
		case x < 83:
			it.Importance = 3
		case x < 93:
			it.Importance = 4
		default:
			it.Importance = 5
		}
		items[i] = it
	}
	return items
}

// benchLaneList returns the lanes of generated chronologies.
func benchLaneList() []timeline.Lane {
	lanes := make([]timeline.Lane, benchLanes)
	for i := range lanes {
		lanes[i] = timeline.Lane{ID: int64(i + 1), Name: "Actor " + strconv.Itoa(i+1)}
	}
	return lanes
}

// viewSpans are the view widths of the benchmarks.
var viewSpans = []struct {
	name string
	span float64
}{
	{"1000y", 1000 * yearS}, {"10y", 10 * yearS}, {"1y", yearS}, {"1mo", monthS}, {"1d", dayS}, {"1h", hourS},
}

// BenchmarkFrame measures one pan step's full work (a drag that pans 3 px
// and scrolls the lanes 2 px, where they are taller than the widget): the Dragged event's
// view change, the Items query against the MemorySource, label layout,
// packing, clustering (with Density per lane where the view holds more
// than the budget), syncing the pooled canvas objects, then the renderer's
// Layout. objects/op is the number of canvas objects the renderer holds.
// The variants with thumbs draw a picture beside the titles of every
// tenth event (SetThumbnails). The variants with links add 200,000 links among the million events,
// drawn as arcs for every event in view (LinksInView) with one event
// selected: the Links query and the arcs' routing.
func BenchmarkFrame(b *testing.B) {
	for _, n := range []int{1000, 100000, 1000000} {
		for _, vs := range viewSpans {
			b.Run(fmt.Sprintf("events=%d/span=%s", n, vs.name), func(b *testing.B) {
				benchFrame(b, burstySource(n), vs.span, nil)
			})
		}
	}
	for _, vs := range viewSpans {
		b.Run(fmt.Sprintf("events=1000000+thumbs/span=%s", vs.name), func(b *testing.B) {
			th := tenthThumbs{picture(64, 48, color.NRGBA{0x40, 0x60, 0x90, 0xff})}
			benchFrame(b, burstySource(1000000), vs.span, func(tl *timeline.Timeline) { tl.SetThumbnails(th) })
		})
	}
	for _, vs := range viewSpans {
		b.Run(fmt.Sprintf("events=1000000+links=200000/span=%s", vs.name), func(b *testing.B) {
			src, sel := linkedBurstySource()
			benchFrame(b, src, vs.span, func(tl *timeline.Timeline) {
				tl.SetLinksShown(timeline.LinksInView)
				tl.Select(sel)
			})
		})
	}
}

// tenthThumbs has a picture for every tenth event.
type tenthThumbs struct{ img image.Image }

func (th tenthThumbs) Thumbnail(id int64) (image.Image, bool) { return th.img, id%10 == 0 }

// benchFrame runs BenchmarkFrame over src at a view of span seconds
// around denseAt, after setup (when not nil) set the timeline up.
func benchFrame(b *testing.B, src timeline.Source, span float64, setup func(*timeline.Timeline)) {
	test.NewTempApp(b)
	tl := timeline.New(src)
	tl.SetLocation(time.UTC)
	tl.SetLanes(benchLaneList())
	w := test.NewTempWindow(b, tl)
	w.SetPadded(false)
	size := fyne.NewSize(1600, 900)
	w.Resize(size)
	tl.ShowRange(denseAt-span/2, denseAt+span/2)
	if setup != nil {
		setup(tl)
	}
	r := test.WidgetRenderer(tl)
	ev := &fyne.DragEvent{PointEvent: fyne.PointEvent{Position: fyne.NewPos(800, 400)}}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		// Pan back and forth around the dense centre, 3 px a step.
		ev.Dragged.DX, ev.Dragged.DY = 3, 2
		if i/200%2 == 1 {
			ev.Dragged.DX, ev.Dragged.DY = -3, -2
		}
		tl.Dragged(ev)
		r.Layout(size)
	}
	b.StopTimer()
	tl.DragEnd()
	b.ReportMetric(float64(len(r.Objects())), "objects/op")
	st := tl.Stats()
	b.ReportMetric(float64(st.Drawn), "drawn/op")
	b.ReportMetric(float64(st.Total), "inview/op")
	if tl.LinksShown() == timeline.LinksInView {
		b.ReportMetric(float64(len(tl.DrawnLinks())), "arcs/op")
	}
	thumbs := 0
	for _, d := range tl.Drawn() {
		if d.Thumb != (timeline.Rect{}) {
			thumbs++
		}
	}
	if thumbs > 0 {
		b.ReportMetric(float64(thumbs), "thumbs/op")
	}
}

// linked holds the million-event source with links, made once.
var linked struct {
	once sync.Once
	src  linkedSource
	sel  int64
}

// linkedBurstySource returns the generated million events with 200,000
// links between events close in time (as stories link), and the
// id of an event near denseAt with eight links, some to events far away.
func linkedBurstySource() (linkedSource, int64) {
	linked.once.Do(func() {
		src := burstySource(1000000)
		items := burstyItems(1000000, 42)
		slices.SortFunc(items, func(a, b timeline.Item) int {
			return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.ID, b.ID))
		})
		r := rand.New(rand.NewPCG(7, 11))
		links := make([]timeline.Link, 0, 200000)
		link := func(from, to int64) {
			links = append(links, timeline.Link{ID: int64(len(links) + 1), From: from, To: to, Directed: r.IntN(8) != 0,
				Kind: "responds to", Certainty: timeline.Certainty(r.IntN(5)), Tone: timeline.LinkTone(r.IntN(4))})
		}
		at, _ := slices.BinarySearchFunc(items, denseAt, func(it timeline.Item, t float64) int { return cmp.Compare(it.Start, t) })
		sel := items[at].ID
		for _, d := range []int{-200000, -3000, -40, -2, 3, 50, 5000, 300000} {
			link(sel, items[min(max(at+d, 0), len(items)-1)].ID)
		}
		// Half of them join important events (those most often drawn)
		// to the next important ones.
		var major []int64
		for _, it := range items {
			if it.Importance >= 4 {
				major = append(major, it.ID)
			}
		}
		for len(links) < 100000 {
			i := r.IntN(len(major))
			if j := i + 1 + r.IntN(8); j < len(major) {
				link(major[i], major[j])
			}
		}
		for len(links) < 200000 {
			i := r.IntN(len(items))
			j := min(max(i+1+r.IntN(60)-30, 0), len(items)-1)
			if i != j {
				link(items[i].ID, items[j].ID)
			}
		}
		linked.src, linked.sel = linkedSource{src, timeline.NewMemoryLinks(links)}, sel
	})
	return linked.src, linked.sel
}
