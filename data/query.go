package data

import (
	"database/sql"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// Filter selects events for the window query. The zero Filter selects
// every event.
type Filter struct {
	// From and To bound the time window in Unix seconds: an event is in it
	// when it covers any second in [From, To). Both zero: no bound.
	From, To int64
	// Actors, when non-nil, keeps events linked to at least one of these
	// actors (an empty non-nil slice keeps none).
	Actors []int64
	// Tags, when non-empty, keeps events with at least one of these tags.
	Tags []string
	// Certainties, when non-empty, keeps events of these certainties.
	Certainties []Certainty
	// Text, when not blank, keeps events whose title, description or a
	// citation quote contains every word (prefix match, case-insensitive).
	Text string
	// Limit caps the rows returned (0: no cap); Offset skips rows first.
	Limit, Offset int
}

// Windowed reports whether the filter has a time window.
func (f Filter) Windowed() bool { return f.From != 0 || f.To != 0 }

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
	StartS      int64   // first second covered (Unix seconds)
	StopS       int64   // first second after the event
	Actors      []int64 // linked actors, in the event's order
	Sources     int     // number of citations
}

// Location returns the row's time zone (UTC when none is set).
func (r *EventRow) Location() *time.Location { return LoadZone(r.Zone) }

// MatchQuery turns words typed by a person into an FTS4 query that matches
// events containing every word as a prefix; operators typed by the person
// are treated as text. It returns "" when there is nothing to search for.
func MatchQuery(text string) string {
	words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) })
	var b strings.Builder
	for _, w := range words {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(`"` + w + `*"`)
	}
	return b.String()
}

