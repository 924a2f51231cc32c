package data

import (
	"encoding/json"
	"fmt"
	"strings"
)

// What a copy of a shared chronology keeps beside the model (schema
// version 6; see migrations/006_sync.sql and data/pgsync).

// A SyncEntry is one entity's shared key and what the copy knows of the
// server's version of it.
type SyncEntry struct {
	Kind      string
	ID        int64  // local id
	Key       string // shared key
	Seq       int64  // the server's sequence number it was last seen at; 0 before the server has it
	Base      Doc    // the entity as the server has it once the outbox is sent; nil before the server has it
	AddedBy   string // authors, as the server names them
	ChangedBy string
}

// A Ref names one local entity.
type Ref struct {
	Kind string
	ID   int64
}

func scanSyncEntry(sc interface{ Scan(...any) error }) (SyncEntry, error) {
	var e SyncEntry
	var base string
	if err := sc.Scan(&e.Kind, &e.ID, &e.Key, &e.Seq, &base, &e.AddedBy, &e.ChangedBy); err != nil {
		return e, translate(err)
	}
	if base != "" {
		if err := json.Unmarshal([]byte(base), &e.Base); err != nil {
			return e, fmt.Errorf("sync_key %s %d: %w", e.Kind, e.ID, err)
		}
	}
	return e, nil
}

const syncKeyColumns = "kind, id, key, seq, base, added_by, changed_by"

// SyncEntry returns the entry of a local entity, or ErrNotFound.
func (t *Tx) SyncEntry(kind string, id int64) (SyncEntry, error) {
	return queryOne(t, "SELECT "+syncKeyColumns+" FROM sync_key WHERE kind = ? AND id = ?", scanSyncEntry, kind, id)
}

// SyncEntryByKey returns the entry with a shared key, or ErrNotFound.
func (t *Tx) SyncEntryByKey(kind, key string) (SyncEntry, error) {
	return queryOne(t, "SELECT "+syncKeyColumns+" FROM sync_key WHERE kind = ? AND key = ?", scanSyncEntry, kind, key)
}

// SyncKey returns a local entity's shared key, or ErrNotFound; it reads
// only the key, not the base.
func (t *Tx) SyncKey(kind string, id int64) (string, error) {
	return queryOne(t, "SELECT key FROM sync_key WHERE kind = ? AND id = ?", scanString, kind, id)
}

// SyncID returns the local id of the entity with a shared key, or
// ErrNotFound.
func (t *Tx) SyncID(kind, key string) (int64, error) {
	return queryOne(t, "SELECT id FROM sync_key WHERE kind = ? AND key = ?", scanInt64, kind, key)
}

func scanString(sc interface{ Scan(...any) error }) (string, error) {
	var s string
	err := sc.Scan(&s)
	return s, err
}

// SyncEntries returns every entry of a kind.
func (t *Tx) SyncEntries(kind string) ([]SyncEntry, error) {
	return queryAll(t, "SELECT "+syncKeyColumns+" FROM sync_key WHERE kind = ?", scanSyncEntry, kind)
}

// PutSyncEntry writes an entry, replacing the one of the same entity.
func (t *Tx) PutSyncEntry(e SyncEntry) error {
	var base []byte
	if e.Base != nil {
		var err error
		if base, err = json.Marshal(e.Base); err != nil {
			return err
		}
	}
	_, err := t.execAside("INSERT OR REPLACE INTO sync_key ("+syncKeyColumns+") VALUES (?, ?, ?, ?, ?, ?, ?)",
		e.Kind, e.ID, e.Key, e.Seq, string(base), e.AddedBy, e.ChangedBy)
	return err
}

// DeleteSyncEntry forgets a local entity's entry.
func (t *Tx) DeleteSyncEntry(kind string, id int64) error {
	_, err := t.execAside("DELETE FROM sync_key WHERE kind = ? AND id = ?", kind, id)
	return err
}

// DirtyRefs returns the entities written since they were last compared
// with their base, in SyncKinds order.
func (t *Tx) DirtyRefs() ([]Ref, error) {
	refs, err := queryAll(t, "SELECT kind, id FROM sync_dirty", func(sc interface{ Scan(...any) error }) (Ref, error) {
		var r Ref
		return r, sc.Scan(&r.Kind, &r.ID)
	})
	sortRefs(refs)
	return refs, err
}

func sortRefs(refs []Ref) {
	for i := 1; i < len(refs); i++ { // insertion sort by rank, stable; the lists are short
		for j := i; j > 0 && KindRank(refs[j].Kind) < KindRank(refs[j-1].Kind); j-- {
			refs[j], refs[j-1] = refs[j-1], refs[j]
		}
	}
}

