package data

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"chronoscope/data/calendar"
)

// Precision says how much of a Date is known: an event known to the month
// covers that whole month, never the 1st at midnight.
type Precision int8

// The precisions a Date can carry, coarsest first.
const (
	PrecisionYear Precision = iota + 1
	PrecisionMonth
	PrecisionDay
	PrecisionHour
	PrecisionMinute
	PrecisionSecond
)

var precisionNames = [...]string{"", "year", "month", "day", "hour", "minute", "second"}

// String returns the precision's lower-case name ("month").
func (p Precision) String() string {
	if p < PrecisionYear || p > PrecisionSecond {
		return "invalid"
	}
	return precisionNames[p]
}

// ParsePrecision reads a precision name as written by String.
func ParsePrecision(s string) (Precision, error) {
	for p := PrecisionYear; p <= PrecisionSecond; p++ {
		if precisionNames[p] == s {
			return p, nil
		}
	}
	return 0, fmt.Errorf("unknown precision %q (want year, month, day, hour, minute or second)", s)
}

// Year limits: the Big Bang with room to spare, and as far into the future.
const (
	MinYear = -100_000_000_000
	MaxYear = 100_000_000_000
)

// Date is a calendar date (proleptic Gregorian) known to a precision.
// Year uses historical numbering: 2014 is 2014 CE, -500 is 500 BCE, and
// there is no year 0. Fields finer than the precision are zero (months and
// days count from 1, so an unknown month or day is stored as 1).
// A Date is wall-clock time in its event's time zone, or UTC.
type Date struct {
	Year      int64
	Month     int
	Day       int
	Hour      int
	Minute    int
	Second    int
	Precision Precision
}

// YearDate returns the date of a year known to the year.
func YearDate(year int64) Date { return Date{Year: year, Month: 1, Day: 1, Precision: PrecisionYear} }

// MonthDate returns a date known to the month.
func MonthDate(year int64, month int) Date {
	return Date{Year: year, Month: month, Day: 1, Precision: PrecisionMonth}
}

// DayDate returns a date known to the day.
func DayDate(year int64, month, day int) Date {
	return Date{Year: year, Month: month, Day: day, Precision: PrecisionDay}
}

// MinuteDate returns a date known to the minute.
func MinuteDate(year int64, month, day, hour, minute int) Date {
	return Date{Year: year, Month: month, Day: day, Hour: hour, Minute: minute, Precision: PrecisionMinute}
}

// IsZero reports whether d is the zero Date (no date at all).
func (d Date) IsZero() bool { return d == Date{} }

// DaysIn returns the number of days in a month of a historical year.
func DaysIn(year int64, month int) int {
	return calendar.DaysIn(calendar.Astronomical(year), time.Month(month))
}

// Validate checks that every field is in range for the precision; the
// error names the field in error ("month 13 is out of range").
func (d Date) Validate() error {
	if d.Precision < PrecisionYear || d.Precision > PrecisionSecond {
		return fmt.Errorf("precision %d is not one of year, month, day, hour, minute, second", d.Precision)
	}
	if d.Year == 0 {
		return fmt.Errorf("year 0 does not exist (1 BCE is followed by 1 CE)")
	}
	if d.Year < MinYear || d.Year > MaxYear {
		return fmt.Errorf("year %d is outside %d..%d", d.Year, int64(MinYear), int64(MaxYear))
	}
	check := func(p Precision, name string, v, lo, hi int) error {
		if d.Precision < p {
			if v != lo {
				return fmt.Errorf("%s is set but the precision is %s", name, d.Precision)
			}
			return nil
		}
		if v < lo || v > hi {
			return fmt.Errorf("%s %d is out of range %d..%d", name, v, lo, hi)
		}
		return nil
	}
	if err := check(PrecisionMonth, "month", d.Month, 1, 12); err != nil {
		return err
	}
	days := 31
	if d.Month >= 1 && d.Month <= 12 {
		days = DaysIn(d.Year, d.Month)
	}
	if err := check(PrecisionDay, "day", d.Day, 1, days); err != nil {
		if d.Precision >= PrecisionDay && d.Day > days && d.Day <= 31 {
			return fmt.Errorf("day %d does not exist in %s %s", d.Day, time.Month(d.Month), yearString(d.Year))
		}
		return err
	}
	if err := check(PrecisionHour, "hour", d.Hour, 0, 23); err != nil {
		return err
	}
	if err := check(PrecisionMinute, "minute", d.Minute, 0, 59); err != nil {
		return err
	}
	return check(PrecisionSecond, "second", d.Second, 0, 59)
}

