package pgsync

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"sync"
	"time"

	"chronoscope/data"

	"github.com/jackc/pgx/v5"
)

var keyClock struct {
	sync.Mutex
	ms, n int64
}

// newKey returns a fresh shared key: the time in milliseconds and a
// counter, so that keys sort in the order they were made (a copy built
// from the server lists events of the same date in the file's order),
// then 64 random bits, so that two machines never make the same key.
func newKey() string {
	keyClock.Lock()
	ms := time.Now().UnixMilli()
	if ms <= keyClock.ms {
		keyClock.n++
	} else {
		keyClock.ms, keyClock.n = ms, 0
	}
	ms, n := keyClock.ms, keyClock.n
	keyClock.Unlock()
	var b [8]byte
	rand.Read(b[:])
	return fmt.Sprintf("%012x%06x%s", ms, n, hex.EncodeToString(b[:]))
}

// memKeys is a KeyMap held in memory: Publish's fresh keys for a file
// that keeps none, and Clone's keys while it builds a copy.
type memKeys struct {
	keys map[data.Ref]string
	ids  map[string]int64 // kind + "/" + key
}

func newMemKeys() *memKeys { return &memKeys{keys: map[data.Ref]string{}, ids: map[string]int64{}} }

func (m *memKeys) KeyOf(kind string, id int64) (string, error) {
	r := data.Ref{Kind: kind, ID: id}
	k, ok := m.keys[r]
	if !ok {
		k = newKey()
		if kind == data.KindChronology {
			k = data.KindChronology
		}
		m.put(kind, id, k)
	}
	return k, nil
}

func (m *memKeys) put(kind string, id int64, key string) {
	m.keys[data.Ref{Kind: kind, ID: id}] = key
	m.ids[kind+"/"+key] = id
}

func (m *memKeys) IDOf(kind, key string) (int64, error) {
	id, ok := m.ids[kind+"/"+key]
	if !ok {
		return 0, data.ErrNotFound
	}
	return id, nil
}

// entityRow is one entity on its way to the server.
type entityRow struct {
	kind, key string
	body      []byte
}

