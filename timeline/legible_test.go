package timeline_test

import (
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"chronoscope/timeline"
)

// yearItems are n events over 2015 among lanes 1..8: most known to the
// day, some to the hour, some to the month, some with an end; one to
// three actors each; titles of 3 to 9 words.
func yearItems(n int, seed uint64) []timeline.Item {
	r := rand.New(rand.NewPCG(seed, 7))
	words := strings.Fields("officials report talks sanctions outage statement inquiry ministry leaders court ruling vote protest embassy agreement hearing network attack response evidence summit")
	from := time.Date(2015, 1, 1, 0, 0, 0, 0, time.UTC)
	items := make([]timeline.Item, n)
	for i := range items {
		day := from.AddDate(0, 0, r.IntN(365))
		it := timeline.Item{ID: int64(i + 1), Certainty: timeline.Certainty(r.IntN(5)), Importance: 1 + r.IntN(5)}
		switch k := r.IntN(20); {
		case k == 0: // known to the month
			m := time.Date(day.Year(), day.Month(), 1, 0, 0, 0, 0, time.UTC)
			it.Start, it.Stop = float64(m.Unix()), float64(m.AddDate(0, 1, 0).Unix())
		case k < 3: // with an end
			it.Start, it.Stop, it.Span = float64(day.Unix()), float64(day.AddDate(0, 0, 2+r.IntN(20)).Unix()), true
		case k < 6: // to the hour
			h := day.Add(time.Duration(r.IntN(24)) * time.Hour)
			it.Start, it.Stop = float64(h.Unix()), float64(h.Add(time.Hour).Unix())
		default:
			it.Start, it.Stop = float64(day.Unix()), float64(day.AddDate(0, 0, 1).Unix())
		}
		t := make([]string, 3+r.IntN(7))
		for j := range t {
			t[j] = words[r.IntN(len(words))]
		}
		it.Title = strings.ToUpper(t[0][:1]) + strings.Join(t, " ")[1:]
		for range 1 + r.IntN(3) {
			l := int64(1 + r.IntN(8))
			if !containsLane(it.Lanes, l) {
				it.Lanes = append(it.Lanes, l)
			}
		}
		items[i] = it
	}
	return items
}

func containsLane(ls []int64, l int64) bool {
	for _, x := range ls {
		if x == l {
			return true
		}
	}
	return false
}

// titledShare fits the items, then scrolls the lanes from top to bottom
// and returns the share of the events that got a readable title (whole,
// or at least 16 characters before its "…") somewhere on the way.
func titledShare(t *testing.T, items []timeline.Item) (share float64, badges int) {
	test.NewTempApp(t)
	tl := timeline.New(timeline.NewMemorySource(items))
	lanes := make([]timeline.Lane, 8)
	for i := range lanes {
		lanes[i] = timeline.Lane{ID: int64(i + 1), Name: "Actor " + string(rune('A'+i))}
	}
	tl.SetLanes(lanes)
	w := test.NewTempWindow(t, tl)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(1600, 1000))
	tl.FitAll()
	titled := map[int64]bool{}
	for range 200 {
		for _, d := range tl.Drawn() {
			kept := strings.TrimSuffix(d.Text, "…")
			if !d.Mark && (d.Text == d.Title && d.Text != "" || kept != d.Text && len([]rune(kept)) >= 16) {
				titled[d.ID] = true
			}
		}
		badges += tl.Stats().Badges
		top, bottom, content := tl.LaneArea()
		before := tl.Viewport()
		tl.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
		if tl.Viewport() != before {
			t.Fatal("Down moved the view")
		}
		if _, b, c := tl.LaneArea(); b == bottom && c == content && lastScreen(t, tl, top, bottom, content) {
			break
		}
	}
	return float64(len(titled)) / float64(len(items)), badges
}

// lastScreen reports whether the lanes are scrolled to their end.
func lastScreen(t *testing.T, tl *timeline.Timeline, top, bottom, content float32) bool {
	t.Helper()
	return tl.LaneScroll() >= content-(bottom-top)-0.5
}

// TestGeneratedChronologiesLegible: over one year with 8 actors at
// 1600×1000, fitted, every event gets a readable title at 50 events and
// at least 95% at 200 (scrolling the lanes); at 5,000 clusters are allowed.
func TestGeneratedChronologiesLegible(t *testing.T) {
	for _, tc := range []struct {
		n    int
		want float64
	}{{50, 1}, {200, 0.95}} {
		for seed := range uint64(3) {
			share, badges := titledShare(t, yearItems(tc.n, seed))
			t.Logf("%d events (seed %d): %.1f%% titled, %d badges seen", tc.n, seed, 100*share, badges)
			if share < tc.want {
				t.Errorf("%d events (seed %d): %.1f%% titled, want at least %.0f%%", tc.n, seed, 100*share, 100*tc.want)
			}
		}
	}
	share, badges := titledShare(t, yearItems(5000, 1))
	t.Logf("5000 events: %.1f%% titled, %d badges seen", 100*share, badges)
	if badges == 0 {
		t.Errorf("5000 events in a year at 1600×1000 show no badge: crowded views cluster")
	}
}
