package data

import (
	"database/sql"
	"errors"
	"fmt"
	"math/bits"
	"strconv"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// Tx is one transaction on a Store, given to the functions passed to
// Store.Update and Store.View. Its statements are prepared once per
// transaction, so bulk work (imports, the generator) stays fast.
type Tx struct {
	tx       *sql.Tx
	stmts    map[string]*sql.Stmt
	readOnly bool

	unindexed idRanges       // events made in this transaction, not yet in the full-text index
	requote   map[int64]bool // indexed events whose citations changed since (see searchindex.go)
	recount   map[int64]bool // events not yet indexed whose citations or links changed after their row was written

	bulk bulk // new rows waiting to be written together (see bulk.go)
}

func (t *Tx) close() {
	for _, st := range t.stmts {
		st.Close()
	}
}

// stmt returns the prepared statement q, after writing the rows that
// wait (any statement may read or change them): use it for every
// statement but those that touch no table written in bulk.
func (t *Tx) stmt(q string) (*sql.Stmt, error) {
	if err := t.flush(); err != nil {
		return nil, err
	}
	t.bulk.next = [len(bulkTables)]int64{} // the statement may add rows
	return t.prepared(q)
}

// prepared returns the prepared statement q; the waiting rows stay
// waiting.
func (t *Tx) prepared(q string) (*sql.Stmt, error) {
	if st, ok := t.stmts[q]; ok {
		return st, nil
	}
	st, err := t.tx.Prepare(q)
	if err != nil {
		return nil, err
	}
	t.stmts[q] = st
	return st, nil
}

func (t *Tx) exec(q string, args ...any) (sql.Result, error) {
	if t.readOnly {
		return nil, ErrReadOnly
	}
	st, err := t.stmt(q)
	if err != nil {
		return nil, err
	}
	r, err := st.Exec(args...)
	return r, translate(err)
}

// execAside runs a statement that touches no table written in bulk,
// leaving the waiting rows waiting.
func (t *Tx) execAside(q string, args ...any) (sql.Result, error) {
	if t.readOnly {
		return nil, ErrReadOnly
	}
	st, err := t.prepared(q)
	if err != nil {
		return nil, err
	}
	r, err := st.Exec(args...)
	return r, translate(err)
}

// execOne runs a statement that must change exactly one row, and returns
// ErrNotFound when it changes none.
func (t *Tx) execOne(q string, args ...any) error {
	r, err := t.exec(q, args...)
	if err != nil {
		return err
	}
	if n, err := r.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return ErrNotFound
	}
	return nil
}

func (t *Tx) queryRow(q string, args ...any) (*sql.Row, error) {
	st, err := t.stmt(q)
	if err != nil {
		return nil, err
	}
	return st.QueryRow(args...), nil
}

// foreignKey turns a foreign-key violation into a *FieldError on field.
func foreignKey(err error, field, what string) error {
	var se sqlite3.Error
	if errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintForeignKey {
		return fieldErr(field, "refers to %s that does not exist", what)
	}
	return err
}

// Chronology returns the chronology's title, description and zone.
func (t *Tx) Chronology() (Chronology, error) {
	var c Chronology
	row, err := t.queryRow("SELECT title, description, zone FROM chronology WHERE id = 1")
	if err != nil {
		return c, err
	}
	err = row.Scan(&c.Title, &c.Description, &c.Zone)
	return c, translate(err)
}

// SetChronology validates and stores the chronology's title, description and zone.
func (t *Tx) SetChronology(c Chronology) error {
	if err := c.Validate(); err != nil {
		return err
	}
	_, err := t.exec(`INSERT INTO chronology (id, title, description, zone) VALUES (1, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET title = excluded.title, description = excluded.description, zone = excluded.zone`,
		c.Title, c.Description, c.Zone)
	return err
}

// spanClass is the bit length of an event's duration in seconds; events of
// one class differ in duration by less than a factor of two.
func spanClass(start, stop int64) int {
	return bits.Len64(uint64(stop - start))
}

// dateArgs are a date's calendar columns. Every number is an int64, the
// type database/sql passes to the driver as it is (other integer types
// go through reflection, a cost paid per column on a million events).
func dateArgs(d Date) []any {
	if d.IsZero() {
		return []any{nil, nil, nil, nil, nil, nil, nil}
	}
	return []any{d.Year, int64(d.Month), int64(d.Day), int64(d.Hour), int64(d.Minute), int64(d.Second), int64(d.Precision)}
}

