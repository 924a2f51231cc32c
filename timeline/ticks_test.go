package timeline_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
	"time"

	"chronoscope/timeline"
)

// at returns the Unix seconds of a wall-clock time in loc.
func at(loc *time.Location, y int, m time.Month, d, h, mi, s int) float64 {
	return float64(time.Date(y, m, d, h, mi, s, 0, loc).Unix())
}

// labels returns the labels of ticks.
func labels(ticks []timeline.Tick) []string {
	var s []string
	for _, t := range ticks {
		s = append(s, t.Label)
	}
	return s
}

// room is the spacing the axis promises between adjacent minor labels.
func room(a, b string, minPx float32) float32 {
	n := max(len(a), len(b))
	return minPx * max(1, float32(n)/timeline.LabelChars)
}

// checkAxis reports (as errors) every promise of Ticks that a breaks.
func checkAxis(t *testing.T, name string, vp timeline.Viewport, a timeline.Axis, minPx float32) {
	t.Helper()
	limit := int(vp.Width/minPx) + 2
	if len(a.Minor) > limit || len(a.Major) > limit {
		t.Errorf("%s: %d minor and %d major ticks, more than %d", name, len(a.Minor), len(a.Major), limit)
	}
	for i, tk := range a.Minor {
		if got, want := tk.X, vp.TimeToX(tk.At); got != want {
			t.Errorf("%s: minor %q at X %g, want %g", name, tk.Label, got, want)
		}
		if tk.X < -minPx/2-1e-3 || tk.X > vp.Width+minPx/2+1e-3 {
			t.Errorf("%s: minor %q at X %g, outside the view", name, tk.Label, tk.X)
		}
		if i == 0 {
			continue
		}
		prev := a.Minor[i-1]
		if !(tk.At > prev.At) {
			t.Errorf("%s: minor %q not after %q", name, tk.Label, prev.Label)
		}
		if d := tk.X - prev.X; d < minPx || d < room(prev.Label, tk.Label, minPx) {
			t.Errorf("%s: minor %q and %q are %g px apart, want at least %g", name, prev.Label, tk.Label, d, room(prev.Label, tk.Label, minPx))
		}
	}
	if len(a.Major) == 0 {
		t.Errorf("%s: no major ticks", name)
	} else if first := a.Major[0]; first.At > vp.Start {
		t.Errorf("%s: first major %q starts after the view does", name, first.Label)
	}
	for i, tk := range a.Major[min(1, len(a.Major)):] {
		if !(tk.At > a.Major[i].At && tk.At >= vp.Start && tk.At <= vp.End()) {
			t.Errorf("%s: major %q out of order or outside the view", name, tk.Label)
		}
	}
}

