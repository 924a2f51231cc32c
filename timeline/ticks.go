package timeline

import (
	"math"
	"slices"
	"strconv"
	"time"

	"chronoscope/data/calendar"
)

// Unit is the calendar unit an axis step counts in. Steps fall on local
// calendar boundaries, so months, days and hours keep their civil meaning
// across leap years and clock changes.
type Unit uint8

// The units of the step table, finest first.
const (
	Second Unit = iota // whole local seconds
	Minute             // whole local minutes
	Hour               // whole local hours
	Day                // local midnight
	Week               // Monday, local midnight
	Month              // the 1st, local midnight
	Year               // 1 January, local midnight, on multiples of Count counted the historical way
)

// Step is one entry of the axis step table: Count Units, such as 15 Minute
// or 500,000,000 Year.
type Step struct {
	Unit  Unit
	Count int64
}

// Tick is one labelled instant on the axis.
type Tick struct {
	At    float64 // Unix seconds
	X     float32 // vp.TimeToX(At)
	Label string
}

// Axis is the two-tier axis of a view. Minor ticks step by Step with short
// labels ("19"); Major ticks start the enclosing larger periods with long
// labels ("December 2014"), the first one being the period the view starts in.
type Axis struct {
	Step  Step
	Minor []Tick
	Major []Tick

	labels map[string]string // interned label strings
	buf    []byte
}

// LabelChars is the label length minLabelPx is meant to hold (pass the width
// of "00:00 CEST" plus a gap): adjacent minor ticks whose labels are longer,
// such as "13.8 billion years ago", get proportionally more room.
const LabelChars = 10

// maxLabels bounds the interned label strings an Axis keeps.
const maxLabels = 4096

// steps is the step table, finest first.
var steps = [...]Step{
	{Second, 1}, {Second, 5}, {Second, 15}, {Second, 30},
	{Minute, 1}, {Minute, 5}, {Minute, 15}, {Minute, 30},
	{Hour, 1}, {Hour, 3}, {Hour, 6}, {Hour, 12},
	{Day, 1}, {Week, 1}, {Month, 1}, {Month, 3}, {Month, 6},
	{Year, 1}, {Year, 2}, {Year, 5},
	{Year, 10}, {Year, 20}, {Year, 50},
	{Year, 100}, {Year, 200}, {Year, 500},
	{Year, 1e3}, {Year, 2e3}, {Year, 5e3},
	{Year, 1e4}, {Year, 2e4}, {Year, 5e4},
	{Year, 1e5}, {Year, 2e5}, {Year, 5e5},
	{Year, 1e6}, {Year, 2e6}, {Year, 5e6},
	{Year, 1e7}, {Year, 2e7}, {Year, 5e7},
	{Year, 1e8}, {Year, 2e8}, {Year, 5e8},
	{Year, 1e9}, {Year, 2e9}, {Year, 5e9},
	{Year, 1e10},
}

// Steps returns a copy of the step table, finest first: 1, 5, 15 and 30
// seconds and minutes, 1, 3, 6 and 12 hours, day, week, 1, 3 and 6 months,
// then 1-2-5 multiples of years from 1 to 10 billion.
func Steps() []Step {
	return slices.Clone(steps[:])
}

// String returns the step in words, such as "15 minutes".
func (s Step) String() string {
	names := [...]string{"second", "minute", "hour", "day", "week", "month", "year"}
	name := "unit"
	if int(s.Unit) < len(names) {
		name = names[s.Unit]
	}
	if s.Count != 1 {
		name += "s"
	}
	return strconv.FormatInt(s.Count, 10) + " " + name
}

// Ticks returns the axis of vp in loc (nil means UTC); see Axis.Update.
func Ticks(vp Viewport, loc *time.Location, minLabelPx float32) Axis {
	var a Axis
	a.Update(vp, loc, minLabelPx)
	return a
}

