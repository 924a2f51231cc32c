// Package pgsync shares a chronology through a PostgreSQL server, so that
// several people build it at once.
//
// The server is the authority: it keeps every entity of a chronology (see
// data.Doc) and an ordered log of the changes made to them. Each window
// works on a local copy, an ordinary .chrono file in the user's cache
// folder, so that the timeline, search and filters stay as fast as with
// any file. The copy notes what the window writes (data.Store.EnableJournal);
// Client.Sync turns those notes into changes (the outbox, kept in the copy,
// so that nothing is lost offline or in a crash), sends them, and applies
// the changes others made since, in the server's order. Every change has
// an id, so one sent twice (after a lost answer) is applied once.
//
// When two people change the same field of the same entity, the change
// that reaches the server later wins, and the value it replaced goes to
// the server's history; both sides hear of it (Notice). An edit to an
// entity someone else deleted comes back as a new entity.
package pgsync

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// SchemaVersion is the version of the server schema this build writes.
const SchemaVersion = 1

// schema is the server's tables, in their own PostgreSQL schema so they
// never meet a newsroom database's other tables. Forward-only like the
// file's: version n+1 adds to version n.
var schema = []string{
	// version 1
	`CREATE TABLE chronoscope.chronology (
		id         bigserial PRIMARY KEY,
		name       text NOT NULL UNIQUE,
		created_by text NOT NULL,
		created_at timestamptz NOT NULL DEFAULT now(),
		last_seq   bigint NOT NULL DEFAULT 0
	);
	CREATE TABLE chronoscope.entity (
		chronology bigint NOT NULL REFERENCES chronoscope.chronology ON DELETE CASCADE,
		kind       text NOT NULL,
		key        text NOT NULL,
		body       jsonb NOT NULL,
		deleted    boolean NOT NULL DEFAULT false,
		seq        bigint NOT NULL,
		added_by   text NOT NULL,
		changed_by text NOT NULL,
		field_seq  jsonb NOT NULL DEFAULT '{}',
		PRIMARY KEY (chronology, kind, key)
	);
	CREATE TABLE chronoscope.change (
		chronology bigint NOT NULL REFERENCES chronoscope.chronology ON DELETE CASCADE,
		seq        bigint NOT NULL,
		id         text NOT NULL UNIQUE,
		client     text NOT NULL,
		author     text NOT NULL,
		at         timestamptz NOT NULL DEFAULT now(),
		kind       text NOT NULL,
		key        text NOT NULL,
		op         text NOT NULL,
		fields     jsonb NOT NULL,
		conflict   text NOT NULL DEFAULT '',
		PRIMARY KEY (chronology, seq)
	);
	CREATE TABLE chronoscope.history (
		chronology  bigint NOT NULL REFERENCES chronoscope.chronology ON DELETE CASCADE,
		kind        text NOT NULL,
		key         text NOT NULL,
		field       text NOT NULL,
		value       jsonb,
		author      text NOT NULL,
		replaced_at bigint NOT NULL,
		at          timestamptz NOT NULL DEFAULT now()
	);
	CREATE INDEX history_entity ON chronoscope.history (chronology, kind, key);
	CREATE TABLE chronoscope.presence (
		chronology bigint NOT NULL REFERENCES chronoscope.chronology ON DELETE CASCADE,
		client     text NOT NULL,
		author     text NOT NULL,
		seen       timestamptz NOT NULL DEFAULT now(),
		PRIMARY KEY (chronology, client)
	);`,
}

// ErrSchemaTooNew is returned for a server whose schema a newer build of
// Chronoscope wrote.
var ErrSchemaTooNew = errors.New("the server's chronologies were written by a newer Chronoscope; update this one to open them")

// ErrReadOnly is returned when the server lets this user read only.
var ErrReadOnly = errors.New("this server lets you read the chronology, not change it")

// ErrNoChronology is returned when the server holds no chronology of the
// name asked for.
var ErrNoChronology = errors.New("no such chronology on the server")

// Migrate creates or updates the server schema (forward only), and
// refuses a schema newer than this build's.
func Migrate(ctx context.Context, conn *pgx.Conn) error {
	tx, err := conn.Begin(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	// One migrator at a time, whoever they are.
	if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock(727100)"); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, "CREATE SCHEMA IF NOT EXISTS chronoscope"); err != nil {
		return fmt.Errorf("creating the schema: %w", err)
	}
	if _, err := tx.Exec(ctx, "CREATE TABLE IF NOT EXISTS chronoscope.version (version int NOT NULL)"); err != nil {
		return err
	}
	var v int
	err = tx.QueryRow(ctx, "SELECT version FROM chronoscope.version").Scan(&v)
	if errors.Is(err, pgx.ErrNoRows) {
		if _, err := tx.Exec(ctx, "INSERT INTO chronoscope.version VALUES (0)"); err != nil {
			return err
		}
	} else if err != nil {
		return err
	}
	if v > SchemaVersion {
		return fmt.Errorf("%w (server schema %d, this build %d)", ErrSchemaTooNew, v, SchemaVersion)
	}
	for ; v < SchemaVersion; v++ {
		if _, err := tx.Exec(ctx, schema[v]); err != nil {
			return fmt.Errorf("migrating the server to version %d: %w", v+1, err)
		}
	}
	if _, err := tx.Exec(ctx, "UPDATE chronoscope.version SET version = $1", SchemaVersion); err != nil {
		return err
	}
	return tx.Commit(ctx)
}

