// Package timeline holds the timeline widget and the pure maths under it: the
// time scale, axis ticks, row packing, clustering and hit-testing.
//
// Time is float64 seconds since 1970-01-01T00:00:00Z (Unix seconds, proleptic
// Gregorian calendar) everywhere, from before the Big Bang to about a trillion
// years ahead; pixels are float32, as in Fyne.
package timeline

import "math"

// Limits of the time scale. Every Viewport that Clamped, ZoomAt, Pan and Fit
// return lies within them.
const (
	// MinTime is the earliest instant a view may show: about 31.7 billion
	// years before 1970, leaving room to frame the Big Bang (about −4.35e17 s).
	MinTime = -1e18
	// MaxTime is the latest instant a view may show: about 1.01e12 years after 1970.
	MaxTime = 3.2e19
	// MaxSpan is the widest view, in seconds across the whole width: about 31.7
	// billion years, so the whole history of the universe fits with a margin.
	MaxSpan = 1e18
	// MinPerPixel is the finest zoom, in seconds per pixel: ten seconds fill a
	// 1,000-pixel view.
	MinPerPixel = 0.01
	// MinRelPerPixel keeps PerPixel at least this fraction of the largest
	// |instant| in view, so one pixel is always hundreds of float64 steps wide
	// and panning never stalls in deep time (about 7 hours per pixel at the Big Bang).
	MinRelPerPixel = 0x1p-44
	// MaxX bounds the pixel coordinates TimeToX returns, and the width of a
	// view; float32 still counts whole pixels exactly up to here.
	MaxX = 1 << 24
)

// Viewport maps time to horizontal pixels: Start is the instant at x = 0,
// PerPixel the seconds each pixel spans, Width the visible pixels.
type Viewport struct {
	Start    float64 // Unix seconds at x = 0
	PerPixel float64 // seconds per pixel, > 0
	Width    float32 // pixels
}

// TimeToX returns the x coordinate of instant t, clamped to ±MaxX so that far
// away instants stay finite; NaN maps to 0.
func (v Viewport) TimeToX(t float64) float32 {
	x := (t - v.Start) / v.PerPixel
	switch {
	case x > MaxX:
		return MaxX
	case x < -MaxX:
		return -MaxX
	case x == x:
		return float32(x)
	}
	return 0
}

// XToTime returns the instant under x.
func (v Viewport) XToTime(x float32) float64 {
	return v.Start + float64(x)*v.PerPixel
}

// End returns the instant at the right edge, x = Width.
func (v Viewport) End() float64 {
	return v.Start + float64(v.Width)*v.PerPixel
}

// Clamped returns v moved into the limits: Width in [1, MaxX], PerPixel in
// [MinPerPixel, MaxSpan/Width] and above the MinRelPerPixel floor, the view
// inside [MinTime, MaxTime]. NaN fields fall back to 0 or MinPerPixel.
// A viewport already within the limits is returned unchanged.
func (v Viewport) Clamped() Viewport {
	pp := v.PerPixel
	if pp != pp {
		pp = MinPerPixel
	}
	s := v.Start
	if s != s {
		s = 0
	}
	return place(s, 0, pp, v.Width)
}

// ZoomAt returns v zoomed by factor around pixel x: factor 2 halves PerPixel
// (zooms in), 0.5 doubles it. The instant under x stays under x unless a limit
// binds; x outside [0, Width] is taken at the nearest edge, and a factor that
// is not a finite positive number leaves the view as it is.
func (v Viewport) ZoomAt(x float32, factor float64) Viewport {
	v = v.Clamped()
	if !(factor > 0) || math.IsInf(factor, 0) {
		return v
	}
	if x != x {
		x = v.Width / 2
	}
	x = min(max(x, 0), v.Width)
	return place(v.XToTime(x), x, v.PerPixel/factor, v.Width)
}

// Pan returns v with its content moved dx pixels to the right, as a drag does:
// dx > 0 shows earlier times. A non-finite dx leaves the view as it is.
func (v Viewport) Pan(dx float32) Viewport {
	v = v.Clamped()
	if dx != dx || math.IsInf(float64(dx), 0) {
		return v
	}
	return place(v.Start-float64(dx)*v.PerPixel, 0, v.PerPixel, v.Width)
}

// Fit returns a view of the given width that shows [from, to] with margin
// pixels to spare on each side, centred on the range when a limit binds (a
// zero-length range is shown at the finest zoom the limits allow).
func Fit(from, to float64, width, margin float32) Viewport {
	w := clampWidth(width)
	if from != from || to != to {
		return Viewport{PerPixel: MinPerPixel, Width: w}.Clamped()
	}
	if to < from {
		from, to = to, from
	}
	from = min(max(from, MinTime), MaxTime)
	to = min(max(to, MinTime), MaxTime)
	inner := w - 2*max(margin, 0)
	if !(inner >= 1) {
		inner = w
	}
	mid := from + (to-from)/2
	return place(mid, w/2, (to-from)/float64(inner), w)
}

// place returns the viewport of width w that shows instant t at pixel x
// (0 ≤ x ≤ w) with pp seconds per pixel, as nearly as the limits allow: pp is
// clamped first, keeping t under x, and then the view is slid inside the world.
func place(t float64, x float32, pp float64, width float32) Viewport {
	w := clampWidth(width)
	fw, fx := float64(w), float64(x)
	maxPP := MaxSpan / fw
	pp = min(max(pp, MinPerPixel), maxPP)
	t = min(max(t, MinTime), MaxTime)
	s := t - fx*pp
	if pp < MinRelPerPixel*max(math.Abs(s), math.Abs(s+fw*pp)) {
		// Every instant in a view through t lies within fw·pp of t, so
		// pp ≥ rel·(|t| + fw·pp) is enough; the slack absorbs rounding.
		const rel = MinRelPerPixel * (1 + 0x1p-16)
		pp = min(max(pp, rel*math.Abs(t)/(1-rel*fw)), maxPP)
		s = t - fx*pp
	}
	s = min(max(s, MinTime), MaxTime-fw*pp)
	return Viewport{Start: s, PerPixel: pp, Width: w}
}

// clampWidth returns w within [1, MaxX]; NaN becomes 1.
func clampWidth(w float32) float32 {
	if !(w >= 1) {
		return 1
	}
	return min(w, MaxX)
}
