package timeline

import (
	"math"
	"strconv"
	"time"

	"chronoscope/data/calendar"
)

// Civil is a date and wall-clock time for labels. Year is astronomical:
// 0 is 1 BCE and −499 is 500 BCE (YearLabel writes it the historical way).
type Civil struct {
	Year   int64
	Month  time.Month
	Day    int
	Hour   int
	Minute int
	Second int
}

const (
	// zonedYears bounds the years in which civil time follows the location;
	// beyond, it is UTC: no zone rule means anything there, and plain integer
	// arithmetic stays exact at any magnitude (Go's time stops near ±292e9 years).
	zonedYears = 900_000_000
	// zonedSeconds is a magnitude of instants that surely lie within ±zonedYears.
	zonedSeconds = 2.8e16
	// farSeconds bounds the instants CivilAt accepts; beyond, it clamps.
	farSeconds = 1e20
)

// CivilAt returns the wall-clock fields in loc (nil means UTC) of instant t,
// floored to the second. Beyond ±900 million years the fields are UTC; t is
// clamped to ±1e20 s and NaN reads as 0.
func CivilAt(t float64, loc *time.Location) Civil {
	if t != t {
		t = 0
	}
	t = min(max(t, -farSeconds), farSeconds)
	if zoned(loc) && math.Abs(t) <= zonedSeconds {
		return civilOf(time.Unix(int64(math.Floor(t)), 0).In(loc))
	}
	c := civilUTC(t)
	if zoned(loc) && c.Year >= -zonedYears && c.Year <= zonedYears {
		return civilOf(time.Unix(int64(math.Floor(t)), 0).In(loc))
	}
	return c
}

// Unix returns the first instant at which the wall clock in loc (nil means
// UTC) reads c or later: a time skipped by a clock change gives the instant of
// the change, a repeated one its first occurrence. Fields out of range carry
// over as in time.Date; beyond ±900 million years c is read as UTC.
func (c Civil) Unix(loc *time.Location) float64 {
	t, _ := c.unix(loc)
	return t
}

// Weekday returns the day of the week of c's date.
func (c Civil) Weekday() time.Weekday {
	days, _ := c.days()
	return time.Weekday(calendar.FloorMod(days+4, 7)) // 1970-01-01 was a Thursday
}

// YearLabel writes an astronomical year for people: "2014", "12,000",
// "500 BCE" (−499), "1 BCE" (0), "13.8 billion years ago" below −1,000,000
// (counted back from year 0), and "2.5 million CE" above 1,000,000.
func YearLabel(year int64) string {
	var buf [40]byte
	return string(appendYear(buf[:0], year))
}

// unix is Unix that also reports the date the wall clock shows at the result,
// which differs from c's (normalised) date only when a clock change skips it.
func (c Civil) unix(loc *time.Location) (float64, Civil) {
	days, sec := c.days()
	if zoned(loc) && c.Year >= -zonedYears && c.Year <= zonedYears {
		wall := days*86400 + sec
		tm := time.Date(int(c.Year), c.Month, c.Day, c.Hour, c.Minute, c.Second, 0, loc)
		u := firstWall(wall, tm)
		if u != tm.Unix() {
			tm = time.Unix(u, 0).In(loc)
		}
		return float64(u), civilOf(tm)
	}
	y, m, d := calendar.CivilFromDays(days + calendar.FloorDiv(sec, 86400))
	sec = calendar.FloorMod(sec, 86400)
	date := Civil{Year: y, Month: m, Day: d, Hour: int(sec / 3600), Minute: int(sec / 60 % 60), Second: int(sec % 60)}
	return math.FMA(float64(days), 86400, float64(c.seconds())), date
}

// days returns the day number (days since 1970-01-01) of c's year, month and
// day, and the seconds of its time of day (which may exceed a day).
func (c Civil) days() (days, sec int64) {
	y := c.Year + calendar.FloorDiv(int64(c.Month)-1, 12)
	m := time.Month(calendar.FloorMod(int64(c.Month)-1, 12) + 1)
	return calendar.DaysFromCivil(y, m, 1) + int64(c.Day) - 1, c.seconds()
}

