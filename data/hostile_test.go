package data_test

// Hostile and broken files: each is refused (or opened read-only) with a
// clear error, without a panic, and a file that is refused is left exactly
// as it was: same bytes, no -wal, -shm or -journal beside it.

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

func TestHostileFiles(t *testing.T) {
	dir := t.TempDir()
	cases := datatest.HostileFiles(t, dir)
	tried := 0
	for _, tt := range cases {
		for _, ro := range []bool{false} {
			name := tt.Name
			if ro {
				name += "/read-only"
			}
			t.Run(name, func(t *testing.T) {
				before := datatest.StateOf(t, tt.Path)
				var s *data.Store
				var err error
				func() {
					defer func() {
						if r := recover(); r != nil {
							t.Fatalf("panic: %v", r)
						}
					}()
					if ro {
						s, err = data.OpenReadOnly(tt.Path)
					} else {
						s, err = data.Open(tt.Path)
					}
				}()
				tried++
				if err == nil {
					s.Close()
					t.Fatal("opened")
				}
				if tt.Want != nil && !errors.Is(err, tt.Want) {
					t.Errorf("error %v, want %v", err, tt.Want)
				}
				if msg := err.Error(); !strings.Contains(msg, tt.Path) || !strings.Contains(msg, tt.Msg) || strings.Contains(msg, "\n") {
					t.Errorf("error %q: want one line naming the file and saying %q", msg, tt.Msg)
				}
				after := datatest.StateOf(t, tt.Path)
				if !after.Same(before) {
					t.Errorf("the file changed: %d bytes with %v beside it before, %d bytes with %v after (sha256 differs: %v)",
						before.Size, before.Sides, after.Size, after.Sides, before.Sum != after.Sum)
				}
			})
		}
	}
	t.Logf("%d hostile files, %d opens (read-write and read-only): every one refused, no file's bytes changed, nothing left beside them", len(cases), tried)
}

// TestReadOnlyFile: a chronology the user may not write. Root (as in CI
// containers) ignores permission bits, so chmod 0444 only binds other
// users; an immutable file (chattr +i) binds root too.
func TestReadOnlyFile(t *testing.T) {
	dir := t.TempDir()
	path := datatest.GeneratedFile(t, dir, "ro.chrono", 100)
	if err := os.Chmod(path, 0o444); err != nil {
		t.Fatal(err)
	}
	before := datatest.StateOf(t, path)
	s, err := data.OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := s.Count(data.Filter{}); err != nil || n != 100 {
		t.Errorf("Count = %d, %v", n, err)
	}
	if err := s.CreateActor(&data.Actor{Name: "x", Kind: data.KindPerson, Color: "#000000"}); !errors.Is(err, data.ErrReadOnly) {
		t.Errorf("write on OpenReadOnly: %v, want ErrReadOnly", err)
	}
	if err := s.Update(func(*data.Tx) error { return nil }); !errors.Is(err, data.ErrReadOnly) {
		t.Errorf("Update on OpenReadOnly: %v, want ErrReadOnly", err)
	}
	s.Close()
	if after := datatest.StateOf(t, path); !after.Same(before) {
		t.Errorf("OpenReadOnly changed the 0444 file or left %v beside it", after.Sides)
	}
	removeSides(path)

	s, err = data.Open(path)
	if os.Geteuid() == 0 {
		t.Logf("running as root: permission bits do not stop root, Open of a 0444 file: %v", err)
		if err == nil {
			s.Close()
		}
	} else if err == nil {
		if werr := s.CreateActor(&data.Actor{Name: "x", Kind: data.KindPerson, Color: "#000000"}); !errors.Is(werr, data.ErrReadOnly) {
			t.Errorf("write to a 0444 file: %v, want ErrReadOnly", werr)
		}
		s.Close()
	} else {
		t.Logf("Open of a 0444 file as a user: %v", err)
	}
	os.Chmod(path, 0o644)

	// chattr +i: the file cannot be opened for writing, even by root.
	imm := datatest.GeneratedFile(t, dir, "immutable.chrono", 100)
	if out, err := exec.Command("chattr", "+i", imm).CombinedOutput(); err != nil {
		t.Logf("chattr +i not available here (%v: %s); the immutable case is not tested", err, bytes.TrimSpace(out))
		return
	}
	defer exec.Command("chattr", "-i", imm).Run()
	before = datatest.StateOf(t, imm)
	ro, err := data.OpenReadOnly(imm)
	if err != nil {
		t.Fatalf("OpenReadOnly of an immutable file: %v", err)
	}
	if n, err := ro.Count(data.Filter{}); err != nil || n != 100 {
		t.Errorf("Count = %d, %v", n, err)
	}
	ro.Close()
	s, err = data.Open(imm)
	if err != nil {
		t.Logf("Open of an immutable file: %v", err)
		if !strings.Contains(err.Error(), imm) || !errors.Is(err, data.ErrReadOnly) {
			t.Errorf("error %q does not name the file or say it is read-only", err)
		}
	} else {
		werr := s.CreateActor(&data.Actor{Name: "x", Kind: data.KindPerson, Color: "#000000"})
		t.Logf("Open of an immutable file succeeded; a write gives: %v", werr)
		if werr == nil {
			t.Error("a write to an immutable file succeeded")
		}
		s.Close()
	}
	if after := datatest.StateOf(t, imm); after.Sum != before.Sum {
		t.Error("the immutable file changed")
	}
}

