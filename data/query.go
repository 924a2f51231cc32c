package data

import (
	"bytes"
	"database/sql"
	"fmt"
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
	// ByStory sorts rows in story order (events with a story position
	// first, by position, then the others by start) instead of by start.
	ByStory bool
	// Sort orders the rows by another column than the date (ByStory
	// wins over it); Descending reverses the order.
	Sort       Sort
	Descending bool

	after *rowKey // keyset paging for EachEvent: rows after this one
	// hidden, when byHidden is set (by Tx.withActors), are the actors not
	// in Actors: where then keeps the events linked to an actor not among
	// them, which are the same events.
	hidden   []int64
	byHidden bool
}

// Sort is a column the rows can be sorted by; ties go by date.
type Sort int

// The sort columns of the list.
const (
	SortDate      Sort = iota // by start (the default)
	SortTitle                 // by title, ignoring case
	SortActors                // by the first actor's name, ignoring case
	SortCertainty             // confirmed first, denied last
	SortSources               // by the number of citations
)

// orderKey returns the SQL expressions that order f's rows, most
// significant first; the last is always the event id, so the order is
// total.
func (f Filter) orderKey() []string {
	if f.ByStory {
		return []string{"(e.story = 0)", "e.story", "e.start_s", "e.id"}
	}
	switch f.Sort {
	case SortTitle:
		return []string{"e.title COLLATE NOCASE", "e.start_s", "e.id"}
	case SortActors:
		return []string{`coalesce((SELECT a.name FROM actor a WHERE a.id =
			CAST(substr(e.actor_ids, 1, instr(e.actor_ids || ',', ',') - 1) AS INTEGER)), '') COLLATE NOCASE`, "e.start_s", "e.id"}
	case SortCertainty:
		return []string{`CASE e.certainty WHEN 'confirmed' THEN 0 WHEN 'reported' THEN 1 WHEN 'claimed' THEN 2
			WHEN 'disputed' THEN 3 ELSE 4 END`, "e.start_s", "e.id"}
	case SortSources:
		return []string{"e.citations", "e.start_s", "e.id"}
	}
	return []string{"e.start_s", "e.id"}
}

// orderBy is the ORDER BY clause of f.
func (f Filter) orderBy() string {
	keys := f.orderKey()
	if f.Descending && !f.ByStory {
		for i := range keys {
			keys[i] += " DESC"
		}
	}
	return " ORDER BY " + strings.Join(keys, ", ")
}

// rowKey is a row's place in date order.
type rowKey struct{ start, id int64 }

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
	Story       int     // position in the story for presentations; 0 for none
	StartS      int64   // first second covered (Unix seconds)
	StopS       int64   // first second after the event
	Actors      []int64 // linked actors, in the event's order
	Sources     int     // number of citations
	Links       int     // number of story links with the event at either end
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
		switch {
		case f.byHidden && len(f.hidden) == 0:
			conds = append(conds, "EXISTS (SELECT 1 FROM event_actor ea WHERE ea.event_id = e.id)")
		case f.byHidden:
			conds = append(conds, "EXISTS (SELECT 1 FROM event_actor ea WHERE ea.event_id = e.id AND ea.actor_id NOT IN ("+placeholders(len(f.hidden))+"))")
			for _, id := range f.hidden {
				args = append(args, id)
			}
		default:
			conds = append(conds, "EXISTS (SELECT 1 FROM event_actor ea WHERE ea.event_id = e.id AND ea.actor_id IN ("+placeholders(len(f.Actors))+"))")
			for _, id := range f.Actors {
				args = append(args, id)
			}
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
	if f.after != nil {
		conds = append(conds, "(e.start_s, e.id) > (?, ?)")
		args = append(args, f.after.start, f.after.id)
	}
	if len(conds) == 0 {
		return "1", args, true
	}
	return strings.Join(conds, " AND "), args, true
}

func placeholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?,", n), ",")
}

// spanClasses lists the span classes present, one index seek each (a
// skip-scan over event_window).
const spanClasses = `WITH RECURSIVE cls(k) AS (
	SELECT min(span_class) FROM event
	UNION ALL
	SELECT (SELECT min(span_class) FROM event WHERE span_class > cls.k) FROM cls WHERE cls.k IS NOT NULL
) `

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
		q += f.orderBy()
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
	f, err := t.withActors(f)
	if err != nil {
		return nil, err
	}
	if f.byHidden && f.Limit == 0 && f.Offset == 0 {
		// With most actors shown, reading the window and dropping the
		// few rows of hidden actors is cheaper still.
		return t.windowKeeping(f)
	}
	q, args, ok := f.windowSQL(rowColumns, true)
	if !ok {
		return nil, nil
	}
	return t.queryRows(q, args...)
}

// withActors returns f set to filter by the actors it hides when it shows
// more actors than it hides: each event's few links are then read once
// (is one of them not hidden?) instead of probed once for each shown
// actor. With one actor of 50 hidden, counting a million events takes a
// twentieth of the time.
func (t *Tx) withActors(f Filter) (Filter, error) {
	if len(f.Actors) == 0 || f.byHidden {
		return f, nil
	}
	ids, err := queryAll(t, "SELECT id FROM actor", func(sc interface{ Scan(...any) error }) (int64, error) {
		var id int64
		return id, sc.Scan(&id)
	})
	if err != nil {
		return f, err
	}
	shown := make(map[int64]bool, len(f.Actors))
	for _, id := range f.Actors {
		shown[id] = true
	}
	var hidden []int64
	for _, id := range ids {
		if !shown[id] {
			hidden = append(hidden, id)
		}
	}
	if len(hidden) < len(ids)-len(hidden) {
		f.hidden, f.byHidden = hidden, true
	}
	return f, nil
}