func TestTicksKnownViews(t *testing.T) {
	utc := time.UTC
	berlin := mustLoad(t, "Europe/Berlin")
	newYork := mustLoad(t, "America/New_York")
	day := func(loc *time.Location, y int, m time.Month, d int) float64 { return at(loc, y, m, d, 0, 0, 0) }
	jan1 := func(y int64) float64 { return timeline.Civil{Year: y, Month: 1, Day: 1}.Unix(nil) }

	for _, tc := range []struct {
		name    string
		vp      timeline.Viewport
		loc     *time.Location
		minPx   float32
		step    timeline.Step
		minor   []string
		minorAt []float64 // optional
		major   []string
		majorAt []float64 // optional
	}{
		{
			name: "19 to 23 December 2014", loc: utc, minPx: 60,
			vp:    timeline.Viewport{Start: day(utc, 2014, 12, 19), PerPixel: 864, Width: 460},
			step:  timeline.Step{Unit: timeline.Day, Count: 1},
			minor: []string{"19", "20", "21", "22", "23"},
			minorAt: []float64{day(utc, 2014, 12, 19), day(utc, 2014, 12, 20), day(utc, 2014, 12, 21),
				day(utc, 2014, 12, 22), day(utc, 2014, 12, 23)},
			major: []string{"December 2014"}, majorAt: []float64{day(utc, 2014, 12, 1)},
		},
		{
			name: "hours of Monday 22 December 2014", loc: utc, minPx: 60,
			vp:    timeline.Viewport{Start: at(utc, 2014, 12, 22, 8, 30, 0), PerPixel: 3600.0 / 80, Width: 400},
			step:  timeline.Step{Unit: timeline.Hour, Count: 1},
			minor: []string{"09:00", "10:00", "11:00", "12:00", "13:00"},
			major: []string{"Mon 22 December 2014"}, majorAt: []float64{day(utc, 2014, 12, 22)},
		},
		{
			name: "minutes across midnight", loc: utc, minPx: 60,
			vp:    timeline.Viewport{Start: at(utc, 2014, 12, 31, 23, 40, 0), PerPixel: 15 * 60.0 / 100, Width: 400},
			step:  timeline.Step{Unit: timeline.Minute, Count: 15},
			minor: []string{"23:45", "00:00", "00:15", "00:30"},
			major: []string{"Wed 31 December 2014", "Thu 1 January 2015"},
		},
		{
			name: "seconds", loc: utc, minPx: 60,
			vp:    timeline.Viewport{Start: at(utc, 2014, 12, 19, 9, 41, 0), PerPixel: 5.0 / 75, Width: 300},
			step:  timeline.Step{Unit: timeline.Second, Count: 5},
			minor: []string{"09:41:00", "09:41:05", "09:41:10", "09:41:15", "09:41:20"},
			major: []string{"Fri 19 December 2014"},
		},
		{
			name: "weeks start on Monday", loc: utc, minPx: 60,
			vp:    timeline.Viewport{Start: day(utc, 2014, 12, 1), PerPixel: 7 * 86400.0 / 70, Width: 400},
			step:  timeline.Step{Unit: timeline.Week, Count: 1},
			minor: []string{"1", "8", "15", "22", "29", "5", "12"},
			major: []string{"December 2014", "January 2015"},
		},
		{
			name: "the months of 2014", loc: utc, minPx: 60,
			vp:    timeline.Viewport{Start: jan1(2014), PerPixel: 365 * 86400.0 / 1200, Width: 1200},
			step:  timeline.Step{Unit: timeline.Month, Count: 1},
			minor: []string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec", "Jan"},
			major: []string{"2014", "2015"}, majorAt: []float64{jan1(2014), jan1(2015)},
		},
		{
			name: "quarters", loc: utc, minPx: 60,
			vp:    timeline.Viewport{Start: jan1(2014), PerPixel: 91 * 86400.0 / 70, Width: 400},
			step:  timeline.Step{Unit: timeline.Month, Count: 3},
			minor: []string{"Jan", "Apr", "Jul", "Oct", "Jan", "Apr", "Jul"},
			major: []string{"2014", "2015"},
		},
		{
			name: "years with decades above", loc: utc, minPx: 60,
			vp:    timeline.Viewport{Start: jan1(2007), PerPixel: year / 70, Width: 500},
			step:  timeline.Step{Unit: timeline.Year, Count: 1},
			minor: []string{"2007", "2008", "2009", "2010", "2011", "2012", "2013", "2014"},
			major: []string{"2000", "2010"},
		},
		{
			name: "1 BCE is followed by 1 CE", loc: utc, minPx: 60,
			vp:      timeline.Viewport{Start: jan1(-3), PerPixel: year / 80, Width: 560},
			step:    timeline.Step{Unit: timeline.Year, Count: 1},
			minor:   []string{"4 BCE", "3 BCE", "2 BCE", "1 BCE", "1", "2", "3", "4"},
			minorAt: []float64{jan1(-3), jan1(-2), jan1(-1), jan1(0), jan1(1), jan1(2), jan1(3), jan1(4)},
			major:   []string{"10 BCE"},
		},
		{
			name: "centuries around the era boundary", loc: utc, minPx: 60,
			vp:    timeline.Viewport{Start: jan1(-350), PerPixel: 100 * year / 70, Width: 500},
			step:  timeline.Step{Unit: timeline.Year, Count: 100},
			minor: []string{"300 BCE", "200 BCE", "100 BCE", "100", "200", "300", "400"},
			major: []string{"1000 BCE"},
		},
		{
			name: "a million years ago", loc: utc, minPx: 60,
			vp:      timeline.Viewport{Start: jan1(-1_100_000), PerPixel: 100_000 * year / 160, Width: 480},
			step:    timeline.Step{Unit: timeline.Year, Count: 100_000},
			minor:   []string{"1.1 million years ago", "1,000,000 BCE", "900,000 BCE", "800,000 BCE"},
			minorAt: []float64{jan1(-1_100_000), jan1(-999_999), jan1(-899_999)},
			major:   []string{"2 million years ago", "1,000,000 BCE"},
		},
		{
			name: "the cosmological range", loc: berlin, minPx: 40,
			vp:   timeline.Fit(-13.8e9*year, 1.4e9, 1000, 20),
			step: timeline.Step{Unit: timeline.Year, Count: 2e9},
			minor: []string{"14 billion years ago", "12 billion years ago", "10 billion years ago", "8 billion years ago",
				"6 billion years ago", "4 billion years ago", "2 billion years ago"},
			minorAt: []float64{jan1(-14e9), jan1(-12e9), jan1(-10e9), jan1(-8e9), jan1(-6e9), jan1(-4e9), jan1(-2e9)},
			major:   []string{"20 billion years ago", "10 billion years ago"},
		},
		{
			name: "a trillion years ahead", loc: utc, minPx: 60,
			vp:    timeline.Viewport{Start: jan1(999e9), PerPixel: 1e9 * year / 110, Width: 330},
			step:  timeline.Step{Unit: timeline.Year, Count: 1e9},
			minor: []string{"999 billion CE", "1 trillion CE", "1.001 trillion CE", "1.002 trillion CE"},
			major: []string{"990 billion CE", "1 trillion CE"},
		},
		{
			name: "Berlin falls back: 02:00 twice, a 25-hour day", loc: berlin, minPx: 60,
			vp:   timeline.Viewport{Start: day(berlin, 2014, 10, 26), PerPixel: 45, Width: 2000},
			step: timeline.Step{Unit: timeline.Hour, Count: 1},
			minor: []string{"00:00", "01:00", "02:00 CEST", "02:00 CET", "03:00", "04:00", "05:00", "06:00", "07:00", "08:00",
				"09:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00", "16:00", "17:00", "18:00", "19:00", "20:00",
				"21:00", "22:00", "23:00", "00:00"},
			major:   []string{"Sun 26 October 2014", "Mon 27 October 2014"},
			majorAt: []float64{day(berlin, 2014, 10, 26), day(berlin, 2014, 10, 26) + 25*3600},
		},
		{
			name: "Berlin springs forward: no 02:00, a 23-hour day", loc: berlin, minPx: 60,
			vp:   timeline.Viewport{Start: day(berlin, 2014, 3, 30), PerPixel: 45, Width: 1840},
			step: timeline.Step{Unit: timeline.Hour, Count: 1},
			minor: []string{"00:00", "01:00", "03:00", "04:00", "05:00", "06:00", "07:00", "08:00", "09:00", "10:00",
				"11:00", "12:00", "13:00", "14:00", "15:00", "16:00", "17:00", "18:00", "19:00", "20:00", "21:00", "22:00",
				"23:00", "00:00"},
			major:   []string{"Sun 30 March 2014", "Mon 31 March 2014"},
			majorAt: []float64{day(berlin, 2014, 3, 30), day(berlin, 2014, 3, 30) + 23*3600},
		},
		{
			name: "New York days around the autumn change", loc: newYork, minPx: 60,
			vp:      timeline.Viewport{Start: day(newYork, 2014, 11, 1), PerPixel: 864, Width: 330},
			step:    timeline.Step{Unit: timeline.Day, Count: 1},
			minor:   []string{"1", "2", "3", "4"},
			minorAt: []float64{day(newYork, 2014, 11, 1), day(newYork, 2014, 11, 2), day(newYork, 2014, 11, 2) + 25*3600, day(newYork, 2014, 11, 4)},
			major:   []string{"November 2014"},
		},
		{
			name: "Samoa skipped 30 December 2011", loc: mustLoad(t, "Pacific/Apia"), minPx: 60,
			vp:    timeline.Viewport{Start: at(time.UTC, 2011, 12, 28, 10, 0, 0), PerPixel: 864, Width: 430},
			step:  timeline.Step{Unit: timeline.Day, Count: 1},
			minor: []string{"28", "29", "31", "1", "2"},
			minorAt: []float64{at(time.UTC, 2011, 12, 28, 10, 0, 0), at(time.UTC, 2011, 12, 29, 10, 0, 0),
				at(time.UTC, 2011, 12, 30, 10, 0, 0), at(time.UTC, 2011, 12, 31, 10, 0, 0), at(time.UTC, 2012, 1, 1, 10, 0, 0)},
			major: []string{"December 2011", "January 2012"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := timeline.Ticks(tc.vp, tc.loc, tc.minPx)
			checkAxis(t, tc.name, tc.vp, a, tc.minPx)
			if got, want := a.Step, tc.step; got != want {
				t.Errorf("Step = %v, want %v", got, want)
			}
			if got, want := labels(a.Minor), tc.minor; !slices.Equal(got, want) {
				t.Errorf("minor labels = %q, want %q", got, want)
			}
			if got, want := labels(a.Major), tc.major; !slices.Equal(got, want) {
				t.Errorf("major labels = %q, want %q", got, want)
			}
			for i, want := range tc.minorAt {
				if i < len(a.Minor) && a.Minor[i].At != want {
					t.Errorf("minor %q at %s, want %s", a.Minor[i].Label, utcString(a.Minor[i].At), utcString(want))
				}
			}
			for i, want := range tc.majorAt {
				if i < len(a.Major) && a.Major[i].At != want {
					t.Errorf("major %q at %s, want %s", a.Major[i].Label, utcString(a.Major[i].At), utcString(want))
				}
			}
		})
	}
}

