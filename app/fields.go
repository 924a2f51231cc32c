package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// fields is a form whose fields each have a label under them for the
// store's *data.FieldError on that field, and one under the form for any
// other error.
type fields struct {
	form    *widget.Form
	errs    map[string]*widget.Label
	general *widget.Label
}

func newFields() *fields {
	f := &fields{form: widget.NewForm(), errs: map[string]*widget.Label{}, general: errorLabel()}
	return f
}

func errorLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

// add appends a field labelled label whose errors name field.
func (f *fields) add(label, field string, w fyne.CanvasObject) {
	l := errorLabel()
	f.errs[field] = l
	f.form.Append(label, container.NewVBox(w, l))
}

// showError puts err beside its field (or under the form) and clears the
// others.
func (f *fields) showError(err error) { showFieldError(f.errs, f.general, err) }

// object is the form with the general error under it.
func (f *fields) object() fyne.CanvasObject {
	return container.NewBorder(nil, f.general, nil, nil, container.NewVScroll(f.form))
}

// showFormDialog shows a form in a dialog with Cancel and Save; save
// returns the error to show, and the dialog closes when it returns nil.
func (ui *UI) showFormDialog(title string, f *fields, size fyne.Size, save func() error) dialog.Dialog {
	var d dialog.Dialog
	saveB := widget.NewButton("Save", func() {
		err := save()
		f.showError(err)
		if err == nil {
			d.Hide()
		}
	})
	saveB.Importance = widget.HighImportance
	cancel := widget.NewButton("Cancel", func() { d.Hide() })
	content := container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), cancel, saveB), nil, nil, f.object())
	d = dialog.NewCustomWithoutButtons(title, content, ui.Window)
	d.Resize(size)
	d.Show()
	return d
}
