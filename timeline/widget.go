package timeline

import (
	"math"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

var (
	_ fyne.Widget         = (*Timeline)(nil)
	_ fyne.Scrollable     = (*Timeline)(nil)
	_ fyne.Draggable      = (*Timeline)(nil)
	_ fyne.Tappable       = (*Timeline)(nil)
	_ fyne.DoubleTappable = (*Timeline)(nil)
	_ fyne.Focusable      = (*Timeline)(nil)
	_ fyne.Shortcutable   = (*Timeline)(nil)
	_ desktop.Hoverable   = (*Timeline)(nil)
)

// Interaction constants.
const (
	// wheelPerDoubling is the scroll distance (Fyne units: 25 per wheel
	// notch on most systems) that zooms in or out twofold.
	wheelPerDoubling = 100
	// keyPanFraction is the share of the width an arrow key pans.
	keyPanFraction = 0.125
	// fitMargin is the margin FitAll leaves on each side, in pixels.
	fitMargin = 24
	// hitTolerance is how far from an item a click still selects it.
	hitTolerance = 3
)

// Timeline is the interactive timeline widget: lanes of events over a
// two-tier time axis, with an overview strip of the whole chronology. It
// asks its Source only for the events of the view.
//
// Mouse and touchpad: the wheel (vertical scroll) zooms around the pointer,
// horizontal scroll and dragging pan, dragging vertically scrolls lanes that
// do not fit; a click selects an event, a link's arc (see LinksShown) or
// zooms into a count badge, a
// double click zooms in, and the overview strip at the bottom moves the view
// by click or drag. Keys, when focused: + and − zoom, Left and Right pan,
// Up and Down scroll the lanes, Home fits everything, Return zooms to the
// selection, Escape clears it; "." or "n", Page Down, Ctrl+Right or
// Alt+Right select the next event in time, and "," or "p", Page Up,
// Ctrl+Left or Alt+Left the previous one (Tab stays focus traversal).
//
// All methods must be called on the Fyne goroutine.
type Timeline struct {
	widget.BaseWidget

	// OnSelected is called when the user selects an event (click or key),
	// with its id. Select does not call it.
	OnSelected func(id int64)
	// OnUnselected is called when the user clears the selection (a click on
	// empty space or Escape), with the id that was selected.
	OnUnselected func(id int64)
	// OnLinkSelected is called when the user clicks a link's arc, with the
	// link's id (see LinkSource). SelectLink does not call it.
	OnLinkSelected func(id int64)
	// OnViewChanged is called after the user or a method moved or zoomed
	// the view.
	OnViewChanged func(vp Viewport)
	// OnUnhandledKey, when set, receives the keys the timeline does not
	// use itself (F5, say), so the window's own keys work while it has focus.
	OnUnhandledKey func(*fyne.KeyEvent)
	// OnUnhandledShortcut, when set, receives the shortcuts the timeline
	// does not use (Paste, for one), which would otherwise stop here
	// while it has the focus.
	OnUnhandledShortcut func(fyne.Shortcut)
	// OnMoved, when set, lets the user drag the selected event along the
	// time axis: while the drag lasts the event is drawn where it would
	// go, and when it ends OnMoved is called with its id and the shift in
	// seconds (the source is not changed; the caller moves the event and
	// reloads). Escape during the drag cancels it. Dragging anything else
	// pans, as without OnMoved.
	OnMoved func(id int64, by float64)
	// OnMoving, when set, is called as the selected event is dragged, with
	// the shift so far, and with 0 when the drag ends or is cancelled (to
	// show where the event would go).
	OnMoving func(id int64, by float64)

	src              Source
	srcGen, lanesGen uint64
	erasGen          uint64
	marked           map[int64]bool // search hits, drawn highlighted
	markGen          uint64
	lanes            []Lane
	eras             []Era
	loc              *time.Location
	single           bool
	everyLane        bool // a title in every lane of an event, not only its lead's
	presenting       bool // spotlight the selection: see SetPresenting
	fitLanes         bool // lanes give up rows rather than scroll: see SetFitLanes
	linksShown       LinksShown
	selLink          int64      // the highlighted link, 0 for none
	thumbs           Thumbnails // pictures beside titles, nil for none
	thumbsGen        uint64

	vp         Viewport
	sized      bool
	pending    pendingView
	laneScroll float32

	sel     int64
	hasSel  bool
	selItem Item
	selOK   bool // selItem holds the selected item

	hoverCopy, hoverBadge int32
	hoverArc              int32         // index into frame.arcs, -1 for none
	pointer               fyne.Position // last pointer position, while pointerIn
	pointerIn             bool
	focused               bool
	dragging, dragOver    bool
	dragBar               bool // the drag started on the lanes' scroll bar
	hoverLane             int  // the lane whose name is under the pointer, -1 for none
	badgeList             *widget.PopUp
	moving                bool    // the selected event is being dragged
	moveBy                float64 // its shift so far, in seconds

	f frame
	m *metrics
}

// pendingView is a view request made before the widget had a width.
type pendingView struct {
	kind     pendingKind
	from, to float64  // for pendingRange
	vp       Viewport // for pendingViewport
}

// pendingKind is what a pendingView asks for.
type pendingKind uint8

const (
	pendingNone     pendingKind = iota
	pendingFitAll               // FitAll
	pendingRange                // ShowRange(from, to)
	pendingViewport             // SetViewport(vp)
)

// New returns a timeline over src (nil for none yet) that fits the whole
// chronology once it gets a size, in the local time zone, with one unnamed
// track until SetLanes names lanes.
func New(src Source) *Timeline {
	t := &Timeline{
		src:        src,
		loc:        time.Local,
		vp:         Fit(0, 365.2425*86400, 1000, fitMargin),
		hoverCopy:  -1,
		hoverBadge: -1,
		hoverLane:  -1,
		hoverArc:   -1,
		pending:    pendingView{kind: pendingFitAll},
	}
	t.ExtendBaseWidget(t)
	return t
}

// CreateRenderer implements fyne.Widget.
func (t *Timeline) CreateRenderer() fyne.WidgetRenderer {
	t.ExtendBaseWidget(t)
	return newRenderer(t)
}

// SetSource replaces the source and re-reads everything from it; the
// selection is kept if the new source has it.
func (t *Timeline) SetSource(src Source) {
	t.src = src
	t.Reload()
}

// Reload tells the widget that the source's data changed: it queries again
// (bounds, density and the items of the view) on the next refresh, which it
// requests. The view does not move.
func (t *Timeline) Reload() {
	t.srcGen++
	t.hoverCopy, t.hoverBadge = -1, -1
	if t.hasSel {
		t.selItem, t.selOK = t.lookup(t.sel)
	}
	t.Refresh()
}

// SetLanes sets the lanes in their display order. Lanes not given are
// hidden: their events vanish unless they also belong to a given lane. With
// no lanes (the default) every event is drawn on one unnamed track. The
// slice is copied.
func (t *Timeline) SetLanes(lanes []Lane) {
	t.lanes = slices.Clone(lanes)
	t.lanesGen++
	t.hoverCopy, t.hoverBadge = -1, -1
	t.Refresh()
}

// Lanes returns a copy of the lanes shown.
func (t *Timeline) Lanes() []Lane { return slices.Clone(t.lanes) }

// SetEras sets the background bands. The slice is copied.
func (t *Timeline) SetEras(eras []Era) {
	t.eras = slices.Clone(eras)
	t.erasGen++
	t.Refresh()
}

// SetMarked highlights the events with these ids (search hits, say): they
// are drawn with a highlight ring and their labels are kept like the most
// important ones. nil or empty clears the marks.
func (t *Timeline) SetMarked(ids []int64) {
	t.marked = make(map[int64]bool, len(ids))
	for _, id := range ids {
		t.marked[id] = true
	}
	t.markGen++
	t.Refresh()
}

// Marked reports whether the event with the given id is marked.
func (t *Timeline) Marked(id int64) bool { return t.marked[id] }

// SetLocation sets the time zone of the axis labels (nil means UTC).
func (t *Timeline) SetLocation(loc *time.Location) {
	if loc == nil {
		loc = time.UTC
	}
	t.loc = loc
	t.Refresh()
}

// SetSingleTrack draws every event once on one shared track (true) or in
// one lane per actor (false, the default). On a single track the lane
// column lists the lanes as a colour legend.
func (t *Timeline) SetSingleTrack(single bool) {
	if t.setLayout(&t.single, single) {
		t.laneScroll = 0
	}
}

// setLayout sets one of the options the lanes are laid out by and lays
// them out anew; it reports whether the option changed.
func (t *Timeline) setLayout(option *bool, on bool) bool {
	if *option == on {
		return false
	}
	*option = on
	t.lanesGen++
	t.hoverCopy, t.hoverBadge = -1, -1
	t.Refresh()
	return true
}

// SingleTrack reports whether every event is drawn on one shared track.
func (t *Timeline) SingleTrack() bool { return t.single }

// SetTitleInEveryLane draws an event's title in each of its lanes (true)
// or only in its lead lane, the first of its Lanes shown (false, the
// default), where the other lanes get a compact mark joined to it.
func (t *Timeline) SetTitleInEveryLane(on bool) { t.setLayout(&t.everyLane, on) }

// TitleInEveryLane reports whether titles are drawn in every lane.
func (t *Timeline) TitleInEveryLane() bool { return t.everyLane }

// SetPresenting puts the timeline in presentation form (true): the
// selected event's title is never shortened and stands out while the
// others are dimmed, an event without room for its title is drawn as a
// compact mark instead of joining a count badge, and the lane column's
// colour key is left out (the presentation card names the actors).
func (t *Timeline) SetPresenting(on bool) { t.setLayout(&t.presenting, on) }

// SetFitLanes makes the lanes fit the widget's height (true) for a
// picture, which cannot scroll: they give up rows of marks, then of titles,
// and what finds no row joins a count badge. By default (false) lanes are
// as tall as their events need and scroll.
func (t *Timeline) SetFitLanes(on bool) { t.setLayout(&t.fitLanes, on) }

// Presenting reports whether the timeline is in presentation form.
func (t *Timeline) Presenting() bool { return t.presenting }

// Viewport returns the view: Start is the instant at the left edge of the
// event area (right of the lane names), Width its width in pixels.
func (t *Timeline) Viewport() Viewport { return t.vp }

// SetViewport shows vp's Start and PerPixel (the width stays the widget's),
// within the limits of Viewport.Clamped. Before the widget has a size the
// request waits for it.
func (t *Timeline) SetViewport(vp Viewport) {
	if !t.sized {
		t.pending = pendingView{kind: pendingViewport, vp: vp}
		return
	}
	vp.Width = t.vp.Width
	t.setView(vp.Clamped())
}

// ShowRange fits [from, to] into the view with a small margin.
func (t *Timeline) ShowRange(from, to float64) {
	if !t.sized {
		t.pending = pendingView{kind: pendingRange, from: from, to: to}
		return
	}
	t.setView(Fit(from, to, t.vp.Width, fitMargin))
}

// FitAll fits the whole chronology (the source's Bounds) into the view; it
// does nothing when the source is empty.
func (t *Timeline) FitAll() {
	if !t.sized {
		t.pending = pendingView{kind: pendingFitAll}
		return
	}
	if t.src == nil {
		return
	}
	if from, to, ok := t.src.Bounds(); ok {
		t.setView(Fit(from, to, t.vp.Width, fitMargin))
	}
}

// ZoomBy zooms around the middle of the view: factor 2 shows half the time
// (zooms in), 0.5 twice as much.
func (t *Timeline) ZoomBy(factor float64) {
	t.setView(t.vp.ZoomAt(t.vp.Width/2, factor))
}

// ZoomToSelection fits the selected event, with a third of the width to
// spare on each side (at least a minute shown); it does nothing without a
// selection.
func (t *Timeline) ZoomToSelection() {
	if !t.hasSel || !t.selOK {
		return
	}
	from, to := t.selItem.Start, max(t.selItem.Stop, t.selItem.Start)
	if to-from < 60 {
		mid := from + (to-from)/2
		from, to = mid-30, mid+30
	}
	t.ShowRange(from-(to-from), to+(to-from))
}

// Select selects the event with the given id and pans to show it when it
// is out of view (keeping the zoom); it does not call OnSelected.
func (t *Timeline) Select(id int64) {
	t.sel, t.hasSel = id, true
	t.selItem, t.selOK = t.lookup(id)
	t.reveal()
	t.Refresh()
}

// Unselect clears the selection; it does not call OnUnselected.
func (t *Timeline) Unselect() {
	t.hasSel, t.selOK = false, false
	t.Refresh()
}

// Selected returns the selected event's id; ok is false when none is.
func (t *Timeline) Selected() (id int64, ok bool) { return t.sel, t.hasSel }

// SelectNext selects the event after the selected one in time (the first
// one from the left edge of the view without a selection), pans to show it
// and calls OnSelected; it reports whether there was one.
func (t *Timeline) SelectNext() bool { return t.step(true) }

// SelectPrevious selects the event before the selected one in time (the
// last one before the right edge of the view without a selection), pans to
// show it and calls OnSelected; it reports whether there was one.
func (t *Timeline) SelectPrevious() bool { return t.step(false) }

// step moves the selection forward or back.
func (t *Timeline) step(forward bool) bool {
	if t.src == nil {
		return false
	}
	from := t.selItem
	if !t.hasSel || !t.selOK {
		from = Item{Start: t.vp.Start, ID: math.MinInt64}
		if !forward {
			from = Item{Start: t.vp.End(), ID: math.MinInt64}
		}
	}
	it, ok := t.src.Adjacent(from, forward, t.f.laneFilter(t))
	if !ok {
		return false
	}
	t.sel, t.hasSel, t.selItem, t.selOK = it.ID, true, it, true
	t.reveal()
	t.Refresh()
	if t.OnSelected != nil {
		t.OnSelected(it.ID)
	}
	return true
}

// lookup asks the source for an item.
func (t *Timeline) lookup(id int64) (Item, bool) {
	if t.src == nil {
		return Item{}, false
	}
	return t.src.Item(id)
}

// reveal pans the selected item into view, centring it, when its middle is
// outside the view.
func (t *Timeline) reveal() {
	if !t.hasSel || !t.selOK {
		return
	}
	mid := t.selItem.Start + (max(t.selItem.Stop, t.selItem.Start)-t.selItem.Start)/2
	if mid >= t.vp.Start && mid <= t.vp.End() {
		return
	}
	vp := t.vp
	vp.Start = mid - float64(vp.Width)/2*vp.PerPixel
	if !t.sized {
		t.pending = pendingView{kind: pendingViewport, vp: vp}
		return
	}
	t.setView(vp.Clamped())
}

// setView moves the view, refreshes and tells OnViewChanged.
func (t *Timeline) setView(vp Viewport) {
	if vp == t.vp {
		return
	}
	t.vp = vp
	t.hoverCopy, t.hoverBadge = -1, -1
	t.Refresh()
	if t.OnViewChanged != nil {
		t.OnViewChanged(vp)
	}
}

// syncWidth gives the view the width of the event area, applying a request
// made before there was one.
func (t *Timeline) syncWidth(w float32) {
	w = clampWidth(w)
	if t.sized && t.vp.Width == w {
		return
	}
	t.vp.Width = w
	t.vp = t.vp.Clamped()
	first := !t.sized
	t.sized = true
	if !first {
		return
	}
	p := t.pending
	t.pending = pendingView{kind: pendingNone}
	switch p.kind {
	case pendingFitAll:
		if t.src != nil {
			if from, to, ok := t.src.Bounds(); ok {
				t.vp = Fit(from, to, w, fitMargin)
			}
		}
	case pendingRange:
		t.vp = Fit(p.from, p.to, w, fitMargin)
	case pendingViewport:
		p.vp.Width = w
		t.vp = p.vp.Clamped()
	}
}

// Scrolled zooms around the pointer (vertical scroll) and pans (horizontal
// scroll); with Shift, over the lane names or over the scroll bar it
// scrolls the lanes instead.
func (t *Timeline) Scrolled(ev *fyne.ScrollEvent) {
	if shiftHeld() && !t.f.inOverview(ev.Position.Y) {
		// The desktop driver turns a wheel with Shift into a horizontal
		// scroll; either way it scrolls the lanes here.
		d := ev.Scrolled.DY
		if d == 0 {
			d = ev.Scrolled.DX
		}
		t.scrollLanes(-d)
		return
	}
	if (ev.Position.X < t.f.plotX || t.f.onScrollBar(ev.Position)) && !t.f.inOverview(ev.Position.Y) {
		t.scrollLanes(-ev.Scrolled.DY)
		return
	}
	vp := t.vp
	if dy := ev.Scrolled.DY; dy != 0 {
		dy = min(max(dy, -4*wheelPerDoubling), 4*wheelPerDoubling)
		vp = vp.ZoomAt(ev.Position.X-t.f.plotX, math.Exp2(float64(dy)/wheelPerDoubling))
	}
	if dx := ev.Scrolled.DX; dx != 0 {
		vp = vp.Pan(dx)
	}
	t.setView(vp)
}

// scrollStep is how far Up and Down scroll the lanes: a quarter of the
// lane area.
func (t *Timeline) scrollStep() float32 {
	return max((t.f.lanesBot-t.f.lanesTop)/4, 1)
}

// keyModifiers returns the modifier keys held down, from the desktop
// driver (none elsewhere); a variable so that tests can hold Shift.
var keyModifiers = func() fyne.KeyModifier {
	if app := fyne.CurrentApp(); app != nil {
		if d, ok := app.Driver().(desktop.Driver); ok {
			return d.CurrentKeyModifiers()
		}
	}
	return 0
}

// shiftHeld reports whether Shift is down (Shift+wheel scrolls the lanes).
func shiftHeld() bool { return keyModifiers()&fyne.KeyModifierShift != 0 }

// scrollLanes scrolls the lanes down by dy pixels (up for dy < 0).
func (t *Timeline) scrollLanes(dy float32) {
	before := t.laneScroll
	t.laneScroll += dy
	t.laneScroll = min(max(t.laneScroll, 0), max(t.f.contentH-(t.f.lanesBot-t.f.lanesTop), 0))
	if t.laneScroll != before {
		t.hoverCopy, t.hoverBadge = -1, -1
		t.Refresh()
	}
}

// Dragged pans the view with the pointer (and scrolls lanes vertically),
// or, for a drag that started on the overview strip, moves the view's
// window there.
func (t *Timeline) Dragged(ev *fyne.DragEvent) {
	if !t.dragging {
		t.dragging = true
		// The first event's delta runs from where the button went down
		// (as Fyne's desktop driver reports it); a start outside the
		// widget means the delta did not, so use where the pointer is.
		y := ev.Position.Y - ev.Dragged.DY
		if y < 0 || y > t.Size().Height {
			y = ev.Position.Y
		}
		t.dragOver = t.f.inOverview(y)
		t.dragBar = !t.dragOver && t.f.onScrollBar(fyne.NewPos(ev.Position.X-ev.Dragged.DX, y))
		t.hoverCopy, t.hoverBadge = -1, -1
		t.moving, t.moveBy = !t.dragOver && t.OnMoved != nil && t.selectedAt(ev.Position.X-ev.Dragged.DX, y), 0
	}
	if t.moving {
		t.moveBy += float64(ev.Dragged.DX) * t.vp.PerPixel
		t.Refresh()
		t.reportMoving(t.moveBy)
		return
	}
	if t.dragBar {
		// The thumb follows the pointer: the content moves by as much
		// more as it is taller than the lane area.
		if area := t.f.lanesBot - t.f.lanesTop; area > 0 {
			t.scrollLanes(ev.Dragged.DY * t.f.contentH / area)
		}
		return
	}
	if t.dragOver {
		if t.f.ovPP > 0 {
			t.setView(t.vp.Pan(-ev.Dragged.DX * float32(t.f.ovPP/t.vp.PerPixel)))
		}
		return
	}
	if ev.Dragged.DY != 0 {
		t.laneScroll -= ev.Dragged.DY
		t.laneScroll = min(max(t.laneScroll, 0), max(t.f.contentH-(t.f.lanesBot-t.f.lanesTop), 0))
	}
	if ev.Dragged.DX != 0 {
		t.setView(t.vp.Pan(ev.Dragged.DX))
	} else {
		t.Refresh()
	}
}

// DragEnd ends a drag.
func (t *Timeline) DragEnd() {
	t.dragging, t.dragBar = false, false
	if !t.moving {
		return
	}
	by := t.moveBy
	t.moving, t.moveBy = false, 0
	t.Refresh()
	t.reportMoving(0)
	if by != 0 && t.hasSel {
		t.OnMoved(t.sel, by)
	}
}

// reportMoving tells OnMoving how far the selected event has been dragged.
func (t *Timeline) reportMoving(by float64) {
	if t.OnMoving != nil && t.hasSel {
		t.OnMoving(t.sel, by)
	}
}

// selectedAt reports whether a drawn copy of the selected event is at x, y.
func (t *Timeline) selectedAt(x, y float32) bool {
	if !t.hasSel {
		return false
	}
	i := Hit(t.f.hits, x, y, hitTolerance)
	if i < 0 {
		return false
	}
	tg := t.f.targets[i]
	return tg.badge < 0 && t.f.items[t.f.copies[tg.copy].item].ID == t.sel
}

// Moving reports whether the selected event is being dragged, and by how
// many seconds so far.
func (t *Timeline) Moving() (by float64, ok bool) { return t.moveBy, t.moving }

// Tapped selects the event under the pointer (or, where there is none, the
// link whose arc is there), zooms into a badge, centres the view on a
// point of the overview strip, or clears the selections of event and link.
func (t *Timeline) Tapped(ev *fyne.PointEvent) {
	t.requestFocus()
	if t.f.inOverview(ev.Position.Y) {
		if t.f.ovPP > 0 && ev.Position.X >= t.f.plotX {
			at := t.f.ovFrom + float64(ev.Position.X-t.f.plotX)*t.f.ovPP
			vp := t.vp
			vp.Start = at - float64(vp.Width)/2*vp.PerPixel
			t.setView(vp.Clamped())
		}
		return
	}
	if t.f.onScrollBar(ev.Position) {
		// A click on the track pages towards it.
		if _, thumb, ok := t.f.scrollBar(); ok {
			area := t.f.lanesBot - t.f.lanesTop
			if ev.Position.Y < thumb.Y0 {
				t.scrollLanes(-area * 0.9)
			} else if ev.Position.Y > thumb.Y1 {
				t.scrollLanes(area * 0.9)
			}
		}
		return
	}
	i := Hit(t.f.hits, ev.Position.X, ev.Position.Y, hitTolerance)
	if i < 0 {
		if a := t.f.arcAt(ev.Position, arcHitTolerance); a >= 0 {
			id := t.f.arcs[a].link.ID
			t.selLink = id
			t.Refresh()
			if t.OnLinkSelected != nil {
				t.OnLinkSelected(id)
			}
			return
		}
		t.selLink = 0
		if t.hasSel {
			id := t.sel
			t.Unselect()
			if t.OnUnselected != nil {
				t.OnUnselected(id)
			}
		}
		return
	}
	tg := t.f.targets[i]
	if tg.badge >= 0 {
		t.showBadge(int(tg.badge), ev.AbsolutePosition.Subtract(ev.Position))
		return
	}
	it := t.f.items[t.f.copies[tg.copy].item]
	t.sel, t.hasSel, t.selItem, t.selOK = it.ID, true, it, true
	t.selLink = 0
	t.Refresh()
	if t.OnSelected != nil {
		t.OnSelected(it.ID)
	}
}

// zoomInto fits [from, to], zooming in at least twofold around its middle.
func (t *Timeline) zoomInto(from, to float64) {
	vp := Fit(from, to, t.vp.Width, 2*fitMargin)
	if !(vp.PerPixel <= t.vp.PerPixel/2) {
		mid := from + (to-from)/2
		vp = t.vp
		vp.Start = mid - float64(vp.Width)/2*vp.PerPixel
		vp = vp.Clamped().ZoomAt(vp.Width/2, 2)
	}
	t.setView(vp)
}

// DoubleTapped zooms in twofold around the pointer.
func (t *Timeline) DoubleTapped(ev *fyne.PointEvent) {
	if t.f.inOverview(ev.Position.Y) {
		return
	}
	t.setView(t.vp.ZoomAt(ev.Position.X-t.f.plotX, 2))
}

// requestFocus focuses the widget on its canvas.
func (t *Timeline) requestFocus() {
	if app := fyne.CurrentApp(); app != nil {
		if c := app.Driver().CanvasForObject(t); c != nil && c.Focused() != t {
			c.Focus(t)
		}
	}
}

// FocusGained shows the focus ring.
func (t *Timeline) FocusGained() {
	t.focused = true
	t.Refresh()
}

// FocusLost hides the focus ring.
func (t *Timeline) FocusLost() {
	t.focused = false
	t.Refresh()
}

// TypedRune handles + and − (zoom) and . n , p (next and previous event).
func (t *Timeline) TypedRune(r rune) {
	switch r {
	case '+', '=':
		t.ZoomBy(2)
	case '-', '_', '−':
		t.ZoomBy(0.5)
	case '.', 'n', '>':
		t.SelectNext()
	case ',', 'p', '<':
		t.SelectPrevious()
	}
}

// TypedKey handles the arrows, Home, Return, Escape and Page Up/Down.
func (t *Timeline) TypedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyLeft:
		t.setView(t.vp.Pan(t.vp.Width * keyPanFraction))
	case fyne.KeyRight:
		t.setView(t.vp.Pan(-t.vp.Width * keyPanFraction))
	case fyne.KeyUp:
		t.scrollLanes(-t.scrollStep())
	case fyne.KeyDown:
		t.scrollLanes(t.scrollStep())
	case fyne.KeyHome:
		t.FitAll()
	case fyne.KeyReturn, fyne.KeyEnter:
		t.ZoomToSelection()
	case fyne.KeyEscape:
		if t.moving {
			t.moving, t.moveBy = false, 0 // the drag goes on as nothing
			t.Refresh()
			t.reportMoving(0)
			return
		}
		if t.hasSel {
			id := t.sel
			t.Unselect()
			if t.OnUnselected != nil {
				t.OnUnselected(id)
			}
		}
	case fyne.KeyPageDown:
		t.SelectNext()
	case fyne.KeyPageUp:
		t.SelectPrevious()
	default:
		if t.OnUnhandledKey != nil {
			t.OnUnhandledKey(ev)
		}
	}
}

