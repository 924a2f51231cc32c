// Package pgtest runs a throwaway PostgreSQL server for tests: a fresh
// cluster in a temporary folder, on a free port of 127.0.0.1 and on a Unix
// socket in that folder, removed again by Stop. It never connects to or
// stops a server it did not start.
//
// A test package uses it through TestMain:
//
//	func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
//
// and then connects to pgtest.Current.CreateDatabase(...)'s URL.
//
// Running as root (as CI does), initdb, pg_ctl and the server run as the
// user nobody, since PostgreSQL refuses to run as root; the folder is
// given to nobody.
//
// Left-over servers: Stop stops the server with pg_ctl and removes its
// folder, so a test run that ends normally leaves no postgres process
// behind. But pg_ctl detaches the server, so it outlives a test process
// that is killed before Main calls Stop (kill -9, or go test's -timeout
// panic): such a server keeps running, owned by nobody (or by the current
// user), until the next run's Main calls ReapStale, which finds its folder,
// sees that the test process named in it has ended, and stops it and
// removes the folder. Main also stops this process's servers on SIGINT and
// SIGTERM. A left-over server never breaks a later run: each run has its
// own folder and port.
package pgtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// AdminUser is the cluster's superuser (initdb -U). It logs in without a
// password over the Unix socket and over TCP on 127.0.0.1.
const AdminUser = "chrono_admin"

// serverUser is who runs initdb and the server when the tests run as root:
// PostgreSQL refuses to run as root.
const serverUser = "nobody"

const (
	// dirPrefix starts the name of every folder Start makes, so that
	// ReapStale finds them and nothing else.
	dirPrefix = "chronoscope-pgtest-"
	// ownerFile, in that folder, names the test process that made it.
	ownerFile = "owner"
	// startTimeout is how long pg_ctl waits for the server to accept
	// connections, and stopTimeout for it to be gone; generous, since the
	// machine may be busy with other tests.
	startTimeout = 60 * time.Second
	stopTimeout  = 60 * time.Second
	// portTries is how many ports Start tries when the one it picked was
	// taken by someone else before the server could bind it.
	portTries = 5
	// logTail is how much of the server log an error quotes.
	logTail = 2000
	// socketPathMax is the longest Unix socket path Linux takes (108 bytes
	// with the final NUL); the socket is DIR/.s.PGSQL.PORT.
	socketPathMax = 107
)

// errPortTaken says the server could not bind its port.
var errPortTaken = errors.New("port already in use")

// Server is a PostgreSQL server started by Start. Its methods may be called
// from several goroutines.
type Server struct {
	mu       sync.Mutex
	bin      binaries
	as       *account // who runs the server; nil for the current user
	dir      string   // the folder: owner, data/, server.log and the socket
	port     int
	baseConf []byte // postgresql.conf as initdb wrote it
	removed  bool   // Stop has removed the folder
}

// Start makes a fresh cluster (initdb) in a new temporary folder and starts
// it on a free port of 127.0.0.1 and on a Unix socket in that folder,
// waiting until it accepts connections. The error wraps ErrNoPostgres when
// the server programs are not installed, and quotes the end of the server
// log when the server does not start.
func Start() (*Server, error) {
	bin, err := findBinaries(os.Getenv("PATH"), debianBinGlob)
	if err != nil {
		return nil, err
	}
	as, err := serverAccount()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(baseDir(), dirPrefix)
	if err != nil {
		return nil, fmt.Errorf("pgtest: make the server's folder: %w", err)
	}
	adoptServers()
	s := &Server{bin: bin, as: as, dir: dir}
	if err := s.create(); err != nil {
		return nil, errors.Join(err, s.remove())
	}
	for try := 1; ; try++ {
		if s.port, err = freePort(); err != nil {
			return nil, errors.Join(err, s.remove())
		}
		if err = s.writeConf(); err != nil {
			return nil, errors.Join(err, s.remove())
		}
		err = s.start()
		if err == nil {
			started.add(s)
			return s, nil
		}
		// pg_ctl may have given up waiting on a server that is still
		// starting: stop it before removing its folder or trying again.
		if stopErr := s.stop("immediate"); stopErr != nil {
			return nil, errors.Join(err, stopErr)
		}
		if !errors.Is(err, errPortTaken) || try == portTries {
			return nil, errors.Join(err, s.remove())
		}
	}
}

