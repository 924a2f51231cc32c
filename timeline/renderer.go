package timeline

import (
	"image"
	"image/color"
	"math"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
)

// Pool limits: at most MaxObjects canvas objects, whatever the data.
const (
	capEraBands   = maxEras
	capStripes    = maxLanesShown / 2
	capGrid       = maxTicks + 1
	capAxisText   = maxTicks
	capEraTitles  = maxEras
	capConnectors = 16
	capArcs       = capArcLines
	capEdgeBoxes  = maxEdgeLabels
	capShapes     = maxCopies
	capStrokes    = 160
	capRings      = 24
	capLabels     = maxCopies
	capThumbs     = maxThumbs
	capBadges     = maxBadges
	capSwatches   = maxLanesShown
	capSingles    = 12

	// MaxObjects is the most canvas objects a Timeline's renderer holds.
	MaxObjects = capEraBands + 2*capStripes + capGrid + capAxisText + capEraTitles + capConnectors + capArcs +
		capShapes + capStrokes + capRings + capLabels + capThumbs + 2*capBadges + 2*capEdgeBoxes + 2*capSwatches + capSingles
)

// Dashes: a disputed outline is drawn as dash lines of about dashPx with
// gaps of gapPx, at most maxDashes per side.
const (
	dashPx    = 5
	gapPx     = 4
	maxDashes = 16
)

// pool is a bounded list of canvas objects of one kind, re-used from frame
// to frame: begin, then get one per object drawn, then end hides the rest.
type pool[T fyne.CanvasObject] struct {
	objs  []T
	used  int
	limit int
	make  func() T
	grown *bool
}

func newPool[T fyne.CanvasObject](limit int, grown *bool, mk func() T) *pool[T] {
	return &pool[T]{limit: limit, make: mk, grown: grown}
}

func (p *pool[T]) begin() { p.used = 0 }

// get returns the next object to draw with; ok is false when the pool is
// exhausted.
func (p *pool[T]) get() (o T, ok bool) {
	if p.used < len(p.objs) {
		o = p.objs[p.used]
		p.used++
		return o, true
	}
	if len(p.objs) >= p.limit {
		return o, false
	}
	o = p.make()
	p.objs = append(p.objs, o)
	p.used++
	*p.grown = true
	return o, true
}

// free returns how many more objects get can hand out.
func (p *pool[T]) free() int { return p.limit - p.used }

// end shows the objects handed out and hides the others.
func (p *pool[T]) end() {
	for _, o := range p.objs[:p.used] {
		if !o.Visible() {
			o.Show()
		}
	}
	for _, o := range p.objs[p.used:] {
		if o.Visible() {
			o.Hide()
		}
	}
}

func (p *pool[T]) appendTo(dst []fyne.CanvasObject) []fyne.CanvasObject {
	for _, o := range p.objs {
		dst = append(dst, o)
	}
	return dst
}

// renderer draws a Timeline's frame with pooled canvas objects, in layers:
// eras, lane stripes, grid and axis, the connectors between an event's
// copies, link arcs, shapes, outlines, rings, labels, badges, the titles at
// the ends of arcs out of view, the lane column, the overview, the tooltip
// and the focus ring.
type renderer struct {
	t       *Timeline
	objects []fyne.CanvasObject
	grown   bool

	eraBands, stripes, shapes, rings, badgeBg     *pool[*canvas.Rectangle]
	headStripes, swatches, edgeBg                 *pool[*canvas.Rectangle]
	grid, connectors, arcs, strokes               *pool[*canvas.Line]
	axisText, eraTitles, labels, badgeText, names *pool[*canvas.Text]
	edgeText                                      *pool[*canvas.Text]
	thumbs                                        *pool[*canvas.Image]

	header, ovBg, ovWindow, tipBg, focus *canvas.Rectangle
	barTrack, barThumb                   *canvas.Rectangle // the lanes' scroll bar
	headerLine                           *canvas.Line
	ovImage                              *canvas.Image
	ovCaption, tipTitle, tipWhen         *canvas.Text

	// theme state
	th        fyne.Theme
	textSize  float32
	densGen   uint64
	densColor color.NRGBA
	tipFor    int64
	tipText   string
	short     map[string][3]string // shorter forms of major labels
	boxed     map[color.NRGBA]color.Color
	laneCols  []color.NRGBA // legible lane colours of this sync; the last for "no lane"
}

// laneColor returns the legible colour of lane l (-1 for none) for this sync.
func (r *renderer) laneColor(l int) color.NRGBA {
	if l < 0 || l >= len(r.laneCols)-1 {
		return r.laneCols[len(r.laneCols)-1]
	}
	return r.laneCols[l]
}

