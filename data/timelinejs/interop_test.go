package timelinejs_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chronoscope/data/datatest"
)

// scaleOf reads the scale a TimelineJS JSON document asks for.
func scaleOf(t *testing.T, doc []byte) string {
	t.Helper()
	var d struct {
		Scale string `json:"scale"`
	}
	if err := json.Unmarshal(doc, &d); err != nil {
		t.Fatal(err)
	}
	if d.Scale == "" {
		return "human"
	}
	return d.Scale
}

// Every TimelineJS file in ../shared/interop/timelinejs: import → export
// (JSON and CSV) → import gives the same chronology: title slide, events
// with headline, text, dates at their precision, display dates, groups,
// media with captions and credits, backgrounds, derived titles; eras; and
// the JSON export keeps the scale.
func TestRoundTripEveryInteropFile(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(fixtureDir, "*"))
	if err != nil || len(files) < 5 {
		t.Fatalf("interop files = %v, %v; want the five TimelineJS fixtures", files, err)
	}
	files = append(files, filepath.Join("testdata", "v2_river_crossing.json"))
	for _, path := range files {
		name := filepath.Base(path)
		imp := jsonImport
		if strings.HasSuffix(name, ".csv") {
			imp = csvImport
		}
		t.Run(name, func(t *testing.T) {
			doc, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			first := datatest.NewStore(t)
			mustImport(t, first, imp, doc, name)
			want := snapshot(t, first, true)
			if n := strings.Count(want, "\nevent "); n < 5 {
				t.Fatalf("%s imported %d events:\n%s", name, n, want)
			}
			out := exportJSON(t, first)
			for _, tt := range []struct {
				form string
				doc  []byte
				imp  importFunc
			}{{"JSON", out, jsonImport}, {"CSV", exportCSV(t, first), csvImport}} {
				second := datatest.NewStore(t)
				mustImport(t, second, tt.imp, tt.doc, "exported")
				if got := snapshot(t, second, true); got != want {
					t.Errorf("import → export %s → import:\n%s\nwant\n%s", tt.form, got, want)
				}
			}
			if strings.HasSuffix(name, ".json") && !bytes.Contains(doc, []byte(`"timeline"`)) {
				want := scaleOf(t, doc)
				if name == "cosmo.json" {
					want = "cosmological" // its embed page sets the scale; its years need it
				}
				if got := scaleOf(t, out); got != want {
					t.Errorf("exported scale = %s, want %s", got, want)
				}
			}
		})
	}
}

// Backgrounds and quotation media survive the round trip (they have no
// field of their own in the model: a notes line, a citation note).
func TestRoundTripBackgroundsAndQuotations(t *testing.T) {
	s := datatest.NewStore(t)
	mustImport(t, s, jsonImport, fixture(t, "cosmo.json"), "cosmo.json")
	var withBackground int
	for _, e := range eventsOf(t, s) {
		if strings.Contains(e.Notes, "TimelineJS background: ") {
			withBackground++
		}
	}
	if withBackground < 3 {
		t.Errorf("%d events keep a background, want every one cosmo.json gives", withBackground)
	}
	out := string(exportJSON(t, s))
	for _, want := range []string{`"color": "#F45B69"`, `"url": "https://upload.wikimedia.org/wikipedia/commons/b/bf/Webb%27s_First_Deep_Field.jpg"`} {
		if !strings.Contains(out, want) {
			t.Errorf("export lacks the background %s", want)
		}
	}
	w := datatest.NewStore(t)
	mustImport(t, w, jsonImport, fixture(t, "women_in_computing.json"), "w.json")
	if out := string(exportJSON(t, w)); !strings.Contains(out, `"url": "\u003cblockquote\u003e\u003cp\u003eThere is no demand for women engineers`) {
		t.Errorf("the Edith Clarke quotation is not exported as quotation media")
	}
	// A background that could break out of TimelineJS's style is not kept.
	h := datatest.NewStore(t)
	mustImport(t, h, jsonImport, []byte(`{"events": [
	  {"start_date": {"year": 1}, "text": {"headline": "a"}, "background": {"color": "red;background:url(https://evil.example/)"}},
	  {"start_date": {"year": 2}, "text": {"headline": "b"}, "background": {"url": "javascript:alert(1)"}},
	  {"start_date": {"year": 3}, "text": {"headline": "c"}, "background": {"color": "rgb(10, 20, 30)"}}]}`), "h.json")
	var notes []string
	for _, e := range eventsOf(t, h) {
		notes = append(notes, e.Notes)
	}
	if got, want := strings.Join(notes, "|"), "||TimelineJS background: rgb(10, 20, 30)"; got != want {
		t.Errorf("notes = %q, want %q", got, want)
	}
}