// Update recomputes a for vp in loc (nil means UTC), re-using its slices and
// label strings, so that it does not allocate once its labels are cached.
// The minor step is the finest in the table whose actual adjacent ticks are
// all at least minLabelPx apart (more for labels over LabelChars; a clock
// change that squeezes two ticks makes a coarser step win). Minor ticks lie
// within minLabelPx/2 of the view; major ones lie in it, after the one the
// view starts in. Each list holds at most ⌊Width/minLabelPx⌋+2 ticks;
// minLabelPx below 1 counts as 1. Second, minute and hour steps are only
// used within ±2^53 s (285 million years), where whole seconds are exact.
func (a *Axis) Update(vp Viewport, loc *time.Location, minLabelPx float32) {
	a.Step, a.Minor, a.Major = steps[0], a.Minor[:0], a.Major[:0]
	if loc == nil {
		loc = time.UTC
	}
	minPx := min(max(minLabelPx, 1), MaxX) // NaN → 1
	pp := vp.PerPixel
	if !(vp.Width >= 1) || !(pp > 0) || math.IsInf(pp, 0) || vp.Start != vp.Start || math.IsInf(vp.Start, 0) {
		return
	}
	vp.Width = min(vp.Width, MaxX)
	limit := int(vp.Width/minPx) + 2
	half := float64(minPx) / 2 * pp
	lo := min(max(vp.Start-half, -farSeconds), farSeconds)
	hi := min(max(vp.End()+half, -farSeconds), farSeconds)
	exact := max(math.Abs(lo), math.Abs(hi)) <= 1<<53

	// One tick over the limit tells fits that a step is too fine.
	g := gen{a: a, vp: vp, loc: loc, lo: lo, hi: hi, limit: limit + 1}
	fitted := false
	for _, st := range steps {
		if minSeconds(st)/pp < float64(minPx) || st.Unit <= Hour && !exact {
			continue
		}
		a.Step, a.Minor = st, g.ticks(a.Minor[:0], st, false)
		if fitted = a.fits(minPx, limit); fitted {
			break
		}
	}
	if !fitted {
		if last := steps[len(steps)-1]; a.Step != last {
			a.Step, a.Minor = last, g.ticks(a.Minor[:0], last, false)
		}
		a.thin(minPx)
	}

	g.lo, g.hi, g.limit = max(vp.Start, -farSeconds), min(vp.End(), farSeconds), limit
	a.Major = g.ticks(a.Major[:0], majorOf(a.Step), true)
}

// fits reports whether the minor ticks are few enough and far enough apart.
func (a *Axis) fits(minPx float32, limit int) bool {
	if len(a.Minor) > limit {
		return false
	}
	for i := 1; i < len(a.Minor); i++ {
		if a.Minor[i].X-a.Minor[i-1].X < room(a.Minor[i-1].Label, a.Minor[i].Label, minPx) {
			return false
		}
	}
	return true
}

// thin drops minor ticks too close to the previous one kept: the last resort
// when not even the coarsest step fits.
func (a *Axis) thin(minPx float32) {
	kept := a.Minor[:min(len(a.Minor), 1)]
	for _, t := range a.Minor[len(kept):] {
		if last := kept[len(kept)-1]; t.X-last.X >= room(last.Label, t.Label, minPx) {
			kept = append(kept, t)
		}
	}
	a.Minor = kept
}

// room returns the distance two adjacent labels need.
func room(l1, l2 string, minPx float32) float32 {
	if n := max(len(l1), len(l2)); n > LabelChars {
		return minPx * float32(n) / LabelChars
	}
	return minPx
}

// minSeconds returns the shortest interval between two ticks of st on a
// calendar without clock changes (short months and years included). Clock
// changes are caught on the actual ticks by fits.
func minSeconds(st Step) float64 {
	const day = 86400
	n := float64(st.Count)
	switch st.Unit {
	case Second:
		return n
	case Minute:
		return 60 * n
	case Hour:
		return 3600 * n
	case Day:
		return day * n
	case Week:
		return 7 * day * n
	case Month:
		switch st.Count {
		case 1:
			return 28 * day
		case 3:
			return 90 * day
		}
		return 181 * day * n / 6
	}
	return 365 * day * n
}

// majorOf returns the step of the enclosing periods for minor step st.
func majorOf(st Step) Step {
	switch st.Unit {
	case Second, Minute, Hour:
		return Step{Day, 1}
	case Day, Week:
		return Step{Month, 1}
	case Month:
		return Step{Year, 1}
	}
	p := int64(10)
	for p <= st.Count {
		p *= 10
	}
	return Step{Year, p}
}

