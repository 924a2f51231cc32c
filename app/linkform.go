package app

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chronoscope/data"
)

// Adding, editing and removing story links, each an undoable change.

// relation is one choice of the link form's relation list: a kind read
// from this event's side ("Responds to") or from the other's ("Responded
// to by", which makes the other event the link's From end).
type relation struct {
	label    string
	kind     data.LinkKind
	incoming bool // this event is the To end
}

// relations lists every kind both ways (an undirected kind once).
func relations() []relation {
	var out []relation
	for _, k := range data.LinkKinds() {
		out = append(out, relation{k.Label(), k, false})
		if directed, _ := k.Answers(); directed {
			out = append(out, relation{k.InverseLabel(), k, true})
		}
	}
	return out
}

// noSource is the source choice of an empty citation row.
const noSource = "(no source)"

// linkCiteRow is one citation in the link form: a source and its quote.
type linkCiteRow struct {
	id     int64 // the citation's id when editing one
	source *keySelect
	quote  *keyEntry
	root   fyne.CanvasObject
}

// linkForm edits a story link from one event: the relation, the other
// event (found by typing part of its title), certainty, note and the
// sources that say so.
type linkForm struct {
	*fields
	this      int64
	relation  *keySelect
	other     *keyEntry
	otherID   int64
	found     map[string]int64 // what the other event's completion offered
	certainty *keySelect
	note      *keyEntry
	sources   []data.Source
	cites     []*linkCiteRow
	citeBox   *fyne.Container
	keys      *formKeys
}

// newLinkForm builds the form for a link from event this; l is the link
// being edited (nil for a new one), otherTitle the title of its other end.
// search finds events by the words typed.
func newLinkForm(this int64, l *data.StoryLink, otherTitle string, sources []data.Source, search func(string) []data.EventRow) *linkForm {
	f := &linkForm{fields: newFields(), this: this, sources: sources, found: map[string]int64{}}
	var labels []string
	for _, r := range relations() {
		labels = append(labels, r.label)
	}
	f.relation = newKeySelect(labels, "(choose)")
	f.other = newKeyEntry(false)
	f.other.SetPlaceHolder("type words of the other event's title")
	choices := func(text string) []string {
		var out []string
		for _, r := range search(text) {
			if r.ID == f.this {
				continue
			}
			label := r.Title + " · " + r.Span()
			f.found[label] = r.ID
			out = append(out, label)
		}
		return out
	}
	f.other.OnChanged = func(string) { f.otherID = 0 }
	complete := newCompletion(f.other, choices, func(choice string) {
		id := f.found[choice]
		setTextAtEnd(f.other, choice)
		f.otherID = id
	})
	var certs []string
	for _, c := range data.Certainties {
		certs = append(certs, string(c))
	}
	f.certainty = newKeySelect(certs, "(choose)")
	f.certainty.SetSelected(string(data.Reported))
	f.note = newKeyEntry(false)
	f.note.SetPlaceHolder("who says so, or how they are linked")
	f.citeBox = container.NewVBox()
	addCite := widget.NewButtonWithIcon("Add a source", theme.ContentAddIcon(), func() { f.addCite(0, 0, "") })
	addCite.Importance = widget.LowImportance

	if l != nil {
		incoming := l.To == this
		for _, r := range relations() {
			if r.kind == l.Kind && (r.incoming == incoming || r.label == l.Kind.Label() && !isDirected(l.Kind)) {
				f.relation.SetSelected(r.label)
				break
			}
		}
		f.other.SetText(otherTitle)
		f.otherID = l.To
		if incoming {
			f.otherID = l.From
		}
		f.certainty.SetSelected(string(l.Certainty))
		f.note.SetText(l.Note)
		for _, c := range l.Citations {
			f.addCite(c.ID, c.SourceID, c.Quote)
		}
	}
	if len(f.cites) == 0 {
		f.addCite(0, 0, "")
	}
	f.add("Relation", "kind", f.relation, f.relation)
	f.add("Other event", "to", complete.object(), f.other)
	f.errs["from"] = f.errs["to"]
	f.add("Certainty", "certainty", f.certainty, f.certainty)
	f.add("Note", "note", f.note, f.note)
	f.add("Sources", "citations", container.NewVBox(f.citeBox, container.NewHBox(addCite)), nil)
	f.order = f.order[:len(f.order)-1] // the sources rows take the keys themselves
	f.onKeys = f.attachCiteKeys
	return f
}