// seconds returns c's time of day in seconds, carrying out-of-range fields.
func (c Civil) seconds() int64 {
	return int64(c.Hour)*3600 + int64(c.Minute)*60 + int64(c.Second)
}

// firstWall returns the first instant at which the wall clock reads wall
// (local seconds since 1970-01-01) or later, given tm = time.Date's guess,
// which may land on either side of a gap or on either occurrence of a repeat.
func firstWall(wall int64, tm time.Time) int64 {
	u := tm.Unix()
	_, off := tm.Zone()
	w := u + int64(off)
	start, end := tm.ZoneBounds()
	switch {
	case w < wall && !end.IsZero():
		return end.Unix() // before a gap: the clock passes wall when the gap ends
	case w > wall && !start.IsZero():
		return start.Unix() // after a gap that began when the zone did
	case w == wall && !start.IsZero():
		_, prev := start.Add(-time.Second).Zone()
		if e := wall - int64(prev); e < start.Unix() {
			return e // the previous zone read wall too, earlier
		}
	}
	return u
}

// zoned reports whether loc needs the time package (UTC does not).
func zoned(loc *time.Location) bool {
	return loc != nil && loc != time.UTC
}

// civilOf returns tm's fields.
func civilOf(tm time.Time) Civil {
	y, m, d := tm.Date()
	h, mi, s := tm.Clock()
	return Civil{Year: int64(y), Month: m, Day: d, Hour: h, Minute: mi, Second: s}
}

// civilUTC returns the UTC fields of t by integer arithmetic, exact at any
// magnitude a float64 holds.
func civilUTC(t float64) Civil {
	s := math.Floor(t)
	d := math.Floor(s / 86400)
	r := math.FMA(-d, 86400, s) // exact: the true result is a small integer
	if r < 0 {
		d, r = d-1, r+86400
	} else if r >= 86400 {
		d, r = d+1, r-86400
	}
	y, m, day := calendar.CivilFromDays(int64(d))
	sec := int(r)
	return Civil{Year: y, Month: m, Day: day, Hour: sec / 3600, Minute: sec / 60 % 60, Second: sec % 60}
}

// appendYear appends YearLabel(y).
func appendYear(b []byte, y int64) []byte {
	switch {
	case y >= 1 && y <= 1_000_000:
		return appendGrouped(b, uint64(y))
	case y > 1_000_000:
		return append(appendBig(b, uint64(y)), " CE"...)
	case y >= -1_000_000:
		return append(appendGrouped(b, uint64(1-y)), " BCE"...)
	}
	return append(appendBig(b, uint64(-(y+1))+1), " years ago"...)
}

// appendGrouped appends n in digits, grouped by commas from 10,000 up
// ("2014", "12,000"): a year of four digits is written as people write it.
func appendGrouped(b []byte, n uint64) []byte {
	if n < 10000 {
		return strconv.AppendUint(b, n, 10)
	}
	return calendar.AppendGrouped(b, n)
}

// appendBig appends n > 1,000,000 exactly in millions, billions or trillions
// ("13.8 billion", "1.000001 million").
func appendBig(b []byte, n uint64) []byte {
	unit, name := uint64(1_000_000), " million"
	switch {
	case n >= 1e12:
		unit, name = 1e12, " trillion"
	case n >= 1e9:
		unit, name = 1e9, " billion"
	}
	b = appendGrouped(b, n/unit)
	if frac := n % unit; frac != 0 {
		var digits [20]byte
		s := strconv.AppendUint(digits[:0], frac+unit, 10)[1:] // zero-padded to width
		for len(s) > 0 && s[len(s)-1] == '0' {
			s = s[:len(s)-1]
		}
		b = append(append(b, '.'), s...)
	}
	return append(b, name...)
}
