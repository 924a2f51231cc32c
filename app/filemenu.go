package app

import (
	"cmp"
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"

	"chronoscope/data"
	"chronoscope/data/pgsync"
	"chronoscope/timeline"
)

// Preference keys (Fyne's preferences, kept per user).
const (
	prefRecent = "recent" // recently opened chronologies, newest first
	prefTheme  = "theme"  // "system", "light" or "dark"
	prefZone   = "zone"   // "chronology", "local" or "UTC"
	prefLanes  = "lanes"  // "file", "name" or "events": the order of lanes and actor rows
	// prefEveryLane is true to draw an event's title in each of its
	// lanes, not only in its lead actor's.
	prefEveryLane = "titleInEveryLane"
	// prefLinks is which story links the timeline draws: "selected"
	// (the selected event's), "none" or "view" (all in view).
	prefLinks = "links"
	maxRecent = 8
)

// showNewDialog creates an empty chronology where the user says and opens it.
func (ui *UI) showNewDialog() {
	ui.showSaveDialog("Untitled"+data.Extension, data.Extension, ui.NewFile)
}

// showSaveDialog asks where to save a file, suggesting name (and showing
// only files ending in ext, unless empty), then calls then with the path.
// The empty file the dialog makes there is closed; then writes the file.
func (ui *UI) showSaveDialog(name, ext string, then func(path string)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			ui.showError(err)
		}
		if err != nil || w == nil {
			return
		}
		w.Close()
		then(w.URI().Path())
	}, ui.Window)
	d.SetFileName(name)
	if ext != "" {
		d.SetFilter(storage.NewExtensionFileFilter([]string{ext}))
	}
	ui.showFileDialog(d)
}

// NewFile creates an empty chronology at path (replacing the empty file a
// save dialog may have made there) and opens it.
func (ui *UI) NewFile(path string) {
	if !strings.HasSuffix(path, data.Extension) {
		path += data.Extension
	}
	if st, err := os.Stat(path); err == nil && st.Size() == 0 {
		os.Remove(path) // the save dialog's placeholder
	}
	title := strings.TrimSuffix(filepath.Base(path), data.Extension)
	s, err := data.Create(path, data.Chronology{Title: title})
	if err != nil {
		ui.showError(err)
		return
	}
	s.Close()
	ui.OpenFile(path)
}

// showSaveAsDialog copies the chronology to a file the user picks and goes
// on working in the copy.
func (ui *UI) showSaveAsDialog() {
	if ui.store == nil {
		return
	}
	ui.showSaveDialog(filepath.Base(ui.store.Path()), data.Extension, ui.SaveAs)
}

// SaveAs writes a consistent copy of the open chronology to path (through
// a temporary file renamed into place, so a file there is replaced only by
// a whole copy) and opens the copy.
func (ui *UI) SaveAs(path string) {
	if !strings.HasSuffix(path, data.Extension) {
		path += data.Extension
	}
	s := ui.store
	ui.async(func() {
		tmp := filepath.Join(filepath.Dir(path), fmt.Sprintf(".%s.%d.tmp", filepath.Base(path), time.Now().UnixNano()))
		err := s.SaveCopy(tmp)
		if err == nil {
			err = os.Rename(tmp, path)
		}
		if err != nil {
			os.Remove(tmp)
		}
		fyne.Do(func() {
			if err != nil {
				ui.showError(fmt.Errorf("the copy was not saved: %w", err))
				return
			}
			ui.OpenFile(path)
		})
	})
}

// CloseFile closes the open chronology; the window stays, with the
// welcome screen.
func (ui *UI) CloseFile() {
	if ui.store == nil || ui.presenting != nil {
		return
	}
	ui.closeStore()
	ui.actors, ui.actorMap, ui.total = nil, nil, 0
	ui.Window.SetTitle("Chronoscope")
	ui.filters.setActors(nil, nil)
	ui.filters.status.SetText("No chronology open: File › Open or New")
	ui.list.setStore(nil, nil)
	ui.list.total = 0
	ui.list.list.Refresh()
	ui.detail.show(nil, nil)
	ui.timeline.clear()
	ui.timeline.hideLoading()
	ui.welcome.show()
}

// recent returns the recently opened files that still exist, newest first.
func (ui *UI) recent() []string {
	var out []string
	for _, p := range ui.App.Preferences().StringList(prefRecent) {
		if _, err := os.Stat(p); err == nil || pgsync.IsURL(p) {
			out = append(out, p)
		}
	}
	return out
}

// addRecent puts path first in the recent files.
func (ui *UI) addRecent(path string) {
	if abs, err := filepath.Abs(path); err == nil && !pgsync.IsURL(path) {
		path = abs
	}
	list := slices.DeleteFunc(ui.recent(), func(p string) bool { return p == path })
	list = append([]string{path}, list...)
	if len(list) > maxRecent {
		list = list[:maxRecent]
	}
	ui.App.Preferences().SetStringList(prefRecent, list)
	ui.updateRecentMenu()
}

