package data

import (
	"database/sql/driver"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The rows the window query returns: what the list and the timeline need of an event.

// EventRow is the lightweight form of an event returned by window queries:
// enough to draw and list it, without its description or notes.
type EventRow struct {
	ID          int64
	Title       string
	Start, End  Date
	Zone        string
	DisplayDate string
	Certainty   Certainty
	Importance  int
	Story       int     // position in the story for presentations; 0 for none
	StartS      int64   // first second covered (Unix seconds)
	StopS       int64   // first second after the event
	Actors      []int64 // linked actors, in the event's order
	Sources     int     // number of citations
	Links       int     // number of story links with the event at either end
}

// Location returns the row's time zone (UTC when none is set).
func (r *EventRow) Location() *time.Location { return LoadZone(r.Zone) }

// When is how the row's date reads to a person, as Event.When.
func (r *EventRow) When() string {
	if r.DisplayDate != "" {
		return r.DisplayDate
	}
	return r.Span()
}

// Span is the row's dates at their precision in its zone (FormatSpan),
// without the display date.
func (r *EventRow) Span() string { return FormatSpan(r.Start, r.End, r.Location()) }

// rowColumns are the columns of an EventRow, as scanRow reads them.
// They are read from the driver's rows without database/sql (see
// queryRows), so fourteen calendar columns cost less than packing them
// into text in SQL, which made SQLite build and sort a string per date.
const rowColumns = `e.id, e.title,
	e.start_year, e.start_month, e.start_day, e.start_hour, e.start_minute, e.start_second, e.start_precision,
	e.end_year, e.end_month, e.end_day, e.end_hour, e.end_minute, e.end_second, e.end_precision,
	e.zone, e.display_date, e.certainty, e.importance, e.story, e.start_s, e.stop_s, e.actor_ids, e.citations, e.links`

// rowColumnCount is the number of rowColumns.
const rowColumnCount = 26

// errStoredValue reports a stored value of the wrong type; the file was
// written by something else than Chronoscope.
func errStoredValue(what string, v driver.Value) error {
	return fmt.Errorf("%w: stored %s is %T %v", ErrDamaged, what, v, v)
}

// storedInt reads an integer column.
func storedInt(what string, v driver.Value) (int64, error) {
	if n, ok := v.(int64); ok {
		return n, nil
	}
	return 0, errStoredValue(what, v)
}

// storedText reads a text column; a number stored there reads as its
// digits, as database/sql would scan it.
func storedText(what string, v driver.Value) (string, error) {
	switch x := v.(type) {
	case string:
		return x, nil
	case []byte:
		return string(x), nil
	case int64:
		return strconv.FormatInt(x, 10), nil
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64), nil
	}
	return "", errStoredValue(what, v)
}

// storedDate reads the seven calendar columns of a date; all NULL is no
// date (an event without an end).
func storedDate(what string, v []driver.Value) (Date, error) {
	if v[0] == nil {
		return Date{}, nil
	}
	var n [7]int64
	for i := range n {
		var err error
		if n[i], err = storedInt(what, v[i]); err != nil {
			return Date{}, err
		}
	}
	return Date{Year: n[0], Month: int(n[1]), Day: int(n[2]), Hour: int(n[3]), Minute: int(n[4]), Second: int(n[5]), Precision: Precision(n[6])}, nil
}

// scanRow reads an EventRow from the values of rowColumns.
func scanRow(v []driver.Value) (EventRow, error) {
	var r EventRow
	var err error
	ints := []struct {
		dst *int64
		at  int
	}{{&r.ID, 0}, {&r.StartS, 21}, {&r.StopS, 22}}
	for _, c := range ints {
		if *c.dst, err = storedInt("event column", v[c.at]); err != nil {
			return r, err
		}
	}
	small := []struct {
		dst *int
		at  int
	}{{&r.Importance, 19}, {&r.Story, 20}, {&r.Sources, 24}, {&r.Links, 25}}
	for _, c := range small {
		n, err := storedInt("event column", v[c.at])
		if err != nil {
			return r, err
		}
		*c.dst = int(n)
	}
	if r.Title, err = storedText("title", v[1]); err != nil {
		return r, err
	}
	if r.Start, err = storedDate("start", v[2:9]); err != nil {
		return r, err
	}
	if r.End, err = storedDate("end", v[9:16]); err != nil {
		return r, err
	}
	if r.Zone, err = storedText("zone", v[16]); err != nil {
		return r, err
	}
	if r.DisplayDate, err = storedText("display date", v[17]); err != nil {
		return r, err
	}
	certainty, err := storedText("certainty", v[18])
	if err != nil {
		return r, err
	}
	r.Certainty = certaintyOf(certainty)
	actors, err := storedText("actor list", v[23])
	if err != nil {
		return r, err
	}
	if actors != "" {
		if r.Actors, err = appendIDs(make([]int64, 0, 1+strings.Count(actors, ",")), actors); err != nil {
			return r, err
		}
	}
	return r, nil
}

// queryRows runs a query selecting rowColumns (which read the citation
// counts, and may filter on the full-text index). It reads the driver's
// rows directly: database/sql's Scan converts each value by reflection.
func (t *Tx) queryRows(q string, args ...any) ([]EventRow, error) {
	if err := t.syncIndex(); err != nil {
		return nil, err
	}
	if err := t.beforeStmt(); err != nil {
		return nil, err
	}
	out := make([]EventRow, 0, 256)
	err := t.rawQuery(q, args, rowColumnCount, func(v []driver.Value) error {
		r, err := scanRow(v)
		if err != nil {
			return err
		}
		out = append(out, r)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// certaintyOf returns the Certainty constant spelled b, so rows share
// one string instead of allocating their own.
func certaintyOf(b string) Certainty {
	for _, c := range Certainties {
		if string(b) == string(c) {
			return c
		}
	}
	return Certainty(b)
}
