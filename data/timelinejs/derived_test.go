package timelinejs_test

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"

	"chronoscope/data"
	"chronoscope/data/datatest"
	"chronoscope/data/timelinejs"
)

const headless = `{"events": [
  {"unique_id": "a", "start_date": {"year": 1900}, "text": {"headline": "", "text": "<p>The <b>river</b> floods the lower town.</p>"}},
  {"unique_id": "b", "start_date": {"year": 1901}, "media": {"url": "https://example.org/p.jpg", "caption": "Boats in the square"}},
  {"unique_id": "c", "start_date": {"year": 1902}},
  {"unique_id": "d", "start_date": {"year": 1903}, "text": {"headline": "Written by the author"}}
]}`

// headlines returns the headline of each exported slide by unique_id.
func headlines(t *testing.T, doc []byte) map[string]string {
	t.Helper()
	var out struct {
		Events []struct {
			UniqueID string `json:"unique_id"`
			Text     struct {
				Headline string `json:"headline"`
			} `json:"text"`
		} `json:"events"`
	}
	if err := json.Unmarshal(doc, &out); err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	for _, e := range out.Events {
		m[e.UniqueID] = e.Text.Headline
	}
	return m
}

// Slides without a headline get a title made from their text, caption or
// nothing, marked as derived; the export writes no headline for them, and
// importing the export again gives the same titles, marked again.
func TestDerivedTitlesRoundTrip(t *testing.T) {
	first := datatest.NewStore(t)
	mustImport(t, first, jsonImport, []byte(headless), "headless.json")
	want := map[string]struct {
		title   string
		derived bool
	}{
		"a": {"The river floods the lower town.", true},
		"b": {"Boats in the square", true},
		"c": {"Untitled event", true},
		"d": {"Written by the author", false},
	}
	check := func(t *testing.T, s *data.Store) {
		t.Helper()
		for i, e := range eventsOf(t, s) { // in time order: a, b, c, d (a sheet has no unique_id)
			id := string(rune('a' + i))
			w := want[id]
			if e.Title != w.title || timelinejs.HasDerivedTitle(e) != w.derived ||
				slices.Contains(e.Tags, timelinejs.DerivedTitleTag) != w.derived {
				t.Errorf("%s: title %q tags %q derived %v, want %q derived %v", id, e.Title, e.Tags,
					timelinejs.HasDerivedTitle(e), w.title, w.derived)
			}
		}
	}
	check(t, first)
	out := exportJSON(t, first)
	for id, h := range headlines(t, out) {
		if want := map[string]string{"d": "Written by the author"}[id]; h != want {
			t.Errorf("exported headline of %s = %q, want %q", id, h, want)
		}
	}
	second := datatest.NewStore(t)
	mustImport(t, second, jsonImport, out, "exported.json")
	check(t, second)
	third := datatest.NewStore(t)
	mustImport(t, third, csvImport, exportCSV(t, first), "exported.csv")
	check(t, third)
	if !bytes.Equal(exportJSON(t, second), out) {
		t.Error("the second JSON export differs from the first")
	}
}

// A derived title the user has rewritten is theirs: it is exported.
func TestEditedDerivedTitleIsExported(t *testing.T) {
	s := datatest.NewStore(t)
	mustImport(t, s, jsonImport, []byte(headless), "headless.json")
	e := datatest.EventTitled(t, s, "The river floods the lower town.")
	e.Title = "The 1900 flood"
	if err := s.Update(func(tx *data.Tx) error { return tx.UpdateEvent(e) }); err != nil {
		t.Fatal(err)
	}
	if timelinejs.HasDerivedTitle(e) {
		t.Error("an edited title still counts as derived")
	}
	if got := headlines(t, exportJSON(t, s))["a"]; got != "The 1900 flood" {
		t.Errorf("exported headline = %q, want the user's title", got)
	}
}

// Re-importing a slide that now has a headline drops the mark; one that
// lost its headline gains it.
func TestReimportUpdatesDerivedMark(t *testing.T) {
	s := datatest.NewStore(t)
	mustImport(t, s, jsonImport, []byte(headless), "headless.json")
	mustImport(t, s, jsonImport, []byte(`{"events": [
	  {"unique_id": "a", "start_date": {"year": 1900}, "text": {"headline": "Flood", "text": "<p>The river floods the lower town.</p>"}},
	  {"unique_id": "d", "start_date": {"year": 1903}, "text": {"text": "<p>Now without a headline.</p>"}}]}`), "again.json")
	if e := datatest.EventTitled(t, s, "Flood"); slices.Contains(e.Tags, timelinejs.DerivedTitleTag) {
		t.Errorf("tags = %q, want the mark gone", e.Tags)
	}
	if e := datatest.EventTitled(t, s, "Now without a headline."); !timelinejs.HasDerivedTitle(e) {
		t.Errorf("tags = %q, want the mark", e.Tags)
	}
}