// TypedShortcut handles Ctrl/Alt/Super with Left or Right: previous or next
// event; other shortcuts go to OnUnhandledShortcut.
func (t *Timeline) TypedShortcut(s fyne.Shortcut) {
	if cs, ok := s.(*desktop.CustomShortcut); ok && cs.Modifier&(fyne.KeyModifierControl|fyne.KeyModifierAlt|fyne.KeyModifierSuper) != 0 {
		switch cs.KeyName {
		case fyne.KeyRight:
			t.SelectNext()
			return
		case fyne.KeyLeft:
			t.SelectPrevious()
			return
		}
	}
	if t.OnUnhandledShortcut != nil {
		t.OnUnhandledShortcut(s)
	}
}

// MouseIn starts hover feedback.
func (t *Timeline) MouseIn(ev *desktop.MouseEvent) { t.hover(ev.Position) }

// MouseMoved updates the hovered event and its tooltip.
func (t *Timeline) MouseMoved(ev *desktop.MouseEvent) { t.hover(ev.Position) }

// MouseOut hides the tooltip.
func (t *Timeline) MouseOut() {
	t.pointerIn = false
	if t.hoverCopy >= 0 || t.hoverBadge >= 0 || t.hoverLane >= 0 || t.hoverArc >= 0 {
		t.hoverCopy, t.hoverBadge, t.hoverLane, t.hoverArc = -1, -1, -1, -1
		t.Refresh()
	}
}

