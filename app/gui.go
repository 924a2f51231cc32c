package app

import (
	"fmt"
	"image/color"
	"net/url"
	"os"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	// Settles the locale before Fyne's packages initialise.
	_ "chronoscope/app/locale"
	"chronoscope/assets"
	"chronoscope/data"
	"chronoscope/data/pgsync"
)

// RunGUI opens the app on the chronology named in args, or on the default
// chronology (written to the user's data folder on first run) when args is
// empty, and returns the exit status when the last window closes.
func RunGUI(args []string) int {
	useWindowMemoryPolicy()
	if len(args) > 0 && strings.HasPrefix(args[0], "-psn_") {
		args = args[1:] // macOS's process serial number: not a file
	}
	open, err := parseOpenArgs(args)
	if err != nil {
		fmt.Fprintf(os.Stderr, "chronoscope: %s\n\n%s", strings.TrimPrefix(err.Error(), "usage: "), usageText)
		return exitUsage
	}
	presenting, present := open.present, open.actors
	if open.file != "" {
		args = []string{open.file}
	} else {
		args = nil
	}
	a := fyneapp.NewWithID(AppID)
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.IconPNG))
	ui := NewUI(a, func(u *url.URL) error { return a.OpenURL(u) })
	ui.screens = glfwScreens
	ui.Window.Show()
	ui.watchFile()
	path := ""
	if len(args) == 1 {
		path = args[0]
	} else {
		dir, err := DataDir()
		if err == nil {
			path, err = EnsureDefault(dir)
		}
		if err != nil {
			ui.openFailed(fmt.Errorf("the default chronology could not be prepared: %w", err))
		}
	}
	if presenting {
		ui.afterOpen = func() {
			if err := ui.filters.only(present); err != nil {
				ui.showError(fmt.Errorf("%s: %w", path, err))
				return
			}
			ui.Present(false)
		}
	}
	if pgsync.IsURL(path) {
		ui.OpenShared(path)
	} else if path != "" {
		ui.OpenFile(path)
	}
	a.Run()
	ui.closeStore()
	return exitOK
}

// NewUI builds the main window of app a. open hands links to the system;
// only links that data.CheckURL allows ever reach it.
func NewUI(a fyne.App, open Opener) *UI {
	ui := &UI{App: a, open: open, async: func(work func()) { go work() }, post: fyne.Do,
		after: func(d time.Duration, f func()) { time.AfterFunc(d, f) }}
	ui.Window = a.NewWindow("Chronoscope")
	ui.Window.Resize(fyne.NewSize(1280, 800))
	ui.Window.SetMaster()
	ui.filters = newActorFilters(ui.filterChanged)
	ui.filters.onRange = ui.showDateRange
	ui.list = newEventList(func(work func()) { ui.async(work) }, ui.openURL, ui.listSelected, ui.showError)
	ui.detail = newDetailPanel(ui.openURL, func(id int64) { ui.filters.solo(id) },
		func(text string) { a.Clipboard().SetContent(text) }, ui.EditEvent, ui.DeleteEvent, ui.AddSource, ui.RemoveCitation)
	ui.timeline = newTimelineView(ui.timelineSelected, func(work func()) { ui.async(work) })
	ui.timeline.tl.OnUnhandledKey = ui.typedKey
	ui.timeline.cancelLoad.OnTapped = ui.CloseFile
	ui.timeline.tl.OnMoved = ui.MoveEvent
	ui.timeline.tl.OnLinkSelected = ui.selectLink
	ui.detail.links = linkActions{goTo: ui.goToEvent, add: ui.AddLink, edit: ui.EditLink, remove: ui.RemoveLink, show: ui.selectLink}
	ui.detail.pictures = ui.pictureActions()
	ui.hookPicturePaste()
	ui.timeline.tl.OnMoving = ui.showMoving
	ui.Window.Canvas().SetOnTypedKey(ui.typedKey)
	ui.sharedStatus = widget.NewLabel("")
	ui.sharedStatus.Wrapping = fyne.TextWrapWord
	ui.sharedStatus.Hide()
	side := container.NewBorder(nil, container.NewVBox(ui.filters.status, ui.sharedStatus), nil, nil, ui.filters.Object())
	ui.tabs = container.NewAppTabs(
		container.NewTabItem("Timeline", ui.timeline.Object()),
		container.NewTabItem("List", ui.list.Object()))
	ui.search = widget.NewEntry()
	ui.search.SetPlaceHolder("Search titles, descriptions and quotes — Enter for the next hit")
	ui.search.OnChanged = ui.searchChanged
	ui.search.OnSubmitted = func(string) { ui.nextHit() }
	ui.hitsLabel = widget.NewLabel("")
	ui.quick = ui.newQuickBar()
	searchBar := container.NewBorder(nil, ui.quick.preview, ui.newToolbar(), nil, container.NewGridWithColumns(2,
		ui.quick.entry, container.NewBorder(nil, nil, widget.NewIcon(theme.SearchIcon()), ui.hitsLabel, ui.search)))
	// Containers are made with their objects in the order Tab should
	// visit them (Fyne follows the order of the tree): the quick-add line,
	// the search box, the timeline or list, the detail panel, then the
	// sidebar's filters.
	// The timeline's hint and one-track switch sit in the tab bar, right
	// of the two tabs, shown with the Timeline tab.
	bold := fyne.TextStyle{Bold: true}
	size := theme.TextSize()
	gap := canvas.NewRectangle(color.Transparent)
	gap.SetMinSize(fyne.NewSize(fyne.MeasureText("Timeline", size, bold).Width+fyne.MeasureText("List", size, bold).Width+10*theme.Padding(), 1))
	tabBar := container.NewBorder(container.NewBorder(nil, nil, gap, nil, ui.timeline.header), nil, nil, nil)
	ui.tabs.OnSelected = func(ti *container.TabItem) {
		if ti.Text == "Timeline" {
			ui.timeline.header.Show()
		} else {
			ui.timeline.header.Hide()
		}
	}
	ui.welcome = ui.newWelcome(container.NewStack(ui.tabs, tabBar))
	main := container.New(layout.NewBorderLayout(searchBar, nil, nil, nil), searchBar, ui.welcome.root)
	centre := container.NewHSplit(main, ui.detail.Object())
	centre.SetOffset(0.72)
	ui.Window.SetContent(container.New(layout.NewBorderLayout(nil, nil, side, nil), centre, side))
	ui.Window.SetMainMenu(ui.menu())
	ui.applyTheme()
	ui.applyTitleInEveryLane()
	ui.applyLinksShown()
	ui.Window.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { ui.showOpenDialog() })
	ui.Window.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift},
		func(fyne.Shortcut) { ui.Redo() })
	ui.Window.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) {
		uris = ui.dropPictures(uris) // pictures go to the selected event
		if len(uris) > 0 && uris[0].Scheme() == "file" {
			ui.OpenFile(uris[0].Path())
		}
	})
	return ui
}

