package data

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"

	sqlite3 "github.com/mattn/go-sqlite3"
)

//go:embed migrations/*.sql
var migrationFiles embed.FS

// ApplicationID marks a SQLite file as a Chronoscope chronology
// (PRAGMA application_id; the bytes "Chro").
const ApplicationID = 0x4368726f

// Extension is the file name extension of a chronology.
const Extension = ".chrono"

// ErrNewerVersion is returned when a file was written by a newer
// Chronoscope whose schema this build does not know; it is never downgraded.
var ErrNewerVersion = errors.New("written by a newer version of Chronoscope")

// ErrNotChronology is returned for a file that is not a Chronoscope
// chronology (not SQLite, or a SQLite file of another program).
var ErrNotChronology = errors.New("not a Chronoscope chronology")

// ErrDamaged is returned for a chronology file that is truncated or
// otherwise damaged.
var ErrDamaged = errors.New("the file is damaged")

// ErrReadOnly is returned by every write on a store opened read-only.
var ErrReadOnly = errors.New("the chronology is open read-only")

// ErrBusy is returned when another program (or another Chronoscope) held
// the file's write lock for longer than the busy timeout (5 s).
var ErrBusy = errors.New("the file is locked by another program (or another Chronoscope) changing it; try again later")

// Store is one chronology file. Every public method is one transaction.
// A Store is safe for concurrent use.
type Store struct {
	db       *sql.DB // the one write connection (nil when read-only)
	rdb      *sql.DB // read connections
	path     string
	readOnly bool
	// tidy is set when a read-only store found no -wal file beside its
	// file: SQLite makes one (and a -shm) to read a WAL-mode file, and
	// Close removes them again if no one else has the file open.
	tidy bool

	watchMu sync.Mutex
	watch   *sql.Conn // the read connection DataVersion asks, once asked
}

type migration struct {
	version int
	name    string
	sql     string
}

