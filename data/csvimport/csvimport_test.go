package csvimport_test

import (
	"slices"
	"strings"
	"testing"

	"chronoscope/data"
	"chronoscope/data/csvimport"
	"chronoscope/data/datatest"
)

func importDoc(t *testing.T, s *data.Store, doc string, opt csvimport.Options) (data.ImportStats, []string, error) {
	t.Helper()
	var stats data.ImportStats
	var warnings []string
	opt.Warn = func(m string) { warnings = append(warnings, m) }
	err := s.Update(func(tx *data.Tx) error {
		var err error
		stats, err = csvimport.Import(tx, strings.NewReader(doc), "list.csv", opt)
		return err
	})
	return stats, warnings, err
}

type row struct {
	title  string
	start  data.Date
	actors []string
}

func events(t *testing.T, s *data.Store) []row {
	t.Helper()
	rows, err := s.Window(data.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var out []row
	for _, r := range rows {
		e, err := s.Event(r.ID)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, p := range e.Actors {
			a, _ := s.Actor(p.ActorID)
			names = append(names, a.Name)
		}
		if e.Certainty != data.Reported || e.Importance != 3 || !e.End.IsZero() {
			t.Errorf("%s: certainty %s, importance %d, end %v; want reported, 3, none", e.Title, e.Certainty, e.Importance, e.End)
		}
		out = append(out, row{e.Title, e.Start, names})
	}
	return out
}

// A spreadsheet with columns in any order and of any names: the chosen
// columns are read, the others named in a warning; dates in every form a
// person or a spreadsheet writes them; several actors in a cell, reused
// by name; blank rows skipped; a byte-order mark and CRLF line ends.
func TestImportChosenColumns(t *testing.T) {
	doc := "\uFEFFNotes,When,Who,What\r\n" +
		"first,1998-09-04,Founders;Press,Company founded\r\n" +
		",Dec 2004,Founders,\"Goes public, at last\"\r\n" +
		",,,\r\n" +
		"x,3/15/2006 14:30,Press ; Founders ; Press,Scandal\r\n" +
		",4/2007,,Rebrand\r\n" +
		",44 BCE,,A very old thing\r\n" +
		",'=1+1 ,,'=formula looking title\r\n"
	s := datatest.NewStore(t)
	stats, warnings, err := importDoc(t, s, strings.Replace(doc, "'=1+1 ", "2010", 1),
		csvimport.Options{Columns: csvimport.Columns{Date: "when", Title: " WHAT ", Actor: "Who"}})
	if err != nil {
		t.Fatal(err)
	}
	if want := (data.ImportStats{Events: 6, Actors: 2}); stats != want {
		t.Errorf("stats = %+v, want %+v", stats, want)
	}
	want := []row{
		{"A very old thing", data.YearDate(-44), nil},
		{"Company founded", data.DayDate(1998, 9, 4), []string{"Founders", "Press"}},
		{"Goes public, at last", data.MonthDate(2004, 12), []string{"Founders"}},
		{"Scandal", data.MinuteDate(2006, 3, 15, 14, 30), []string{"Press", "Founders"}},
		{"Rebrand", data.MonthDate(2007, 4), nil},
		{"=formula looking title", data.YearDate(2010), nil},
	}
	got := events(t, s)
	for _, w := range want {
		if !slices.ContainsFunc(got, func(g row) bool {
			return g.title == w.title && g.start == w.start && slices.Equal(g.actors, w.actors)
		}) {
			t.Errorf("no event %+v among %+v", w, got)
		}
	}
	if len(warnings) != 1 || warnings[0] != `list.csv: line 1: columns not imported: "Notes"` {
		t.Errorf("warnings = %q", warnings)
	}
}

// Semicolon-separated files (as spreadsheets write them where the comma
// is the decimal mark) and day-first dates.
func TestImportSemicolonsAndDayFirst(t *testing.T) {
	doc := "Datum;Ereignis\n03/04/2014;Spring fair\n25/12/2014;Winter fair\n"
	s := datatest.NewStore(t)
	if _, _, err := importDoc(t, s, doc, csvimport.Options{Columns: csvimport.Columns{Date: "Datum", Title: "Ereignis"}, DayFirst: true}); err != nil {
		t.Fatal(err)
	}
	got := events(t, s)
	if len(got) != 2 || got[0].start != data.DayDate(2014, 4, 3) || got[1].start != data.DayDate(2014, 12, 25) {
		t.Errorf("events = %+v, want 3 April and 25 December 2014", got)
	}
}

// A refusal names the file, the line, the column and the value, and
// nothing is imported.
func TestImportRefusals(t *testing.T) {
	cols := csvimport.Columns{Date: "When", Title: "What"}
	tests := []struct {
		name, doc string
		cols      csvimport.Columns
		want      string
	}{
		{"bad date", "When,What\n2014-01-01,Fine\n2014-02-30,Bad\n", cols,
			`list.csv: line 3, column 1 (When): date "2014-02-30": day 30 does not exist in February 2014 (dates are written as 2014-12-22, 22 Dec 2014, Dec 2014, 2014 or 12/22/2014)`},
		{"day first unsaid", "When,What\n25/12/2014,Fair\n", cols,
			`list.csv: line 2, column 1 (When): "25/12/2014" is not a date read as month/day/year; if the day comes first, say so (--day-first)`},
		{"empty date", "What,When\nA thing,\n", cols, `list.csv: line 2, column 2 (When): the date is empty`},
		{"short row", "What,Other,When\nA thing\n", cols, `list.csv: line 2, column 3 (When): the date is empty`},
		{"empty title", "When,What\n2014,\"  \"\n", cols, `list.csv: line 2, column 2 (What): the title is empty`},
		{"after a multi-line cell", "When,What\n2014,\"two\nlines\"\nsoon,x\n", cols,
			`list.csv: line 4, column 1 (When): date "soon": year "soon" is not a whole number (dates are written as 2014-12-22, 22 Dec 2014, Dec 2014, 2014 or 12/22/2014)`},
		{"no such column", "Date,Title\n2014,x\n", cols, `list.csv: line 1: no column is named "When" for the date (the columns are "Date", "Title")`},
		{"two columns of a name", "When,What,when\n2014,x,2015\n", cols, `list.csv: line 1: columns 1 and 3 are both named "When": rename one`},
		{"same column twice", "When,What\n2014,x\n", csvimport.Columns{Date: "When", Title: "when"}, `list.csv: line 1: the date, title and actor columns must be different columns`},
		{"bad quotes", "When,What\n2014,\"x\"y\n", cols, `list.csv: line 2, column 8: extraneous or missing " in quoted-field`},
		{"empty file", "", cols, `list.csv: the file is empty (a CSV file starts with a row of column names)`},
		{"invalid UTF-8", "When,What\n2014,caf\xe9\n", cols, `list.csv: line 2, column 2 (What): the cell is not valid UTF-8 text`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := datatest.NewStore(t)
			_, _, err := importDoc(t, s, tt.doc, csvimport.Options{Columns: tt.cols})
			if err == nil || err.Error() != tt.want {
				t.Fatalf("error = %v\nwant    %s", err, tt.want)
			}
			if n, _ := s.Count(data.Filter{}); n != 0 {
				t.Errorf("%d events after a refusal", n)
			}
			if actors, _ := s.Actors(); len(actors) != 0 {
				t.Errorf("%d actors after a refusal", len(actors))
			}
		})
	}
}

