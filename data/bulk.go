package data

import (
	"cmp"
	"context"
	"database/sql/driver"
	"fmt"
	"math/bits"
	"runtime/debug"
	"slices"
	"strings"
)

// New events, their tags, actor links and citations, and new story links
// with their citations are written in bulk: CreateEvent, CreateCitation
// and CreateLink check everything a row could be refused for, give it
// its id (the next after the largest, as SQLite would) and keep it; the
// rows are written with multi-row INSERT statements when a batch is full
// (by a goroutine of its own, while the caller gathers the next batch:
// see flushBehind), before any other statement of the transaction, and
// before it commits.
// A transaction that fails still writes nothing: the rows go with its
// rollback.
//
// What this saves is the cost of a statement per row and of a call into
// SQLite per value. Each INSERT is run through the driver's query path,
// which binds all of a statement's values and steps it in one call.

// bulkEvents is how many new events wait before they are written; story
// links wait in batches of the same size.
const bulkEvents = 1024

// bulkParams bounds the values of one multi-row INSERT.
const bulkParams = 2048

// bulkTable is a table written in bulk: its INSERT target and its number
// of columns.
type bulkTable struct {
	into  string
	ncols int
}

// The tables written in bulk, in the order a batch goes in (foreign keys
// point to earlier tables).
var bulkTables = [...]bulkTable{
	{"event (id, " + eventColumns + ", quotes, citations, links)", 31},
	{"event_tag (event_id, tag)", 2},
	{"event_actor (event_id, actor_id, role, position)", 4},
	{"citation (id, event_id, source_id, quote, note, date)", 6},
	{"story_link (id, from_id, to_id, kind, certainty, note)", 6},
	{"link_citation (id, link_id, source_id, quote, note, position)", 6},
}

const (
	bulkEvent = iota
	bulkTag
	bulkActor
	bulkCitation
	bulkLink
	bulkLinkCitation
)

// bulk is what a transaction keeps for its bulk writes.
type bulk struct {
	rows           [len(bulkTables)][]any // each table's waiting rows, one row's values after another
	events, links  int                    // events and links waiting
	first          int64                  // id of the first waiting event; they have consecutive ids
	search         map[int64]*searchTally // the citations and links of waiting events, by event
	next           [len(bulkTables)]int64 // the next id of the tables with one, 0 when it must be read again
	err            error                  // why a batch could not be written: the transaction has failed
	actors         map[int64]bool         // every actor's id, once read (nil: not read)
	sources        map[int64]bool         // sources known to exist
	linkKeys       map[linkKey]bool       // links made in bulk in this transaction
	linksRewritten bool                   // a link was changed or put back in this transaction
	inserts        map[insertShape]string
	args           []driver.NamedValue // one statement's values, reused

	// A full batch is written by a goroutine of its own while the next
	// one is gathered (see flushBehind).
	writing chan error              // the end of the batch being written, nil when none is
	behind  *[len(bulkTables)][]any // its rows
	spare   [len(bulkTables)][]any  // the emptied buffers of the last batch written, for the next

	// The indexes rebuilt after a large load (see bulkindex.go).
	written     int      // events written in bulk in this transaction
	before      int64    // the largest event id before the first of them
	beforeRead  bool     // before is set
	indexesDone bool     // the indexes were dropped, or may no longer be
	dropped     []string // the statements that make the dropped indexes again
}

// linkKey is what makes a story link unique: its ends and kind.
type linkKey struct {
	from, to int64
	kind     LinkKind
}

type insertShape struct{ table, rows int }

// searchTally is what a waiting event's quotes, citations and links
// columns are made of (see searchText): its citations' quotes, and the
// notes of its links from it and to it.
type searchTally struct {
	quotes    []string
	from      []linkNote
	to        []string
	citations int64
	links     int64
}

type linkNote struct {
	to   int64
	kind LinkKind
	note string
}

// tally returns the tally of the event if it is waiting, nil if not.
func (t *Tx) tally(eventID int64) *searchTally {
	b := &t.bulk
	if b.events == 0 || eventID < b.first || eventID >= b.first+int64(b.events) {
		return nil
	}
	if b.search == nil {
		b.search = map[int64]*searchTally{}
	}
	v := b.search[eventID]
	if v == nil {
		v = &searchTally{}
		b.search[eventID] = v
	}
	return v
}

