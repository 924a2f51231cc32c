package timelinejs_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

// randomDoc is a random valid TimelineJS timeline, written as JSON and as
// the Google-Sheets CSV of the same slides.
type randomDoc struct {
	json, csv []byte
}

var words = []string{"river", "council", "vote", "Ada", "Zürich", "bridge", "&", "<", "\"quoted\"", "1848", "año", "treaty", "storm"}

func phrase(r *rand.Rand, n int) string {
	w := make([]string, 1+r.IntN(n))
	for i := range w {
		w[i] = words[r.IntN(len(words))]
	}
	return strings.Join(w, " ")
}

// randomDate returns a date at a random precision and its JSON object and
// sheet cells (Year, Month, Day, Time).
func randomDate(r *rand.Rand, after data.Date) data.Date {
	d := data.Date{Year: int64(r.IntN(4200)) - 2100, Month: 1, Day: 1}
	if r.IntN(20) == 0 {
		d.Year = -int64(r.IntN(13_000_000_000)) - 300_000
	}
	if !after.IsZero() {
		d.Year = after.Year + 1 + int64(r.IntN(30))
	}
	if d.Year == 0 {
		d.Year = 1
	}
	d.Precision = data.Precision(1 + r.IntN(6))
	if d.Precision >= data.PrecisionMonth {
		d.Month = 1 + r.IntN(12)
	}
	if d.Precision >= data.PrecisionDay {
		d.Day = 1 + r.IntN(data.DaysIn(d.Year, d.Month))
	}
	if d.Precision >= data.PrecisionHour {
		d.Hour = r.IntN(24)
	}
	if d.Precision >= data.PrecisionMinute {
		d.Minute = r.IntN(60)
	}
	if d.Precision >= data.PrecisionSecond {
		d.Second = r.IntN(60)
	}
	return d
}

func jsonDate(d data.Date) map[string]any {
	if d.IsZero() {
		return nil
	}
	m := map[string]any{"year": d.Year}
	// Numbers and strings are both valid; mix them.
	vals := []int{d.Month, d.Day, d.Hour, d.Minute, d.Second}
	for i, k := range []string{"month", "day", "hour", "minute", "second"} {
		if int(d.Precision) > i+1 {
			if vals[i]%2 == 0 {
				m[k] = strconv.Itoa(vals[i])
			} else {
				m[k] = vals[i]
			}
		}
	}
	return m
}

func sheetDate(d data.Date) []string {
	c := make([]string, 4)
	if d.IsZero() {
		return c
	}
	c[0] = strconv.FormatInt(d.Year, 10)
	if d.Year >= 1000 || d.Year <= -1000 { // as Sheets formats a number
		c[0] = strings.Replace(c[0], c[0][len(c[0])-3:], ","+c[0][len(c[0])-3:], 1)
	}
	if d.Precision >= data.PrecisionMonth {
		c[1] = strconv.Itoa(d.Month)
	}
	if d.Precision >= data.PrecisionDay {
		c[2] = strconv.Itoa(d.Day)
	}
	switch d.Precision {
	case data.PrecisionHour:
		c[3] = strconv.Itoa(d.Hour)
	case data.PrecisionMinute:
		c[3] = fmt.Sprintf("%d:%02d", d.Hour, d.Minute)
	case data.PrecisionSecond:
		c[3] = fmt.Sprintf("%d:%02d:%02d", d.Hour, d.Minute, d.Second)
	}
	return c
}