const eventColumns = `title, description,
	start_year, start_month, start_day, start_hour, start_minute, start_second, start_precision,
	end_year, end_month, end_day, end_hour, end_minute, end_second, end_precision,
	zone, display_date, certainty, importance, notes, story, external_id, actor_ids, start_s, stop_s, span_class`

func eventArgs(e *Event) []any {
	start, stop := e.Span()
	args := []any{e.Title, e.Description}
	args = append(args, dateArgs(e.Start)...)
	args = append(args, dateArgs(e.End)...)
	return append(args, e.Zone, e.DisplayDate, string(e.Certainty), int64(e.Importance), e.Notes, int64(e.Story),
		e.ExternalID, actorIDs(e.Actors), start, stop, int64(spanClass(start, stop)))
}

// actorIDs is the event's actor_ids column: its actors' ids in order.
func actorIDs(ps []Participant) string {
	b := make([]byte, 0, 8*len(ps))
	for i, p := range ps {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendInt(b, p.ActorID, 10)
	}
	return string(b)
}

// CreateEvent validates e, stores it with its tags and actors, and sets
// e.ID. A *FieldError names the field in error.
func (t *Tx) CreateEvent(e *Event) error {
	if err := e.Validate(); err != nil {
		return err
	}
	return t.addEvent(e)
}

// RestoreEvent puts back a deleted event under its own id, with its tags,
// actors and the given citations (their ids kept too): the undo of a
// delete. The event's sources must still exist.
func (t *Tx) RestoreEvent(e *Event, cits []Citation) error {
	if e.ID == 0 {
		return fieldErr("id", "an event to restore needs its id")
	}
	if err := t.insertEvent(e); err != nil {
		return err
	}
	for _, c := range cits {
		c.EventID = e.ID
		if err := c.Validate(); err != nil {
			return err
		}
		if _, err := t.exec("INSERT INTO citation (id, event_id, source_id, quote, note, date) VALUES (?, ?, ?, ?, ?, ?)",
			c.ID, c.EventID, c.SourceID, c.Quote, c.Note, dateText(c.Date)); err != nil {
			return t.citationRefs(err, &c)
		}
		t.cited(e.ID)
	}
	return nil
}

// insertEvent stores e under its own id, with its tags and actors, at
// once (new events are written in bulk: see addEvent).
func (t *Tx) insertEvent(e *Event) error {
	if err := e.Validate(); err != nil {
		return err
	}
	r, err := t.exec(`INSERT INTO event (id, `+eventColumns+`) VALUES (?, ?,?, ?,?,?,?,?,?,?, ?,?,?,?,?,?,?, ?,?,?,?,?,?,?,?,?,?,?)`, append([]any{e.ID}, eventArgs(e)...)...)
	if err != nil {
		return err
	}
	id, err := r.LastInsertId()
	if err != nil {
		return err
	}
	t.created(id)
	if err := t.writeEventLinks(id, e); err != nil {
		return err
	}
	e.ID = id
	return nil
}

func (t *Tx) writeEventLinks(id int64, e *Event) error {
	for _, tag := range e.Tags {
		if _, err := t.exec("INSERT INTO event_tag (event_id, tag) VALUES (?, ?)", id, tag); err != nil {
			return err
		}
	}
	for i, p := range e.Actors {
		if _, err := t.exec("INSERT INTO event_actor (event_id, actor_id, role, position) VALUES (?, ?, ?, ?)", id, p.ActorID, p.Role, int64(i)); err != nil {
			return foreignKey(err, "actors", fmt.Sprintf("actor %d", p.ActorID))
		}
	}
	return nil
}