// fillSearch sets the quotes, citations and links columns of the waiting
// events with citations or links, as searchText and linkCount would
// read them: quotes in the order made, then the notes of links from the
// event by the other end and kind, then of links to it in the order made.
func (t *Tx) fillSearch() {
	b := &t.bulk
	n := int64(bulkTables[bulkEvent].ncols)
	for id, v := range b.search {
		slices.SortStableFunc(v.from, func(x, y linkNote) int {
			if c := cmp.Compare(x.to, y.to); c != 0 {
				return c
			}
			return strings.Compare(string(x.kind), string(y.kind))
		})
		parts := v.quotes
		for _, l := range v.from {
			if l.note != "" {
				parts = append(parts, l.note)
			}
		}
		for _, note := range v.to {
			if note != "" {
				parts = append(parts, note)
			}
		}
		row := b.rows[bulkEvent][(id-b.first)*n:]
		row[n-3], row[n-2], row[n-1] = strings.Join(parts, " "), v.citations, v.links
	}
	clear(b.search)
}

// tableOf names the table of a bulk table's INSERT target.
func (b bulkTable) table() string { return b.into[:strings.IndexByte(b.into, ' ')] }

// nextID returns the id of the next new row of bulk table i.
func (t *Tx) nextID(i int) (int64, error) {
	if t.bulk.next[i] == 0 {
		st, err := t.prepared("SELECT coalesce(max(id), 0) FROM " + bulkTables[i].table())
		if err != nil {
			return 0, err
		}
		var id int64
		if err := st.QueryRow().Scan(&id); err != nil {
			return 0, translate(err)
		}
		t.bulk.next[i] = id + 1
		if i == bulkEvent && !t.bulk.beforeRead {
			t.bulk.before, t.bulk.beforeRead = id, true
		}
	}
	id := t.bulk.next[i]
	t.bulk.next[i]++
	return id, nil
}

