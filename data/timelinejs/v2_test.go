package timelinejs_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

func testdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// A TimelineJS 2 document, detected by its "timeline" key: the title
// slide, slides with comma dates, tags, assets and HTML, and eras.
func TestImportTimelineJS2(t *testing.T) {
	s := datatest.NewStore(t)
	stats := mustImport(t, s, jsonImport, testdata(t, "v2_river_crossing.json"), "crossing.json")
	if got, want := stats, (data.ImportStats{Events: 6, Actors: 2, Sources: 2, Citations: 2, Eras: 2, Images: 1}); got != want {
		t.Errorf("stats = %+v, want %+v", got, want)
	}
	c, err := s.Chronology()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.Title, "The Millbrook Crossing"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	if !strings.HasPrefix(c.Description, "How a small town spent four years") {
		t.Errorf("description = %q, want the title slide's text", c.Description)
	}
	tests := []struct {
		title      string
		start, end data.Date
		group      string
	}{
		{"Council hears the first plan", data.DayDate(2011, 3, 23), data.Date{}, "Council"},
		{"A long public meeting", data.MinuteDate(2011, 3, 23, 14, 30), data.MinuteDate(2011, 3, 23, 17, 45), "Residents"},
		{"Survey of the river bed", data.MonthDate(2012, 6), data.MonthDate(2012, 9), "Council"},
		{"A petition for a cheaper timber design gathers signatures at the market.", data.YearDate(2013), data.Date{}, "Residents"},
		{"Building work", data.YearDate(2014), data.DayDate(2014, 11, 2), ""},
		{"Opening day", data.MinuteDate(2014, 11, 3, 9, 0), data.Date{}, "Council"},
	}
	for _, tt := range tests {
		e := datatest.EventTitled(t, s, tt.title)
		if e.Start != tt.start || e.End != tt.end {
			t.Errorf("%s = %v – %v, want %v – %v", tt.title, e.Start, e.End, tt.start, tt.end)
		}
		group := ""
		if len(e.Actors) > 0 {
			a, err := s.Actor(e.Actors[0].ActorID)
			if err != nil {
				t.Fatal(err)
			}
			group = a.Name
		}
		if group != tt.group {
			t.Errorf("%s group = %q, want %q", tt.title, group, tt.group)
		}
	}
	plan := datatest.EventTitled(t, s, "Council hears the first plan")
	if got, want := plan.Description, "Engineers present a **steel** footbridge. Residents ask about the cost & the ducks."; got != want {
		t.Errorf("description = %q, want %q", got, want)
	}
	cits, err := s.Citations(plan.ID)
	if err != nil || len(cits) != 1 {
		t.Fatalf("citations = %v, %v; want the asset", cits, err)
	}
	src, err := s.Source(cits[0].SourceID)
	if err != nil {
		t.Fatal(err)
	}
	if src.URL != "https://example.org/millbrook/plan-2011.pdf" || src.Title != "The first drawing, with a single span" ||
		src.Publisher != "Millbrook Town Council" || cits[0].Quote != "The first drawing, with a single span" {
		t.Errorf("asset = %+v quote %q", src, cits[0].Quote)
	}
	if got := datatest.EventTitled(t, s, "A long public meeting").Description; got != "Three hours of questions.\n\n- Parking\n- Flooding" {
		t.Errorf("list = %q", got)
	}
	eras, err := s.Eras()
	if err != nil {
		t.Fatal(err)
	}
	if len(eras) != 2 || eras[0].Title != "Planning" || eras[0].Start != data.DayDate(2011, 3, 1) || eras[0].End != data.DayDate(2012, 12, 31) ||
		eras[1].Title != "Construction" || eras[1].End != data.DayDate(2014, 11, 3) {
		t.Errorf("eras = %+v", eras)
	}
}

func TestImportTimelineJS2Errors(t *testing.T) {
	tests := []struct{ name, doc, want string }{
		{"bad month", `{"timeline": {"headline": "T", "date": [{"startDate": "2011,3,23", "headline": "a"}, {"startDate": "2011,13,2", "headline": "b"}]}}`,
			`old.json: timeline.date[1].startDate: "13" is not a month 1..12`},
		{"no start", `{"timeline": {"date": [{"headline": "a"}]}}`, `old.json: timeline.date[0].startDate: missing`},
		{"era without end", `{"timeline": {"date": [], "era": [{"startDate": "2011", "headline": "e"}]}}`, `old.json: timeline.era[0].endDate: missing`},
		{"no date list", `{"timeline": {"headline": "T"}}`, `old.json: timeline.date: missing`},
		{"tag not text", `{"timeline": {"date": [{"startDate": "2011", "tag": ["a"]}]}}`, `old.json: timeline.date[0].tag: is an array where text was expected`},
		{"not an object", `{"timeline": []}`, `old.json: timeline: is not an object`},
		{"end before start", `{"timeline": {"date": [{"startDate": "2011,3,2", "endDate": "2011,3,1", "headline": "x"}]}}`,
			`old.json: timeline.date[0]: end: 2011-03-01 is before the start 2011-03-02`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := datatest.NewStore(t)
			err := s.Update(func(tx *data.Tx) error {
				_, err := jsonImport(tx, []byte(tt.doc), "old.json")
				return err
			})
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error = %v, want %s…", err, tt.want)
			}
			assertEmpty(t, s)
		})
	}
}
