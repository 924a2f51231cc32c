package data_test

import (
	"strings"
	"testing"
	"time"

	"chronoscope/data"
)

func TestParseDateKeepsPrecision(t *testing.T) {
	tests := []struct {
		in       string
		want     data.Date
		wantZone string
	}{
		{"2014", data.YearDate(2014), ""},
		{"Dec 2014", data.MonthDate(2014, 12), ""},
		{"December 2014", data.MonthDate(2014, 12), ""},
		{"2014-12", data.MonthDate(2014, 12), ""},
		{"2014-12-22", data.DayDate(2014, 12, 22), ""},
		{"22 Dec 2014", data.DayDate(2014, 12, 22), ""},
		{"2014-12-22 16:15 UTC", data.MinuteDate(2014, 12, 22, 16, 15), "UTC"},
		{"2014-12-22T16:15:05Z", data.Date{Year: 2014, Month: 12, Day: 22, Hour: 16, Minute: 15, Second: 5, Precision: data.PrecisionSecond}, "UTC"},
		{"2014-12-23 01:15 Asia/Pyongyang", data.MinuteDate(2014, 12, 23, 1, 15), "Asia/Pyongyang"},
		{"2014-12-22 16h", data.Date{Year: 2014, Month: 12, Day: 22, Hour: 16, Precision: data.PrecisionHour}, ""},
		{"22 Dec 2014 4:15pm", data.MinuteDate(2014, 12, 22, 16, 15), ""},
		{"500 BCE", data.YearDate(-500), ""},
		{"500 BC", data.YearDate(-500), ""},
		{"-500", data.YearDate(-500), ""},
		{"44 BCE-03-15", data.DayDate(-44, 3, 15), ""},
		{"-13800000000", data.YearDate(-13_800_000_000), ""},
		{"0044", data.YearDate(44), ""},
		{"2016-02-29", data.DayDate(2016, 2, 29), ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, zone, err := data.ParseDate(tt.in)
			if err != nil {
				t.Fatalf("ParseDate(%q): %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("ParseDate(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
			if zone != tt.wantZone {
				t.Errorf("zone = %q, want %q", zone, tt.wantZone)
			}
			// What String writes, ParseDate reads back to the same date.
			back, _, err := data.ParseDate(got.String())
			if err != nil || back != got {
				t.Errorf("round trip of %q via %q = %+v, %v", tt.in, got.String(), back, err)
			}
		})
	}
}

func TestParseDateErrors(t *testing.T) {
	tests := []struct{ in, wantErr string }{
		{"", "empty"},
		{"2014-13", "month 13"},
		{"2014-04-31", "day 31 does not exist in April 2014"},
		{"2015-02-29", "day 29 does not exist in February 2015"},
		{"2014-02-30", "day 30 does not exist in February"},
		{"0", "year 0 does not exist"},
		{"0 BCE", "year 0 does not exist"},
		{"2014-12-22 24:00", "hour 24"},
		{"2014-12-22 16:60", "minute 60"},
		{"2014-12 16:00", "a time needs a full date"},
		{"Smarch 2014", "expected a month name"},
		{"2014-12-22 16:15 Mars/Olympus", "unknown time zone"},
		{"-200000000000", "outside"},
		{"twenty fourteen", "year \"twenty\" is not a whole number"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			_, _, err := data.ParseDate(tt.in)
			if err == nil {
				t.Fatalf("ParseDate(%q) succeeded, want error containing %q", tt.in, tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("ParseDate(%q) error %q does not contain %q", tt.in, err, tt.wantErr)
			}
		})
	}
}

func TestDateInstantAndStop(t *testing.T) {
	pyongyang, err := time.LoadLocation("Asia/Pyongyang")
	if err != nil {
		t.Fatal(err)
	}
	unix := func(s string) int64 {
		tm, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return tm.Unix()
	}
	const year = 365.2425 * 86400
	tests := []struct {
		name        string
		d           data.Date
		loc         *time.Location
		start, stop int64
	}{
		{"epoch day", data.DayDate(1970, 1, 1), nil, 0, 86400},
		{"outage minute UTC", data.MinuteDate(2014, 12, 22, 16, 15), nil, unix("2014-12-22T16:15:00Z"), unix("2014-12-22T16:16:00Z")},
		{"outage in Pyongyang time", data.MinuteDate(2014, 12, 23, 1, 15), pyongyang, unix("2014-12-22T16:15:00Z"), unix("2014-12-22T16:16:00Z")},
		{"a month spans the month", data.MonthDate(2014, 12), nil, unix("2014-12-01T00:00:00Z"), unix("2015-01-01T00:00:00Z")},
		{"a leap February", data.MonthDate(2016, 2), nil, unix("2016-02-01T00:00:00Z"), unix("2016-03-01T00:00:00Z")},
		{"a year spans the year", data.YearDate(2014), nil, unix("2014-01-01T00:00:00Z"), unix("2015-01-01T00:00:00Z")},
		{"a Pyongyang day", data.DayDate(2014, 12, 23), pyongyang, unix("2014-12-22T15:00:00Z"), unix("2014-12-23T15:00:00Z")},
		// 1 BCE is astronomical year 0, a leap year; it is followed by 1 CE.
		{"1 BCE", data.YearDate(-1), nil, -62167219200, -62135596800},
		{"1 CE", data.YearDate(1), nil, -62135596800, -62104060800},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.d.Instant(tt.loc); got != tt.start {
				t.Errorf("Instant = %d, want %d", got, tt.start)
			}
			if got := tt.d.Stop(tt.loc); got != tt.stop {
				t.Errorf("Stop = %d, want %d", got, tt.stop)
			}
		})
	}
	// Cosmological: the Big Bang, 13.8 billion years ago, to within a day a year.
	bang := data.YearDate(-13_800_000_000).Instant(nil)
	if want := -13_800_001_970 * year; float64(bang) < want*1.0001 || float64(bang) > want*0.9999 {
		t.Errorf("Big Bang instant = %d, want about %.4g", bang, want)
	}
	if got, want := data.YearDate(-13_800_000_000).Stop(nil)-bang, int64(366*86400); got != want && got != want-86400 {
		t.Errorf("a cosmological year lasts %d s", got)
	}
}