// hover finds what is under pos and refreshes when that changed.
func (t *Timeline) hover(pos fyne.Position) {
	t.pointer, t.pointerIn = pos, true
	c, b := t.under()
	l := t.f.laneNameAt(t, pos)
	a := t.underArc()
	if c != t.hoverCopy || b != t.hoverBadge || l != t.hoverLane || a != t.hoverArc {
		t.hoverCopy, t.hoverBadge, t.hoverLane, t.hoverArc = c, b, l, a
		t.Refresh()
	}
}

// underArc returns the arc under the pointer (-1 for none): only where no
// event or badge is, for those win.
func (t *Timeline) underArc() int32 {
	if !t.pointerIn || t.dragging || t.f.m == nil || Hit(t.f.hits, t.pointer.X, t.pointer.Y, 0) >= 0 {
		return -1
	}
	return int32(t.f.arcAt(t.pointer, arcHitTolerance))
}

// under returns the copy or badge under the pointer (-1 for none).
func (t *Timeline) under() (c, b int32) {
	if !t.pointerIn || t.dragging {
		return -1, -1
	}
	if i := Hit(t.f.hits, t.pointer.X, t.pointer.Y, 0); i >= 0 {
		return t.f.targets[i].copy, t.f.targets[i].badge
	}
	return -1, -1
}

