package data

import (
	"database/sql"
	"fmt"
	"math/bits"
	"strconv"
)

// Events in the store: written with their tags and actors, read back whole.

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

// RestoreEventAndLinks is the whole undo of DeleteEvent: RestoreEvent puts
// the event back with its citations, then RestoreLink puts back each story
// link that went with it. A link whose other end is gone is an error.
func (t *Tx) RestoreEventAndLinks(e *Event, cits []Citation, links []StoryLink) error {
	if err := t.RestoreEvent(e, cits); err != nil {
		return err
	}
	for _, l := range links {
		if err := t.RestoreLink(l); err != nil {
			return err
		}
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
