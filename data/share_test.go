package data_test

import (
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"chronoscope/data"
)

// What each process of TestProcessesShareAFile writes.
const (
	shareImport = 5_000
	shareEdits  = 150
)

// TestProcessesShareAFile runs three writers on one file at once — two
// child processes (as two app instances would) and this one — each
// importing and then editing, with reads between. Every write waits for
// the others instead of failing, each process sees the others' committed
// work, and the file ends sound, holding all of it.
func TestProcessesShareAFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shared.chrono")
	s, err := data.Create(path, data.Chronology{Title: "Shared"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()

	children := []*child{
		startHelper(t, "share", path, helperTag+"=a"),
		startHelper(t, "share", path, helperTag+"=b"),
	}
	var wg sync.WaitGroup
	finals := make([]string, len(children))
	for i, c := range children {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, lines := c.waitLine(t, "done", 2*time.Minute)
			finals[i] = lines[len(lines)-1]
			<-c.done
			if err := c.cmd.Wait(); err != nil {
				t.Errorf("child %d: %v", i, err)
			}
		}()
	}
	for i := range shareEdits {
		e := data.Event{Title: "Edit by parent", Certainty: data.Confirmed, Importance: 3,
			Start: data.DayDate(2022, 3, 1+i%28), ExternalID: fmt.Sprintf("parent-%d", i)}
		if err := s.CreateEvent(&e); err != nil {
			t.Fatalf("edit %d: %v", i, err)
		}
	}
	wg.Wait()

	// This store, opened before the children wrote, sees all their work.
	want := 2*(shareImport+shareEdits) + shareEdits
	if n, err := s.Count(data.Filter{}); err != nil || n != want {
		t.Fatalf("count = %d (%v), want %d", n, err, want)
	}
	for _, tag := range []string{"a", "b", "parent"} {
		for _, i := range []int{0, shareEdits - 1} {
			var e *data.Event
			err := s.View(func(tx *data.Tx) (err error) {
				e, err = tx.EventByExternalID(fmt.Sprintf("%s-%d", tag, i))
				return err
			})
			if err != nil || !strings.HasSuffix(e.Title, tag) {
				t.Errorf("edit %d of %s: %v, %v", i, tag, e, err)
			}
		}
	}
	for i, f := range finals {
		var n int
		if _, err := fmt.Sscanf(f, "done %d", &n); err != nil || n < shareImport+shareEdits || n > want {
			t.Errorf("child %d ended with %q", i, f)
		}
	}
	problems, err := s.Check()
	if err != nil || len(problems) != 0 {
		t.Fatalf("check: %v %v", problems, err)
	}
}

// TestReadOnlyOpenLeavesNoTrace opens a chronology read-only and closes it:
// the file's bytes are unchanged and no -wal or -shm is left beside it.
// With a writer still open on the file, its log is left alone.
func TestReadOnlyOpenLeavesNoTrace(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "quiet.chrono")
	s, err := data.Create(path, data.Chronology{Title: "Quiet"})
	if err != nil {
		t.Fatal(err)
	}
	e := data.Event{Title: "One", Certainty: data.Confirmed, Importance: 3, Start: data.DayDate(2014, 12, 19)}
	if err := s.CreateEvent(&e); err != nil {
		t.Fatal(err)
	}
	s.Close()
	before := fileSum(t, path)
	names := func() []string {
		ents, _ := os.ReadDir(dir)
		var out []string
		for _, e := range ents {
			out = append(out, e.Name())
		}
		return out
	}
	for range 3 {
		r, err := data.OpenReadOnly(path)
		if err != nil {
			t.Fatal(err)
		}
		if n, err := r.Count(data.Filter{}); err != nil || n != 1 {
			t.Fatalf("count = %d, %v", n, err)
		}
		if err := r.Close(); err != nil {
			t.Fatal(err)
		}
		if got := names(); len(got) != 1 {
			t.Fatalf("files after a read-only open: %v", got)
		}
		if fileSum(t, path) != before {
			t.Fatal("a read-only open changed the file")
		}
	}

	// A writer has the file open and has written to its log: a reader
	// that comes and goes must not take the log away.
	w, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	e2 := data.Event{Title: "Two", Certainty: data.Confirmed, Importance: 3, Start: data.DayDate(2014, 12, 20)}
	if err := w.CreateEvent(&e2); err != nil {
		t.Fatal(err)
	}
	r, err := data.OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := r.Count(data.Filter{}); n != 2 {
		t.Fatalf("the reader sees %d events, want the writer's 2", n)
	}
	r.Close()
	e3 := data.Event{Title: "Three", Certainty: data.Confirmed, Importance: 3, Start: data.DayDate(2014, 12, 21)}
	if err := w.CreateEvent(&e3); err != nil {
		t.Fatal(err)
	}
	if n, err := w.Count(data.Filter{}); err != nil || n != 3 {
		t.Fatalf("the writer counts %d (%v) after the reader left", n, err)
	}
}

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

// TestDataVersionSeesOnlyOtherWriters: a store's DataVersion moves when
// another store (another window or program) commits, not with its own
// writes; a read-only store's moves with any commit.
func TestDataVersionSeesOnlyOtherWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "watched.chrono")
	a, err := data.Create(path, data.Chronology{Title: "Watched"})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	r, err := data.OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	version := func(s *data.Store) int64 {
		t.Helper()
		v, err := s.DataVersion()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	create := func(s *data.Store, title string) {
		t.Helper()
		e := data.Event{Title: title, Certainty: data.Confirmed, Importance: 3, Start: data.DayDate(2014, 12, 19)}
		if err := s.CreateEvent(&e); err != nil {
			t.Fatal(err)
		}
	}
	a0, b0, r0 := version(a), version(b), version(r)
	if version(a) != a0 || version(r) != r0 {
		t.Fatal("DataVersion moved with no write")
	}
	create(a, "by a")
	if version(a) != a0 {
		t.Error("a's own write moved a's DataVersion")
	}
	b1 := version(b)
	if b1 == b0 {
		t.Error("b did not see a's write")
	}
	r1 := version(r)
	if r1 == r0 {
		t.Error("the read-only store did not see a's write")
	}
	create(b, "by b")
	if version(a) == a0 {
		t.Error("a did not see b's write")
	}
	if version(b) != b1 {
		t.Error("b's own write moved b's DataVersion")
	}
	if version(r) == r1 {
		t.Error("the read-only store did not see b's write")
	}
}
