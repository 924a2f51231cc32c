package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"chronoscope/data"
)

// openForeign opens a file another program wrote — TimelineJS JSON (3 or
// 2), a TimelineJS sheet's CSV, a Timeline Project .timeline, a plain CSV
// (after the user has chosen its columns) or Chronoscope's own JSON
// export — the way a chronology is opened: it is
// imported into a new chronology named after it (see foreignTarget), the
// status bar says so, and the new chronology is shown. It reports whether
// path is such a file, by its name; if not, the caller opens it as a
// chronology. On any failure nothing is left behind, a dialog says why,
// and the window keeps what it showed.
func (ui *UI) openForeign(path string) bool {
	format, err := detectImportFormat(path)
	if err != nil {
		return false
	}
	if ui.store == nil {
		// Nothing open yet (a file named on the command line): the
		// welcome screen stands behind the dialogs, not an empty axis.
		ui.welcome.show()
	}
	if format == "csv" {
		// A plain CSV: the user says which columns to read first.
		ui.askCSVColumns(path, func(spec importSpec) { ui.openAsChronology(path, spec) }, ui.openDropped)
		return true
	}
	ui.openAsChronology(path, importSpec{Format: format})
	return true
}

// openAsChronology imports path as spec says into a new chronology and
// shows it (see openForeign).
func (ui *UI) openAsChronology(path string, spec importSpec) {
	ctx, cancel := context.WithCancel(context.Background())
	w := newImportWindow(ui.Window, path, cancel)
	w.dialog.Show()
	dataDir, dirErr := DataDir()
	dirs := []string{filepath.Dir(path)}
	if dirErr == nil {
		dirs = append(dirs, dataDir)
	}
	ui.async(func() {
		dest, stats, err := importAsChronology(ctx, path, spec, dirs, w.progress())
		cancel()
		fyne.Do(func() {
			w.dialog.Hide()
			if errors.Is(err, context.Canceled) {
				ui.openDropped()
				return
			}
			if err != nil {
				ui.openFailed(fmt.Errorf("%s was not opened: %w", filepath.Base(path), err))
				return
			}
			note := fmt.Sprintf("%s imported as %s", filepath.Base(path), filepath.Base(dest))
			if filepath.Dir(dest) != filepath.Dir(path) {
				note = fmt.Sprintf("%s imported into %s", filepath.Base(path), dest)
			}
			if n := len(stats.Warnings); n > 0 {
				note += fmt.Sprintf(" with %d warning%s", n, plural(n))
			}
			prev := ui.afterOpen
			ui.afterOpen = func() {
				ui.sayImported(note, stats.Events)
				if len(stats.Warnings) > 0 {
					dialog.ShowInformation("Imported with warnings", stats.summary(path), ui.Window)
				}
				if prev != nil {
					prev()
				}
			}
			ui.OpenFile(dest)
		})
	})
}

// sayImported puts note in the status bar beside the count of events
// shown. The count the open started is replaced by this one, so that the
// note is not written over when the first count comes in.
func (ui *UI) sayImported(note string, events int) {
	ui.filters.status.SetText(note + " · " + groupDigits(events) + " events")
	ui.countGen++
	ui.list.setFilter(ui.list.filter, func(n int) {
		ui.counting = false
		ui.filters.status.SetText(note + " · " + groupDigits(n) + " of " + groupDigits(ui.total) + " events")
	})
}

// importAsChronology imports src (as spec says) into a new chronology named
// after it, in the first of dirs where one can be created: beside src
// when its folder is writable, else the data folder. An existing file is
// never written over: "name.chrono" is taken, then "name (2).chrono" and
// so on. It returns the new chronology's path; on failure nothing is left.
func importAsChronology(ctx context.Context, src string, spec importSpec, dirs []string, progress func(importProgress)) (string, importResult, error) {
	if st, err := os.Stat(src); err != nil {
		return "", importResult{}, err
	} else if st.IsDir() {
		return "", importResult{}, fmt.Errorf("%s is a folder", src)
	}
	name := strings.TrimSuffix(filepath.Base(src), filepath.Ext(src))
	var dest string
	var errs []error
	for _, dir := range dirs {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			errs = append(errs, err)
			continue
		}
		p, err := createNew(dir, name)
		if err == nil {
			dest = p
			break
		}
		errs = append(errs, err)
	}
	if dest == "" {
		return "", importResult{}, fmt.Errorf("no new chronology could be made for it: %w", errors.Join(errs...))
	}
	stats, err := importFilesWith(ctx, dest, []string{src}, spec, progress)
	if err != nil {
		for _, p := range []string{dest, dest + "-wal", dest + "-shm"} {
			os.Remove(p)
		}
		return "", stats, err
	}
	return dest, stats, nil
}

// createNew creates an empty chronology titled name in dir, at the first
// of "name.chrono", "name (2).chrono", … that does not exist yet.
func createNew(dir, name string) (string, error) {
	for n := 1; n <= 1000; n++ {
		file := name
		if n > 1 {
			file = fmt.Sprintf("%s (%d)", name, n)
		}
		p := filepath.Join(dir, file+data.Extension)
		s, err := data.Create(p, data.Chronology{Title: name})
		if errors.Is(err, os.ErrExist) {
			continue
		}
		if err != nil {
			return "", err
		}
		return p, s.Close()
	}
	return "", fmt.Errorf("%s: a thousand chronologies named %s exist already", dir, name)
}