// box returns c as a color.Color without allocating once seen: colours
// recur from frame to frame (lane colours at a few alphas).
func (r *renderer) box(c color.NRGBA) color.Color {
	if c == (color.NRGBA{}) {
		return color.Transparent
	}
	if b, ok := r.boxed[c]; ok {
		return b
	}
	if r.boxed == nil || len(r.boxed) >= maxMeasured {
		r.boxed = make(map[color.NRGBA]color.Color)
	}
	b := color.Color(c)
	r.boxed[c] = b
	return b
}

func newRenderer(t *Timeline) *renderer {
	r := &renderer{t: t, tipFor: math.MinInt64}
	rect := func() *canvas.Rectangle { return &canvas.Rectangle{} }
	line := func() *canvas.Line { return &canvas.Line{} }
	text := func() *canvas.Text { return &canvas.Text{} }
	g := &r.grown
	r.eraBands = newPool(capEraBands, g, rect)
	r.stripes = newPool(capStripes, g, rect)
	r.grid = newPool(capGrid, g, line)
	r.axisText = newPool(capAxisText, g, text)
	r.eraTitles = newPool(capEraTitles, g, text)
	r.connectors = newPool(capConnectors, g, line)
	r.arcs = newPool(capArcs, g, line)
	r.shapes = newPool(capShapes, g, rect)
	r.strokes = newPool(capStrokes, g, line)
	r.rings = newPool(capRings, g, rect)
	r.labels = newPool(capLabels, g, text)
	r.thumbs = newPool(capThumbs, g, func() *canvas.Image {
		return &canvas.Image{FillMode: canvas.ImageFillCover, ScaleMode: canvas.ImageScaleSmooth}
	})
	r.badgeBg = newPool(capBadges, g, rect)
	r.badgeText = newPool(capBadges, g, text)
	r.edgeBg = newPool(capEdgeBoxes, g, rect)
	r.edgeText = newPool(capEdgeBoxes, g, text)
	r.headStripes = newPool(capStripes, g, rect)
	r.swatches = newPool(capSwatches, g, rect)
	r.names = newPool(capSwatches, g, text)

	r.header = rect()
	r.headerLine = line()
	r.ovCaption = text()
	r.ovBg = rect()
	r.ovImage = &canvas.Image{FillMode: canvas.ImageFillStretch, ScaleMode: canvas.ImageScalePixels}
	r.ovWindow = rect()
	r.tipBg = rect()
	r.tipTitle = &canvas.Text{TextStyle: fyne.TextStyle{Bold: true}}
	r.tipWhen = text()
	r.focus = rect()
	r.barTrack, r.barThumb = rect(), rect()
	for _, o := range r.singles() {
		o.Hide()
	}
	r.grown = true
	return r
}

// singles returns the one-of-a-kind objects in drawing order.
func (r *renderer) singles() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.header, r.headerLine, r.barTrack, r.barThumb, r.ovCaption, r.ovBg, r.ovImage, r.ovWindow, r.tipBg, r.tipTitle, r.tipWhen, r.focus}
}

// Objects returns every pooled object, visible or not, in drawing order.
func (r *renderer) Objects() []fyne.CanvasObject {
	if r.grown {
		r.grown = false
		o := r.objects[:0]
		o = r.eraBands.appendTo(o)
		o = r.stripes.appendTo(o)
		o = r.grid.appendTo(o)
		o = r.axisText.appendTo(o)
		o = r.eraTitles.appendTo(o)
		o = r.connectors.appendTo(o)
		o = r.arcs.appendTo(o)
		o = r.shapes.appendTo(o)
		o = r.strokes.appendTo(o)
		o = r.rings.appendTo(o)
		o = r.labels.appendTo(o)
		o = r.thumbs.appendTo(o)
		o = r.badgeBg.appendTo(o)
		o = r.badgeText.appendTo(o)
		o = r.edgeBg.appendTo(o)
		o = r.edgeText.appendTo(o)
		singles := r.singles()
		o = append(o, singles[:2]...) // the lane column's background and edge
		o = r.headStripes.appendTo(o)
		o = r.swatches.appendTo(o)
		o = r.names.appendTo(o)
		o = append(o, singles[2:]...)
		r.objects = o
	}
	return r.objects
}

// Destroy implements fyne.WidgetRenderer; nothing runs in the background.
func (r *renderer) Destroy() {}

// MinSize leaves room for the axis, one lane and the overview.
func (r *renderer) MinSize() fyne.Size {
	m := r.metrics()
	return fyne.NewSize(240, m.axisH+m.rowH+m.badgeH+2*m.lanePad+m.overviewH+m.pad)
}

