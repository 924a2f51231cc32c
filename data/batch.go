package data

import (
	"fmt"
	"strings"
)

// New events and their citations are written in batches: CreateEvent and
// CreateCitation check everything a row could be refused for (the
// fields, that the actors and the source exist), give the row its id
// (the next after the largest, as SQLite would) and keep it; the batch is
// written with multi-row INSERT statements when it is full, before any
// other statement that could read or change events, and before commit.
// A transaction that fails still writes nothing: the batch goes with its
// rollback. What this saves is the driver's cost per statement, the bulk
// of an import's time above SQLite's own work.

// batchEvents is how many new events wait before they are written.
const batchEvents = 1024

// rowsPerStatement is how many rows one multi-row INSERT writes.
const rowsPerStatement = 64

// The columns of each batched table, in the order rows are kept.
const (
	batchEventInto    = "event (id, " + eventColumns + ")"
	batchEventCols    = 28
	batchTagInto      = "event_tag (event_id, tag)"
	batchActorInto    = "event_actor (event_id, actor_id, role, position)"
	batchCitationInto = "citation (id, event_id, source_id, quote, note, date)"
)

// batch is the rows waiting to be written, one row's values after another.
type batch struct {
	events, tags, actors, citations []any
	first, last                     int64 // ids of the first and last waiting event (0: none)
	err                             error // why the batch could not be written
}

// nextIDs are the ids the next new event and citation take, 0 when they
// must be read from the tables again (after any other statement, which
// may have added or removed rows).
type nextIDs struct{ event, citation int64 }

// addEvent keeps a validated new event, with its links, and sets e.ID.
func (t *Tx) addEvent(e *Event) error {
	if err := t.checkActors(e.Actors); err != nil {
		return err
	}
	if t.next.event == 0 {
		id, err := t.maxID("event")
		if err != nil {
			return err
		}
		t.next.event = id + 1
	}
	id := t.next.event
	t.next.event++
	b := &t.pending
	start, stop := e.Span()
	b.events = append(b.events, id, e.Title, e.Description)
	b.events = appendDate(b.events, e.Start)
	b.events = appendDate(b.events, e.End)
	b.events = append(b.events, e.Zone, e.DisplayDate, string(e.Certainty), int64(e.Importance), e.Notes, int64(e.Story),
		e.ExternalID, actorIDs(e.Actors), start, stop, int64(spanClass(start, stop)))
	for _, tag := range e.Tags {
		b.tags = append(b.tags, id, tag)
	}
	for i, p := range e.Actors {
		b.actors = append(b.actors, id, p.ActorID, p.Role, int64(i))
	}
	if b.first == 0 {
		b.first = id
	}
	b.last = id
	e.ID = id
	t.created(id)
	if len(b.events) >= batchEvents*batchEventCols {
		return t.flush()
	}
	return nil
}

// appendDate appends a date's calendar columns (see dateArgs).
func appendDate(args []any, d Date) []any {
	if d.IsZero() {
		return append(args, nil, nil, nil, nil, nil, nil, nil)
	}
	return append(args, d.Year, int64(d.Month), int64(d.Day), int64(d.Hour), int64(d.Minute), int64(d.Second), int64(d.Precision))
}

// addCitation keeps a validated citation of a waiting event, and sets
// c.ID. It reports false, keeping nothing, when the event is not waiting.
func (t *Tx) addCitation(c *Citation) (bool, error) {
	b := &t.pending
	if b.first == 0 || c.EventID < b.first || c.EventID > b.last {
		return false, nil
	}
	if !t.sources[c.SourceID] {
		var n int
		row, err := t.prepared("SELECT count(*) FROM source WHERE id = ?")
		if err == nil {
			err = row.QueryRow(c.SourceID).Scan(&n)
		}
		if err != nil {
			return false, translate(err)
		}
		if n == 0 {
			return false, fieldErr("source", "source %d does not exist", c.SourceID)
		}
	}
	if t.next.citation == 0 {
		id, err := t.maxID("citation")
		if err != nil {
			return false, err
		}
		t.next.citation = id + 1
	}
	c.ID = t.next.citation
	t.next.citation++
	b.citations = append(b.citations, c.ID, c.EventID, c.SourceID, c.Quote, c.Note, dateText(c.Date))
	return true, nil
}

