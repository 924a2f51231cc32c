package data

import (
	"database/sql"
	"fmt"
	"math"
	"strings"
)

// CompactRow is one event as Tx.Compact reads it: what a timeline needs to
// place, filter and rank the event, without any text.
type CompactRow struct {
	ID         int64
	StartS     int64 // first second covered (Unix seconds)
	StopS      int64 // first second after the event
	Importance int
	Certainty  Certainty // one of the Certainties constants when valid (shared, not allocated)
	HasEnd     bool      // the event has an explicit end date
	// Actors are the linked actors' ids, in the event's order. The slice
	// is reused from row to row: it is valid only during the callback.
	Actors []int64
}

// Compact calls fn for every event, in the table's (id) order, reading only
// the columns of CompactRow; it allocates nothing per row, so a million
// events stream in well under a second. It stops at fn's first error and
// returns it.
func (t *Tx) Compact(fn func(r *CompactRow) error) error {
	return t.CompactRange(math.MinInt64, math.MaxInt64, fn)
}

// CompactRange is Compact for the events with ids in [lo, hi), in id order
// (the table's: a range of rowids, read without sorting): a large file can
// be read in parts, on several connections at once.
func (t *Tx) CompactRange(lo, hi int64, fn func(r *CompactRow) error) error {
	// Importance, certainty and the end flag come packed in one integer
	// (fewer columns to convert: a third faster over a million rows).
	var cases strings.Builder
	for i, c := range Certainties {
		fmt.Fprintf(&cases, " WHEN '%s' THEN %d", c, i+1)
	}
	st, err := t.stmt(`SELECT id, start_s, stop_s,
		((CASE certainty` + cases.String() + ` ELSE 0 END) << 1) | (end_precision IS NOT NULL) | (importance << 8),
		CASE WHEN (CASE certainty` + cases.String() + ` ELSE 0 END) = 0 THEN certainty ELSE NULL END,
		actor_ids FROM event WHERE id >= ? AND id < ? ORDER BY id`)
	if err != nil {
		return translate(err)
	}
	rows, err := st.Query(lo, hi)
	if err != nil {
		return translate(err)
	}
	defer rows.Close()
	var r CompactRow
	var packed int64
	var other, actors sql.RawBytes
	for rows.Next() {
		if err := rows.Scan(&r.ID, &r.StartS, &r.StopS, &packed, &other, &actors); err != nil {
			return translate(err)
		}
		r.Importance = int(packed >> 8)
		r.HasEnd = packed&1 != 0
		if c := int(packed>>1) & 0x7f; c > 0 {
			r.Certainty = Certainties[c-1]
		} else {
			r.Certainty = Certainty(other) // not a known certainty: as stored
		}
		if r.Actors, err = appendIDs(r.Actors[:0], actors); err != nil {
			return fmt.Errorf("event %d: %w", r.ID, err)
		}
		if err := fn(&r); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return translate(err)
	}
	rows.Close()
	// A scan of the table leaves the connection's cache full of pages no
	// window query needs: drop them.
	_, err = t.tx.Exec("PRAGMA shrink_memory")
	return translate(err)
}

// appendIDs appends the ids of a comma-separated list ("3,7") to dst.
func appendIDs[T ~string | ~[]byte](dst []int64, b T) ([]int64, error) {
	if len(b) == 0 {
		return dst, nil
	}
	var n int64
	digits := 0
	for i := 0; i <= len(b); i++ {
		if i == len(b) || b[i] == ',' {
			if digits == 0 {
				return dst, fmt.Errorf("stored actor list %q is malformed", b)
			}
			dst = append(dst, n)
			n, digits = 0, 0
			continue
		}
		if b[i] < '0' || b[i] > '9' {
			return dst, fmt.Errorf("stored actor list %q is malformed", b)
		}
		n = n*10 + int64(b[i]-'0')
		digits++
	}
	return dst, nil
}

// IDRange returns the lowest and highest event ids; ok is false when there
// are no events.
func (t *Tx) IDRange() (lo, hi int64, ok bool, err error) {
	row, err := t.queryRow("SELECT (SELECT min(id) FROM event), (SELECT max(id) FROM event)") // each alone reads one end of the table
	if err != nil {
		return 0, 0, false, err
	}
	var a, b sql.NullInt64
	if err := row.Scan(&a, &b); err != nil {
		return 0, 0, false, translate(err)
	}
	return a.Int64, b.Int64, a.Valid, nil
}

// eventRowsChunk is how many ids EventRows binds per statement, well under
// SQLite's limit on variables.
const eventRowsChunk = 500

// EventRows returns the rows of the events with the given ids, in no
// particular order; ids that name no event are skipped.
func (t *Tx) EventRows(ids []int64) ([]EventRow, error) {
	var out []EventRow
	for len(ids) > 0 {
		chunk := ids[:min(len(ids), eventRowsChunk)]
		ids = ids[len(chunk):]
		args := make([]any, len(chunk))
		for i, id := range chunk {
			args[i] = id
		}
		rows, err := t.queryRows("SELECT "+rowColumns+" FROM event e WHERE e.id IN ("+placeholders(len(chunk))+")", args...)
		if err != nil {
			return nil, err
		}
		if out == nil {
			out = rows
		} else {
			out = append(out, rows...)
		}
	}
	return out, nil
}