// Layout lays the frame out for size and draws it.
func (r *renderer) Layout(size fyne.Size) {
	r.update(size)
}

// Refresh re-reads the theme and the widget's state and redraws.
func (r *renderer) Refresh() {
	r.update(r.t.Size())
	canvas.Refresh(r.t)
}

// metrics returns the layout metrics of the current theme, re-measured
// when the text size or the theme changed.
func (r *renderer) metrics() *metrics {
	th := r.t.Theme()
	if size := th.Size(theme.SizeNameText); r.t.m == nil || th != r.th || size != r.textSize {
		r.th, r.textSize = th, size
		r.t.m = newMetrics(th)
	}
	return r.t.m
}

// update builds the frame when its inputs changed and syncs the objects.
func (r *renderer) update(size fyne.Size) {
	if size.Width < 1 || size.Height < 1 {
		return
	}
	t := r.t
	m := r.metrics()
	t.f.build(t, size, m)
	r.sync(themeColors(r.th, fyne.CurrentApp().Settings().ThemeVariant()))
}

// sync copies the frame onto the pooled objects.
func (r *renderer) sync(c colors) {
	t, f, m := r.t, &r.t.f, r.t.m
	pools := []interface{ begin() }{r.eraBands, r.stripes, r.grid, r.axisText, r.eraTitles, r.connectors, r.arcs,
		r.shapes, r.strokes, r.rings, r.labels, r.thumbs, r.badgeBg, r.badgeText, r.edgeBg, r.edgeText, r.headStripes, r.swatches, r.names}
	for _, p := range pools {
		p.begin()
	}
	r.laneCols = r.laneCols[:0]
	for l := range t.lanes {
		r.laneCols = append(r.laneCols, legible(laneColor(t, l, c), c.bg, c.fg))
	}
	r.laneCols = append(r.laneCols, legible(c.primary, c.bg, c.fg))
	r.syncBackground(c)
	r.syncAxis(c)
	r.syncItems(c)
	r.syncArcs(c)
	r.syncBadges(c)
	r.syncLaneColumn(c)
	r.syncOverview(c)
	r.syncScrollBar(c)
	r.syncTooltip(c)

	r.focus.FillColor = color.Transparent
	r.focus.StrokeColor = r.box(c.focus)
	r.focus.StrokeWidth = 2
	r.focus.CornerRadius = m.pad
	setRect(r.focus, 1, 1, f.size.Width-2, f.size.Height-2)
	r.focus.Hidden = !t.focused

	r.eraBands.end()
	r.stripes.end()
	r.grid.end()
	r.axisText.end()
	r.eraTitles.end()
	r.connectors.end()
	r.arcs.end()
	r.shapes.end()
	r.strokes.end()
	r.rings.end()
	r.labels.end()
	r.thumbs.end()
	r.badgeBg.end()
	r.badgeText.end()
	r.edgeBg.end()
	r.edgeText.end()
	r.headStripes.end()
	r.swatches.end()
	r.names.end()
}

// syncBackground draws the era bands and lane stripes.
func (r *renderer) syncBackground(c colors) {
	t, f, m := r.t, &r.t.f, r.t.m
	bandA := float32(0.13)
	if c.dark {
		bandA = 0.2
	}
	for _, e := range f.eras {
		o, ok := r.eraBands.get()
		if !ok {
			break
		}
		col := alpha(c.fg, 0.06)
		if ec := t.eras[e.era].Color; ec != nil {
			col = alpha(toNRGBA(ec), bandA)
		}
		o.FillColor, o.StrokeWidth, o.CornerRadius = r.box(col), 0, 0
		setRect(o, e.x0, f.eraTop, e.x1-e.x0, f.lanesBot-f.eraTop)
		if e.title == "" {
			continue
		}
		if tx, ok := r.eraTitles.get(); ok {
			r.setText(tx, e.title, m.caption, mix(c.fg, c.muted, 0.4), fyne.TextStyle{Italic: true})
			setRect(tx, e.x0+m.pad, f.eraTop, e.x1-e.x0-m.pad, m.eraH)
		}
	}
	if len(f.lanes) > 1 {
		stripe := alpha(c.fg, 0.035)
		if c.dark {
			stripe = alpha(c.fg, 0.05)
		}
		for i := 1; i < len(f.lanes); i += 2 {
			b := &f.lanes[i]
			y0, y1 := max(b.y0, f.lanesTop), min(b.y1, f.lanesBot)
			if y1-y0 < 1 {
				continue
			}
			o, ok := r.stripes.get()
			if !ok {
				break
			}
			o.FillColor = r.box(stripe)
			setRect(o, f.plotX, y0, f.plotW, y1-y0)
			if h, ok := r.headStripes.get(); ok && f.headerW > 0 {
				h.FillColor = r.box(stripe)
				setRect(h, 0, y0, f.headerW-1, y1-y0)
			}
		}
	}
}

