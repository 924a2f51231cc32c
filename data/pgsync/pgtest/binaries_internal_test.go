package pgtest

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeInstall makes a folder with executable initdb, pg_ctl and postgres
// files (all three unless only lists some).
func fakeInstall(t *testing.T, dir string, only ...string) {
	t.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	names := only
	if len(names) == 0 {
		names = []string{"initdb", "pg_ctl", "postgres"}
	}
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("#!/bin/sh\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
}

func TestFindBinaries(t *testing.T) {
	root := t.TempDir()
	lib := filepath.Join(root, "lib", "postgresql")
	for _, v := range []string{"9.6", "13", "15", "15.2"} {
		fakeInstall(t, filepath.Join(lib, v, "bin"))
	}
	fakeInstall(t, filepath.Join(lib, "16", "bin"), "initdb", "pg_ctl") // no postgres
	onPath := filepath.Join(root, "path")
	fakeInstall(t, onPath)
	partial := filepath.Join(root, "partial")
	fakeInstall(t, partial, "pg_ctl")
	glob := filepath.Join(lib, "*", "bin")

	tests := []struct {
		name, path, glob, want string
	}{
		{"highest complete version", "", glob, filepath.Join(lib, "15.2", "bin")},
		{"PATH first", partial + string(os.PathListSeparator) + onPath, glob, onPath},
		{"a PATH folder without all three is passed over", partial, glob, filepath.Join(lib, "15.2", "bin")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := findBinaries(tt.path, tt.glob)
			if err != nil {
				t.Fatal(err)
			}
			if got := filepath.Dir(b.pgCtl); got != tt.want {
				t.Errorf("pg_ctl from %s, want %s", got, tt.want)
			}
			if filepath.Dir(b.initdb) != tt.want || filepath.Dir(b.postgres) != tt.want {
				t.Errorf("initdb %s and postgres %s, want both in %s", b.initdb, b.postgres, tt.want)
			}
		})
	}

	_, err := findBinaries(partial, filepath.Join(root, "none", "*", "bin"))
	if !errors.Is(err, ErrNoPostgres) {
		t.Fatalf("no installation: %v, want ErrNoPostgres", err)
	}
	for _, want := range []string{"package postgresql", "apt-get install postgresql", "PATH"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}

func TestMajor(t *testing.T) {
	for in, want := range map[string]int{"15.18 (Debian 15.18-0+deb12u1)": 15, "9.6.24": 9, "17devel": 17, "": 0} {
		if got := major(in); got != want {
			t.Errorf("major(%q) = %d, want %d", in, got, want)
		}
	}
}
