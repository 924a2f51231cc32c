package app

// The window's import and export dialogs (the work itself is in transfer.go).

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chronoscope/data"
	"chronoscope/timeline"
)

// showImportDialog imports a TimelineJS, Timeline Project or Chronoscope
// file into the open chronology (all of it or nothing), then shows the
// result.
func (ui *UI) showImportDialog() {
	if ui.store == nil || ui.store.ReadOnly() {
		ui.showError(fmt.Errorf("open a chronology you can edit first"))
		return
	}
	ui.pickFile([]string{".json", ".csv", ".timeline"}, ui.importFile)
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
		stats, err := importFilesWith(ctx, into, []string{src}, spec, w.progress())
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

// progress returns what an import running off the UI goroutine calls
// as it reads: the window shows it, ten times a second at most.
func (w *importWindow) progress() func(importProgress) {
	var last time.Time
	return func(p importProgress) {
		if time.Since(last) < 100*time.Millisecond {
			return
		}
		last = time.Now()
		fyne.Do(func() { w.show(p) })
	}
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
	picture.pictures.SetChecked(ui.store != nil && ui.timelinePicturesOn(ui.total))
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
	s := ui.store
	ui.async(func() {
		var err error
		if p.pictures, err = posterPictures(s, r); err == nil {
			err = writeAtomically(out, func(w io.Writer) error { return encodePoster(p, w, r, fyne.DoAndWait) })
		}
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