// syncAxis draws the grid lines and the two tiers of axis labels.
func (r *renderer) syncAxis(c colors) {
	f, m := &r.t.f, r.t.m
	right := f.plotX + f.plotW
	if base, ok := r.grid.get(); ok {
		base.StrokeColor, base.StrokeWidth = r.box(c.separator), 1
		base.Position1 = fyne.NewPos(f.plotX, m.axisH-0.5)
		base.Position2 = fyne.NewPos(right, m.axisH-0.5)
	}
	major := mix(c.separator, c.fg, 0.25)
	if c.dark {
		major = mix(c.separator, c.fg, 0.2)
	}
	minor := alpha(c.separator, 0.6)
	mi := 0
	for i, tk := range f.axis.Major {
		x := tk.X + f.plotX
		if tk.X >= 0 && tk.X <= f.plotW {
			if o, ok := r.grid.get(); ok {
				o.StrokeColor, o.StrokeWidth = r.box(major), 1
				o.Position1, o.Position2 = fyne.NewPos(x, 0), fyne.NewPos(x, f.lanesBot)
			}
		}
		lx := max(x, f.plotX) + m.pad
		limit := right
		if i+1 < len(f.axis.Major) {
			limit = f.axis.Major[i+1].X + f.plotX
		}
		label, w := r.majorLabel(tk.Label, limit-lx-m.pad)
		if label == "" {
			continue
		}
		if o, ok := r.axisText.get(); ok {
			r.setText(o, label, m.text, c.fg, fyne.TextStyle{Bold: true})
			setRect(o, lx, 0, w+2, m.majorH)
		}
	}
	for _, tk := range f.axis.Minor {
		if tk.X < 0 || tk.X > f.plotW {
			continue
		}
		x := tk.X + f.plotX
		for mi < len(f.axis.Major) && f.axis.Major[mi].At < tk.At {
			mi++
		}
		onMajor := mi < len(f.axis.Major) && f.axis.Major[mi].At == tk.At
		if !onMajor {
			if o, ok := r.grid.get(); ok {
				o.StrokeColor, o.StrokeWidth = r.box(minor), 1
				o.Position1, o.Position2 = fyne.NewPos(x, m.majorH), fyne.NewPos(x, f.lanesBot)
			}
		}
		if o, ok := r.axisText.get(); ok {
			r.setText(o, tk.Label, m.caption, c.muted, fyne.TextStyle{})
			setRect(o, x+m.pad/2+1, m.majorH, m.small.width(tk.Label)+2, m.axisH-m.majorH)
		}
	}
}

// majorLabel returns the longest form of a major tick label that fits
// room: "Fri 19 December 2014", "Fri 19 Dec 2014", "Fri 19 Dec", "19 Dec",
// then the shortest cut with "…".
func (r *renderer) majorLabel(label string, room float32) (string, float32) {
	m := r.t.m
	if w := m.bold.width(label); w <= room {
		return label, w
	}
	forms, ok := r.short[label]
	if !ok {
		forms = shortForms(label)
		if r.short == nil || len(r.short) >= maxMeasured {
			r.short = make(map[string][3]string)
		}
		r.short[label] = forms
	}
	for _, f := range forms {
		if w := m.bold.width(f); f != "" && w <= room {
			return f, w
		}
	}
	return m.bold.fit(forms[2], room)
}

// shortForms returns three ever shorter forms of a major label: months
// abbreviated, then without the year after a month, then without the
// weekday. Forms that cannot be shortened repeat the previous one.
func shortForms(label string) [3]string {
	words := strings.Fields(label)
	month := -1
	for i, w := range words {
		for mo := time.January; mo <= time.December; mo++ {
			if w == mo.String() {
				words[i], month = w[:3], i
			}
		}
	}
	var out [3]string
	out[0] = strings.Join(words, " ")
	if month >= 0 && month == len(words)-2 {
		words = words[:len(words)-1]
	}
	out[1] = strings.Join(words, " ")
	if len(words) > 2 && len(words[0]) == 3 && month > 0 {
		words = words[1:]
	}
	out[2] = strings.Join(words, " ")
	return out
}

