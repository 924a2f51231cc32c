package app

// The window's menus, toolbar and keys.

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

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
	openShared := fyne.NewMenuItem("Open shared…", ui.showOpenSharedDialog)
	share := fyne.NewMenuItem("Share on server…", ui.showShareDialog)
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
		fyne.NewMenu("File", newItem, openItem, ui.recentItem, openShared, fyne.NewMenuItemSeparator(), share,
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

// typedKey handles the window's own keys: F5 starts the presentation.
func (ui *UI) typedKey(ev *fyne.KeyEvent) {
	if ui.keyTrap != nil && ui.keyTrap(ev) {
		return
	}
	if ev.Name == fyne.KeyF5 {
		ui.Present(false)
	}
}
