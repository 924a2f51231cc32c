package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"chronoscope/data"
)

// quickBar is the toolbar's one-line entry that adds an event as typed
// (see parseQuickLine), with a line under it saying what it understood.
type quickBar struct {
	entry   *keyEntry
	preview *widget.Label
}

func (ui *UI) newQuickBar() *quickBar {
	q := &quickBar{entry: newKeyEntry(false), preview: widget.NewLabel("")}
	q.entry.SetPlaceHolder(`Quick add: 2014-12-22 16:15 UTC Title @"Actor":role #tag !confirmed https://… "quote"`)
	q.preview.Truncation = fyne.TextTruncateEllipsis
	q.preview.Hide()
	q.entry.OnChanged = func(string) { q.show(ui.quickPlan()) }
	q.entry.OnKey = func(ev *fyne.KeyEvent) bool {
		switch ev.Name {
		case fyne.KeyEscape:
			q.entry.SetText("")
			ui.Window.Canvas().Unfocus()
			return true
		case fyne.KeyReturn, fyne.KeyEnter:
			ui.quickAdd()
			return true
		}
		return false
	}
	return q
}

// show puts what the line says (or what is wrong with it) under the bar.
func (q *quickBar) show(p *eventPlan, err error) {
	switch {
	case strings.TrimSpace(q.entry.Text) == "":
		q.preview.Hide()
		return
	case err != nil:
		q.preview.Importance = widget.DangerImportance
		q.preview.SetText(err.Error())
	default:
		q.preview.Importance = widget.MediumImportance
		q.preview.SetText("Enter adds: " + p.describe())
	}
	q.preview.Show()
}

// FocusQuickAdd puts the cursor in the quick-add entry.
func (ui *UI) FocusQuickAdd() {
	if ui.editable() {
		ui.Window.Canvas().Focus(ui.quick.entry)
	}
}

// eventPlan is an event about to be stored with what it brings that is
// new: actors, a source and its citation.
type eventPlan struct {
	event  *data.Event
	actors []newActor
	cites  []newCitation
	names  []string // the names of the event's actors, in order
}

// quickPlan reads the quick-add line against the open chronology: the
// actors it names (new ones made with the next lane colour) and the
// source its link points to (an existing one with that link, or a new one
// whose publisher is the link's host).
func (ui *UI) quickPlan() (*eventPlan, error) {
	if ui.store == nil {
		return nil, fmt.Errorf("open a chronology first")
	}
	q, err := parseQuickLine(ui.quick.entry.Text)
	if err != nil {
		return nil, err
	}
	e := &data.Event{Title: q.Title, Start: q.Start, Zone: q.Zone, Certainty: q.Certainty, Importance: 3, Tags: q.Tags}
	if e.Certainty == "" {
		e.Certainty = data.Reported
	}
	p := &eventPlan{event: e}
	known := append([]data.Actor(nil), ui.actors...)
	position := 0
	for _, a := range known {
		position = max(position, a.Position+1)
	}
	seen := map[string]bool{}
	for _, qa := range q.Actors {
		key := strings.ToLower(qa.Name)
		if seen[key] {
			continue
		}
		seen[key] = true
		a, ok := actorNamed(known, qa.Name)
		if !ok {
			a = data.Actor{Name: qa.Name, Kind: data.KindOrganisation, Color: nextColor(known), Position: position}
			position++
			known = append(known, a)
			p.actors = append(p.actors, newActor{actor: &a, at: len(e.Actors)})
		}
		e.Actors = append(e.Actors, data.Participant{ActorID: a.ID, Role: qa.Role})
		p.names = append(p.names, a.Name)
	}
	if q.URL != "" {
		src, err := ui.sourceForLink(q.URL)
		if err != nil {
			return nil, err
		}
		p.cites = append(p.cites, newCitation{src: src, c: &data.Citation{Quote: q.Quote}})
	}
	if err := e.Validate(); err != nil {
		return nil, err
	}
	return p, nil
}

// actorNamed finds an actor by name, ignoring case.
func actorNamed(actors []data.Actor, name string) (data.Actor, bool) {
	for _, a := range actors {
		if strings.EqualFold(a.Name, name) {
			return a, true
		}
	}
	return data.Actor{}, false
}

// sourceForLink is the chronology's source with that link, or a new one
// (ID 0) with the link, its host as publisher and as title, to be
// retitled later.
func (ui *UI) sourceForLink(link string) (*data.Source, error) {
	sources, err := ui.store.Sources()
	if err != nil {
		return nil, err
	}
	for _, s := range sources {
		if s.URL == link {
			return &s, nil
		}
	}
	host := linkHost(link)
	return &data.Source{Title: host, Publisher: host, URL: link}, nil
}

// describe says what the plan will store, in one line.
func (p *eventPlan) describe() string {
	e := p.event
	parts := []string{dateText(e.Start, e.Zone), "“" + e.Title + "”"}
	isNew := map[int]bool{}
	for _, na := range p.actors {
		isNew[na.at] = true
	}
	for i, a := range e.Actors {
		s := "actor "
		if isNew[i] {
			s = "new actor "
		}
		parts = append(parts, s+p.names[i]+roleSuffix(a.Role))
	}
	for _, t := range e.Tags {
		parts = append(parts, "#"+t)
	}
	parts = append(parts, string(e.Certainty))
	for _, c := range p.cites {
		if c.src.ID == 0 {
			parts = append(parts, "new source "+c.src.URL)
		} else {
			parts = append(parts, "source “"+c.src.Title+"”")
		}
		if c.c.Quote != "" {
			parts = append(parts, "quote “"+c.c.Quote+"”")
		}
	}
	return strings.Join(parts, " · ")
}

func roleSuffix(role string) string {
	if role == "" {
		return ""
	}
	return " (" + role + ")"
}

// quickAdd stores the quick-add line's event (one undo takes it and what
// came with it back), selects it and empties the line.
func (ui *UI) quickAdd() {
	if !ui.editable() {
		return
	}
	p, err := ui.quickPlan()
	if err == nil {
		err = ui.storePlan(nil, p)
	}
	if err != nil {
		ui.quick.show(nil, err)
		return
	}
	ui.quick.entry.SetText("")
	ui.showNewEvent(p.event.ID)
}

// storePlan stores a plan as one change, creating its event (before ==
// nil) or changing before into it.
func (ui *UI) storePlan(before *data.Event, p *eventPlan) error {
	var after func()
	if len(p.actors) > 0 {
		after = ui.actorsChanged
	}
	return ui.applyChange(saveEventWith(before, p.event, p.actors, p.cites, after))
}

// showNewEvent selects an event just stored, on the timeline, in the list
// and in the detail panel.
func (ui *UI) showNewEvent(id int64) {
	ui.timeline.tl.Select(id)
	ui.list.showEvent(id)
	ui.selectEvent(id)
}
