package timeline

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// LegendText explains the drawing of certainty in one sentence, for a
// tooltip, a presenter's notes or a screen reader.
const LegendText = "solid: confirmed · pale: reported · outline: claimed by a party · dashed: disputed · struck: denied · rounded band: date known only roughly"

// LinkLegendText explains the colours of link arcs in one sentence, like
// LegendText.
const LinkLegendText = "arcs, arrow at the answering event: grey responds to · green confirms · red contradicts or denies · orange led to"

// linkEntries are the link samples of the legend, in order.
var linkEntries = [...]struct {
	tone    LinkTone
	caption string
}{
	{ToneNeutral, "responds to"},
	{ToneSupport, "confirms"},
	{ToneOppose, "contradicts"},
	{ToneCause, "led to"},
}

// legendEntries are the samples of the legend, in order.
var legendEntries = [...]struct {
	cert    Certainty
	kind    shapeKind
	caption string
}{
	{Confirmed, kindBar, "confirmed"},
	{Reported, kindBar, "reported"},
	{Claimed, kindBar, "claimed by a party"},
	{Disputed, kindBar, "disputed"},
	{Denied, kindBar, "denied"},
	{Confirmed, kindSoft, "date known only roughly"},
}

var _ fyne.Widget = (*Legend)(nil)

// Legend shows one sample of each certainty as the timeline draws it, each
// with its caption, in one row (LegendText says the same in words).
type Legend struct {
	widget.BaseWidget

	// Color is the colour of the samples; nil uses the theme's primary colour.
	Color color.Color
	// Links adds a sample arc of each link colour (see LinkLegendText): set
	// it, then call Refresh, while the timeline shows links.
	Links bool
}

// NewLegend returns a legend in the theme's primary colour.
func NewLegend() *Legend {
	l := &Legend{}
	l.ExtendBaseWidget(l)
	return l
}

// CreateRenderer implements fyne.Widget.
func (l *Legend) CreateRenderer() fyne.WidgetRenderer {
	l.ExtendBaseWidget(l)
	r := &legendRenderer{l: l}
	for range legendEntries {
		r.shapes = append(r.shapes, &canvas.Rectangle{})
		r.texts = append(r.texts, &canvas.Text{})
	}
	for range linkEntries {
		r.texts = append(r.texts, &canvas.Text{})
	}
	for range 2*maxDashes + 4 + 1 + 3*len(linkEntries) {
		r.lines = append(r.lines, &canvas.Line{})
	}
	r.Refresh()
	return r
}

type legendRenderer struct {
	l      *Legend
	shapes []*canvas.Rectangle
	texts  []*canvas.Text
	lines  []*canvas.Line
	sizes  struct{ text, pad, sample, barH, gap float32 }
}

func (r *legendRenderer) Objects() []fyne.CanvasObject {
	o := make([]fyne.CanvasObject, 0, len(r.shapes)+len(r.texts)+len(r.lines))
	for _, s := range r.shapes {
		o = append(o, s)
	}
	for _, l := range r.lines {
		o = append(o, l)
	}
	for _, t := range r.texts {
		o = append(o, t)
	}
	return o
}

func (r *legendRenderer) Destroy() {}

// measure reads the sizes from the theme.
func (r *legendRenderer) measure() {
	th := r.l.Theme()
	r.sizes.text = th.Size(theme.SizeNameCaptionText)
	r.sizes.pad = th.Size(theme.SizeNamePadding)
	r.sizes.barH = float32(int(fyne.MeasureText("Ag", r.sizes.text, fyne.TextStyle{}).Height))
	r.sizes.sample = float32(int(2.2 * r.sizes.barH))
	r.sizes.gap = 3 * r.sizes.pad
}

func (r *legendRenderer) MinSize() fyne.Size {
	r.measure()
	s := r.sizes
	w := s.pad
	for i, e := range legendEntries {
		if i > 0 {
			w += s.gap
		}
		w += s.sample + s.pad + fyne.MeasureText(e.caption, s.text, fyne.TextStyle{}).Width
	}
	if r.l.Links {
		for _, e := range linkEntries {
			w += s.gap + s.sample + s.pad + fyne.MeasureText(e.caption, s.text, fyne.TextStyle{}).Width
		}
	}
	return fyne.NewSize(w+s.pad, s.barH+2*s.pad)
}

func (r *legendRenderer) Layout(size fyne.Size) {
	r.measure()
	s := r.sizes
	th := r.l.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	c := themeColors(th, v)
	base := c.primary
	if r.l.Color != nil {
		base = toNRGBA(r.l.Color)
	}
	base = legible(base, c.bg, c.fg)
	for _, l := range r.lines {
		l.Hide()
	}
	nl := 0
	addLine := func(a, b fyne.Position, col color.Color, w float32) {
		if nl < len(r.lines) {
			l := r.lines[nl]
			l.Position1, l.Position2, l.StrokeColor, l.StrokeWidth = a, b, col, w
			l.Show()
			nl++
		}
	}
	x, y := s.pad, (size.Height-s.barH)/2
	for i, e := range legendEntries {
		st := styleFor(e.cert, e.kind, base, c.dark)
		sh := r.shapes[i]
		sh.FillColor, sh.StrokeColor, sh.StrokeWidth = nrgbaOrNone(st.fill), nrgbaOrNone(st.stroke), st.strokeWidth
		sh.CornerRadius = 3
		if e.kind == kindSoft {
			sh.CornerRadius = s.barH / 2
		}
		if st.dashed {
			sh.StrokeColor, sh.StrokeWidth = nil, 0
			dashSegments(x, y, x+s.sample, y+s.barH, 3, false, func(a, b fyne.Position) { addLine(a, b, st.stroke, 2) })
		}
		if st.struck {
			addLine(fyne.NewPos(x-2, y+s.barH/2), fyne.NewPos(x+s.sample+2, y+s.barH/2), c.fg, 1.5)
		}
		setRect(sh, x, y, s.sample, s.barH)
		x += s.sample + s.pad
		t := r.texts[i]
		setText(t, e.caption, s.text, c.fg, fyne.TextStyle{})
		w := fyne.MeasureText(e.caption, s.text, fyne.TextStyle{}).Width
		setRect(t, x, 0, w, size.Height)
		x += w + s.gap
	}
	for i, e := range linkEntries {
		t := r.texts[len(legendEntries)+i]
		t.Hidden = !r.l.Links
		if !r.l.Links {
			continue
		}
		// A shallow arc with its arrowhead.
		col := toneColor(e.tone, c)
		y0, y1 := y+s.barH-1, y+1
		mid := fyne.NewPos(x+s.sample/2, y1)
		addLine(fyne.NewPos(x, y0), mid, col, arcWidth)
		end := fyne.NewPos(x+s.sample, y0)
		addLine(mid, end, col, arcWidth)
		for _, h := range arrowHead([]fyne.Position{mid, end}) {
			addLine(h[0], h[1], col, 2)
		}
		x += s.sample + s.pad
		setText(t, e.caption, s.text, c.fg, fyne.TextStyle{})
		w := fyne.MeasureText(e.caption, s.text, fyne.TextStyle{}).Width
		setRect(t, x, 0, w, size.Height)
		x += w + s.gap
	}
}

func (r *legendRenderer) Refresh() {
	r.Layout(r.l.Size())
	canvas.Refresh(r.l)
}
