package pgtest_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"chronoscope/data/pgsync/pgtest"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// connect opens a connection that the test closes at its end.
func connect(t *testing.T, url string) *pgx.Conn {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatalf("connect to %s: %v", url, err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// queryString runs a query returning one text value.
func queryString(conn *pgx.Conn, sql string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var s string
	err := conn.QueryRow(ctx, sql).Scan(&s)
	return s, err
}

// postmasterPID reads the server's process id from its postmaster.pid.
func postmasterPID(t *testing.T, s *pgtest.Server) int {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(s.DataDir(), "postmaster.pid"))
	if err != nil {
		t.Fatalf("read postmaster.pid: %v", err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(b), "\n", 2)[0]))
	if err != nil {
		t.Fatalf("postmaster.pid starts with %q: %v", b, err)
	}
	return pid
}

// gone reports whether process pid has ended and been collected: not even
// a defunct process is left.
func gone(pid int) bool {
	return errors.Is(syscall.Kill(pid, 0), syscall.ESRCH)
}

// refused reports whether nothing listens on 127.0.0.1:port.
func refused(port int) bool {
	c, err := net.DialTimeout("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)), 5*time.Second)
	if err == nil {
		c.Close()
		return false
	}
	return errors.Is(err, syscall.ECONNREFUSED)
}

func TestAdminConnects(t *testing.T) {
	s := pgtest.Current
	if s == nil {
		t.Fatal("Main did not set Current")
	}
	conn := connect(t, s.AdminURL("postgres"))
	if got, err := queryString(conn, "SELECT current_user"); err != nil || got != pgtest.AdminUser {
		t.Errorf("current_user over TCP = %q, %v; want %q", got, err, pgtest.AdminUser)
	}
	if got, err := queryString(conn, "SELECT inet_server_addr()::text || ' ' || inet_server_port()"); err != nil ||
		got != fmt.Sprintf("127.0.0.1/32 %d", s.Port()) {
		t.Errorf("server address = %q, %v; want 127.0.0.1/32 %d", got, err, s.Port())
	}
	if got, err := queryString(conn, "SHOW shared_buffers"); err != nil || got != "16MB" {
		t.Errorf("shared_buffers = %q, %v; want 16MB", got, err)
	}
	if got, err := queryString(conn, "SHOW max_connections"); err != nil || got != "100" {
		t.Errorf("max_connections = %q, %v; want 100", got, err)
	}

	// The Unix socket in the server's folder, without a password too.
	sock := connect(t, fmt.Sprintf("host=%s port=%d user=%s dbname=postgres", s.SocketDir(), s.Port(), pgtest.AdminUser))
	if got, err := queryString(sock, "SELECT coalesce(inet_server_addr()::text, 'socket')"); err != nil || got != "socket" {
		t.Errorf("connection through %s is %q, %v; want a socket connection", s.SocketDir(), got, err)
	}

	// PostgreSQL refuses to run as root: as root, the server runs as nobody.
	pid := postmasterPID(t, s)
	fi, err := os.Stat(fmt.Sprintf("/proc/%d", pid))
	if err != nil {
		t.Fatalf("the server's process %d: %v", pid, err)
	}
	uid := int(fi.Sys().(*syscall.Stat_t).Uid)
	if os.Geteuid() == 0 && uid == 0 {
		t.Errorf("the server (pid %d) runs as root", pid)
	}
	if os.Geteuid() != 0 && uid != os.Geteuid() {
		t.Errorf("the server (pid %d) runs as uid %d, want ours (%d)", pid, uid, os.Geteuid())
	}
}

func TestRolePassword(t *testing.T) {
	s := pgtest.Current
	url, err := s.CreateDatabase("pgtest_roles")
	if err != nil {
		t.Fatal(err)
	}
	if want := s.AdminURL("pgtest_roles"); url != want {
		t.Errorf("CreateDatabase returned %q, want AdminURL %q", url, want)
	}
	admin := connect(t, url)
	if got, err := queryString(admin, "SELECT current_database()"); err != nil || got != "pgtest_roles" {
		t.Errorf("current_database() = %q, %v; want pgtest_roles", got, err)
	}
	// A second database of the same name is an error, not a silent reuse.
	var pgErr *pgconn.PgError
	if _, err := s.CreateDatabase("pgtest_roles"); !errors.As(err, &pgErr) || pgErr.Code != "42P04" {
		t.Errorf("CreateDatabase twice: %v; want duplicate_database (42P04)", err)
	}

	const password = `it's "s3cret" \ 1`
	if err := s.CreateRole("editor", password); err != nil {
		t.Fatal(err)
	}
	if got, err := queryString(admin, "SELECT left(rolpassword, 14) FROM pg_authid WHERE rolname = 'editor'"); err != nil || got != "SCRAM-SHA-256$" {
		t.Errorf("editor's stored password starts %q, %v; want a SCRAM-SHA-256 verifier", got, err)
	}

	user := connect(t, s.UserURL("pgtest_roles", "editor", password))
	if got, err := queryString(user, "SELECT current_user || ' ' || current_database()"); err != nil || got != "editor pgtest_roles" {
		t.Errorf("logged in as %q, %v; want editor pgtest_roles", got, err)
	}

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for _, url := range []string{
		s.UserURL("pgtest_roles", "editor", "wrong"),
		s.UserURL("pgtest_roles", "editor", strings.ToUpper(password)),
	} {
		conn, err := pgx.Connect(ctx, url)
		if err == nil {
			conn.Close(ctx)
			t.Errorf("%s: logged in with a wrong password", url)
			continue
		}
		if !errors.As(err, &pgErr) || pgErr.Code != "28P01" {
			t.Errorf("%s: %v; want invalid_password (28P01)", url, err)
		}
	}
	// Without a password, the role cannot log in over TCP either.
	if conn, err := pgx.Connect(ctx, strings.Replace(s.UserURL("pgtest_roles", "editor", "x"), "editor:x@", "editor@", 1)); err == nil {
		conn.Close(ctx)
		t.Error("editor logged in without a password")
	}
	if err := s.CreateRole("editor", "other"); !errors.As(err, &pgErr) || pgErr.Code != "42710" {
		t.Errorf("CreateRole twice: %v; want duplicate_object (42710)", err)
	}
	if err := s.CreateRole("nopassword", ""); err == nil {
		t.Error("CreateRole with an empty password succeeded")
	}
}

func TestKillRestart(t *testing.T) {
	s := pgtest.Current
	url, err := s.CreateDatabase("pgtest_crash")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	conn := connect(t, url)
	if _, err := conn.Exec(ctx, "CREATE TABLE event (title text); INSERT INTO event VALUES ('Kept after the crash')"); err != nil {
		t.Fatal(err)
	}
	pid := postmasterPID(t, s)
	port := s.Port()

	if err := s.Kill(); err != nil {
		t.Fatal(err)
	}
	if !gone(pid) {
		t.Errorf("the server process %d still runs after Kill", pid)
	}
	if !refused(port) {
		t.Errorf("port %d still accepts connections after Kill", port)
	}
	if _, err := queryString(conn, "SELECT title FROM event"); err == nil {
		t.Error("a query on a connection opened before Kill succeeded")
	}
	if err := s.Kill(); err != nil {
		t.Errorf("Kill of a killed server: %v", err)
	}

	if err := s.Restart(); err != nil {
		t.Fatal(err)
	}
	if s.Port() != port {
		t.Errorf("port after Restart = %d, want %d", s.Port(), port)
	}
	if err := s.Restart(); err == nil {
		t.Error("Restart of a running server succeeded")
	}
	again := connect(t, url)
	if got, err := queryString(again, "SELECT string_agg(title, '|') FROM event"); err != nil || got != "Kept after the crash" {
		t.Errorf("after Kill and Restart the table holds %q, %v; want the committed row", got, err)
	}

	// A clean shutdown keeps the data as well.
	if err := s.Shutdown(); err != nil {
		t.Fatal(err)
	}
	if !refused(port) {
		t.Errorf("port %d still accepts connections after Shutdown", port)
	}
	if err := s.Restart(); err != nil {
		t.Fatal(err)
	}
	third := connect(t, url)
	if got, err := queryString(third, "SELECT count(*)::text FROM event"); err != nil || got != "1" {
		t.Errorf("after Shutdown and Restart the table has %q rows, %v; want 1", got, err)
	}
}

func TestTerminateBackends(t *testing.T) {
	s := pgtest.Current
	url, err := s.CreateDatabase("pgtest_dropped")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.CreateRole("dropped_user", "pw"); err != nil {
		t.Fatal(err)
	}
	first := connect(t, url)
	second := connect(t, s.UserURL("pgtest_dropped", "dropped_user", "pw"))
	other := connect(t, s.AdminURL("postgres"))
	for _, c := range []*pgx.Conn{first, second, other} {
		if _, err := queryString(c, "SELECT 'up'"); err != nil {
			t.Fatalf("before TerminateBackends: %v", err)
		}
	}

	if err := s.TerminateBackends("pgtest_dropped"); err != nil {
		t.Fatal(err)
	}
	for name, c := range map[string]*pgx.Conn{"admin": first, "dropped_user": second} {
		if got, err := queryString(c, "SELECT 'still up'"); err == nil {
			t.Errorf("%s's connection to pgtest_dropped answered %q after TerminateBackends", name, got)
		}
	}
	if got, err := queryString(other, "SELECT 'up'"); err != nil || got != "up" {
		t.Errorf("a connection to another database: %q, %v; want it untouched", got, err)
	}
	fresh := connect(t, url)
	if got, err := queryString(fresh, "SELECT count(*)::text FROM pg_stat_activity WHERE datname = 'pgtest_dropped'"); err != nil || got != "1" {
		t.Errorf("connections to pgtest_dropped after TerminateBackends and one new: %q, %v; want 1", got, err)
	}
	if err := s.TerminateBackends("pgtest_no_such_db"); err != nil {
		t.Errorf("TerminateBackends of a database without connections: %v", err)
	}
}

// TestStartStop starts a second server beside Current: its own folder and
// port, gone after Stop, and Stop twice is safe.
func TestStartStop(t *testing.T) {
	s, err := pgtest.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Stop()
	if s.Port() == pgtest.Current.Port() || s.SocketDir() == pgtest.Current.SocketDir() {
		t.Fatalf("second server shares port %d or folder %s with Current", s.Port(), s.SocketDir())
	}
	conn := connect(t, s.AdminURL("postgres"))
	if got, err := queryString(conn, "SELECT current_user"); err != nil || got != pgtest.AdminUser {
		t.Errorf("current_user = %q, %v", got, err)
	}
	pid := postmasterPID(t, s)
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	if !gone(pid) {
		t.Errorf("the server process %d still runs after Stop", pid)
	}
	if _, err := os.Stat(s.SocketDir()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the server's folder %s is still there after Stop: %v", s.SocketDir(), err)
	}
	if !refused(s.Port()) {
		t.Errorf("port %d still accepts connections after Stop", s.Port())
	}
	if err := s.Stop(); err != nil {
		t.Errorf("second Stop: %v", err)
	}
	if err := s.Restart(); err == nil {
		t.Error("Restart after Stop succeeded")
	}
	// Current is untouched.
	if _, err := queryString(connect(t, pgtest.Current.AdminURL("postgres")), "SELECT 1::text"); err != nil {
		t.Errorf("Current after stopping another server: %v", err)
	}
}

// TestReapStale plays a test process killed before it could stop its
// server: the next run's ReapStale stops that server and removes its
// folder, and leaves Current, whose test process runs, alone.
func TestReapStale(t *testing.T) {
	s, err := pgtest.Start()
	if err != nil {
		t.Fatal(err)
	}
	defer s.Stop()
	pid := postmasterPID(t, s)

	// A process that has ended stands for the killed test process.
	ended := exec.Command("true")
	if err := ended.Run(); err != nil {
		t.Fatal(err)
	}
	owner := filepath.Join(s.SocketDir(), "owner")
	if err := os.WriteFile(owner, []byte(strconv.Itoa(ended.Process.Pid)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	if err := pgtest.ReapStale(); err != nil {
		t.Fatal(err)
	}
	if !gone(pid) {
		t.Errorf("the left-over server %d still runs after ReapStale", pid)
	}
	if _, err := os.Stat(s.SocketDir()); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the left-over folder %s is still there: %v", s.SocketDir(), err)
	}
	if !refused(s.Port()) {
		t.Errorf("port %d still accepts connections after ReapStale", s.Port())
	}
	if _, err := os.Stat(pgtest.Current.DataDir()); err != nil {
		t.Errorf("ReapStale touched Current's folder: %v", err)
	}
	if _, err := queryString(connect(t, pgtest.Current.AdminURL("postgres")), "SELECT 1::text"); err != nil {
		t.Errorf("Current after ReapStale: %v", err)
	}
}