// wallSeconds is the date as seconds since 1970 with no time zone applied.
func (d Date) wallSeconds() int64 {
	days := calendar.DaysFromCivil(calendar.Astronomical(d.Year), time.Month(d.Month), d.Day)
	return days*86400 + int64(d.Hour)*3600 + int64(d.Minute)*60 + int64(d.Second)
}

// next returns the first date after the period d covers at its precision
// (the next month for a month-precision date).
func (d Date) next() Date {
	n := d
	switch d.Precision {
	case PrecisionYear:
		n.Year++
		if n.Year == 0 {
			n.Year = 1
		}
	case PrecisionMonth:
		n.Month++
		if n.Month > 12 {
			n.Month = 1
			n.Year++
			if n.Year == 0 {
				n.Year = 1
			}
		}
	default:
		s := d.wallSeconds() + d.Precision.seconds()
		return fromWallSeconds(s, d.Precision)
	}
	return n
}

// Shifted returns d moved by n units of its own precision — years for a
// date known to the year, months for one known to the month, then days,
// hours, minutes or seconds — keeping the precision. Historical years
// skip year 0 (a year after 1 BCE is 1 CE). The result may lie outside
// the year limits; Validate says so.
func (d Date) Shifted(n int64) Date {
	switch d.Precision {
	case PrecisionYear:
		d.Year = calendar.Historical(calendar.Astronomical(d.Year) + n)
		return d
	case PrecisionMonth:
		months := calendar.Astronomical(d.Year)*12 + int64(d.Month-1) + n
		y := calendar.FloorDiv(months, 12)
		d.Year, d.Month = calendar.Historical(y), int(months-y*12)+1
		return d
	}
	return fromWallSeconds(d.wallSeconds()+n*d.Precision.seconds(), d.Precision)
}

func (p Precision) seconds() int64 {
	switch p {
	case PrecisionDay:
		return 86400
	case PrecisionHour:
		return 3600
	case PrecisionMinute:
		return 60
	}
	return 1
}

func fromWallSeconds(s int64, p Precision) Date {
	days := calendar.FloorDiv(s, 86400)
	rem := s - days*86400
	y, m, dd := calendar.CivilFromDays(days)
	return Date{Year: calendar.Historical(y), Month: int(m), Day: dd, Hour: int(rem / 3600), Minute: int(rem % 3600 / 60), Second: int(rem % 60), Precision: p}
}

// zoneOffset returns the UTC offset in seconds of wall time in loc; dates
// outside Go's tz data range use the zone's offset at that instant as
// Go computes it, and years far from now use UTC.
func zoneOffset(wall int64, loc *time.Location) int64 {
	if loc == nil || loc == time.UTC {
		return 0
	}
	if wall < -62135596800 || wall > 253402300799 { // outside years 1..9999
		return 0
	}
	// Wall time is read as if UTC, then corrected by the zone's offset
	// at that instant; a second pass settles DST edges.
	_, off := time.Unix(wall, 0).In(loc).Zone()
	_, off2 := time.Unix(wall-int64(off), 0).In(loc).Zone()
	return int64(off2)
}