// TimeAt returns the instant under widget x (in the widget's coordinates,
// lane names included): for context menus and drops.
func (t *Timeline) TimeAt(x float32) float64 {
	return t.vp.XToTime(x - t.f.plotX)
}

// XOf returns the widget x of instant at (the inverse of TimeAt).
func (t *Timeline) XOf(at float64) float32 {
	return t.vp.TimeToX(at) + t.f.plotX
}

// ItemAt returns the drawn event under pos (widget coordinates), as a
// click would select it; ok is false over empty space and badges.
func (t *Timeline) ItemAt(pos fyne.Position) (it Item, ok bool) {
	i := Hit(t.f.hits, pos.X, pos.Y, hitTolerance)
	if i < 0 || t.f.targets[i].copy < 0 {
		return Item{}, false
	}
	return t.f.items[t.f.copies[t.f.targets[i].copy].item], true
}

// Stats describes the last frame, for status bars and tests.
type Stats struct {
	Items   int // items the source returned for the view
	Total   int // items the source counted in the view (may be an upper bound, see Source.Items)
	Drawn   int // item copies drawn (an item is drawn once per lane it is in)
	Hidden  int // item copies folded into count badges
	Badges  int
	Queries int // Items calls since the widget was made
}

// Stats returns figures about the last laid-out frame.
func (t *Timeline) Stats() Stats {
	s := Stats{Items: len(t.f.items), Total: t.f.total, Badges: len(t.f.badges), Hidden: t.f.hiddenCopies, Queries: t.f.queries}
	for _, c := range t.f.copies {
		if c.row != Overflow {
			s.Drawn++
		}
	}
	return s
}

