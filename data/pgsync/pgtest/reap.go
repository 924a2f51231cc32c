package pgtest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// ReapStale stops and removes the servers that earlier test processes
// started with Start and could not stop because they were killed: the
// folders named chronoscope-pgtest-* in the temporary folders (the system's
// and /tmp) that belong to the current user and whose owner file names a
// process that has ended. Folders of running test processes, of other
// users, or without an owner file are left alone. Main calls it first.
func ReapStale() error {
	bin, err := findBinaries(os.Getenv("PATH"), debianBinGlob)
	if err != nil {
		// Without pg_ctl no server of ours can be running either.
		bin = binaries{}
	}
	as, err := serverAccount()
	if err != nil {
		return err
	}
	bases := []string{os.TempDir()}
	if bases[0] != "/tmp" {
		bases = append(bases, "/tmp")
	}
	var errs []error
	for _, base := range bases {
		dirs, err := filepath.Glob(filepath.Join(base, dirPrefix+"*"))
		if err != nil {
			return fmt.Errorf("pgtest: look for left-over servers in %s: %w", base, err)
		}
		for _, dir := range dirs {
			if !stale(dir) {
				continue
			}
			s := &Server{bin: bin, as: as, dir: dir}
			if bin.pgCtl != "" {
				if err := s.stop("immediate"); err != nil {
					errs = append(errs, err)
					continue
				}
			}
			errs = append(errs, s.remove())
		}
	}
	return errors.Join(errs...)
}

// stale reports whether dir is a folder Start made for a test process that
// has ended.
func stale(dir string) bool {
	// As root the folder belongs to nobody, but the owner file to us.
	owner := filepath.Join(dir, ownerFile)
	fi, err := os.Lstat(owner)
	if err != nil || !fi.Mode().IsRegular() || !ownedByUs(fi) {
		return false
	}
	b, err := os.ReadFile(owner)
	if err != nil {
		return false
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return false
	}
	pid, err := strconv.Atoi(f[0])
	if err != nil {
		return false
	}
	start := ""
	if len(f) > 1 {
		start = f[1]
	}
	return !processAlive(pid, start)
}