// windowKeeping runs f without its actor filter and keeps the rows linked
// to at least one of f.Actors.
func (t *Tx) windowKeeping(f Filter) ([]EventRow, error) {
	keep := make(map[int64]bool, len(f.Actors))
	for _, id := range f.Actors {
		keep[id] = true
	}
	f.Actors, f.hidden, f.byHidden = nil, nil, false
	rows, err := t.Window(f)
	if err != nil {
		return nil, err
	}
	out := rows[:0]
	for _, r := range rows {
		for _, a := range r.Actors {
			if keep[a] {
				out = append(out, r)
				break
			}
		}
	}
	return out, nil
}

// Search returns up to limit events whose title, description or a quote
// contains every word of text (as prefixes), sorted by start. They are the
// first matches found in the index, not the earliest in time; more reports
// whether there are others. It stays fast on a million events.
func (t *Tx) Search(text string, limit int) (rows []EventRow, more bool, err error) {
	m := MatchQuery(text)
	if m == "" || limit <= 0 {
		return nil, false, nil
	}
	if err := t.syncIndex(); err != nil {
		return nil, false, err
	}
	ids, err := queryAll(t, "SELECT docid FROM event_fts WHERE event_fts MATCH ? LIMIT ?", scanInt64, m, limit+1)
	if err != nil {
		return nil, false, err
	}
	if len(ids) > limit {
		ids, more = ids[:limit], true
	}
	if len(ids) == 0 {
		return nil, false, nil
	}
	args := make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	rows, err = t.queryRows("SELECT "+rowColumns+" FROM event e WHERE e.id IN ("+placeholders(len(ids))+") ORDER BY e.start_s, e.id", args...)
	return rows, more, err
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

// Count returns how many events pass f (Limit and Offset are ignored).
func (t *Tx) Count(f Filter) (int, error) {
	f, err := t.withActors(f)
	if err != nil {
		return 0, err
	}
	q, args, ok := f.windowSQL("count(*)", false)
	if !ok {
		return 0, nil
	}
	if err := t.syncIndex(); err != nil {
		return 0, err
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

// IndexOf returns the position of an event among the rows of f (in f's
// order: by start, or by story), or ErrNotFound when it does not pass f.
// f must not have a time window.
func (t *Tx) IndexOf(f Filter, id int64) (int, error) {
	f, err := t.withActors(f)
	if err != nil {
		return 0, err
	}
	where, args, ok := f.where()
	if !ok {
		return 0, ErrNotFound
	}
	if err := t.syncIndex(); err != nil {
		return 0, err
	}
	keys := f.orderKey()
	row, err := t.queryRow("SELECT "+strings.Join(keys, ", ")+" FROM event e WHERE e.id = ? AND "+where, append([]any{id}, args...)...)
	if err != nil {
		return 0, err
	}
	values := make([]any, len(keys))
	ptrs := make([]any, len(keys))
	for i := range values {
		ptrs[i] = &values[i]
	}
	if err := row.Scan(ptrs...); err != nil {
		return 0, translate(err)
	}
	for i, v := range values {
		if b, ok := v.([]byte); ok {
			values[i] = string(b) // compared as text, as the column is
		}
	}
	before := " < "
	if f.Descending && !f.ByStory {
		before = " > "
	}
	tuple := "(" + strings.Join(keys, ", ") + ")"
	row, err = t.queryRow("SELECT count(*) FROM event e WHERE "+tuple+before+"("+placeholders(len(keys))+") AND "+where, append(values, args...)...)
	if err != nil {
		return 0, err
	}
	var n int
	return n, translate(row.Scan(&n))
}

// eachPage is how many events EachEvent reads at a time.
const eachPage = 5000

// EachEvent calls fn with every event f selects, whole (tags and actors
// included), in date order, reading a page at a time by key, so an export
// of a million events never holds them all and each page costs the same.
// With f.Limit or f.Offset set it reads just that page, as Window would.
func (t *Tx) EachEvent(f Filter, fn func(*Event) error) error {
	return t.EachRow(f, func(r EventRow) error {
		e, err := t.Event(r.ID)
		if err != nil {
			return err
		}
		return fn(e)
	})
}

// EachRow calls fn with the row of every event f selects, in date order,
// a page at a time as EachEvent does, without reading whole events: what
// an export reads first to number the events it will write.
func (t *Tx) EachRow(f Filter, fn func(EventRow) error) error {
	f, err := t.withActors(f) // when it hides few actors, decided here once rather than for each page
	if err != nil {
		return err
	}
	paged := f.Limit == 0 && f.Offset == 0
	if paged {
		f.Limit, f.ByStory, f.Sort, f.Descending = eachPage, false, SortDate, false
	}
	for {
		rows, err := t.Window(f)
		if err != nil {
			return err
		}
		for _, r := range rows {
			if err := fn(r); err != nil {
				return err
			}
		}
		if !paged || len(rows) < eachPage {
			return nil
		}
		last := rows[len(rows)-1]
		f.after = &rowKey{last.StartS, last.ID}
	}
}