// Instant returns the first second (Unix seconds, UTC) that d covers when
// read as wall time in loc (nil means UTC).
func (d Date) Instant(loc *time.Location) int64 {
	w := d.wallSeconds()
	return w - zoneOffset(w, loc)
}

// Stop returns the first second (Unix seconds) after the period d covers:
// a month-precision date stops at the start of the next month.
func (d Date) Stop(loc *time.Location) int64 {
	return d.next().Instant(loc)
}

// Compare orders dates by their wall time, then by precision.
func (d Date) Compare(o Date) int {
	a, b := d.wallSeconds(), o.wallSeconds()
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	case d.Precision < o.Precision:
		return -1
	case d.Precision > o.Precision:
		return 1
	}
	return 0
}

func yearString(y int64) string {
	if y < 0 {
		return strconv.FormatInt(-y, 10) + " BCE"
	}
	return strconv.FormatInt(y, 10)
}

// String formats d at its precision in a form ParseDate reads back:
// "2014", "2014-12", "2014-12-22", "2014-12-22 16:15", "500 BCE",
// "2014-12-22 16:15:05". Years before 1 CE are written "N BCE" (with month
// and day after them: "44 BCE-03-15").
func (d Date) String() string {
	var b strings.Builder
	if d.Year < 0 {
		b.WriteString(strconv.FormatInt(-d.Year, 10))
		b.WriteString(" BCE")
	} else if d.Year < 1000 {
		fmt.Fprintf(&b, "%04d", d.Year)
	} else {
		b.WriteString(strconv.FormatInt(d.Year, 10))
	}
	if d.Precision >= PrecisionMonth {
		fmt.Fprintf(&b, "-%02d", d.Month)
	}
	if d.Precision >= PrecisionDay {
		fmt.Fprintf(&b, "-%02d", d.Day)
	}
	if d.Precision >= PrecisionHour {
		fmt.Fprintf(&b, " %02d", d.Hour)
		if d.Precision == PrecisionHour {
			b.WriteString("h")
		}
	}
	if d.Precision >= PrecisionMinute {
		fmt.Fprintf(&b, ":%02d", d.Minute)
	}
	if d.Precision >= PrecisionSecond {
		fmt.Fprintf(&b, ":%02d", d.Second)
	}
	return b.String()
}

// Format writes d at its precision followed by the abbreviation of zone
// when the precision is finer than a day: "2014-12-22 16:15 UTC",
// "2014-12-23 01:15 KST". Coarser dates carry no zone ("2014-12").
func (d Date) Format(loc *time.Location) string {
	s := d.String()
	if d.Precision < PrecisionHour {
		return s
	}
	return s + " " + ZoneAbbrev(d, loc)
}

// ZoneAbbrev returns the zone's abbreviation at the date ("UTC", "KST",
// "CET"), or a numeric offset such as "+0900" when the zone has none.
func ZoneAbbrev(d Date, loc *time.Location) string {
	if loc == nil {
		loc = time.UTC
	}
	if loc == time.UTC {
		return "UTC"
	}
	inst := d.Instant(loc)
	name, off := time.Unix(inst, 0).In(loc).Zone()
	if name == "" || name[0] == '+' || name[0] == '-' {
		sign := byte('+')
		if off < 0 {
			sign, off = '-', -off
		}
		return fmt.Sprintf("%c%02d%02d", sign, off/3600, off%3600/60)
	}
	return name
}

var monthNames = map[string]int{}

func init() {
	for m := time.January; m <= time.December; m++ {
		full := strings.ToLower(m.String())
		monthNames[full] = int(m)
		monthNames[full[:3]] = int(m)
	}
	monthNames["sept"] = 9
}