func newRandomDoc(r *rand.Rand) randomDoc {
	esc := func(s string) string {
		return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
	}
	title := phrase(r, 4)
	doc := map[string]any{"title": map[string]any{"text": map[string]any{"headline": esc(title), "text": "<p>" + esc(phrase(r, 8)) + "</p>"}}}
	header := []string{"Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time", "Display Date",
		"Headline", "Text", "Media", "Media Credit", "Media Caption", "Media Thumbnail", "Type", "Group", "Background", "Alt Text"}
	rows := [][]string{header, append(make([]string, 9), doc["title"].(map[string]any)["text"].(map[string]any)["headline"].(string),
		doc["title"].(map[string]any)["text"].(map[string]any)["text"].(string), "", "", "", "", "title", "", "", "")}
	var events []any
	for i := range 1 + r.IntN(8) {
		start := randomDate(r, data.Date{})
		var end data.Date
		if r.IntN(3) == 0 && start.Year > -200_000 {
			end = randomDate(r, start)
		}
		ev := map[string]any{"start_date": jsonDate(start), "unique_id": fmt.Sprintf("u%d", i)}
		if !end.IsZero() {
			ev["end_date"] = jsonDate(end)
		}
		row := append(sheetDate(start), sheetDate(end)...)
		row = append(row, make([]string, 11)...)
		text := map[string]any{}
		if r.IntN(4) != 0 {
			h := esc(phrase(r, 5))
			text["headline"], row[9] = h, h
		}
		if r.IntN(3) != 0 {
			body := "<p>" + esc(phrase(r, 12)) + " <b>" + esc(phrase(r, 2)) + "</b></p>"
			text["text"], row[10] = body, body
		}
		ev["text"] = text
		if r.IntN(3) == 0 {
			dd := esc(phrase(r, 3))
			ev["display_date"], row[8] = dd, dd
		}
		if r.IntN(2) == 0 {
			g := []string{"Council", "Residents", "Press"}[r.IntN(3)]
			ev["group"], row[16] = g, g
		}
		if r.IntN(3) == 0 {
			// A picture (a remote image), media TimelineJS embeds (a
			// source it shows) or a page it cannot (listed in the text).
			n := r.IntN(1000)
			u := []string{fmt.Sprintf("https://example.org/m/%d.jpg", n), fmt.Sprintf("https://www.youtube.com/watch?v=v%d", n),
				fmt.Sprintf("https://en.wikipedia.org/wiki/River_%d", n), fmt.Sprintf("https://example.org/news/%d", n),
				fmt.Sprintf("https://www.google.com/maps/place/Bridge/@51.5,-0.1,%dz", n),
				"<blockquote>" + esc(phrase(r, 6)) + "</blockquote>"}[r.IntN(6)]
			m := map[string]any{"url": u}
			row[11] = u
			if r.IntN(3) == 0 {
				th := fmt.Sprintf("https://example.org/thumb/%d.png", n)
				m["thumbnail"], row[14] = th, th
			}
			if r.IntN(3) == 0 {
				a := esc(phrase(r, 4))
				m["alt"], row[18] = a, a
			}
			if r.IntN(2) == 0 {
				c := esc(phrase(r, 4))
				m["caption"], row[13] = c, c
			}
			if r.IntN(2) == 0 {
				c := esc(phrase(r, 2))
				m["credit"], row[12] = c, c
			}
			// Only JSON has these (the sheet has no columns for them); a
			// hostile link or target is dropped.
			if r.IntN(3) == 0 {
				m["title"] = esc(phrase(r, 3))
			}
			if r.IntN(2) == 0 {
				m["link"] = []string{fmt.Sprintf("https://example.org/more/%d?a=1&b=2", n), "javascript:alert(1)",
					"file:///etc/passwd", fmt.Sprintf("https://www.youtube.com/watch?v=l%d", n)}[r.IntN(4)]
			}
			if r.IntN(3) == 0 {
				m["link_target"] = []string{"_blank", "_self", "_top", "viewer", `_blank" onclick="alert(1)`}[r.IntN(5)]
			}
			ev["media"] = m
		}
		switch r.IntN(4) {
		case 0:
			ev["background"], row[17] = map[string]any{"color": "#1f77b4"}, "#1f77b4"
		case 1:
			u := "https://example.org/bg.jpg"
			ev["background"], row[17] = map[string]any{"url": u}, u
		}
		events = append(events, ev)
		rows = append(rows, row)
	}
	doc["events"] = events
	var eras []any
	for range r.IntN(3) {
		start := randomDate(r, data.Date{})
		end := randomDate(r, start)
		h := esc(phrase(r, 3))
		eras = append(eras, map[string]any{"start_date": jsonDate(start), "end_date": jsonDate(end), "text": map[string]any{"headline": h}})
		row := append(append(sheetDate(start), sheetDate(end)...), make([]string, 11)...)
		row[9], row[15] = h, "era"
		rows = append(rows, row)
	}
	if len(eras) > 0 {
		doc["eras"] = eras
	}
	j, err := json.Marshal(doc)
	if err != nil {
		panic(err)
	}
	var c bytes.Buffer
	w := csv.NewWriter(&c)
	w.UseCRLF = r.IntN(2) == 0
	w.WriteAll(rows)
	return randomDoc{json: j, csv: c.Bytes()}
}

// Random valid TimelineJS documents, in both forms, round trip unchanged
// through both exports, and the JSON and sheet forms of one timeline
// import the same.
func TestRoundTripRandomDocuments(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 2025))
	for i := range 60 {
		d := newRandomDoc(r)
		fromJSON := datatest.NewStore(t)
		mustImport(t, fromJSON, jsonImport, d.json, "random.json")
		want := snapshot(t, fromJSON, true)
		sheet := datatest.NewStore(t)
		mustImport(t, sheet, jsonImport, withoutJSONOnlyMedia(t, d.json), "random.json")
		wantSheet := snapshot(t, sheet, true) // without media title, link and link_target
		fromCSV := datatest.NewStore(t)
		mustImport(t, fromCSV, csvImport, d.csv, "random.csv")
		if got := snapshot(t, fromCSV, true); got != wantSheet {
			t.Fatalf("document %d: the sheet form imports as\n%s\nthe JSON form as\n%s\nJSON: %s\nCSV:\n%s", i, got, wantSheet, d.json, d.csv)
		}
		// Every media field comes back (title, link and link_target only
		// through JSON), but a page TimelineJS cannot show is listed in
		// the slide's text instead, and a hostile link or target is
		// dropped.
		out := exportJSON(t, fromJSON)
		back := slideMedia(t, out)
		for k, m := range slideMedia(t, d.json) {
			if strings.Contains(m.URL, "/news/") {
				if _, ok := back[k]; ok || !bytes.Contains(out, []byte(`\u003ca href=\"`+m.URL+`\"`)) {
					t.Fatalf("document %d: slide %s: the page %s is exported as %+v, want a link in the text:\n%s", i, k, m.URL, back[k], out)
				}
				continue
			}
			if strings.HasPrefix(m.Link, "javascript:") || strings.HasPrefix(m.Link, "file:") {
				m.Link = "" // never written back
			}
			if strings.Contains(m.LinkTarget, `"`) {
				m.LinkTarget = ""
			}
			if got := back[k]; got != m {
				t.Fatalf("document %d: slide %s: media exported as %+v, want %+v\nsource: %s", i, k, got, m, d.json)
			}
		}
		for _, tt := range []struct {
			form string
			out  []byte
			imp  importFunc
			want string
		}{{"JSON", out, jsonImport, want}, {"CSV", exportCSV(t, fromJSON), csvImport, wantSheet},
			{"CSV of the sheet", exportCSV(t, fromCSV), csvImport, wantSheet}} {
			again := datatest.NewStore(t)
			mustImport(t, again, tt.imp, tt.out, "exported")
			if got := snapshot(t, again, true); got != tt.want {
				t.Fatalf("document %d through %s:\n%s\nwant\n%s\nsource: %s", i, tt.form, got, tt.want, d.json)
			}
		}
	}
}