// Drawn is one drawn copy of an event in the last frame: where its shape
// and title are and how it is drawn, for tests and assistive reading.
type Drawn struct {
	ID    int64
	Lane  int    // index into Lanes(); -1 on the single track
	Mark  bool   // a compact mark: the event's title is in its lead lane
	Shape Rect   // widget coordinates
	Label Rect   // the title's pixels (its row's height); zero without a title
	Thumb Rect   // the thumbnail's pixels, left of the title (see SetThumbnails); zero without one
	Text  string // the title as drawn, shortened with "…" where room is short
	Title string // the event's whole title
	// Strokes are the lines the event's certainty draws (dashes, strike).
	Strokes [][2]fyne.Position
}

// Drawn returns the copies of events drawn in the last frame, in no
// particular order.
func (t *Timeline) Drawn() []Drawn {
	var out []Drawn
	f := &t.f
	for i := range f.copies {
		cp := &f.copies[i]
		if cp.row == Overflow {
			continue
		}
		it := &f.items[cp.item]
		d := Drawn{ID: it.ID, Lane: f.lanes[cp.lane].lane, Mark: cp.mark, Label: cp.textBox(), Thumb: cp.thumbBox(f.m), Text: cp.label, Title: it.Title}
		x0, y, x1, h, _ := f.shapeBox(cp)
		d.Shape = Rect{X0: x0, Y0: y, X1: x1, Y1: y + h}
		st := styleFor(it.Certainty, cp.kind, palette[0], false)
		f.decorations(cp, st, maxDashes, func(a, b fyne.Position, _ bool) {
			d.Strokes = append(d.Strokes, [2]fyne.Position{a, b})
		})
		out = append(out, d)
	}
	return out
}

// LaneArea returns the top and bottom of the lane area and the height of
// the lanes in it (taller than the area when they scroll).
func (t *Timeline) LaneArea() (top, bottom, content float32) {
	return t.f.lanesTop, t.f.lanesBot, t.f.contentH
}

// LaneScroll returns how far the lanes are scrolled down, in units.
func (t *Timeline) LaneScroll() float32 { return t.laneScroll }
