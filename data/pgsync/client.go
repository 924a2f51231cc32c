package pgsync

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"time"

	"chronoscope/data"

	"github.com/jackc/pgx/v5"
)

// An op is one entity's change, as queued in the copy's outbox and sent.
type op struct {
	ID      string   `json:"id"`
	Kind    string   `json:"kind"`
	Key     string   `json:"key"`
	Op      string   `json:"op"` // "create", "update" or "delete"
	Fields  data.Doc `json:"fields,omitempty"`
	BaseSeq int64    `json:"base_seq"` // the entity's sequence number when the edit was made
	Title   string   `json:"title,omitempty"`
}

// A Notice tells the user about a change that met another: who, which
// entity, what became of their edit.
type Notice struct {
	Kind, Key string
	Title     string // the entity's title or name, when it has one
	Other     string // the other author
	Message   string
}

// Status is what the window's status bar says about the shared copy.
type Status struct {
	Online     bool
	ReadOnly   bool
	Pending    int       // changes not yet on the server
	LastChange time.Time // when the last change from someone else arrived
	Others     []string  // other authors seen in the last minute
	Err        error     // the last connection error, when offline
}

// A Client keeps one local copy in step with the server.
type Client struct {
	st       *data.Store
	target   Target
	password string
	author   string
	client   string // this copy's id
	chron    int64

	// OnNotice, when set, is called (from the syncing goroutine) for each
	// notice; OnChange after changes from others were applied.
	OnNotice func(Notice)
	OnChange func()

	// connMu is held while the connection is in use (Sync, Close): a
	// pgx connection serves one goroutine at a time.
	connMu   sync.Mutex
	mu       sync.Mutex
	kick     chan struct{}
	conn     *pgx.Conn
	status   Status
	readOnly bool
}

// NewClient returns a client for a copy made by Clone. It does not
// connect: Sync and Run do, and work offline until they can.
func NewClient(st *data.Store, password, author string) (*Client, error) {
	c := &Client{st: st, password: password, author: author}
	err := st.View(func(tx *data.Tx) error {
		var err error
		get := func(name string) string {
			v, e := tx.SyncSetting(name)
			if e != nil && err == nil {
				err = e
			}
			return v
		}
		c.target = Target{URL: get("url"), Name: get("name")}
		c.client = get("client")
		c.chron, _ = strconv.ParseInt(get("chronology"), 10, 64)
		return err
	})
	if err != nil {
		return nil, err
	}
	if c.target.URL == "" || c.client == "" || c.chron == 0 {
		return nil, fmt.Errorf("%s is not a copy of a shared chronology", st.Path())
	}
	return c, st.EnableJournal()
}

// Target returns the shared chronology the copy follows.
func (c *Client) Target() Target { return c.target }

// Status returns the copy's state.
func (c *Client) Status() Status {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := c.status
	s.Others = append([]string(nil), s.Others...)
	return s
}

// Close closes the connection, if any, once a running Sync is done
// (cancel its context first to make that quick). The copy stays open.
func (c *Client) Close() {
	c.connMu.Lock()
	defer c.connMu.Unlock()
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.conn != nil {
		c.conn.Close(context.Background())
		c.conn = nil
	}
}

// txKeys is the copy's KeyMap: keys kept in sync_key, fresh ones given
// to entities made here.
type txKeys struct{ tx *data.Tx }

func (k txKeys) KeyOf(kind string, id int64) (string, error) {
	key, err := k.tx.SyncKey(kind, id)
	if err == nil {
		return key, nil
	}
	if !errors.Is(err, data.ErrNotFound) {
		return "", err
	}
	key = newKey()
	if kind == data.KindChronology {
		key = data.KindChronology
	}
	return key, k.tx.PutSyncEntry(data.SyncEntry{Kind: kind, ID: id, Key: key})
}

func (k txKeys) IDOf(kind, key string) (int64, error) { return k.tx.SyncID(kind, key) }