// readAll returns every entity of a file, in SyncKinds order, with fresh
// keys.
func readAll(tx *data.Tx, km data.KeyMap) ([]entityRow, error) {
	var out []entityRow
	add := func(kind string, id int64) error {
		d, err := tx.ReadDoc(kind, id, km)
		if err != nil {
			return fmt.Errorf("%s %d: %w", kind, id, err)
		}
		k, _ := km.KeyOf(kind, id)
		b, err := json.Marshal(d)
		out = append(out, entityRow{kind, k, b})
		return err
	}
	if err := add(data.KindChronology, 1); err != nil {
		return nil, err
	}
	actors, err := tx.Actors()
	if err != nil {
		return nil, err
	}
	for _, a := range actors {
		if err := add(data.KindActor, a.ID); err != nil {
			return nil, err
		}
	}
	sources, err := tx.Sources()
	if err != nil {
		return nil, err
	}
	for _, s := range sources {
		if err := add(data.KindSource, s.ID); err != nil {
			return nil, err
		}
	}
	eras, err := tx.Eras()
	if err != nil {
		return nil, err
	}
	for _, e := range eras {
		if err := add(data.KindEra, e.ID); err != nil {
			return nil, err
		}
	}
	var ids []int64
	if err := tx.EachRow(data.Filter{}, func(r data.EventRow) error { ids = append(ids, r.ID); return nil }); err != nil {
		return nil, err
	}
	for _, id := range ids {
		if err := add(data.KindEvent, id); err != nil {
			return nil, err
		}
	}
	var links []int64
	if err := tx.StoryLinks(func(l data.StoryLink) error { links = append(links, l.ID); return nil }); err != nil {
		return nil, err
	}
	for _, id := range links {
		if err := add(data.KindLink, id); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Publish creates a chronology named name on the target's server from the
// file st (the schema is created or migrated first), and returns its name.
// The file is only read. The chronology's name defaults to its title.
func Publish(ctx context.Context, st *data.Store, t Target, password, author string) (string, error) {
	conn, err := Connect(ctx, t, password)
	if err != nil {
		return "", err
	}
	defer conn.Close(context.Background())
	if err := Migrate(ctx, conn); err != nil {
		return "", err
	}
	name := t.Name
	var rows []entityRow
	err = st.View(func(tx *data.Tx) error {
		if name == "" {
			c, err := tx.Chronology()
			if err != nil {
				return err
			}
			name = c.Title
		}
		rows, err = readAll(tx, newMemKeys())
		return err
	})
	if err != nil {
		return "", fmt.Errorf("reading %s: %w", st.Path(), err)
	}
	tx, err := conn.Begin(ctx)
	if err != nil {
		return "", err
	}
	defer tx.Rollback(ctx)
	var id int64
	err = tx.QueryRow(ctx, `INSERT INTO chronoscope.chronology (name, created_by, last_seq) VALUES ($1, $2, 1)
		ON CONFLICT (name) DO NOTHING RETURNING id`, name, author).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", fmt.Errorf("the server already holds a chronology named %q; choose another name", name)
	}
	if err != nil {
		return "", err
	}
	_, err = tx.CopyFrom(ctx, pgx.Identifier{"chronoscope", "entity"},
		[]string{"chronology", "kind", "key", "body", "seq", "added_by", "changed_by"},
		pgx.CopyFromSlice(len(rows), func(i int) ([]any, error) {
			r := rows[i]
			return []any{id, r.kind, r.key, string(r.body), int64(1), author, author}, nil
		}))
	if err != nil {
		return "", fmt.Errorf("writing %d entities: %w", len(rows), err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO chronoscope.change (chronology, seq, id, client, author, kind, key, op, fields)
		VALUES ($1, 1, $2, '', $3, 'chronology', 'chronology', 'publish', '{}')`, id, newKey(), author); err != nil {
		return "", err
	}
	return name, tx.Commit(ctx)
}

// Clone makes a new local copy of the target's chronology at path (which
// must not exist) and returns it open, journal on, ready for a Client.
func Clone(ctx context.Context, t Target, password, path string) (*data.Store, error) {
	conn, err := Connect(ctx, t, password)
	if err != nil {
		return nil, err
	}
	defer conn.Close(context.Background())
	id, name, err := chronologyID(ctx, conn, t.Name)
	if err != nil {
		return nil, err
	}
	// One snapshot: the entities and the sequence number they are at.
	tx, err := conn.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return nil, err
	}
	defer tx.Rollback(ctx)
	var last int64
	if err := tx.QueryRow(ctx, "SELECT last_seq FROM chronoscope.chronology WHERE id = $1", id).Scan(&last); err != nil {
		return nil, err
	}
	rows, err := tx.Query(ctx, `SELECT kind, key, body::text, seq, added_by, changed_by FROM chronoscope.entity
		WHERE chronology = $1 AND NOT deleted
		ORDER BY array_position(ARRAY['chronology','actor','source','era','event','link'], kind), seq, key`, id)
	if err != nil {
		return nil, err
	}
	type ent struct {
		kind, key, body    string
		seq                int64
		addedBy, changedBy string
	}
	var ents []ent
	for rows.Next() {
		var e ent
		if err := rows.Scan(&e.kind, &e.key, &e.body, &e.seq, &e.addedBy, &e.changedBy); err != nil {
			rows.Close()
			return nil, err
		}
		ents = append(ents, e)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	title := name
	if len(ents) > 0 && ents[0].kind == data.KindChronology {
		var c struct{ Title string }
		if json.Unmarshal([]byte(ents[0].body), &c) == nil && c.Title != "" {
			title = c.Title
		}
	}
	st, err := data.Create(path, data.Chronology{Title: title})
	if err != nil {
		return nil, err
	}
	fail := func(err error) (*data.Store, error) {
		st.Close()
		os.Remove(path)
		return nil, err
	}
	km := newMemKeys()
	err = st.Update(func(ltx *data.Tx) error {
		for _, e := range ents {
			var d data.Doc
			if err := json.Unmarshal([]byte(e.body), &d); err != nil {
				return fmt.Errorf("%s %s: %w", e.kind, e.key, err)
			}
			d = d.Canonical() // jsonb's key order is its own
			lid, err := ltx.WriteDoc(e.kind, 0, d, km)
			if err != nil {
				return fmt.Errorf("%s %s: %w", e.kind, e.key, err)
			}
			if lid == 0 {
				continue // a link whose ends are gone
			}
			km.put(e.kind, lid, e.key)
			if err := ltx.PutSyncEntry(data.SyncEntry{Kind: e.kind, ID: lid, Key: e.key, Seq: e.seq, Base: d,
				AddedBy: e.addedBy, ChangedBy: e.changedBy}); err != nil {
				return err
			}
		}
		for k, v := range map[string]string{"chronology": fmt.Sprint(id), "name": name, "seq": fmt.Sprint(last),
			"url": t.URL, "client": newKey()} {
			if err := ltx.SetSyncSetting(k, v); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fail(fmt.Errorf("copying %q: %w", name, err))
	}
	if err := st.EnableJournal(); err != nil {
		return fail(err)
	}
	return st, nil
}
