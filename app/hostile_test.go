package app

// The command line on hostile and broken files: `list` and `check` exit 1
// with one line on stderr naming the file, never a panic, and leave the
// file's bytes as they were (sha256) with no -wal, -shm or -journal beside
// a file they refused.

import (
	"path/filepath"
	"strings"
	"testing"

	"chronoscope/data/datatest"
)

func TestCLIOnHostileFiles(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{}
	for _, f := range datatest.HostileFiles(t, dir) {
		files[f.Name] = f.Path
	}
	// Beyond the store's own set: another program's file in WAL mode, and
	// a file that is not there.
	wal := filepath.Join(dir, "foreign-wal.sqlite")
	datatest.ForeignSQLite(t, wal, true)
	files["other program's SQLite in WAL mode"] = wal
	files["missing file"] = filepath.Join(dir, "missing.chrono")
	runs := 0
	for name, path := range files {
		for _, cmd := range []string{"list", "check"} {
			t.Run(name+"/"+cmd, func(t *testing.T) {
				before := datatest.StateOf(t, path)
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
				if after := datatest.StateOf(t, path); !after.Same(before) {
					t.Errorf("%s changed the file: %d bytes with %v beside it before, %d bytes with %v after (sha256 differs: %v)",
						cmd, before.Size, before.Sides, after.Size, after.Sides, before.Sum != after.Sum)
				}
				t.Logf("%s", strings.TrimSpace(errs))
			})
		}
	}
	t.Logf("%d hostile files × list and check: %d runs, every one exit 1 with one line naming the file, 0 bytes changed", len(files), runs)
}
