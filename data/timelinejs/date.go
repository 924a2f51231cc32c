package timelinejs

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"

	"chronoscope/data"
)

// The parts of a TimelineJS date, coarsest first; the precision of a date
// is its finest part present. Milliseconds are read and ignored.
const (
	partYear = iota
	partMonth
	partDay
	partHour
	partMinute
	partSecond
	numParts
)

var partNames = [numParts]string{"year", "month", "day", "hour", "minute", "second"}

// part is one field of a date as the file gave it.
type part struct {
	text  string // as written: a string's contents or a number's literal
	set   bool   // false when absent, null or an empty string
	sheet bool   // a spreadsheet cell: spaces and thousands separators are dropped
}

// sheetNumber drops what TimelineJS's sheet reader drops from a number
// cell before reading it: white space (as Sheets puts between groups of
// digits) and commas (its thousands separators), so "1,248" is 1248.
func sheetNumber(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return r == ',' || unicode.IsSpace(r) }) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == ',' || unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// dateParts are the fields of one date; where names a part in an error
// ("events[3].start_date.month", "line 5, column 2 (Month)").
type dateParts struct {
	p     [numParts]part
	where func(i int) string
	// offset is the zone offset an ISO date gave, in minutes east of UTC;
	// the date is turned into UTC wall time.
	offset int
	// nextDay is set for an ISO "24:00": the date is the next day's 00:00.
	nextDay bool
}

func (d *dateParts) any() bool {
	for _, p := range d.p {
		if p.set {
			return true
		}
	}
	return false
}

// parseWhole reads a whole number written as digits ("08", "-13800000000")
// or as a JSON number with an exponent or a zero fraction (1.38e10).
func parseWhole(s string) (int64, bool) {
	if v, err := strconv.ParseInt(strings.TrimPrefix(s, "+"), 10, 64); err == nil {
		return v, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
		return 0, false
	}
	return int64(f), true
}

// yearText writes a historical year for messages: "1815", "500 BCE".
func yearText(y int64) string {
	if y < 0 {
		return strconv.FormatInt(-y, 10) + " BCE"
	}
	return strconv.FormatInt(y, 10)
}

// date builds the date the parts describe, at the precision of the finest
// part given. It returns the zero Date when no part is set.
func (d *dateParts) date() (data.Date, error) {
	if !d.any() {
		return data.Date{}, nil
	}
	fail := func(i int, format string, a ...any) (data.Date, error) {
		return data.Date{}, fmt.Errorf("%s: %s", d.where(i), fmt.Sprintf(format, a...))
	}
	var v [numParts]int64
	prec := data.Precision(0)
	for i, p := range d.p {
		if !p.set {
			continue
		}
		if i > 0 && !d.p[i-1].set {
			return fail(i, "%q is given without a %s", p.text, partNames[i-1])
		}
		num := p.text
		if p.sheet {
			num = sheetNumber(num)
		}
		n, ok := parseWhole(num)
		if !ok {
			return fail(i, "%q is not a whole number", p.text)
		}
		v[i] = n
		prec = data.Precision(i + 1)
	}
	if !d.p[partYear].set {
		return fail(partYear, "missing (a date needs at least a year)")
	}
	year := v[partYear]
	switch {
	case year == 0:
		return fail(partYear, "year 0 does not exist (1 BCE is followed by 1 CE)")
	case year < data.MinYear || year > data.MaxYear:
		return fail(partYear, "%q is outside the years %d..%d", d.p[partYear].text, int64(data.MinYear), int64(data.MaxYear))
	}
	if prec >= data.PrecisionMonth && (v[partMonth] < 1 || v[partMonth] > 12) {
		return fail(partMonth, "%q is not a month 1..12", d.p[partMonth].text)
	}
	if prec >= data.PrecisionDay {
		if days := int64(data.DaysIn(year, int(v[partMonth]))); v[partDay] < 1 || v[partDay] > days {
			return fail(partDay, "%q is not a day of %s %s (it has %d days)", d.p[partDay].text,
				time.Month(v[partMonth]), yearText(year), days)
		}
	}
	limits := [numParts]int64{partHour: 23, partMinute: 59, partSecond: 59}
	for i := partHour; i < numParts; i++ {
		if d.p[i].set && (v[i] < 0 || v[i] > limits[i]) {
			return fail(i, "%q is not %s %s 0..%d", d.p[i].text, article(partNames[i]), partNames[i], limits[i])
		}
	}
	out := data.Date{Year: year, Month: 1, Day: 1, Precision: prec}
	if prec >= data.PrecisionMonth {
		out.Month = int(v[partMonth])
	}
	if prec >= data.PrecisionDay {
		out.Day = int(v[partDay])
	}
	out.Hour, out.Minute, out.Second = int(v[partHour]), int(v[partMinute]), int(v[partSecond])
	if d.nextDay {
		out = out.Shifted(map[data.Precision]int64{data.PrecisionHour: 24, data.PrecisionMinute: 24 * 60,
			data.PrecisionSecond: 24 * 3600}[out.Precision])
	}
	if d.offset != 0 {
		out = toUTC(out, d.offset)
	}
	if err := out.Validate(); err != nil { // a last guard; the checks above say it better
		return fail(partYear, "%v", err)
	}
	return out, nil
}