// gen generates the ticks of one step within [lo, hi].
type gen struct {
	a      *Axis
	vp     Viewport
	loc    *time.Location
	lo, hi float64
	limit  int // most ticks to make

	// per call
	dst      []Tick
	major    bool
	prev     Tick // last candidate before lo, for the first major
	havePrev bool
}

// ticks appends the ticks of st to dst. With major set, it labels them as
// enclosing periods and also keeps the last one before lo.
func (g *gen) ticks(dst []Tick, st Step, major bool) []Tick {
	g.dst, g.major, g.havePrev = dst, major, false
	switch st.Unit {
	case Second, Minute, Hour:
		g.subDay(st)
	case Day, Week:
		g.days(st)
	case Month:
		g.months(st)
	default:
		g.years(st)
	}
	if g.havePrev && len(g.dst) < g.limit {
		g.dst = append(g.dst, g.prev)
	}
	return g.dst
}

// add offers the candidate tick at t, labelled from c with an optional zone
// suffix; candidates come in increasing order. It reports whether to go on.
func (g *gen) add(t float64, u Unit, c Civil, zone string) bool {
	if t < g.lo {
		if g.major {
			g.prev = Tick{At: t, X: g.vp.TimeToX(t), Label: g.a.label(u, true, c, zone)}
			g.havePrev = true
		}
		return true
	}
	if t > g.hi || len(g.dst) >= g.limit {
		return false
	}
	if g.havePrev {
		g.dst, g.havePrev = append(g.dst, g.prev), false
		if len(g.dst) >= g.limit {
			return false
		}
	}
	if n := len(g.dst); n > 0 && t <= g.dst[n-1].At {
		return true // a clock change folded two candidates together
	}
	g.dst = append(g.dst, Tick{At: t, X: g.vp.TimeToX(t), Label: g.a.label(u, g.major, c, zone)})
	return true
}

// subDay generates second, minute and hour ticks on local clock boundaries,
// zone period by zone period, so clock changes neither skip nor invent an
// instant. A wall time that a repeat makes ambiguous carries its zone name.
func (g *gen) subDay(st Step) {
	size := st.Count * [...]int64{1, 60, 3600}[st.Unit]
	end := int64(math.Floor(g.hi))
	for t := int64(math.Floor(g.lo)); t <= end; {
		tm := time.Unix(t, 0).In(g.loc)
		name, o := tm.Zone()
		off := int64(o)
		zs, ze := tm.ZoneBounds()
		zoneStart, zoneEnd := int64(math.MinInt64), int64(math.MaxInt64)
		prevOff, nextOff := off, off
		if !zs.IsZero() {
			zoneStart = zs.Unix()
			_, o := zs.Add(-time.Second).Zone()
			prevOff = int64(o)
		}
		if !ze.IsZero() {
			zoneEnd = ze.Unix()
			_, o := ze.Zone()
			nextOff = int64(o)
		}
		for k := calendar.FloorDiv(t+off+size-1, size); ; k++ {
			wall := k * size
			u := wall - off
			if u >= zoneEnd {
				break
			}
			zone := ""
			if wall-nextOff >= zoneEnd || wall-prevOff < zoneStart {
				zone = name
			}
			sod := calendar.FloorMod(wall, 86400)
			c := Civil{Hour: int(sod / 3600), Minute: int(sod / 60 % 60), Second: int(sod % 60)}
			if !g.add(float64(u), st.Unit, c, zone) {
				return
			}
		}
		t = zoneEnd
	}
}

// days generates day ticks at local midnight, or week ticks on Mondays.
func (g *gen) days(st Step) {
	c := CivilAt(g.lo, g.loc)
	day := calendar.DaysFromCivil(c.Year, c.Month, c.Day)
	n := st.Count
	if st.Unit == Week {
		day -= calendar.FloorMod(day+3, 7) // back to Monday
		n *= 7
	}
	for i := 0; i <= 2*g.limit+8; i, day = i+1, day+n {
		y, m, d := calendar.CivilFromDays(day)
		if !g.date(Civil{Year: y, Month: m, Day: d}, st.Unit) {
			return
		}
	}
}

