package timelinejs_test

import (
	"bytes"
	"encoding/csv"
	"testing"

	"chronoscope/data"
	"chronoscope/data/datatest"
	"chronoscope/data/timelinejs"
)

// synthetic is a TimelineJS document using every precision, BCE and
// cosmological years, groups, display dates, media, eras, unique ids and
// the certainty paragraph.
const synthetic = `{
  "title": {"text": {"headline": "Every field", "text": "<p>A <b>test</b> of every field.</p>"}},
  "scale": "cosmological",
  "events": [
    {"unique_id": "bang", "start_date": {"year": -13800000000}, "text": {"headline": "Big Bang"}, "group": "Universe"},
    {"unique_id": "rome", "start_date": {"year": -753, "month": 4, "day": 21}, "text": {"headline": "Rome &amp; Remus"},
     "display_date": "21 April 753 BCE", "group": "Rome"},
    {"unique_id": "caesar", "start_date": {"year": -44, "month": 3}, "end_date": {"year": -44, "month": 3, "day": 15},
     "text": {"headline": "Ides", "text": "<p>Beware <em>the</em> ides.</p><ul><li>one</li><li>two</li></ul>"}, "group": "Rome"},
    {"unique_id": "hack", "start_date": {"year": 2014, "month": 11, "day": 24, "hour": 8},
     "end_date": {"year": 2014, "month": 11, "day": 24, "hour": 9, "minute": 30},
     "text": {"headline": "Sony hacked", "text": "<p>Staff see a skull.<br>Screens go dark.</p><p class=\"chronoscope-certainty\"><em>Certainty: claimed</em></p>"},
     "group": "Guardians of Peace",
     "media": {"url": "https://www.bbc.co.uk/news/technology-30200935", "caption": "Sony <i>hit</i>", "credit": "BBC"}},
    {"unique_id": "fbi", "start_date": {"year": 2014, "month": 12, "day": 19, "hour": 15, "minute": 0, "second": 7},
     "text": {"headline": "=FBI names North Korea", "text": "<p>See <a href=\"https://www.fbi.gov/news\">the statement</a> and <a href=\"javascript:alert(1)\">this</a>.</p>"},
     "group": "United States", "media": {"url": "https://www.fbi.gov/news", "credit": "FBI"}}
  ],
  "eras": [
    {"start_date": {"year": 2014, "month": 11}, "end_date": {"year": 2014, "month": 12}, "text": {"headline": "The hack"}},
    {"start_date": {"year": -800}, "end_date": {"year": -27}, "text": {"headline": "Roman Republic &amp; Kingdom"}}
  ]
}`

func exportJSON(t testing.TB, s *data.Store) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := s.View(func(tx *data.Tx) error { return timelinejs.WriteJSON(tx, &b, timelinejs.WriteOptions{}) }); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func exportCSV(t testing.TB, s *data.Store) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := s.View(func(tx *data.Tx) error { return timelinejs.WriteCSV(tx, &b, timelinejs.WriteOptions{}) }); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestRoundTripJSON(t *testing.T) {
	docs := map[string][]byte{"synthetic.json": []byte(synthetic)}
	for _, name := range []string{"women_in_computing.json", "eras.json", "cosmo.json"} {
		docs[name] = fixture(t, name)
	}
	for name, doc := range docs {
		t.Run(name, func(t *testing.T) {
			first := datatest.NewStore(t)
			mustImport(t, first, jsonImport, doc, name)
			out := exportJSON(t, first)
			second := datatest.NewStore(t)
			mustImport(t, second, jsonImport, out, "exported.json")
			// Titles, dates, precisions, certainty, display dates and
			// groups survive; so does the text.
			if a, b := snapshot(t, first, false), snapshot(t, second, false); a != b {
				t.Errorf("after JSON → import → export → import:\n%s\nwant\n%s", b, a)
			}
			for i, e := range eventsOf(t, first) {
				if got := eventsOf(t, second)[i].Description; got != e.Description {
					t.Errorf("description of %q = %q, want %q", e.Title, got, e.Description)
				}
			}
			// Exporting again gives the same document: the export is a
			// fixed point of import.
			if again := exportJSON(t, second); !bytes.Equal(again, out) {
				t.Errorf("second export differs from the first:\n%s\nfirst:\n%s", again, out)
			}
		})
	}
}

