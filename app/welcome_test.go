package app

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chronoscope/data/datatest"
)

// assertWelcome checks that the window shows the welcome screen with its
// three buttons, and no timeline (no axis, no tabs).
func assertWelcome(t *testing.T, ui *UI) {
	t.Helper()
	texts := drawn(ui.Window.Content())
	for _, want := range []string{"No chronology is open", "Open…", "New…", "Open the default chronology"} {
		if !contains(texts, want) {
			t.Errorf("the window does not show %q; it shows %q", want, texts)
		}
	}
	if contains(texts, "1970") {
		t.Errorf("the window draws an axis at 1970: %q", texts)
	}
	for _, gone := range []string{"Timeline", "List"} {
		for _, s := range texts {
			if s == gone {
				t.Errorf("the window shows the %s tab over the welcome screen", gone)
			}
		}
	}
}

// A file that cannot be opened at start-up (missing, not a chronology, a
// foreign file that cannot be imported) leaves the welcome screen and a
// dialog saying why, never an empty axis at 1970.
func TestFailedFirstOpenShowsWelcome(t *testing.T) {
	t.Setenv("CHRONOSCOPE_DATA_DIR", t.TempDir())
	dir := t.TempDir()
	notSQLite := filepath.Join(dir, "notes.chrono")
	broken := filepath.Join(dir, "broken.json")
	for p, body := range map[string]string{notSQLite: "just some text, not a database",
		broken: `{"events": [{"start_date": {"year": "soon"}}]}`} {
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, path := range []string{filepath.Join(dir, "missing.chrono"), notSQLite, broken} {
		t.Run(filepath.Base(path), func(t *testing.T) {
			ui, _ := newTestUI(t, path)
			if ui.store != nil {
				t.Fatalf("%s is open", ui.store.Path())
			}
			assertWelcome(t, ui)
			if got, want := ui.filters.status.Text, "No chronology open: File › Open or New"; got != want {
				t.Errorf("status = %q, want %q", got, want)
			}
			if ui.Window.Canvas().Overlays().Top() == nil {
				t.Error("no dialog says why the file was not opened")
			}
			if text := dialogText(t, ui); !contains([]string{text}, filepath.Base(path)) {
				t.Errorf("the dialog says %q, without the file's name", text)
			}
		})
	}
}

// The welcome screen's buttons: the default chronology opens and the
// welcome goes; Close brings it back; New… and Open… show their dialogs.
func TestWelcomeButtons(t *testing.T) {
	t.Setenv("CHRONOSCOPE_DATA_DIR", t.TempDir())
	ui, _ := newTestUI(t, filepath.Join(t.TempDir(), "missing.chrono"))
	ui.Window.Canvas().Overlays().Top().Hide()
	ui.Window.Canvas().Overlays().Remove(ui.Window.Canvas().Overlays().Top())
	assertWelcome(t, ui)

	test.Tap(findButton(t, ui.Window.Content(), "Open the default chronology"))
	if ui.store == nil {
		t.Fatal("the default chronology was not opened")
	}
	if got, want := ui.filters.status.Text, "18 of 18 events"; got != want {
		t.Errorf("status = %q, want %q", got, want)
	}
	texts := drawn(ui.Window.Content())
	if contains(texts, "No chronology is open") {
		t.Error("the welcome screen is still shown over the open chronology")
	}
	if !contains(drawn(ui.timeline.Object()), "Hackers breach Sony Pictures") {
		t.Error("the timeline does not show the default chronology's events")
	}

	ui.CloseFile()
	assertWelcome(t, ui)
	for _, button := range []string{"Open…", "New…"} {
		test.Tap(findButton(t, ui.Window.Content(), button))
		top := ui.Window.Canvas().Overlays().Top()
		if top == nil {
			t.Fatalf("%s shows no dialog", button)
		}
		if find(t, top, func(*widget.Button) bool { return true }) == nil {
			t.Errorf("%s's dialog has no buttons", button)
		}
		ui.Window.Canvas().Overlays().Remove(top)
	}
}

// A failed open while a chronology is shown keeps it (no welcome screen),
// and a cancelled presentation request is not run by a later open.
func TestFailedOpenKeepsTheChronologyAndDropsWhatWasToFollow(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	ran := false
	ui.afterOpen = func() { ran = true }
	ui.OpenFile("/nonexistent/file.chrono")
	if contains(drawn(ui.Window.Content()), "No chronology is open") {
		t.Error("the welcome screen replaced the open chronology")
	}
	if got := ui.filters.status.Text; got != "18 of 18 events" {
		t.Errorf("status = %q, want the chronology kept", got)
	}
	ui.OpenFile(ui.store.Path())
	if ran {
		t.Error("what was to follow the failed open ran after the next one")
	}
}