// utcString formats Unix seconds for messages.
func utcString(at float64) string {
	if math.Abs(at) < 1e16 {
		return time.Unix(int64(at), 0).UTC().Format(time.RFC3339)
	}
	return strconv.FormatFloat(at, 'g', -1, 64)
}

func TestTicksMonthWidths(t *testing.T) {
	for _, tc := range []struct {
		year     int
		february float64 // days
	}{{2014, 28}, {2016, 29}, {2000, 29}, {1900, 28}} {
		from := at(time.UTC, tc.year, 1, 1, 0, 0, 0)
		vp := timeline.Viewport{Start: from, PerPixel: 86400.0 / 4, Width: 366 * 4}
		a := timeline.Ticks(vp, time.UTC, 60)
		if got, want := a.Step, (timeline.Step{Unit: timeline.Month, Count: 1}); got != want {
			t.Fatalf("%d: Step = %v, want %v", tc.year, got, want)
		}
		if got, want := a.Minor[1].Label+a.Minor[2].Label, "FebMar"; got != want {
			t.Fatalf("%d: minor labels %q", tc.year, labels(a.Minor))
		}
		if got, want := a.Minor[2].X-a.Minor[1].X, float32(tc.february*4); got != want {
			t.Errorf("%d: February is %g px wide, want %g (%g days)", tc.year, got, want, tc.february)
		}
	}
}

