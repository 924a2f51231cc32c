package app

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	// Settles the locale before Fyne's packages initialise.
	_ "chronoscope/app/locale"
	"chronoscope/assets"
	"chronoscope/data"
	"chronoscope/timeline"
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
	if path != "" {
		ui.OpenFile(path)
	}
	a.Run()
	ui.closeStore()
	return exitOK
}

// NewUI builds the main window of app a. open hands links to the system;
// only links that data.CheckURL allows ever reach it.
func NewUI(a fyne.App, open Opener) *UI {
	ui := &UI{App: a, open: open, async: func(work func()) { go work() },
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
	side := container.NewBorder(nil, ui.filters.status, nil, nil, ui.filters.Object())
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

func (ui *UI) menu() *fyne.MainMenu {
	shortcut := func(item *fyne.MenuItem, key fyne.KeyName, mod fyne.KeyModifier) *fyne.MenuItem {
		item.Shortcut = &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault | mod}
		return item
	}
	newItem := shortcut(fyne.NewMenuItem("New…", ui.showNewDialog), fyne.KeyN, 0)
	openItem := shortcut(fyne.NewMenuItem("Open…", ui.showOpenDialog), fyne.KeyO, 0)
	ui.recentItem = fyne.NewMenuItem("Open Recent", nil)
	ui.recentItem.ChildMenu = fyne.NewMenu("")
	ui.updateRecentMenu()
	saveAs := shortcut(fyne.NewMenuItem("Save As…", ui.showSaveAsDialog), fyne.KeyS, fyne.KeyModifierShift)
	closeItem := shortcut(fyne.NewMenuItem("Close", ui.CloseFile), fyne.KeyW, 0)
	quit := shortcut(fyne.NewMenuItem("Quit", ui.App.Quit), fyne.KeyQ, 0)
	quit.IsQuit = true
	importItem := fyne.NewMenuItem("Import…", ui.showImportDialog)
	exportItem := fyne.NewMenuItem("Export…", ui.showExportDialog)
	undo := fyne.NewMenuItem("Undo", ui.Undo)
	undo.Shortcut = &fyne.ShortcutUndo{}
	redo := fyne.NewMenuItem("Redo", ui.Redo)
	redo.Shortcut = &fyne.ShortcutRedo{}
	newEvent := shortcut(fyne.NewMenuItem("New event…", ui.NewEvent), fyne.KeyE, 0)
	duplicate := shortcut(fyne.NewMenuItem("Duplicate event…", ui.DuplicateEvent), fyne.KeyD, 0)
	quickAdd := shortcut(fyne.NewMenuItem("Quick add", ui.FocusQuickAdd), fyne.KeyE, fyne.KeyModifierShift)
	actorsItem := shortcut(fyne.NewMenuItem("Actors…", ui.ShowActors), fyne.KeyA, fyne.KeyModifierShift)
	sourcesItem := shortcut(fyne.NewMenuItem("Sources…", ui.ShowSources), fyne.KeyB, fyne.KeyModifierShift)
	ui.detail.editSource = ui.EditSource // each cited source's "Edit source", the same form as Sources…
	present := fyne.NewMenuItem("Present", func() { ui.Present(false) })
	present.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyF5} // handled in typedKey
	presentHC := fyne.NewMenuItem("Present in high contrast", func() { ui.Present(true) })
	themeItem := fyne.NewMenuItem("Theme", nil)
	themeItem.ChildMenu = fyne.NewMenu("")
	zoneItem := fyne.NewMenuItem("Time zone", nil)
	zoneItem.ChildMenu = fyne.NewMenu("")
	laneItem := fyne.NewMenuItem("Lane order", nil)
	laneItem.ChildMenu = fyne.NewMenu("")
	linksItem := fyne.NewMenuItem("Links", nil)
	linksItem.ChildMenu = fyne.NewMenu("")
	ui.themeMenu, ui.zoneMenu, ui.laneMenu, ui.linksMenu = themeItem.ChildMenu, zoneItem.ChildMenu, laneItem.ChildMenu, linksItem.ChildMenu
	find := shortcut(fyne.NewMenuItem("Find…", ui.focusSearch), fyne.KeyF, 0)
	zoomIn := shortcut(fyne.NewMenuItem("Zoom in", func() { ui.zoom(2) }), fyne.KeyEqual, 0)
	zoomOut := shortcut(fyne.NewMenuItem("Zoom out", func() { ui.zoom(0.5) }), fyne.KeyMinus, 0)
	fitAll := shortcut(fyne.NewMenuItem("Fit all", func() { ui.zoom(0) }), fyne.Key0, 0)
	oneTrack := shortcut(fyne.NewMenuItem("One track", func() { ui.timeline.single.SetChecked(!ui.timeline.single.Checked) }), fyne.KeyT, 0)
	ui.everyLane = fyne.NewMenuItem("Title in every lane", func() {
		prefs := ui.App.Preferences()
		prefs.SetBool(prefEveryLane, !prefs.Bool(prefEveryLane))
		ui.applyTitleInEveryLane()
	})
	ui.picturesItem = ui.newTimelinePicturesItem()
	showTimeline := shortcut(fyne.NewMenuItem("Timeline", func() { ui.tabs.SelectIndex(0) }), fyne.Key1, 0)
	showList := shortcut(fyne.NewMenuItem("List", func() { ui.tabs.SelectIndex(1) }), fyne.Key2, 0)
	importItem.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyI, Modifier: fyne.KeyModifierShortcutDefault}
	// Ctrl+Shift+E is quick add, typed far more often than an export.
	exportItem.Shortcut = &desktop.CustomShortcut{KeyName: fyne.KeyX, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	ui.updatePreferenceMenus()
	ui.viewMenu = fyne.NewMenu("View", showTimeline, showList, fyne.NewMenuItemSeparator(), zoomIn, zoomOut, fitAll, oneTrack, ui.everyLane, linksItem, ui.picturesItem,
		fyne.NewMenuItemSeparator(), present, presentHC, fyne.NewMenuItemSeparator(), themeItem, zoneItem, laneItem)
	return fyne.NewMainMenu(
		fyne.NewMenu("File", newItem, openItem, ui.recentItem, fyne.NewMenuItemSeparator(),
			saveAs, importItem, exportItem, fyne.NewMenuItem("Make pictures available offline…", ui.MakeAvailableOffline),
			fyne.NewMenuItemSeparator(), closeItem, quit),
		fyne.NewMenu("Edit", undo, redo, fyne.NewMenuItemSeparator(), newEvent, quickAdd, duplicate, fyne.NewMenuItemSeparator(), actorsItem, sourcesItem,
			fyne.NewMenuItemSeparator(), find),
		ui.viewMenu)
}

