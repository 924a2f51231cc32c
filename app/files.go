package app

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"chronoscope/assets"
	"chronoscope/data"
)

// DataDir returns the folder Chronoscope keeps its chronologies in:
// $XDG_DATA_HOME/chronoscope (~/.local/share/chronoscope) on Linux and the
// BSDs, the user's application-support folder elsewhere. CHRONOSCOPE_DATA_DIR
// overrides it.
func DataDir() (string, error) {
	if d := os.Getenv("CHRONOSCOPE_DATA_DIR"); d != "" {
		return d, nil
	}
	switch runtime.GOOS {
	case "windows", "darwin", "ios", "android":
		d, err := os.UserConfigDir()
		if err != nil {
			return "", err
		}
		return filepath.Join(d, "Chronoscope"), nil
	}
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "chronoscope"), nil
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, ".local", "share", "chronoscope"), nil
}

// EnsureDefault returns the path of the default chronology in dir, writing
// it from the embedded copy when it is missing. A default file that cannot
// be opened or fails its integrity check is moved aside (renamed with
// ".damaged-TIME") and written afresh; no other file is touched. A user's
// edits to a sound default file are kept.
func EnsureDefault(dir string) (string, error) {
	path := filepath.Join(dir, assets.DefaultName)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("default chronology: %w", err)
	}
	if _, err := os.Stat(path); err == nil {
		if sound(path) {
			return path, nil
		}
		aside := path + ".damaged-" + time.Now().UTC().Format("20060102T150405")
		if err := os.Rename(path, aside); err != nil {
			return "", fmt.Errorf("default chronology %s is damaged and could not be moved aside: %w", path, err)
		}
		for _, ext := range []string{"-wal", "-shm"} {
			os.Rename(path+ext, aside+ext)
		}
	}
	if err := writeDefault(path); err != nil {
		return "", fmt.Errorf("default chronology %s: %w", path, err)
	}
	return path, nil
}

// sound reports whether path opens as a chronology and passes SQLite's
// quick check (cheaper than the full check: this runs at every start).
func sound(path string) bool {
	s, err := data.Open(path)
	if err != nil {
		return false
	}
	defer s.Close()
	problems, err := s.QuickCheck()
	return err == nil && len(problems) == 0
}

// writeDefault builds the default chronology in a temporary file beside
// path and renames it into place, so a crash never leaves half a file.
func writeDefault(path string) error {
	tmp := path + ".new"
	os.Remove(tmp)
	s, err := data.Create(tmp, data.Chronology{Title: "Default"})
	if err != nil {
		return err
	}
	err = s.Update(func(tx *data.Tx) error {
		_, err := data.ReadJSON(tx, bytes.NewReader(assets.DefaultChronology), "assets/sony-hack-2014.json")
		return err
	})
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// errUsage marks a command-line error that should exit with status 2.
var errUsage = errors.New("usage")
