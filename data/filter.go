package data

import (
	"strconv"
	"strings"
	"unicode"
)

// What the window query selects (Filter) and the SQL it becomes.

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