func (ui *UI) updateRecentMenu() {
	if ui.recentItem == nil {
		return
	}
	var items []*fyne.MenuItem
	for _, p := range ui.recent() {
		items = append(items, fyne.NewMenuItem(p, func() { ui.OpenFile(p) }))
	}
	if len(items) == 0 {
		none := fyne.NewMenuItem("(none yet)", nil)
		none.Disabled = true
		items = append(items, none)
	}
	ui.recentItem.ChildMenu.Items = items
	ui.recentItem.ChildMenu.Refresh()
}

// fixedTheme is Fyne's theme in one variant, whatever the system says.
type fixedTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

// Color implements fyne.Theme.
func (t fixedTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return t.Theme.Color(n, t.variant)
}

// applyTheme applies the theme preference: the system's, light or dark.
func (ui *UI) applyTheme() {
	switch ui.App.Preferences().StringWithFallback(prefTheme, "system") {
	case "light":
		ui.App.Settings().SetTheme(fixedTheme{theme.DefaultTheme(), theme.VariantLight})
	case "dark":
		ui.App.Settings().SetTheme(fixedTheme{theme.DefaultTheme(), theme.VariantDark})
	default:
		ui.App.Settings().SetTheme(theme.DefaultTheme())
	}
}

// displayZone is the zone of the timeline's axis: the chronology's own
// (the default), the computer's, or UTC.
func (ui *UI) displayZone(chronology *time.Location) *time.Location {
	switch ui.App.Preferences().StringWithFallback(prefZone, "chronology") {
	case "local":
		return time.Local
	case "UTC":
		return time.UTC
	}
	return chronology
}

// updatePreferenceMenus rebuilds View › Theme and Time zone, ticking the
// current choices.
func (ui *UI) updatePreferenceMenus() {
	choice := func(menu *fyne.Menu, key, fallback string, options [][2]string, apply func()) {
		cur := ui.App.Preferences().StringWithFallback(key, fallback)
		menu.Items = nil
		for _, o := range options {
			value := o[0]
			item := fyne.NewMenuItem(o[1], func() {
				ui.App.Preferences().SetString(key, value)
				apply()
				ui.updatePreferenceMenus()
			})
			item.Checked = value == cur
			menu.Items = append(menu.Items, item)
		}
		menu.Refresh()
	}
	choice(ui.themeMenu, prefTheme, "system", [][2]string{{"system", "Follow the system"}, {"light", "Light"}, {"dark", "Dark"}}, ui.applyTheme)
	choice(ui.laneMenu, prefLanes, "file", [][2]string{{"file", "As in the file"}, {"name", "By name"}, {"events", "Most events first"}}, ui.applyLaneOrder)
	choice(ui.linksMenu, prefLinks, "selected", [][2]string{{"none", "None"}, {"selected", "Of the selected event"}, {"view", "All in view"}}, ui.applyLinksShown)
	choice(ui.zoneMenu, prefZone, "chronology", [][2]string{{"chronology", "The chronology's zone"}, {"local", "This computer's zone"}, {"UTC", "UTC"}}, ui.applyZone)
}

// applyTitleInEveryLane draws titles in every lane of an event, or only
// in its lead's, as the preference says, and ticks the View menu's item.
func (ui *UI) applyTitleInEveryLane() {
	on := ui.App.Preferences().Bool(prefEveryLane)
	ui.timeline.tl.SetTitleInEveryLane(on)
	if ui.everyLane != nil && ui.everyLane.Checked != on {
		ui.everyLane.Checked = on
		ui.viewMenu.Refresh()
	}
}

// applyLinksShown draws the story links the preference asks for.
func (ui *UI) applyLinksShown() {
	ui.timeline.tl.SetLinksShown(linksShown(ui.App.Preferences().StringWithFallback(prefLinks, "selected")))
	ui.timeline.showLinkLegend()
}

// linksShown is the timeline's mode for a prefLinks value.
func linksShown(pref string) timeline.LinksShown {
	switch pref {
	case "none":
		return timeline.LinksNone
	case "view":
		return timeline.LinksInView
	}
	return timeline.LinksOfSelected
}

// applyZone sets the timeline's axis to the preferred zone.
func (ui *UI) applyZone() {
	if d := ui.timeline.data; d != nil {
		ui.timeline.tl.SetLocation(ui.displayZone(d.loc))
	}
}

// laneActors returns the actors in the preferred lane order: as in the
// file, by name, or with the most events first (ties by name).
func (ui *UI) laneActors() []data.Actor {
	actors := slices.Clone(ui.actors)
	switch ui.App.Preferences().StringWithFallback(prefLanes, "file") {
	case "name":
		slices.SortStableFunc(actors, func(a, b data.Actor) int {
			return strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
		})
	case "events":
		counts := ui.filters.counts
		slices.SortStableFunc(actors, func(a, b data.Actor) int {
			return cmp.Or(cmp.Compare(counts[b.ID], counts[a.ID]), strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)))
		})
	}
	return actors
}

// applyLaneOrder puts the sidebar's actor rows and the timeline's lanes
// in the preferred order, keeping hidden actors hidden.
func (ui *UI) applyLaneOrder() {
	if ui.store == nil {
		return
	}
	hidden := ui.filters.hidden()
	ui.filters.setActors(ui.laneActors(), ui.filters.counts)
	ui.filters.hide(hidden)
	ui.filterChanged()
}