// addEvent keeps a validated new event, with its tags and actors, and
// sets e.ID.
func (t *Tx) addEvent(e *Event) error {
	if t.readOnly {
		return ErrReadOnly
	}
	if err := t.checkActors(e.Actors); err != nil {
		return err
	}
	id, err := t.nextID(bulkEvent)
	if err != nil {
		return err
	}
	b := &t.bulk
	start, stop := e.Span()
	r := append(b.rows[bulkEvent], id, e.Title, e.Description)
	r = appendDate(r, e.Start)
	r = appendDate(r, e.End)
	b.rows[bulkEvent] = append(r, e.Zone, e.DisplayDate, string(e.Certainty), int64(e.Importance), e.Notes, int64(e.Story),
		e.ExternalID, actorIDs(e.Actors), start, stop, int64(spanClass(start, stop)), "", int64(0), int64(0))
	for _, tag := range e.Tags {
		b.rows[bulkTag] = append(b.rows[bulkTag], id, tag)
	}
	for i, p := range e.Actors {
		b.rows[bulkActor] = append(b.rows[bulkActor], id, p.ActorID, p.Role, int64(i))
	}
	if b.events == 0 {
		b.first = id
	}
	b.events++
	e.ID = id
	t.created(id)
	if b.events >= bulkEvents {
		return t.flushBehind()
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

// fresh reports whether the event was made in this transaction and is
// known to be there still: made since the full-text index last caught up
// (which every delete of an event waits for).
func (t *Tx) fresh(eventID int64) bool { return t.unindexed.has(eventID) }

// addCitation keeps a validated citation of an event made in this
// transaction, and sets c.ID. It reports false, keeping nothing, for a
// citation of another event, which is written at once.
func (t *Tx) addCitation(c *Citation) (bool, error) {
	if t.readOnly || !t.fresh(c.EventID) {
		return false, nil
	}
	if err := t.checkSource(c.SourceID); err != nil {
		return false, err
	}
	id, err := t.nextID(bulkCitation)
	if err != nil {
		return false, err
	}
	c.ID = id
	t.bulk.rows[bulkCitation] = append(t.bulk.rows[bulkCitation], id, c.EventID, c.SourceID, c.Quote, c.Note, dateText(c.Date))
	if v := t.tally(c.EventID); v != nil {
		v.quotes = append(v.quotes, c.Quote)
		v.citations++
	} else {
		t.cited(c.EventID)
	}
	return true, nil
}

// addLink keeps a validated new link between two events made in this
// transaction, with its citations, and sets the ids. It reports false,
// keeping nothing, when it cannot tell without asking the store whether
// the link may be made (an end made before, a link changed or put back
// in this transaction): such a link is checked and written at once.
func (t *Tx) addLink(l *StoryLink) (bool, error) {
	b := &t.bulk
	if t.readOnly || b.linksRewritten || !t.fresh(l.From) || !t.fresh(l.To) {
		return false, nil
	}
	key := linkKey{l.From, l.To, l.Kind}
	if b.linkKeys[key] {
		return false, nil // the store names the link it repeats
	}
	for _, c := range l.Citations {
		if err := t.checkSource(c.SourceID); err != nil {
			return false, err
		}
	}
	id, err := t.nextID(bulkLink)
	if err != nil {
		return false, err
	}
	for i := range l.Citations {
		c := &l.Citations[i]
		if c.ID, err = t.nextID(bulkLinkCitation); err != nil {
			return false, err
		}
		b.rows[bulkLinkCitation] = append(b.rows[bulkLinkCitation], c.ID, id, c.SourceID, c.Quote, c.Note, int64(i))
	}
	b.rows[bulkLink] = append(b.rows[bulkLink], id, l.From, l.To, string(l.Kind), string(l.Certainty), l.Note)
	l.ID = id
	if b.linkKeys == nil {
		b.linkKeys = map[linkKey]bool{}
	}
	b.linkKeys[key] = true
	if v := t.tally(l.From); v != nil {
		v.from = append(v.from, linkNote{l.To, l.Kind, l.Note})
		v.links++
	} else {
		t.cited(l.From)
	}
	if v := t.tally(l.To); v != nil {
		v.to = append(v.to, l.Note)
		v.links++
	} else {
		t.cited(l.To)
	}
	b.links++
	if b.links >= bulkEvents {
		return true, t.flushBehind()
	}
	return true, nil
}

// checkActors returns the error a link to an actor that does not exist
// would give, without asking the store for every event: the actor ids
// are read once per transaction and kept up to date by its writes.
func (t *Tx) checkActors(ps []Participant) error {
	if len(ps) == 0 {
		return nil
	}
	if t.bulk.actors == nil {
		st, err := t.prepared("SELECT id FROM actor")
		if err != nil {
			return err
		}
		rows, err := st.Query()
		if err != nil {
			return translate(err)
		}
		defer rows.Close()
		ids := map[int64]bool{}
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return translate(err)
			}
			ids[id] = true
		}
		if err := rows.Err(); err != nil {
			return translate(err)
		}
		t.bulk.actors = ids
	}
	for _, p := range ps {
		if !t.bulk.actors[p.ActorID] {
			return fieldErr("actors", "refers to actor %d that does not exist", p.ActorID)
		}
	}
	return nil
}

// checkSource returns the error a citation of a source that does not
// exist gives; the sources found are remembered for the transaction.
func (t *Tx) checkSource(id int64) error {
	if t.bulk.sources[id] {
		return nil
	}
	st, err := t.prepared("SELECT count(*) FROM source WHERE id = ?")
	if err != nil {
		return err
	}
	var n int
	if err := st.QueryRow(id).Scan(&n); err != nil {
		return translate(err)
	}
	if n == 0 {
		return fieldErr("source", "source %d does not exist", id)
	}
	t.knownSource(id)
	return nil
}

func (t *Tx) knownSource(id int64) {
	if t.bulk.sources == nil {
		t.bulk.sources = map[int64]bool{}
	}
	t.bulk.sources[id] = true
}

// flush writes the waiting rows, after the batch being written, if any,
// and returns when they are written. A batch that fails fails the
// transaction: every later statement, and the commit, return its error.
func (t *Tx) flush() error {
	if err := t.flushBehind(); err != nil {
		return err
	}
	return t.waitWrite()
}

// flushBehind starts writing the waiting rows in a goroutine of its own,
// after the batch being written, if any, and returns: the caller gathers
// the next batch (drawing, checking and packing rows in Go) while SQLite
// writes this one. Every statement that may touch a table written in
// bulk, the commit and the transaction's end wait for the write first
// (flush, Tx.close); the few that may run meanwhile (the actor and
// source checks, writes to actor, source and the sync tables) touch
// none, and database/sql runs them on the connection one at a time. An
// error of the write is the transaction's from then on.
func (t *Tx) flushBehind() error {
	if err := t.waitWrite(); err != nil {
		return err
	}
	rows, err := t.takeBatch()
	if rows == nil {
		return err
	}
	done := make(chan error, 1)
	t.bulk.writing, t.bulk.behind = done, rows
	go func() {
		defer func() {
			if r := recover(); r != nil {
				done <- fmt.Errorf("write rows: panic: %v\n%s", r, debug.Stack())
			}
		}()
		done <- t.writeRows(rows)
	}()
	return nil
}

