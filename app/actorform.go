package app

import (
	"fmt"
	"image/color"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chronoscope/data"
)

// actorPalette is the colours the actor form offers; a new actor gets the
// one least like the other actors' colours (nextColor).
var actorPalette = []string{"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
	"#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#7f7f7f"}

// actorForm edits an actor: its name, kind, lane colour and description.
type actorForm struct {
	*fields
	name, color, desc *keyEntry
	kind              *keySelect
	swatch            *canvas.Rectangle // the colour typed, or empty while it is not one
}

func newActorForm(parent fyne.Window, a data.Actor) *actorForm {
	f := &actorForm{fields: newFields()}
	f.name = newKeyEntry(false)
	f.name.SetText(a.Name)
	f.name.SetPlaceHolder("a state, organisation, person or group")
	var kinds []string
	for _, k := range data.ActorKinds {
		kinds = append(kinds, string(k))
	}
	f.kind = newKeySelect(kinds, "(choose a kind)")
	if a.Kind != "" {
		f.kind.SetSelected(string(a.Kind))
	}

	f.swatch = canvas.NewRectangle(color.Transparent)
	f.swatch.CornerRadius = 4
	f.swatch.StrokeWidth = 1
	f.swatch.StrokeColor = theme.Color(theme.ColorNameInputBorder)
	f.swatch.SetMinSize(fyne.NewSquareSize(theme.IconInlineSize() + 2*theme.Padding()))
	f.color = newKeyEntry(false)
	f.color.SetPlaceHolder("#rrggbb")
	f.color.OnChanged = func(s string) { f.showSwatch(strings.TrimSpace(s)) }
	f.color.SetText(a.Color)
	pick := widget.NewButtonWithIcon("Choose…", theme.ColorPaletteIcon(), func() {
		p := dialog.NewColorPicker("Lane colour", "The colour of the actor's lane and swatch", func(c color.Color) {
			if _, _, _, a := c.RGBA(); a != 0 { // not the picker's "no colour"
				f.color.SetText(hexColor(c))
			}
		}, parent)
		p.Advanced = true
		p.Show()
		if s := strings.TrimSpace(f.color.Text); data.ValidColor(s) {
			p.SetColor(parseColor(s))
		}
	})
	palette := container.NewHBox()
	for _, hex := range actorPalette {
		palette.Add(newColorSwatch(parseColor(hex), func() { f.color.SetText(hex) }))
	}
	colorRow := container.NewBorder(nil, nil, container.NewCenter(f.swatch), pick, f.color)

	f.desc = newKeyEntry(true)
	f.desc.SetText(a.Description)
	f.desc.SetPlaceHolder("who they are, for the detail panel")
	f.desc.SetMinRowsVisible(3)

	f.add("Name", "name", f.name, f.name)
	f.add("Kind", "kind", f.kind, f.kind)
	f.add("Colour", "color", container.NewVBox(colorRow, palette), f.color)
	f.add("Description", "description", f.desc, f.desc)
	return f
}

// showSwatch fills the swatch with the colour s, or leaves it empty while
// s is not a colour.
func (f *actorForm) showSwatch(s string) {
	if data.ValidColor(s) {
		f.swatch.FillColor = parseColor(s)
	} else {
		f.swatch.FillColor = color.Transparent
	}
	f.swatch.Refresh()
}

// actor builds the edited actor on base (its id and lane position are
// kept); a *data.FieldError names a field in error.
func (f *actorForm) actor(base data.Actor) (*data.Actor, error) {
	a := base
	a.Name = strings.TrimSpace(f.name.Text)
	a.Kind = data.ActorKind(f.kind.Selected)
	a.Color = strings.ToLower(strings.TrimSpace(f.color.Text))
	a.Description = strings.TrimSpace(f.desc.Text)
	err := a.Validate()
	if fe, ok := err.(*data.FieldError); ok && fe.Field == "kind" && a.Kind == "" {
		err = &data.FieldError{Field: "kind", Msg: "choose one: state, organisation, person or group"}
	}
	return &a, err
}

// hexColor writes c as "#rrggbb".
func hexColor(c color.Color) string {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	return fmt.Sprintf("#%02x%02x%02x", n.R, n.G, n.B)
}

// nextColor is the palette colour least like any actor's colour (the
// first such, when several are as far): a new actor's lane then stands
// apart from the others, not merely in a colour no one has to the digit.
func nextColor(actors []data.Actor) string {
	best, bestD := actorPalette[0], -1.0
	for _, c := range actorPalette {
		d := math.Inf(1)
		for _, a := range actors {
			if data.ValidColor(a.Color) {
				d = min(d, colorDistance(parseColor(c), parseColor(a.Color)))
			}
		}
		if d > bestD {
			best, bestD = c, d
		}
	}
	return best
}

// colorDistance is how different two colours look: the distance in RGB
// weighted by the mean red ("redmean"), a cheap stand-in for a
// perceptual colour space.
func colorDistance(a, b color.Color) float64 {
	x := color.NRGBAModel.Convert(a).(color.NRGBA)
	y := color.NRGBAModel.Convert(b).(color.NRGBA)
	rm := (float64(x.R) + float64(y.R)) / 2
	dr, dg, db := float64(x.R)-float64(y.R), float64(x.G)-float64(y.G), float64(x.B)-float64(y.B)
	return math.Sqrt((2+rm/256)*dr*dr + 4*dg*dg + (2+(255-rm)/256)*db*db)
}

// colorSwatch is a square of colour that does something when tapped.
type colorSwatch struct {
	widget.BaseWidget
	color    color.Color
	OnTapped func()
}

var (
	_ fyne.Tappable      = (*colorSwatch)(nil)
	_ desktop.Cursorable = (*colorSwatch)(nil)
)

func newColorSwatch(c color.Color, tapped func()) *colorSwatch {
	s := &colorSwatch{color: c, OnTapped: tapped}
	s.ExtendBaseWidget(s)
	return s
}

func (s *colorSwatch) CreateRenderer() fyne.WidgetRenderer {
	r := canvas.NewRectangle(s.color)
	r.CornerRadius = 3
	r.SetMinSize(fyne.NewSquareSize(theme.IconInlineSize()))
	return widget.NewSimpleRenderer(r)
}

// Tapped runs OnTapped.
func (s *colorSwatch) Tapped(*fyne.PointEvent) {
	if s.OnTapped != nil {
		s.OnTapped()
	}
}

// Cursor shows a pointer over the swatch.
func (s *colorSwatch) Cursor() desktop.Cursor { return desktop.PointerCursor }
