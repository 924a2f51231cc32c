package data_test

// Crash safety: a child process (this test binary, re-executed) writes to a
// chronology and is killed with SIGKILL at many points in time; after each
// kill the file must open, pass SQLite's integrity check, and hold every
// transaction the child saw committed and no part of one it did not.

import (
	"bufio"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"chronoscope/data"
)

// helperEnv names what TestHelperProcess does; helperFile is its file.
const (
	helperEnv  = "CHRONOSCOPE_TEST_HELPER"
	helperFile = "CHRONOSCOPE_TEST_HELPER_FILE"
	helperTag  = "CHRONOSCOPE_TEST_HELPER_TAG"
)

// crashImportEvents is the size of the import the child makes in one
// transaction: 100,000 events (about 2 s); 25,000 under -race, which makes
// the import about three times slower.
func crashImportEvents() int {
	if raceEnabled {
		return 25_000
	}
	return 100_000
}

// TestHelperProcess is not a test: it is what the child processes of the
// crash tests run (it returns at once in a normal test run).
//
//	import-and-edit  Open the file, import crashImportEvents generated events
//	                 in one Update and print "imported", then create events
//	                 one per transaction, printing "edit ID" after each
//	                 Update returned, until killed (or 1,000,000 edits).
//	share            Open the file, import shareImport events, make
//	                 shareEdits edits (reading the count after each), Close,
//	                 print "done COUNT".
//	migrate          print "migrating", Open the file (which migrates it),
//	                 print "migrated", Close.
func TestHelperProcess(t *testing.T) {
	mode := os.Getenv(helperEnv)
	if mode == "" {
		return
	}
	path := os.Getenv(helperFile)
	die := func(err error) {
		fmt.Fprintln(os.Stderr, "helper:", err)
		os.Exit(3)
	}
	switch mode {
	case "import-and-edit":
		s, err := data.Open(path)
		if err != nil {
			die(err)
		}
		if err := s.Update(func(tx *data.Tx) error {
			return data.Generate(tx, data.GenerateOptions{Events: crashImportEvents(), Actors: 50, Seed: 7})
		}); err != nil {
			die(err)
		}
		fmt.Println("imported")
		for i := range 1_000_000 {
			e := data.Event{Title: fmt.Sprintf("Edit %d", i), Certainty: data.Confirmed, Importance: 3,
				Start: data.DayDate(2020, 1, 1+i%28), ExternalID: fmt.Sprintf("edit-%d", i)}
			if err := s.CreateEvent(&e); err != nil {
				die(err)
			}
			fmt.Println("edit", e.ID) // os.Stdout is unbuffered: one write(2) per line
		}
		os.Exit(0)
	case "share":
		// One of several processes sharing a file: an import, then
		// edits, each followed by a read that must see at least every
		// edit this process made.
		tag := os.Getenv(helperTag)
		s, err := data.Open(path)
		if err != nil {
			die(err)
		}
		if err := s.Update(func(tx *data.Tx) error {
			return data.Generate(tx, data.GenerateOptions{Events: shareImport, Actors: 5, Seed: 11})
		}); err != nil {
			die(err)
		}
		last := 0
		for i := range shareEdits {
			e := data.Event{Title: "Edit by " + tag, Certainty: data.Reported, Importance: 2,
				Start: data.DayDate(2021, 2, 1+i%28), ExternalID: fmt.Sprintf("%s-%d", tag, i)}
			if err := s.CreateEvent(&e); err != nil {
				die(err)
			}
			n, err := s.Count(data.Filter{})
			if err != nil {
				die(err)
			}
			if n < last || n < shareImport+i+1 {
				die(fmt.Errorf("count went from %d to %d after edit %d", last, n, i))
			}
			last = n
		}
		if err := s.Close(); err != nil {
			die(err)
		}
		fmt.Println("done", last)
		os.Exit(0)
	case "migrate":
		fmt.Println("migrating")
		s, err := data.Open(path)
		if err != nil {
			die(err)
		}
		fmt.Println("migrated")
		s.Close()
		os.Exit(0)
	default:
		die(fmt.Errorf("unknown mode %q", mode))
	}
}

// child is a running helper process and the lines it printed.
type child struct {
	cmd   *exec.Cmd
	lines chan string
	done  chan struct{}
	start time.Time
}