func isDirected(k data.LinkKind) bool {
	d, _ := k.Answers()
	return d
}

// addCite appends a citation row: source (by id, 0 for none) and quote.
func (f *linkForm) addCite(id, source int64, quote string) {
	names := []string{noSource}
	for _, s := range f.sources {
		names = append(names, s.Title)
	}
	r := &linkCiteRow{id: id, source: newKeySelect(names, noSource), quote: newKeyEntry(false)}
	r.source.SetSelected(noSource)
	for _, s := range f.sources {
		if s.ID == source {
			r.source.SetSelected(s.Title)
		}
	}
	r.quote.SetPlaceHolder("the words that say so")
	r.quote.SetText(quote)
	r.root = container.NewGridWithColumns(2, r.source, r.quote)
	f.cites = append(f.cites, r)
	f.citeBox.Add(r.root)
	if f.keys != nil {
		f.keys.choice(r.source)
		f.keys.entry(r.quote)
	}
}

// attachCiteKeys gives the citation rows k's keys, and those added later.
func (f *linkForm) attachCiteKeys(k *formKeys) {
	f.keys = k
	for _, r := range f.cites {
		k.choice(r.source)
		k.entry(r.quote)
	}
}

// link returns the link the form describes (id kept when editing); a
// *data.FieldError names a field in error.
func (f *linkForm) link(id int64) (*data.StoryLink, error) {
	var rel *relation
	for _, r := range relations() {
		if r.label == f.relation.Selected {
			rel = &r
			break
		}
	}
	if rel == nil {
		return nil, &data.FieldError{Field: "kind", Msg: "choose how the events are linked"}
	}
	if f.otherID == 0 {
		if strings.TrimSpace(f.other.Text) == "" {
			return nil, &data.FieldError{Field: "to", Msg: "type words of the other event's title, then choose it from the list"}
		}
		return nil, &data.FieldError{Field: "to", Msg: "choose the other event from the list under the field (Up, Down, Enter)"}
	}
	l := &data.StoryLink{ID: id, From: f.this, To: f.otherID, Kind: rel.kind,
		Certainty: data.Certainty(f.certainty.Selected), Note: strings.TrimSpace(f.note.Text)}
	if rel.incoming {
		l.From, l.To = l.To, l.From
	}
	for _, r := range f.cites {
		quote := strings.TrimSpace(r.quote.Text)
		if r.source.Selected == noSource || r.source.Selected == "" {
			if quote != "" {
				return nil, &data.FieldError{Field: "citations", Msg: "a quote needs its source: choose one"}
			}
			continue
		}
		for _, s := range f.sources {
			if s.Title == r.source.Selected {
				l.Citations = append(l.Citations, data.LinkCitation{ID: r.id, SourceID: s.ID, Quote: quote})
				break
			}
		}
	}
	return l, l.Validate()
}

// AddLink opens the form for a new story link from event.
func (ui *UI) AddLink(event int64) {
	ui.showLinkForm(event, nil, "")
}

// EditLink opens the form on a story link, from the selected event's
// side when it is one of the link's ends.
func (ui *UI) EditLink(id int64) {
	if ui.store == nil {
		return
	}
	d, err := loadLinkDetail(ui.store, id)
	if err != nil {
		ui.showError(err)
		return
	}
	this, other := d.From, d.To
	if sel, ok := ui.timeline.tl.Selected(); ok && sel == d.To.ID {
		this, other = d.To, d.From
	}
	ui.showLinkForm(this.ID, &d.Link, other.Title)
}