// where builds the WHERE clause (without the window) and its arguments.
// It reports false when the filter can match nothing.
func (f Filter) where() (string, []any, bool) {
	var conds []string
	var args []any
	if f.Actors != nil {
		if len(f.Actors) == 0 {
			return "", nil, false
		}
		conds = append(conds, "EXISTS (SELECT 1 FROM event_actor ea WHERE ea.event_id = e.id AND ea.actor_id IN ("+placeholders(len(f.Actors))+"))")
		for _, id := range f.Actors {
			args = append(args, id)
		}
	}
	if len(f.Tags) > 0 {
		conds = append(conds, "EXISTS (SELECT 1 FROM event_tag et WHERE et.event_id = e.id AND et.tag IN ("+placeholders(len(f.Tags))+"))")
		for _, t := range f.Tags {
			args = append(args, t)
		}
	}
	if len(f.Certainties) > 0 {
		conds = append(conds, "e.certainty IN ("+placeholders(len(f.Certainties))+")")
		for _, c := range f.Certainties {
			args = append(args, string(c))
		}
	}
	if strings.TrimSpace(f.Text) != "" {
		q := MatchQuery(f.Text)
		if q == "" {
			return "", nil, false
		}
		conds = append(conds, "e.id IN (SELECT docid FROM event_fts WHERE event_fts MATCH ?)")
		args = append(args, q)
	}
	if len(conds) == 0 {
		return "1", args, true
	}
	return strings.Join(conds, " AND "), args, true
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

// maxSpanClass bounds span_class: 2^60 seconds is 36 billion years.
const maxSpanClass = 60

// spanClasses lists the span classes present, one index seek each (a
// skip-scan over event_window).
const spanClasses = `WITH RECURSIVE cls(k) AS (
	SELECT min(span_class) FROM event
	UNION ALL
	SELECT (SELECT min(span_class) FROM event WHERE span_class > cls.k) FROM cls WHERE cls.k IS NOT NULL
) `

const rowColumns = `e.id, e.title,
	e.start_year, e.start_month, e.start_day, e.start_hour, e.start_minute, e.start_second, e.start_precision,
	e.end_year, e.end_month, e.end_day, e.end_hour, e.end_minute, e.end_second, e.end_precision,
	e.zone, e.display_date, e.certainty, e.importance, e.start_s, e.stop_s,
	(SELECT group_concat(actor_id) FROM (SELECT actor_id FROM event_actor WHERE event_id = e.id ORDER BY position)),
	(SELECT count(*) FROM citation WHERE event_id = e.id)`

// windowSQL returns the query for f and its arguments; selecting is the
// column list (rowColumns, or count(*)).
func (f Filter) windowSQL(selecting string, ordered bool) (string, []any, bool) {
	where, args, ok := f.where()
	if !ok {
		return "", nil, false
	}
	var q string
	if f.Windowed() {
		// For each span class k, an event of that class lasts less than
		// 2^k seconds, so it can only reach From if it starts after
		// From - 2^k: one bounded index range per class.
		q = spanClasses + `SELECT ` + selecting + ` FROM cls JOIN event e
			ON e.span_class = cls.k AND e.start_s > ? - (1 << cls.k) AND e.start_s < ?
			WHERE cls.k IS NOT NULL AND e.stop_s > ? AND ` + where
		args = append([]any{f.From, f.To, f.From}, args...)
	} else {
		q = `SELECT ` + selecting + ` FROM event e WHERE ` + where
	}
	if ordered {
		q += " ORDER BY e.start_s, e.id"
		if f.Limit > 0 || f.Offset > 0 {
			limit := f.Limit
			if limit <= 0 {
				limit = -1
			}
			q += " LIMIT " + strconv.Itoa(limit) + " OFFSET " + strconv.Itoa(f.Offset)
		}
	}
	return q, args, true
}

// Window returns the events that pass f, sorted by start, as lightweight
// rows; only the rows asked for are read from the file.
func (t *Tx) Window(f Filter) ([]EventRow, error) {
	q, args, ok := f.windowSQL(rowColumns, true)
	if !ok {
		return nil, nil
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
	var out []EventRow
	for rows.Next() {
		var r EventRow
		var start, end [7]sql.NullInt64
		var certainty string
		var actors sql.NullString
		if err := rows.Scan(&r.ID, &r.Title,
			&start[0], &start[1], &start[2], &start[3], &start[4], &start[5], &start[6],
			&end[0], &end[1], &end[2], &end[3], &end[4], &end[5], &end[6],
			&r.Zone, &r.DisplayDate, &certainty, &r.Importance, &r.StartS, &r.StopS, &actors, &r.Sources); err != nil {
			return nil, translate(err)
		}
		r.Start, r.End, r.Certainty = scanDate(start), scanDate(end), Certainty(certainty)
		if actors.String != "" {
			for _, s := range strings.Split(actors.String, ",") {
				id, err := strconv.ParseInt(s, 10, 64)
				if err != nil {
					return nil, err
				}
				r.Actors = append(r.Actors, id)
			}
		}
		out = append(out, r)
	}
	return out, translate(rows.Err())
}

// Count returns how many events pass f (Limit and Offset are ignored).
func (t *Tx) Count(f Filter) (int, error) {
	q, args, ok := f.windowSQL("count(*)", false)
	if !ok {
		return 0, nil
	}
	row, err := t.queryRow(q, args...)
	if err != nil {
		return 0, translate(err)
	}
	var n int
	return n, translate(row.Scan(&n))
}

// ActorCounts returns, for every actor, how many events it is linked to
// (actors with no events are absent from the map).
func (t *Tx) ActorCounts() (map[int64]int, error) {
	st, err := t.stmt("SELECT actor_id, count(*) FROM event_actor GROUP BY actor_id")
	if err != nil {
		return nil, err
	}
	rows, err := st.Query()
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	counts := map[int64]int{}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		counts[id] = n
	}
	return counts, translate(rows.Err())
}

// Bounds returns the first second covered by any event or era and the
// first second after the last; ok is false for an empty chronology.
func (t *Tx) Bounds() (start, stop int64, ok bool, err error) {
	// The last stop: within span class k durations are under 2^k seconds,
	// so the event that ends last starts within 2^k of the class's latest
	// start; one short index range per class.
	row, err := t.queryRow(spanClasses + `SELECT min(s), max(e) FROM (
		SELECT (SELECT min(start_s) FROM event) AS s,
		       (SELECT max((SELECT max(stop_s) FROM event WHERE span_class = cls.k
		                    AND start_s > (SELECT max(start_s) FROM event WHERE span_class = cls.k) - (1 << cls.k)))
		        FROM cls WHERE cls.k IS NOT NULL) AS e
		UNION ALL SELECT min(start_s), max(stop_s) FROM era)`)
	if err != nil {
		return 0, 0, false, err
	}
	var s, e sql.NullInt64
	if err := row.Scan(&s, &e); err != nil {
		return 0, 0, false, translate(err)
	}
	return s.Int64, e.Int64, s.Valid, nil
}

// Tags returns every tag in use, sorted.
func (t *Tx) Tags() ([]string, error) {
	return queryAll(t, "SELECT DISTINCT tag FROM event_tag ORDER BY tag", func(sc interface{ Scan(...any) error }) (string, error) {
		var s string
		return s, sc.Scan(&s)
	})
}
