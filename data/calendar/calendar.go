// Package calendar is the one copy of the proleptic Gregorian calendar's
// arithmetic that both the store (data) and the timeline widget (timeline)
// count days with, and of the digit grouping their words for people use.
// It imports only the standard library, so that timeline can use it
// without importing data, and data without importing timeline.
//
// Years here are astronomical: year 0 is 1 BCE and -499 is 500 BCE.
// Historical and Astronomical convert to and from the historical numbering
// (no year 0) that people write and data.Date stores. Day numbers count days
// since 1970-01-01 (day 0), on both sides of it, at any int64 year whose day
// number does not overflow.
package calendar

import (
	"strconv"
	"time"
)

// unixDays is the number of days from 0000-03-01 to 1970-01-01.
const unixDays = 719468

// DaysFromCivil returns the day number (days since 1970-01-01) of an
// astronomical year, a month in 1..12 and a day counted on linearly from the
// 1st (day 32 of January is 1 February), by H. Hinnant's algorithm.
func DaysFromCivil(y int64, m time.Month, d int) int64 {
	if m <= 2 {
		y--
	}
	era := FloorDiv(y, 400)
	yoe := y - era*400                 // [0, 399]
	mp := (int64(m) + 9) % 12          // March is 0
	doy := (153*mp+2)/5 + int64(d) - 1 // [0, 365] for valid days
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - unixDays
}

// CivilFromDays returns the astronomical year, month and day of a day
// number; it is the inverse of DaysFromCivil.
func CivilFromDays(z int64) (year int64, month time.Month, day int) {
	z += unixDays
	era := FloorDiv(z, 146097)
	doe := z - era*146097                                  // [0, 146096]
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365 // [0, 399]
	doy := doe - (365*yoe + yoe/4 - yoe/100)               // [0, 365]
	mp := (5*doy + 2) / 153                                // March is 0
	d := int(doy - (153*mp+2)/5 + 1)
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	y := yoe + era*400
	if m <= 2 {
		y++
	}
	return y, time.Month(m), d
}

// IsLeap reports whether an astronomical year has a 29 February: every
// fourth year, except centuries not divisible by 400 (1900 is not, 2000 is,
// and so is year 0, 1 BCE).
func IsLeap(y int64) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// DaysIn returns the number of days in month m (1..12) of an astronomical
// year; a month out of range has 31.
func DaysIn(y int64, m time.Month) int {
	switch m {
	case time.February:
		if IsLeap(y) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

// Astronomical turns a historical year (no year 0: -1 is 1 BCE) into an
// astronomical one (0 is 1 BCE). Year 0, which does not exist historically,
// stays 0.
func Astronomical(year int64) int64 {
	if year < 0 {
		return year + 1
	}
	return year
}

// Historical turns an astronomical year (0 is 1 BCE) into a historical one
// (no year 0: -1 is 1 BCE); it is the inverse of Astronomical.
func Historical(y int64) int64 {
	if y <= 0 {
		return y - 1
	}
	return y
}

// FloorDiv returns ⌊a/b⌋, rounding towards minus infinity where Go's a/b
// rounds towards zero (FloorDiv(-1, 400) is -1). b must not be 0.
func FloorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// FloorMod returns a − b·⌊a/b⌋: for b > 0 it lies in [0, b) (FloorMod(-1,
// 7) is 6), for b < 0 in (b, 0]. b must not be 0.
func FloorMod(a, b int64) int64 {
	r := a % b
	if r != 0 && (r < 0) != (b < 0) {
		r += b
	}
	return r
}

// AppendGrouped appends n in decimal digits with its thousands grouped by
// commas, as the window's English text writes counts: "999", "1,000",
// "1,234,567".
func AppendGrouped(b []byte, n uint64) []byte {
	var digits [20]byte
	s := strconv.AppendUint(digits[:0], n, 10)
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, c)
	}
	return b
}

// Grouped returns n as AppendGrouped writes it, with a minus sign before a
// negative number ("-1,234"); math.MinInt64 is written exactly.
func Grouped(n int64) string {
	var buf [27]byte // a sign, 19 digits and 6 commas
	b := buf[:0]
	u := uint64(n)
	if n < 0 {
		b = append(b, '-')
		u = -u // two's complement: exact for math.MinInt64 too
	}
	return string(AppendGrouped(b, u))
}