// newToolbar returns the window's toolbar: new event, undo, redo, zoom
// in and out, fit all, present. Each is also in the menus, with its
// shortcut.
func (ui *UI) newToolbar() *widget.Toolbar {
	return widget.NewToolbar(
		widget.NewToolbarAction(theme.ContentAddIcon(), ui.NewEvent),
		widget.NewToolbarAction(theme.ContentUndoIcon(), ui.Undo),
		widget.NewToolbarAction(theme.ContentRedoIcon(), ui.Redo),
		widget.NewToolbarSeparator(),
		widget.NewToolbarAction(theme.ZoomInIcon(), func() { ui.zoom(2) }),
		widget.NewToolbarAction(theme.ZoomOutIcon(), func() { ui.zoom(0.5) }),
		widget.NewToolbarAction(theme.ZoomFitIcon(), func() { ui.zoom(0) }),
		widget.NewToolbarSeparator(),
		widget.NewToolbarAction(theme.MediaPlayIcon(), func() { ui.Present(false) }),
	)
}

// zoom zooms the timeline around the middle of its view by factor (2
// shows half the time), or fits the whole chronology for 0; the timeline
// tab comes to the front.
func (ui *UI) zoom(factor float64) {
	ui.tabs.SelectIndex(0)
	if factor == 0 {
		ui.timeline.tl.FitAll()
		return
	}
	ui.timeline.tl.ZoomBy(factor)
}

