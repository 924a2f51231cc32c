package app

import (
	"testing"

	"fyne.io/fyne/v2"

	"chronoscope/data/datatest"
)

// The Open and Import file dialogs close on Escape, and the window's keys
// are its own again after.
func TestFileDialogsCloseOnEscape(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	for name, show := range map[string]func(){"Open": ui.showOpenDialog, "Import": ui.showImportDialog} {
		show()
		if ui.Window.Canvas().Overlays().Top() == nil || ui.keyTrap == nil {
			t.Fatalf("%s: no dialog shown", name)
		}
		ui.typedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
		if ui.Window.Canvas().Overlays().Top() != nil {
			t.Errorf("%s: Escape left the dialog open", name)
		}
		if ui.keyTrap != nil {
			t.Errorf("%s: the window's keys still go to the closed dialog", name)
		}
	}
}