// started holds the servers of this process that Stop has not removed, for
// Main to stop when the tests are interrupted.
var started = &serverSet{m: map[*Server]bool{}}

type serverSet struct {
	mu sync.Mutex
	m  map[*Server]bool
}

func (set *serverSet) add(s *Server) {
	set.mu.Lock()
	defer set.mu.Unlock()
	set.m[s] = true
}

func (set *serverSet) delete(s *Server) {
	set.mu.Lock()
	defer set.mu.Unlock()
	delete(set.m, s)
}

// stopAll stops and removes every server of this process.
func (set *serverSet) stopAll() error {
	set.mu.Lock()
	servers := make([]*Server, 0, len(set.m))
	for s := range set.m {
		servers = append(servers, s)
	}
	set.mu.Unlock()
	var errs []error
	for _, s := range servers {
		errs = append(errs, s.Stop())
	}
	return errors.Join(errs...)
}

// baseDir is where server folders go: the system's temporary folder when
// its path is short enough for the socket and, as root, when the user
// nobody can reach it; /tmp otherwise.
func baseDir() string {
	tmp := os.TempDir()
	// MkdirTemp adds the prefix and up to 10 digits.
	if len(tmp)+1+len(dirPrefix)+10+len("/.s.PGSQL.65535") > socketPathMax {
		return "/tmp"
	}
	if os.Geteuid() == 0 {
		for d := tmp; ; d = filepath.Dir(d) {
			fi, err := os.Stat(d)
			if err != nil || fi.Mode().Perm()&0o001 == 0 {
				return "/tmp"
			}
			if d == filepath.Dir(d) {
				break
			}
		}
	}
	return tmp
}

// freePort asks the kernel for a free port of 127.0.0.1. Someone else may
// take it before the server binds it; Start then tries another.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("pgtest: find a free port on 127.0.0.1: %w", err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	if err := l.Close(); err != nil {
		return 0, fmt.Errorf("pgtest: find a free port on 127.0.0.1: %w", err)
	}
	return port, nil
}

// create writes the owner file and runs initdb.
func (s *Server) create() error {
	owner := fmt.Sprintf("%d %s\n", os.Getpid(), processStart(os.Getpid()))
	if err := os.WriteFile(filepath.Join(s.dir, ownerFile), []byte(owner), 0o644); err != nil {
		return fmt.Errorf("pgtest: write %s: %w", filepath.Join(s.dir, ownerFile), err)
	}
	if err := chown(s.dir, s.as); err != nil {
		return fmt.Errorf("pgtest: give %s to the user %s: %w", s.dir, serverUser, err)
	}
	out, err := s.run(2*time.Minute, s.bin.initdb,
		"-D", s.DataDir(), "-U", AdminUser, "--auth=trust",
		"--encoding=UTF8", "--locale=C", "--no-sync")
	if err != nil {
		return fmt.Errorf("pgtest: initdb -D %s: %w\n%s", s.DataDir(), err, out)
	}
	conf := filepath.Join(s.DataDir(), "postgresql.conf")
	if s.baseConf, err = os.ReadFile(conf); err != nil {
		return fmt.Errorf("pgtest: read %s: %w", conf, err)
	}
	hba := "# Written by pgtest: the superuser without a password, every other role\n" +
		"# with its password (SCRAM) over TCP.\n" +
		"local all " + AdminUser + " trust\n" +
		"host  all " + AdminUser + " 127.0.0.1/32 trust\n" +
		"host  all all 127.0.0.1/32 scram-sha-256\n"
	return s.writeFile(filepath.Join(s.DataDir(), "pg_hba.conf"), []byte(hba))
}