// showLinkForm shows the link form from event this (l nil for a new link).
func (ui *UI) showLinkForm(this int64, l *data.StoryLink, otherTitle string) {
	if !ui.editable() {
		return
	}
	sources, err := ui.store.Sources()
	if err != nil {
		ui.showError(err)
		return
	}
	s := ui.store
	search := func(text string) []data.EventRow {
		if strings.TrimSpace(text) == "" {
			return nil
		}
		rows, _, err := s.Search(text, maxChoices+1)
		if err != nil {
			return nil
		}
		return rows
	}
	f := newLinkForm(this, l, otherTitle, sources, search)
	title := "Add a story link"
	if l != nil {
		title = "Edit story link"
	}
	ui.showFormDialog(title, f.fields, fyne.NewSize(640, 560), func() error {
		var id int64
		if l != nil {
			id = l.ID
		}
		next, err := f.link(id)
		if err != nil {
			return err
		}
		var c change
		if l == nil {
			c = addStoryLink(next)
		} else {
			c = updateStoryLink(*l, *next)
		}
		if err := ui.applyChange(c); err != nil {
			return err
		}
		ui.selectEvent(this)
		return nil
	})
	ui.linkForm = f
}

// RemoveLink removes a story link (undo puts it back).
func (ui *UI) RemoveLink(l data.StoryLink) {
	if !ui.editable() {
		return
	}
	if err := ui.applyChange(removeStoryLink(l)); err != nil {
		ui.showError(err)
		return
	}
	if id, ok := ui.timeline.tl.Selected(); ok {
		ui.selectEvent(id)
	} else {
		ui.detail.show(nil, nil)
	}
}

// goToEvent selects an event on the timeline (showing it) and in the
// panel.
func (ui *UI) goToEvent(id int64) {
	ui.tabs.SelectIndex(0)
	ui.timeline.tl.SelectLink(0)
	ui.timeline.tl.Select(id)
	ui.list.showEvent(id)
	ui.selectEvent(id)
}

// selectLink shows a story link in the detail panel (an arc was clicked).
func (ui *UI) selectLink(id int64) {
	s := ui.store
	if s == nil {
		return
	}
	ui.async(func() {
		d, err := loadLinkDetail(s, id)
		fyne.Do(func() {
			if ui.store != s {
				return
			}
			if errors.Is(err, data.ErrNotFound) {
				ui.detail.show(nil, nil)
				return
			}
			if err != nil {
				ui.showError(err)
				return
			}
			ui.timeline.tl.SelectLink(id)
			ui.detail.showLink(d)
		})
	})
}

// addStoryLink is the change that adds l; redo puts it back under the id
// it got.
func addStoryLink(l *data.StoryLink) change {
	return change{
		label: fmt.Sprintf("Add link “%s”", l.Kind),
		do: func(tx *data.Tx) error {
			if l.ID == 0 {
				return tx.CreateLink(l)
			}
			return tx.RestoreLink(*l)
		},
		undo: func(tx *data.Tx) error { return tx.DeleteLink(l.ID) },
	}
}

// updateStoryLink is the change from before to after (the same link).
func updateStoryLink(before, after data.StoryLink) change {
	return change{
		label: fmt.Sprintf("Edit link “%s”", after.Kind),
		do:    func(tx *data.Tx) error { return tx.UpdateLink(&after) },
		undo:  func(tx *data.Tx) error { return tx.UpdateLink(&before) },
	}
}

// removeStoryLink is the change that removes l; undo puts it back whole.
func removeStoryLink(l data.StoryLink) change {
	return change{
		label: fmt.Sprintf("Remove link “%s”", l.Kind),
		do:    func(tx *data.Tx) error { return tx.DeleteLink(l.ID) },
		undo:  func(tx *data.Tx) error { return tx.RestoreLink(l) },
	}
}
