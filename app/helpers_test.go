package app

import (
	"bytes"
	"path/filepath"
	"testing"

	"chronoscope/assets"
	"chronoscope/data"
)

// defaultFile writes the default chronology to a temporary file.
func defaultFile(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "sony.chrono")
	s, err := data.Create(path, data.Chronology{Title: "x"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Update(func(tx *data.Tx) error {
		_, err := data.ReadJSON(tx, bytes.NewReader(assets.DefaultChronology), "default")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return path
}