// writeConf writes postgresql.conf: initdb's, then the settings of a small,
// fast server for tests on s.port.
func (s *Server) writeConf() error {
	var b bytes.Buffer
	b.Write(s.baseConf)
	fmt.Fprintf(&b, "\n# Written by pgtest.\n"+
		"listen_addresses = '127.0.0.1'\n"+
		"port = %d\n"+
		"unix_socket_directories = '%s'\n"+
		"max_connections = 100\n"+
		"shared_buffers = 16MB\n"+
		"password_encryption = 'scram-sha-256'\n"+
		"# Nothing here must survive a crash of the machine, only of the\n"+
		"# server (Kill), which the operating system's cache survives.\n"+
		"fsync = off\n"+
		"full_page_writes = off\n",
		s.port, strings.ReplaceAll(s.dir, "'", "''"))
	return s.writeFile(filepath.Join(s.DataDir(), "postgresql.conf"), b.Bytes())
}

// writeFile writes a file in the data folder, readable by the server only.
func (s *Server) writeFile(path string, data []byte) error {
	if err := os.WriteFile(path, data, 0o600); err != nil {
		return fmt.Errorf("pgtest: write %s: %w", path, err)
	}
	if err := chown(path, s.as); err != nil {
		return fmt.Errorf("pgtest: give %s to the user %s: %w", path, serverUser, err)
	}
	return nil
}

// start runs pg_ctl start and waits until the server accepts connections.
func (s *Server) start() error {
	logFile := s.logPath()
	out, err := s.run(startTimeout+30*time.Second, s.bin.pgCtl, "start",
		"-D", s.DataDir(), "-l", logFile, "-w", "-t", strconv.Itoa(int(startTimeout/time.Second)))
	if err == nil {
		return nil
	}
	tail := s.logTail()
	if strings.Contains(tail, "Address already in use") {
		err = fmt.Errorf("%w (%w)", errPortTaken, err)
	}
	return fmt.Errorf("pgtest: start PostgreSQL (%s) on 127.0.0.1:%d: %w\n%s\nend of the server log %s:\n%s",
		s.DataDir(), s.port, err, bytes.TrimSpace(out), logFile, tail)
}

// stop runs pg_ctl stop in mode ("fast" or "immediate") and waits until
// the server is gone. A server that is not running is already stopped.
func (s *Server) stop(mode string) error {
	if !s.running() {
		return nil
	}
	pid := s.serverPID()
	out, err := s.run(stopTimeout+30*time.Second, s.bin.pgCtl, "stop",
		"-D", s.DataDir(), "-m", mode, "-w", "-t", strconv.Itoa(int(stopTimeout/time.Second)))
	if err != nil && s.running() {
		return fmt.Errorf("pgtest: stop PostgreSQL (%s, -m %s): %w\n%s\nend of the server log %s:\n%s",
			s.DataDir(), mode, err, bytes.TrimSpace(out), s.logPath(), s.logTail())
	}
	collectServer(pid)
	return nil
}

// serverPID is the server's process id from the first line of
// postmaster.pid; 0 if there is none.
func (s *Server) serverPID() int {
	b, err := os.ReadFile(filepath.Join(s.DataDir(), "postmaster.pid"))
	if err != nil {
		return 0
	}
	line, _, _ := bytes.Cut(b, []byte("\n"))
	pid, err := strconv.Atoi(string(bytes.TrimSpace(line)))
	if err != nil {
		return 0
	}
	return pid
}

// running asks pg_ctl status whether a server runs on the data folder.
func (s *Server) running() bool {
	if _, err := os.Stat(filepath.Join(s.DataDir(), "postmaster.pid")); err != nil {
		return false
	}
	_, err := s.run(30*time.Second, s.bin.pgCtl, "status", "-D", s.DataDir())
	return err == nil
}

// remove deletes the folder.
func (s *Server) remove() error {
	if err := os.RemoveAll(s.dir); err != nil {
		return fmt.Errorf("pgtest: remove %s: %w", s.dir, err)
	}
	s.removed = true
	started.delete(s)
	return nil
}