// MarkDirty notes entities as written.
func (t *Tx) MarkDirty(refs ...Ref) error {
	for _, r := range refs {
		if _, err := t.execAside("INSERT OR IGNORE INTO sync_dirty (kind, id) VALUES (?, ?)", r.Kind, r.ID); err != nil {
			return err
		}
	}
	return nil
}

// ClearDirty forgets that entities were written.
func (t *Tx) ClearDirty(refs ...Ref) error {
	for _, r := range refs {
		if _, err := t.exec("DELETE FROM sync_dirty WHERE kind = ? AND id = ?", r.Kind, r.ID); err != nil {
			return err
		}
	}
	return nil
}

// An OutboxItem is a change waiting for the server.
type OutboxItem struct {
	ID   string // the change's id, the same every time it is sent
	Body []byte
}

// AddOutbox queues a change after those already waiting.
func (t *Tx) AddOutbox(id string, body []byte) error {
	_, err := t.execAside("INSERT INTO sync_outbox (id, body) VALUES (?, ?)", id, string(body))
	return err
}

// Outbox returns up to limit waiting changes, oldest first.
func (t *Tx) Outbox(limit int) ([]OutboxItem, error) {
	return queryAll(t, "SELECT id, body FROM sync_outbox ORDER BY n LIMIT ?", func(sc interface{ Scan(...any) error }) (OutboxItem, error) {
		var it OutboxItem
		var body string
		err := sc.Scan(&it.ID, &body)
		it.Body = []byte(body)
		return it, err
	}, limit)
}

// OutboxCount returns the number of waiting changes.
func (t *Tx) OutboxCount() (int, error) {
	return queryOne(t, "SELECT count(*) FROM sync_outbox", func(sc interface{ Scan(...any) error }) (int, error) {
		var n int
		return n, sc.Scan(&n)
	})
}

// RemoveOutbox drops changes the server has.
func (t *Tx) RemoveOutbox(ids ...string) error {
	for _, id := range ids {
		if _, err := t.execAside("DELETE FROM sync_outbox WHERE id = ?", id); err != nil {
			return err
		}
	}
	return nil
}

// SyncSetting returns a setting of the copy, "" when unset.
func (t *Tx) SyncSetting(name string) (string, error) {
	v, err := queryOne(t, "SELECT value FROM sync_state WHERE name = ?", func(sc interface{ Scan(...any) error }) (string, error) {
		var v string
		return v, sc.Scan(&v)
	}, name)
	if err == ErrNotFound {
		return "", nil
	}
	return v, err
}

// SetSyncSetting writes a setting of the copy.
func (t *Tx) SetSyncSetting(name, value string) error {
	_, err := t.execAside("INSERT OR REPLACE INTO sync_state (name, value) VALUES (?, ?)", name, value)
	return err
}

// journalTriggers names, for each table a shared entity lives in, the
// entity a row belongs to: kind and the SQL of its id from the row (NEW
// or OLD).
var journalTriggers = []struct{ table, kind, id string }{
	{"chronology", KindChronology, "1"},
	{"actor", KindActor, "%s.id"},
	{"source", KindSource, "%s.id"},
	{"era", KindEra, "%s.id"},
	{"event", KindEvent, "%s.id"},
	{"event_tag", KindEvent, "%s.event_id"},
	{"event_actor", KindEvent, "%s.event_id"},
	{"citation", KindEvent, "%s.event_id"},
	{"event_image", KindEvent, "%s.event_id"},
	{"image_data", KindEvent, "(SELECT event_id FROM event_image WHERE id = %s.image_id)"},
	{"story_link", KindLink, "%s.id"},
	{"link_citation", KindLink, "%s.link_id"},
}

// EnableJournal makes the file note in sync_dirty every entity a write
// touches, whoever writes it (the window, an import, the sync itself),
// in the writing transaction. Only shared copies have the triggers, so
// other files' writes stay as fast as they were.
func (s *Store) EnableJournal() error {
	var b strings.Builder
	for _, j := range journalTriggers {
		for _, ev := range []struct{ when, row string }{{"INSERT", "NEW"}, {"UPDATE", "NEW"}, {"DELETE", "OLD"}} {
			id := strings.ReplaceAll(j.id, "%s", ev.row)
			fmt.Fprintf(&b, "CREATE TRIGGER IF NOT EXISTS sync_%s_%s AFTER %s ON %s BEGIN "+
				"INSERT OR IGNORE INTO sync_dirty (kind, id) SELECT '%s', %s WHERE %s IS NOT NULL; END;\n",
				j.table, strings.ToLower(ev.when), ev.when, j.table, j.kind, id, id)
		}
	}
	return s.Update(func(tx *Tx) error {
		_, err := tx.tx.Exec(b.String())
		return err
	})
}
