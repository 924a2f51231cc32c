package app

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"chronoscope/data/datatest"
	"chronoscope/timeline"
)

func TestNewSaveAsCloseAndRecent(t *testing.T) {
	first := datatest.DefaultFile(t)
	ui, _ := newTestUI(t, first)
	dir := t.TempDir()

	// Save As: a copy, and the window goes on in it.
	copyPath := filepath.Join(dir, "copy.chrono")
	os.WriteFile(copyPath, []byte("an old file the user chose to replace"), 0o644)
	ui.SaveAs(copyPath)
	if ui.store == nil || ui.store.Path() != copyPath {
		t.Fatalf("the window is not on the copy")
	}
	if got := ui.filters.status.Text; got != "18 of 18 events" {
		t.Errorf("the copy shows %q", got)
	}
	if tmp, _ := filepath.Glob(filepath.Join(dir, ".*tmp")); len(tmp) != 0 {
		t.Errorf("temporary files left: %v", tmp)
	}

	// New: an empty chronology.
	newPath := filepath.Join(dir, "notes")
	ui.NewFile(newPath)
	if ui.store == nil || ui.store.Path() != newPath+".chrono" {
		t.Fatalf("the window is not on the new file")
	}
	if got, want := ui.Window.Title(), "Chronoscope — notes"; got != want {
		t.Errorf("title = %q, want %q", got, want)
	}
	if got := ui.filters.status.Text; got != "0 of 0 events" {
		t.Errorf("the new file shows %q", got)
	}

	// Open Recent lists them, newest first.
	abs := func(p string) string { a, _ := filepath.Abs(p); return a }
	if got, want := ui.recent(), []string{abs(newPath + ".chrono"), abs(copyPath), abs(first)}; !slices.Equal(got, want) {
		t.Errorf("recent = %q, want %q", got, want)
	}
	if got := len(ui.recentItem.ChildMenu.Items); got != 3 {
		t.Errorf("Open Recent has %d items, want 3", got)
	}

	// Close leaves an empty window.
	ui.CloseFile()
	if ui.store != nil || ui.Window.Title() != "Chronoscope" || ui.list.total != 0 {
		t.Errorf("Close left store %v, title %q, %d rows", ui.store, ui.Window.Title(), ui.list.total)
	}
	ui.OpenFile(ui.recent()[1])
	if got := ui.filters.status.Text; got != "18 of 18 events" {
		t.Errorf("reopening from the recent list shows %q", got)
	}
}

func TestThemeAndZonePreferences(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	pick := func(menuItems int, label string) {
		t.Helper()
		menu := ui.themeMenu
		if menuItems == 1 {
			menu = ui.zoneMenu
		}
		for _, it := range menu.Items {
			if it.Label == label {
				it.Action()
				return
			}
		}
		t.Fatalf("no menu item %q", label)
	}
	pick(0, "Dark")
	if got := ui.App.Preferences().String(prefTheme); got != "dark" {
		t.Errorf("theme preference = %q", got)
	}
	if got := ui.App.Settings().Theme().Color(theme.ColorNameBackground, theme.VariantLight); got != theme.DefaultTheme().Color(theme.ColorNameBackground, theme.VariantDark) {
		t.Errorf("the dark theme is not applied")
	}
	for _, it := range ui.themeMenu.Items {
		if it.Checked != (it.Label == "Dark") {
			t.Errorf("menu item %q checked = %v", it.Label, it.Checked)
		}
	}
	pick(1, "This computer's zone")
	if got := ui.timeline.tl.Viewport(); got.PerPixel == 0 {
		t.Error("no timeline")
	}
	if got := ui.displayZone(time.UTC); got != time.Local {
		t.Errorf("display zone = %v, want Local", got)
	}
	pick(1, "UTC")
	if got := ui.displayZone(time.FixedZone("KST", 9*3600)); got != time.UTC {
		t.Errorf("display zone = %v, want UTC", got)
	}
}

// TestTitleInEveryLanePreference turns View › Title in every lane on and
// off: the timeline follows, the item is ticked, the PNG export draws as
// the window does, and a new window starts with the choice.
func TestTitleInEveryLanePreference(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	var item *fyne.MenuItem
	for _, m := range ui.Window.MainMenu().Items {
		for _, it := range m.Items {
			if m.Label == "View" && it.Label == "Title in every lane" {
				item = it
			}
		}
	}
	if item == nil {
		t.Fatal("no View › Title in every lane")
	}
	if ui.timeline.tl.TitleInEveryLane() || item.Checked {
		t.Fatal("titles in every lane by default")
	}

	item.Action()
	if !ui.timeline.tl.TitleInEveryLane() || !item.Checked || !ui.App.Preferences().Bool(prefEveryLane) {
		t.Errorf("after turning it on: timeline %v, ticked %v, preference %v",
			ui.timeline.tl.TitleInEveryLane(), item.Checked, ui.App.Preferences().Bool(prefEveryLane))
	}
	r := newPictureOptions(false).request(ui.timeline.tl)
	if !r.TitleInEveryLane {
		t.Error("the export dialog does not ask for titles in every lane")
	}
	tl := find(t, posterCanvas(ui.windowPoster(r), r).Content(), func(*timeline.Timeline) bool { return true })
	if !tl.TitleInEveryLane() {
		t.Error("the picture's timeline draws titles only in the lead lanes")
	}

	again := NewUI(ui.App, nil)
	t.Cleanup(again.Window.Close)
	if !again.timeline.tl.TitleInEveryLane() || !again.everyLane.Checked {
		t.Error("a new window forgot the choice")
	}

	item.Action()
	if ui.timeline.tl.TitleInEveryLane() || item.Checked || ui.App.Preferences().Bool(prefEveryLane) {
		t.Error("turning it off again did not take")
	}
}
