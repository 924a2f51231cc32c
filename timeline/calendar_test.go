package timeline_test

import (
	"math"
	"math/big"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"
	_ "time/tzdata" // the zone tests do not depend on the machine's zoneinfo

	"chronoscope/timeline"
)

// mustLoad returns the named location or stops the test.
func mustLoad(t testing.TB, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// civilOf returns tm's fields as a Civil.
func civilOf(tm time.Time) timeline.Civil {
	return timeline.Civil{Year: int64(tm.Year()), Month: tm.Month(), Day: tm.Day(), Hour: tm.Hour(), Minute: tm.Minute(), Second: tm.Second()}
}

func TestCivilAtMatchesTimePackage(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, name := range []string{"UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Pacific/Apia"} {
		loc := mustLoad(t, name)
		for _, scale := range []float64{1e4, 1e9, 1e11, 1e13, 2.8e16} {
			for range 2000 {
				at := (r.Float64()*2 - 1) * scale
				want := civilOf(time.Unix(int64(math.Floor(at)), 0).In(loc))
				if got := timeline.CivilAt(at, loc); got != want {
					t.Fatalf("%s: CivilAt(%f) = %+v, want %+v", name, at, got, want)
				}
			}
		}
	}
}

func TestCivilAtFloorsFractions(t *testing.T) {
	if got, want := timeline.CivilAt(-0.5, nil), (timeline.Civil{Year: 1969, Month: 12, Day: 31, Hour: 23, Minute: 59, Second: 59}); got != want {
		t.Errorf("CivilAt(-0.5) = %+v, want %+v", got, want)
	}
	if got, want := timeline.CivilAt(math.NaN(), nil), (timeline.Civil{Year: 1970, Month: 1, Day: 1}); got != want {
		t.Errorf("CivilAt(NaN) = %+v, want %+v", got, want)
	}
}

func TestCivilAtFarUTC(t *testing.T) {
	// Beyond ±900 million years civil time is UTC, by integer arithmetic that
	// must agree with the time package wherever that still works (±292e9 years).
	r := rand.New(rand.NewPCG(5, 6))
	berlin := mustLoad(t, "Europe/Berlin")
	scale := 9e18
	if strconv.IntSize == 32 {
		scale = 6e16 // time.Time.Year returns an int
	}
	for range 20000 {
		at := math.Floor((r.Float64()*2 - 1) * scale)
		want := civilOf(time.Unix(int64(at), 0).UTC())
		if got := timeline.CivilAt(at, nil); got != want {
			t.Fatalf("CivilAt(%.0f, UTC) = %+v, want %+v", at, got, want)
		}
		if math.Abs(at) > 3e16 {
			if got := timeline.CivilAt(at, berlin); got != want {
				t.Fatalf("CivilAt(%.0f, Berlin) = %+v, want UTC %+v", at, got, want)
			}
		}
	}
}

func TestUnixRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for _, name := range []string{"UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "America/Havana"} {
		loc := mustLoad(t, name)
		for _, scale := range []float64{1e9, 1e11, 1e13, 1 << 53} {
			for range 2000 {
				at := math.Floor((r.Float64()*2 - 1) * scale)
				c := timeline.CivilAt(at, loc)
				u := c.Unix(loc)
				if got := timeline.CivilAt(u, loc); got != c {
					t.Fatalf("%s: CivilAt(CivilAt(%.0f).Unix) = %+v, want %+v", name, at, got, c)
				}
				// u is at, or the first time the wall clock read c before a repeat.
				if u > at || (u < at && at-u > 3*3600) {
					t.Fatalf("%s: CivilAt(%.0f).Unix = %.0f", name, at, u)
				}
			}
		}
	}
}

func TestUnixClockChanges(t *testing.T) {
	utc := func(y int, m time.Month, d, h, mi int) float64 {
		return float64(time.Date(y, m, d, h, mi, 0, 0, time.UTC).Unix())
	}
	for _, tc := range []struct {
		name string
		loc  string
		c    timeline.Civil
		want float64
	}{
		{"Berlin 02:30 skipped in spring: the change", "Europe/Berlin", timeline.Civil{Year: 2014, Month: 3, Day: 30, Hour: 2, Minute: 30}, utc(2014, 3, 30, 1, 0)},
		{"Berlin 02:30 repeated in autumn: the first", "Europe/Berlin", timeline.Civil{Year: 2014, Month: 10, Day: 26, Hour: 2, Minute: 30}, utc(2014, 10, 26, 0, 30)},
		{"New York 01:30 repeated: the first", "America/New_York", timeline.Civil{Year: 2014, Month: 11, Day: 2, Hour: 1, Minute: 30}, utc(2014, 11, 2, 5, 30)},
		{"São Paulo midnight skipped", "America/Sao_Paulo", timeline.Civil{Year: 2014, Month: 10, Day: 19}, utc(2014, 10, 19, 3, 0)},
		{"Havana midnight repeated", "America/Havana", timeline.Civil{Year: 2014, Month: 11, Day: 2}, utc(2014, 11, 2, 4, 0)},
		{"Samoa skipped 30 December 2011", "Pacific/Apia", timeline.Civil{Year: 2011, Month: 12, Day: 30}, utc(2011, 12, 30, 10, 0)},
		{"month 13 carries", "UTC", timeline.Civil{Year: 2014, Month: 13, Day: 1}, utc(2015, 1, 1, 0, 0)},
		{"day 0 carries back", "UTC", timeline.Civil{Year: 2016, Month: 3, Day: 0}, utc(2016, 2, 29, 0, 0)},
		{"hour 25 carries", "UTC", timeline.Civil{Year: 2014, Month: 1, Day: 1, Hour: 25}, utc(2014, 1, 2, 1, 0)},
		{"month 0 carries back", "Europe/Berlin", timeline.Civil{Year: 2015, Month: 0, Day: 31}, utc(2014, 12, 30, 23, 0)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.c.Unix(mustLoad(t, tc.loc)); got != tc.want {
				t.Errorf("Unix = %s, want %s", time.Unix(int64(got), 0).UTC(), time.Unix(int64(tc.want), 0).UTC())
			}
		})
	}
}

