package app

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"chronoscope/data"
	"chronoscope/timeline"
)

// memoryLimit is the largest chronology the timeline holds in memory (about
// 200 bytes an event). Larger files are shown in the list only, until the
// timeline reads them from the file window by window.
const memoryLimit = 300_000

// timelineView is the timeline widget with its legend and the one-track
// switch, fed from the store.
type timelineView struct {
	tl     *timeline.Timeline
	single *widget.Check
	notice *widget.Label
	body   *fyne.Container
	root   fyne.CanvasObject
}

func newTimelineView(onSelected func(int64)) *timelineView {
	v := &timelineView{tl: timeline.New(nil)}
	v.tl.OnSelected = onSelected
	v.single = widget.NewCheck("One track", func(on bool) { v.tl.SetSingleTrack(on) })
	fit := widget.NewButton("Fit all", func() { v.tl.FitAll() })
	v.notice = widget.NewLabel("")
	v.notice.Wrapping = fyne.TextWrapWord
	v.notice.Hide()
	legend := timeline.NewLegend()
	hint := widget.NewLabel("Scroll to zoom, drag to pan, click an event for its sources")
	hint.Importance = widget.LowImportance
	hint.Truncation = fyne.TextTruncateEllipsis
	top := container.NewBorder(nil, nil, nil, container.NewHBox(v.single, fit), hint)
	v.body = container.NewStack(v.tl, container.NewCenter(v.notice))
	v.root = container.NewBorder(top, container.NewHScroll(legend), nil, nil, v.body)
	return v
}

// Object returns the view's canvas object.
func (v *timelineView) Object() fyne.CanvasObject { return v.root }

// timelineData is what the view needs of a chronology, read off the UI
// goroutine.
type timelineData struct {
	src   *timeline.MemorySource // nil when the file is too large
	eras  []timeline.Era
	loc   *time.Location
	total int
}

// loadTimeline reads the events of s as timeline items (every event, for
// chronologies up to memoryLimit) and its eras.
func loadTimeline(s *data.Store, c data.Chronology, total int) (*timelineData, error) {
	d := &timelineData{loc: data.LoadZone(c.Zone), total: total}
	eras, err := s.Eras()
	if err != nil {
		return nil, err
	}
	for _, e := range eras {
		d.eras = append(d.eras, timeline.Era{Start: float64(e.Start.Instant(nil)), Stop: float64(e.End.Stop(nil)),
			Title: e.Title, Color: withAlpha(parseColor(e.Color), 0x40)})
	}
	if total > memoryLimit {
		return d, nil
	}
	rows, err := s.Window(data.Filter{})
	if err != nil {
		return nil, err
	}
	items := make([]timeline.Item, len(rows))
	for i, r := range rows {
		items[i] = timeline.Item{
			ID: r.ID, Start: float64(r.StartS), Stop: float64(r.StopS), Title: r.Title,
			When: FormatWhen(r.Start, r.End, r.Location()), Lanes: r.Actors,
			Certainty: timelineCertainty(r.Certainty), Importance: r.Importance, Span: !r.End.IsZero(),
		}
	}
	d.src = timeline.NewMemorySource(items)
	return d, nil
}

// show puts a loaded chronology on the timeline, with lanes for actors.
func (v *timelineView) show(d *timelineData, lanes []timeline.Lane) {
	if d.src == nil {
		v.tl.SetSource(nil)
		v.tl.Hide()
		v.notice.SetText(fmt.Sprintf("This chronology has %d events. The timeline shows chronologies of up to %d events for now; the List tab shows them all.", d.total, memoryLimit))
		v.notice.Show()
		return
	}
	v.notice.Hide()
	v.tl.Show()
	v.tl.SetLocation(d.loc)
	v.tl.SetEras(d.eras)
	v.tl.SetLanes(lanes)
	v.tl.SetSource(d.src)
	v.tl.FitAll()
}

func timelineCertainty(c data.Certainty) timeline.Certainty {
	switch c {
	case data.Reported:
		return timeline.Reported
	case data.Claimed:
		return timeline.Claimed
	case data.Disputed:
		return timeline.Disputed
	case data.Denied:
		return timeline.Denied
	}
	return timeline.Confirmed
}

// lanesFor returns the timeline lanes of the ticked actors, in lane order.
func lanesFor(actors []data.Actor, visible []int64) []timeline.Lane {
	show := map[int64]bool{}
	for _, id := range visible {
		show[id] = true
	}
	var lanes []timeline.Lane
	for _, a := range actors {
		if visible == nil || show[a.ID] {
			lanes = append(lanes, timeline.Lane{ID: a.ID, Name: a.Name, Color: parseColor(a.Color)})
		}
	}
	return lanes
}
