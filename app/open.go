package app

// Opening and closing a chronology in the window.

import (
	"errors"
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"chronoscope/data"
	"chronoscope/data/pgsync"
)

// pickFile asks for a file with one of exts (".chrono") and hands its path
// to then; a cancelled dialog does nothing.
func (ui *UI) pickFile(exts []string, then func(path string)) {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			ui.showError(err)
			return
		}
		if r == nil {
			return
		}
		r.Close()
		then(r.URI().Path())
	}, ui.Window)
	d.SetFilter(storage.NewExtensionFileFilter(exts))
	ui.showFileDialog(d)
}

// showOpenDialog asks for a chronology, or a file to import as one, and
// opens it.
func (ui *UI) showOpenDialog() {
	ui.pickFile([]string{data.Extension, ".json", ".csv", ".timeline"}, ui.OpenFile)
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

// OpenFile opens a chronology off the UI goroutine and shows it when
// loaded; on failure the current chronology stays and a dialog says why.
func (ui *UI) OpenFile(path string) {
	if pgsync.IsURL(path) {
		ui.OpenShared(path) // from Open Recent, the welcome screen, the command line
		return
	}
	// A shared chronology's copy opens read-only when the server lets
	// this user only read.
	sharedRO := ui.pendingShared != nil && ui.pendingShared.path == path && ui.pendingShared.readOnly
	if ui.openForeign(path) {
		return // a TimelineJS or Timeline Project file: imported into a new chronology
	}
	ui.async(func() {
		var s *data.Store
		var err error
		if sharedRO {
			s, err = data.OpenReadOnly(path)
		} else {
			s, err = data.Open(path)
		}
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
			recent := path
			if p := ui.pendingShared; p != nil && p.path == path {
				ui.shared, ui.pendingShared = p, nil
				ui.updateSharedStatus()
				recent = p.target.String()
			}
			ui.welcome.hide()
			ui.seen = seenVersion{s, version}
			ui.history = history{}
			if ui.shared != nil {
				ui.history.shared = ui.shared.client
			}
			ui.actors, ui.total = actors, total
			ui.actorMap = make(map[int64]data.Actor, len(actors))
			for _, a := range actors {
				ui.actorMap[a.ID] = a
			}
			ui.title = c.Title
			ui.Window.SetTitle("Chronoscope — " + c.Title)
			if s.ReadOnly() && ui.shared != nil {
				ui.Window.SetTitle("Chronoscope — " + c.Title + " (read-only)")
				dialog.ShowInformation("Opened read-only", "The server lets you read this chronology, not change it: "+
					"others' changes show here as they are made. File › Save As makes a copy of your own.", ui.Window)
			} else if s.ReadOnly() {
				ui.Window.SetTitle("Chronoscope — " + c.Title + " (read-only)")
				dialog.ShowInformation("Opened read-only", filepath.Base(path)+" cannot be written here, so it is open read-only: "+
					"nothing can be changed. File › Save As makes a copy you can edit.", ui.Window)
			}
			ui.addRecent(recent)
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
	ui.stopShared()
	if ui.sharedStatus != nil {
		ui.sharedStatus.Hide()
	}
	if ui.store != nil {
		ui.store.Close()
		ui.store = nil
	}
}
