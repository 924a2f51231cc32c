package app

import (
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chronoscope/data"
	"chronoscope/timeline"
)

// smallChronology is the size below which the timeline reads every title
// up front, with the compact index (so that no title arrives late), and
// shows pictures unless told not to; from it, titles are read as items
// come into view, so that a million events take about 52 bytes each.
const smallChronology = 50_000

// timelineView is the timeline widget with its legend and the one-track
// switch, fed from the store.
type timelineView struct {
	tl      *timeline.Timeline
	legend  *timeline.Legend
	data    *timelineData      // what is shown, for the presentation
	mirror  *timeline.Timeline // the presentation's timeline while it runs
	loading *fyne.Container    // shown while a chronology's events are read
	// cancelLoad closes a chronology whose events are still being read.
	cancelLoad *widget.Button
	// busy moves while the events are read; it is stopped, not just
	// hidden with the loading view, or its animation would keep the
	// window repainting.
	busy   *widget.ProgressBarInfinite
	single *widget.Check
	hint   *widget.Label // how to use the timeline, or where a dragged event would go
	// header holds the hint and the one-track switch, for the tab bar.
	header *fyne.Container
	// async runs a large file's title fetches off the UI goroutine (the
	// window's async).
	async func(work func())
	root  fyne.CanvasObject
}

// timelineHint says how to use the timeline.
const timelineHint = "Scroll to zoom, drag to pan, click an event for its sources, then drag it to change its date"

func newTimelineView(onSelected func(int64), async func(work func())) *timelineView {
	v := &timelineView{tl: timeline.New(nil), async: async}
	v.tl.OnSelected = onSelected
	v.single = widget.NewCheck("One track", func(on bool) { v.tl.SetSingleTrack(on) })
	legend := timeline.NewLegend()
	v.legend = legend
	hint := widget.NewLabel(timelineHint)
	v.hint = hint
	hint.Importance = widget.LowImportance
	hint.Truncation = fyne.TextTruncateEllipsis
	// The hint and the switch stand right of the tabs (see NewUI), not in
	// a row of their own: the lanes get that height.
	v.header = container.NewBorder(nil, nil, nil, v.single, hint)
	v.cancelLoad = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), nil)
	v.busy = widget.NewProgressBarInfinite()
	v.busy.Stop()
	v.loading = container.NewCenter(container.NewVBox(widget.NewLabel("Reading the chronology…"), v.busy,
		container.NewCenter(v.cancelLoad)))
	v.loading.Hide()
	v.root = container.NewBorder(nil, container.NewHScroll(legend), nil, nil, container.NewStack(v.tl, v.loading))
	return v
}

// Object returns the view's canvas object.
func (v *timelineView) Object() fyne.CanvasObject { return v.root }

// timelineData is what the view needs of a chronology, read off the UI
// goroutine.
type timelineData struct {
	src   *storeSource
	eras  []timeline.Era
	loc   *time.Location
	total int
	links *storyLinkTable // the story links, drawn between the items
}

// source is what the timeline widget reads: the items with their links.
func (d *timelineData) source() timeline.Source { return withLinks(d.src, d.links) }

// loadTimeline reads the events of s that pass f's certainty and tag
// filters (the timeline's own; actors are its lanes, dates its view) as a
// compact index (every title too, below smallChronology events), and its
// eras. Every file takes this one path.
func loadTimeline(s *data.Store, c data.Chronology, total int, f data.Filter) (*timelineData, error) {
	d := &timelineData{loc: data.LoadZone(c.Zone), total: total}
	eras, err := s.Eras()
	if err != nil {
		return nil, err
	}
	if d.links, err = readStoryLinks(s); err != nil {
		return nil, err
	}
	for _, e := range eras {
		d.eras = append(d.eras, timeline.Era{Start: float64(e.Start.Instant(nil)), Stop: float64(e.End.Stop(nil)),
			Title: e.Title, Color: withAlpha(parseColor(e.Color), 0x40)})
	}
	keep, err := timelineKeep(s, f)
	if err != nil {
		return nil, err
	}
	if d.src, err = loadStoreSource(s, keep); err != nil {
		return nil, err
	}
	if total < smallChronology {
		if err := d.src.readAllTexts(); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// timelineKeep returns the test a compact row must pass to be on a large
// file's timeline under f's certainty and tag filters (nil: all pass).
func timelineKeep(s *data.Store, f data.Filter) (func(*data.CompactRow) bool, error) {
	if f.Certainties == nil && len(f.Tags) == 0 {
		return nil, nil
	}
	var tagged map[int64]bool
	if len(f.Tags) > 0 {
		rows, err := s.Window(data.Filter{Tags: f.Tags, Certainties: f.Certainties})
		if err != nil {
			return nil, err
		}
		tagged = make(map[int64]bool, len(rows))
		for _, r := range rows {
			tagged[r.ID] = true
		}
	}
	return func(r *data.CompactRow) bool {
		if tagged != nil {
			return tagged[r.ID]
		}
		return slices.Contains(f.Certainties, r.Certainty)
	}, nil
}

// clear empties the timeline while another chronology loads.
func (v *timelineView) clear() {
	v.data = nil
	v.tl.SetSource(nil)
	v.tl.SetEras(nil)
	v.tl.Hide()
	v.loading.Show()
	v.busy.Start()
}

// hideLoading hides the loading view and stops its animation.
func (v *timelineView) hideLoading() {
	v.busy.Stop()
	v.loading.Hide()
}

// show puts a loaded chronology on the timeline, with lanes for actors;
// keepView keeps the view where it is (a filter changed), otherwise the
// whole chronology is fitted.
func (v *timelineView) show(d *timelineData, lanes []timeline.Lane, keepView bool) {
	v.data = d
	if ss := d.src; ss != nil {
		ss.async = v.async
		ss.setOnChange(func() {
			fyne.Do(func() {
				v.tl.Reload()
				if v.mirror != nil {
					v.mirror.Reload()
				}
			})
		})
	}
	v.hideLoading()
	v.tl.Show()
	v.tl.SetLocation(d.loc)
	v.tl.SetEras(d.eras)
	v.tl.SetLanes(lanes)
	vp := v.tl.Viewport()
	v.tl.SetSource(d.source())
	v.showLinkLegend()
	if keepView {
		v.tl.SetViewport(vp)
	} else {
		v.tl.FitAll()
	}
}

// showLinkLegend explains the arcs' colours in the legend while the
// chronology has links and the timeline may draw them.
func (v *timelineView) showLinkLegend() {
	on := v.data != nil && v.data.links.len() > 0 && v.tl.LinksShown() != timeline.LinksNone
	if v.legend.Links != on {
		v.legend.Links = on
		v.legend.Refresh()
	}
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
