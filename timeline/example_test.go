package timeline_test

import (
	"fmt"
	"image/color"
	"time"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"chronoscope/timeline"
)

// The app builds a Source over its store (here the in-memory one), names
// the visible lanes in order, sets the display zone and listens for
// selections; the widget asks the Source only for what it shows.
func ExampleNew() {
	a := test.NewApp()
	defer test.NewApp()

	start := float64(time.Date(2014, 12, 19, 0, 0, 0, 0, time.UTC).Unix())
	src := timeline.NewMemorySource([]timeline.Item{
		{ID: 1, Start: start, Stop: start + 86400, Title: "FBI: North Korea is responsible",
			When: "19 December 2014", Lanes: []int64{1, 2}, Certainty: timeline.Claimed, Importance: 5},
	})
	tl := timeline.New(src)
	tl.SetLanes([]timeline.Lane{
		{ID: 1, Name: "United States", Color: color.NRGBA{0x1f, 0x4e, 0x9a, 0xff}},
		{ID: 2, Name: "North Korea"},
	})
	tl.SetLocation(time.UTC)
	tl.OnSelected = func(id int64) { fmt.Println("selected", id) }

	w := a.NewWindow("Chronology")
	w.SetContent(container.NewBorder(nil, timeline.NewLegend(), nil, nil, tl))
	tl.Select(1)
	fmt.Println(tl.Selected())
	// Output: 1 true
}