// run runs a server program as the server's user in its folder, with no
// PG* variables from the environment (PGDATA, PGPORT, ...), and returns
// what it printed.
func (s *Server) run(timeout time.Duration, name string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = s.dir
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "PG") && !strings.HasPrefix(kv, "LC_") && !strings.HasPrefix(kv, "LANG=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "LC_ALL=C")
	// The server pg_ctl starts writes to the log file, not to these pipes;
	// should it hold them anyway, do not wait for it.
	cmd.WaitDelay = 5 * time.Second
	runAs(cmd, s.as)
	out, err := cmd.CombinedOutput()
	if ctx.Err() != nil {
		err = fmt.Errorf("%s did not finish within %v: %w", filepath.Base(name), timeout, err)
	}
	return out, err
}

// logPath is the server log's file.
func (s *Server) logPath() string { return filepath.Join(s.dir, "server.log") }

// logTail is the end of the server log, for errors.
func (s *Server) logTail() string {
	b, err := os.ReadFile(s.logPath())
	if err != nil {
		return fmt.Sprintf("(cannot read it: %v)", err)
	}
	if len(b) > logTail {
		b = b[len(b)-logTail:]
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			b = b[i+1:]
		}
	}
	return string(bytes.TrimSpace(b))
}

// Stop stops the server (pg_ctl stop -m fast, then -m immediate if that
// fails) and removes its folder. Calling it again, or after Kill or
// Shutdown, is safe.
func (s *Server) Stop() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.removed {
		return nil
	}
	if err := s.stop("fast"); err != nil {
		if err2 := s.stop("immediate"); err2 != nil {
			return errors.Join(err, err2)
		}
	}
	return s.remove()
}

// Shutdown stops the server cleanly (pg_ctl stop -m fast) and keeps its
// folder, so that Restart can start it again.
func (s *Server) Shutdown() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.removed {
		return errors.New("pgtest: Shutdown after Stop: the server's folder is gone")
	}
	return s.stop("fast")
}

// Kill stops the server at once (pg_ctl stop -m immediate), as a crash
// would: open connections break, and the next start recovers from the
// write-ahead log. It keeps the folder, so that Restart can start it again.
func (s *Server) Kill() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.removed {
		return errors.New("pgtest: Kill after Stop: the server's folder is gone")
	}
	return s.stop("immediate")
}

// Restart starts the server again on the same port and folder after Kill
// or Shutdown, and waits until it accepts connections.
func (s *Server) Restart() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.removed {
		return errors.New("pgtest: Restart after Stop: the server's folder is gone")
	}
	if s.running() {
		return fmt.Errorf("pgtest: Restart: the server on port %d is running; Kill or Shutdown it first", s.port)
	}
	return s.start()
}

// Port is the server's TCP port on 127.0.0.1.
func (s *Server) Port() int { return s.port }

// SocketDir is the folder holding the server's Unix socket (a libpq host).
func (s *Server) SocketDir() string { return s.dir }

// DataDir is the cluster's data folder (PGDATA).
func (s *Server) DataDir() string { return filepath.Join(s.dir, "data") }

// AdminURL is a URL for the superuser AdminUser to database db over TCP,
// without a password (trust), e.g.
// postgres://chrono_admin@127.0.0.1:PORT/db?sslmode=disable.
func (s *Server) AdminURL(db string) string {
	return s.url(db, url.User(AdminUser))
}

// UserURL is a URL for user to database db over TCP, logging in with
// password (SCRAM-SHA-256).
func (s *Server) UserURL(db, user, password string) string {
	return s.url(db, url.UserPassword(user, password))
}

func (s *Server) url(db string, user *url.Userinfo) string {
	u := url.URL{
		Scheme:   "postgres",
		User:     user,
		Host:     net.JoinHostPort("127.0.0.1", strconv.Itoa(s.port)),
		Path:     "/" + db,
		RawQuery: "sslmode=disable",
	}
	return u.String()
}
