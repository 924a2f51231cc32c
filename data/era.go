package data

// Eras in the store: named periods drawn behind the timeline.

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