func TestUnixFar(t *testing.T) {
	// The Gregorian calendar repeats every 400 years (146,097 days).
	const cycle = 146097 * 86400
	jan1 := func(y int64) float64 {
		k := (y - 2000) / 400 // exact for the years below
		s := new(big.Int).Mul(big.NewInt(k), big.NewInt(cycle))
		s.Add(s, big.NewInt(946684800)) // 2000-01-01
		f, _ := new(big.Float).SetInt(s).Float64()
		return f
	}
	berlin := mustLoad(t, "Europe/Berlin")
	for _, y := range []int64{-13_800_000_000, -1_000_000_000_000, 1_000_000_000_000, 2_000_000_000, 292_277_026_800} {
		c := timeline.Civil{Year: y, Month: 1, Day: 1}
		if got, want := c.Unix(berlin), jan1(y); got != want {
			t.Errorf("1 January %d: Unix = %g, want %g", y, got, want)
		}
	}
	big := timeline.Civil{Year: -13_800_000_000, Month: 1, Day: 1}
	if got := timeline.CivilAt(big.Unix(nil), nil); got != big {
		t.Errorf("CivilAt(Unix(%+v)) = %+v", big, got)
	}
}

func TestWeekday(t *testing.T) {
	for _, tc := range []struct {
		c    timeline.Civil
		want time.Weekday
	}{
		{timeline.Civil{Year: 2014, Month: 12, Day: 22}, time.Monday},
		{timeline.Civil{Year: 1970, Month: 1, Day: 1}, time.Thursday},
		{timeline.Civil{Year: 1, Month: 1, Day: 1}, time.Monday},
		{timeline.Civil{Year: 0, Month: 12, Day: 31}, time.Sunday},
		{timeline.Civil{Year: 2016, Month: 2, Day: 29}, time.Monday},
		{timeline.Civil{Year: 2014, Month: 13, Day: 1}, time.Thursday}, // 1 January 2015
	} {
		if got := tc.c.Weekday(); got != tc.want {
			t.Errorf("%+v: Weekday = %v, want %v", tc.c, got, tc.want)
		}
	}
	r := rand.New(rand.NewPCG(9, 10))
	for range 10000 {
		tm := time.Unix(int64((r.Float64()*2-1)*1e16), 0).UTC()
		if got, want := civilOf(tm).Weekday(), tm.Weekday(); got != want {
			t.Fatalf("%v: Weekday = %v, want %v", tm, got, want)
		}
	}
}

func TestYearLabel(t *testing.T) {
	for _, tc := range []struct {
		year int64
		want string
	}{
		{2014, "2014"},
		{1, "1"},
		{0, "1 BCE"},
		{-1, "2 BCE"},
		{-499, "500 BCE"},
		{9999, "9999"},
		{10000, "10,000"},
		{123456, "123,456"},
		{1_000_000, "1,000,000"},
		{1_000_001, "1.000001 million CE"},
		{2_500_000, "2.5 million CE"},
		{1_000_000_000_000, "1 trillion CE"},
		{-9998, "9999 BCE"},
		{-9999, "10,000 BCE"},
		{-1_000_000, "1,000,001 BCE"},
		{-1_000_001, "1.000001 million years ago"},
		{-2_000_000, "2 million years ago"},
		{-65_500_000, "65.5 million years ago"},
		{-4_540_000_000, "4.54 billion years ago"},
		{-13_800_000_000, "13.8 billion years ago"},
		{-13_784_599_281, "13.784599281 billion years ago"},
		{-1_500_000_000_000, "1.5 trillion years ago"},
		{math.MinInt64, "9,223,372.036854775808 trillion years ago"},
		{math.MaxInt64, "9,223,372.036854775807 trillion CE"},
	} {
		if got := timeline.YearLabel(tc.year); got != tc.want {
			t.Errorf("YearLabel(%d) = %q, want %q", tc.year, got, tc.want)
		}
	}
}
