package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

// copyTo copies src into dir and returns the copy's path.
func copyTo(t *testing.T, src, dir string) string {
	t.Helper()
	b, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, filepath.Base(src))
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// filesIn lists the names in dir.
func filesIn(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

// Opening a TimelineJS file (as chronoscope FILE, File › Open and a drop
// all do) imports it into a new chronology beside it, named after it,
// says so in the status bar and shows it; opening it again never writes
// over the first.
func TestOpenTimelineJSFileAsChronology(t *testing.T) {
	t.Setenv("CHRONOSCOPE_DATA_DIR", t.TempDir())
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	dir := t.TempDir()
	src := copyTo(t, interop(t, "timelinejs/women_in_computing.json"), dir)
	ui.OpenFile(src)
	want := filepath.Join(dir, "women_in_computing.chrono")
	if ui.store == nil || ui.store.Path() != want {
		t.Fatalf("open chronology = %v, want %s", ui.store, want)
	}
	if got := countEvents(t, want); got != 10 || ui.total != got {
		t.Errorf("the new chronology has %d events, the window shows %d; want 10", got, ui.total)
	}
	if got, want := ui.Window.Title(), "Chronoscope — Women in Computing"; got != want {
		t.Errorf("window title = %q, want %q (the title slide's headline)", got, want)
	}
	if got, want := ui.filters.status.Text, "women_in_computing.json imported as women_in_computing.chrono · 10 of 10 events"; got != want {
		t.Errorf("status = %q, want %q", got, want)
	}
	rows, err := ui.store.Window(data.Filter{Text: "Lovelace"})
	if err != nil || len(rows) == 0 {
		t.Fatalf("no Ada Lovelace event: %v", err)
	}
	if _, ok := ui.timeline.data.src.Item(rows[0].ID); !ok {
		t.Error("the imported events are not on the timeline")
	}

	first, err := os.ReadFile(want)
	if err != nil {
		t.Fatal(err)
	}
	ui.OpenFile(src)
	again := filepath.Join(dir, "women_in_computing (2).chrono")
	if ui.store.Path() != again {
		t.Errorf("second open = %s, want %s", ui.store.Path(), again)
	}
	if now, _ := os.ReadFile(want); string(now) != string(first) {
		t.Error("the second open changed the first chronology")
	}
}

// A sheet's CSV and a Timeline Project file open the same way.
func TestOpenSheetAndTimelineProjectFiles(t *testing.T) {
	t.Setenv("CHRONOSCOPE_DATA_DIR", t.TempDir())
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	dir := t.TempDir()
	for _, tt := range []struct {
		fixture, chrono string
	}{{"timelinejs/my-own-timeline.csv", "my-own-timeline.chrono"}, {"thetimelineproj/versions.timeline", "versions.chrono"}} {
		src := copyTo(t, interop(t, tt.fixture), dir)
		ui.OpenFile(src)
		want := filepath.Join(dir, tt.chrono)
		if ui.store.Path() != want {
			t.Errorf("%s opened as %s, want %s", tt.fixture, ui.store.Path(), want)
			continue
		}
		if n := countEvents(t, want); n == 0 || ui.total != n {
			t.Errorf("%s: %d events in the file, %d shown", tt.fixture, n, ui.total)
		}
		if !strings.HasPrefix(ui.filters.status.Text, filepath.Base(src)+" imported as "+tt.chrono) {
			t.Errorf("status = %q", ui.filters.status.Text)
		}
	}
}

// A file whose folder cannot be written to is imported into the data
// folder instead.
func TestOpenForeignFileFallsBackToTheDataFolder(t *testing.T) {
	dataDir := t.TempDir()
	blocked := filepath.Join(t.TempDir(), "not-a-folder")
	if err := os.WriteFile(blocked, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	src := copyTo(t, interop(t, "timelinejs/eras.json"), t.TempDir())
	dest, stats, err := importAsChronology(context.Background(), src, importSpec{Format: "timelinejs"}, []string{blocked, dataDir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dataDir, "eras.chrono"); dest != want || stats.Events == 0 {
		t.Errorf("imported %d events into %s, want some into %s", stats.Events, dest, want)
	}
}

// After a file that cannot be imported, the window keeps the chronology it
// showed, a dialog says why (naming the file and the place), and no new
// chronology is left behind.
func TestOpenBadForeignFileKeepsTheWindow(t *testing.T) {
	t.Setenv("CHRONOSCOPE_DATA_DIR", t.TempDir())
	path := datatest.DefaultFile(t)
	ui, _ := newTestUI(t, path)
	dir := t.TempDir()
	bad := filepath.Join(dir, "broken.json")
	if err := os.WriteFile(bad, []byte(`{"events": [{"start_date": {"year": 1815, "month": 13}}]}`), 0o644); err != nil {
		t.Fatal(err)
	}
	ui.OpenFile(bad)
	if ui.store.Path() != path {
		t.Errorf("open chronology = %s, want %s kept", ui.store.Path(), path)
	}
	if got := ui.filters.status.Text; got != "18 of 18 events" {
		t.Errorf("status = %q, want the old chronology's count", got)
	}
	if got := filesIn(t, dir); len(got) != 1 {
		t.Errorf("files beside it = %q, want only broken.json", got)
	}
	top := ui.Window.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog says why")
	}
	var text []string
	walk(top, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			text = append(text, l.Text)
		}
	})
	if all := strings.Join(text, " "); !strings.Contains(all, "broken.json") || !strings.Contains(all, "events[0].start_date.month") {
		t.Errorf("dialog says %q, want the file and the place", all)
	}
}
