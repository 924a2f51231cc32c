package datatest

import (
	"testing"
	"time"

	"chronoscope/data"
)

// Floor loads the chronology at src into a new empty store with
// data.LoadFloor (SQLite alone, set-based) and returns the time it took:
// the yardstick the write benchmarks are divided by.
func Floor(t testing.TB, src string) time.Duration {
	t.Helper()
	s := NewStore(t)
	d, err := data.LoadFloor(s, src)
	if err != nil {
		t.Fatal(err)
	}
	return d
}
