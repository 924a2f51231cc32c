package timelinejs_test

import (
	"bytes"
	"strings"
	"testing"

	"chronoscope/data"
	"chronoscope/data/datatest"
	"chronoscope/data/timelinejs"
)

// csvImportWarn imports a sheet and returns the warnings the import gave.
func csvImportWarn(t *testing.T, s *data.Store, doc, name string) (data.ImportStats, []string) {
	t.Helper()
	var warnings []string
	var stats data.ImportStats
	err := s.Update(func(tx *data.Tx) error {
		var err error
		stats, err = timelinejs.ImportCSV(tx, strings.NewReader(doc), name,
			timelinejs.Options{Warn: func(msg string) { warnings = append(warnings, msg) }})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return stats, warnings
}

// A sheet as Google Sheets exports it: a byte-order mark, CRLF line ends,
// numbers with thousands separators and stray spaces, a quoted cell with
// line breaks, columns in an order of the author's own and columns
// TimelineJS does not know.
func TestImportCSVSpreadsheetNumbers(t *testing.T) {
	doc := "\xef\xbb\xbfHeadline,Notes,Day,Month,Year,End Year,Text,Time,Reviewer,End Month\r\n" +
		"Cathedral begun,checked,,,\"1,248\",\"1,322\",,,Ana,\r\n" +
		"Moon formed,,,,\"-4,510,000,000\",,\"<p>First line\r\nsecond line</p>\",,,\r\n" +
		"Thin spaces,,\" 1 5 \",\" 3\",\"2\u00a0014\",\"2 014\",,,,\"1 2\"\r\n" +
		"After the quote,,28,2,\"1,999\",,,\"11:30 PM\",,\r\n"
	s := datatest.NewStore(t)
	stats, warnings := csvImportWarn(t, s, doc, "sheet.csv")
	if got, want := stats.Events, 4; got != want {
		t.Fatalf("events = %d, want %d", got, want)
	}
	tests := []struct {
		title      string
		start, end data.Date
	}{
		{"Cathedral begun", data.YearDate(1248), data.YearDate(1322)},
		{"Moon formed", data.YearDate(-4_510_000_000), data.Date{}},
		{"Thin spaces", data.DayDate(2014, 3, 15), data.MonthDate(2014, 12)},
		{"After the quote", data.MinuteDate(1999, 2, 28, 23, 30), data.Date{}},
	}
	for _, tt := range tests {
		e := datatest.EventTitled(t, s, tt.title)
		if e.Start != tt.start || e.End != tt.end {
			t.Errorf("%s = %v – %v, want %v – %v", tt.title, e.Start, e.End, tt.start, tt.end)
		}
	}
	if got, want := datatest.EventTitled(t, s, "Moon formed").Description, "First line second line"; got != want {
		t.Errorf("description = %q, want %q (a cell with a line break, read as HTML)", got, want)
	}
	if len(warnings) != 1 {
		t.Fatalf("warnings = %q, want one naming the unknown columns", warnings)
	}
	for _, want := range []string{"sheet.csv", "line 1", `"Notes"`, `"Reviewer"`} {
		if !strings.Contains(warnings[0], want) {
			t.Errorf("warning %q does not name %s", warnings[0], want)
		}
	}
}

// A number that is still not a number after separators are removed is
// refused with its cell, as written.
func TestImportCSVSpreadsheetNumberErrors(t *testing.T) {
	tests := []struct{ name, doc, want string }{
		{"decimal", "Year,Headline\n\"1,248.5\",x\n", `sheet.csv: line 2, column 1 (Year): "1,248.5" is not a whole number`},
		{"words", "Year,Month,Headline\n1248,\"March 3\",x\n", `sheet.csv: line 2, column 6 (Month): "March 3" is not a whole number`},
		{"end day", "Year,End Year,End Month,End Day,Headline\n1248,1250,2,\"3,0\",x\n",
			`sheet.csv: line 2, column 13 (End Day): "3,0" is not a day of February 1250 (it has 28 days)`},
		{"after a multi-line cell", "Year,Text,Headline\n1248,\"a\nb\nc\",x\n12x,,y\n",
			`sheet.csv: line 5, column 1 (Year): "12x" is not a whole number`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := datatest.NewStore(t)
			err := s.Update(func(tx *data.Tx) error {
				_, err := csvImport(tx, []byte(tt.doc), "sheet.csv")
				return err
			})
			if err == nil || err.Error() != tt.want {
				t.Errorf("error = %v, want %s", err, tt.want)
			}
			assertEmpty(t, s)
		})
	}
}

// The Time cell takes what TimelineJS's own reader takes: HH:MM, HH:MM:SS
// with a fraction, HHMM, HH.MM, and am/pm written any way.
func TestImportCSVTimes(t *testing.T) {
	tests := []struct {
		cell string
		want data.Date
	}{
		{"16", data.Date{Year: 2000, Month: 1, Day: 2, Hour: 16, Precision: data.PrecisionHour}},
		{"16:15", data.MinuteDate(2000, 1, 2, 16, 15)},
		{"1615", data.MinuteDate(2000, 1, 2, 16, 15)},
		{"915", data.MinuteDate(2000, 1, 2, 9, 15)},
		{"16.15", data.MinuteDate(2000, 1, 2, 16, 15)},
		{"16:15:05.250", data.Date{Year: 2000, Month: 1, Day: 2, Hour: 16, Minute: 15, Second: 5, Precision: data.PrecisionSecond}},
		{"4:15 p.m.", data.MinuteDate(2000, 1, 2, 16, 15)},
		{"4:15PM", data.MinuteDate(2000, 1, 2, 16, 15)},
		{"12:05 am", data.MinuteDate(2000, 1, 2, 0, 5)},
		{"12:05 pm", data.MinuteDate(2000, 1, 2, 12, 5)},
		{" 7 am ", data.Date{Year: 2000, Month: 1, Day: 2, Hour: 7, Precision: data.PrecisionHour}},
	}
	for _, tt := range tests {
		t.Run(tt.cell, func(t *testing.T) {
			s := datatest.NewStore(t)
			mustImport(t, s, csvImport, []byte("Year,Month,Day,Time,Headline\n2000,1,2,\""+tt.cell+"\",x\n"), "t.csv")
			if got := datatest.EventTitled(t, s, "x").Start; got != tt.want {
				t.Errorf("Time %q = %+v, want %+v", tt.cell, got, tt.want)
			}
		})
	}
}

// Sheets without unknown columns give no warning.
func TestImportCSVNoWarningForKnownColumns(t *testing.T) {
	s := datatest.NewStore(t)
	doc := fixture(t, "women_in_computing.csv")
	var warnings []string
	err := s.Update(func(tx *data.Tx) error {
		_, err := timelinejs.ImportCSV(tx, bytes.NewReader(doc), "w.csv",
			timelinejs.Options{Warn: func(msg string) { warnings = append(warnings, msg) }})
		return err
	})
	if err != nil || len(warnings) != 0 {
		t.Errorf("err = %v, warnings = %q; want neither", err, warnings)
	}
}
