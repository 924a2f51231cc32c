package calendar

import (
	"math"
	"testing"
	"time"
)

func TestDaysFromCivilKnownDates(t *testing.T) {
	for _, c := range []struct {
		y    int64
		m    time.Month
		d    int
		days int64
	}{
		{1970, time.January, 1, 0},
		{1969, time.December, 31, -1},
		{2000, time.March, 1, 11017},
		{2014, time.December, 22, 16426},
		{2024, time.February, 29, 19782},
		{1, time.January, 1, -719162},   // 1 CE
		{0, time.December, 31, -719163}, // 1 BCE, astronomical 0
		{0, time.January, 1, -719528},   // 1 BCE began 366 days earlier: year 0 is leap
		{-499, time.March, 15, -901711}, // 500 BCE
		{0, time.March, 1, -unixDays},   // the algorithm's epoch
		{1_000_000_000, time.January, 1, 365241780472},
		{-13_800_000_000, time.January, 1, -5040347219528},
		{1970, time.January, 32, 31}, // days count on past the month's end
		{1970, time.March, 0, 58},    // and back before its 1st
	} {
		if got := DaysFromCivil(c.y, c.m, c.d); got != c.days {
			t.Errorf("DaysFromCivil(%d, %d, %d) = %d, want %d", c.y, c.m, c.d, got, c.days)
		}
	}
}

// TestDaysFromCivilMatchesTimePackage checks the day numbers against Go's
// time package over the years it covers exactly.
func TestDaysFromCivilMatchesTimePackage(t *testing.T) {
	for _, y := range []int{-4713, -1, 0, 1, 4, 100, 1582, 1900, 1970, 2000, 2024, 9999} {
		for m := time.January; m <= time.December; m++ {
			for _, d := range []int{1, 15, DaysIn(int64(y), m)} {
				want := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400 // midnight: exact
				if got := DaysFromCivil(int64(y), m, d); got != want {
					t.Fatalf("DaysFromCivil(%d, %d, %d) = %d, want %d", y, m, d, got, want)
				}
			}
		}
	}
}

func TestCivilFromDaysRoundTrip(t *testing.T) {
	check := func(z int64) {
		y, m, d := CivilFromDays(z)
		if m < time.January || m > time.December || d < 1 || d > DaysIn(y, m) {
			t.Fatalf("CivilFromDays(%d) = %d-%d-%d, not a date", z, y, m, d)
		}
		if back := DaysFromCivil(y, m, d); back != z {
			t.Fatalf("CivilFromDays(%d) = %d-%d-%d, which is day %d", z, y, m, d, back)
		}
	}
	// Every day of the 2,400 years around year 0 and around 1970, so that every
	// month end, leap day and century rule passes by, then far days.
	for z := int64(-3 * 146097); z <= 3*146097; z++ {
		check(z)
		check(z - unixDays)
	}
	for _, z := range []int64{
		DaysFromCivil(1_000_000_000, time.December, 31),
		DaysFromCivil(-13_800_000_000, time.February, 29),
		DaysFromCivil(-100_000_000_001, time.July, 4),
		DaysFromCivil(100_000_000_000, time.December, 31),
		math.MaxInt64 / 2, math.MinInt64 / 2,
	} {
		check(z)
	}
	// Consecutive days are consecutive dates.
	py, pm, pd := CivilFromDays(-1)
	for z := int64(0); z < 2*146097; z++ {
		y, m, d := CivilFromDays(z)
		next := d == pd+1 && m == pm && y == py ||
			d == 1 && pd == DaysIn(py, pm) && (m == pm+1 && y == py || m == 1 && pm == 12 && y == py+1)
		if !next {
			t.Fatalf("day %d is %d-%d-%d after %d-%d-%d", z, y, m, d, py, pm, pd)
		}
		py, pm, pd = y, m, d
	}
}

