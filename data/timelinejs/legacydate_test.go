package timelinejs_test

import (
	"strings"
	"testing"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

// legacyHeader is the header row of the older TimelineJS sheet.
const legacyHeader = "Start Date,End Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Tag\n"

// Every date form TimelineJS 3's parseDate reads from a Start Date or End
// Date cell, and TimelineJS 2's comma form.
func TestImportCSVLegacyDateForms(t *testing.T) {
	sec := func(y int64, mo, d, h, mi, s int) data.Date {
		return data.Date{Year: y, Month: mo, Day: d, Hour: h, Minute: mi, Second: s, Precision: data.PrecisionSecond}
	}
	hour := func(y int64, mo, d, h int) data.Date {
		return data.Date{Year: y, Month: mo, Day: d, Hour: h, Precision: data.PrecisionHour}
	}
	tests := []struct {
		cell string
		want data.Date
	}{
		{"1815", data.YearDate(1815)},
		{"-500", data.YearDate(-500)},
		{"+1815", data.YearDate(1815)},
		{"-13800000000", data.YearDate(-13_800_000_000)},
		{"1815-12", data.MonthDate(1815, 12)},
		{"1815-12-10", data.DayDate(1815, 12, 10)},
		{"12/10/1815", data.DayDate(1815, 12, 10)},
		{"1/7/2012", data.DayDate(2012, 1, 7)},
		{"12/1815", data.MonthDate(1815, 12)},
		{"3/2012", data.MonthDate(2012, 3)},
		{"1/27/2012 4:15 pm", data.MinuteDate(2012, 1, 27, 16, 15)},
		{"1/27/2012 16:15:05", sec(2012, 1, 27, 16, 15, 5)},
		{"1/27/2012 approx.", data.DayDate(2012, 1, 27)},
		{"1815-12-10T16", hour(1815, 12, 10, 16)},
		{"1815-12-10T16:15", data.MinuteDate(1815, 12, 10, 16, 15)},
		{"1815-12-10 16:15", data.MinuteDate(1815, 12, 10, 16, 15)},
		{"1815-12-10T16:15:05", sec(1815, 12, 10, 16, 15, 5)},
		{"1815-12-10T16:15:05.250", sec(1815, 12, 10, 16, 15, 5)},
		{"1815-12-10T16:15:05Z", sec(1815, 12, 10, 16, 15, 5)},
		{"2014-11-24T08:00+09:00", data.MinuteDate(2014, 11, 23, 23, 0)},
		{"2014-11-24T08-05", hour(2014, 11, 24, 13)},
		{"2014-11-24T08+0530", data.MinuteDate(2014, 11, 24, 2, 30)},
		{"20141124T0800Z", data.MinuteDate(2014, 11, 24, 8, 0)},
		{"2014-12-31T24:00", data.MinuteDate(2015, 1, 1, 0, 0)},
		{"2011,3,23", data.DayDate(2011, 3, 23)},
		{"2011, 3", data.MonthDate(2011, 3)},
		{"2011,3,23,14,30", data.MinuteDate(2011, 3, 23, 14, 30)},
		{"Dec 1815", data.MonthDate(1815, 12)},
	}
	var doc strings.Builder
	doc.WriteString(legacyHeader)
	for i, tt := range tests {
		doc.WriteString(`"` + tt.cell + `",,Slide ` + string(rune('A'+i)) + ",,,,,,,\n")
	}
	s := datatest.NewStore(t)
	if got := mustImport(t, s, csvImport, []byte(doc.String()), "old.csv"); got.Events != len(tests) {
		t.Fatalf("imported %d events, want %d", got.Events, len(tests))
	}
	for i, tt := range tests {
		if got := datatest.EventTitled(t, s, "Slide "+string(rune('A'+i))).Start; got != tt.want {
			t.Errorf("Start Date %q = %+v (%v), want %+v (%v)", tt.cell, got, got, tt.want, tt.want)
		}
	}
}

// An End Date in another form than the start is read the same way.
func TestImportCSVLegacyEndDates(t *testing.T) {
	doc := legacyHeader +
		"3/1914,11/11/1918,War,,,,,,,Europe\n" +
		"1914-08-04T23:00Z,\"1914,8,5\",Ultimatum expires,,,,,,,\n"
	s := datatest.NewStore(t)
	mustImport(t, s, csvImport, []byte(doc), "old.csv")
	war := datatest.EventTitled(t, s, "War")
	if war.Start != data.MonthDate(1914, 3) || war.End != data.DayDate(1918, 11, 11) {
		t.Errorf("War = %v – %v", war.Start, war.End)
	}
	u := datatest.EventTitled(t, s, "Ultimatum expires")
	if u.Start != data.MinuteDate(1914, 8, 4, 23, 0) || u.End != data.DayDate(1914, 8, 5) {
		t.Errorf("Ultimatum = %v – %v", u.Start, u.End)
	}
}

func TestImportCSVLegacyDateErrors(t *testing.T) {
	tests := []struct{ cell, want string }{
		{"13/2012", `old.csv: line 2, column 1 (Start Date): "13" is not a month 1..12`},
		{"2/30/2012", `old.csv: line 2, column 1 (Start Date): "30" is not a day of February 2012 (it has 29 days)`},
		{"1815-13-01", `old.csv: line 2, column 1 (Start Date): "13" is not a month 1..12`},
		{"1815-12-10T25:00", `old.csv: line 2, column 1 (Start Date): "25" is not an hour 0..23`},
		{"1815-12-10T16:00+25:00", `old.csv: line 2, column 1 (Start Date): "1815-12-10T16:00+25:00": the zone offset +25:00 is not one`},
		{"12/1815 16:00", `old.csv: line 2, column 1 (Start Date): "12/1815 16:00": a time is given without a day`},
		{"1/2/2012 9:99", `old.csv: line 2, column 1 (Start Date): "99" is not a minute 0..59`},
		{"0", `old.csv: line 2, column 1 (Start Date): year 0 does not exist`},
		{"someday", `old.csv: line 2, column 1 (Start Date): `},
	}
	for _, tt := range tests {
		t.Run(tt.cell, func(t *testing.T) {
			s := datatest.NewStore(t)
			doc := legacyHeader + "\"" + tt.cell + "\",,Bad,,,,,,,\n"
			err := s.Update(func(tx *data.Tx) error {
				_, err := csvImport(tx, []byte(doc), "old.csv")
				return err
			})
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error = %v, want %s…", err, tt.want)
			}
			assertEmpty(t, s)
		})
	}
}