// Queue turns the copy's unsent edits into changes in the outbox, in one
// transaction of the copy, and returns how many it queued.
func (c *Client) Queue() (int, error) {
	var n int
	err := c.st.Update(func(tx *data.Tx) error {
		refs, err := tx.DirtyRefs()
		if err != nil || len(refs) == 0 {
			return err
		}
		km := txKeys{tx}
		var ops []op
		for _, r := range refs {
			e, err := tx.SyncEntry(r.Kind, r.ID)
			known := err == nil
			if err != nil && !errors.Is(err, data.ErrNotFound) {
				return err
			}
			d, err := tx.ReadDoc(r.Kind, r.ID, km)
			if errors.Is(err, data.ErrNotFound) {
				if known {
					if e.Base != nil {
						ops = append(ops, op{Kind: r.Kind, Key: e.Key, Op: "delete", BaseSeq: e.Seq})
					}
					if err := tx.DeleteSyncEntry(r.Kind, r.ID); err != nil {
						return err
					}
				}
				continue
			}
			if err != nil {
				return fmt.Errorf("%s %d: %w", r.Kind, r.ID, err)
			}
			if !known { // KeyOf may have keyed it already, for an entity queued before it
				key, err := km.KeyOf(r.Kind, r.ID)
				if err != nil {
					return err
				}
				if e, err = tx.SyncEntry(r.Kind, r.ID); err != nil {
					return err
				}
				e.Key = key
			}
			o := op{Kind: r.Kind, Key: e.Key, BaseSeq: e.Seq, Title: title(d)}
			if e.Base == nil {
				o.Op, o.Fields = "create", d
			} else if diff := d.Diff(e.Base); len(diff) > 0 {
				o.Op, o.Fields = "update", diff
			} else {
				continue
			}
			ops = append(ops, o)
			e.Base = d
			e.ChangedBy = c.author
			if o.Op == "create" {
				e.AddedBy = c.author
			}
			if err := tx.PutSyncEntry(e); err != nil {
				return err
			}
		}
		if err := tx.ClearDirty(refs...); err != nil {
			return err
		}
		for i := range ops {
			ops[i].ID = newKey()
			b, err := json.Marshal(ops[i])
			if err != nil {
				return err
			}
			if err := tx.AddOutbox(ops[i].ID, b); err != nil {
				return err
			}
		}
		n = len(ops)
		return nil
	})
	return n, err
}

// title returns a doc's title or name, for notices.
func title(d data.Doc) string {
	for _, f := range []string{"title", "name"} {
		var s string
		if json.Unmarshal(d[f], &s) == nil && s != "" {
			return s
		}
	}
	return ""
}

// Pending returns the number of changes not yet on the server.
func (c *Client) Pending() (int, error) {
	var n int
	err := c.st.View(func(tx *data.Tx) error {
		var err error
		n, err = tx.OutboxCount()
		if err != nil {
			return err
		}
		refs, err := tx.DirtyRefs()
		n += len(refs)
		return err
	})
	return n, err
}

// connect returns the open connection, opening one when there is none.
func (c *Client) connect(ctx context.Context) (*pgx.Conn, error) {
	c.mu.Lock()
	conn := c.conn
	c.mu.Unlock()
	if conn != nil && !conn.IsClosed() {
		return conn, nil
	}
	conn, err := Connect(ctx, c.target, c.password)
	if err != nil {
		return nil, err
	}
	if err := checkSchema(ctx, conn); err != nil {
		conn.Close(ctx)
		return nil, err
	}
	var canWrite bool
	if err := conn.QueryRow(ctx, "SELECT has_table_privilege('chronoscope.change', 'INSERT')").Scan(&canWrite); err != nil {
		conn.Close(ctx)
		return nil, err
	}
	c.mu.Lock()
	c.conn, c.readOnly = conn, !canWrite
	c.status.ReadOnly = !canWrite
	c.mu.Unlock()
	return conn, nil
}

