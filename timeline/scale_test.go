package timeline_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"chronoscope/timeline"
)

// year is the mean Gregorian year in seconds.
const year = 31556952.0

// positions are the instants the scale tests look at.
var positions = []struct {
	name string
	t    float64
}{
	{"13.8 billion years ago", -13.8e9 * year},
	{"1970", 0},
	{"2014", 1418947200}, // 2014-12-19T00:00:00Z
	{"1 million years ahead", 1e6 * year},
}

// zooms returns seconds per pixel from 1e-2 to 1e15 in factors of ten.
func zooms() []float64 {
	var z []float64
	for pp := 1e-2; pp <= 1.5e15; pp *= 10 {
		z = append(z, pp)
	}
	return z
}

// ulp returns the spacing of float64 values at t.
func ulp(t float64) float64 {
	t = math.Abs(t)
	return math.Nextafter(t, math.Inf(1)) - t
}

func TestTimeToXRoundTrip(t *testing.T) {
	for _, pos := range positions {
		for _, pp := range zooms() {
			vp := timeline.Viewport{Start: pos.t - 500*pp, PerPixel: pp, Width: 1000}
			for _, dx := range []float64{-500, -1, 0, 0.25, 1, 123.5, 499} {
				at := pos.t + dx*pp
				x := vp.TimeToX(at)
				back := vp.XToTime(x)
				if got, tol := math.Abs(back-at), 1e-4*pp+2*ulp(at); !(got <= tol) {
					t.Errorf("%s %g s/px dx %g: XToTime(TimeToX(%g)) = %g, off by %g > %g", pos.name, pp, dx, at, back, got, tol)
				}
				if got, tol := math.Abs(float64(x)-(500+dx)), 1e-3+4*ulp(at)/pp; !(got <= tol) {
					t.Errorf("%s %g s/px: TimeToX = %g, want %g ± %g", pos.name, pp, x, 500+dx, tol)
				}
			}
		}
	}
}

func TestXToTimeRoundTripClamped(t *testing.T) {
	for _, pos := range positions {
		for _, pp := range zooms() {
			vp := timeline.Viewport{Start: pos.t - 500*pp, PerPixel: pp, Width: 1000}.Clamped()
			for _, x := range []float32{0, 0.5, 1, 333.25, 500, 999, 1000} {
				if got := vp.TimeToX(vp.XToTime(x)); !(math.Abs(float64(got-x)) <= 1e-2) {
					t.Errorf("%s %g s/px: TimeToX(XToTime(%g)) = %g", pos.name, pp, x, got)
				}
			}
		}
	}
}

func TestZoomAtKeepsAnchor(t *testing.T) {
	for _, pos := range positions {
		for _, pp := range zooms() {
			vp := timeline.Viewport{Start: pos.t - 500*pp, PerPixel: pp, Width: 1000}.Clamped()
			for _, f := range []float64{2, 0.5, 1.1, 1e3, 1e-3, 1e30, 1e-30} {
				for _, x := range []float32{0, 250.5, 500, 1000} {
					anchor := vp.XToTime(x)
					z := vp.ZoomAt(x, f)
					checkViewport(t, z)
					if z.Start <= timeline.MinTime || z.End() >= timeline.MaxTime*(1-1e-15) {
						continue // slid back inside the world: the anchor may move
					}
					if got, tol := math.Abs(z.XToTime(x)-anchor), 1e-3*z.PerPixel+ulp(anchor); !(got <= tol) {
						t.Errorf("%s %g s/px ZoomAt(%g, %g): anchor moved by %g s > %g", pos.name, pp, x, f, got, tol)
					}
					want := vp.PerPixel / f
					free := want >= timeline.MinPerPixel && want <= timeline.MaxSpan/1000 &&
						want >= 2*timeline.MinRelPerPixel*(math.Abs(anchor)+1000*want)
					if got := z.PerPixel; free && got != want {
						t.Errorf("%s %g s/px ZoomAt(%g, %g): PerPixel = %g, want %g", pos.name, pp, x, f, got, want)
					}
				}
			}
		}
	}
}