// toUTC turns a wall time offset minutes east of UTC into UTC wall time;
// an hour becomes a minute when the offset has minutes ("+05:30").
func toUTC(d data.Date, offset int) data.Date {
	prec := d.Precision
	if prec == data.PrecisionHour {
		d.Precision = data.PrecisionMinute
	}
	if d.Precision == data.PrecisionSecond {
		d = d.Shifted(-int64(offset) * 60)
	} else {
		d = d.Shifted(-int64(offset))
	}
	if prec == data.PrecisionHour && d.Minute == 0 {
		d.Precision = data.PrecisionHour
	}
	return d
}

func article(word string) string {
	if word == "hour" {
		return "an"
	}
	return "a"
}

// parseClock reads a Time cell of a TimelineJS sheet as TimelineJS's
// own reader does: "16", "16:15", "16:15:05" (a fraction of a second is
// read and ignored), "1615" or "16.15", each optionally followed by am or
// pm written any way ("4:15 pm", "4pm", "4:15 p.m."), into the hour,
// minute and second parts.
func parseClock(s string, d *dateParts) error {
	bad := func() error { return fmt.Errorf("%q is not a time of the form HH:MM or HH:MM:SS", s) }
	t := strings.ToLower(strings.TrimSpace(s))
	var period byte
	if u := strings.TrimSuffix(strings.TrimSuffix(t, "."), "m"); len(u) < len(t) {
		u = strings.TrimSuffix(u, ".")
		if n := len(u); n > 0 && (u[n-1] == 'a' || u[n-1] == 'p') {
			period, t = u[n-1], strings.TrimSpace(u[:n-1])
		}
	}
	var fields []string
	switch {
	case len(t) >= 3 && len(t) <= 4 && strings.Trim(t, "0123456789") == "":
		fields = []string{t[:len(t)-2], t[len(t)-2:]} // "1615", "915"
	case strings.Contains(t, ":"):
		fields = strings.Split(t, ":")
		if len(fields) == 3 { // seconds may carry a fraction: "05.250"
			fields[2], _, _ = strings.Cut(fields[2], ".")
			fields[2], _, _ = strings.Cut(fields[2], ",")
		}
	default:
		fields = strings.Split(t, ".")
	}
	if len(fields) > 3 || t == "" {
		return bad()
	}
	for i, f := range fields {
		if f == "" || len(f) > 2 || strings.Trim(f, "0123456789") != "" {
			return bad()
		}
		d.p[partHour+i] = part{text: f, set: true}
	}
	if period != 0 {
		h, _ := strconv.Atoi(fields[0])
		if h < 1 || h > 12 {
			return fmt.Errorf("%q: hour %d is not 1..12 before am or pm", s, h)
		}
		h %= 12
		if period == 'p' {
			h += 12
		}
		d.p[partHour].text = strconv.Itoa(h)
	}
	return nil
}

// The forms of a Start Date or End Date cell beyond the comma form: an
// ISO year, month or day ("-500", "1815-12", "1815-12-10"), and an ISO
// date with a time and zone ("1815-12-10T16:15:05.250+01:00", the
// separators optional as ISO 8601 allows, "24:00" for the end of the day).
var (
	isoShort = regexp.MustCompile(`^([+-]?\d+)(?:-(\d{2}))?(?:-(\d{2}))?$`)
	isoFull  = regexp.MustCompile(`^([+-]?\d{4})(-?)(\d{2})(?:-?(\d{2}))?` +
		`(?:[Tt ](\d{2})(?::?(\d{2}))?(?::?(\d{2})(?:[.,]\d+)?)?` +
		`\s*([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$`)
	slashDate  = regexp.MustCompile(`\d+/\d+/\d+`)
	slashMonth = regexp.MustCompile(`\d+/\d+`)
)