// UI is the main window: actor filters on the left, the chronological list
// in the centre, the selected event's detail on the right.
type UI struct {
	App    fyne.App
	Window fyne.Window

	// shared is the session of an open shared chronology (shared.go);
	// pendingShared one whose copy is being opened.
	shared, pendingShared *sharedSession
	sharedStatus          *widget.Label
	// post hands work from the shared chronology's client, which runs on
	// its own goroutine, to the UI goroutine: fyne.Do, or a queue the
	// tests drain.
	post func(func())
	// The shared chronology's questions, kept for the tests.
	passwordDialog   dialog.Dialog
	passwordEntry    *widget.Entry
	rememberPassword *widget.Check
	authorEntry      *widget.Entry
	chronologyPick   *widget.Select

	open Opener
	// async runs work off the UI goroutine; work hands results back with
	// fyne.Do. Tests make it synchronous.
	async func(work func())
	// after runs f after d, off the UI goroutine (time.AfterFunc; tests
	// run it at once, so no timer outlives a test).
	after func(d time.Duration, f func())
	// countGen numbers the filter changes; counting is true until the
	// latest one's count has arrived.
	countGen int
	counting bool
	store    *data.Store
	filters  *actorFilters
	list     *eventList
	detail   *detailPanel
	timeline *timelineView
	tabs     *container.AppTabs
	welcome  *welcomeScreen // in place of the tabs while no chronology is open

	presenting *presentation // the running presentation, if any
	history    history       // undo and redo of the open chronology's edits
	form       *eventForm    // the event form last shown (for tests)
	formSave   *widget.Button
	// keyTrap, if set, sees the window's keys first while a question
	// (discard what was typed?) waits for Enter or Escape.
	keyTrap  func(*fyne.KeyEvent) bool
	citeForm *citeForm // the citation form last shown (for tests)
	citeSave *widget.Button
	linkForm *linkForm // the story link form last shown (for tests)
	// screens counts the monitors (nil: one, as in tests and headless runs).
	screens   func() int
	afterOpen func() // runs once when the next file has loaded

	shown data.Filter // the certainty and tag filters the timeline holds

	recentItem *fyne.MenuItem
	viewMenu   *fyne.Menu
	everyLane  *fyne.MenuItem // View › Title in every lane, ticked when on
	themeMenu  *fyne.Menu
	zoneMenu   *fyne.Menu
	laneMenu   *fyne.Menu
	linksMenu  *fyne.Menu // View › Links: none, of the selected event, all in view
	// picturesItem is View › Pictures on the timeline, ticked when on;
	// thumbs holds the open file's pictures scaled for the timeline.
	picturesItem *fyne.MenuItem
	thumbs       *thumbCache

	quick      *quickBar // the toolbar's quick-add line
	search     *widget.Entry
	hitsLabel  *widget.Label
	searchText string  // the search in force
	hits       []int64 // its hits, in date order
	hitIndex   int     // the hit Enter went to last
	searchGen  int     // bumps with every keystroke, for the debounce

	actors   []data.Actor
	actorMap map[int64]data.Actor
	total    int         // events in the file
	seen     seenVersion // the file's version last shown, to notice changes made elsewhere
	moving   *data.Event // the event being dragged on the timeline, read when the drag began
	title    string      // the open chronology's title
}

func (ui *UI) showError(err error) {
	dialog.ShowError(err, ui.Window)
}

// openURL opens a source's link if it is safe, and says why not otherwise.
func (ui *UI) openURL(raw string) {
	if err := openLink(ui.open, raw); err != nil {
		ui.showError(fmt.Errorf("this link was not opened: %w", err))
	}
}