// nominal returns a step's usual length in seconds.
func nominal(st timeline.Step) float64 {
	n := float64(st.Count)
	return n * [...]float64{1, 60, 3600, 86400, 7 * 86400, year / 12, year}[st.Unit]
}

func TestTicksEveryStep(t *testing.T) {
	berlin := mustLoad(t, "Europe/Berlin")
	const minPx = 60
	for _, st := range timeline.Steps() {
		t.Run(st.String(), func(t *testing.T) {
			// Spacing 1.25 × minPx where labels fit LabelChars; more for the
			// longer labels of huge years, shown around Count or 10 × Count CE.
			f, centre, widths := 1.25, at(berlin, 2014, 12, 22, 12, 34, 56), []float32{minPx, 5 * minPx, 1000}
			switch {
			case st.Unit != timeline.Year || st.Count < 1e4:
			case st.Count < 1e6: // "1.5 million CE"
				f, centre, widths = 1.5, float64(st.Count)*year, widths[:2]
			default: // "1.01 billion CE"
				f, centre, widths = 1.75, 10*float64(st.Count)*year, widths[:2]
			}
			pp := nominal(st) / (f * minPx)
			for _, width := range widths {
				vp := timeline.Viewport{Start: centre - float64(width)/2*pp, PerPixel: pp, Width: width}
				a := timeline.Ticks(vp, berlin, minPx)
				checkAxis(t, st.String(), vp, a, minPx)
				if len(a.Minor) == 0 {
					t.Errorf("width %g: no minor ticks", width)
				}
				if got, want := a.Step, st; got != want {
					t.Fatalf("width %g: Step = %v, want %v; minor %q", width, got, want, labels(a.Minor))
				}
				for _, tk := range a.Minor {
					if want := stepLabel(st, tk.At, berlin); tk.Label != want {
						t.Errorf("tick at %s labelled %q, want %q", utcString(tk.At), tk.Label, want)
					}
				}
			}
		})
	}
}