// focusSearch puts the cursor in the search box, its text selected.
func (ui *UI) focusSearch() {
	ui.Window.Canvas().Focus(ui.search)
	ui.search.TypedShortcut(&fyne.ShortcutSelectAll{}) // to type over what is there
}

// typedKey handles the window's own keys: F5 starts the presentation.
func (ui *UI) typedKey(ev *fyne.KeyEvent) {
	if ui.keyTrap != nil && ui.keyTrap(ev) {
		return
	}
	if ev.Name == fyne.KeyF5 {
		ui.Present(false)
	}
}

func (ui *UI) showOpenDialog() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			ui.showError(err)
			return
		}
		if r == nil {
			return
		}
		r.Close()
		ui.OpenFile(r.URI().Path())
	}, ui.Window)
	d.SetFilter(storage.NewExtensionFileFilter([]string{data.Extension, ".json", ".csv", ".timeline"}))
	ui.showFileDialog(d)
}

// showFileDialog shows a file dialog that Escape cancels, as the app's own
// dialogs do (Fyne's does not listen for it while nothing in it has the
// keyboard, as in Open and Import).
func (ui *UI) showFileDialog(d *dialog.FileDialog) {
	prev := ui.keyTrap
	ui.keyTrap = func(ev *fyne.KeyEvent) bool {
		if ev.Name == fyne.KeyEscape {
			ui.keyTrap = prev
			d.Dismiss()
			return true
		}
		return false
	}
	d.SetOnClosed(func() { ui.keyTrap = prev })
	d.Show()
}

// showImportDialog imports a TimelineJS, Timeline Project or Chronoscope
// file into the open chronology (all of it or nothing), then shows the
// result.
func (ui *UI) showImportDialog() {
	if ui.store == nil || ui.store.ReadOnly() {
		ui.showError(fmt.Errorf("open a chronology you can edit first"))
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			if err != nil {
				ui.showError(err)
			}
			return
		}
		r.Close()
		ui.importFile(r.URI().Path())
	}, ui.Window)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".json", ".csv", ".timeline"}))
	ui.showFileDialog(d)
}

// importFile imports src into the open chronology; a plain CSV first
// shows its rows and asks which columns to read.
func (ui *UI) importFile(src string) {
	if format, err := detectImportFormat(src); err == nil && format == "csv" {
		ui.askCSVColumns(src, func(spec importSpec) { ui.importFileAs(src, spec) }, nil)
		return
	}
	ui.importFileAs(src, importSpec{})
}

// importFileAs imports src as spec says into the open chronology off the
// UI goroutine, with a busy indicator, and reloads it.
func (ui *UI) importFileAs(src string, spec importSpec) {
	into := ui.store.Path()
	ctx, cancel := context.WithCancel(context.Background())
	w := newImportWindow(ui.Window, src, cancel)
	w.dialog.Show()
	ui.async(func() {
		var last time.Time
		stats, err := importFilesWith(ctx, into, []string{src}, spec, func(p importProgress) {
			if time.Since(last) < 100*time.Millisecond {
				return
			}
			last = time.Now()
			fyne.Do(func() { w.show(p) })
		})
		cancel()
		fyne.Do(func() {
			w.dialog.Hide()
			if errors.Is(err, context.Canceled) {
				return // the user asked for it: nothing imported, nothing to say
			}
			if err != nil {
				ui.showError(fmt.Errorf("nothing was imported: %w", err))
				return
			}
			dialog.ShowInformation("Imported", stats.summary(src), ui.Window)
			ui.OpenFile(into)
		})
	})
}