func TestCivilFromDaysKnown(t *testing.T) {
	for _, c := range []struct {
		z int64
		y int64
		m time.Month
		d int
	}{
		{0, 1970, time.January, 1},
		{-1, 1969, time.December, 31},
		{19782, 2024, time.February, 29},
		{-719163, 0, time.December, 31},
		{-719468, 0, time.March, 1},
		{365241780472, 1_000_000_000, time.January, 1},
		{-5040347219528, -13_800_000_000, time.January, 1},
	} {
		y, m, d := CivilFromDays(c.z)
		if y != c.y || m != c.m || d != c.d {
			t.Errorf("CivilFromDays(%d) = %d-%d-%d, want %d-%d-%d", c.z, y, m, d, c.y, c.m, c.d)
		}
	}
}

func TestLeapYearsAndMonthLengths(t *testing.T) {
	for y, leap := range map[int64]bool{
		1900: false, 2000: true, 2024: true, 2023: false, 2100: false, 2400: true,
		0: true, -4: true, -100: false, -400: true, -1: false, 1: false,
		1_000_000_000: true, -13_800_000_000: true, -13_800_000_100: false,
	} {
		if IsLeap(y) != leap {
			t.Errorf("IsLeap(%d) = %v, want %v", y, !leap, leap)
		}
		want := 28
		if leap {
			want = 29
		}
		if got := DaysIn(y, time.February); got != want {
			t.Errorf("DaysIn(%d, February) = %d, want %d", y, got, want)
		}
	}
	lengths := [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	for m := time.January; m <= time.December; m++ {
		if got := DaysIn(2023, m); got != lengths[m-1] {
			t.Errorf("DaysIn(2023, %s) = %d, want %d", m, got, lengths[m-1])
		}
	}
}

func TestHistoricalYears(t *testing.T) {
	for _, c := range []struct{ historical, astronomical int64 }{
		{2014, 2014}, {1, 1}, {-1, 0}, {-500, -499}, {-13_800_000_000, -13_799_999_999},
	} {
		if got := Astronomical(c.historical); got != c.astronomical {
			t.Errorf("Astronomical(%d) = %d, want %d", c.historical, got, c.astronomical)
		}
		if got := Historical(c.astronomical); got != c.historical {
			t.Errorf("Historical(%d) = %d, want %d", c.astronomical, got, c.historical)
		}
	}
}

func TestFloorDivMod(t *testing.T) {
	for _, c := range []struct{ a, b, div, mod int64 }{
		{7, 2, 3, 1},
		{-7, 2, -4, 1},
		{7, -2, -4, -1},
		{-7, -2, 3, -1},
		{-1, 400, -1, 399},
		{-400, 400, -1, 0},
		{0, 7, 0, 0},
		{-86401, 86400, -2, 86399},
		{math.MinInt64, 1, math.MinInt64, 0},
		{math.MaxInt64, 86400, math.MaxInt64 / 86400, math.MaxInt64 % 86400},
	} {
		if got := FloorDiv(c.a, c.b); got != c.div {
			t.Errorf("FloorDiv(%d, %d) = %d, want %d", c.a, c.b, got, c.div)
		}
		if got := FloorMod(c.a, c.b); got != c.mod {
			t.Errorf("FloorMod(%d, %d) = %d, want %d", c.a, c.b, got, c.mod)
		}
	}
}

func TestGrouped(t *testing.T) {
	for _, c := range []struct {
		n    uint64
		want string
	}{
		{0, "0"}, {7, "7"}, {999, "999"}, {1000, "1,000"}, {9999, "9,999"}, {30165, "30,165"},
		{999999, "999,999"}, {1000000, "1,000,000"}, {1234567, "1,234,567"},
		{math.MaxUint64, "18,446,744,073,709,551,615"},
	} {
		if got := string(AppendGrouped([]byte("n="), c.n)); got != "n="+c.want {
			t.Errorf("AppendGrouped(%d) = %q, want %q", c.n, got, "n="+c.want)
		}
	}
	for n, want := range map[int64]string{
		0: "0", 999: "999", 1000: "1,000", -999: "-999", -1234: "-1,234", 1234567: "1,234,567",
		math.MaxInt64: "9,223,372,036,854,775,807", math.MinInt64: "-9,223,372,036,854,775,808",
	} {
		if got := Grouped(n); got != want {
			t.Errorf("Grouped(%d) = %q, want %q", n, got, want)
		}
	}
}
