package timelinejs_test

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"chronoscope/data"
	"chronoscope/data/datatest"
	"chronoscope/data/timelinejs"
)

// generatedJSON builds a TimelineJS document of n events: minute
// precision dates over a few years, 20 groups, HTML text, a unique id
// each, and media on one event in ten.
func generatedJSON(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"title": {"text": {"headline": "Generated", "text": "<p>Many events.</p>"}}, "events": [`)
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"start_date": {"year": "%d", "month": "%d", "day": "%d", "hour": "%d", "minute": "%d"}, `+
			`"text": {"headline": "Event number %d", "text": "<p>Something <b>happened</b> to <a href=\"https://example.com/%d\">group %d</a>.</p>"}, `+
			`"group": "Group %d", "unique_id": "ev-%d"`,
			2000+i%20, 1+i%12, 1+i%28, i%24, i%60, i, i, i%20, i%20, i)
		if i%10 == 0 {
			fmt.Fprintf(&b, `, "media": {"url": "https://example.com/media/%d", "caption": "Caption %d", "credit": "Agency"}`, i, i)
		}
		b.WriteString("}")
	}
	b.WriteString("]}")
	return b.Bytes()
}

// BenchmarkImportTimelineJS imports 100,000 generated events. "decode" is
// the codec alone (streaming JSON decode, date checks, HTML to Markdown,
// building each event); "import" adds writing them to a fresh store in one
// transaction, and reports floor-ratio: its speed over that of SQLite
// alone loading the same rows set-based (data.LoadFloor), measured after
// each import, untimed.
func BenchmarkImportTimelineJS(b *testing.B) {
	const n = 100_000
	doc := generatedJSON(n)
	b.Run("decode", func(b *testing.B) {
		b.SetBytes(int64(len(doc)))
		var elapsed time.Duration
		for b.Loop() {
			start := time.Now()
			got, err := timelinejs.DecodeJSON(bytes.NewReader(doc), "bench.json")
			elapsed += time.Since(start)
			if err != nil || got != n {
				b.Fatalf("decoded %d events, %v", got, err)
			}
		}
		b.ReportMetric(float64(n*b.N)/elapsed.Seconds(), "events/s")
	})
	b.Run("import", func(b *testing.B) {
		b.SetBytes(int64(len(doc)))
		var elapsed, floor time.Duration
		for b.Loop() {
			b.StopTimer()
			s := datatest.NewStore(b)
			b.StartTimer()
			start := time.Now()
			err := s.Update(func(tx *data.Tx) error {
				stats, err := timelinejs.ImportJSON(tx, bytes.NewReader(doc), "bench.json", timelinejs.Options{})
				if err == nil && stats.Events != n {
					err = fmt.Errorf("imported %d events", stats.Events)
				}
				return err
			})
			elapsed += time.Since(start)
			if err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			floor += datatest.Floor(b, s.Path())
			b.StartTimer()
		}
		b.ReportMetric(float64(n*b.N)/elapsed.Seconds(), "events/s")
		b.ReportMetric(float64(n*b.N)/floor.Seconds(), "floor-events/s")
		b.ReportMetric(floor.Seconds()/elapsed.Seconds(), "floor-ratio")
	})
}