// importWindow is the dialog an import shows while it runs: how much of
// the file is read, how many events, and Cancel.
type importWindow struct {
	dialog *dialog.CustomDialog
	bar    *widget.ProgressBar
	count  *widget.Label
	cancel *widget.Button
}

func newImportWindow(parent fyne.Window, src string, cancel func()) *importWindow {
	w := &importWindow{bar: widget.NewProgressBar(), count: widget.NewLabel("Reading…")}
	w.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() {
		cancel()
		w.count.SetText("Cancelling: nothing will be imported…")
		w.cancel.Disable()
	})
	body := container.NewVBox(w.bar, w.count)
	w.dialog = dialog.NewCustomWithoutButtons("Importing "+filepath.Base(src)+"…", body, parent)
	w.dialog.SetButtons([]fyne.CanvasObject{w.cancel})
	w.dialog.Resize(fyne.NewSize(460, w.dialog.MinSize().Height))
	return w
}

// show puts an import's progress on the dialog.
func (w *importWindow) show(p importProgress) {
	if p.Total > 0 {
		w.bar.SetValue(float64(p.Read) / float64(p.Total))
	}
	if w.cancel.Disabled() {
		return
	}
	w.count.SetText(groupDigits(p.Events) + " events read")
}

// showExportDialog writes the events that pass the filters in a format
// the user picks, to a file the user picks.
func (ui *UI) showExportDialog() {
	if ui.store == nil {
		return
	}
	labels := map[string]string{
		"Picture of the timeline (PNG)":              "png",
		"Offline web page with filters (HTML)":       "html",
		"Markdown chronology with footnoted sources": "markdown",
		"TimelineJS JSON":                            "timelinejs",
		"TimelineJS spreadsheet (CSV)":               "timelinejs-csv",
		"Spreadsheet (CSV)":                          "csv",
		"Calendar (iCalendar .ics)":                  "ics",
		"Chronoscope JSON (everything)":              "json",
	}
	var names []string
	for l := range labels {
		names = append(names, l)
	}
	sort.Strings(names)
	picture := newPictureOptions(fyne.CurrentApp().Settings().ThemeVariant() == theme.VariantDark)
	// A picture has no selection: it draws the links unless they are off.
	picture.links.SetChecked(ui.timeline.tl.LinksShown() != timeline.LinksNone && ui.timeline.data != nil && ui.timeline.data.links.len() > 0)
	choice := newKeySelect(names, "")
	choice.OnChanged = func(label string) {
		if labels[label] == "png" {
			picture.root.Show()
		} else {
			picture.root.Hide()
		}
	}
	choice.SetSelected("Markdown chronology with footnoted sources")
	d := dialog.NewCustomConfirm("Export", "Choose a file…", "Cancel", container.NewVBox(choice, picture.root), func(ok bool) {
		if !ok {
			return
		}
		format := labels[choice.Selected]
		f := data.Filter{Actors: ui.filters.visible()}
		if !exportFormats[format].filters {
			f = data.Filter{}
		}
		var pic posterRequest
		if format == "png" {
			pic = picture.request(ui.timeline.tl)
			pic.Filter = f
		}
		name := strings.TrimSuffix(filepath.Base(ui.store.Path()), data.Extension) + exportFormats[format].ext
		// The dialog's empty file is written again, atomically, by the export.
		ui.showSaveDialog(name, "", func(path string) {
			if format == "png" {
				ui.exportPicture(path, pic)
				return
			}
			ui.exportTo(format, path, f)
		})
	}, ui.Window)
	d.Resize(fyne.NewSize(520, d.MinSize().Height))
	d.Show()
	// Enter goes on to the file, Escape cancels, from the format's choice.
	choice.OnKey = answerKeys(d.Confirm, d.Dismiss)
	ui.Window.Canvas().Focus(choice)
}