func migrations() []migration {
	entries, err := fs.ReadDir(migrationFiles, "migrations")
	if err != nil {
		panic(err) // embedded at build time; cannot fail
	}
	var ms []migration
	for _, e := range entries {
		v, err := strconv.Atoi(strings.SplitN(e.Name(), "_", 2)[0])
		if err != nil {
			panic("migration file without a version: " + e.Name())
		}
		b, _ := migrationFiles.ReadFile("migrations/" + e.Name())
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	for i, m := range ms {
		if m.version != i+1 {
			panic("migrations are not numbered 1, 2, 3…: " + m.name)
		}
	}
	return ms
}

// SchemaVersion is the schema version this build writes.
func SchemaVersion() int { return len(migrations()) }

func init() {
	sql.Register(driverName, &sqlite3.SQLiteDriver{
		ConnectHook: func(c *sqlite3.SQLiteConn) error {
			// Files may come from elsewhere: never run SQL functions from
			// the schema (triggers, views) with side effects, and check
			// cell sizes so a damaged page gives an error, not a crash.
			// Large sorts (the indexes built after a bulk load, a list
			// of a million events by title) may use a second thread.
			_, err := c.Exec("PRAGMA trusted_schema = OFF; PRAGMA cell_size_check = ON; PRAGMA threads = 2;", nil)
			return err
		},
	})
}

const driverName = "chronoscope-sqlite3"

// dsn builds a SQLite URI for path. mode is "ro" or "rw"; write
// connections take the write lock when a transaction begins, so two
// writers never deadlock upgrading a read lock.
func dsn(path, mode string, write bool) string {
	u := url.URL{Scheme: "file", Opaque: (&url.URL{Path: path}).EscapedPath()}
	q := url.Values{}
	q.Set("mode", mode)
	q.Set("_foreign_keys", "1")
	q.Set("_busy_timeout", "5000")
	// database/sql hands a connection to one goroutine at a time, so
	// SQLite's lock around every call (each bound value, each column
	// read is one) only costs time.
	q.Set("_mutex", "no")
	if write {
		q.Set("_cache_size", "-65536") // 64 MiB of page cache: bulk writes touch many pages
		q.Set("_txlock", "immediate")
		q.Set("_journal_mode", "WAL")
		q.Set("_synchronous", "NORMAL")
	} else {
		q.Set("_txlock", "deferred")
		q.Set("_query_only", "1")
		q.Set("_cache_size", "-2048") // 2 MiB per read connection: reads are small windows and pages (scans drop what they cached), and the OS page cache serves the rest
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// Create makes a new, empty chronology file at path with the given title.
// It fails if the file exists.
func Create(path string, c Chronology) (*Store, error) {
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	f.Close()
	s, err := open(path, "rw", true)
	if err != nil {
		os.Remove(path)
		return nil, err
	}
	if err := s.SetChronology(c); err != nil {
		s.Close()
		os.Remove(path)
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	return s, nil
}

// Open opens an existing chronology for reading and writing, bringing its
// schema up to date. It returns ErrNotChronology or ErrNewerVersion
// (wrapped with the path) for files it must not touch.
func Open(path string) (*Store, error) { return open(path, "rw", false) }

// OpenReadOnly opens an existing chronology without ever writing to it;
// writes return ErrReadOnly. A file whose schema is older than this build's
// is refused, since bringing it up to date would write.
func OpenReadOnly(path string) (*Store, error) { return open(path, "ro", false) }

// sniff checks the file header before SQLite sees the file, so a file that
// is not SQLite is reported without being touched. An empty file is
// accepted only when Create has just made it.
func sniff(path string, allowEmpty bool) error {
	f, err := os.Open(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return pe.Err // open() names the path already
		}
		return err
	}
	defer f.Close()
	head := make([]byte, 100)
	n, err := io.ReadFull(f, head)
	if n == 0 && (err == io.EOF || err == nil) {
		if allowEmpty {
			return nil // a file just made by Create
		}
		return fmt.Errorf("%w: the file is empty", ErrNotChronology)
	}
	if n < 100 || !bytes.HasPrefix(head, []byte("SQLite format 3\x00")) {
		return fmt.Errorf("%w: not a SQLite database", ErrNotChronology)
	}
	appID := uint32(head[68])<<24 | uint32(head[69])<<16 | uint32(head[70])<<8 | uint32(head[71])
	userVersion := uint32(head[60])<<24 | uint32(head[61])<<16 | uint32(head[62])<<8 | uint32(head[63])
	if appID != ApplicationID && !(appID == 0 && userVersion == 0) {
		return fmt.Errorf("%w: a SQLite database of another program", ErrNotChronology)
	}
	// Files refused below are refused from the header, before SQLite
	// opens them: a read-only connection to a file in WAL mode (header
	// bytes 18 and 19 are 2) would leave -wal and -shm files beside it.
	if appID == ApplicationID && int(userVersion) > SchemaVersion() {
		return fmt.Errorf("%w (schema %d; this build knows up to %d): update Chronoscope to open it", ErrNewerVersion, userVersion, SchemaVersion())
	}
	// Version 0 with tables (a root page beyond page 1) is another
	// program's; a Chronoscope file at version 0 is one Create did not
	// finish, with no tables.
	dbPages := int64(head[28])<<24 | int64(head[29])<<16 | int64(head[30])<<8 | int64(head[31])
	if appID == 0 && userVersion == 0 && dbPages > 1 && !allowEmpty {
		return fmt.Errorf("%w: a SQLite database of another program", ErrNotChronology)
	}
	// The header records the database's size in pages; a shorter file
	// lost its end — unless a write-ahead log is beside it: a process
	// killed while copying the log back into the file (a checkpoint) can
	// leave the new header written and the file not yet grown, and the
	// log, which SQLite replays on open, still holds every page.
	if st, err := os.Stat(path + "-wal"); err == nil && st.Size() > 0 {
		return nil
	}
	pageSize := int64(head[16])<<8 | int64(head[17])
	if pageSize == 1 {
		pageSize = 65536
	}
	pages := int64(head[28])<<24 | int64(head[29])<<16 | int64(head[30])<<8 | int64(head[31])
	if st, err := f.Stat(); err == nil && pages > 0 && st.Size() < pages*pageSize {
		return fmt.Errorf("%w: it is truncated (%d of %d bytes)", ErrDamaged, st.Size(), pages*pageSize)
	}
	return nil
}

func open(path, mode string, allowEmpty bool) (s *Store, err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("open %s: %w", path, err)
		}
	}()
	if err := sniff(path, allowEmpty); err != nil {
		return nil, err
	}
	if mode == "rw" {
		// A file that cannot be written (read-only media, an immutable or
		// a write-protected file) is reported as such, for the caller to
		// open it read-only instead.
		f, err := os.OpenFile(path, os.O_RDWR, 0)
		if err != nil {
			return nil, fmt.Errorf("%w: the file cannot be written (%v)", ErrReadOnly, errors.Unwrap(err))
		}
		f.Close()
	}
	s = &Store{path: path, readOnly: mode == "ro"}
	if s.readOnly {
		_, err := os.Lstat(path + "-wal")
		s.tidy = errors.Is(err, fs.ErrNotExist)
	}
	readDSN := dsn(path, mode, false)
	if s.tidy && !writable(path) {
		// This process may not write the file and no log is beside it:
		// read it as immutable, which needs no -shm or -wal at all
		// (SQLite could not remove them afterwards). Reads may fail if
		// its owner changes it meanwhile; they never harm it.
		readDSN += "&immutable=1"
		s.tidy = false
	}
	if s.rdb, err = sql.Open(driverName, readDSN); err != nil {
		return nil, err
	}
	s.rdb.SetMaxOpenConns(4)
	if !s.readOnly {
		if s.db, err = sql.Open(driverName, dsn(path, mode, true)); err != nil {
			s.rdb.Close()
			return nil, err
		}
		s.db.SetMaxOpenConns(1)
	}
	if err := s.prepare(); err != nil {
		s.closeDBs()
		if s.tidy {
			removeReadLitter(path)
		}
		return nil, err
	}
	return s, nil
}

func (s *Store) closeDBs() error {
	var err error
	s.watchMu.Lock()
	if s.watch != nil {
		s.watch.Close()
		s.watch = nil
	}
	s.watchMu.Unlock()
	if s.db != nil {
		err = s.db.Close()
	}
	if e := s.rdb.Close(); err == nil {
		err = e
	}
	return err
}

// prepare checks the file's identity and version and runs the migrations
// it lacks, each in its own transaction.
func (s *Store) prepare() error {
	ctx := context.Background()
	var version, appID int
	if err := s.rdb.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return translate(err)
	}
	if err := s.rdb.QueryRowContext(ctx, "PRAGMA application_id").Scan(&appID); err != nil {
		return translate(err)
	}
	ms := migrations()
	if version > len(ms) {
		return fmt.Errorf("%w (schema %d; this build knows up to %d): update Chronoscope to open it", ErrNewerVersion, version, len(ms))
	}
	if version == 0 {
		var n int
		if err := s.rdb.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_schema").Scan(&n); err != nil {
			return translate(err)
		}
		if n > 0 || (appID != 0 && appID != ApplicationID) {
			return fmt.Errorf("%w: a SQLite database of another program", ErrNotChronology)
		}
	} else if appID != ApplicationID {
		return fmt.Errorf("%w: a SQLite database of another program", ErrNotChronology)
	} else {
		// A file that claims to be a chronology must have its tables
		// before a migration writes to it.
		var n int
		if err := s.rdb.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_schema WHERE type = 'table'
			AND name IN ('chronology', 'actor', 'event', 'source', 'citation', 'era')`).Scan(&n); err != nil {
			return translate(err)
		}
		if n != 6 {
			return fmt.Errorf("%w: it lacks Chronoscope's tables", ErrNotChronology)
		}
	}
	if version == len(ms) {
		return nil
	}
	if s.readOnly {
		return fmt.Errorf("%w: its schema (version %d) needs updating to version %d first", ErrReadOnly, version, len(ms))
	}
	for _, m := range ms[version:] {
		if err := s.migrate(ctx, m); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, translate(err))
		}
	}
	shrinkWriteCache(s.db)
	return nil
}

// shrinkWriteCache gives back the pages the write connection (the store's
// one, or a transaction's hold on it) keeps cached after a large write (a
// migration, a bulk load): up to 64 MiB the window would otherwise hold
// for as long as the file is open, since its own edits touch few pages.
// The next large write fills the cache again.
func shrinkWriteCache(c interface {
	ExecContext(context.Context, string, ...any) (sql.Result, error)
}) {
	c.ExecContext(context.Background(), "PRAGMA shrink_memory") // only ever frees; nothing to report
}

func (s *Store) migrate(ctx context.Context, m migration) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	// Re-read the version inside the write transaction: another process
	// may have run this migration meanwhile.
	var version int
	if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&version); err != nil {
		return err
	}
	if version >= m.version {
		return nil
	}
	if version != m.version-1 {
		return fmt.Errorf("file is at version %d, expected %d", version, m.version-1)
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA application_id = %d", ApplicationID)); err != nil {
		return err
	}
	return tx.Commit()
}

// translate turns driver errors into the package's errors.
func translate(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	var se sqlite3.Error
	if errors.As(err, &se) {
		switch se.Code {
		case sqlite3.ErrNotADB:
			return fmt.Errorf("%w: not a SQLite database", ErrNotChronology)
		case sqlite3.ErrReadonly:
			return fmt.Errorf("%w (%v)", ErrReadOnly, err)
		case sqlite3.ErrCorrupt:
			return fmt.Errorf("%w (%v)", ErrDamaged, err)
		case sqlite3.ErrBusy, sqlite3.ErrLocked:
			return fmt.Errorf("%w (%v)", ErrBusy, err)
		}
	}
	return err
}

// Path returns the file the store was opened on.
func (s *Store) Path() string { return s.path }

// ReadOnly reports whether the store was opened read-only.
func (s *Store) ReadOnly() bool { return s.readOnly }

// Close checkpoints the write-ahead log and closes the file.
func (s *Store) Close() error {
	if s.db != nil {
		s.db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
	}
	err := s.closeDBs()
	if s.tidy {
		removeReadLitter(s.path)
	}
	return err
}

// DataVersion returns a number that changes whenever another connection
// to the file — another window, another program — commits a change; this
// store's own writes leave it as it is. A window polls it to show changes
// made elsewhere.
func (s *Store) DataVersion() (int64, error) {
	var v int64
	if s.db != nil {
		// The one write connection: its data_version moves only with
		// other connections' commits.
		err := s.db.QueryRow("PRAGMA data_version").Scan(&v)
		return v, translate(err)
	}
	// A read-only store writes nothing itself, but each connection keeps
	// its own count, so one is kept for this.
	s.watchMu.Lock()
	defer s.watchMu.Unlock()
	if s.watch == nil {
		c, err := s.rdb.Conn(context.Background())
		if err != nil {
			return 0, translate(err)
		}
		s.watch = c
	}
	err := s.watch.QueryRowContext(context.Background(), "PRAGMA data_version").Scan(&v)
	return v, translate(err)
}

// ReleaseMemory gives memory the process no longer uses back to the
// system: SQLite's freed sorters and temporary tables, which the C heap
// otherwise keeps. It is cheap, and safe at any time.
func ReleaseMemory() { trimCHeap() }

// writable reports whether this process may write the file at path.
func writable(path string) bool {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return false
	}
	f.Close()
	return true
}

// removeReadLitter removes the empty -wal and the -shm that reading a
// WAL-mode file at path left beside it, the way SQLite does: the last
// read-write connection to close deletes them. So it opens one, reads,
// and closes it; if another connection (another window, another program)
// still has the file open, SQLite leaves the files to it. Nothing is
// written to the file (the empty log has nothing to copy back), and a
// file that cannot be written is left alone.
func removeReadLitter(path string) {
	if st, err := os.Stat(path + "-wal"); err != nil || st.Size() != 0 || !writable(path) {
		return
	}
	db, err := sql.Open(driverName, dsn(path, "rw", false))
	if err != nil {
		return
	}
	db.Exec("SELECT count(*) FROM sqlite_schema")
	db.Close()
}

// Check runs SQLite's integrity check and the foreign-key check, verifies
// every image (see checkImages), and returns the problems found (none for
// a sound file).
func (s *Store) Check() ([]string, error) {
	var problems []string
	rows, err := s.rdb.Query("PRAGMA integrity_check")
	if err != nil {
		return nil, translate(err)
	}
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			rows.Close()
			return nil, translate(err)
		}
		if msg != "ok" {
			problems = append(problems, msg)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, translate(err)
	}
	rows, err = s.rdb.Query("PRAGMA foreign_key_check")
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	for rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fkid int
		if err := rows.Scan(&table, &rowid, &parent, &fkid); err != nil {
			return nil, translate(err)
		}
		problems = append(problems, fmt.Sprintf("%s row %d refers to a missing %s", table, rowid.Int64, parent))
	}
	if err := rows.Err(); err != nil {
		return nil, translate(err)
	}
	more, err := s.checkImages()
	return append(problems, more...), err
}

// QuickCheck runs SQLite's quick check (the file's structure, without the
// index cross-checks of Check) and returns the problems found.
func (s *Store) QuickCheck() ([]string, error) {
	ctx := context.Background()
	c, err := s.rdb.Conn(ctx)
	if err != nil {
		return nil, translate(err)
	}
	defer c.Close()
	// The check reads every page: the connection's cache is dropped
	// afterwards instead of holding the last of them.
	defer c.ExecContext(ctx, "PRAGMA shrink_memory")
	rows, err := c.QueryContext(ctx, "PRAGMA quick_check")
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var msg string
		if err := rows.Scan(&msg); err != nil {
			return nil, translate(err)
		}
		if msg != "ok" {
			problems = append(problems, msg)
		}
	}
	return problems, translate(rows.Err())
}

// Update runs fn in one write transaction: all of fn's changes are
// committed together, or none if fn returns an error or panics (the panic
// goes on after the rollback, so the write connection is never left held).
func (s *Store) Update(fn func(tx *Tx) error) error {
	if s.readOnly {
		return ErrReadOnly
	}
	// The transaction holds its connection, so that bulk writes and row
	// reads can use the driver's statements directly (Tx.rawQuery).
	conn, err := s.db.Conn(context.Background())
	if err != nil {
		return translate(err)
	}
	defer conn.Close()
	sqlTx, err := conn.BeginTx(context.Background(), nil)
	if err != nil {
		return translate(err)
	}
	tx := &Tx{tx: sqlTx, conn: conn, stmts: map[string]*sql.Stmt{}}
	committed := false
	defer func() {
		tx.close()
		if !committed {
			sqlTx.Rollback()
		}
	}()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.flush(); err != nil {
		return err
	}
	if err := tx.restoreIndexes(); err != nil {
		return err
	}
	if err := tx.syncIndex(); err != nil {
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return translate(err)
	}
	committed = true
	if tx.bulk.written >= bulkIndexFloor {
		shrinkWriteCache(conn)
	}
	return nil
}

// View runs fn in one read transaction, a consistent snapshot of the file.
func (s *Store) View(fn func(tx *Tx) error) error {
	conn, err := s.rdb.Conn(context.Background())
	if err != nil {
		return translate(err)
	}
	defer conn.Close()
	sqlTx, err := conn.BeginTx(context.Background(), nil)
	if err != nil {
		return translate(err)
	}
	tx := &Tx{tx: sqlTx, conn: conn, stmts: map[string]*sql.Stmt{}, readOnly: true}
	defer tx.close()
	defer sqlTx.Rollback()
	return fn(tx)
}

// SaveCopy writes a consistent copy of the chronology to path (which must
// not exist) with VACUUM INTO, while the store stays open.
func (s *Store) SaveCopy(path string) error {
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("save copy to %s: file exists", path)
	}
	db := s.db
	if db == nil {
		db = s.rdb
	}
	if _, err := db.Exec("VACUUM INTO ?", path); err != nil {
		return fmt.Errorf("save copy to %s: %w", path, translate(err))
	}
	return nil
}