// checkSchema refuses a server without the schema or with a newer one,
// without writing (a read-only role cannot migrate).
func checkSchema(ctx context.Context, conn *pgx.Conn) error {
	var v int
	err := conn.QueryRow(ctx, "SELECT version FROM chronoscope.version").Scan(&v)
	var pe *pgconn.PgError
	if errors.As(err, &pe) && (pe.Code == "42P01" || pe.Code == "3F000") { // undefined table or schema
		return fmt.Errorf("%w (the server has no shared chronologies yet)", ErrNoChronology)
	}
	if err != nil {
		return err
	}
	if v > SchemaVersion {
		return fmt.Errorf("%w (server schema %d, this build %d)", ErrSchemaTooNew, v, SchemaVersion)
	}
	if v < SchemaVersion {
		return Migrate(ctx, conn)
	}
	return nil
}

// A Target is a shared chronology: a connection URL and a chronology's
// name on that server.
type Target struct {
	URL  string // postgres://user@host:port/db?sslmode=…, without the chronology
	Name string // the chronology's name; "" for the server's only one
}

// ParseTarget reads "postgres://user@host/db?sslmode=disable&chronology=NAME"
// (also postgresql://); the chronology parameter is Chronoscope's, not the
// driver's, and is taken out of the URL.
func ParseTarget(s string) (Target, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return Target{}, fmt.Errorf("%q is not a postgres:// URL", Redact(s))
	}
	q := u.Query()
	name := q.Get("chronology")
	q.Del("chronology")
	u.RawQuery = q.Encode()
	return Target{URL: u.String(), Name: name}, nil
}

// IsURL reports whether s names a shared chronology rather than a file.
func IsURL(s string) bool {
	return strings.HasPrefix(s, "postgres://") || strings.HasPrefix(s, "postgresql://")
}

// String returns the target as a URL, with the chronology and without any
// password.
func (t Target) String() string {
	s := Redact(t.URL)
	if t.Name == "" {
		return s
	}
	sep := "?"
	if strings.Contains(s, "?") {
		sep = "&"
	}
	return s + sep + "chronology=" + url.QueryEscape(t.Name)
}

// Redact returns a connection URL with its password, if any, replaced.
func Redact(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	return u.String()
}

// ErrPassword is returned when the server refuses the password (or wants
// one and none was given).
var ErrPassword = errors.New("the server refused the password")

// Connect opens a connection to the target's server. password, when not
// empty, is used instead of one in the URL or ~/.pgpass. Errors never
// hold the password.
func Connect(ctx context.Context, t Target, password string) (*pgx.Conn, error) {
	cfg, err := pgx.ParseConfig(t.URL)
	if err != nil {
		return nil, fmt.Errorf("%s: %s", Redact(t.URL), strings.ReplaceAll(err.Error(), password, "xxxxx"))
	}
	if password != "" {
		cfg.Password = password
	}
	if cfg.RuntimeParams == nil {
		cfg.RuntimeParams = map[string]string{}
	}
	cfg.RuntimeParams["application_name"] = "chronoscope"
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		var pe *pgconn.PgError
		if errors.As(err, &pe) && (pe.Code == "28P01" || pe.Code == "28000") {
			return nil, fmt.Errorf("%s: %w for user %q", Redact(t.URL), ErrPassword, cfg.User)
		}
		msg := err.Error()
		if cfg.Password != "" {
			msg = strings.ReplaceAll(msg, cfg.Password, "xxxxx")
		}
		if strings.Contains(msg, "password") && strings.Contains(msg, "no password") {
			return nil, fmt.Errorf("%s: %w for user %q", Redact(t.URL), ErrPassword, cfg.User)
		}
		return nil, fmt.Errorf("%s: %s", Redact(t.URL), msg)
	}
	return conn, nil
}

// A ChooseError is returned when a URL names no chronology and the server
// holds several: the user chooses one of Names.
type ChooseError struct{ Names []string }

func (e *ChooseError) Error() string {
	n := e.Names
	if len(n) > 3 {
		n = n[:3]
	}
	return fmt.Sprintf("the server holds %d chronologies; name one with ?chronology=NAME (%s…)", len(e.Names), `"`+strings.Join(n, `", "`)+`"`)
}

// chronologyID finds the target's chronology on the server.
func chronologyID(ctx context.Context, conn *pgx.Conn, name string) (int64, string, error) {
	if err := checkSchema(ctx, conn); err != nil {
		return 0, "", err
	}
	rows, err := conn.Query(ctx, "SELECT id, name FROM chronoscope.chronology WHERE $1 = '' OR name = $1 ORDER BY name LIMIT 1000", name)
	if err != nil {
		return 0, "", err
	}
	defer rows.Close()
	var ids []int64
	var names []string
	for rows.Next() {
		var id int64
		var n string
		if err := rows.Scan(&id, &n); err != nil {
			return 0, "", err
		}
		ids, names = append(ids, id), append(names, n)
	}
	if err := rows.Err(); err != nil {
		return 0, "", err
	}
	switch {
	case len(ids) == 0 && name == "":
		return 0, "", fmt.Errorf("%w (the server has none)", ErrNoChronology)
	case len(ids) == 0:
		return 0, "", fmt.Errorf("%w: %q", ErrNoChronology, name)
	case len(ids) > 1:
		return 0, "", &ChooseError{Names: names}
	}
	return ids[0], names[0], nil
}

// Chronologies lists the names of the chronologies on a server.
func Chronologies(ctx context.Context, conn *pgx.Conn) ([]string, error) {
	if err := checkSchema(ctx, conn); err != nil {
		if errors.Is(err, ErrNoChronology) {
			return nil, nil
		}
		return nil, err
	}
	rows, err := conn.Query(ctx, "SELECT name FROM chronoscope.chronology ORDER BY name")
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, pgx.RowTo[string])
}
