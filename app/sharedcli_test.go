package app

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"chronoscope/data"
	"chronoscope/data/datatest"
	"chronoscope/data/pgsync/pgtest"
)

// The app's tests start a throwaway PostgreSQL server only when a test
// asks for one; TestMain stops it.
var pgServer struct {
	once sync.Once
	s    *pgtest.Server
	err  error
	dbs  int
	mu   sync.Mutex
}

// newPGDatabase returns the admin URL of a fresh database on the app
// tests' server, starting it on first use.
func newPGDatabase(t *testing.T) string {
	t.Helper()
	pgServer.once.Do(func() { pgServer.s, pgServer.err = pgtest.Start() })
	if pgServer.err != nil {
		t.Fatal(pgServer.err)
	}
	pgServer.mu.Lock()
	pgServer.dbs++
	name := "app" + strconv.Itoa(pgServer.dbs)
	pgServer.mu.Unlock()
	url, err := pgServer.s.CreateDatabase(name)
	if err != nil {
		t.Fatal(err)
	}
	return url
}

// pgRole returns a role name of its own for this test run (roles are the
// server's, not a database's, and -count runs a test again).
func pgRole(base string) string {
	pgServer.mu.Lock()
	defer pgServer.mu.Unlock()
	pgServer.dbs++
	return base + strconv.Itoa(pgServer.dbs)
}

func stopPGServer() {
	if pgServer.s != nil {
		pgServer.s.Stop()
	}
}

func TestPublishAndReadShared(t *testing.T) {
	url := newPGDatabase(t)
	file := datatest.DefaultFile(t)
	before, _ := filepath.Glob(filepath.Join(os.TempDir(), "chronoscope-shared-*"))
	out, errs, status := run("publish", file, "--to", url, "--author", "Ana")
	if status != 0 {
		t.Fatalf("publish: status %d, stderr %q", status, errs)
	}
	name := "The Sony Pictures hack and its aftermath, 2014"
	if !strings.Contains(out, `published 18 events as "`+name+`"`) {
		t.Errorf("publish said %q", out)
	}
	shared := strings.Fields(out[strings.Index(out, "chronoscope postgres"):])[1]
	want, _, _ := run("list", file)
	got, errs, status := run("list", shared)
	if status != 0 || got != want {
		t.Errorf("list of the shared chronology: status %d, stderr %q\n%s\nwant\n%s", status, errs, got, want)
	}
	// With one chronology on the server, the URL needs no name.
	if got, _, _ := run("list", url); got != want {
		t.Errorf("list of the server's only chronology differs:\n%s", got)
	}
	outFile := filepath.Join(t.TempDir(), "shared.json")
	if _, errs, status := run("export", shared, "--format", "json", "-o", outFile); status != 0 {
		t.Fatalf("export: %d %q", status, errs)
	}
	s, err := data.Create(filepath.Join(t.TempDir(), "back.chrono"), data.Chronology{Title: "x"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	f, _ := os.Open(outFile)
	defer f.Close()
	if err := s.Update(func(tx *data.Tx) error { _, err := data.ReadJSON(tx, f, outFile); return err }); err != nil {
		t.Fatal(err)
	}
	if n, _ := s.Count(data.Filter{}); n != 18 {
		t.Errorf("the export holds %d events, want 18", n)
	}
	if out, errs, status := run("check", shared); status != 0 {
		t.Errorf("check: %d %q %q", status, out, errs)
	}
	// Publishing again under the same name is refused.
	if _, errs, status := run("publish", file, "--to", url); status != 1 || !strings.Contains(errs, "already holds a chronology named") {
		t.Errorf("second publish: %d %q", status, errs)
	}
	// No temporary copies are left behind.
	left, _ := filepath.Glob(filepath.Join(os.TempDir(), "chronoscope-shared-*"))
	if len(left) != len(before) {
		t.Errorf("temporary copies left: %v", left)
	}
}

func TestSharedURLErrors(t *testing.T) {
	url := newPGDatabase(t)
	if _, errs, status := run("list", url); status != 1 || !strings.Contains(errs, "no such chronology on the server") {
		t.Errorf("list of an empty server: %d %q", status, errs)
	}
	clerk := pgRole("clerk")
	if err := pgServer.s.CreateRole(clerk, "right-one-1"); err != nil {
		t.Fatal(err)
	}
	db := url[strings.LastIndex(url, "/")+1:]
	db, _, _ = strings.Cut(db, "?")
	bad := pgServer.s.UserURL(db, clerk, "Wr0ng-secret")
	_, errs, status := run("list", bad)
	if status != 1 || !strings.Contains(errs, "refused the password") || strings.Contains(errs, "Wr0ng-secret") {
		t.Errorf("wrong password: %d %q", status, errs)
	}
	if _, errs, status := run("publish", "x.chrono", "--to", "mysql://h/db"); status != 2 || !strings.Contains(errs, "not a postgres:// URL") {
		t.Errorf("publish to a bad URL: %d %q", status, errs)
	}
}

func TestPresentTakesASharedURL(t *testing.T) {
	url := "postgres://ana@db.example/newsroom?chronology=Sony"
	got, err := parseOpenArgs([]string{"present", url, "--actor", "China"})
	if err != nil || got.file != url || !got.present || len(got.actors) != 1 {
		t.Errorf("present URL: %+v, %v", got, err)
	}
	if IsCommand([]string{url}) {
		t.Error("a postgres:// URL is taken for a command, not a chronology to open")
	}
}