// stepLabel returns the label the time package (or YearLabel) gives a tick
// of st at instant at in loc, or "(not on a boundary)" if st has no tick there.
func stepLabel(st timeline.Step, at float64, loc *time.Location) string {
	c := timeline.CivilAt(at, loc)
	tm := time.Unix(int64(at), 0).In(loc)
	n := int(st.Count)
	midnight := c.Hour == 0 && c.Minute == 0 && c.Second == 0
	historical := c.Year // BCE years count back from 1 BCE down to 1,000,000 BCE
	if c.Year <= 0 && c.Year >= -1_000_000 {
		historical = 1 - c.Year
	}
	switch {
	case st.Unit == timeline.Second && c.Second%n == 0:
		return tm.Format("15:04:05")
	case st.Unit == timeline.Minute && c.Second == 0 && c.Minute%n == 0,
		st.Unit == timeline.Hour && c.Second == 0 && c.Minute == 0 && c.Hour%n == 0:
		return tm.Format("15:04")
	case st.Unit == timeline.Day && midnight,
		st.Unit == timeline.Week && midnight && c.Weekday() == time.Monday:
		return strconv.Itoa(c.Day)
	case st.Unit == timeline.Month && midnight && c.Day == 1 && (int(c.Month)-1)%n == 0:
		return tm.Format("Jan")
	case st.Unit == timeline.Year && midnight && c.Day == 1 && c.Month == 1 && historical%st.Count == 0:
		return timeline.YearLabel(c.Year)
	}
	return "(not on a boundary)"
}

func TestTicksRandomViews(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	locs := []*time.Location{time.UTC, mustLoad(t, "Europe/Berlin"), mustLoad(t, "America/New_York"),
		mustLoad(t, "Australia/Lord_Howe"), mustLoad(t, "Asia/Kathmandu")}
	var a timeline.Axis
	for i := range 3000 {
		pp := math.Pow(10, -2+r.Float64()*17)
		var start float64
		switch r.IntN(3) {
		case 0:
			start = (r.Float64()*2 - 1) * 4e9 // around now
		case 1:
			start = (r.Float64()*2 - 1) * 1e13
		default:
			start = timeline.MinTime + r.Float64()*(timeline.MaxTime-timeline.MinTime)
		}
		width := float32(1 + r.Float64()*3000)
		minPx := float32(1 + r.Float64()*200)
		vp := timeline.Viewport{Start: start, PerPixel: pp, Width: width}.Clamped()
		a.Update(vp, locs[r.IntN(len(locs))], minPx)
		checkAxis(t, "random view "+strconv.Itoa(i), vp, a, minPx)
		if t.Failed() {
			t.Fatalf("view %+v minPx %g: step %v minor %q major %q", vp, minPx, a.Step, labels(a.Minor), labels(a.Major))
		}
	}
}

func TestTicksAreQuantised(t *testing.T) {
	// Panning keeps every tick that stays in view, with the same label.
	berlin := mustLoad(t, "Europe/Berlin")
	vp := timeline.Viewport{Start: at(berlin, 2014, 12, 22, 8, 0, 0), PerPixel: 45, Width: 800}
	var a timeline.Axis
	a.Update(vp, berlin, 60)
	before := map[float64]string{}
	for _, tk := range a.Minor {
		before[tk.At] = tk.Label
	}
	a.Update(vp.Pan(-37.5), berlin, 60)
	shared := 0
	for _, tk := range a.Minor {
		if want, ok := before[tk.At]; ok {
			shared++
			if tk.Label != want {
				t.Errorf("tick at %s: %q, then %q", utcString(tk.At), want, tk.Label)
			}
		}
	}
	if shared < len(a.Minor)-2 {
		t.Errorf("only %d of %d ticks kept across a pan", shared, len(a.Minor))
	}
}

