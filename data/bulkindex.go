package data

// A transaction that writes many new events into a file that had few
// builds the secondary indexes of the tables written in bulk (event's
// time-window, start and external id indexes, the tag and actor
// indexes, citation's, story_link's and link_citation's) once, after
// the last row, instead of adding every row's entries one by one:
// sorting the entries and writing each index page once costs less than
// keeping pages of a dozen indexes in step with each batch. The indexes
// are dropped at the flush that first shows the load to be large, and
// made again, from the statements that made them, before any other
// statement of the transaction runs (which may need them) and before it
// commits. All of it is one transaction: other connections never see
// the file without its indexes, and a crash or a failed load leaves the
// file as it was. Primary keys and UNIQUE constraints stay throughout.

// bulkIndexFloor is how many events a transaction writes in bulk before
// its indexes may be dropped: a small load keeps them.
const bulkIndexFloor = 8 * bulkEvents

// bulkIndexed names the tables written in bulk whose indexes are rebuilt.
const bulkIndexed = `'event', 'event_tag', 'event_actor', 'citation', 'story_link', 'link_citation'`

// dropIndexesIfLarge drops the secondary indexes of the bulk tables, once
// per transaction, when the events it has written in bulk are at least
// bulkIndexFloor and at least as many as the file had before it: making
// the indexes again then costs less than the load saves.
func (t *Tx) dropIndexesIfLarge() error {
	b := &t.bulk
	if b.indexesDone || b.written < bulkIndexFloor || int64(b.written) < b.before {
		return nil
	}
	b.indexesDone = true
	st, err := t.prepared(`SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' AND tbl_name IN (` + bulkIndexed + `) ORDER BY rowid`)
	if err != nil {
		return err
	}
	rows, err := st.Query()
	if err != nil {
		return translate(err)
	}
	var names []string
	for rows.Next() {
		var name, q string
		if err := rows.Scan(&name, &q); err != nil {
			rows.Close()
			return translate(err)
		}
		names = append(names, name)
		b.dropped = append(b.dropped, q)
	}
	if err := rows.Close(); err != nil {
		return translate(err)
	}
	if err := rows.Err(); err != nil {
		return translate(err)
	}
	for _, name := range names {
		if _, err := t.tx.Exec(`DROP INDEX "` + name + `"`); err != nil {
			return translate(err)
		}
	}
	return nil
}

// restoreIndexes makes again the indexes dropped for a bulk load. They
// are not dropped again in the same transaction.
func (t *Tx) restoreIndexes() error {
	b := &t.bulk
	for len(b.dropped) > 0 {
		if _, err := t.tx.Exec(b.dropped[0]); err != nil {
			return translate(err)
		}
		b.dropped = b.dropped[1:]
	}
	b.dropped = nil
	return nil
}