// ParseDate reads a date typed by a person or written by String, keeping
// the precision typed: "2014", "Dec 2014", "December 2014", "2014-12",
// "2014-12-22", "22 Dec 2014", "2014-12-22 16:15", "2014-12-22T16:15:05",
// "500 BCE", "500 BC", "-500", "44 BCE-03-15", "13.8 billion BCE" is not
// accepted (use "-13800000000"). A trailing zone name ("UTC", "Z",
// "Asia/Pyongyang") is returned separately as zone; the date is wall time
// in it.
func ParseDate(s string) (d Date, zone string, err error) {
	orig := s
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, "", fmt.Errorf("empty date")
	}
	fail := func(format string, a ...any) (Date, string, error) {
		return Date{}, "", fmt.Errorf("date %q: %s", orig, fmt.Sprintf(format, a...))
	}
	fields := strings.Fields(s)
	// A trailing zone: "UTC", "Z", an IANA name, or a +hhmm offset is not
	// accepted (zones are named so that DST is kept).
	if n := len(fields); n >= 2 {
		last := fields[n-1]
		if last == "UTC" || last == "Z" || last == "GMT" || strings.Contains(last, "/") {
			zone = last
			if zone == "Z" || zone == "GMT" {
				zone = "UTC"
			}
			if _, err := time.LoadLocation(zone); err != nil {
				return fail("unknown time zone %q", last)
			}
			fields = fields[:n-1]
		}
	}
	s = strings.Join(fields, " ")
	s = strings.Replace(s, "T", " ", 1)
	if n := len(s); zone == "" && n > 1 && s[n-1] == 'Z' && s[n-2] >= '0' && s[n-2] <= '9' {
		s, zone = s[:n-1], "UTC" // ISO 8601 "…16:15:05Z"
	}
	bce := false
	for _, suffix := range []string{" BCE", " BC", " B.C.", " B.C.E."} {
		if i := strings.Index(asciiUpper(s), suffix); i > 0 {
			rest := s[i+len(suffix):]
			if rest == "" || rest[0] == '-' || rest[0] == ' ' {
				s = s[:i] + rest
				bce = true
				break
			}
		}
	}
	if up := asciiUpper(s); strings.HasSuffix(up, " CE") || strings.HasSuffix(up, " AD") {
		s = s[:len(s)-3]
	}
	fields = strings.Fields(s)
	switch {
	case len(fields) >= 2 && isWord(fields[0]) && !isWord(fields[1]):
		// "Dec 2014", "December 2014"
		m, ok := monthNames[strings.ToLower(strings.TrimSuffix(fields[0], "."))]
		if !ok || len(fields) != 2 {
			return fail("expected a month name and a year, as in \"Dec 2014\"")
		}
		y, err := parseYear(fields[1], bce)
		if err != nil {
			return fail("%v", err)
		}
		d = MonthDate(y, m)
	case len(fields) >= 3 && !isWord(fields[0]) && isWord(fields[1]):
		// "22 Dec 2014" with an optional time
		m, ok := monthNames[strings.ToLower(strings.TrimSuffix(fields[1], "."))]
		if !ok {
			return fail("unknown month %q", fields[1])
		}
		day, err := strconv.Atoi(fields[0])
		if err != nil {
			return fail("day %q is not a number", fields[0])
		}
		y, err := parseYear(fields[2], bce)
		if err != nil {
			return fail("%v", err)
		}
		d = DayDate(y, m, day)
		if len(fields) > 4 {
			return fail("unexpected %q", strings.Join(fields[4:], " "))
		}
		if len(fields) == 4 {
			if err := parseClock(fields[3], &d); err != nil {
				return fail("%v", err)
			}
		}
	default:
		if len(fields) == 0 || len(fields) > 2 {
			return fail("expected a form such as 2014, Dec 2014, 2014-12-22 or 2014-12-22 16:15")
		}
		// ISO-like: [-]YYYY[-MM[-DD]] [hh:mm[:ss]]
		datePart := fields[0]
		neg := false
		if strings.HasPrefix(datePart, "-") {
			neg = true
			datePart = datePart[1:]
		}
		parts := strings.Split(datePart, "-")
		if len(parts) > 3 {
			return fail("too many '-' separated parts")
		}
		y, err := parseYear(parts[0], bce || neg)
		if err != nil {
			return fail("%v", err)
		}
		if bce && neg {
			return fail("both a minus sign and BCE")
		}
		d = YearDate(y)
		if len(parts) >= 2 {
			m, err := strconv.Atoi(parts[1])
			if err != nil || len(parts[1]) > 2 {
				return fail("month %q is not a number 1..12", parts[1])
			}
			d = MonthDate(y, m)
		}
		if len(parts) == 3 {
			day, err := strconv.Atoi(parts[2])
			if err != nil || len(parts[2]) > 2 {
				return fail("day %q is not a number", parts[2])
			}
			d = DayDate(y, d.Month, day)
		}
		if len(fields) == 2 {
			if d.Precision != PrecisionDay {
				return fail("a time needs a full date (year, month and day)")
			}
			if err := parseClock(fields[1], &d); err != nil {
				return fail("%v", err)
			}
		}
	}
	if err := d.Validate(); err != nil {
		return fail("%v", err)
	}
	return d, zone, nil
}

