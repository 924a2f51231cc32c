package app

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"chronoscope/data/datatest"
)

// File › Import of a plain CSV shows the preview first; Enter imports
// into the open chronology as chosen, Escape imports nothing.
func TestImportPlainCSVThroughTheImportDialog(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	src := plainCSV(t, t.TempDir(), "bakery.csv", bakeryCSV)

	ui.importFile(src)
	previewDialog(t, ui)
	ui.typedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if ui.total != 18 {
		t.Errorf("%d events after Escape, want the 18 there were", ui.total)
	}

	ui.importFile(src)
	selects, _, _ := previewDialog(t, ui)
	selects[2].SetSelected(noActorColumn)
	ui.typedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if ui.total != 21 {
		t.Fatalf("%d events after Enter, want 18 + 3", ui.total)
	}
	if text := dialogText(t, ui); !strings.Contains(text, "3 events, 0 actors and 0 sources from bakery.csv") || !strings.Contains(text, `columns not imported: "Source", "Who"`) {
		t.Errorf("the summary says %q", text)
	}
	if ui.store.Path() == filepath.Join(filepath.Dir(src), "bakery.chrono") {
		t.Error("File › Import made a new chronology instead of importing into the open one")
	}
}
