package timelinejs_test

import (
	"strings"
	"testing"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

// assertEmpty checks that a failed import left nothing behind.
func assertEmpty(t *testing.T, s *data.Store) {
	t.Helper()
	n, err := s.Count(data.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	actors, _ := s.Actors()
	sources, _ := s.Sources()
	eras, _ := s.Eras()
	c, _ := s.Chronology()
	if n != 0 || len(actors) != 0 || len(sources) != 0 || len(eras) != 0 || c.Title != "Test" {
		t.Errorf("after a failed import: %d events, %d actors, %d sources, %d eras, title %q; want nothing imported",
			n, len(actors), len(sources), len(eras), c.Title)
	}
}

// good is a valid slide, so that errors come after something was imported.
const good = `{"start_date": {"year": 1815}, "text": {"headline": "Fine"}, "group": "G", "media": {"url": "https://example.com/"}}`

func TestImportJSONErrors(t *testing.T) {
	deep := `{"events": [` + strings.Repeat("[", 10_000) + strings.Repeat("]", 10_000) + `]}`
	deepSlide := `{"events": [` + strings.Repeat(`{"a":`, 10_000) + "1" + strings.Repeat("}", 10_000) + `]}`
	deepUnknown := `{"x": ` + strings.Repeat(`{"a":`, 10_000) + "1" + strings.Repeat("}", 10_000) + `, "events": []}`
	long := `{"events": [{"start_date": {"year": 1}, "text": {"headline": "` + strings.Repeat("a", 10<<20+1) + `"}}]}`
	tests := []struct {
		name, doc string
		want      []string // substrings of the error, in order
	}{
		{"truncated", `{"title": {"text": {"headline": "T"}}, "events": [` + good + `, {"start_date": {"year": 18`,
			[]string{"women.json: line 1, column ", "ends too early"}},
		{"syntax", "{\"events\": [\n" + good + ",\n  {\"start_date\": {\"year\": 1815,}}]}",
			[]string{"women.json: line 3, column 31: invalid character ','"}}, // the comma before '}'
		{"missing comma", "{\"events\": [\n" + good + ",\n  {\"start_date\": {\"year\": 1815 \"month\": 6}}]}",
			[]string{"women.json: line 3, column 32: invalid character '\"'"}},
		{"year as object", `{"events": [` + good + `, {"start_date": {"year": {"value": 1815}}}]}`,
			[]string{`women.json: events[1].start_date.year: is an object where a number was expected`}},
		{"month 13", `{"events": [` + good + `,` + good + `,` + good + `, {"start_date": {"year": "1815", "month": "13"}}]}`,
			[]string{`women.json: events[3].start_date.month: "13" is not a month 1..12`}},
		{"30 February", `{"events": [{"start_date": {"year": 1900, "month": 2, "day": 30}}]}`,
			[]string{`women.json: events[0].start_date.day: "30" is not a day of February 1900 (it has 28 days)`}},
		{"year 0", `{"events": [` + good + `, {"start_date": {"year": 0}}]}`,
			[]string{`women.json: events[1].start_date.year: year 0 does not exist`}},
		{"day without month", `{"events": [{"start_date": {"year": 2000, "day": 3}}]}`,
			[]string{`women.json: events[0].start_date.day: "3" is given without a month`}},
		{"hour 24", `{"events": [{"start_date": {"year": 2000, "month": 1, "day": 1, "hour": 24}}]}`,
			[]string{`women.json: events[0].start_date.hour: "24" is not an hour 0..23`}},
		{"not a number", `{"events": [{"start_date": {"year": "MMXIV"}}]}`,
			[]string{`women.json: events[0].start_date.year: "MMXIV" is not a whole number`}},
		{"end before start", `{"events": [` + good + `, {"start_date": {"year": 2000}, "end_date": {"year": 1999}}]}`,
			[]string{`women.json: events[1]: end: 1999 is before the start 2000`}},
		{"no start", `{"events": [` + good + `, {"text": {"headline": "When?"}}]}`,
			[]string{`women.json: events[1].start_date: missing`}},
		{"slide not an object", `{"events": [` + good + `, 42]}`,
			[]string{`women.json: events[1]: is a number where an object was expected`}},
		{"text a number", `{"events": [` + good + `, {"start_date": {"year": 1}, "text": 5}]}`,
			[]string{`women.json: events[1].text: is a number where an object was expected`}},
		{"title text a number", `{"title": {"text": 3}, "events": [` + good + `]}`,
			[]string{`women.json: title.text: is a number where an object was expected`}},
		{"TimelineJS 2 asset a number", `{"timeline": {"date": [{"startDate": "2011,1,1", "asset": 4}]}}`,
			[]string{`women.json: timeline.date[0].asset: is a number where an object was expected`}},
		{"headline an array", `{"events": [{"start_date": {"year": 1}, "text": {"headline": ["a"]}}]}`,
			[]string{`women.json: events[0].text.headline: is an array where text was expected`}},
		{"invalid UTF-8", "{\"events\": [" + good + ",\n {\"start_date\": {\"year\": 1}, \"text\": {\"headline\": \"caf\xe9\"}}]}",
			[]string{"women.json: line 2, column 55: the text is not valid UTF-8"}},
		{"10,000 deep", deep, []string{"women.json: events[0]: is an array where an object was expected"}},
		// The 63rd object of the slide opens at column 12+5*62+1 = 323, 65 levels deep.
		{"10,000 deep slide", deepSlide, []string{"women.json: line 1, column 323: objects and arrays nest deeper than 64 levels"}},
		{"10,000 deep unknown field", deepUnknown, []string{"women.json: line 1, column ", "nest deeper than 64 levels"}},
		{"field over 10 MB", long, []string{"women.json: line 1, column ", "a value is longer than 10485760 bytes"}},
		{"no events", `{"title": {"text": {"headline": "T"}}}`, []string{`women.json: events: missing`}},
		{"not an object", `[1, 2]`, []string{`women.json: line 1, column 1: the file is not a TimelineJS document`}},
		{"trailing data", `{"events": [` + good + `]} {}`, []string{`women.json: line 1, column `, `unexpected data after the document`}},
		{"empty", ``, []string{`women.json: line 1, column 1: the file ends too early`}},
		{"era without end", `{"events": [` + good + `], "eras": [{"start_date": {"year": 1}, "text": {"headline": "E"}}]}`,
			[]string{`women.json: eras[0].end_date: missing`}},
		{"unique_id twice", `{"events": [{"unique_id": "x", "start_date": {"year": 1}}, {"unique_id": "x", "start_date": {"year": 2}}]}`,
			[]string{`women.json: events[1].unique_id: "x" is given to more than one event`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := datatest.NewStore(t)
			err := s.Update(func(tx *data.Tx) error {
				_, err := jsonImport(tx, []byte(tt.doc), "women.json")
				return err
			})
			if err == nil {
				t.Fatal("import succeeded, want an error")
			}
			assertContainsInOrder(t, err.Error(), tt.want)
			assertEmpty(t, s)
		})
	}
}

func assertContainsInOrder(t *testing.T, got string, want []string) {
	t.Helper()
	rest := got
	for _, w := range want {
		i := strings.Index(rest, w)
		if i < 0 {
			if len(got) > 300 {
				got = got[:300] + "…"
			}
			t.Errorf("error %q\nwant it to contain %q", got, w)
			return
		}
		rest = rest[i+len(w):]
	}
}

func TestImportCSVErrors(t *testing.T) {
	const header = "Year,Month,Day,Time,Headline,Text,Type,Group\n"
	const row = "1815,12,10,,Ada,<p>Fine</p>,,G\n"
	tests := []struct {
		name, doc string
		want      []string
	}{
		{"unterminated quote", header + row + "1816,1,1,,\"Never closed,text,,\n1817,,,,x,,,\n",
			[]string{`women.csv: line 4, column 14: a quoted cell is not closed`, `(the row starts on line 3)`}},
		{"bare quote", header + row + "1816,1,1,,Say \"hi\",,,\n",
			[]string{`women.csv: line 3, column `, `a " appears in an unquoted cell`}},
		{"month 13", header + row + "1816,13,1,,Bad,,,\n",
			[]string{`women.csv: line 3, column 6 (Month): "13" is not a month 1..12`}},
		{"30 February", header + row + "1900,2,30,,Bad,,,\n",
			[]string{`women.csv: line 3, column 8 (Day): "30" is not a day of February 1900`}},
		{"year 0", header + row + "0,,,,Bad,,,\n", []string{`women.csv: line 3, column 1 (Year): year 0 does not exist`}},
		{"bad time", header + row + "1816,1,1,25:00,Bad,,,\n",
			[]string{`women.csv: line 3, column 10 (Time): "25" is not an hour 0..23`}},
		{"time not a time", header + row + "1816,1,1,noon,Bad,,,\n",
			[]string{`women.csv: line 3, column 10 (Time): "noon" is not a time of the form HH:MM`}},
		{"no year", header + row + ",,,,Undated,,,\n", []string{`women.csv: line 3, column 1 (Year): no date`}},
		{"bad type", header + row + "1816,,,,x,,slide,\n", []string{`women.csv: line 3, column `, `(Type): "slide" is not a slide type`}},
		{"no year column", "Headline,Text\nA,B\n", []string{`women.csv: line 1: no Year or Start Date column`}},
		{"column twice", "Year,Headline,year\n", []string{`women.csv: line 1: the column "year" appears twice`}},
		{"invalid UTF-8", header + row + "1816,,,,caf\xe9,,,\n", []string{`women.csv: line 3, column 9: the cell is not valid UTF-8`}},
		{"empty", "", []string{`women.csv: the file is empty`}},
		{"era without end", header + row + "1816,,,,Era,,era,\n", []string{`women.csv: line 3`, `no end date`}},
		{"cell over 10 MB", header + row + "1816,,,,\"" + strings.Repeat("a", 10<<20+1) + "\",,,\n",
			[]string{`women.csv: line 3: a cell is longer than 10485760 bytes`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := datatest.NewStore(t)
			err := s.Update(func(tx *data.Tx) error {
				_, err := csvImport(tx, []byte(tt.doc), "women.csv")
				return err
			})
			if err == nil {
				t.Fatal("import succeeded, want an error")
			}
			assertContainsInOrder(t, err.Error(), tt.want)
			assertEmpty(t, s)
		})
	}
}