func TestZoomLimits(t *testing.T) {
	for _, tc := range []struct {
		name   string
		at     float64
		factor float64
		want   float64 // PerPixel
	}{
		{"zoom in fully in 2014", 1.4e9, 1e30, timeline.MinPerPixel},
		{"zoom out fully in 2014", 1.4e9, 1e-30, timeline.MaxSpan / 1000},
		{"zoom in fully at the Big Bang", -13.8e9 * year, 1e30, 0}, // the float64 floor
		{"zoom in fully a trillion years ahead", 3e19, 1e30, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			vp := timeline.Fit(tc.at-5e6, tc.at+5e6, 1000, 0).ZoomAt(500, tc.factor)
			checkViewport(t, vp)
			if tc.want != 0 {
				if got := vp.PerPixel; got != tc.want {
					t.Errorf("PerPixel = %g, want %g", got, tc.want)
				}
				return
			}
			floor := timeline.MinRelPerPixel * math.Max(math.Abs(vp.Start), math.Abs(vp.End()))
			if got := vp.PerPixel; got < floor || got > floor*1.001 {
				t.Errorf("PerPixel = %g, want just above the float64 floor %g", got, floor)
			}
			// A one-pixel pan must still move the view by a pixel.
			if got, want := vp.Pan(1).Start-vp.Start, -vp.PerPixel; math.Abs(got-want) > 1e-2*vp.PerPixel {
				t.Errorf("Pan(1) moved Start by %g, want %g", got, want)
			}
		})
	}
}

func TestPan(t *testing.T) {
	vp := timeline.Viewport{Start: 1.4e9, PerPixel: 60, Width: 800}
	if got, want := vp.Pan(100).Start, 1.4e9-6000; got != want {
		t.Errorf("Pan(100).Start = %g, want %g", got, want)
	}
	if got, want := vp.Pan(-2.5).Start, 1.4e9+150; got != want {
		t.Errorf("Pan(-2.5).Start = %g, want %g", got, want)
	}
	if got, want := vp.Pan(1e30).Start, float64(timeline.MinTime); got != want {
		t.Errorf("Pan(1e30).Start = %g, want MinTime", got)
	}
	if got, want := vp.Pan(-1e30).End(), float64(timeline.MaxTime); math.Abs(got-want) > ulp(want) {
		t.Errorf("Pan(-1e30).End() = %g, want MaxTime", got)
	}
}

func TestFit(t *testing.T) {
	for _, tc := range []struct {
		name     string
		from, to float64
	}{
		{"five days of December 2014", 1418947200, 1418947200 + 5*86400},
		{"1 BCE to 1 CE", -62198755200, -62104060800},
		{"the cosmological range", -13.8e9 * year, 1.4e9},
		{"ten seconds", 1.4e9, 1.4e9 + 10},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, swap := range []bool{false, true} {
				from, to := tc.from, tc.to
				if swap {
					from, to = to, from
				}
				vp := timeline.Fit(from, to, 1000, 20)
				checkViewport(t, vp)
				if got, want := vp.TimeToX(tc.from), float32(20); math.Abs(float64(got-want)) > 1e-3 {
					t.Errorf("TimeToX(from) = %g, want %g", got, want)
				}
				if got, want := vp.TimeToX(tc.to), float32(980); math.Abs(float64(got-want)) > 1e-3 {
					t.Errorf("TimeToX(to) = %g, want %g", got, want)
				}
			}
		})
	}

	t.Run("an instant is centred at the finest zoom", func(t *testing.T) {
		vp := timeline.Fit(1.4e9, 1.4e9, 1000, 20)
		if got, want := vp.PerPixel, timeline.MinPerPixel; got != want {
			t.Errorf("PerPixel = %g, want %g", got, want)
		}
		if got, want := vp.TimeToX(1.4e9), float32(500); got != want {
			t.Errorf("TimeToX = %g, want %g", got, want)
		}
	})
	t.Run("a range wider than MaxSpan is centred", func(t *testing.T) {
		vp := timeline.Fit(-1e18, 1e18, 1000, 0)
		if got, want := vp.PerPixel, timeline.MaxSpan/1000; got != want {
			t.Errorf("PerPixel = %g, want %g", got, want)
		}
		if got, want := vp.TimeToX(0), float32(500); got != want {
			t.Errorf("TimeToX(0) = %g, want %g", got, want)
		}
	})
}

