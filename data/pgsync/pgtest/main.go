package pgtest

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"testing"
)

// Current is the server Main started, for the tests it runs.
var Current *Server

// Main is for TestMain: it stops the servers left by killed test runs
// (ReapStale), starts a server as Current, runs the tests, and stops and
// removes the server. It returns the exit code for os.Exit: 1 when the
// server cannot start (never skipping the tests), with a message naming
// Debian's postgresql package when the server programs are missing.
func Main(m *testing.M) int {
	if err := ReapStale(); err != nil {
		fmt.Fprintf(os.Stderr, "pgtest: warning: a left-over test server could not be removed: %v\n", err)
	}
	s, err := Start()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		if errors.Is(err, ErrNoPostgres) {
			fmt.Fprintln(os.Stderr, "pgtest: these tests need a PostgreSQL server and do not skip without one.")
		}
		return 1
	}
	Current = s

	// Interrupted (Ctrl-C, or killed politely), stop the servers first:
	// pg_ctl detaches them, so the signal does not reach them. A server
	// still being made by Start then is left to the next run's ReapStale.
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-signals:
			fmt.Fprintf(os.Stderr, "pgtest: %v: stopping the test servers\n", sig)
			if err := started.stopAll(); err != nil {
				fmt.Fprintln(os.Stderr, err)
			}
			os.Exit(1)
		case <-done:
		}
	}()

	code := m.Run()
	signal.Stop(signals)
	close(done)
	if err := s.Stop(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		if code == 0 {
			code = 1
		}
	}
	return code
}