// months generates month ticks on the 1st of every Count-th month.
func (g *gen) months(st Step) {
	c := CivilAt(g.lo, g.loc)
	y, m := c.Year, (int64(c.Month)-1)/st.Count*st.Count
	for i := 0; i <= 2*g.limit+8; i, m = i+1, m+st.Count {
		if !g.date(Civil{Year: y + m/12, Month: time.Month(m%12 + 1), Day: 1}, Month) {
			return
		}
	}
}

// years generates year ticks on 1 January of the tick years of st.
func (g *gen) years(st Step) {
	y := yearAtOrBefore(CivilAt(g.lo, g.loc).Year, st.Count)
	for i := 0; i <= 2*g.limit+8; i, y = i+1, yearAfter(y, st.Count) {
		if !g.date(Civil{Year: y, Month: 1, Day: 1}, Year) {
			return
		}
	}
}

// date offers the tick at the start of day c, unless a clock change skipped
// that day. It reports whether to go on.
func (g *gen) date(c Civil, u Unit) bool {
	t, at := c.unix(g.loc)
	if at.Year != c.Year || at.Month != c.Month || at.Day != c.Day {
		return t <= g.hi
	}
	return g.add(t, u, c, "")
}

// yearAtOrBefore returns the latest tick year ≤ y for a step of n years.
// Tick years are multiples of n: CE years n, 2n…, BCE years n BCE, 2n BCE…
// down to 1,000,000 BCE, and below that astronomical multiples of n, which
// YearLabel writes as "… years ago". There is no year 0 between 1 BCE and 1 CE.
func yearAtOrBefore(y, n int64) int64 {
	if y >= 1 {
		if c := calendar.FloorDiv(y, n) * n; c >= 1 {
			return c
		}
		y = 0
	}
	if y >= -1_000_000 {
		if c := 1 - ceilDiv(1-y, n)*n; c >= -1_000_000 {
			return c
		}
		y = -1_000_001
	}
	return calendar.FloorDiv(y, n) * n
}

// yearAfter returns the earliest tick year > y for a step of n years.
func yearAfter(y, n int64) int64 {
	y++
	if y < -1_000_000 {
		if c := ceilDiv(y, n) * n; c < -1_000_000 {
			return c
		}
		y = -1_000_000
	}
	if y <= 0 {
		if k := calendar.FloorDiv(1-y, n); k >= 1 {
			return 1 - k*n
		}
		y = 1
	}
	return ceilDiv(y, n) * n
}

// ceilDiv returns ⌈a/b⌉ for b > 0.
func ceilDiv(a, b int64) int64 {
	return -calendar.FloorDiv(-a, b)
}

// label returns the interned label of a tick of unit u at c.
func (a *Axis) label(u Unit, major bool, c Civil, zone string) string {
	b := a.buf[:0]
	switch {
	case u <= Hour:
		b = append2(append(append2(b, c.Hour), ':'), c.Minute)
		if u == Second {
			b = append2(append(b, ':'), c.Second)
		}
		if zone != "" {
			b = append(append(b, ' '), zone...)
		}
	case u == Year:
		b = appendYear(b, c.Year)
	case !major && u == Month:
		return c.Month.String()[:3]
	case !major:
		return strconv.Itoa(c.Day) // small numbers do not allocate
	case u == Month:
		b = appendYear(append(append(b, c.Month.String()...), ' '), c.Year)
	default:
		b = append(append(b, c.Weekday().String()[:3]...), ' ')
		b = strconv.AppendInt(b, int64(c.Day), 10)
		b = appendYear(append(append(append(b, ' '), c.Month.String()...), ' '), c.Year)
	}
	a.buf = b
	if s, ok := a.labels[string(b)]; ok {
		return s
	}
	if a.labels == nil {
		a.labels = make(map[string]string)
	} else if len(a.labels) >= maxLabels {
		clear(a.labels)
	}
	s := string(b)
	a.labels[s] = s
	return s
}

// append2 appends n as two digits.
func append2(b []byte, n int) []byte {
	return append(b, byte('0'+n/10), byte('0'+n%10))
}