// exportTo writes the open chronology's events that pass f to out, off
// the UI goroutine.
func (ui *UI) exportTo(format, out string, f data.Filter) {
	s := ui.store
	ui.async(func() {
		err := exportStore(s, format, out, f)
		var note string
		if err == nil {
			note, err = exportNote(s, format, f)
		}
		fyne.Do(func() {
			switch {
			case err != nil:
				ui.showError(err)
			case note != "":
				dialog.ShowInformation("Exported", filepath.Base(out)+" is written. "+note, ui.Window)
			}
		})
	})
}

// exportPicture draws the timeline as r says and writes it to out, off
// the UI goroutine (the drawing itself hops onto it).
func (ui *UI) exportPicture(out string, r posterRequest) {
	if ui.timeline.data == nil {
		return // still reading the chronology
	}
	if err := r.check(); err != nil {
		ui.showError(err)
		return
	}
	p := ui.windowPoster(r)
	ui.async(func() {
		err := writeAtomically(out, func(w io.Writer) error { return encodePoster(p, w, r, fyne.DoAndWait) })
		if err != nil {
			err = fmt.Errorf("export to %s: %w", out, err)
		}
		fyne.Do(func() {
			if err != nil {
				ui.showError(err)
			}
		})
	})
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

// OpenFile opens a chronology off the UI goroutine and shows it when
// loaded; on failure the current chronology stays and a dialog says why.
func (ui *UI) OpenFile(path string) {
	if ui.openForeign(path) {
		return // a TimelineJS or Timeline Project file: imported into a new chronology
	}
	ui.async(func() {
		s, err := data.Open(path)
		if errors.Is(err, data.ErrReadOnly) {
			s, err = data.OpenReadOnly(path) // shown, not edited
		}
		if err != nil {
			fyne.Do(func() { ui.openFailed(err) })
			return
		}
		version, versionErr := s.DataVersion()
		c, chronologyErr := s.Chronology()
		total, countErr := s.Count(data.Filter{})
		// The timeline's events are read meanwhile: for a large file the
		// longest part of opening it.
		type loaded struct {
			d   *timelineData
			err error
		}
		timelineRead := make(chan loaded, 1)
		if chronologyErr == nil && countErr == nil {
			go func() {
				d, err := loadTimeline(s, c, total, data.Filter{})
				timelineRead <- loaded{d, err}
			}()
		} else {
			timelineRead <- loaded{}
		}
		actors, actorsErr := s.Actors()
		counts, countsErr := s.ActorCounts()
		tags, tagsErr := s.Tags()
		for _, err := range []error{versionErr, chronologyErr, actorsErr, countsErr, countErr, tagsErr} {
			if err != nil {
				<-timelineRead
				s.Close()
				fyne.Do(func() { ui.openFailed(fmt.Errorf("%s: %w", path, err)) })
				return
			}
		}
		// First the filters and the list, then the timeline once its
		// events are read (a second or so for a million events).
		fyne.Do(func() {
			ui.closeStore()
			ui.store = s
			ui.welcome.hide()
			ui.seen = seenVersion{s, version}
			ui.history = history{}
			ui.actors, ui.total = actors, total
			ui.actorMap = make(map[int64]data.Actor, len(actors))
			for _, a := range actors {
				ui.actorMap[a.ID] = a
			}
			ui.title = c.Title
			ui.Window.SetTitle("Chronoscope — " + c.Title)
			if s.ReadOnly() {
				ui.Window.SetTitle("Chronoscope — " + c.Title + " (read-only)")
				dialog.ShowInformation("Opened read-only", filepath.Base(path)+" cannot be written here, so it is open read-only: "+
					"nothing can be changed. File › Save As makes a copy you can edit.", ui.Window)
			}
			ui.addRecent(path)
			ui.filters.counts = counts
			ui.filters.setActors(ui.laneActors(), counts)
			ui.filters.setTags(nil) // a new file: no tag ticked
			ui.filters.setTags(tags)
			ui.list.setStore(s, ui.actorMap)
			ui.detail.show(nil, nil)
			ui.timeline.clear()
			ui.shown = data.Filter{}
			ui.filters.from.SetText("")
			ui.filters.to.SetText("")
			ui.searchText, ui.hits = "", nil
			ui.search.SetText("")
			ui.hitsLabel.SetText("")
			ui.filterChanged()
		})
		read := <-timelineRead
		tl, err := read.d, read.err
		fyne.Do(func() {
			if ui.store != s {
				return // another file was opened meanwhile
			}
			if err != nil {
				ui.CloseFile() // not a half-shown chronology
				ui.openFailed(fmt.Errorf("%s: the timeline could not be read: %w", path, err))
				return
			}
			ui.timeline.show(tl, lanesFor(ui.laneActors(), ui.filters.visible()), false)
			ui.showTimelinePictures()
			ui.applyZone()
			if after := ui.afterOpen; after != nil {
				ui.afterOpen = nil
				after()
			}
		})
		// The structure of a file from elsewhere is checked once it shows
		// (a full read: seconds for a million events).
		problems, qerr := s.QuickCheck()
		if qerr == nil && len(problems) > 0 {
			fyne.Do(func() {
				if ui.store != s {
					return
				}
				ui.showError(fmt.Errorf("%s is damaged (%d problems, the first: %s). What can be read is shown; "+
					"File › Save As keeps a copy, and chronoscope check lists the problems", path, len(problems), problems[0]))
			})
		}
	})
}

func (ui *UI) closeStore() {
	if ui.store != nil {
		ui.store.Close()
		ui.store = nil
	}
}

// filterChanged re-queries the list for the actors ticked in the sidebar.
func (ui *UI) filterChanged() {
	if ui.store == nil {
		return
	}
	f := data.Filter{Actors: ui.filters.visible(), Certainties: ui.filters.certainties(), Tags: ui.filters.tags(), Text: ui.searchText}
	if from, to, err := ui.filters.dateRange(); err == nil {
		f.From, f.To = from, to
	}
	ui.timeline.tl.SetLanes(lanesFor(ui.laneActors(), f.Actors))
	if !sameTimelineFilter(f, ui.shown) {
		ui.shown = data.Filter{Certainties: f.Certainties, Tags: f.Tags}
		ui.reloadTimeline()
	}
	// The count is read in the background (seconds for a million events);
	// if it takes a while, say so rather than leave the old count up.
	ui.countGen++
	gen := ui.countGen
	ui.counting = true
	ui.list.setFilter(f, func(n int) {
		ui.counting = false
		ui.filters.status.SetText(groupDigits(n) + " of " + groupDigits(ui.total) + " events")
	})
	ui.after(countingAfter, func() {
		fyne.Do(func() {
			if gen == ui.countGen && ui.counting {
				ui.filters.status.SetText("Counting… of " + groupDigits(ui.total) + " events")
			}
		})
	})
}

// countingAfter is how long a filter's count may take before the status
// says it is counting.
const countingAfter = 300 * time.Millisecond

// searchChanged runs the search a moment after the typing stops.
func (ui *UI) searchChanged(text string) {
	ui.searchGen++
	gen := ui.searchGen
	ui.after(250*time.Millisecond, func() {
		fyne.Do(func() {
			if gen == ui.searchGen {
				ui.runSearch(text)
			}
		})
	})
}

// maxHits is how many search hits are marked on the timeline.
const maxHits = 500

// runSearch finds the events whose text matches: the list shows only
// them, the timeline marks them, and Enter steps through them.
func (ui *UI) runSearch(text string) {
	text = strings.TrimSpace(text)
	ui.searchText, ui.hits, ui.hitIndex = text, nil, -1
	ui.timeline.tl.SetMarked(nil)
	ui.hitsLabel.SetText("")
	ui.filterChanged()
	s := ui.store
	if text == "" || s == nil {
		return
	}
	ui.async(func() {
		rows, more, err := s.Search(text, maxHits)
		fyne.Do(func() {
			if ui.store != s || ui.searchText != text {
				return
			}
			if err != nil {
				ui.showError(err)
				return
			}
			for _, r := range rows {
				ui.hits = append(ui.hits, r.ID)
			}
			ui.timeline.tl.SetMarked(ui.hits)
			switch {
			case more:
				ui.hitsLabel.SetText(fmt.Sprintf("%d+ hits", maxHits))
			case len(rows) == 1:
				ui.hitsLabel.SetText("1 hit")
			default:
				ui.hitsLabel.SetText(fmt.Sprintf("%d hits", len(rows)))
			}
		})
	})
}

// nextHit selects the next search hit in date order, on the timeline, in
// the list and in the detail panel.
func (ui *UI) nextHit() {
	if len(ui.hits) == 0 {
		return
	}
	ui.hitIndex = (ui.hitIndex + 1) % len(ui.hits)
	id := ui.hits[ui.hitIndex]
	ui.timeline.tl.Select(id)
	ui.list.showEvent(id)
	ui.selectEvent(id)
}

// sameTimelineFilter reports whether a and b hold the same certainty and
// tag filters (nil certainties, all shown, differ from none shown).
func sameTimelineFilter(a, b data.Filter) bool {
	return slices.Equal(a.Certainties, b.Certainties) && (a.Certainties == nil) == (b.Certainties == nil) &&
		slices.Equal(a.Tags, b.Tags)
}

// showDateRange fits the timeline to the sidebar's date range, or the
// whole chronology when the range is cleared.
func (ui *UI) showDateRange() {
	from, to, err := ui.filters.dateRange()
	if err != nil {
		return
	}
	if from == 0 && to == 0 {
		ui.timeline.tl.FitAll()
		return
	}
	if d := ui.timeline.data; d != nil {
		lo, hi, ok := d.src.Bounds()
		if !ok {
			return
		}
		// An open end stops at the chronology's own.
		from, to = max(from, int64(lo)), min(to, int64(hi))
	}
	ui.timeline.tl.ShowRange(float64(from), float64(to))
}

// reloadTimeline reads the timeline's events again for the certainty
// filter, off the UI goroutine, keeping the view.
func (ui *UI) reloadTimeline() {
	s, shown := ui.store, ui.shown
	if s == nil || ui.timeline.data == nil {
		return
	}
	c, total := data.Chronology{Zone: ui.timeline.data.loc.String()}, ui.total
	if c.Zone == "UTC" {
		c.Zone = ""
	}
	ui.async(func() {
		d, err := loadTimeline(s, c, total, shown)
		fyne.Do(func() {
			if ui.store != s || !sameTimelineFilter(shown, ui.shown) {
				return
			}
			if err != nil {
				ui.showError(err)
				return
			}
			ui.timeline.show(d, lanesFor(ui.laneActors(), ui.filters.visible()), true)
			ui.showTimelinePictures()
			ui.applyZone()
		})
	})
}

// timelineSelected follows a click on the timeline: the list selects the
// event and the detail panel shows it.
func (ui *UI) timelineSelected(id int64) {
	ui.timeline.tl.SelectLink(0) // an event, not a link, is chosen now
	ui.list.showEvent(id)
	ui.selectEvent(id)
}

// listSelected follows a selection in the list: the timeline selects and
// shows the same event, and the detail panel shows it.
func (ui *UI) listSelected(id int64) {
	ui.timeline.tl.SelectLink(0)
	ui.timeline.tl.Select(id)
	ui.selectEvent(id)
}

// selectEvent shows an event's detail, loading it off the UI goroutine.
func (ui *UI) selectEvent(id int64) {
	s := ui.store
	if s == nil {
		return
	}
	ui.async(func() {
		d, err := loadDetail(s, id)
		fyne.Do(func() {
			if errors.Is(err, data.ErrNotFound) && ui.store == s {
				ui.detail.show(nil, nil) // deleted meanwhile
				return
			}
			if err != nil {
				ui.showError(err)
				return
			}
			if ui.store == s {
				ui.detail.show(d, ui.actorMap)
			}
		})
	})
}