// TestLockedByAnotherWriter: another connection holds the write lock
// (BEGIN IMMEDIATE). Reading goes on (WAL); a write waits for the busy
// timeout (5 s) and then fails with a clear error; Open of a file that
// needs migrating does the same.
func TestLockedByAnotherWriter(t *testing.T) {
	if testing.Short() {
		t.Skip("waits for the 5 s busy timeout twice")
	}
	dir := t.TempDir()
	path := datatest.GeneratedFile(t, dir, "locked.chrono", 100)
	other, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(t.Context(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(t.Context(), "ROLLBACK")

	start := time.Now()
	s, err := data.Open(path)
	if err != nil {
		t.Fatalf("Open of an up-to-date file while another writer holds the lock: %v", err)
	}
	defer s.Close()
	t.Logf("Open while locked: %v (only reads)", time.Since(start).Round(time.Millisecond))
	if n, err := s.Count(data.Filter{}); err != nil || n != 100 {
		t.Errorf("reading while locked: %d, %v", n, err)
	}
	start = time.Now()
	err = s.CreateActor(&data.Actor{Name: "x", Kind: data.KindPerson, Color: "#000000"})
	waited := time.Since(start)
	t.Logf("write while locked: waited %v, error: %v", waited.Round(time.Millisecond), err)
	if err == nil {
		t.Fatal("write succeeded while another connection held the write lock")
	}
	if !errors.Is(err, data.ErrBusy) {
		t.Errorf("error %v, want ErrBusy", err)
	}
	if waited < 4*time.Second || waited > 8*time.Second {
		t.Errorf("waited %v, want about the 5 s busy timeout", waited)
	}

	// A file that needs migrating cannot be migrated while locked.
	v1 := filepath.Join(dir, "v1.chrono")
	writeV1(t, v1, 10)
	db1, err := sql.Open("sqlite3", v1)
	if err != nil {
		t.Fatal(err)
	}
	defer db1.Close()
	c1, err := db1.Conn(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	defer c1.Close()
	if _, err := c1.ExecContext(t.Context(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	start = time.Now()
	s2, err := data.Open(v1)
	waited = time.Since(start)
	t.Logf("Open of a file needing migration while locked: waited %v, error: %v", waited.Round(time.Millisecond), err)
	if err == nil {
		s2.Close()
		t.Fatal("migrated a locked file")
	}
	if !errors.Is(err, data.ErrBusy) || !strings.Contains(err.Error(), v1) {
		t.Errorf("error %q: want ErrBusy naming the file", err)
	}
	c1.ExecContext(t.Context(), "ROLLBACK")
	c1.Close()
	if v := userVersion(t, v1); v != 1 {
		t.Errorf("version %d after the failed migration, want 1", v)
	}
}

// TestMissingOrForeignWAL: a chronology copied without its -wal while a
// store had committed transactions only in the log, and a chronology given
// another file's -wal.
func TestMissingOrForeignWAL(t *testing.T) {
	dir := t.TempDir()
	path := datatest.GeneratedFile(t, dir, "live.chrono", 500)
	s, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	// 20 small transactions: a few pages each, far below the 1000-page
	// automatic checkpoint, so they live only in the -wal.
	for i := range 20 {
		if err := s.CreateEvent(&data.Event{Title: fmt.Sprintf("Only in the log %d", i), Certainty: data.Confirmed,
			Importance: 3, Start: data.YearDate(2000)}); err != nil {
			t.Fatal(err)
		}
	}
	st, err := os.Stat(path + "-wal")
	if err != nil || st.Size() == 0 {
		t.Fatalf("no -wal with frames: %v", err)
	}

	// The main file alone, as a naive copy (or a sync tool) would take it.
	alone := filepath.Join(t.TempDir(), "copy.chrono")
	copyFile(t, path, alone)
	c, err := data.Open(alone)
	if err != nil {
		t.Fatalf("Open of a copy without its -wal: %v", err)
	}
	if problems, err := c.Check(); err != nil || len(problems) > 0 {
		t.Errorf("Check of the copy: %v, %v", problems, err)
	}
	n, _ := c.Count(data.Filter{})
	c.Close()
	t.Logf("copy without its -wal (%d bytes of log): opens, integrity ok, %d events (the 20 edits only in the log are not in it)", st.Size(), n)
	if n != 500 {
		t.Errorf("copy without -wal has %d events, want the 500 checkpointed ones", n)
	}

	// The main file with another chronology's -wal beside it. SQLite
	// cannot tell a log belongs to another file (nothing in the log names
	// its database), so this tests only that nothing panics and that the
	// damage, if any, is reported.
	other := datatest.GeneratedFile(t, t.TempDir(), "other.chrono", 800) // different content from path
	o, err := data.Open(other)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 20 {
		if err := o.CreateEvent(&data.Event{Title: fmt.Sprintf("Other %d", i), Certainty: data.Confirmed,
			Importance: 3, Start: data.YearDate(1999)}); err != nil {
			t.Fatal(err)
		}
	}
	mixed := filepath.Join(t.TempDir(), "mixed.chrono")
	copyFile(t, path, mixed)
	copyFile(t, other+"-wal", mixed+"-wal")
	o.Close()
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("panic: %v", r)
			}
		}()
		m, err := data.Open(mixed)
		if err != nil {
			t.Logf("with another file's -wal: Open refused it: %v", err)
			return
		}
		defer m.Close()
		problems, err := m.Check()
		n, cerr := m.Count(data.Filter{})
		t.Logf("with another file's -wal: Open succeeded (SQLite cannot tell); Check reports %d problems (first: %.60q), %v; Count %d, %v",
			len(problems), append(problems, "")[0], err, n, cerr)
		if err == nil && len(problems) == 0 {
			t.Error("Check found nothing wrong with a file mixed with another file's -wal")
		}
	}()
}

// TestTwoStoresOneFile: two Stores (as two app windows or instances would)
// write to one file at once: no corruption, every edit of both is there.
func TestTwoStoresOneFile(t *testing.T) {
	path := datatest.GeneratedFile(t, t.TempDir(), "shared.chrono", 100)
	a, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	const each = 200
	errs := make(chan error, 2)
	for k, s := range []*data.Store{a, b} {
		go func() {
			for i := range each {
				e := data.Event{Title: fmt.Sprintf("Store %d edit %d", k, i), Certainty: data.Confirmed, Importance: 3,
					Start: data.YearDate(2001), ExternalID: fmt.Sprintf("s%d-%d", k, i)}
				if err := s.CreateEvent(&e); err != nil {
					errs <- err
					return
				}
				if i%10 == 0 {
					e.Title += " (edited)"
					if err := s.UpdateEvent(&e); err != nil {
						errs <- err
						return
					}
				}
			}
			errs <- nil
		}()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range []*data.Store{a, b} {
		if n, err := s.Count(data.Filter{}); err != nil || n != 100+2*each {
			t.Errorf("Count = %d, %v; want %d", n, err, 100+2*each)
		}
	}
	if n, err := a.Count(data.Filter{Text: "edited"}); err != nil || n != 2*each/10 {
		t.Errorf("search edited = %d, %v; want %d", n, err, 2*each/10)
	}
	if problems, err := b.Check(); err != nil || len(problems) > 0 {
		t.Errorf("Check = %v, %v", problems, err)
	}
	a.Close()
	b.Close()
	t.Logf("two stores wrote %d events each concurrently: all %d present, integrity ok", each, 100+2*each)
}

func removeSides(path string) {
	os.Remove(path + "-wal")
	os.Remove(path + "-shm")
}
