package pgtest

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// sqlTimeout bounds each administrative statement.
const sqlTimeout = 30 * time.Second

// admin connects as AdminUser to the database postgres.
func (s *Server) admin(ctx context.Context) (*pgx.Conn, error) {
	conn, err := pgx.Connect(ctx, s.AdminURL("postgres"))
	if err != nil {
		return nil, fmt.Errorf("connect as %s to 127.0.0.1:%d: %w", AdminUser, s.port, err)
	}
	return conn, nil
}

// exec runs one statement as AdminUser.
func (s *Server) exec(what, sql string, args ...any) error {
	ctx, cancel := context.WithTimeout(context.Background(), sqlTimeout)
	defer cancel()
	conn, err := s.admin(ctx)
	if err != nil {
		return fmt.Errorf("pgtest: %s: %w", what, err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, sql, args...); err != nil {
		return fmt.Errorf("pgtest: %s: %w", what, err)
	}
	return nil
}

// CreateDatabase creates the database name, owned by AdminUser, and returns
// AdminURL(name). It fails if the database exists.
func (s *Server) CreateDatabase(name string) (string, error) {
	if name == "" {
		return "", fmt.Errorf("pgtest: create database: no name")
	}
	if err := s.exec(fmt.Sprintf("create database %q", name),
		"CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		return "", err
	}
	return s.AdminURL(name), nil
}

// CreateRole creates a role that may log in with password (stored as a
// SCRAM-SHA-256 verifier; pg_hba asks for it over TCP). It fails if the
// role exists.
func (s *Server) CreateRole(name, password string) error {
	what := fmt.Sprintf("create role %q", name)
	switch {
	case name == "":
		return fmt.Errorf("pgtest: create role: no name")
	case password == "":
		return fmt.Errorf("pgtest: %s: an empty password would let the role never log in", what)
	case strings.ContainsRune(password, 0):
		return fmt.Errorf("pgtest: %s: the password holds a NUL character", what)
	}
	// CREATE ROLE takes no parameters: the password is a quoted literal
	// (standard_conforming_strings is on, so only quotes need doubling).
	return s.exec(what, "CREATE ROLE "+pgx.Identifier{name}.Sanitize()+
		" LOGIN PASSWORD '"+strings.ReplaceAll(password, "'", "''")+"'")
}

// TerminateBackends ends every connection to database db but the one it
// uses itself (pg_terminate_backend), as a dropped connection would: the
// next statement on such a connection fails. It waits until the server
// processes of those connections are gone.
func (s *Server) TerminateBackends(db string) error {
	what := fmt.Sprintf("terminate the connections to %q", db)
	ctx, cancel := context.WithTimeout(context.Background(), sqlTimeout)
	defer cancel()
	conn, err := s.admin(ctx)
	if err != nil {
		return fmt.Errorf("pgtest: %s: %w", what, err)
	}
	defer conn.Close(context.Background())
	// Since PostgreSQL 14, pg_terminate_backend(pid, timeout) waits for the
	// process to end; before, the connection may still answer for a moment.
	terminate := "pg_terminate_backend(pid)"
	if major(conn.PgConn().ParameterStatus("server_version")) >= 14 {
		terminate = "pg_terminate_backend(pid, 10000)"
	}
	var found, ended int
	err = conn.QueryRow(ctx, "SELECT count(*), count(*) FILTER (WHERE "+terminate+") "+
		"FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", db).Scan(&found, &ended)
	if err != nil {
		return fmt.Errorf("pgtest: %s: %w", what, err)
	}
	if ended != found {
		return fmt.Errorf("pgtest: %s: %d of %d connections did not end", what, found-ended, found)
	}
	return nil
}

// major reads the major version from a server_version such as
// "15.18 (Debian 15.18-0+deb12u1)"; 0 if it has none.
func major(version string) int {
	end := strings.IndexFunc(version, func(r rune) bool { return r < '0' || r > '9' })
	if end < 0 {
		end = len(version)
	}
	n, _ := strconv.Atoi(version[:end])
	return n
}
