package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"chronoscope/data"
)

// newSourceChoice is the entry of the source list that makes a new source.
const newSourceChoice = "New source…"

// citeForm cites a source for an event: an existing source or a new one,
// with the supporting quote, a note, and the date this source gives.
type citeForm struct {
	sources                            []data.Source
	pick                               *keySelect
	title, publisher, author, url, pub *keyEntry
	quote, note, date                  *keyEntry
	newBox                             *fyne.Container
	errs                               map[string]*widget.Label
	focus                              map[string]fyne.Focusable
	general                            *widget.Label
	root                               fyne.CanvasObject
}

func newCiteForm(sources []data.Source) *citeForm {
	f := &citeForm{sources: sources, errs: map[string]*widget.Label{}, focus: map[string]fyne.Focusable{}}
	names := []string{newSourceChoice}
	for _, s := range sources {
		names = append(names, s.Title)
	}
	entry := func(placeholder string) *keyEntry {
		e := newKeyEntry(false)
		e.SetPlaceHolder(placeholder)
		return e
	}
	f.title, f.publisher, f.author = entry("the article's or document's title"), entry("newspaper, agency, site"), entry("")
	f.url, f.pub = entry("https://…"), entry("2014-12-23, Dec 2014…")
	f.quote = newKeyEntry(true)
	f.quote.SetPlaceHolder("the words that back the event, short and exact")
	f.note, f.date = entry("what this source says, or how reliable it is"), entry("the date this source gives, if any")
	field := func(label, name string, w *keyEntry) *widget.FormItem {
		l := errorLabel()
		f.errs[name] = l
		f.focus[name] = w
		return widget.NewFormItem(label, container.NewVBox(w, l))
	}
	newSource := widget.NewForm(field("Title", "title", f.title), field("Publisher", "publisher", f.publisher),
		field("Author", "author", f.author), field("Link", "url", f.url), field("Published", "published", f.pub))
	f.newBox = container.NewVBox(newSource)
	f.pick = newKeySelect(names, "")
	f.pick.OnChanged = func(s string) {
		if s == newSourceChoice {
			f.newBox.Show()
		} else {
			f.newBox.Hide()
		}
	}
	f.pick.SetSelected(newSourceChoice)
	citation := widget.NewForm(field("Quote", "quote", f.quote), field("Note", "note", f.note), field("Date given", "date", f.date))
	f.general = widget.NewLabel("")
	f.general.Importance = widget.DangerImportance
	f.general.Hide()
	f.root = container.NewBorder(nil, f.general, nil, nil, container.NewVScroll(container.NewVBox(
		widget.NewForm(widget.NewFormItem("Source", f.pick)), f.newBox, widget.NewSeparator(), citation)))
	return f
}

// citation returns the source (new, or chosen: its ID set) and the
// citation for event; a *data.FieldError names a field in error.
func (f *citeForm) citation(event int64) (*data.Source, *data.Citation, error) {
	c := &data.Citation{EventID: event, Quote: strings.TrimSpace(f.quote.Text), Note: strings.TrimSpace(f.note.Text)}
	if t := strings.TrimSpace(f.date.Text); t != "" {
		d, _, err := data.ParseDate(t)
		if err != nil {
			return nil, nil, &data.FieldError{Field: "date", Msg: err.Error()}
		}
		c.Date = d
	}
	if f.pick.Selected != newSourceChoice {
		for _, s := range f.sources {
			if s.Title == f.pick.Selected {
				src := s
				c.SourceID = src.ID
				return &src, c, c.Validate()
			}
		}
	}
	src := &data.Source{Title: strings.TrimSpace(f.title.Text), Publisher: strings.TrimSpace(f.publisher.Text),
		Author: strings.TrimSpace(f.author.Text), URL: strings.TrimSpace(f.url.Text)}
	if t := strings.TrimSpace(f.pub.Text); t != "" {
		d, _, err := data.ParseDate(t)
		if err != nil {
			return nil, nil, &data.FieldError{Field: "published", Msg: err.Error()}
		}
		src.Published = d
	}
	return src, c, src.Validate()
}

// showError puts err beside its field (or under the form) and returns
// the field's widget, to put the cursor in.
func (f *citeForm) showError(err error) fyne.Focusable {
	return f.focus[showFieldError(f.errs, f.general, err)]
}

// attachKeys gives every field k's keys: Enter saves, Escape cancels.
func (f *citeForm) attachKeys(k *formKeys) {
	k.choice(f.pick)
	for _, e := range []*keyEntry{f.title, f.publisher, f.author, f.url, f.pub, f.quote, f.note, f.date} {
		k.entry(e)
	}
}

// AddSource opens the form that cites a source for an event.
func (ui *UI) AddSource(event int64) {
	if !ui.editable() {
		return
	}
	sources, err := ui.store.Sources()
	if err != nil {
		ui.showError(err)
		return
	}
	f := newCiteForm(sources)
	var d dialog.Dialog
	save := widget.NewButton("Save", func() {
		src, c, err := f.citation(event)
		if err == nil {
			err = ui.applyChange(addCitation(src, c))
		}
		if w := f.showError(err); w != nil {
			ui.Window.Canvas().Focus(w)
		}
		if err == nil {
			d.Hide()
			ui.selectEvent(event)
		}
	})
	save.Importance = widget.HighImportance
	cancel := widget.NewButton("Cancel", func() { d.Hide() })
	d = dialog.NewCustomWithoutButtons("Cite a source", container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), cancel, save), nil, nil, f.root), ui.Window)
	d.Resize(fyne.NewSize(600, 600))
	d.Show()
	f.attachKeys(&formKeys{save: save.OnTapped, cancel: d.Hide, ask: ui.askDiscard})
	ui.Window.Canvas().Focus(f.pick)
	ui.citeForm, ui.citeSave = f, save
}

// RemoveCitation removes a citation from its event (undo puts it back).
func (ui *UI) RemoveCitation(c data.Citation, title string) {
	if !ui.editable() {
		return
	}
	if err := ui.applyChange(removeCitation(c, title)); err != nil {
		ui.showError(err)
		return
	}
	ui.selectEvent(c.EventID)
}