// waitWrite waits for the batch being written, if any, and returns the
// transaction's error.
func (t *Tx) waitWrite() error {
	b := &t.bulk
	if b.writing == nil {
		return b.err
	}
	err := <-b.writing
	if err == nil {
		b.spare = *b.behind
	} else if b.err == nil {
		b.err = err
	}
	b.writing, b.behind = nil, nil
	return b.err
}

// takeBatch readies the waiting rows to be written (their search columns
// filled, the indexes dropped if the load is large) and takes them,
// leaving empty buffers to gather the next batch; it returns nil when
// nothing waits.
func (t *Tx) takeBatch() (*[len(bulkTables)][]any, error) {
	b := &t.bulk
	if b.err != nil {
		return nil, b.err
	}
	if b.events == 0 && b.links == 0 && len(b.rows[bulkCitation]) == 0 {
		return nil, nil // nothing waits (tags and actor links wait only with their events)
	}
	t.fillSearch()
	b.written += b.events
	if err := t.dropIndexesIfLarge(); err != nil {
		b.err = fmt.Errorf("drop indexes for a bulk load: %w", err)
		return nil, b.err
	}
	rows := b.rows
	b.rows, b.spare = b.spare, [len(bulkTables)][]any{}
	b.events, b.links = 0, 0
	return &rows, nil
}

// writeRows writes a batch's rows, table by table, and empties its
// buffers.
func (t *Tx) writeRows(rows *[len(bulkTables)][]any) error {
	for i, tb := range bulkTables {
		if err := t.insertRows(i, rows[i]); err != nil {
			return fmt.Errorf("write %s rows: %w", tb.table(), err)
		}
		clear(rows[i])
		rows[i] = rows[i][:0]
	}
	return nil
}

// insertRows writes the rows of bulk table i (args holds their values,
// one row after another) with multi-row INSERT statements: a full
// statement and the few shapes of the rest (half as many rows, a
// quarter… one), each prepared once per transaction. The statements
// are the driver's own, run on the transaction's connection: the values
// are already of the driver's types, and database/sql would check and
// copy each of them again.
func (t *Tx) insertRows(i int, args []any) error {
	if len(args) == 0 {
		return nil
	}
	n := bulkTables[i].ncols
	full := 1 << (bits.Len(uint(bulkParams/n)) - 1)
	return t.conn.Raw(func(c any) error {
		for len(args) > 0 {
			k := full
			for k*n > len(args) {
				k /= 2
			}
			st, err := t.rawStmt(c, t.insertSQL(i, k))
			if err != nil {
				return err
			}
			nv := t.statementArgs(k * n)
			for j, v := range args[:k*n] {
				nv[j].Value = v
			}
			// Query, not Exec: the driver binds and steps a query in one
			// call into SQLite, and an Exec with a call per value.
			rows, err := st.QueryContext(context.Background(), nv)
			for j := range nv {
				nv[j].Value = nil
			}
			if err != nil {
				return translate(err)
			}
			if err := rows.Close(); err != nil {
				return translate(err)
			}
			args = args[k*n:]
		}
		return nil
	})
}

// statementArgs returns room for the m values of one statement, numbered
// from 1; it is reused, so only the values are written each time.
func (t *Tx) statementArgs(m int) []driver.NamedValue {
	nv := t.bulk.args
	for len(nv) < m {
		nv = append(nv, driver.NamedValue{Ordinal: len(nv) + 1})
	}
	t.bulk.args = nv
	return nv[:m]
}

// insertSQL returns the text of an INSERT of k rows into bulk table i.
func (t *Tx) insertSQL(i, k int) string {
	key := insertShape{i, k}
	if q, ok := t.bulk.inserts[key]; ok {
		return q
	}
	row := "(" + strings.Repeat("?,", bulkTables[i].ncols-1) + "?)"
	q := "INSERT INTO " + bulkTables[i].into + " VALUES " + strings.Repeat(row+",", k-1) + row
	if t.bulk.inserts == nil {
		t.bulk.inserts = map[insertShape]string{}
	}
	t.bulk.inserts[key] = q
	return q
}
