package app

// The command line on hostile and broken files: `list` and `check` exit 1
// with one line on stderr naming the file, never a panic, and leave the
// file's bytes as they were (sha256) with no -wal, -shm or -journal beside
// a file they refused.

import (
	"crypto/sha256"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chronoscope/assets"
	"chronoscope/data"

	_ "github.com/mattn/go-sqlite3"
)

func sideFiles(path string) []string {
	var sides []string
	for _, s := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(path + s); err == nil {
			sides = append(sides, s)
		}
	}
	return sides
}

func TestCLIOnHostileFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	rng := rand.New(rand.NewPCG(8, 9))
	random := make([]byte, 8192)
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	good, err := os.ReadFile(defaultFile(t))
	if err != nil {
		t.Fatal(err)
	}
	sqliteFile := func(name string, qs ...string) string {
		p := filepath.Join(dir, name)
		db, err := sql.Open("sqlite3", p)
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		for _, q := range qs {
			if _, err := db.Exec(q); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		return p
	}
	foreign := []string{"CREATE TABLE contacts (name TEXT)", "INSERT INTO contacts VALUES ('Ada')",
		"CREATE TRIGGER wipe AFTER INSERT ON contacts BEGIN DELETE FROM contacts; END",
		"CREATE VIEW everyone AS SELECT name FROM contacts",
		"CREATE TRIGGER wipe_view INSTEAD OF INSERT ON everyone BEGIN DELETE FROM contacts; END"}
	newer := filepath.Join(dir, "newer.chrono")
	if err := os.WriteFile(newer, good, 0o644); err != nil {
		t.Fatal(err)
	}
	sqliteFile("newer.chrono", "PRAGMA user_version = 99")

	files := map[string]string{
		"empty file":             write("empty.chrono", nil),
		"random bytes":           write("random.chrono", random),
		"PNG renamed":            write("icon.chrono", assets.IconPNG),
		"truncated at 50":        write("cut50.chrono", good[:50]),
		"truncated at 4096":      write("cut4096.chrono", good[:4096]),
		"truncated at half":      write("cuthalf.chrono", good[:len(good)/2]),
		"truncated by one byte":  write("cut1.chrono", good[:len(good)-1]),
		"other program's SQLite": sqliteFile("foreign.sqlite", foreign...),
		"other program's SQLite in WAL mode": sqliteFile("foreign-wal.sqlite",
			append([]string{"PRAGMA journal_mode = WAL"}, foreign...)...),
		"forged chronology": sqliteFile("forged.chrono", append(foreign,
			fmt.Sprintf("PRAGMA application_id = %d", data.ApplicationID), "PRAGMA user_version = 1")...),
		"newer version": newer,
		"missing file":  filepath.Join(dir, "missing.chrono"),
	}
	runs := 0
	for name, path := range files {
		for _, cmd := range []string{"list", "check"} {
			t.Run(name+"/"+cmd, func(t *testing.T) {
				before, _ := os.ReadFile(path)
				beforeSides := sideFiles(path)
				out, errs, status := run(cmd, path)
				runs++
				if status != 1 {
					t.Errorf("status %d, want 1 (stderr %q)", status, errs)
				}
				if out != "" {
					t.Errorf("stdout %q, want nothing", out)
				}
				if strings.Count(errs, "\n") != 1 || !strings.HasSuffix(errs, "\n") || !strings.Contains(errs, path) {
					t.Errorf("stderr %q: want one line naming %s", errs, path)
				}
				if strings.Contains(errs, "panic") || strings.Contains(errs, "internal error") || strings.Contains(errs, "goroutine") {
					t.Errorf("a panic reached the user: %q", errs)
				}
				after, _ := os.ReadFile(path)
				if sha256.Sum256(before) != sha256.Sum256(after) {
					t.Errorf("%s changed the file's bytes", cmd)
				}
				if s := sideFiles(path); strings.Join(s, ",") != strings.Join(beforeSides, ",") {
					t.Errorf("%s left %v beside the file", cmd, s)
				}
				t.Logf("%s", strings.TrimSpace(errs))
			})
		}
	}
	t.Logf("%d hostile files × list and check: %d runs, every one exit 1 with one line naming the file, 0 bytes changed", len(files), runs)
}