func startHelper(t *testing.T, mode, path string, env ...string) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$", "-test.count=1")
	cmd.Env = append(append(os.Environ(), helperEnv+"="+mode, helperFile+"="+path), env...)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	c := &child{cmd: cmd, lines: make(chan string, 1<<16), done: make(chan struct{})}
	c.start = time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		defer close(c.done)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			c.lines <- sc.Text()
		}
		io.Copy(io.Discard, out)
		close(c.lines)
	}()
	return c
}

// kill sends SIGKILL, waits for the process and returns every line it
// printed.
func (c *child) kill(t *testing.T) []string {
	t.Helper()
	c.cmd.Process.Signal(syscall.SIGKILL)
	<-c.done
	c.cmd.Wait()
	var all []string
	for l := range c.lines {
		all = append(all, l)
	}
	return all
}

// waitLine waits for a line with the prefix and returns when it came.
func (c *child) waitLine(t *testing.T, prefix string, limit time.Duration) (time.Duration, []string) {
	t.Helper()
	var seen []string
	timeout := time.After(limit)
	for {
		select {
		case l, ok := <-c.lines:
			if !ok {
				t.Fatalf("helper exited before printing %q: %v (%v)", prefix, seen, c.cmd.Wait())
			}
			seen = append(seen, l)
			if strings.HasPrefix(l, prefix) {
				return time.Since(c.start), seen
			}
		case <-timeout:
			t.Fatalf("helper printed no %q within %v", prefix, limit)
		}
	}
}

func copyFile(t *testing.T, src, dst string) {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestCrashDuringImportAndEdits(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes for about a minute")
	}
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL")
	}
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.chrono")
	s, err := data.Create(empty, data.Chronology{Title: "Crash"})
	if err != nil {
		t.Fatal(err)
	}
	s.Close()

	// Calibrate: how long the import takes in this build (-race is several
	// times slower), so the kills are spread over the whole run.
	cal := filepath.Join(dir, "calibrate.chrono")
	copyFile(t, empty, cal)
	c := startHelper(t, "import-and-edit", cal)
	importTime, _ := c.waitLine(t, "imported", 5*time.Minute)
	c.waitLine(t, "edit", time.Minute)
	c.kill(t)
	t.Logf("calibration: the %d-event import took %v", crashImportEvents(), importTime.Round(time.Millisecond))

	const kills = 20
	rng := rand.New(rand.NewPCG(2026, 11))
	var present, absent, editsVerified, editRuns int
	for k := range kills {
		path := filepath.Join(dir, fmt.Sprintf("crash%02d.chrono", k))
		copyFile(t, empty, path)
		// Kill times spread over the start-up and the import (even kills:
		// 0–100% of the calibrated import time), and over the import's
		// commit and the edits after it (odd kills: 85–180%).
		frac := rng.Float64()
		if k%2 == 1 {
			frac = 0.85 + 0.95*frac
		}
		delay := time.Duration(frac * float64(importTime))
		c := startHelper(t, "import-and-edit", path)
		time.Sleep(delay)
		lines := c.kill(t)
		imported := false
		var edits []int64
		for _, l := range lines {
			if l == "imported" {
				imported = true
			} else if id, ok := strings.CutPrefix(l, "edit "); ok {
				n, err := strconv.ParseInt(id, 10, 64)
				if err != nil {
					t.Fatalf("kill %d: helper printed %q", k, l)
				}
				edits = append(edits, n)
			}
		}

		s, err := data.Open(path)
		if err != nil {
			t.Fatalf("kill %d after %v: Open: %v", k, delay, err)
		}
		if problems, err := s.Check(); err != nil || len(problems) > 0 {
			t.Fatalf("kill %d after %v: Check = %v, %v", k, delay, problems, err)
		}
		if len(edits) > 0 {
			last := edits[len(edits)-1]
			if e, err := s.Event(last); err != nil || !strings.HasPrefix(e.ExternalID, "edit-") {
				t.Errorf("kill %d: the last edit reported done, %d, is missing: %v", k, last, err)
			}
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
		generated, editIDs := countEvents(t, path)
		editRows := len(editIDs)
		for _, id := range edits {
			if !editIDs[id] {
				t.Errorf("kill %d: edit %d reported done is missing", k, id)
			}
		}
		switch generated {
		case crashImportEvents():
			present++
		case 0:
			absent++
		default:
			t.Errorf("kill %d after %v: %d of the %d imported events are there", k, delay, generated, crashImportEvents())
		}
		if imported && generated != crashImportEvents() {
			t.Errorf("kill %d: the helper saw the import commit but it is not in the file", k)
		}
		if editRows < len(edits) || editRows > len(edits)+1 {
			// One edit may have committed in the instant before its id was printed.
			t.Errorf("kill %d: %d edits in the file, %d reported done", k, editRows, len(edits))
		}
		if len(edits) > 0 {
			editRuns++
		}
		editsVerified += len(edits)
		t.Logf("kill %2d at %6v: import %s, %d edits reported and found (%d in the file)",
			k, delay.Round(time.Millisecond), map[bool]string{true: "present", false: "absent"}[generated > 0], len(edits), editRows)
		os.Remove(path)
	}
	t.Logf("%d kills: import present after %d, absent after %d; %d reported edits verified (in %d runs); integrity ok after every kill",
		kills, present, absent, editsVerified, editRuns)
}

