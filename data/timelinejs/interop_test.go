package timelinejs_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"chronoscope/data/datatest"
	"chronoscope/data/timelinejs"
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
// the JSON export keeps the scale and every media field (title, link and
// link_target only in JSON: the sheet has no columns for them).
func TestRoundTripEveryInteropFile(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(fixtureDir, "*"))
	if err != nil || len(files) < 5 {
		t.Fatalf("interop files = %v, %v; want the five TimelineJS fixtures", files, err)
	}
	files = append(files, filepath.Join("testdata", "v2_river_crossing.json"), filepath.Join("testdata", "media_fields.json"))
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
			wantSheet := want // the sheet has no media title, link nor link_target
			if strings.HasSuffix(name, ".json") {
				sheet := datatest.NewStore(t)
				mustImport(t, sheet, imp, withoutJSONOnlyMedia(t, doc), name)
				wantSheet = snapshot(t, sheet, true)
			}
			for _, tt := range []struct {
				form string
				doc  []byte
				imp  importFunc
				want string
			}{{"JSON", out, jsonImport, want}, {"CSV", exportCSV(t, first), csvImport, wantSheet}} {
				second := datatest.NewStore(t)
				mustImport(t, second, tt.imp, tt.doc, "exported")
				if got := snapshot(t, second, true); got != tt.want {
					t.Errorf("import → export %s → import:\n%s\nwant\n%s", tt.form, got, tt.want)
				}
			}
			if strings.HasSuffix(name, ".json") && !bytes.Contains(doc, []byte(`"timeline"`)) {
				// Every slide's media comes back as it was: the same
				// address as media (TimelineJS shows each of these files'
				// media), caption, credit, thumbnail, alt text, title,
				// link and link target.
				in, back := slideMedia(t, doc), slideMedia(t, out)
				if len(back) != len(in) {
					t.Errorf("%d slides with media exported, want %d", len(back), len(in))
				}
				for k, m := range in {
					if got := back[k]; got != m {
						t.Errorf("slide %s: media exported as %+v, want %+v", k, got, m)
					}
				}
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

// withoutJSONOnlyMedia returns a TimelineJS JSON document without the
// media fields the sheet form has no column for (title, link,
// link_target): the JSON its CSV export stands for.
func withoutJSONOnlyMedia(t *testing.T, doc []byte) []byte {
	t.Helper()
	var d map[string]any
	if err := json.Unmarshal(doc, &d); err != nil {
		t.Fatal(err)
	}
	events, _ := d["events"].([]any)
	for _, e := range events {
		if m, ok := e.(map[string]any)["media"].(map[string]any); ok {
			delete(m, "title")
			delete(m, "link")
			delete(m, "link_target")
		}
	}
	out, err := json.Marshal(d)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// mediaFields are a slide's media as a reader sees them: its address
// and the text of its caption, credit, alt text and title, its thumbnail,
// link and link target.
type mediaFields struct{ URL, Caption, Credit, Alt, Thumbnail, Title, Link, LinkTarget string }

// slideMedia returns the media of a TimelineJS document's slides that
// have some, by their start and headline.
func slideMedia(t *testing.T, doc []byte) map[string]mediaFields {
	t.Helper()
	var d struct {
		Events []struct {
			StartDate struct{ Year, Month, Day any } `json:"start_date"`
			Text      struct{ Headline string }      `json:"text"`
			Media     *struct {
				URL, Caption, Credit, Alt, Thumbnail, Title, Link string
				LinkTarget                                        string `json:"link_target"`
			} `json:"media"`
		} `json:"events"`
	}
	if err := json.Unmarshal(doc, &d); err != nil {
		t.Fatal(err)
	}
	out := map[string]mediaFields{}
	for _, e := range d.Events {
		if e.Media == nil || e.Media.URL == "" {
			continue
		}
		part := func(v any) string { // "06", 6 and 6.0 are the same month
			switch v := v.(type) {
			case float64:
				return strconv.FormatFloat(v, 'f', -1, 64)
			case string:
				if n, err := strconv.ParseInt(v, 10, 64); err == nil {
					return strconv.FormatInt(n, 10)
				}
				return v
			}
			return ""
		}
		key := fmt.Sprintf("%s-%s-%s %s", part(e.StartDate.Year), part(e.StartDate.Month), part(e.StartDate.Day), timelinejs.HTMLToText(e.Text.Headline))
		m := e.Media
		u := m.URL
		if strings.HasPrefix(u, "<blockquote") { // a quotation: its text
			u = "quotation: " + timelinejs.HTMLToText(u)
		}
		out[key] = mediaFields{URL: u, Caption: timelinejs.HTMLToText(m.Caption), Credit: timelinejs.HTMLToText(m.Credit),
			Alt: timelinejs.HTMLToText(m.Alt), Thumbnail: m.Thumbnail, Title: timelinejs.HTMLToText(m.Title),
			Link: m.Link, LinkTarget: m.LinkTarget}
	}
	return out
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

// A media link data.CheckURL refuses (javascript:, file:) and a link
// target that could end its attribute are dropped on import, never
// written back.
func TestMediaHostileLinkDropped(t *testing.T) {
	s := datatest.NewStore(t)
	mustImport(t, s, jsonImport, []byte(`{"events": [
	  {"start_date": {"year": 1}, "text": {"headline": "a"}, "media": {"url": "https://example.org/a.jpg", "link": "javascript:alert(1)", "link_target": "_blank\" onclick=\"alert(1)"}},
	  {"start_date": {"year": 2}, "text": {"headline": "b"}, "media": {"url": "https://www.youtube.com/watch?v=b", "link": "file:///etc/passwd", "title": "B"}},
	  {"start_date": {"year": 3}, "text": {"headline": "c"}, "media": {"url": "<blockquote>c</blockquote>", "link": " JavaScript:alert(1)"}}]}`), "h.json")
	var notes []string
	for _, e := range eventsOf(t, s) {
		notes = append(notes, e.Notes)
	}
	if got, want := strings.Join(notes, "|"), "|TimelineJS media title: B|"; got != want {
		t.Errorf("notes = %q, want %q", got, want)
	}
	out := exportJSON(t, s)
	for _, bad := range []string{"avascript", "file:", "onclick", `"link"`, `"link_target"`} {
		if bytes.Contains(out, []byte(bad)) {
			t.Errorf("export holds %s:\n%s", bad, out)
		}
	}
}
