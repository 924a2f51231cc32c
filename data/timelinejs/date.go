package timelinejs

import (
	"fmt"
	"math"
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
	if err := out.Validate(); err != nil { // a last guard; the checks above say it better
		return fail(partYear, "%v", err)
	}
	return out, nil
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

// parseLegacyDate reads the Start Date or End Date cell of an older
// TimelineJS sheet into parts: "1815", "1815,12,10", "1815,12,10,16,15"
// (the comma form), "12/10/1815" or "12/10/1815 4:15 pm" (month first, as
// Google Sheets writes dates in the US locale), or an ISO date such as
// "1815-12-10" (read by data.ParseDate).
func parseLegacyDate(s string, d *dateParts) error {
	t := strings.TrimSpace(s)
	switch {
	case t == "":
		return nil
	case strings.Contains(t, ","):
		fields := strings.Split(t, ",")
		if len(fields) > numParts {
			return fmt.Errorf("%q has more than year, month, day, hour, minute and second", s)
		}
		for i, f := range fields {
			if f = strings.TrimSpace(f); f != "" {
				d.p[i] = part{text: f, set: true}
			}
		}
		return nil
	case strings.Contains(t, "/"):
		date, clock, _ := strings.Cut(t, " ")
		fields := strings.Split(date, "/")
		if len(fields) != 3 {
			return fmt.Errorf("%q is not a date of the form MM/DD/YYYY", s)
		}
		d.p[partYear] = part{text: strings.TrimSpace(fields[2]), set: true}
		d.p[partMonth] = part{text: strings.TrimSpace(fields[0]), set: true}
		d.p[partDay] = part{text: strings.TrimSpace(fields[1]), set: true}
		if clock = strings.TrimSpace(clock); clock != "" {
			return parseClock(clock, d)
		}
		return nil
	}
	if _, ok := parseWhole(t); ok {
		d.p[partYear] = part{text: t, set: true}
		return nil
	}
	date, _, err := data.ParseDate(t)
	if err != nil {
		return err
	}
	vals := [numParts]int64{date.Year, int64(date.Month), int64(date.Day), int64(date.Hour), int64(date.Minute), int64(date.Second)}
	for i := 0; i < int(date.Precision); i++ {
		d.p[i] = part{text: strconv.FormatInt(vals[i], 10), set: true}
	}
	return nil
}