func TestTicksDegenerateViews(t *testing.T) {
	for _, vp := range []timeline.Viewport{
		{},
		{Start: math.NaN(), PerPixel: 1, Width: 100},
		{Start: 0, PerPixel: math.Inf(1), Width: 100},
		{Start: 0, PerPixel: -1, Width: 100},
		{Start: 0, PerPixel: 1, Width: float32(math.NaN())},
	} {
		a := timeline.Ticks(vp, nil, 60)
		if len(a.Minor) != 0 || len(a.Major) != 0 {
			t.Errorf("%+v: ticks %q %q, want none", vp, labels(a.Minor), labels(a.Major))
		}
	}
	// Out-of-range but usable views still get bounded, spaced ticks.
	for _, tc := range []struct {
		vp    timeline.Viewport
		minPx float32
	}{
		{timeline.Viewport{Start: 1.4e9, PerPixel: 1e-9, Width: 100}, 60},
		{timeline.Viewport{Start: -1e30, PerPixel: 1e30, Width: 100}, 60},
		{timeline.Viewport{Start: 0, PerPixel: 1e18, Width: 10}, 0},
		{timeline.Viewport{Start: -13.8e9 * year, PerPixel: 1e-2, Width: 1000}, 60},
		{timeline.Viewport{Start: 0, PerPixel: 1, Width: 1000}, float32(math.NaN())},
	} {
		a := timeline.Ticks(tc.vp, nil, tc.minPx)
		minPx := tc.minPx
		if !(minPx >= 1) {
			minPx = 1
		}
		if limit := int(tc.vp.Width/minPx) + 2; len(a.Minor) > limit || len(a.Major) > limit {
			t.Errorf("%+v: %d minor, %d major ticks", tc.vp, len(a.Minor), len(a.Major))
		}
	}
}

func TestAxisUpdateDoesNotAllocate(t *testing.T) {
	berlin := mustLoad(t, "Europe/Berlin")
	views := []timeline.Viewport{
		{Start: at(berlin, 2014, 12, 22, 8, 0, 0), PerPixel: 45, Width: 1000},
		{Start: at(berlin, 2014, 10, 25, 8, 0, 0), PerPixel: 200, Width: 1000},
		{Start: at(berlin, 2014, 1, 1, 0, 0, 0), PerPixel: 30000, Width: 1000},
		timeline.Fit(-13.8e9*year, 1.4e9, 1000, 20),
	}
	var a timeline.Axis
	for _, vp := range views {
		a.Update(vp, berlin, 60) // warm the label cache
		if got := testing.AllocsPerRun(50, func() { a.Update(vp, berlin, 60) }); got != 0 {
			t.Errorf("%+v: %g allocations per Update, want 0", vp, got)
		}
	}
}

func BenchmarkTicks(b *testing.B) {
	berlin := mustLoad(b, "Europe/Berlin")
	for _, bc := range []struct {
		name string
		vp   timeline.Viewport
	}{
		{"hours", timeline.Viewport{Start: at(berlin, 2014, 12, 22, 8, 0, 0), PerPixel: 45, Width: 1920}},
		{"days", timeline.Viewport{Start: at(berlin, 2014, 12, 1, 0, 0, 0), PerPixel: 1500, Width: 1920}},
		{"years", timeline.Viewport{Start: at(berlin, 1900, 1, 1, 0, 0, 0), PerPixel: year / 20, Width: 1920}},
		{"cosmos", timeline.Fit(-13.8e9*year, 1.4e9, 1920, 20)},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			var a timeline.Axis
			vp := bc.vp
			for i := 0; b.Loop(); i++ {
				a.Update(vp.Pan(float32(i%600)), berlin, 60) // a drag across the view
			}
		})
	}
}