// maxID returns the largest id in table, 0 when it is empty.
func (t *Tx) maxID(table string) (int64, error) {
	st, err := t.prepared("SELECT coalesce(max(id), 0) FROM " + table)
	if err != nil {
		return 0, err
	}
	var id int64
	err = st.QueryRow().Scan(&id)
	return id, translate(err)
}

// checkActors returns the error a link to an actor that does not exist
// would give, without asking the store for every event: the actor ids
// are read once per transaction and kept up to date by its writes.
func (t *Tx) checkActors(ps []Participant) error {
	if len(ps) == 0 {
		return nil
	}
	if t.actorIDs == nil {
		ids, err := queryAll(t, "SELECT id FROM actor", scanInt64)
		if err != nil {
			return err
		}
		t.actorIDs = make(map[int64]bool, len(ids))
		for _, id := range ids {
			t.actorIDs[id] = true
		}
	}
	for _, p := range ps {
		if !t.actorIDs[p.ActorID] {
			return fieldErr("actors", "refers to actor %d that does not exist", p.ActorID)
		}
	}
	return nil
}

// flush writes the waiting rows.
// A statement of many rows that could stop half-way keeps a journal to
// undo its own rows (SQLite's statement journal), which costs more than
// the rows: so while a batch is written its foreign keys are checked at
// commit instead, and a failed INSERT stops without undoing (OR FAIL).
// Neither can let a bad row in: the rows were checked when kept, a
// foreign key that still failed would fail the commit, and a batch that
// fails fails the transaction (every later statement and the commit
// return its error).
func (t *Tx) flush() error {
	b := &t.pending
	if b.first == 0 {
		return nil
	}
	if b.err != nil {
		return b.err
	}
	if err := t.writeBatch(); err != nil {
		b.err = fmt.Errorf("write events %d to %d: %w", b.first, b.last, err)
		return b.err
	}
	clear(b.events)
	clear(b.tags)
	clear(b.actors)
	clear(b.citations)
	b.events, b.tags, b.actors, b.citations = b.events[:0], b.tags[:0], b.actors[:0], b.citations[:0]
	b.first, b.last = 0, 0
	return nil
}

func (t *Tx) writeBatch() error {
	b := &t.pending
	if _, err := t.execAside("PRAGMA defer_foreign_keys = ON"); err != nil {
		return err
	}
	for _, w := range []struct {
		into string
		cols int
		rows []any
	}{{batchEventInto, batchEventCols, b.events}, {batchTagInto, 2, b.tags}, {batchActorInto, 4, b.actors}, {batchCitationInto, 6, b.citations}} {
		if err := t.insertRows(w.into, w.cols, w.rows); err != nil {
			return err
		}
	}
	_, err := t.execAside("PRAGMA defer_foreign_keys = OFF")
	return err
}

// insertRows writes rows into table with multi-row INSERT statements.
// into is "table (col, col…)", args the rows' values one row after
// another (ncols each). A full statement and the few shapes of the rest
// (32, 16, … 1 rows) are each prepared once per transaction.
func (t *Tx) insertRows(into string, ncols int, args []any) error {
	for len(args) > 0 {
		k := rowsPerStatement
		for k*ncols > len(args) {
			k /= 2
		}
		st, err := t.prepared(t.insertSQL(into, ncols, k))
		if err != nil {
			return err
		}
		if _, err := st.Exec(args[:k*ncols]...); err != nil {
			return translate(err)
		}
		args = args[k*ncols:]
	}
	return nil
}

// insertSQL returns the text of an INSERT of k rows, made once.
func (t *Tx) insertSQL(into string, ncols, k int) string {
	key := insertShape{into, k}
	if q, ok := t.inserts[key]; ok {
		return q
	}
	row := "(" + strings.Repeat("?,", ncols-1) + "?)"
	q := "INSERT OR FAIL INTO " + into + " VALUES " + strings.Repeat(row+",", k-1) + row
	if t.inserts == nil {
		t.inserts = map[insertShape]string{}
	}
	t.inserts[key] = q
	return q
}

type insertShape struct {
	into string
	rows int
}