// syncItems draws the placed copies: the connectors between the copies of
// the selected and the hovered event, shapes, dashes and strikes, rings and
// labels. While presenting, every event but the selection is dimmed.
func (r *renderer) syncItems(c colors) {
	t, f, m := r.t, &r.t.f, r.t.m

	// Connectors between the copies of the selected and of the hovered
	// event, top to bottom, from the middle of the titled copy.
	connect := func(id int64) {
		var first, last *copyBox
		x := float32(-1)
		for i := range f.copies {
			cp := &f.copies[i]
			if cp.row == Overflow || f.items[cp.item].ID != id {
				continue
			}
			if first == nil || cp.y < first.y {
				first = cp
			}
			if last == nil || cp.y > last.y {
				last = cp
			}
			if !cp.mark || x < 0 {
				x = min(max(cp.x0+(cp.x1-cp.x0)/2, f.plotX+2), f.plotX+f.plotW-2)
			}
		}
		if first == nil || first == last {
			return
		}
		// The line stops short of the titles it would cross.
		y0, y1 := first.y+first.h/2, last.y+last.h/2
		for y0 < y1 {
			stop := y1
			next := y1
			for i := range f.copies {
				cp := &f.copies[i]
				if cp.row == Overflow || cp.label == "" || cp.y+cp.h <= y0 || cp.y >= stop ||
					x < cp.lx-1 || x > cp.lx+cp.lw+1 || f.items[cp.item].ID == id {
					continue
				}
				stop, next = cp.y, cp.y+cp.h
			}
			if stop > y0 {
				if o, ok := r.connectors.get(); ok {
					o.StrokeColor, o.StrokeWidth = r.box(c.primary), 2
					o.Position1, o.Position2 = fyne.NewPos(x, y0), fyne.NewPos(x, stop)
				}
			}
			y0 = next
		}
	}
	if t.hasSel {
		connect(t.sel)
	}
	if t.hoverCopy >= 0 && int(t.hoverCopy) < len(f.copies) {
		if id := f.items[f.copies[t.hoverCopy].item].ID; !t.hasSel || id != t.sel {
			connect(id)
		}
	}

	// Dash budget: share the stroke pool among the disputed shapes.
	disputed := 0
	for i := range f.copies {
		if cp := &f.copies[i]; cp.row != Overflow && f.items[cp.item].Certainty == Disputed {
			disputed++
		}
	}
	perSide := maxDashes
	if disputed > 0 {
		perSide = min(maxDashes, max(1, (r.strokes.free()/2)/disputed/2-1))
	}

	hovered := int64(math.MinInt64)
	if t.hoverCopy >= 0 && int(t.hoverCopy) < len(f.copies) {
		hovered = f.items[f.copies[t.hoverCopy].item].ID
	}
	spot := t.presenting && t.hasSel
	for i := range f.copies {
		cp := &f.copies[i]
		if cp.row == Overflow {
			continue
		}
		it := &f.items[cp.item]
		lc := r.laneColor(cp.colorLane)
		sel := t.hasSel && it.ID == t.sel
		dim := spot && !sel
		if dim {
			lc = mix(lc, c.bg, 0.6)
		}
		st := styleFor(it.Certainty, cp.kind, lc, c.dark)
		if cp.mark && cp.kind != kindMarker && st.fill.A < 0x60 {
			// A compact band is too thin for an outline: filled, paler
			// for what is not established.
			st.fill, st.strokeWidth = alpha(st.stroke, 0.55), 0
		}
		x0, y, x1, h, radius := f.shapeBox(cp)
		mark := t.marked[it.ID]
		hov := it.ID == hovered
		if o, ok := r.shapes.get(); ok {
			o.FillColor = r.box(st.fill)
			o.StrokeColor, o.StrokeWidth = r.box(st.stroke), st.strokeWidth
			if st.dashed {
				o.StrokeColor, o.StrokeWidth = nil, 0
			}
			o.CornerRadius = min(radius, (x1-x0)/2)
			setRect(o, x0, y, x1-x0, h)
		}
		strike := c.fg
		if dim {
			strike = mix(c.fg, c.bg, 0.6)
		}
		f.decorations(cp, st, perSide, func(a, b fyne.Position, struck bool) {
			if o, ok := r.strokes.get(); ok {
				if struck {
					o.StrokeColor, o.StrokeWidth = r.box(strike), 1.5
				} else {
					o.StrokeColor, o.StrokeWidth = r.box(st.stroke), 2
				}
				o.Position1, o.Position2 = a, b
			}
		})
		if sel || hov || mark {
			if o, ok := r.rings.get(); ok {
				o.CornerRadius = radius + 2
				switch {
				case sel:
					o.FillColor, o.StrokeColor, o.StrokeWidth = color.Transparent, r.box(c.primary), 2
				case mark:
					o.FillColor, o.StrokeColor, o.StrokeWidth = r.box(alpha(c.focus, 0.35)), r.box(c.focus), 2
				default:
					o.FillColor, o.StrokeColor, o.StrokeWidth = r.box(c.hover), r.box(alpha(c.fg, 0.35)), 1
				}
				setRect(o, x0-3, y-3, x1-x0+6, h+6)
			}
		}
		if cp.label == "" {
			continue
		}
		if o, ok := r.labels.get(); ok {
			col := c.fg
			if cp.inside && st.textOnFill {
				col = st.textColor
			}
			if dim {
				col = mix(col, c.bg, 0.55)
			}
			style := fyne.TextStyle{Bold: spot && sel}
			r.setText(o, cp.label, m.text, col, style)
			setRect(o, cp.lx+cp.thumb, cp.y, cp.lw-cp.thumb+2, cp.h)
		}
		if cp.thumb > 0 && t.thumbs != nil {
			if o, ok := r.thumbs.get(); ok {
				img, _ := t.thumbs.Thumbnail(it.ID)
				if o.Image != img {
					o.Image = img
					o.Refresh()
				}
				o.Translucency = 0
				if dim {
					o.Translucency = 0.6
				}
				th := cp.thumbBox(m)
				setRect(o, th.X0, th.Y0, th.X1-th.X0, th.Y1-th.Y0)
			}
		}
	}
}

