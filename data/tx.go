package data

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"

	sqlite3 "github.com/mattn/go-sqlite3"
)

// Tx is one transaction on a Store, given to the functions passed to
// Store.Update and Store.View. Its statements are prepared once per
// transaction, so bulk work (imports, the generator) stays fast.
type Tx struct {
	tx       *sql.Tx
	conn     *sql.Conn              // the transaction's connection, for the driver's own statements
	raw      map[string]driver.Stmt // those statements, prepared once per transaction
	stmts    map[string]*sql.Stmt
	readOnly bool

	unindexed idRanges       // events made in this transaction, not yet in the full-text index
	requote   map[int64]bool // indexed events whose citations changed since (see searchindex.go)
	recount   map[int64]bool // events not yet indexed whose citations or links changed after their row was written

	bulk bulk // new rows waiting to be written together (see bulk.go)
}

func (t *Tx) close() {
	t.waitWrite() // its error is the transaction's, returned already or not needed
	for _, st := range t.stmts {
		st.Close()
	}
	t.closeRaw()
}

// stmt returns the prepared statement q, after writing the rows that
// wait (any statement may read or change them) and making again the
// indexes a bulk load dropped (it may need them): use it for every
// statement but those that touch no table written in bulk.
func (t *Tx) stmt(q string) (*sql.Stmt, error) {
	if err := t.beforeStmt(); err != nil {
		return nil, err
	}
	return t.prepared(q)
}

// beforeStmt readies the transaction for a statement that may touch the
// tables written in bulk (see stmt).
func (t *Tx) beforeStmt() error {
	if err := t.flush(); err != nil {
		return err
	}
	if err := t.restoreIndexes(); err != nil {
		return err
	}
	t.bulk.next = [len(bulkTables)]int64{} // the statement may add rows
	return nil
}

// rawStmt returns the driver's statement q on the transaction's
// connection c, prepared once per transaction. Call it inside t.conn.Raw.
func (t *Tx) rawStmt(c any, q string) (driver.StmtQueryContext, error) {
	if st, ok := t.raw[q]; ok {
		return st.(driver.StmtQueryContext), nil
	}
	pc, ok := c.(driver.ConnPrepareContext)
	if !ok {
		return nil, fmt.Errorf("the SQLite driver's connection is a %T", c)
	}
	st, err := pc.PrepareContext(context.Background(), q)
	if err != nil {
		return nil, translate(err)
	}
	sq, ok := st.(driver.StmtQueryContext)
	if !ok {
		st.Close()
		return nil, fmt.Errorf("the SQLite driver's statement is a %T", st)
	}
	if t.raw == nil {
		t.raw = map[string]driver.Stmt{}
	}
	t.raw[q] = st
	return sq, nil
}

// rawQuery runs q with args on the driver's statement and calls each
// with the values of every row (ncol columns; valid until the next row).
func (t *Tx) rawQuery(q string, args []any, ncol int, each func([]driver.Value) error) error {
	return t.conn.Raw(func(c any) error {
		st, err := t.rawStmt(c, q)
		if err != nil {
			return err
		}
		nv := make([]driver.NamedValue, len(args))
		for i, a := range args {
			if nv[i].Value, err = driver.DefaultParameterConverter.ConvertValue(a); err != nil {
				return fmt.Errorf("argument %d: %w", i+1, err)
			}
			nv[i].Ordinal = i + 1
		}
		rows, err := st.QueryContext(context.Background(), nv)
		if err != nil {
			return translate(err)
		}
		defer rows.Close()
		if got := len(rows.Columns()); got != ncol {
			return fmt.Errorf("query returns %d columns, not %d", got, ncol)
		}
		v := make([]driver.Value, ncol)
		for {
			err := rows.Next(v)
			if err == io.EOF {
				return nil
			}
			if err != nil {
				return translate(err)
			}
			if err := each(v); err != nil {
				return err
			}
		}
	})
}

// closeRaw closes the driver's statements of the transaction.
func (t *Tx) closeRaw() {
	if len(t.raw) == 0 {
		return
	}
	t.conn.Raw(func(any) error {
		for _, st := range t.raw {
			st.Close()
		}
		return nil
	})
	t.raw = nil
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
