package pgtest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// ErrNoPostgres is returned (wrapped) by Start when initdb, pg_ctl and
// postgres cannot be found; its text says which package installs them.
var ErrNoPostgres = errors.New("the PostgreSQL server programs (initdb, pg_ctl, postgres) are not installed")

// debianBinGlob is where Debian and Ubuntu keep each major version's server
// programs; they are not on PATH there.
const debianBinGlob = "/usr/lib/postgresql/*/bin"

// binaries are the absolute paths of the server programs, all from one
// installation.
type binaries struct {
	initdb, pgCtl, postgres string
}

// findBinaries looks for a folder holding initdb, pg_ctl and postgres: first
// each folder of pathList (a PATH value) in order, then the folders matching
// binGlob, the highest PostgreSQL version first.
func findBinaries(pathList, binGlob string) (binaries, error) {
	dirs := filepath.SplitList(pathList)
	versioned, err := filepath.Glob(binGlob)
	if err != nil {
		return binaries{}, fmt.Errorf("pgtest: look for PostgreSQL in %s: %w", binGlob, err)
	}
	sort.SliceStable(versioned, func(i, j int) bool {
		return versionLess(versionOf(versioned[j]), versionOf(versioned[i]))
	})
	for _, dir := range append(dirs, versioned...) {
		if dir == "" {
			continue
		}
		b := binaries{
			initdb:   filepath.Join(dir, "initdb"),
			pgCtl:    filepath.Join(dir, "pg_ctl"),
			postgres: filepath.Join(dir, "postgres"),
		}
		if isExecutable(b.initdb) && isExecutable(b.pgCtl) && isExecutable(b.postgres) {
			return b, nil
		}
	}
	return binaries{}, fmt.Errorf("pgtest: %w: they are neither on PATH nor in %s. "+
		"Install them with Debian's package postgresql (apt-get install postgresql; "+
		"dnf: postgresql-server; pacman: postgresql), or run make test, which installs it",
		ErrNoPostgres, binGlob)
}

func isExecutable(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular() && fi.Mode().Perm()&0o111 != 0
}

// versionOf reads the version from a folder such as
// /usr/lib/postgresql/15/bin or /usr/lib/postgresql/9.6/bin: [15] or [9 6];
// nil when the name is not a version.
func versionOf(binDir string) []int {
	name := filepath.Base(filepath.Dir(binDir))
	var v []int
	for _, part := range strings.Split(name, ".") {
		n, err := strconv.Atoi(part)
		if err != nil {
			return nil
		}
		v = append(v, n)
	}
	return v
}

func versionLess(a, b []int) bool {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return len(a) < len(b)
}