// dashSegments calls line for each dash of a dashed outline of the box
// (x0, y0)–(x1, y1): along the long sides at most perSide dashes each, one
// dash on each short side. A marker (round) gets four short tangent dashes,
// which reads as a dashed circle.
func dashSegments(x0, y0, x1, y1 float32, perSide int, round bool, line func(a, b fyne.Position)) {
	seg := func(ax, ay, bx, by float32) { line(fyne.NewPos(ax, ay), fyne.NewPos(bx, by)) }
	w, h := x1-x0, y1-y0
	if round {
		q := w * 0.22
		cx, cy := x0+w/2, y0+h/2
		seg(cx-q, y0+1, cx+q, y0+1)
		seg(cx-q, y1-1, cx+q, y1-1)
		seg(x0+1, cy-q, x0+1, cy+q)
		seg(x1-1, cy-q, x1-1, cy+q)
		return
	}
	n := max(1, min(perSide, int((w+gapPx)/(dashPx+gapPx))))
	period := (w + gapPx) / float32(n)
	dash := period - gapPx
	if n == 1 {
		dash = w
	}
	for i := range n {
		a := x0 + float32(i)*period
		seg(a, y0+1, a+dash, y0+1)
		seg(a, y1-1, a+dash, y1-1)
	}
	q := h * 0.25
	seg(x0+1, y0+q, x0+1, y1-q)
	seg(x1-1, y0+q, x1-1, y1-q)
}

// syncBadges draws the count badges.
func (r *renderer) syncBadges(c colors) {
	t, f, m := r.t, &r.t.f, r.t.m
	fill := alpha(c.fg, 0.08)
	if c.dark {
		fill = alpha(c.fg, 0.14)
	}
	for i, b := range f.badges {
		o, ok := r.badgeBg.get()
		if !ok {
			break
		}
		o.FillColor, o.StrokeColor, o.StrokeWidth = r.box(fill), r.box(alpha(c.fg, 0.25)), 1
		if int32(i) == t.hoverBadge {
			o.FillColor = r.box(over(c.hover, over(fill, c.bg)))
		}
		o.CornerRadius = m.badgeH / 2
		setRect(o, b.x, b.y, b.w, m.badgeH)
		if tx, ok := r.badgeText.get(); ok {
			r.setText(tx, b.text, m.caption, c.fg, fyne.TextStyle{})
			tx.Alignment = fyne.TextAlignCenter
			setRect(tx, b.x, b.y, b.w, m.badgeH)
		}
	}
}

