package timeline_test

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"chronoscope/timeline"
)

// TestMarkedItemsShowInACrowdedView: with far more events in view than
// the item budget, the source returns the most important ones only; a
// search hit among the least important is added to the view all the
// same, and placed like the most important.
func TestMarkedItemsShowInACrowdedView(t *testing.T) {
	test.NewTempApp(t)
	var items []timeline.Item
	for i := range 6000 {
		at := float64(i) * 3600
		items = append(items, timeline.Item{ID: int64(i + 1), Start: at, Stop: at + 60, Title: "Routine", Importance: 4, Lanes: []int64{1}})
	}
	const needle = 9999
	items = append(items, timeline.Item{ID: needle, Start: 3000*3600 + 1800, Stop: 3000*3600 + 1860, Title: "Needle", Importance: 1, Lanes: []int64{1}})
	tl := timeline.New(timeline.NewMemorySource(items))
	tl.SetLanes([]timeline.Lane{{ID: 1, Name: "Everyone"}})
	w := test.NewTempWindow(t, tl)
	w.Resize(fixtureSize)
	tl.FitAll()
	test.WidgetRenderer(tl).Layout(tl.Size())
	before := tl.Stats()
	if before.Total <= before.Items {
		t.Fatalf("the view is not crowded: %+v", before)
	}

	tl.SetMarked([]int64{needle})
	test.WidgetRenderer(tl).Layout(tl.Size())
	after := tl.Stats()
	if after.Items != before.Items+1 {
		t.Errorf("marking the needle: %d items in the frame, want %d", after.Items, before.Items+1)
	}
	if x := tl.XOf(3000*3600 + 1800); x <= 0 {
		t.Fatalf("the needle is out of view (x %v)", x)
	}
	found := false
	for y := float32(0); y < fixtureSize.Height; y++ {
		if it, ok := tl.ItemAt(fyneP(tl.XOf(3000*3600+1830), y)); ok && it.ID == needle {
			found = true
			break
		}
	}
	if !found {
		t.Error("the marked needle is not drawn where its date is")
	}

	tl.SetMarked(nil)
	test.WidgetRenderer(tl).Layout(tl.Size())
	if got := tl.Stats().Items; got != before.Items {
		t.Errorf("after clearing the marks: %d items, want %d", got, before.Items)
	}
}

func fyneP(x, y float32) fyne.Position { return fyne.NewPos(x, y) }
