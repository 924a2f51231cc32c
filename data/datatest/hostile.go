package datatest

import (
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chronoscope/assets"
	"chronoscope/data"
)

// FileState is what a refused file must keep: whether it exists, its
// content's hash and size, and the side files SQLite may leave beside it.
type FileState struct {
	Exists bool
	Sum    [32]byte
	Size   int64
	Sides  []string // "-wal", "-shm", "-journal" that exist beside the file
}

// StateOf reads the state of the file at path; a file that does not exist
// has Exists false (and may still have side files).
func StateOf(t testing.TB, path string) FileState {
	t.Helper()
	var st FileState
	b, err := os.ReadFile(path)
	switch {
	case err == nil:
		st = FileState{Exists: true, Sum: sha256.Sum256(b), Size: int64(len(b))}
	case !errors.Is(err, fs.ErrNotExist):
		t.Fatal(err)
	}
	for _, side := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(path + side); err == nil {
			st.Sides = append(st.Sides, side)
		}
	}
	return st
}

// Same reports whether a and b are the same file state: both missing or
// the same bytes, with the same side files beside it.
func (a FileState) Same(b FileState) bool {
	return a.Exists == b.Exists && a.Sum == b.Sum && strings.Join(a.Sides, ",") == strings.Join(b.Sides, ",")
}

// GeneratedFile writes dir/name, a closed chronology of n generated events
// (its write-ahead log checkpointed into it), and returns its path.
func GeneratedFile(t testing.TB, dir, name string, n int) string {
	t.Helper()
	path := filepath.Join(dir, name)
	s, err := data.Create(path, data.Chronology{Title: "Generated"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Update(func(tx *data.Tx) error {
		return data.Generate(tx, data.GenerateOptions{Events: n, Actors: 10, Seed: 1})
	}); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// ForeignSQLite writes a SQLite file of another program with a trigger and
// a view whose INSTEAD OF trigger would write if anything ran them. wal
// puts it in WAL mode (persistent in the file header); extra statements
// run after the rest.
func ForeignSQLite(t testing.TB, path string, wal bool, extra ...string) {
	t.Helper()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	qs := []string{
		"CREATE TABLE contacts (name TEXT)",
		"CREATE TABLE audit (what TEXT)",
		"INSERT INTO contacts VALUES ('Ada'), ('Grace')",
		"CREATE TRIGGER wipe AFTER INSERT ON contacts BEGIN DELETE FROM contacts; INSERT INTO audit VALUES ('wiped'); END",
		"CREATE VIEW everyone AS SELECT name FROM contacts",
		"CREATE TRIGGER wipe_view INSTEAD OF INSERT ON everyone BEGIN DELETE FROM contacts; END",
	}
	if wal {
		qs = append([]string{"PRAGMA journal_mode = WAL"}, qs...)
	}
	for _, q := range append(qs, extra...) {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// HostileFile is a file Chronoscope must refuse.
type HostileFile struct {
	Name, Path string
	Want       error  // the error Open and OpenReadOnly must wrap
	Msg        string // a phrase the message must contain
}

// HostileFiles writes into dir every kind of file Chronoscope must refuse
// (docs/reliability.md): empty, random bytes, a PNG, a SQLite header over
// garbage, a chronology truncated at a dozen lengths, other programs'
// SQLite files (with triggers that would write if anything ran them, one
// with its own application_id), a forged chronology and one from a newer
// Chronoscope. Open must refuse each with Want and a message holding Msg,
// leaving its bytes and side files as they were.
func HostileFiles(t testing.TB, dir string) []HostileFile {
	t.Helper()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	rng := rand.New(rand.NewPCG(5, 6))
	random := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		return b
	}
	// Random bytes behind a valid SQLite header: the header passes the
	// sniff, the pages are garbage.
	var garbage []byte
	if b, err := os.ReadFile(GeneratedFile(t, dir, "source.chrono", 200)); err != nil {
		t.Fatal(err)
	} else {
		garbage = append(b[:100:100], random(len(b)-100)...)
	}
	whole, err := os.ReadFile(GeneratedFile(t, dir, "whole.chrono", 2000))
	if err != nil {
		t.Fatal(err)
	}

	cases := []HostileFile{
		{"empty file", write("empty.chrono", nil), data.ErrNotChronology, "the file is empty"},
		{"random bytes 4 KiB", write("random.chrono", random(4096)), data.ErrNotChronology, "not a SQLite database"},
		{"random bytes 100 B", write("random100.chrono", random(100)), data.ErrNotChronology, "not a SQLite database"},
		{"random bytes 1 MiB", write("random1m.chrono", random(1<<20)), data.ErrNotChronology, "not a SQLite database"},
		{"PNG renamed", write("icon.chrono", assets.IconPNG), data.ErrNotChronology, "not a SQLite database"},
		{"SQLite header then garbage", write("garbage.chrono", garbage), data.ErrDamaged, "damaged"},
	}
	for _, n := range []int{1, 15, 16, 99, 100, 1024, 4096, 4097, 8192, len(whole) / 2, len(whole) - 4096, len(whole) - 1} {
		want, msg := error(data.ErrDamaged), "truncated"
		if n < 100 {
			want, msg = data.ErrNotChronology, "not a SQLite database"
		}
		cases = append(cases, HostileFile{fmt.Sprintf("truncated at %d of %d", n, len(whole)),
			write(fmt.Sprintf("cut%d.chrono", n), whole[:n]), want, msg})
	}

	for _, wal := range []bool{false} {
		name := fmt.Sprintf("foreign-wal-%v.sqlite", wal)
		p := filepath.Join(dir, name)
		ForeignSQLite(t, p, wal)
		cases = append(cases, HostileFile{fmt.Sprintf("other program's SQLite (WAL %v)", wal), p, data.ErrNotChronology, "another program"})
	}
	// Another program's file that uses application_id and user_version for
	// itself: refused by the sniff.
	p := filepath.Join(dir, "foreign-appid.sqlite")
	ForeignSQLite(t, p, false, "PRAGMA application_id = 1234", "PRAGMA user_version = 1")
	cases = append(cases, HostileFile{"other program's SQLite with its own application_id", p, data.ErrNotChronology, "another program"})
	// A forged chronology: Chronoscope's application_id and version 1, but
	// another program's tables, so migration 2 fails.
	p = filepath.Join(dir, "forged.chrono")
	ForeignSQLite(t, p, false, fmt.Sprintf("PRAGMA application_id = %d", data.ApplicationID), "PRAGMA user_version = 1")
	cases = append(cases, HostileFile{"forged: Chronoscope's id, another program's tables", p, data.ErrNotChronology, "lacks Chronoscope's tables"})

	// A chronology from a newer Chronoscope (a real file, in WAL mode).
	p = GeneratedFile(t, dir, "newer.chrono", 10)
	db, err := sql.Open("sqlite3", p)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("PRAGMA user_version = 99"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	cases = append(cases, HostileFile{"newer version", p, data.ErrNewerVersion, "update Chronoscope"})
	return cases
}