// syncLaneColumn draws the lane names and swatches (or, on a single track,
// the lane legend) and the overview's caption.
func (r *renderer) syncLaneColumn(c colors) {
	t, f, m := r.t, &r.t.f, r.t.m
	if f.headerW <= 0 {
		r.header.Hidden, r.headerLine.Hidden, r.ovCaption.Hidden = true, true, true
		return
	}
	r.header.Hidden, r.headerLine.Hidden = false, false
	r.header.FillColor = r.box(c.bg)
	setRect(r.header, 0, 0, f.headerW, f.size.Height)
	r.headerLine.StrokeColor, r.headerLine.StrokeWidth = r.box(c.separator), 1
	r.headerLine.Position1 = fyne.NewPos(f.headerW-0.5, 0)
	r.headerLine.Position2 = fyne.NewPos(f.headerW-0.5, f.size.Height)

	entry := func(l int, y, rowH float32, font *measurer, size float32) {
		sw, ok := r.swatches.get()
		if !ok {
			return
		}
		d := min(m.markerD, font.height*0.8)
		sw.FillColor = r.box(r.laneColor(l))
		sw.StrokeWidth, sw.CornerRadius = 0, 3
		setRect(sw, 2*m.pad, y+(rowH-d)/2, d, d)
		if tx, ok := r.names.get(); ok {
			x := 3*m.pad + d
			name, w := font.fit(t.lanes[l].Name, f.headerW-x-m.pad)
			r.setText(tx, name, size, c.fg, fyne.TextStyle{})
			setRect(tx, x, y, w+2, rowH)
		}
	}
	if t.single {
		// A colour key, set apart from the track's rows: a heading and
		// caption-sized entries, so that no row reads as an actor's lane.
		if tx, ok := r.names.get(); ok {
			r.setText(tx, "Colours", m.caption, c.muted, fyne.TextStyle{Bold: true})
			setRect(tx, 2*m.pad, f.lanesTop+m.pad, f.headerW-3*m.pad, m.small.height)
		}
		step := m.small.height + m.pad/2
		for l := range t.lanes {
			y := f.lanesTop + m.pad + float32(l+1)*step
			if y+step > f.lanesBot {
				break
			}
			entry(l, y, step, m.small, m.caption)
		}
	} else {
		for _, b := range f.lanes {
			y := b.y0 + m.lanePad
			if b.lane < 0 || y < f.lanesTop-0.5 || y+m.rowH > f.lanesBot+0.5 {
				continue
			}
			entry(b.lane, y, m.rowH, m.label, m.text)
		}
	}
	r.ovCaption.Hidden = m.overviewH <= 0 || f.boundsLabel == "" || f.ovY >= f.size.Height
	if !r.ovCaption.Hidden {
		label, w := m.small.fit(f.boundsLabel, f.headerW-3*m.pad)
		r.setText(r.ovCaption, label, m.caption, c.muted, fyne.TextStyle{})
		setRect(r.ovCaption, 2*m.pad, f.ovY, w+2, f.size.Height-f.ovY)
	}
}

// syncScrollBar draws the lanes' scroll bar when they are taller than
// their area.
func (r *renderer) syncScrollBar(c colors) {
	t, f := r.t, &r.t.f
	track, thumb, ok := f.scrollBar()
	r.barTrack.Hidden, r.barThumb.Hidden = !ok, !ok
	if !ok {
		return
	}
	r.barTrack.FillColor, r.barTrack.CornerRadius = r.box(alpha(c.fg, 0.06)), scrollBarW/2
	setRect(r.barTrack, track.X0, track.Y0, track.X1-track.X0, track.Y1-track.Y0)
	a := float32(0.35)
	if t.dragBar {
		a = 0.6
	}
	r.barThumb.FillColor, r.barThumb.CornerRadius = r.box(alpha(c.fg, a)), scrollBarW/2
	setRect(r.barThumb, thumb.X0, thumb.Y0, thumb.X1-thumb.X0, thumb.Y1-thumb.Y0)
}

// syncOverview draws the density strip and the view's window on it.
func (r *renderer) syncOverview(c colors) {
	f, m := &r.t.f, r.t.m
	h := f.size.Height - f.ovY
	hidden := h <= 0 || !f.boundsOK
	r.ovBg.Hidden, r.ovImage.Hidden, r.ovWindow.Hidden = hidden, hidden, hidden
	if hidden {
		return
	}
	y, ih := f.ovY+2, h-4
	r.ovBg.FillColor, r.ovBg.CornerRadius = r.box(c.input), m.pad
	setRect(r.ovBg, f.plotX+2, y, f.plotW-4, ih)

	bar := alpha(mix(c.primary, c.fg, 0.15), 0.7)
	if f.densityGen != r.densGen || bar != r.densColor || r.ovImage.Image == nil {
		r.densGen, r.densColor = f.densityGen, bar
		r.ovImage.Image = densityImage(f.density, bar)
		r.ovImage.Refresh()
	}
	setRect(r.ovImage, f.plotX+2, y+2, f.plotW-4, ih-4)

	x0 := f.plotX + float32((f.vp.Start-f.ovFrom)/f.ovPP)
	x1 := f.plotX + float32((f.vp.End()-f.ovFrom)/f.ovPP)
	x0 = min(max(x0, f.plotX), f.plotX+f.plotW-4)
	x1 = min(max(x1, x0+4), f.plotX+f.plotW)
	r.ovWindow.FillColor = r.box(alpha(c.primary, 0.16))
	r.ovWindow.StrokeColor, r.ovWindow.StrokeWidth = r.box(c.primary), 1.5
	r.ovWindow.CornerRadius = 3
	setRect(r.ovWindow, x0, y, x1-x0, ih)
}