func TestDateFormat(t *testing.T) {
	pyongyang, _ := time.LoadLocation("Asia/Pyongyang")
	berlin, _ := time.LoadLocation("Europe/Berlin")
	tests := []struct {
		d    data.Date
		loc  *time.Location
		want string
	}{
		{data.MinuteDate(2014, 12, 22, 16, 15), nil, "2014-12-22 16:15 UTC"},
		{data.MinuteDate(2014, 12, 23, 1, 15), pyongyang, "2014-12-23 01:15 KST"},
		{data.MinuteDate(2014, 7, 1, 12, 0), berlin, "2014-07-01 12:00 CEST"},
		{data.DayDate(2014, 12, 22), pyongyang, "2014-12-22"},
		{data.MonthDate(2014, 12), nil, "2014-12"},
		{data.YearDate(2014), nil, "2014"},
		{data.YearDate(-500), nil, "500 BCE"},
		{data.YearDate(44), nil, "0044"},
	}
	for _, tt := range tests {
		if got := tt.d.Format(tt.loc); got != tt.want {
			t.Errorf("Format(%+v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestDateValidateNamesTheField(t *testing.T) {
	tests := []struct {
		d    data.Date
		want string
	}{
		{data.Date{Year: 2014, Month: 13, Day: 1, Precision: data.PrecisionMonth}, "month 13"},
		{data.DayDate(2014, 4, 31), "day 31 does not exist in April"},
		{data.DayDate(2015, 2, 29), "day 29 does not exist in February"},
		{data.DayDate(2014, 12, 0), "day 0"},
		{data.YearDate(0), "year 0"},
		{data.Date{Year: 2014, Month: 5, Day: 1, Precision: data.PrecisionYear}, "month is set but the precision is year"},
		{data.Date{Year: 2014}, "precision"},
	}
	for _, tt := range tests {
		err := tt.d.Validate()
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Validate(%+v) = %v, want an error containing %q", tt.d, err, tt.want)
		}
	}
	if err := data.DayDate(2000, 2, 29).Validate(); err != nil {
		t.Errorf("2000-02-29 (a leap day): %v", err)
	}
	if err := data.DayDate(1900, 2, 29).Validate(); err == nil {
		t.Error("1900-02-29 accepted; 1900 is not a leap year")
	}
	// Astronomical year 0 (1 BCE) and -4 (5 BCE) are leap years.
	if err := data.DayDate(-1, 2, 29).Validate(); err != nil {
		t.Errorf("29 February 1 BCE: %v", err)
	}
	if err := data.DayDate(-2, 2, 29).Validate(); err == nil {
		t.Error("29 February 2 BCE accepted; it is not a leap year")
	}
}

// TestDateShifted moves dates by whole units of their precision.
func TestDateShifted(t *testing.T) {
	for _, c := range []struct {
		d    data.Date
		n    int64
		want data.Date
	}{
		{data.DayDate(2014, 12, 22), 2, data.DayDate(2014, 12, 24)},
		{data.DayDate(2014, 12, 30), 3, data.DayDate(2015, 1, 2)},
		{data.DayDate(2016, 3, 1), -1, data.DayDate(2016, 2, 29)},
		{data.MonthDate(2014, 12), 1, data.MonthDate(2015, 1)},
		{data.MonthDate(2014, 1), -13, data.MonthDate(2012, 12)},
		{data.MonthDate(1, 1), -1, data.MonthDate(-1, 12)},
		{data.YearDate(2), -2, data.YearDate(-1)},
		{data.YearDate(-1), 1, data.YearDate(1)},
		{data.YearDate(-500), 100, data.YearDate(-400)},
		{data.YearDate(-13_800_000_000), 1_000_000, data.YearDate(-13_799_000_000)},
		{data.MinuteDate(2014, 12, 22, 23, 50), 15, data.MinuteDate(2014, 12, 23, 0, 5)},
		{data.Date{Year: 2014, Month: 12, Day: 22, Hour: 16, Precision: data.PrecisionHour}, -17,
			data.Date{Year: 2014, Month: 12, Day: 21, Hour: 23, Precision: data.PrecisionHour}},
		{data.Date{Year: 1, Month: 1, Day: 1, Second: 0, Precision: data.PrecisionSecond}, -1,
			data.Date{Year: -1, Month: 12, Day: 31, Hour: 23, Minute: 59, Second: 59, Precision: data.PrecisionSecond}},
	} {
		if got := c.d.Shifted(c.n); got != c.want {
			t.Errorf("%v shifted by %d = %v, want %v", c.d, c.n, got, c.want)
		}
		if back := c.want.Shifted(-c.n); c.d.Precision <= data.PrecisionMonth && back != c.d {
			t.Errorf("%v shifted back by %d = %v, want %v", c.want, -c.n, back, c.d)
		}
	}
}

func TestEventWhen(t *testing.T) {
	utc := time.UTC
	for _, tt := range []struct {
		e    data.Event
		want string
	}{
		{data.Event{Start: data.DayDate(2014, 12, 19)}, "2014-12-19"},
		{data.Event{Start: data.MonthDate(2014, 12), End: data.DayDate(2015, 1, 2)}, "2014-12 – 2015-01-02"},
		{data.Event{Start: data.Date{Year: 2014, Month: 12, Day: 22, Hour: 16, Minute: 15, Precision: data.PrecisionMinute},
			End: data.Date{Year: 2014, Month: 12, Day: 23, Hour: 1, Precision: data.PrecisionHour}}, "2014-12-22 16:15 – 2014-12-23 01h UTC"},
		{data.Event{Start: data.DayDate(2014, 12, 19), DisplayDate: "Late December 2014"}, "Late December 2014"},
	} {
		if got := tt.e.When(); got != tt.want {
			t.Errorf("When() = %q, want %q", got, tt.want)
		}
		if tt.e.DisplayDate == "" && data.FormatSpan(tt.e.Start, tt.e.End, utc) != tt.want {
			t.Errorf("FormatSpan differs from When for %+v", tt.e)
		}
	}
}
