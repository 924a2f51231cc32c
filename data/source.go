package data

// Sources in the store.

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