func TestRoundTripSyntheticKeepsEverything(t *testing.T) {
	first := datatest.NewStore(t)
	mustImport(t, first, jsonImport, []byte(synthetic), "synthetic.json")
	want := snapshot(t, first, true)
	for _, tt := range []struct {
		name   string
		export func(testing.TB, *data.Store) []byte
		imp    importFunc
	}{{"JSON", exportJSON, jsonImport}, {"CSV", exportCSV, csvImport}} {
		t.Run(tt.name, func(t *testing.T) {
			second := datatest.NewStore(t)
			mustImport(t, second, tt.imp, tt.export(t, first), "exported")
			if got := snapshot(t, second, true); got != want {
				t.Errorf("round trip through %s:\n%s\nwant\n%s", tt.name, got, want)
			}
		})
	}
	hack := datatest.EventTitled(t, first, "Sony hacked")
	if got, want := hack.Certainty, data.Claimed; got != want {
		t.Errorf("certainty = %v, want %v (from the certainty paragraph)", got, want)
	}
	if got, want := hack.Description, "Staff see a skull.\nScreens go dark."; got != want {
		t.Errorf("description = %q, want %q", got, want)
	}
	if got, want := datatest.EventTitled(t, first, "=FBI names North Korea").Description,
		"See [the statement](https://www.fbi.gov/news) and this."; got != want {
		t.Errorf("description = %q, want %q (javascript: links lose their URL)", got, want)
	}
	if got, want := datatest.EventTitled(t, first, "Big Bang").Start, data.YearDate(-13_800_000_000); got != want {
		t.Errorf("Big Bang = %v, want %v", got, want)
	}
}

func TestExportScale(t *testing.T) {
	s := datatest.NewStore(t)
	mustImport(t, s, jsonImport, []byte(`{"events": [{"start_date": {"year": 2014}, "text": {"headline": "x"}}]}`), "x.json")
	if out := exportJSON(t, s); !bytes.Contains(out, []byte(`"scale": "human"`)) {
		t.Errorf("a 2014 chronology exports with %s, want the human scale", out)
	}
	mustImport(t, s, jsonImport, []byte(`{"events": [{"start_date": {"year": -4600000000}, "text": {"headline": "Sun"}}]}`), "x.json")
	if out := exportJSON(t, s); !bytes.Contains(out, []byte(`"scale": "cosmological"`)) {
		t.Errorf("a chronology reaching 4.6 billion BCE exports with %s, want the cosmological scale", out)
	}
}

// The CSV WriteCSV makes from women_in_computing.json agrees with the
// CSV TimelineJS made from the same timeline: same dates and headlines.
func TestExportCSVAgreesWithTimelineJS(t *testing.T) {
	s := datatest.NewStore(t)
	mustImport(t, s, jsonImport, fixture(t, "women_in_computing.json"), "women_in_computing.json")
	rowsByHeadline := func(b []byte) map[string][]string {
		recs, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		cols := map[string]int{}
		for i, h := range recs[0] {
			cols[h] = i
		}
		out := map[string][]string{}
		for _, r := range recs[1:] {
			var key []string
			for _, h := range []string{"Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time", "Type"} {
				key = append(key, r[cols[h]])
			}
			out[timelinejs.HTMLToText(r[cols["Headline"]])] = key
		}
		return out
	}
	got, want := rowsByHeadline(exportCSV(t, s)), rowsByHeadline(fixture(t, "women_in_computing.csv"))
	if len(got) != len(want) {
		t.Errorf("%d rows, want %d", len(got), len(want))
	}
	for h, w := range want {
		if g := got[h]; len(g) != len(w) || fmtRow(g) != fmtRow(w) {
			t.Errorf("row %q = %q, want %q", h, g, w)
		}
	}
}

func fmtRow(r []string) string {
	var b bytes.Buffer
	for _, c := range r {
		b.WriteString(c + "|")
	}
	return b.String()
}