// The preview reads the header and the first rows; Guess picks columns
// from their names and sees day-first dates.
func TestPreviewAndGuess(t *testing.T) {
	tests := []struct {
		doc      string
		want     csvimport.Columns
		dayFirst bool
	}{
		{"Date,Title,Actor\n2014,x,y\n", csvimport.Columns{Date: "Date", Title: "Title", Actor: "Actor"}, false},
		{"What happened,Source,When it happened,Who\n", csvimport.Columns{Date: "When it happened", Title: "What happened", Actor: "Who"}, false},
		{"Year;Event;Notes\n1990;x;y\n", csvimport.Columns{Date: "Year", Title: "Event"}, false},
		{"Headline\tStart date\n", csvimport.Columns{Date: "Start date", Title: "Headline"}, false},
		{"when,what\n12/03/2014,a\n31/03/2014,b\n", csvimport.Columns{Date: "when", Title: "what"}, true},
		{"Colour,Size\nred,2\n", csvimport.Columns{}, false},
	}
	for _, tt := range tests {
		sh, err := csvimport.Preview(strings.NewReader(tt.doc), "p.csv", 5)
		if err != nil {
			t.Fatal(err)
		}
		got, dayFirst := sh.Guess()
		if got != tt.want || dayFirst != tt.dayFirst {
			t.Errorf("%q: guess %+v day first %v, want %+v %v", tt.doc, got, dayFirst, tt.want, tt.dayFirst)
		}
	}
	sh, err := csvimport.Preview(strings.NewReader("a,b\n1,2\n,\n3,4\n5,6\n"), "p.csv", 2)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(sh.Header, []string{"a", "b"}) || len(sh.Rows) != 2 || sh.Rows[1][0] != "3" || sh.Comma != ',' {
		t.Errorf("preview = %+v", sh)
	}
}

func FuzzImport(f *testing.F) {
	for _, seed := range []string{"When,What,Who\n2014-12-22,x,a;b\n", "When;What\n1/2/3;x\n", "When,What\n\"2014\nx\",y\n", "\uFEFFWhen\tWhat\n44 BCE\tz\n"} {
		f.Add(seed, false)
	}
	s := datatest.NewStore(f)
	f.Fuzz(func(t *testing.T, doc string, dayFirst bool) {
		before, _ := s.Count(data.Filter{})
		err := s.Update(func(tx *data.Tx) error {
			_, err := csvimport.Import(tx, strings.NewReader(doc), "f.csv",
				csvimport.Options{Columns: csvimport.Columns{Date: "When", Title: "What", Actor: "Who"}, DayFirst: dayFirst})
			if err == nil {
				err = errRollback
			}
			return err
		})
		if err == nil {
			t.Fatal("update succeeded")
		}
		if after, _ := s.Count(data.Filter{}); after != before {
			t.Fatalf("%d events after a rolled-back import", after)
		}
	})
}

var errRollback = rollback{}

type rollback struct{}

func (rollback) Error() string { return "rollback" }
