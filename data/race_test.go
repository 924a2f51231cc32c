//go:build race

package data_test

// raceEnabled: the race detector makes the code several times slower, so
// the crash tests scale their work down under -race.
const raceEnabled = true