// drop forgets a connection that failed.
func (c *Client) drop(conn *pgx.Conn, err error) {
	c.mu.Lock()
	if c.conn == conn {
		c.conn = nil
	}
	c.status.Online, c.status.Err = false, err
	c.mu.Unlock()
	conn.Close(context.Background())
}

// Sync queues the copy's edits, sends the outbox and applies what others
// changed since the last sync. Offline it only queues, and returns the
// connection's error; the outbox waits in the copy.
func (c *Client) Sync(ctx context.Context) error {
	c.connMu.Lock()
	defer c.connMu.Unlock()
	if _, err := c.Queue(); err != nil {
		return err
	}
	conn, err := c.connect(ctx)
	if err != nil {
		c.mu.Lock()
		c.status.Online, c.status.Err = false, err
		c.mu.Unlock()
		c.updatePending()
		return err
	}
	err = c.push(ctx, conn)
	if err == nil {
		err = c.pull(ctx, conn)
	}
	if err == nil {
		err = c.presence(ctx, conn)
	}
	if err != nil {
		if conn.IsClosed() || isConnError(err) {
			c.drop(conn, err)
		}
		c.updatePending()
		return err
	}
	c.mu.Lock()
	c.status.Online, c.status.Err = true, nil
	c.mu.Unlock()
	c.updatePending()
	return nil
}

func (c *Client) updatePending() {
	n, err := c.Pending()
	if err == nil {
		c.mu.Lock()
		c.status.Pending = n
		c.mu.Unlock()
	}
}

// isConnError reports whether err is the connection's failure rather
// than a statement's.
func isConnError(err error) bool {
	var pe interface{ SQLState() string }
	if errors.As(err, &pe) {
		s := pe.SQLState()
		return len(s) >= 2 && (s[:2] == "08" || s[:2] == "57") // connection exception, operator intervention
	}
	return !errors.Is(err, context.Canceled)
}

// push sends the outbox in batches; each batch is one server transaction.
func (c *Client) push(ctx context.Context, conn *pgx.Conn) error {
	c.mu.Lock()
	ro := c.readOnly
	c.mu.Unlock()
	for {
		var items []data.OutboxItem
		if err := c.st.View(func(tx *data.Tx) error {
			var err error
			items, err = tx.Outbox(500)
			return err
		}); err != nil {
			return err
		}
		if len(items) == 0 {
			return nil
		}
		if ro {
			return ErrReadOnly
		}
		ops := make([]op, len(items))
		for i, it := range items {
			if err := json.Unmarshal(it.Body, &ops[i]); err != nil {
				return fmt.Errorf("outbox change %s: %w", it.ID, err)
			}
		}
		results, err := c.send(ctx, conn, ops)
		if err != nil {
			return err
		}
		if err := c.sent(ops, results); err != nil {
			return err
		}
	}
}

// result is what the server did with one op.
type result struct {
	seq       int64
	deletedBy string // the op edited an entity this author had deleted: not applied
	conflict  string // the op replaced a value this author had written after the op's base
}