func TestLimits(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	views := []timeline.Viewport{
		{},
		{Start: nan, PerPixel: nan, Width: float32(nan)},
		{Start: inf, PerPixel: inf, Width: float32(inf)},
		{Start: -inf, PerPixel: -inf, Width: float32(-inf)},
		{Start: 0, PerPixel: -1, Width: -5},
		{Start: 1e300, PerPixel: 1e-300, Width: 1e30},
		{Start: -1e300, PerPixel: 1e300, Width: 0.5},
		{Start: -13.8e9 * year, PerPixel: 1e-2, Width: 1000},
		{Start: timeline.MaxTime, PerPixel: 1e15, Width: 4000},
	}
	ops := []struct {
		name string
		do   func(timeline.Viewport) timeline.Viewport
	}{
		{"Clamped", timeline.Viewport.Clamped},
		{"ZoomAt(NaN, 2)", func(v timeline.Viewport) timeline.Viewport { return v.ZoomAt(float32(nan), 2) }},
		{"ZoomAt(500, 0)", func(v timeline.Viewport) timeline.Viewport { return v.ZoomAt(500, 0) }},
		{"ZoomAt(500, NaN)", func(v timeline.Viewport) timeline.Viewport { return v.ZoomAt(500, nan) }},
		{"ZoomAt(500, Inf)", func(v timeline.Viewport) timeline.Viewport { return v.ZoomAt(500, inf) }},
		{"ZoomAt(1e9, 1e300)", func(v timeline.Viewport) timeline.Viewport { return v.ZoomAt(1e9, 1e300) }},
		{"ZoomAt(-5, 1e-300)", func(v timeline.Viewport) timeline.Viewport { return v.ZoomAt(-5, 1e-300) }},
		{"Pan(NaN)", func(v timeline.Viewport) timeline.Viewport { return v.Pan(float32(nan)) }},
		{"Pan(Inf)", func(v timeline.Viewport) timeline.Viewport { return v.Pan(float32(inf)) }},
		{"Pan(1e30)", func(v timeline.Viewport) timeline.Viewport { return v.Pan(1e30) }},
		{"Pan(-1e30)", func(v timeline.Viewport) timeline.Viewport { return v.Pan(-1e30) }},
		{"Fit(NaN)", func(v timeline.Viewport) timeline.Viewport { return timeline.Fit(nan, 0, v.Width, 0) }},
		{"Fit(±Inf)", func(v timeline.Viewport) timeline.Viewport { return timeline.Fit(inf, -inf, v.Width, 10) }},
		{"Fit(huge margin)", func(v timeline.Viewport) timeline.Viewport { return timeline.Fit(0, 1e30, v.Width, 1e9) }},
	}
	for i, v := range views {
		for _, op := range ops {
			got := op.do(v)
			if !checkViewport(t, got) {
				t.Errorf("view %d %+v, %s gave %+v", i, v, op.name, got)
			}
		}
	}
}

func TestRandomWalkStaysWithinLimits(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	vp := timeline.Fit(1.4e9, 1.5e9, 1000, 0)
	for i := range 20000 {
		x := float32(r.Float64() * 1000)
		switch r.IntN(4) {
		case 0:
			vp = vp.ZoomAt(x, math.Exp(r.NormFloat64()*3))
		case 1:
			vp = vp.Pan(float32(r.NormFloat64() * 2000))
		case 2:
			vp = vp.ZoomAt(x, math.Exp(-r.Float64()*20)) // mostly out
		default:
			before := vp.Start
			vp = vp.Pan(1)
			if vp.Start == before && before > timeline.MinTime {
				t.Fatalf("step %d: Pan(1) stalled at %+v", i, vp)
			}
		}
		if !checkViewport(t, vp) {
			t.Fatalf("step %d: %+v", i, vp)
		}
	}
}

// checkViewport reports (as errors) every limit v breaks.
func checkViewport(t *testing.T, v timeline.Viewport) bool {
	t.Helper()
	ok := true
	fail := func(format string, args ...any) {
		t.Helper()
		t.Errorf("%+v: "+format, append([]any{v}, args...)...)
		ok = false
	}
	finite := func(f float64) bool { return !math.IsNaN(f) && !math.IsInf(f, 0) }
	if !finite(v.Start) || !finite(v.PerPixel) || !finite(v.End()) || !finite(float64(v.Width)) {
		fail("not finite")
		return false
	}
	if v.Width < 1 || v.Width > timeline.MaxX {
		fail("Width out of [1, MaxX]")
	}
	if v.PerPixel < timeline.MinPerPixel || v.PerPixel > timeline.MaxSpan/float64(v.Width)*(1+1e-15) {
		fail("PerPixel out of [MinPerPixel, MaxSpan/Width]")
	}
	if floor := timeline.MinRelPerPixel * math.Max(math.Abs(v.Start), math.Abs(v.End())); v.PerPixel < floor {
		fail("PerPixel below the float64 floor %g", floor)
	}
	if v.Start < timeline.MinTime || v.End() > timeline.MaxTime*(1+1e-15) {
		fail("view leaves [MinTime, MaxTime]")
	}
	if c := v.Clamped(); c != v {
		fail("Clamped changes it to %+v", c)
	}
	for _, at := range []float64{math.NaN(), math.Inf(1), math.Inf(-1), timeline.MinTime, timeline.MaxTime, 0} {
		if x := v.TimeToX(at); math.IsNaN(float64(x)) || math.IsInf(float64(x), 0) {
			fail("TimeToX(%g) = %g", at, x)
		}
	}
	return ok
}
