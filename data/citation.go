package data

import "errors"

// Citations in the store: an event's sources, with the quotes that back it.

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