// countEvents returns the number of generated events and the ids of the
// helper's edit events in a closed chronology file.
func countEvents(t *testing.T, path string) (generated int, edits map[int64]bool) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.QueryRow(`SELECT count(*) FROM event WHERE external_id = ''`).Scan(&generated); err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query(`SELECT id FROM event WHERE external_id LIKE 'edit-%'`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	edits = map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			t.Fatal(err)
		}
		edits[id] = true
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return generated, edits
}

// writeV1 writes a chronology at schema version 1 (before full-text search)
// holding n events, one in ten titled "Outage …", with an INSERT … SELECT
// from a recursive CTE (about a second for 200,000 events).
func writeV1(t *testing.T, path string, n int) {
	t.Helper()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	schema, err := os.ReadFile("migrations/001_init.sql")
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{string(schema),
		"PRAGMA user_version = 1", fmt.Sprintf("PRAGMA application_id = %d", data.ApplicationID),
		"INSERT INTO chronology (id, title) VALUES (1, 'Old and large')",
		fmt.Sprintf(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)
			INSERT INTO event (id, title, description, start_year, start_month, start_day, start_hour, start_minute, start_second,
				start_precision, certainty, importance, start_s, stop_s, span_class)
			SELECT i, CASE WHEN i %% 10 = 0 THEN 'Outage ' ELSE 'Meeting ' END || i,
				'In the town of place' || (i %% 1000) || ' the council met to discuss item ' || i,
				2000, 1, 1, 0, 0, 0, 3, 'reported', 3, 946684800 + i, 946771200 + i, 17 FROM n`, n),
		"INSERT INTO source (id, title) VALUES (1, 'Gazette')",
		"INSERT INTO citation (event_id, source_id, quote) VALUES (7, 1, 'an unusual quotation')",
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%.80s: %v", q, err)
		}
	}
}

// rawVersion returns a file's user_version and integrity_check result,
// read with a plain SQLite connection (data.Open would migrate the file).
func rawVersion(t *testing.T, path string) (int, string) {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=rw")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v int
	var ok string
	if err := db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		t.Fatal(err)
	}
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&ok); err != nil {
		t.Fatal(err)
	}
	return v, ok
}

func TestCrashDuringMigration(t *testing.T) {
	if testing.Short() {
		t.Skip("kills child processes")
	}
	if runtime.GOOS == "windows" {
		t.Skip("SIGKILL")
	}
	const events = 200_000
	dir := t.TempDir()
	v1 := filepath.Join(dir, "v1.chrono")
	writeV1(t, v1, events)

	// Calibrate: time from "migrating" to "migrated" on an uncut run.
	cal := filepath.Join(dir, "calibrate.chrono")
	copyFile(t, v1, cal)
	c := startHelper(t, "migrate", cal)
	start, _ := c.waitLine(t, "migrating", time.Minute)
	end, _ := c.waitLine(t, "migrated", 5*time.Minute)
	c.kill(t)
	took := end - start
	t.Logf("calibration: migrating %d events to version %d took %v", events, data.SchemaVersion(), took.Round(time.Millisecond))
	if took < 100*time.Millisecond {
		t.Fatalf("the migration took only %v: too quick to kill midway", took)
	}

	// Most kills early: the migration commits after about a third of the
	// calibrated time; the rest is the checkpoint that copies the write-
	// ahead log into the file (a kill there is tested too).
	fracs := []float64{0.05, 0.1, 0.15, 0.2, 0.3, 0.45, 0.7, 1.2}
	var atOld, atNew int
	for k, frac := range fracs {
		path := filepath.Join(dir, fmt.Sprintf("mig%d.chrono", k))
		copyFile(t, v1, path)
		c := startHelper(t, "migrate", path)
		c.waitLine(t, "migrating", time.Minute)
		delay := time.Duration(frac * float64(took))
		time.Sleep(delay)
		lines := c.kill(t)
		var walSize int64
		if st, err := os.Stat(path + "-wal"); err == nil {
			walSize = st.Size()
		}
		finished := strings.Contains(strings.Join(lines, "\n"), "migrated")
		v, integrity := rawVersion(t, path)
		if integrity != "ok" {
			t.Fatalf("kill at %.0f%% of the migration: integrity_check = %q", frac*100, integrity)
		}
		switch {
		case v >= 1 && v < data.SchemaVersion() && !finished:
			// Each migration commits on its own: a kill between two
			// leaves the file at the version of the last one committed.
			atOld++
		case v == data.SchemaVersion():
			atNew++
		default:
			t.Fatalf("kill at %.0f%%: user_version %d (helper finished: %v)", frac*100, v, finished)
		}
		s, err := data.Open(path)
		if err != nil {
			t.Fatalf("kill at %.0f%%: reopening: %v", frac*100, err)
		}
		for text, want := range map[string]int{"outage": events / 10, "meeting": events - events/10, "unusual quotation": 1} {
			if n, err := s.Count(data.Filter{Text: text}); err != nil || n != want {
				t.Errorf("kill at %.0f%%: search %q = %d, %v; want %d", frac*100, text, n, err, want)
			}
		}
		if problems, err := s.Check(); err != nil || len(problems) > 0 {
			t.Errorf("kill at %.0f%%: Check = %v, %v", frac*100, problems, err)
		}
		s.Close()
		if got := userVersion(t, path); got != data.SchemaVersion() {
			t.Errorf("kill at %.0f%%: version %d after reopening", frac*100, got)
		}
		t.Logf("kill at %3.0f%% of the migration (%v): -wal %d bytes, file at version %d, reopened and migrated, search ok",
			frac*100, delay.Round(time.Millisecond), walSize, v)
		os.Remove(path)
	}
	t.Logf("%d kills during migration: %d left the file at an older version, %d at version %d; every file reopened, migrated and searched correctly",
		len(fracs), atOld, atNew, data.SchemaVersion())
}

// TestKilledDuringCheckpoint: a process killed while SQLite copied its log
// back into the file can leave the file's header counting pages the file
// does not have yet, while the log beside it still holds them. Such a file
// opens with every committed change (SQLite replays the log); the same
// file without its log is refused as truncated.
func TestKilledDuringCheckpoint(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "live.chrono")
	s, err := data.Create(path, data.Chronology{Title: "Live"})
	if err != nil {
		t.Fatal(err)
	}
	s.Close() // the file itself now has its header and tables
	if s, err = data.Open(path); err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Update(func(tx *data.Tx) error {
		return data.Generate(tx, data.GenerateOptions{Events: 2000, Actors: 5, Seed: 9})
	}); err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(path + "-wal"); err != nil || st.Size() == 0 {
		t.Fatalf("no log to test with: %v", err)
	}
	crashed := filepath.Join(dir, "crashed.chrono")
	copyFile(t, path, crashed)
	copyFile(t, path+"-wal", crashed+"-wal")
	// The header says the file has 100 pages more than it has.
	b, err := os.ReadFile(crashed)
	if err != nil {
		t.Fatal(err)
	}
	pages := binary.BigEndian.Uint32(b[28:32])
	binary.BigEndian.PutUint32(b[28:32], pages+100)
	if err := os.WriteFile(crashed, b, 0o644); err != nil {
		t.Fatal(err)
	}
	c, err := data.Open(crashed)
	if err != nil {
		t.Fatalf("a file whose log holds its pages was refused: %v", err)
	}
	n, err := c.Count(data.Filter{})
	c.Close()
	if err != nil || n != 2000 {
		t.Errorf("%d events (%v), want the 2000 committed", n, err)
	}

	lost := filepath.Join(dir, "lost.chrono")
	if err := os.WriteFile(lost, b, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := data.Open(lost); !errors.Is(err, data.ErrDamaged) {
		t.Errorf("the same file without its log: %v, want ErrDamaged", err)
	}
}
