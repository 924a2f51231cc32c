package app

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// welcomeScreen stands in for the timeline and the list while no
// chronology is open (after a failed first open, or File › Close), so the
// window never shows an empty axis: it offers Open, New and the default
// chronology.
type welcomeScreen struct {
	root   *fyne.Container   // the work area and the screen, one shown at a time
	work   fyne.CanvasObject // the tabs it stands in for
	screen fyne.CanvasObject
}

// newWelcome returns the welcome screen over work (the tabs), hidden.
func (ui *UI) newWelcome(work fyne.CanvasObject) *welcomeScreen {
	heading := widget.NewLabelWithStyle("No chronology is open", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameHeadingText
	hint := widget.NewLabelWithStyle("Open a chronology, or a TimelineJS, Timeline Project or CSV file; start a new one; "+
		"or look through the default chronology, the Sony Pictures hack of 2014.", fyne.TextAlignCenter, fyne.TextStyle{})
	hint.Wrapping = fyne.TextWrapWord
	open := widget.NewButtonWithIcon("Open…", theme.FolderOpenIcon(), ui.showOpenDialog)
	open.Importance = widget.HighImportance
	newB := widget.NewButtonWithIcon("New…", theme.DocumentCreateIcon(), ui.showNewDialog)
	def := widget.NewButtonWithIcon("Open the default chronology", theme.HomeIcon(), ui.openDefault)
	// The hint wraps within the width of the buttons' row.
	buttons := container.NewHBox(open, newB, def)
	hintBox := container.NewGridWrap(fyne.NewSize(buttons.MinSize().Width, hint.MinSize().Height*3), hint)
	screen := container.NewCenter(container.NewVBox(heading, hintBox, container.NewCenter(buttons)))
	screen.Hide()
	return &welcomeScreen{root: container.NewStack(work, screen), work: work, screen: screen}
}

// show puts the welcome screen in place of the tabs.
func (w *welcomeScreen) show() {
	w.work.Hide()
	w.screen.Show()
}

// hide puts the tabs back.
func (w *welcomeScreen) hide() {
	w.screen.Hide()
	w.work.Show()
}

// openDefault opens the default chronology in the data folder, writing it
// there first if it is missing (or moving a damaged one aside).
func (ui *UI) openDefault() {
	path, err := DataDir()
	if err == nil {
		path, err = EnsureDefault(path)
	}
	if err != nil {
		ui.openFailed(fmt.Errorf("the default chronology could not be prepared: %w", err))
		return
	}
	ui.OpenFile(path)
}

// openFailed says why a file was not opened. The window keeps the
// chronology it shows; with none open it shows the welcome screen. What
// was to run once the file loaded (a presentation) is dropped with it.
func (ui *UI) openFailed(err error) {
	ui.openDropped()
	ui.showError(err)
}

// openDropped ends an open that will not show a file (it failed, or the
// user cancelled it): with no chronology open, the welcome screen shows,
// and what was to run once the file loaded is dropped.
func (ui *UI) openDropped() {
	ui.afterOpen = nil
	if ui.store == nil {
		ui.filters.status.SetText("No chronology open: File › Open or New")
		ui.welcome.show()
	}
}