// UpdateEvent validates e and replaces the stored event with the same ID,
// tags and actors included. Returns ErrNotFound if there is none.
func (t *Tx) UpdateEvent(e *Event) error {
	if err := e.Validate(); err != nil {
		return err
	}
	if err := t.syncIndex(); err != nil {
		return err
	}
	// The full-text index reads the old text from the event row to remove
	// it, so it is cleared before the row changes and refilled after.
	if _, err := t.exec("DELETE FROM event_fts WHERE docid = ?", e.ID); err != nil {
		return err
	}
	args := append(eventArgs(e), e.ID)
	err := t.execOne(`UPDATE event SET (`+eventColumns+`) = (?,?, ?,?,?,?,?,?,?, ?,?,?,?,?,?,?, ?,?,?,?,?,?,?,?,?,?,?) WHERE id = ?`, args...)
	if err != nil {
		return err
	}
	if _, err := t.exec("INSERT INTO event_fts (docid, title, description, quotes) SELECT id, title, description, quotes FROM event WHERE id = ?", e.ID); err != nil {
		return err
	}
	if _, err := t.exec("DELETE FROM event_tag WHERE event_id = ?", e.ID); err != nil {
		return err
	}
	if _, err := t.exec("DELETE FROM event_actor WHERE event_id = ?", e.ID); err != nil {
		return err
	}
	return t.writeEventLinks(e.ID, e)
}

// DeleteEvent removes an event with its tags, actor links, citations and
// story links (read them first with EventStoryLinks to undo it with
// RestoreLink). Returns ErrNotFound if there is none.
func (t *Tx) DeleteEvent(id int64) error {
	if err := t.syncIndex(); err != nil {
		return err
	}
	// The events at the other end of its links lose those links (and
	// their notes from their searchable text).
	others, err := queryAll(t, `SELECT to_id FROM story_link WHERE from_id = ?1
		UNION SELECT from_id FROM story_link WHERE to_id = ?1`, scanInt64, id)
	if err != nil {
		return err
	}
	if _, err := t.exec("DELETE FROM event_fts WHERE docid = ?", id); err != nil {
		return err
	}
	if err := t.execOne("DELETE FROM event WHERE id = ?", id); err != nil {
		return err
	}
	for _, o := range others {
		t.cited(o)
	}
	return nil
}

func scanDate(v [7]sql.NullInt64) Date {
	if !v[6].Valid {
		return Date{}
	}
	return Date{Year: v[0].Int64, Month: int(v[1].Int64), Day: int(v[2].Int64), Hour: int(v[3].Int64),
		Minute: int(v[4].Int64), Second: int(v[5].Int64), Precision: Precision(v[6].Int64)}
}

// Event returns the event with its tags and actors, or ErrNotFound.
func (t *Tx) Event(id int64) (*Event, error) {
	row, err := t.queryRow(`SELECT `+eventColumns+` FROM event WHERE id = ?`, id)
	if err != nil {
		return nil, err
	}
	e := &Event{ID: id}
	var start, end [7]sql.NullInt64
	var certainty string
	var ss, sp, sc int64
	var ids string
	err = row.Scan(&e.Title, &e.Description,
		&start[0], &start[1], &start[2], &start[3], &start[4], &start[5], &start[6],
		&end[0], &end[1], &end[2], &end[3], &end[4], &end[5], &end[6],
		&e.Zone, &e.DisplayDate, &certainty, &e.Importance, &e.Notes, &e.Story, &e.ExternalID, &ids, &ss, &sp, &sc)
	if err != nil {
		return nil, translate(err)
	}
	e.Start, e.End, e.Certainty = scanDate(start), scanDate(end), Certainty(certainty)
	if err := t.eventLinks(e); err != nil {
		return nil, err
	}
	return e, nil
}

func (t *Tx) eventLinks(e *Event) error {
	st, err := t.stmt("SELECT tag FROM event_tag WHERE event_id = ? ORDER BY tag")
	if err != nil {
		return err
	}
	rows, err := st.Query(e.ID)
	if err != nil {
		return translate(err)
	}
	for rows.Next() {
		var tag string
		if err := rows.Scan(&tag); err != nil {
			rows.Close()
			return err
		}
		e.Tags = append(e.Tags, tag)
	}
	rows.Close()
	st, err = t.stmt("SELECT actor_id, role FROM event_actor WHERE event_id = ? ORDER BY position, actor_id")
	if err != nil {
		return err
	}
	rows, err = st.Query(e.ID)
	if err != nil {
		return translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var p Participant
		if err := rows.Scan(&p.ActorID, &p.Role); err != nil {
			return err
		}
		e.Actors = append(e.Actors, p)
	}
	return rows.Err()
}

