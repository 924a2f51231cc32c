package data

import (
	"database/sql"
	"errors"
	"fmt"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// Tx is one transaction on a Store, given to the functions passed to
// Store.Update and Store.View. Its statements are prepared once per
// transaction, so bulk work (imports, the generator) stays fast.
type Tx struct {
	tx       *sql.Tx
	conn     *sql.Conn // the write transaction's connection (nil when reading)
	stmts    map[string]*sql.Stmt
	readOnly bool

	unindexed idRanges       // events made in this transaction, not yet in the full-text index
	requote   map[int64]bool // indexed events whose citations changed since (see searchindex.go)
	recount   map[int64]bool // events not yet indexed whose citations or links changed after their row was written

	bulk bulk // new rows waiting to be written together (see bulk.go)
}

func (t *Tx) close() {
	for _, st := range t.stmts {
		st.Close()
	}
	t.closeBulk()
}

// stmt returns the prepared statement q, after writing the rows that
// wait (any statement may read or change them) and making again the
// indexes a bulk load dropped (it may need them): use it for every
// statement but those that touch no table written in bulk.
func (t *Tx) stmt(q string) (*sql.Stmt, error) {
	if err := t.flush(); err != nil {
		return nil, err
	}
	if err := t.restoreIndexes(); err != nil {
		return nil, err
	}
	t.bulk.next = [len(bulkTables)]int64{} // the statement may add rows
	return t.prepared(q)
}

// prepared returns the prepared statement q; the waiting rows stay
// waiting.
func (t *Tx) prepared(q string) (*sql.Stmt, error) {
	if st, ok := t.stmts[q]; ok {
		return st, nil
	}
	st, err := t.tx.Prepare(q)
	if err != nil {
		return nil, err
	}
	t.stmts[q] = st
	return st, nil
}

func (t *Tx) exec(q string, args ...any) (sql.Result, error) {
	if t.readOnly {
		return nil, ErrReadOnly
	}
	st, err := t.stmt(q)
	if err != nil {
		return nil, err
	}
	r, err := st.Exec(args...)
	return r, translate(err)
}

// execAside runs a statement that touches no table written in bulk,
// leaving the waiting rows waiting.
func (t *Tx) execAside(q string, args ...any) (sql.Result, error) {
	if t.readOnly {
		return nil, ErrReadOnly
	}
	st, err := t.prepared(q)
	if err != nil {
		return nil, err
	}
	r, err := st.Exec(args...)
	return r, translate(err)
}

// execOne runs a statement that must change exactly one row, and returns
// ErrNotFound when it changes none.
func (t *Tx) execOne(q string, args ...any) error {
	r, err := t.exec(q, args...)
	if err != nil {
		return err
	}
	if n, err := r.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return ErrNotFound
	}
	return nil
}

func (t *Tx) queryRow(q string, args ...any) (*sql.Row, error) {
	st, err := t.stmt(q)
	if err != nil {
		return nil, err
	}
	return st.QueryRow(args...), nil
}

// foreignKey turns a foreign-key violation into a *FieldError on field.
func foreignKey(err error, field, what string) error {
	var se sqlite3.Error
	if errors.As(err, &se) && se.ExtendedCode == sqlite3.ErrConstraintForeignKey {
		return fieldErr(field, "refers to %s that does not exist", what)
	}
	return err
}

func queryAll[T any](t *Tx, q string, scan func(interface{ Scan(...any) error }) (T, error), args ...any) ([]T, error) {
	st, err := t.stmt(q)
	if err != nil {
		return nil, err
	}
	rows, err := st.Query(args...)
	if err != nil {
		return nil, translate(err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, translate(rows.Err())
}

// queryOne scans the one row of q, or returns ErrNotFound.
func queryOne[T any](t *Tx, q string, scan func(interface{ Scan(...any) error }) (T, error), args ...any) (T, error) {
	row, err := t.queryRow(q, args...)
	if err != nil {
		var zero T
		return zero, err
	}
	v, err := scan(row)
	return v, translate(err)
}

func dateText(d Date) string {
	if d.IsZero() {
		return ""
	}
	return d.String()
}

func parseDateText(field, s string) (Date, error) {
	if s == "" {
		return Date{}, nil
	}
	d, _, err := ParseDate(s)
	if err != nil {
		return Date{}, fmt.Errorf("stored %s: %w", field, err)
	}
	return d, nil
}

func scanInt64(sc interface{ Scan(...any) error }) (int64, error) {
	var v int64
	err := sc.Scan(&v)
	return v, err
}