// parseLegacyDate reads the Start Date or End Date cell of an older
// TimelineJS sheet into parts, taking every form TimelineJS 3's parseDate
// takes and TimelineJS 2's comma form:
//
//	"1815", "-500"                      a year (negative is BCE)
//	"1815-12", "1815-12-10"             ISO year and month, or day
//	"1815-12-10T16:15", "…16:15:05Z",   ISO with a time, and a zone
//	"18151210T161505+0100"              (the date is made UTC)
//	"12/10/1815", "12/1815"             month first, as US Sheets write
//	"12/10/1815 4:15 pm"                a time after the date
//	"1815,12,10", "1815,12,10,16,15"    TimelineJS 2's comma form
//
// Anything else goes to data.ParseDate ("Dec 1815", "500 BCE").
func parseLegacyDate(s string, d *dateParts) error {
	t := strings.TrimSpace(s)
	set := func(i int, v string) {
		if v != "" {
			d.p[i] = part{text: v, set: true}
		}
	}
	if t == "" {
		return nil
	}
	if strings.Contains(t, ",") {
		fields := strings.Split(t, ",")
		if len(fields) > numParts {
			return fmt.Errorf("%q has more than year, month, day, hour, minute and second", s)
		}
		for i, f := range fields {
			set(i, strings.TrimSpace(f))
		}
		return nil
	}
	if m := isoShort.FindStringSubmatch(t); m != nil {
		set(partYear, m[1])
		set(partMonth, m[2])
		set(partDay, m[3])
		return nil
	}
	if m := isoFull.FindStringSubmatch(t); m != nil {
		if m[2] == "" && m[4] == "" {
			return fmt.Errorf("%q is not a date (write YYYY-MM or YYYYMMDD)", s)
		}
		for i, v := range m[3:8] {
			set(partMonth+i, v)
		}
		set(partYear, m[1])
		if m[5] == "24" && strings.Trim(m[6]+m[7], "0") == "" && m[4] != "" {
			// 24:00 is the midnight that ends the day: the next day's 00:00.
			set(partHour, "00")
			d.nextDay = true
		}
		return parseOffset(m[8], s, d)
	}
	parsed := false
	if m := slashDate.FindString(t); m != "" {
		f := strings.Split(m, "/")
		set(partMonth, f[0])
		set(partDay, f[1])
		set(partYear, f[2])
		t, parsed = strings.TrimSpace(strings.Replace(t, m, "", 1)), true
	} else if m := slashMonth.FindString(t); m != "" {
		f := strings.Split(m, "/")
		set(partMonth, f[0])
		set(partYear, f[1])
		t, parsed = strings.TrimSpace(strings.Replace(t, m, "", 1)), true
	}
	if parsed {
		// What follows the date is its time; words without digits
		// ("approx.") are passed over, as TimelineJS does.
		if !strings.ContainsAny(t, "0123456789") {
			return nil
		}
		if !d.p[partDay].set {
			return fmt.Errorf("%q: a time is given without a day", s)
		}
		return parseClock(t, d)
	}
	date, zone, err := data.ParseDate(t)
	if err != nil {
		return err
	}
	if zone != "" && zone != "UTC" && zone != "Z" {
		return fmt.Errorf("%q: the zone %s cannot be kept (write the time in UTC or as an offset: 16:15+01:00)", s, zone)
	}
	return fillParts(date, d)
}

// fillParts sets the parts of d from a date, down to its precision.
func fillParts(date data.Date, d *dateParts) error {
	vals := [numParts]int64{date.Year, int64(date.Month), int64(date.Day), int64(date.Hour), int64(date.Minute), int64(date.Second)}
	for i := 0; i < int(date.Precision); i++ {
		d.p[i] = part{text: strconv.FormatInt(vals[i], 10), set: true}
	}
	return nil
}

// parseOffset reads an ISO zone ("Z", "+01", "+0100", "-05:30") into
// d.offset.
func parseOffset(z, s string, d *dateParts) error {
	if z == "" || z == "Z" || z == "z" {
		return nil
	}
	digits := strings.ReplaceAll(z[1:], ":", "")
	h, _ := strconv.Atoi(digits[:2])
	m := 0
	if len(digits) == 4 {
		m, _ = strconv.Atoi(digits[2:])
	}
	if h > 23 || m > 59 {
		return fmt.Errorf("%q: the zone offset %s is not one (want -23:59..+23:59)", s, z)
	}
	d.offset = h*60 + m
	if z[0] == '-' {
		d.offset = -d.offset
	}
	return nil
}