// EventByExternalID returns the event imported with the given external id
// (a TimelineJS unique_id), or ErrNotFound.
func (t *Tx) EventByExternalID(ext string) (*Event, error) {
	row, err := t.queryRow("SELECT id FROM event WHERE external_id = ? AND external_id <> '' ORDER BY id LIMIT 1", ext)
	if err != nil {
		return nil, err
	}
	var id int64
	if err := row.Scan(&id); err != nil {
		return nil, translate(err)
	}
	return t.Event(id)
}

// CreateActor validates a, stores it and sets a.ID.
func (t *Tx) CreateActor(a *Actor) error {
	if err := a.Validate(); err != nil {
		return err
	}
	r, err := t.execAside("INSERT INTO actor (name, kind, color, description, position) VALUES (?, ?, ?, ?, ?)",
		a.Name, string(a.Kind), a.Color, a.Description, a.Position)
	if err != nil {
		return err
	}
	if a.ID, err = r.LastInsertId(); err != nil {
		return err
	}
	if t.bulk.actors != nil {
		t.bulk.actors[a.ID] = true
	}
	return nil
}

// UpdateActor validates a and replaces the stored actor; ErrNotFound if none.
func (t *Tx) UpdateActor(a *Actor) error {
	if err := a.Validate(); err != nil {
		return err
	}
	return t.execOne("UPDATE actor SET name = ?, kind = ?, color = ?, description = ?, position = ? WHERE id = ?",
		a.Name, string(a.Kind), a.Color, a.Description, a.Position, a.ID)
}

// DeleteActor removes an actor and its links to events (the events stay).
func (t *Tx) DeleteActor(id int64) error {
	if err := t.execOne("DELETE FROM actor WHERE id = ?", id); err != nil {
		return err
	}
	t.bulk.actors = nil
	// The links went with the actor (ON DELETE CASCADE); rebuild the
	// actor_ids of the events that named it.
	_, err := t.exec(`UPDATE event SET actor_ids = coalesce((SELECT group_concat(actor_id) FROM
		(SELECT actor_id FROM event_actor WHERE event_id = event.id ORDER BY position)), '')
		WHERE ',' || actor_ids || ',' LIKE ?`, "%,"+strconv.FormatInt(id, 10)+",%")
	return err
}

const actorColumns = "id, name, kind, color, description, position"

func scanActor(sc interface{ Scan(...any) error }) (Actor, error) {
	var a Actor
	var kind string
	err := sc.Scan(&a.ID, &a.Name, &kind, &a.Color, &a.Description, &a.Position)
	a.Kind = ActorKind(kind)
	return a, translate(err)
}

// Actor returns the actor with the id, or ErrNotFound.
func (t *Tx) Actor(id int64) (Actor, error) {
	row, err := t.queryRow("SELECT "+actorColumns+" FROM actor WHERE id = ?", id)
	if err != nil {
		return Actor{}, err
	}
	return scanActor(row)
}

// Actors returns every actor in lane order (position, then name).
func (t *Tx) Actors() ([]Actor, error) {
	return queryAll(t, "SELECT "+actorColumns+" FROM actor ORDER BY position, name, id", scanActor)
}

