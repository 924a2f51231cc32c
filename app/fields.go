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
	// focus is each field's widget that takes the cursor; order has them
	// in reading order.
	focus map[string]fyne.Focusable
	order []fyne.Focusable
	// onKeys, if set, gives the keys to widgets the form has beyond its
	// fields (rows added later).
	onKeys func(k *formKeys)
}

func newFields() *fields {
	f := &fields{form: widget.NewForm(), errs: map[string]*widget.Label{}, general: errorLabel(), focus: map[string]fyne.Focusable{}}
	return f
}

func errorLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Importance = widget.DangerImportance
	l.Wrapping = fyne.TextWrapWord
	l.Hide()
	return l
}

// add appends a field labelled label whose errors name field; focus is
// the widget in it that takes the cursor (a *keyEntry or *keySelect,
// which also answer the form's Enter and Escape).
func (f *fields) add(label, field string, w fyne.CanvasObject, focus fyne.Focusable) {
	l := errorLabel()
	f.errs[field] = l
	f.focus[field] = focus
	f.order = append(f.order, focus)
	f.form.Append(label, container.NewVBox(w, l))
}

// showError puts err beside its field (or under the form) and clears the
// others; it returns the field's widget, to put the cursor in.
func (f *fields) showError(err error) fyne.Focusable {
	return f.focus[showFieldError(f.errs, f.general, err)]
}

// attachKeys gives every field k's keys.
func (f *fields) attachKeys(k *formKeys) {
	for _, w := range f.order {
		switch w := w.(type) {
		case *keyEntry:
			k.entry(w)
		case *keySelect:
			k.choice(w)
		}
	}
	if f.onKeys != nil {
		f.onKeys(k)
	}
}

// object is the form with the general error under it.
func (f *fields) object() fyne.CanvasObject {
	return container.NewBorder(nil, f.general, nil, nil, container.NewVScroll(f.form))
}

// showFormDialog shows a form in a dialog with Cancel and Save, the
// cursor in its first field; save returns the error to show (the cursor
// goes to its field), and the dialog closes when it returns nil. Enter
// saves and Escape cancels, as in every form.
func (ui *UI) showFormDialog(title string, f *fields, size fyne.Size, save func() error) dialog.Dialog {
	var d dialog.Dialog
	saveB := widget.NewButton("Save", func() {
		err := save()
		if w := f.showError(err); w != nil {
			ui.Window.Canvas().Focus(w)
		}
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
	f.attachKeys(&formKeys{save: saveB.OnTapped, cancel: d.Hide, ask: ui.askDiscard})
	if len(f.order) > 0 {
		ui.Window.Canvas().Focus(f.order[0])
	}
	return d
}
