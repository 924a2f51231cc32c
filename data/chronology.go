package data

// The chronology's own record: title, description, zone.

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