// send applies ops at the server in one transaction and returns what
// became of each.
func (c *Client) send(ctx context.Context, conn *pgx.Conn, ops []op) ([]result, error) {
	tx, err := conn.Begin(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback(ctx)
	// The chronology's row lock orders the writers: sequence numbers are
	// committed in order, so a reader never skips one.
	var last int64
	if err := tx.QueryRow(ctx, "SELECT last_seq FROM chronoscope.chronology WHERE id = $1 FOR UPDATE", c.chron).Scan(&last); err != nil {
		return nil, err
	}
	results := make([]result, len(ops))
	for i, o := range ops {
		var seq int64
		err := tx.QueryRow(ctx, "SELECT seq FROM chronoscope.change WHERE id = $1", o.ID).Scan(&seq)
		if err == nil {
			results[i].seq = seq // sent before; the answer was lost
			continue
		}
		if !errors.Is(err, pgx.ErrNoRows) {
			return nil, err
		}
		if results[i], err = c.apply(ctx, tx, o, last+1); err != nil {
			return nil, fmt.Errorf("%s %s: %w", o.Kind, o.Key, err)
		}
		if results[i].seq != 0 {
			last++
		}
	}
	if _, err := tx.Exec(ctx, "UPDATE chronoscope.chronology SET last_seq = $2 WHERE id = $1", c.chron, last); err != nil {
		return nil, err
	}
	if _, err := tx.Exec(ctx, "SELECT pg_notify('chronoscope', $1)", strconv.FormatInt(c.chron, 10)); err != nil {
		return nil, err
	}
	return results, tx.Commit(ctx)
}

// fieldMark is who last wrote a field of an entity, at which sequence
// number.
type fieldMark struct {
	Seq    int64  `json:"s"`
	Client string `json:"c"`
	Author string `json:"a"`
}

// apply applies one op at the server as change seq.
func (c *Client) apply(ctx context.Context, tx pgx.Tx, o op, seq int64) (result, error) {
	var body, marks []byte
	var deleted bool
	var changedBy string
	err := tx.QueryRow(ctx, `SELECT body::text, field_seq::text, deleted, changed_by FROM chronoscope.entity
		WHERE chronology = $1 AND kind = $2 AND key = $3 FOR UPDATE`, c.chron, o.Kind, o.Key).Scan(&body, &marks, &deleted, &changedBy)
	exists := err == nil
	if err != nil && !errors.Is(err, pgx.ErrNoRows) {
		return result{}, err
	}
	res := result{seq: seq}
	fs := map[string]fieldMark{}
	if exists {
		if err := json.Unmarshal(marks, &fs); err != nil {
			return result{}, err
		}
	}
	switch {
	case o.Op == "delete" && (!exists || deleted):
		return result{}, nil // nothing left to delete
	case o.Op == "update" && (!exists || deleted):
		return result{deletedBy: changedBy}, nil
	case o.Op == "delete":
		if _, err := tx.Exec(ctx, `UPDATE chronoscope.entity SET deleted = true, seq = $4, changed_by = $5
			WHERE chronology = $1 AND kind = $2 AND key = $3`, c.chron, o.Kind, o.Key, seq, c.author); err != nil {
			return result{}, err
		}
	case !exists: // create
		for f := range o.Fields {
			fs[f] = fieldMark{seq, c.client, c.author}
		}
		m, _ := json.Marshal(fs)
		if _, err := tx.Exec(ctx, `INSERT INTO chronoscope.entity (chronology, kind, key, body, seq, added_by, changed_by, field_seq)
			VALUES ($1, $2, $3, $4::jsonb, $5, $6, $6, $7::jsonb)`, c.chron, o.Kind, o.Key, docText(o.Fields), seq, c.author, string(m)); err != nil {
			return result{}, err
		}
	default: // update (a create sent again after its answer was lost is one too)
		var cur data.Doc
		if err := json.Unmarshal(body, &cur); err != nil {
			return result{}, err
		}
		for _, f := range o.Fields.Fields() {
			if m, ok := fs[f]; ok && m.Seq > o.BaseSeq && m.Client != c.client {
				// Someone else wrote this field after the edit's base: the
				// later change (this one) wins; theirs goes to history.
				res.conflict = m.Author
				if _, err := tx.Exec(ctx, `INSERT INTO chronoscope.history (chronology, kind, key, field, value, author, replaced_at)
					VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)`, c.chron, o.Kind, o.Key, f, rawText(cur[f]), m.Author, seq); err != nil {
					return result{}, err
				}
			}
			fs[f] = fieldMark{seq, c.client, c.author}
		}
		m, _ := json.Marshal(fs)
		if _, err := tx.Exec(ctx, `UPDATE chronoscope.entity SET body = $4::jsonb, seq = $5, changed_by = $6, field_seq = $7::jsonb
			WHERE chronology = $1 AND kind = $2 AND key = $3`, c.chron, o.Kind, o.Key, docText(cur.Merge(o.Fields)), seq, c.author, string(m)); err != nil {
			return result{}, err
		}
	}
	if _, err := tx.Exec(ctx, `INSERT INTO chronoscope.change (chronology, seq, id, client, author, kind, key, op, fields, conflict)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10)`,
		c.chron, seq, o.ID, c.client, c.author, o.Kind, o.Key, o.Op, docText(o.Fields), res.conflict); err != nil {
		return result{}, err
	}
	return res, nil
}

func docText(d data.Doc) string {
	if d == nil {
		return "{}"
	}
	b, _ := json.Marshal(d)
	return string(b)
}

// rawText is a JSON value as text, or nil (SQL NULL) when absent.
func rawText(v json.RawMessage) any {
	if v == nil {
		return nil
	}
	return string(v)
}

// sent records the server's answers in the copy: the outbox shrinks, the
// entities' sequence numbers move on, and an edit to an entity deleted
// elsewhere comes back as a new entity.
func (c *Client) sent(ops []op, results []result) error {
	var notices []Notice
	err := c.st.Update(func(tx *data.Tx) error {
		ids := make([]string, len(ops))
		for i, o := range ops {
			ids[i] = o.ID
			r := results[i]
			e, err := tx.SyncEntryByKey(o.Kind, o.Key)
			if errors.Is(err, data.ErrNotFound) {
				continue // deleted here since
			}
			if err != nil {
				return err
			}
			if r.deletedBy != "" || (r.seq == 0 && o.Op == "update") {
				// Kept as a new entity: forget the key, note it written.
				if err := tx.DeleteSyncEntry(o.Kind, e.ID); err != nil {
					return err
				}
				if err := tx.MarkDirty(data.Ref{Kind: o.Kind, ID: e.ID}); err != nil {
					return err
				}
				notices = append(notices, Notice{Kind: o.Kind, Key: o.Key, Title: o.Title, Other: r.deletedBy,
					Message: fmt.Sprintf("%s deleted %q; your edit is kept as a new %s", r.deletedBy, o.Title, o.Kind)})
				continue
			}
			if r.seq > e.Seq {
				e.Seq = r.seq
			}
			if err := tx.PutSyncEntry(e); err != nil {
				return err
			}
			if r.conflict != "" {
				notices = append(notices, Notice{Kind: o.Kind, Key: o.Key, Title: o.Title, Other: r.conflict,
					Message: fmt.Sprintf("%s had also changed %q; your change was later and is kept, theirs is in the history", r.conflict, o.Title)})
			}
		}
		return tx.RemoveOutbox(ids...)
	})
	if err == nil {
		c.notify(notices)
	}
	return err
}

func (c *Client) notify(ns []Notice) {
	if c.OnNotice == nil {
		return
	}
	for _, n := range ns {
		c.OnNotice(n)
	}
}

// remote is a change read from the server's log.
type remote struct {
	op
	seq      int64
	client   string
	author   string
	conflict string
}

// pull applies the changes others made since the copy's sequence number,
// in order, a batch per transaction of the copy.
func (c *Client) pull(ctx context.Context, conn *pgx.Conn) error {
	for {
		var since int64
		if err := c.st.View(func(tx *data.Tx) error {
			s, err := tx.SyncSetting("seq")
			since, _ = strconv.ParseInt(s, 10, 64)
			return err
		}); err != nil {
			return err
		}
		rows, err := conn.Query(ctx, `SELECT seq, id, client, author, kind, key, op, fields::text, conflict FROM chronoscope.change
			WHERE chronology = $1 AND seq > $2 ORDER BY seq LIMIT 1000`, c.chron, since)
		if err != nil {
			return err
		}
		var batch []remote
		for rows.Next() {
			var r remote
			var fields string
			if err := rows.Scan(&r.seq, &r.ID, &r.client, &r.author, &r.Kind, &r.Key, &r.Op, &fields, &r.conflict); err != nil {
				rows.Close()
				return err
			}
			if err := json.Unmarshal([]byte(fields), &r.Fields); err != nil {
				rows.Close()
				return err
			}
			r.Fields = r.Fields.Canonical() // jsonb's key order is its own
			batch = append(batch, r)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if len(batch) == 0 {
			return nil
		}
		ahead, err := c.ownAhead(ctx, conn, since)
		if err != nil {
			return err
		}
		if err := c.applyRemote(ctx, conn, batch, ahead); err != nil {
			return err
		}
	}
}

// ownChange is one of this copy's changes the server logged.
type ownChange struct {
	seq    int64
	fields map[string]bool
}

// ownAhead returns this copy's changes the server logged after since, by
// entity: an older change of someone else's, pulled after them, must not
// write over the fields they set.
func (c *Client) ownAhead(ctx context.Context, conn *pgx.Conn, since int64) (map[string][]ownChange, error) {
	rows, err := conn.Query(ctx, `SELECT seq, kind, key, op, fields::text FROM chronoscope.change
		WHERE chronology = $1 AND seq > $2 AND client = $3`, c.chron, since, c.client)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string][]ownChange{}
	for rows.Next() {
		var seq int64
		var kind, key, opName, fields string
		if err := rows.Scan(&seq, &kind, &key, &opName, &fields); err != nil {
			return nil, err
		}
		var d data.Doc
		if err := json.Unmarshal([]byte(fields), &d); err != nil {
			return nil, err
		}
		oc := ownChange{seq: seq, fields: map[string]bool{}}
		for f := range d {
			oc.fields[f] = true
		}
		if opName == "delete" {
			oc.fields["*"] = true
		}
		out[kind+"/"+key] = append(out[kind+"/"+key], oc)
	}
	return out, rows.Err()
}

// applyRemote applies one batch of others' changes in one transaction of
// the copy.
func (c *Client) applyRemote(ctx context.Context, conn *pgx.Conn, batch []remote, ahead map[string][]ownChange) error {
	var notices []Notice
	others := false
	err := c.st.Update(func(tx *data.Tx) error {
		before, err := tx.DirtyRefs()
		if err != nil {
			return err
		}
		wasDirty := map[data.Ref]bool{}
		for _, r := range before {
			wasDirty[r] = true
		}
		pending, err := c.pendingFields(tx)
		if err != nil {
			return err
		}
		km := txKeys{tx}
		// The entities applyOne gave a base already: no second read.
		handled := map[data.Ref]bool{}
		for _, r := range batch {
			if r.client == c.client || r.Op == "publish" {
				continue // our own, applied here already
			}
			others = true
			n, err := c.applyOne(ctx, conn, tx, km, r, wasDirty, mineAfter(pending, ahead, r), handled)
			if err != nil {
				return fmt.Errorf("applying change %d (%s %s): %w", r.seq, r.Kind, r.Key, err)
			}
			if n != nil {
				notices = append(notices, *n)
			}
		}
		// What the applying wrote (cascades included) is the server's, not
		// an edit of this copy: its base is what it now is.
		after, err := tx.DirtyRefs()
		if err != nil {
			return err
		}
		var mine []data.Ref
		for _, r := range after {
			if wasDirty[r] {
				continue
			}
			mine = append(mine, r)
			if handled[r] {
				continue
			}
			e, err := tx.SyncEntry(r.Kind, r.ID)
			if errors.Is(err, data.ErrNotFound) {
				continue
			}
			if err != nil {
				return err
			}
			d, err := tx.ReadDoc(r.Kind, r.ID, km)
			if errors.Is(err, data.ErrNotFound) {
				if err := tx.DeleteSyncEntry(r.Kind, r.ID); err != nil {
					return err
				}
				continue
			}
			if err != nil {
				return err
			}
			e.Base = d
			if err := tx.PutSyncEntry(e); err != nil {
				return err
			}
		}
		if err := tx.ClearDirty(mine...); err != nil {
			return err
		}
		return tx.SetSyncSetting("seq", strconv.FormatInt(batch[len(batch)-1].seq, 10))
	})
	if err != nil {
		return err
	}
	if others {
		c.mu.Lock()
		c.status.LastChange = time.Now()
		c.mu.Unlock()
		if c.OnChange != nil {
			c.OnChange()
		}
	}
	c.notify(notices)
	return nil
}

// pendingFields returns, by entity key, the fields of changes still in
// the outbox: this copy's values for them win when they are sent.
func (c *Client) pendingFields(tx *data.Tx) (map[string]map[string]bool, error) {
	items, err := tx.Outbox(1 << 30)
	if err != nil {
		return nil, err
	}
	out := map[string]map[string]bool{}
	for _, it := range items {
		var o op
		if err := json.Unmarshal(it.Body, &o); err != nil {
			return nil, err
		}
		k := o.Kind + "/" + o.Key
		if out[k] == nil {
			out[k] = map[string]bool{}
		}
		if o.Op == "delete" {
			out[k]["*"] = true
		}
		for f := range o.Fields {
			out[k][f] = true
		}
	}
	return out, nil
}

// mineAfter returns the fields of an entity this copy set after the
// remote change r: in its outbox, or logged by the server after r.
func mineAfter(pending map[string]map[string]bool, ahead map[string][]ownChange, r remote) map[string]bool {
	k := r.Kind + "/" + r.Key
	out := map[string]bool{}
	for f := range pending[k] {
		out[f] = true
	}
	for _, oc := range ahead[k] {
		if oc.seq > r.seq {
			for f := range oc.fields {
				out[f] = true
			}
		}
	}
	return out
}

// applyOne applies another's change to the copy; mine are the fields this
// copy set after it, which it leaves.
func (c *Client) applyOne(ctx context.Context, conn *pgx.Conn, tx *data.Tx, km data.KeyMap, r remote,
	wasDirty map[data.Ref]bool, mine map[string]bool, handled map[data.Ref]bool) (*Notice, error) {
	e, err := tx.SyncEntryByKey(r.Kind, r.Key)
	known := err == nil
	if err != nil && !errors.Is(err, data.ErrNotFound) {
		return nil, err
	}
	if known && mine["*"] {
		return nil, nil // deleted here; the delete is on its way
	}
	var local data.Doc // this copy's edits not yet queued
	if known && wasDirty[data.Ref{Kind: r.Kind, ID: e.ID}] {
		cur, err := tx.ReadDoc(r.Kind, e.ID, km)
		if err != nil && !errors.Is(err, data.ErrNotFound) {
			return nil, err
		}
		if cur != nil && e.Base != nil {
			local = cur.Diff(e.Base)
		}
	}
	switch r.Op {
	case "delete":
		if !known {
			return nil, nil
		}
		if len(local) > 0 || len(mine) > 0 {
			// Edited here: keep it, as a new entity.
			if err := tx.DeleteSyncEntry(r.Kind, e.ID); err != nil {
				return nil, err
			}
			if err := c.dropPending(tx, r.Kind, r.Key); err != nil {
				return nil, err
			}
			d, _ := tx.ReadDoc(r.Kind, e.ID, km)
			if err := tx.MarkDirty(data.Ref{Kind: r.Kind, ID: e.ID}); err != nil {
				return nil, err
			}
			t := title(d)
			return &Notice{Kind: r.Kind, Key: r.Key, Title: t, Other: r.author,
				Message: fmt.Sprintf("%s deleted %q; your edit is kept as a new %s", r.author, t, r.Kind)}, nil
		}
		if err := tx.DeleteDoc(r.Kind, e.ID); err != nil {
			return nil, err
		}
		return nil, tx.DeleteSyncEntry(r.Kind, e.ID)
	case "create", "update":
		if !known {
			// New here: take the whole entity as the server has it now
			// (later changes in the log write over it again, harmlessly).
			body, seq, added, changed, err := c.entityBody(ctx, conn, r.Kind, r.Key)
			if errors.Is(err, pgx.ErrNoRows) {
				return nil, nil // deleted since
			}
			if err != nil {
				return nil, err
			}
			id, err := tx.WriteDoc(r.Kind, 0, body, km)
			if err != nil || id == 0 {
				return nil, err
			}
			handled[data.Ref{Kind: r.Kind, ID: id}] = true
			return nil, tx.PutSyncEntry(data.SyncEntry{Kind: r.Kind, ID: id, Key: r.Key, Seq: max(seq, r.seq), Base: body,
				AddedBy: added, ChangedBy: changed})
		}
		apply := data.Doc{}
		for f, v := range r.Fields {
			if mine[f] {
				continue // this copy's queued value wins when it is sent
			}
			if _, ok := local[f]; !ok {
				apply[f] = v
			}
		}
		if _, err := tx.WriteDoc(r.Kind, e.ID, apply, km); err != nil {
			return nil, err
		}
		base := e.Base
		for f, v := range r.Fields {
			if !mine[f] {
				base = base.Merge(data.Doc{f: v})
			}
		}
		e.Base, e.Seq, e.ChangedBy = base, max(e.Seq, r.seq), r.author
		if err := tx.PutSyncEntry(e); err != nil {
			return nil, err
		}
		if !wasDirty[data.Ref{Kind: r.Kind, ID: e.ID}] {
			handled[data.Ref{Kind: r.Kind, ID: e.ID}] = true
		}
		if r.conflict != "" && r.conflict == c.author {
			t := title(base)
			return &Notice{Kind: r.Kind, Key: r.Key, Title: t, Other: r.author,
				Message: fmt.Sprintf("%s changed %q after you; their change is kept, yours is in the history", r.author, t)}, nil
		}
	}
	return nil, nil
}

// dropPending removes the outbox's changes to one entity.
func (c *Client) dropPending(tx *data.Tx, kind, key string) error {
	items, err := tx.Outbox(1 << 30)
	if err != nil {
		return err
	}
	for _, it := range items {
		var o op
		if err := json.Unmarshal(it.Body, &o); err != nil {
			return err
		}
		if o.Kind == kind && o.Key == key {
			if err := tx.RemoveOutbox(it.ID); err != nil {
				return err
			}
		}
	}
	return nil
}

// entityBody reads one entity as the server has it.
func (c *Client) entityBody(ctx context.Context, conn *pgx.Conn, kind, key string) (data.Doc, int64, string, string, error) {
	var body string
	var seq int64
	var added, changed string
	err := conn.QueryRow(ctx, `SELECT body::text, seq, added_by, changed_by FROM chronoscope.entity
		WHERE chronology = $1 AND kind = $2 AND key = $3 AND NOT deleted`, c.chron, kind, key).Scan(&body, &seq, &added, &changed)
	if err != nil {
		return nil, 0, "", "", err
	}
	var d data.Doc
	err = json.Unmarshal([]byte(body), &d)
	return d.Canonical(), seq, added, changed, err
}

// presence notes this copy as connected and reads who else is.
func (c *Client) presence(ctx context.Context, conn *pgx.Conn) error {
	c.mu.Lock()
	ro := c.readOnly
	c.mu.Unlock()
	if !ro {
		if _, err := conn.Exec(ctx, `INSERT INTO chronoscope.presence (chronology, client, author, seen) VALUES ($1, $2, $3, now())
			ON CONFLICT (chronology, client) DO UPDATE SET author = $3, seen = now()`, c.chron, c.client, c.author); err != nil {
			return err
		}
	}
	rows, err := conn.Query(ctx, `SELECT DISTINCT author FROM chronoscope.presence
		WHERE chronology = $1 AND client <> $2 AND author <> $3 AND seen > now() - interval '1 minute' ORDER BY author`, c.chron, c.client, c.author)
	if err != nil {
		return err
	}
	others, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return err
	}
	c.mu.Lock()
	c.status.Others = others
	c.mu.Unlock()
	return nil
}

// Keys returns the copy's KeyMap inside a transaction of it: shared keys
// from sync_key, fresh ones for entities made here.
func Keys(tx *data.Tx) data.KeyMap { return txKeys{tx} }
