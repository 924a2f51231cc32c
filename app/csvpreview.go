package app

import (
	"fmt"
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chronoscope/data/csvimport"
)

// previewRows is how many rows of a plain CSV the preview shows.
const previewRows = 8

// noActorColumn is the actor choice that reads no actors.
const noActorColumn = "(none)"

// csvPreview is the dialog that shows the first rows of a plain CSV and
// asks which columns hold the date, the title and the actors, guessed
// from the header's names, before anything is imported.
type csvPreview struct {
	sheet              csvimport.Sheet
	dialog             *dialog.CustomDialog
	table              *widget.Table
	date, title, actor *widget.Select
	dayFirst           *widget.Check
	problem            *widget.Label
	importB            *widget.Button
}

// spec is the import the dialog's choices ask for.
func (p *csvPreview) spec() importSpec {
	s := importSpec{Format: "csv", DayFirst: p.dayFirst.Checked,
		Columns: csvimport.Columns{Date: p.date.Selected, Title: p.title.Selected}}
	if p.actor.Selected != noActorColumn {
		s.Columns.Actor = p.actor.Selected
	}
	return s
}

// check says what is missing from the choices, and enables Import only
// when nothing is.
func (p *csvPreview) check() {
	c := p.spec().Columns
	msg := ""
	switch {
	case c.Date == "":
		msg = "Choose the column that holds the dates."
	case c.Title == "":
		msg = "Choose the column that holds the titles."
	case c.Date == c.Title || c.Date == c.Actor || c.Title == c.Actor:
		msg = "The date, title and actors must come from different columns."
	}
	p.problem.SetText(msg)
	if msg == "" {
		p.problem.Hide()
		p.importB.Enable()
	} else {
		p.problem.Show()
		p.importB.Disable()
	}
	p.table.Refresh()
}

// role names what a column is read as, for its head in the table.
func (p *csvPreview) role(col string) string {
	c := p.spec().Columns
	switch col {
	case c.Date:
		return "date"
	case c.Title:
		return "title"
	case c.Actor:
		return "actors"
	}
	return "not imported"
}

// askCSVColumns shows the preview of the plain CSV at src; Import calls
// then with the columns chosen, Cancel (or Escape) calls cancelled (if
// set). A file that cannot be read is said in a dialog, and cancelled
// is called.
func (ui *UI) askCSVColumns(src string, then func(importSpec), cancelled func()) {
	sh, err := previewCSV(src, previewRows)
	if err == nil && len(sh.Header) == 0 {
		err = fmt.Errorf("%s: the first row names no columns", src)
	}
	if err != nil {
		ui.showError(fmt.Errorf("%s was not imported: %w", filepath.Base(src), err))
		if cancelled != nil {
			cancelled()
		}
		return
	}
	p := &csvPreview{sheet: sh}
	guess, dayFirst := sh.Guess()
	p.table = widget.NewTable(
		func() (int, int) { return len(sh.Rows) + 1, len(sh.Header) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if id.Row == 0 {
				h := sh.Header[id.Col]
				l.TextStyle = fyne.TextStyle{Bold: true}
				l.SetText(h + " (" + p.role(h) + ")")
				return
			}
			l.TextStyle = fyne.TextStyle{}
			row := sh.Rows[id.Row-1]
			if id.Col < len(row) {
				l.SetText(row[id.Col])
			} else {
				l.SetText("")
			}
		})
	// Each column as wide as its head with the longest role, within bounds.
	for i, h := range sh.Header {
		w := widget.NewLabelWithStyle(h+" (not imported)", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}).MinSize().Width + theme.Padding()
		p.table.SetColumnWidth(i, min(max(w, 140), 320))
	}
	p.date = widget.NewSelect(sh.Header, func(string) { p.check() })
	p.title = widget.NewSelect(sh.Header, func(string) { p.check() })
	p.actor = widget.NewSelect(append([]string{noActorColumn}, sh.Header...), func(string) { p.check() })
	p.dayFirst = widget.NewCheck("The day comes before the month (31/12/2014)", nil)
	p.dayFirst.Checked = dayFirst
	p.problem = widget.NewLabel("")
	p.problem.Importance = widget.WarningImportance
	p.problem.Wrapping = fyne.TextWrapWord
	p.date.Selected, p.title.Selected, p.actor.Selected = guess.Date, guess.Title, noActorColumn
	if guess.Actor != "" {
		p.actor.Selected = guess.Actor
	}
	form := widget.NewForm(widget.NewFormItem("Date", p.date), widget.NewFormItem("Title", p.title),
		widget.NewFormItem("Actors", p.actor))
	// The table scrolls within a fixed area: its rows never size the dialog.
	area := canvas.NewRectangle(nil)
	area.SetMinSize(fyne.NewSize(640, 230))
	shown := fmt.Sprintf("The first %d rows of %s. Which columns hold each event's date, title and actors?",
		len(sh.Rows), filepath.Base(src))
	if len(sh.Rows) == 0 {
		shown = filepath.Base(src) + " has no rows under its column names."
	}
	intro := widget.NewLabel(shown)
	intro.Wrapping = fyne.TextWrapWord
	body := container.NewBorder(intro, container.NewVBox(form, p.dayFirst, p.problem), nil, nil,
		container.NewStack(area, p.table))

	prev := ui.keyTrap
	closeWith := func(f func()) {
		ui.keyTrap = prev
		p.dialog.Hide()
		if f != nil {
			f()
		}
	}
	p.importB = widget.NewButtonWithIcon("Import", theme.ConfirmIcon(), func() {
		spec := p.spec()
		closeWith(func() { then(spec) })
	})
	p.importB.Importance = widget.HighImportance
	cancel := widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { closeWith(cancelled) })
	p.dialog = dialog.NewCustomWithoutButtons("Import "+filepath.Base(src), body, ui.Window)
	p.dialog.SetButtons([]fyne.CanvasObject{cancel, p.importB})
	ui.keyTrap = answerKeys(func() {
		if !p.importB.Disabled() {
			p.importB.OnTapped()
		}
	}, cancel.OnTapped)
	p.check()
	p.dialog.Resize(fyne.NewSize(720, 560))
	p.dialog.Show()
}
