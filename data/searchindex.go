package data

import (
	"slices"
	"sort"
	"strconv"
)

// The full-text index (event_fts) and the quotes and citations columns it
// reads (an event's citation quotes and the notes of its story links)
// lag behind the event, citation and story_link tables inside a write
// transaction, and are brought up to date in bulk: before any statement
// that reads them or rewrites an indexed event, and before the
// transaction commits. A committed chronology is always searchable, and
// so is every read inside a transaction; but an import of a million
// events indexes them with one set-based statement instead of one per
// event, and quotes of new events are gathered once instead of once per
// citation.

// idRange is a run of consecutive event ids, lo to hi inclusive.
type idRange struct{ lo, hi int64 }

// idRanges is a set of event ids kept as sorted, disjoint runs. New events
// take ascending ids, so the events of an import are one run.
type idRanges []idRange

// add puts id in the set.
func (r *idRanges) add(id int64) {
	s := *r
	if n := len(s); n > 0 && s[n-1].hi+1 == id {
		s[n-1].hi = id // the common case: the next new event
		return
	}
	i := sort.Search(len(s), func(i int) bool { return s[i].hi >= id })
	if i < len(s) && s[i].lo <= id {
		return
	}
	s = slices.Insert(s, i, idRange{id, id})
	// Join the new run with its neighbours where they touch.
	if i+1 < len(s) && s[i+1].lo == id+1 {
		s[i].hi = s[i+1].hi
		s = slices.Delete(s, i+1, i+2)
	}
	if i > 0 && s[i-1].hi+1 == id {
		s[i-1].hi = s[i].hi
		s = slices.Delete(s, i, i+1)
	}
	*r = s
}

// has reports whether id is in the set.
func (r idRanges) has(id int64) bool {
	i := sort.Search(len(r), func(i int) bool { return r[i].hi >= id })
	return i < len(r) && r[i].lo <= id
}

// created notes an event written in this transaction, not yet indexed.
func (t *Tx) created(id int64) { t.unindexed.add(id) }

// cited notes that an event's citations or links changed: its quotes,
// citation and link counts and index row are refreshed when the index is next brought up to
// date.
func (t *Tx) cited(eventID int64) {
	if t.unindexed.has(eventID) {
		// Counted before it is indexed, when the index catches up. (A new
		// event's citations and links made while its row waits to be
		// written are counted into the row: see bulk.go.)
		if t.recount == nil {
			t.recount = map[int64]bool{}
		}
		t.recount[eventID] = true
		return
	}
	if t.requote == nil {
		t.requote = map[int64]bool{}
	}
	t.requote[eventID] = true
}

// syncIndex brings the quotes, citation counts and full-text index up to
// date with the events and citations written so far in the transaction.
func (t *Tx) syncIndex() error {
	if t.readOnly || (len(t.unindexed) == 0 && len(t.requote) == 0) {
		return nil
	}
	requote := make([]int64, 0, len(t.requote))
	for id := range t.requote {
		requote = append(requote, id)
	}
	slices.Sort(requote)
	for _, id := range requote {
		if err := t.refreshQuotes(id); err != nil {
			return err
		}
	}
	t.requote = nil
	for _, r := range t.unindexed {
		if err := t.indexNew(r); err != nil {
			return err
		}
	}
	t.unindexed = nil
	t.recount = nil
	return nil
}

// linkCount is the SQL for the number of story links with an event at
// either end; id is the SQL for the event's id.
func linkCount(id string) string {
	return `(SELECT count(*) FROM story_link WHERE from_id = ` + id + `) + (SELECT count(*) FROM story_link WHERE to_id = ` + id + `)`
}

// searchText is the SQL for an event's searchable text beside its title
// and description (the quotes column the index reads): its citations'
// quotes, then the notes of its story links at either end. id is the
// SQL for the event's id.
func searchText(id string) string {
	return `coalesce((SELECT group_concat(text, ' ') FROM (
		SELECT quote AS text FROM citation WHERE event_id = ` + id + `
		UNION ALL SELECT note FROM story_link WHERE from_id = ` + id + ` AND note <> ''
		UNION ALL SELECT note FROM story_link WHERE to_id = ` + id + ` AND note <> '')), '')`
}

// indexNew gathers the quotes and counts of the events of a run made in
// this transaction whose citations or links changed after their row was
// written, and adds the run to the full-text index.
func (t *Tx) indexNew(r idRange) error {
	var ids []byte
	for id := range t.recount {
		if id >= r.lo && id <= r.hi {
			ids = strconv.AppendInt(append(ids, ','), id, 10)
		}
	}
	if len(ids) > 0 {
		ids[0] = '['
		if _, err := t.exec(`UPDATE event SET quotes = `+searchText("event.id")+`,
			citations = (SELECT count(*) FROM citation WHERE event_id = event.id),
			links = `+linkCount("event.id")+`
			WHERE id IN (SELECT value FROM json_each(?))`, string(append(ids, ']'))); err != nil {
			return err
		}
	}
	_, err := t.exec(`INSERT INTO event_fts (docid, title, description, quotes)
		SELECT id, title, description, quotes FROM event WHERE id BETWEEN ? AND ?`, r.lo, r.hi)
	return err
}

// refreshQuotes copies an indexed event's citation quotes and link notes
// into its searchable text, and counts its citations and links, after
// its citations or links changed.
// The index row is removed while it still matches the stored quotes, and
// added again after.
func (t *Tx) refreshQuotes(eventID int64) error {
	if _, err := t.exec("DELETE FROM event_fts WHERE docid = ?", eventID); err != nil {
		return err
	}
	if _, err := t.exec(`UPDATE event SET quotes = `+searchText("?1")+`,
		citations = (SELECT count(*) FROM citation WHERE event_id = ?1), links = `+linkCount("?1")+` WHERE id = ?1`, eventID); err != nil {
		return err
	}
	_, err := t.exec("INSERT INTO event_fts (docid, title, description, quotes) SELECT id, title, description, quotes FROM event WHERE id = ?", eventID)
	return err
}
