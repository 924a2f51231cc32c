package timelinejs_test

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"

	"chronoscope/data"
	"chronoscope/data/datatest"
	"chronoscope/data/timelinejs"
)

// slides returns n valid event slides, the i-th with unique_id "u<i>".
func slides(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf(`{"unique_id": "u%d", "start_date": {"year": %d}, "text": {"headline": "Event %d", "text": "<p>Text <b>%d</b></p>"}}`, i, 1900+i, i, i)
	}
	return out
}

// TestImportJSONFirstErrorInFileOrder: slides are read and written by
// different goroutines, and the error returned is still the first in the
// file, whether it is found reading (a bad month) or writing (a
// unique_id given twice), with thousands of slides between the two.
func TestImportJSONFirstErrorInFileOrder(t *testing.T) {
	const n = 3000
	for _, c := range []struct {
		name      string
		bad, dup  int // the slide with month 13, the one repeating u0's unique_id
		wantError string
	}{
		{"write error first", 2500, 700, `bench.json: events[700].unique_id: "u0" is given to more than one event in the file`},
		{"read error first", 700, 2500, `bench.json: events[700].start_date.month: "13" is not a month 1..12`},
	} {
		t.Run(c.name, func(t *testing.T) {
			ss := slides(n)
			ss[c.bad] = `{"start_date": {"year": 1900, "month": 13}}`
			ss[c.dup] = `{"unique_id": "u0", "start_date": {"year": 1901}}`
			doc := `{"events": [` + strings.Join(ss, ",\n") + `]}`
			s := datatest.NewStore(t)
			err := s.Update(func(tx *data.Tx) error {
				_, err := timelinejs.ImportJSON(tx, strings.NewReader(doc), "bench.json", timelinejs.Options{})
				return err
			})
			if err == nil || err.Error() != c.wantError {
				t.Fatalf("got %v, want %s", err, c.wantError)
			}
			assertEmpty(t, s)
		})
	}
}

// countingReader counts the reads made of a reader after it is closed.
type countingReader struct {
	r      io.Reader
	closed bool
	after  int
}

func (c *countingReader) Read(p []byte) (int, error) {
	if c.closed {
		c.after++
		return 0, errors.New("read after the import returned")
	}
	if len(p) > 512 {
		p = p[:512] // small reads: the reader is far from the end when the writer fails
	}
	return c.r.Read(p)
}

// TestImportJSONStopsReading: when a write fails early in a long file,
// ImportJSON returns without the rest of the file read, and never reads
// it after returning; every event is imported when none fails.
func TestImportJSONStopsReading(t *testing.T) {
	const n = 20_000
	ss := slides(n)
	ss[10] = `{"unique_id": "u0", "start_date": {"year": 1901}}`
	doc := `{"events": [` + strings.Join(ss, ",\n") + `]}`
	cr := &countingReader{r: strings.NewReader(doc)}
	s := datatest.NewStore(t)
	err := s.Update(func(tx *data.Tx) error {
		_, err := timelinejs.ImportJSON(tx, cr, "long.json", timelinejs.Options{})
		cr.closed = true
		return err
	})
	if err == nil || !strings.Contains(err.Error(), "events[10].unique_id") {
		t.Fatalf("got %v, want the error of events[10]", err)
	}
	if rest := cr.r.(*strings.Reader).Len(); rest == 0 {
		t.Errorf("the whole file was read after the write of events[10] failed")
	}
	if cr.after != 0 {
		t.Errorf("%d reads after ImportJSON returned", cr.after)
	}

	ok := datatest.NewStore(t)
	var stats data.ImportStats
	err = ok.Update(func(tx *data.Tx) error {
		var err error
		stats, err = timelinejs.ImportJSON(tx, strings.NewReader(`{"events": [`+strings.Join(slides(n), ",\n")+`]}`), "long.json", timelinejs.Options{})
		return err
	})
	if err != nil || stats.Events != n {
		t.Fatalf("imported %d events, %v", stats.Events, err)
	}
	rows, err := ok.Window(data.Filter{})
	if err != nil || len(rows) != n {
		t.Fatalf("%d events in the file, %v", len(rows), err)
	}
	for i, r := range rows {
		if want := fmt.Sprintf("Event %d", i); r.Title != want || r.Start.Year != int64(1900+i) {
			t.Fatalf("event %d is %q in %d, want %q in %d", i, r.Title, r.Start.Year, want, 1900+i)
		}
	}
}
