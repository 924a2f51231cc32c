package timeline

import (
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// palette colours lanes that come without one: distinct hues that stay
// legible on light and dark backgrounds (Okabe–Ito and Tableau picks).
var palette = [...]color.NRGBA{
	{0x1f, 0x77, 0xb4, 0xff}, // blue
	{0xd6, 0x5f, 0x00, 0xff}, // vermilion
	{0x00, 0x9e, 0x73, 0xff}, // bluish green
	{0xcc, 0x79, 0xa7, 0xff}, // reddish purple
	{0xe6, 0x9f, 0x00, 0xff}, // orange
	{0x56, 0xb4, 0xe9, 0xff}, // sky blue
	{0x8c, 0x56, 0x4b, 0xff}, // brown
	{0x7f, 0x3c, 0x8d, 0xff}, // purple
	{0x59, 0xa1, 0x4f, 0xff}, // green
	{0xb2, 0x22, 0x22, 0xff}, // red
}

// PaletteColor returns the colour the widget gives the i-th lane when its
// Lane.Color is nil; the app may use it to colour the same actor elsewhere.
func PaletteColor(i int) color.Color {
	return palette[((i%len(palette))+len(palette))%len(palette)]
}

// shapeKind is what an item copy is drawn as.
type shapeKind uint8

const (
	kindMarker shapeKind = iota // a point event narrower than a marker: a dot
	kindSoft                    // a point event whose precision period is wider: a rounded band
	kindBar                     // an event with an explicit end: a bar
)

// shapeStyle is how one shape is painted.
type shapeStyle struct {
	fill, stroke color.NRGBA // zero: none
	strokeWidth  float32
	dashed       bool // draw the outline as dashes (disputed)
	struck       bool // draw a line through the shape and its label (denied)
	textOnFill   bool // a label inside the shape sits on its fill: use textColor
	textColor    color.NRGBA
}

// styleFor returns the style of a shape of the given kind and certainty in
// lane colour c: confirmed solid, reported pale, claimed outlined, disputed
// dashed, denied outlined and struck. The style does not depend on the
// kind: precision is told by shape alone (a dot, a band with round ends
// over the period a date is known to, a square-cornered bar for an
// explicit duration), so that a pale mark always means "reported".
// On a dark background a pale fill is less transparent, so that it still
// reads as a lighter version of the lane colour rather than as a shadow.
func styleFor(cert Certainty, _ shapeKind, c color.NRGBA, dark bool) shapeStyle {
	switch cert {
	case Confirmed:
		return shapeStyle{fill: c, textOnFill: true, textColor: textOn(c)}
	case Reported:
		if dark {
			return shapeStyle{fill: alpha(c, 0.55)}
		}
		return shapeStyle{fill: alpha(c, 0.38)}
	case Claimed:
		return shapeStyle{stroke: c, strokeWidth: 2}
	case Disputed:
		return shapeStyle{stroke: c, strokeWidth: 2, dashed: true}
	}
	return shapeStyle{stroke: alpha(c, 0.75), strokeWidth: 1.5, struck: true}
}

// alpha returns c with its alpha multiplied by a.
func alpha(c color.NRGBA, a float32) color.NRGBA {
	c.A = uint8(float32(c.A)*a + 0.5)
	return c
}

// toNRGBA converts any colour to non-premultiplied RGBA.
func toNRGBA(c color.Color) color.NRGBA {
	if c == nil {
		return color.NRGBA{}
	}
	if n, ok := c.(color.NRGBA); ok {
		return n
	}
	return color.NRGBAModel.Convert(c).(color.NRGBA)
}

// luminance returns the relative luminance of c (WCAG), ignoring alpha.
func luminance(c color.NRGBA) float64 {
	lin := func(v uint8) float64 {
		f := float64(v) / 255
		if f <= 0.04045 {
			return f / 12.92
		}
		return math.Pow((f+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(c.R) + 0.7152*lin(c.G) + 0.0722*lin(c.B)
}

// contrast returns the WCAG contrast ratio of a and b.
func contrast(a, b color.NRGBA) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

// mix returns a blended towards b by t in [0, 1], keeping a's alpha.
func mix(a, b color.NRGBA, t float64) color.NRGBA {
	f := func(x, y uint8) uint8 { return uint8(float64(x)*(1-t) + float64(y)*t + 0.5) }
	return color.NRGBA{f(a.R, b.R), f(a.G, b.G), f(a.B, b.B), a.A}
}

// legible returns lane colour c (opaque), moved towards fg until it stands
// out from bg enough to read as a mark: a navy lane on a dark background
// becomes a lighter blue, a pale yellow one on white a darker yellow.
func legible(c, bg, fg color.NRGBA) color.NRGBA {
	c.A = 0xff
	const want = 2.4
	out := c
	for t := 0.0; t <= 1 && contrast(out, bg) < want; t += 0.1 {
		out = mix(c, fg, t)
	}
	return out
}

// textOn returns black or white, whichever reads better on c.
func textOn(c color.NRGBA) color.NRGBA {
	if contrast(c, color.NRGBA{A: 0xff}) >= contrast(c, color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}) {
		return color.NRGBA{R: 0x10, G: 0x10, B: 0x10, A: 0xff}
	}
	return color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
}

// colors are the theme colours one refresh paints with.
type colors struct {
	bg, fg, muted, separator, header, focus, hover, selection, primary, overlay, shadow, input color.NRGBA
	success, warning, danger                                                                   color.NRGBA
	dark                                                                                       bool
}

// themeColors reads the colours of th in variant v.
func themeColors(th fyne.Theme, v fyne.ThemeVariant) colors {
	get := func(n fyne.ThemeColorName) color.NRGBA { return toNRGBA(th.Color(n, v)) }
	c := colors{
		bg:        get(theme.ColorNameBackground),
		fg:        get(theme.ColorNameForeground),
		muted:     get(theme.ColorNamePlaceHolder),
		separator: get(theme.ColorNameSeparator),
		header:    get(theme.ColorNameHeaderBackground),
		focus:     get(theme.ColorNameFocus),
		hover:     get(theme.ColorNameHover),
		selection: get(theme.ColorNameSelection),
		primary:   get(theme.ColorNamePrimary),
		overlay:   get(theme.ColorNameOverlayBackground),
		shadow:    get(theme.ColorNameShadow),
		input:     get(theme.ColorNameInputBackground),
		success:   get(theme.ColorNameSuccess),
		warning:   get(theme.ColorNameWarning),
		danger:    get(theme.ColorNameError),
	}
	c.dark = luminance(c.bg) < 0.2
	// The header sits over scrolled content: it must be opaque.
	c.header = over(c.header, c.bg)
	c.overlay = over(c.overlay, c.bg)
	return c
}

// over returns c composited over the opaque background bg.
func over(c, bg color.NRGBA) color.NRGBA {
	a := float64(c.A) / 255
	f := func(x, y uint8) uint8 { return uint8(float64(x)*a + float64(y)*(1-a) + 0.5) }
	return color.NRGBA{f(c.R, bg.R), f(c.G, bg.G), f(c.B, bg.B), 0xff}
}

// nrgbaOrNone returns c as a color.Color, the zero colour as Transparent.
func nrgbaOrNone(c color.NRGBA) color.Color {
	if c == (color.NRGBA{}) {
		return color.Transparent
	}
	return c
}
