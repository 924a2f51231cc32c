package data

import (
	"bytes"
	"database/sql"
	"fmt"
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

// rowColumns are the columns of an EventRow. The calendar fields come
// packed in one string each ("2014 12 22 16 15 0 5"), which reads far
// faster than fourteen columns.
const rowColumns = `e.id, e.title,
	e.start_year || ' ' || e.start_month || ' ' || e.start_day || ' ' || e.start_hour || ' ' || e.start_minute || ' ' || e.start_second || ' ' || e.start_precision,
	coalesce(e.end_year || ' ' || e.end_month || ' ' || e.end_day || ' ' || e.end_hour || ' ' || e.end_minute || ' ' || e.end_second || ' ' || e.end_precision, ''),
	e.zone, e.display_date, e.certainty, e.importance, e.story, e.start_s, e.stop_s, e.actor_ids, e.citations, e.links`

// unpackDate reads the packed calendar fields of rowColumns ("2014 12 22
// 16 15 0 5") without allocating.
func unpackDate(b []byte) (Date, error) {
	if len(b) == 0 {
		return Date{}, nil
	}
	var v [7]int64
	i := 0
	for pos := 0; pos < len(b); {
		if i == len(v) {
			return Date{}, fmt.Errorf("stored date %q has too many fields", b)
		}
		neg := false
		if b[pos] == '-' {
			neg = true
			pos++
		}
		start := pos
		var n int64
		for pos < len(b) && b[pos] >= '0' && b[pos] <= '9' {
			n = n*10 + int64(b[pos]-'0')
			pos++
		}
		if pos == start || (pos < len(b) && b[pos] != ' ') {
			return Date{}, fmt.Errorf("stored date %q is malformed", b)
		}
		if neg {
			n = -n
		}
		v[i] = n
		i++
		pos++ // the space
	}
	if i != len(v) {
		return Date{}, fmt.Errorf("stored date %q is incomplete", b)
	}
	return Date{Year: v[0], Month: int(v[1]), Day: int(v[2]), Hour: int(v[3]), Minute: int(v[4]), Second: int(v[5]), Precision: Precision(v[6])}, nil
}

// unpackIDs reads a comma-separated id list ("3,7").
func unpackIDs(b []byte) ([]int64, error) {
	if len(b) == 0 {
		return nil, nil
	}
	return appendIDs(make([]int64, 0, 1+bytes.Count(b, []byte{','})), b)
}

// queryRows runs a query selecting rowColumns (which read the citation
// counts, and may filter on the full-text index).
func (t *Tx) queryRows(q string, args ...any) ([]EventRow, error) {
	if err := t.syncIndex(); err != nil {
		return nil, err
	}
	st, err := t.stmt(q)
	if err != nil {
		return nil, translate(err)
	}
	rows, err := st.Query(args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	out := make([]EventRow, 0, 256)
	var start, end, certainty, actors sql.RawBytes
	for rows.Next() {
		var r EventRow
		if err := rows.Scan(&r.ID, &r.Title, &start, &end,
			&r.Zone, &r.DisplayDate, &certainty, &r.Importance, &r.Story, &r.StartS, &r.StopS, &actors, &r.Sources, &r.Links); err != nil {
			return nil, translate(err)
		}
		if r.Start, err = unpackDate(start); err != nil {
			return nil, err
		}
		if r.End, err = unpackDate(end); err != nil {
			return nil, err
		}
		r.Certainty = certaintyOf(certainty)
		if r.Actors, err = unpackIDs(actors); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, translate(rows.Err())
}

// certaintyOf returns the Certainty constant spelled b, so rows share
// one string instead of allocating their own.
func certaintyOf(b []byte) Certainty {
	for _, c := range Certainties {
		if string(b) == string(c) {
			return c
		}
	}
	return Certainty(b)
}