func queryAll[T any](t *Tx, q string, scan func(interface{ Scan(...any) error }) (T, error), args ...any) ([]T, error) {
	st, err := t.stmt(q)
	if err != nil {
		return nil, err
	}
	rows, err := st.Query(args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, translate(rows.Err())
}

func dateText(d Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func parseDateText(field, s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	d, _, err := ParseDate(s)
	if err != nil {
		return Date{}, fmt.Errorf("stored %s: %w", field, err)
	}
	return d, nil
}

// CreateSource validates s, stores it and sets s.ID.
func (t *Tx) CreateSource(s *Source) error {
	if err := s.Validate(); err != nil {
		return err
	}
	r, err := t.execAside(`INSERT INTO source (title, publisher, author, url, published, accessed, archive_url)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, s.Title, s.Publisher, s.Author, s.URL, dateText(s.Published), dateText(s.Accessed), s.ArchiveURL)
	if err != nil {
		return err
	}
	if s.ID, err = r.LastInsertId(); err != nil {
		return err
	}
	t.knownSource(s.ID)
	return nil
}

// RestoreSource puts back a deleted source under its own id (for undo).
func (t *Tx) RestoreSource(s Source) error {
	if err := s.Validate(); err != nil {
		return err
	}
	if s.ID == 0 {
		return fieldErr("id", "a source to restore needs its id")
	}
	_, err := t.exec(`INSERT INTO source (id, title, publisher, author, url, published, accessed, archive_url)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, s.ID, s.Title, s.Publisher, s.Author, s.URL, dateText(s.Published), dateText(s.Accessed), s.ArchiveURL)
	return err
}

// RestoreCitation puts back a deleted citation under its own id (for undo).
func (t *Tx) RestoreCitation(c Citation) error {
	if err := c.Validate(); err != nil {
		return err
	}
	if c.ID == 0 {
		return fieldErr("id", "a citation to restore needs its id")
	}
	if _, err := t.exec("INSERT INTO citation (id, event_id, source_id, quote, note, date) VALUES (?, ?, ?, ?, ?, ?)",
		c.ID, c.EventID, c.SourceID, c.Quote, c.Note, dateText(c.Date)); err != nil {
		return t.citationRefs(err, &c)
	}
	t.cited(c.EventID)
	return nil
}

// UpdateSource validates s and replaces the stored source; ErrNotFound if none.
func (t *Tx) UpdateSource(s *Source) error {
	if err := s.Validate(); err != nil {
		return err
	}
	return t.execOne(`UPDATE source SET title = ?, publisher = ?, author = ?, url = ?, published = ?, accessed = ?, archive_url = ? WHERE id = ?`,
		s.Title, s.Publisher, s.Author, s.URL, dateText(s.Published), dateText(s.Accessed), s.ArchiveURL, s.ID)
}

// DeleteSource removes a source and every citation of it.
func (t *Tx) DeleteSource(id int64) error {
	cited, err := queryAll(t, "SELECT DISTINCT event_id FROM citation WHERE source_id = ?", scanInt64, id)
	if err != nil {
		return err
	}
	if err := t.execOne("DELETE FROM source WHERE id = ?", id); err != nil {
		return err
	}
	t.bulk.sources = nil
	for _, ev := range cited {
		t.cited(ev)
	}
	return nil
}

func scanInt64(sc interface{ Scan(...any) error }) (int64, error) {
	var v int64
	err := sc.Scan(&v)
	return v, err
}

const sourceColumns = "id, title, publisher, author, url, published, accessed, archive_url"

func scanSource(sc interface{ Scan(...any) error }) (Source, error) {
	var s Source
	var pub, acc string
	if err := sc.Scan(&s.ID, &s.Title, &s.Publisher, &s.Author, &s.URL, &pub, &acc, &s.ArchiveURL); err != nil {
		return s, translate(err)
	}
	var err error
	if s.Published, err = parseDateText("published", pub); err != nil {
		return s, err
	}
	s.Accessed, err = parseDateText("accessed", acc)
	return s, err
}

// Source returns the source with the id, or ErrNotFound.
func (t *Tx) Source(id int64) (Source, error) {
	row, err := t.queryRow("SELECT "+sourceColumns+" FROM source WHERE id = ?", id)
	if err != nil {
		return Source{}, err
	}
	return scanSource(row)
}

// Sources returns every source, by title.
func (t *Tx) Sources() ([]Source, error) {
	return queryAll(t, "SELECT "+sourceColumns+" FROM source ORDER BY title, id", scanSource)
}

// CreateCitation validates c, stores it and sets c.ID; a *FieldError says
// when the event or source does not exist.
func (t *Tx) CreateCitation(c *Citation) error {
	if err := c.Validate(); err != nil {
		return err
	}
	if kept, err := t.addCitation(c); kept || err != nil {
		return err
	}
	r, err := t.exec("INSERT INTO citation (event_id, source_id, quote, note, date) VALUES (?, ?, ?, ?, ?)",
		c.EventID, c.SourceID, c.Quote, c.Note, dateText(c.Date))
	if err != nil {
		return t.citationRefs(err, c)
	}
	if c.ID, err = r.LastInsertId(); err != nil {
		return err
	}
	t.cited(c.EventID)
	return nil
}

// citationRefs names which of a citation's references is missing.
func (t *Tx) citationRefs(err error, c *Citation) error {
	if fe := foreignKey(err, "event", ""); fe == err {
		return err
	}
	if _, e := t.Source(c.SourceID); errors.Is(e, ErrNotFound) {
		return fieldErr("source", "source %d does not exist", c.SourceID)
	}
	return fieldErr("event", "event %d does not exist", c.EventID)
}

// UpdateCitation validates c and replaces the stored citation; ErrNotFound if none.
func (t *Tx) UpdateCitation(c *Citation) error {
	if err := c.Validate(); err != nil {
		return err
	}
	old, err := t.Citation(c.ID)
	if err != nil {
		return err
	}
	if err := t.execOne("UPDATE citation SET event_id = ?, source_id = ?, quote = ?, note = ?, date = ? WHERE id = ?",
		c.EventID, c.SourceID, c.Quote, c.Note, dateText(c.Date), c.ID); err != nil {
		return t.citationRefs(err, c)
	}
	t.cited(old.EventID)
	t.cited(c.EventID)
	return nil
}

// DeleteCitation removes a citation; ErrNotFound if none.
func (t *Tx) DeleteCitation(id int64) error {
	old, err := t.Citation(id)
	if err != nil {
		return err
	}
	if err := t.execOne("DELETE FROM citation WHERE id = ?", id); err != nil {
		return err
	}
	t.cited(old.EventID)
	return nil
}

const citationColumns = "id, event_id, source_id, quote, note, date"

func scanCitation(sc interface{ Scan(...any) error }) (Citation, error) {
	var c Citation
	var date string
	if err := sc.Scan(&c.ID, &c.EventID, &c.SourceID, &c.Quote, &c.Note, &date); err != nil {
		return c, translate(err)
	}
	var err error
	c.Date, err = parseDateText("citation date", date)
	return c, err
}

// Citation returns the citation with the id, or ErrNotFound.
func (t *Tx) Citation(id int64) (Citation, error) {
	row, err := t.queryRow("SELECT "+citationColumns+" FROM citation WHERE id = ?", id)
	if err != nil {
		return Citation{}, err
	}
	return scanCitation(row)
}

// Citations returns an event's citations in the order they were made.
func (t *Tx) Citations(eventID int64) ([]Citation, error) {
	return queryAll(t, "SELECT "+citationColumns+" FROM citation WHERE event_id = ? ORDER BY id", scanCitation, eventID)
}

// CreateEra validates e, stores it and sets e.ID.
func (t *Tx) CreateEra(e *Era) error {
	if err := e.Validate(); err != nil {
		return err
	}
	r, err := t.exec("INSERT INTO era (title, start, end, color, start_s, stop_s) VALUES (?, ?, ?, ?, ?, ?)",
		e.Title, e.Start.String(), e.End.String(), e.Color, e.Start.Instant(nil), e.End.Stop(nil))
	if err != nil {
		return err
	}
	e.ID, err = r.LastInsertId()
	return err
}

// UpdateEra validates e and replaces the stored era; ErrNotFound if none.
func (t *Tx) UpdateEra(e *Era) error {
	if err := e.Validate(); err != nil {
		return err
	}
	return t.execOne("UPDATE era SET title = ?, start = ?, end = ?, color = ?, start_s = ?, stop_s = ? WHERE id = ?",
		e.Title, e.Start.String(), e.End.String(), e.Color, e.Start.Instant(nil), e.End.Stop(nil), e.ID)
}

// DeleteEra removes an era; ErrNotFound if none.
func (t *Tx) DeleteEra(id int64) error {
	return t.execOne("DELETE FROM era WHERE id = ?", id)
}

func scanEra(sc interface{ Scan(...any) error }) (Era, error) {
	var e Era
	var start, end string
	if err := sc.Scan(&e.ID, &e.Title, &start, &end, &e.Color); err != nil {
		return e, translate(err)
	}
	var err error
	if e.Start, err = parseDateText("era start", start); err != nil {
		return e, err
	}
	e.End, err = parseDateText("era end", end)
	return e, err
}

// Era returns the era with the id, or ErrNotFound.
func (t *Tx) Era(id int64) (Era, error) {
	row, err := t.queryRow("SELECT id, title, start, end, color FROM era WHERE id = ?", id)
	if err != nil {
		return Era{}, err
	}
	return scanEra(row)
}

// Eras returns every era in time order.
func (t *Tx) Eras() ([]Era, error) {
	return queryAll(t, "SELECT id, title, start, end, color FROM era ORDER BY start_s, id", scanEra)
}
