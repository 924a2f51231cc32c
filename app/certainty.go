package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chronoscope/data"
)

// certaintyColor is the theme colour of a certainty's badge: settled facts
// green, reports blue, a party's claims amber, disputes orange-red,
// denials red.
func certaintyColor(c data.Certainty) fyne.ThemeColorName {
	switch c {
	case data.Confirmed:
		return theme.ColorNameSuccess
	case data.Reported:
		return theme.ColorNamePrimary
	case data.Claimed, data.Disputed:
		return theme.ColorNameWarning
	case data.Denied:
		return theme.ColorNameError
	}
	return theme.ColorNameDisabled
}

// certaintyBadge shows a certainty as a small coloured label: filled for
// confirmed, reported and disputed, outlined for a party's claim, and
// struck through for a denial, so it reads in greyscale too.
type certaintyBadge struct {
	widget.BaseWidget
	certainty data.Certainty
}

func newCertaintyBadge() *certaintyBadge {
	b := &certaintyBadge{}
	b.ExtendBaseWidget(b)
	return b
}

func (b *certaintyBadge) set(c data.Certainty) {
	if b.certainty != c {
		b.certainty = c
		b.Refresh()
	}
}

// CreateRenderer implements fyne.Widget.
func (b *certaintyBadge) CreateRenderer() fyne.WidgetRenderer {
	r := &badgeRenderer{b: b, bg: canvas.NewRectangle(color.Transparent), text: canvas.NewText("", color.Black),
		strike: canvas.NewLine(color.Black)}
	r.text.TextStyle = fyne.TextStyle{Bold: true}
	r.bg.CornerRadius = 4
	r.bg.StrokeWidth = 1.5
	r.Refresh()
	return r
}

type badgeRenderer struct {
	b      *certaintyBadge
	bg     *canvas.Rectangle
	text   *canvas.Text
	strike *canvas.Line
}

func (r *badgeRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	ts := r.text.MinSize()
	r.text.Move(fyne.NewPos((size.Width-ts.Width)/2, (size.Height-ts.Height)/2))
	r.text.Resize(ts)
	r.strike.Position1 = fyne.NewPos(4, size.Height/2)
	r.strike.Position2 = fyne.NewPos(size.Width-4, size.Height/2)
}

func (r *badgeRenderer) MinSize() fyne.Size {
	ts := fyne.MeasureText("confirmed", r.text.TextSize, r.text.TextStyle)
	return fyne.NewSize(ts.Width+12, ts.Height+6)
}

func (r *badgeRenderer) Refresh() {
	c := r.b.certainty
	r.text.Text = string(c)
	th := r.b.Theme() // the widget's theme: larger and high-contrast when presenting
	r.text.TextSize = th.Size(theme.SizeNameCaptionText)
	v := fyne.CurrentApp().Settings().ThemeVariant()
	col := th.Color(certaintyColor(c), v)
	r.bg.StrokeColor = col
	switch c {
	case data.Claimed:
		r.bg.FillColor = color.Transparent
		r.text.Color = th.Color(theme.ColorNameForeground, v)
	case "":
		r.bg.FillColor, r.bg.StrokeColor = color.Transparent, color.Transparent
	default:
		r.bg.FillColor = col
		r.text.Color = th.Color(theme.ColorNameForegroundOnPrimary, v)
		if c == data.Confirmed || c == data.Disputed {
			r.text.Color = color.Black
		}
	}
	r.strike.StrokeColor = r.text.Color
	r.strike.StrokeWidth = 1.5
	r.strike.Hidden = c != data.Denied
	canvas.Refresh(r.bg)
	canvas.Refresh(r.text)
	canvas.Refresh(r.strike)
}

func (r *badgeRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.text, r.strike}
}

func (r *badgeRenderer) Destroy() {}