// densityImage draws counts as bars, one pixel column per bucket, with
// heights by square root so that sparse regions still show.
func densityImage(counts []int, col color.NRGBA) image.Image {
	const h = 32
	w := max(len(counts), 1)
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	top := 0
	for _, n := range counts {
		top = max(top, n)
	}
	if top == 0 {
		return img
	}
	scale := float64(h) / math.Sqrt(float64(top))
	for x, n := range counts {
		if n <= 0 {
			continue
		}
		bh := max(int(math.Round(math.Sqrt(float64(n))*scale)), 1)
		for y := h - bh; y < h; y++ {
			img.SetNRGBA(x, y, col)
		}
	}
	return img
}

// syncTooltip draws the hovered item's title and date, or a badge's hint,
// in a small panel kept inside the widget.
func (r *renderer) syncTooltip(c colors) {
	t, f, m := r.t, &r.t.f, r.t.m
	hide := func() { r.tipBg.Hidden, r.tipTitle.Hidden, r.tipWhen.Hidden = true, true, true }
	var title, when string
	var ax, ay0, ay1 float32
	switch {
	case t.hoverCopy >= 0 && int(t.hoverCopy) < len(f.copies) && f.copies[t.hoverCopy].row != Overflow:
		cp := &f.copies[t.hoverCopy]
		it := &f.items[cp.item]
		title = it.Title
		if r.tipFor != it.ID {
			r.tipFor = it.ID
			r.tipText = it.Certainty.String()
			if it.When != "" {
				r.tipText = it.When + " · " + r.tipText
			}
		}
		when = r.tipText
		ax, ay0, ay1 = max(cp.x0, f.plotX), cp.y, cp.y+m.rowH
	case t.hoverBadge >= 0 && int(t.hoverBadge) < len(f.badges):
		b := &f.badges[t.hoverBadge]
		title, when = b.text[1:]+" more here", "click to list them"
		ax, ay0, ay1 = b.x, b.y, b.y+m.badgeH
	case t.hoverArc >= 0 && int(t.hoverArc) < len(f.arcs):
		title, when = r.linkTip(&f.arcs[t.hoverArc].link)
		ax, ay0, ay1 = t.pointer.X, t.pointer.Y-arcHitTolerance, t.pointer.Y+arcHitTolerance+2
	case t.hoverLane >= 0 && t.hoverLane < len(t.lanes):
		title, when = t.lanes[t.hoverLane].Name, "actor"
		for _, b := range f.lanes {
			if b.lane == t.hoverLane {
				ax, ay0, ay1 = 2*m.pad, b.y0, b.y0+m.lanePad+m.rowH
			}
		}
	default:
		hide()
		return
	}
	title, tw := m.bold.fit(title, 26*m.text)
	ww := m.small.width(when)
	w := max(tw, ww) + 4*m.pad
	h := m.bold.height + m.small.height + 3*m.pad
	x := min(max(ax, min(f.plotX+2, ax)), f.size.Width-w-2)
	y := ay1 + 4
	if y+h > f.size.Height-2 {
		y = ay0 - h - 4
	}
	y = max(y, 2)
	r.tipBg.Hidden, r.tipTitle.Hidden, r.tipWhen.Hidden = false, false, false
	r.tipBg.FillColor = r.box(c.overlay)
	r.tipBg.StrokeColor, r.tipBg.StrokeWidth = r.box(alpha(c.fg, 0.3)), 1
	r.tipBg.CornerRadius = m.pad * 1.5
	setRect(r.tipBg, x, y, w, h)
	r.setText(r.tipTitle, title, m.text, c.fg, fyne.TextStyle{Bold: true})
	setRect(r.tipTitle, x+2*m.pad, y+m.pad, tw+2, m.bold.height)
	r.setText(r.tipWhen, when, m.caption, c.muted, fyne.TextStyle{})
	setRect(r.tipWhen, x+2*m.pad, y+m.pad+m.bold.height+m.pad/2, ww+2, m.small.height)
}

// setRect moves and resizes o.
func setRect(o fyne.CanvasObject, x, y, w, h float32) {
	o.Move(fyne.NewPos(x, y))
	o.Resize(fyne.NewSize(max(w, 0), max(h, 0)))
}

// setText sets a text object's content and look.
func setText(o *canvas.Text, s string, size float32, col color.Color, style fyne.TextStyle) {
	o.Text, o.TextSize, o.Color, o.TextStyle = s, size, col, style
	o.Alignment = fyne.TextAlignLeading
}

// setText is setText with an interned colour.
func (r *renderer) setText(o *canvas.Text, s string, size float32, col color.NRGBA, style fyne.TextStyle) {
	setText(o, s, size, r.box(col), style)
}