// asciiUpper upper-cases ASCII letters only, so positions in the result
// are positions in s (strings.ToUpper may change the length of other text).
func asciiUpper(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	return string(b)
}

func isWord(s string) bool {
	if s == "" {
		return false
	}
	c := s[0] | 0x20
	return c >= 'a' && c <= 'z'
}

func parseYear(s string, bce bool) (int64, error) {
	y, err := strconv.ParseInt(s, 10, 64)
	if err != nil || y < 0 {
		return 0, fmt.Errorf("year %q is not a whole number", s)
	}
	if y == 0 {
		return 0, fmt.Errorf("year 0 does not exist (1 BCE is followed by 1 CE)")
	}
	if bce {
		y = -y
	}
	return y, nil
}

// parseClock reads "16", "16h", "16:15", "16:15:05", "4:15pm" into d and
// sets its precision.
func parseClock(s string, d *Date) error {
	ls := strings.ToLower(s)
	pm, am := strings.HasSuffix(ls, "pm"), strings.HasSuffix(ls, "am")
	if pm || am {
		ls = strings.TrimSpace(ls[:len(ls)-2])
	}
	ls = strings.TrimSuffix(ls, "h")
	parts := strings.Split(ls, ":")
	if len(parts) > 3 {
		return fmt.Errorf("time %q: expected hh:mm or hh:mm:ss", s)
	}
	vals := make([]int, len(parts))
	for i, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || len(p) > 2 || p == "" {
			return fmt.Errorf("time %q: %q is not a number", s, p)
		}
		vals[i] = v
	}
	if pm || am {
		if vals[0] < 1 || vals[0] > 12 {
			return fmt.Errorf("time %q: hour %d is out of range 1..12", s, vals[0])
		}
		vals[0] %= 12
		if pm {
			vals[0] += 12
		}
	}
	d.Hour = vals[0]
	d.Precision = PrecisionHour
	if len(vals) > 1 {
		d.Minute = vals[1]
		d.Precision = PrecisionMinute
	}
	if len(vals) > 2 {
		d.Second = vals[2]
		d.Precision = PrecisionSecond
	}
	return nil
}

// FormatSpan writes a date, or a span from start to end, at their
// precisions in loc, with the end after an en dash: "2014-12-22 16:15
// UTC", "2014-12", "2014-12-22 16:15 – 2014-12-23 01h UTC" (the zone is
// named once, at the end). It is how every view and export writes an
// event's date; Event.When adds the display date's override.
func FormatSpan(start, end Date, loc *time.Location) string {
	if end.IsZero() {
		return start.Format(loc)
	}
	if start.Precision >= PrecisionHour && end.Precision >= PrecisionHour {
		return start.String() + " – " + end.Format(loc)
	}
	return start.Format(loc) + " – " + end.Format(loc)
}
