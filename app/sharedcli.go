package app

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"path/filepath"
	"time"

	"chronoscope/data"
	"chronoscope/data/pgsync"
)

// Shared chronologies on the command line: publish, and postgres:// URLs
// wherever a command reads a file.

// openToRead opens a chronology to read: a file read-only, or a shared
// chronology (postgres://…) copied into a temporary file, which done
// removes. The password comes from the URL, PGPASSWORD or ~/.pgpass.
func openToRead(name string) (s *data.Store, done func(), err error) {
	if !pgsync.IsURL(name) {
		s, err := data.OpenReadOnly(name)
		if err != nil {
			return nil, nil, err
		}
		return s, func() { s.Close() }, nil
	}
	t, err := pgsync.ParseTarget(name)
	if err != nil {
		return nil, nil, err
	}
	dir, err := os.MkdirTemp("", "chronoscope-shared-")
	if err != nil {
		return nil, nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	s, err = pgsync.Clone(ctx, t, "", filepath.Join(dir, "shared.chrono"))
	if err != nil {
		os.RemoveAll(dir)
		return nil, nil, err
	}
	return s, func() { s.Close(); os.RemoveAll(dir) }, nil
}

// defaultAuthor is the name changes are signed with when none is given:
// the system's user name.
func defaultAuthor() string {
	if u, err := user.Current(); err == nil {
		if u.Name != "" {
			return u.Name
		}
		return u.Username
	}
	return "someone"
}

func cmdPublish(args []string, stdout, _ io.Writer) error {
	fs := flag.NewFlagSet("publish", flag.ContinueOnError)
	to := fs.String("to", "", "the server: postgres://user@host/db?sslmode=…[&chronology=NAME]")
	author := fs.String("author", defaultAuthor(), "the name the chronology is published under")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *to == "" {
		return fmt.Errorf("%w: publish needs one FILE.chrono and --to postgres://…", errUsage)
	}
	t, err := pgsync.ParseTarget(*to)
	if err != nil {
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	s, err := data.OpenReadOnly(pos[0])
	if err != nil {
		return err
	}
	defer s.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
	defer cancel()
	name, err := pgsync.Publish(ctx, s, t, "", *author)
	if err != nil {
		return err
	}
	n, _ := s.Count(data.Filter{})
	t.Name = name
	fmt.Fprintf(stdout, "published %d events as %q: open it with\n  chronoscope %s\n", n, name, t)
	return nil
}
