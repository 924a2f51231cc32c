package data

import (
	"cmp"
	"database/sql"
	"slices"
	"strings"
)

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
	// A time window in date order, unpaged, is sorted here: the rows of
	// each span class come in start order from the index, and sorting
	// them in Go costs less than SQLite writing every row's 26 columns
	// into its sorter and decoding them again.
	inGo := f.Windowed() && !f.ByStory && f.Sort == SortDate && f.Limit == 0 && f.Offset == 0 && f.after == nil
	q, args, ok := f.windowSQL(rowColumns, !inGo)
	if !ok {
		return nil, nil
	}
	rows, err := t.queryRows(q, args...)
	if err != nil || !inGo {
		return rows, err
	}
	sortByStart(rows)
	if f.Descending {
		slices.Reverse(rows)
	}
	return rows, nil
}

// sortByStart sorts rows by start, then id. A row is large (about 260
// bytes), so their keys are sorted and each row is then moved once, to
// its place.
func sortByStart(rows []EventRow) {
	type key struct {
		start, id int64
		at        int // where the row to put here is; -1 once it is there
	}
	keys := make([]key, len(rows))
	for i := range rows {
		keys[i] = key{rows[i].StartS, rows[i].ID, i}
	}
	slices.SortFunc(keys, func(a, b key) int {
		if c := cmp.Compare(a.start, b.start); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	// Place i takes the row at keys[i].at: follow each cycle of moves once.
	for i := range keys {
		if keys[i].at == i || keys[i].at < 0 {
			continue
		}
		first := rows[i]
		for k := i; ; {
			from := keys[k].at
			keys[k].at = -1
			if from == i {
				rows[k] = first
				break
			}
			rows[k] = rows[from]
			k = from
		}
	}
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
