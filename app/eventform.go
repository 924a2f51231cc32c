package app

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chronoscope/data"
)

// eventForm edits every field of an event. Dates are typed as people write
// them ("2014", "Dec 2014", "2014-12-22", "2014-12-22 16:15 UTC", "500 BCE")
// and keep the precision typed; errors show beside the field they concern.
// Actors are added by typing their names (a name no actor has makes a new
// one when the event is saved), tags with completion over those in use.
type eventForm struct {
	title, start, end, zone, display, tags *keyEntry
	desc, notes                            *keyEntry
	certainty, importance                  *keySelect
	errs                                   map[string]*widget.Label
	general                                *widget.Label
	root                                   fyne.CanvasObject
	// focus is the field to put the cursor in for an error on a field.
	focus map[string]fyne.Focusable

	actors     []data.Actor // the chronology's, to choose from
	actorNames map[int64]string
	// rows are the event's actors in order; addActor types in another.
	rows      []*actorRow
	rowBox    *fyne.Container
	addActor  *keyEntry
	roles     []string // the roles used in the chronology, for completion
	allTags   []string
	position  int // the lane a new actor gets
	bindEntry func(*keyEntry)
	// lead picks the lead actor, whose lane shows the event's title,
	// among the event's; leadIDs are its options' rows.
	lead     *keySelect
	leadRows []*actorRow
	source   *sourceField
}

// actorRow is one of the event's actors in the form: an actor of the
// chronology (id) or one to make (newActor), with its role.
type actorRow struct {
	id       int64
	newActor *data.Actor
	name     string
	role     *keyEntry
	box      fyne.CanvasObject
}

// createPrefix begins the choice that makes a new actor.
const createPrefix = "Create actor “"

func newEventForm(actors []data.Actor, tags, roles []string, e *data.Event) *eventForm {
	f := &eventForm{actorNames: map[int64]string{}, errs: map[string]*widget.Label{}, focus: map[string]fyne.Focusable{},
		actors: actors, roles: roles, allTags: tags}
	entry := func(text, placeholder string) *keyEntry {
		w := newKeyEntry(false)
		w.SetText(text)
		w.SetPlaceHolder(placeholder)
		return w
	}
	f.title = entry(e.Title, "What happened, in a few words")
	f.start = entry(dateText(e.Start, e.Zone), "2014, Dec 2014, 2014-12-22 or 2014-12-22 16:15 UTC")
	f.start.SelectOnFocus = true
	f.end = entry(dateText(e.End, ""), "empty for a single moment")
	f.zone = entry(e.Zone, "UTC, Asia/Pyongyang… (empty: UTC)")
	f.display = entry(e.DisplayDate, "how to show the date, if not as typed")
	f.tags = entry(strings.Join(e.Tags, ", "), "comma-separated; type to complete")
	f.desc = newKeyEntry(true)
	f.desc.SetText(e.Description)
	f.desc.SetPlaceHolder("Markdown")
	f.desc.SetMinRowsVisible(4)
	f.notes = newKeyEntry(true)
	f.notes.SetText(e.Notes)
	f.notes.SetPlaceHolder("for the presenter; not shown to the class")
	var certs []string
	for _, c := range data.Certainties {
		certs = append(certs, string(c))
	}
	f.certainty = newKeySelect(certs, "(choose)")
	f.certainty.SetSelected(string(e.Certainty))
	f.importance = newKeySelect([]string{"1", "2", "3", "4", "5"}, "(choose)")
	f.importance.SetSelected(strconv.Itoa(e.Importance))
	tagDone := newCompletion(f.tags, f.tagChoices, func(tag string) {
		done := strings.Split(f.tags.Text, ",")
		done[len(done)-1] = " " + tag
		setTextAtEnd(f.tags, strings.TrimSpace(strings.Join(done, ","))+", ")
	})

	for _, a := range actors {
		f.actorNames[a.ID] = a.Name
		f.position = max(f.position, a.Position+1)
	}
	f.rowBox = container.NewVBox()
	f.addActor = newKeyEntry(false)
	f.addActor.SetPlaceHolder("type an actor's name; Enter adds it")
	f.addActor.OnKey = func(ev *fyne.KeyEvent) bool {
		// Backspace in the empty entry takes the last actor off.
		if ev.Name == fyne.KeyBackspace && f.addActor.Text == "" && len(f.rows) > 0 {
			f.removeRow(f.rows[len(f.rows)-1])
			return true
		}
		return false
	}
	actorDone := newCompletion(f.addActor, f.actorChoices, f.pickActor)
	for _, p := range e.Actors {
		if name, ok := f.actorNames[p.ActorID]; ok {
			f.appendRow(&actorRow{id: p.ActorID, name: name}).role.SetText(p.Role)
		}
	}
	f.lead = newKeySelect(nil, "(add an actor first)")
	f.updateLead()

	form := widget.NewForm()
	add := func(label, field string, w fyne.CanvasObject, focus fyne.Focusable) {
		errLabel := errorLabel()
		f.errs[field] = errLabel
		f.focus[field] = focus
		form.Append(label, container.NewVBox(w, errLabel))
	}
	// What every event has comes first, so that Tab reaches it soonest:
	// the title, the date, who, the tags and the source; then the rest.
	add("Title", "title", f.title, f.title)
	add("Start", "start", f.start, f.start)
	add("Lead actor", "lead", f.lead, f.lead) // above the actors, where a long list does not hide it
	add("Actors", "actors", container.NewVBox(f.rowBox, actorDone.object()), f.addActor)
	add("Tags", "tags", tagDone.object(), f.tags)
	f.source = newSourceField()
	add("Source", "source_url", container.NewVBox(f.source.link, f.source.status), f.source.link)
	add("Its title", "source_title", f.source.title, f.source.title)
	add("Quote", "quote", f.source.quote, f.source.quote)
	add("End", "end", f.end, f.end)
	add("Time zone", "zone", f.zone, f.zone)
	add("Shown as", "display_date", f.display, f.display)
	add("Certainty", "certainty", f.certainty, f.certainty)
	add("Importance", "importance", f.importance, f.importance)
	add("Description", "description", f.desc, f.desc)
	add("Notes", "notes", f.notes, f.notes)
	f.general = errorLabel()
	f.root = container.NewBorder(nil, f.general, nil, nil, container.NewVScroll(form))
	return f
}

// attachKeys gives the form's fields k's keys: Enter saves, Escape cancels.
func (f *eventForm) attachKeys(k *formKeys) {
	for _, e := range []*keyEntry{f.title, f.start, f.end, f.zone, f.display, f.tags, f.source.link, f.source.title,
		f.source.quote, f.desc, f.notes} {
		k.entry(e)
	}
	for _, s := range []*keySelect{f.certainty, f.importance, f.lead} {
		k.choice(s)
	}
	k.bind(f.addActor)
	for _, r := range f.rows {
		k.bind(r.role)
	}
	f.bindEntry = k.bind
	k.watch(f.actorsText)
}

// actorsText describes the event's actors and roles, to notice a change.
func (f *eventForm) actorsText() string {
	var b strings.Builder
	for _, r := range f.rows {
		fmt.Fprintf(&b, "%d %s %s;", r.id, r.name, r.role.Text)
	}
	return b.String()
}

// actorChoices are the actors whose names match text and are not on the
// event yet, an exact match first, then the offer to make a new one.
func (f *eventForm) actorChoices(text string) []string {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil
	}
	onEvent := func(name string) bool {
		return slices.ContainsFunc(f.rows, func(r *actorRow) bool { return strings.EqualFold(r.name, name) })
	}
	var names []string
	for _, a := range f.actors {
		names = append(names, a.Name)
	}
	var out []string
	exact := false
	for _, n := range names {
		if strings.EqualFold(n, text) {
			exact = true
			if !onEvent(n) {
				out = append(out, n)
			}
		}
	}
	out = append(out, matching(names, text, onEvent)...)
	if !exact && !onEvent(text) {
		out = append(out, createPrefix+text+"”")
	}
	return out
}

// pickActor adds the actor chosen (or a new one) to the event, and puts
// the cursor in its role.
func (f *eventForm) pickActor(choice string) {
	row := &actorRow{name: choice}
	if name, ok := strings.CutPrefix(choice, createPrefix); ok {
		row.name = strings.TrimSuffix(name, "”")
		known := append([]data.Actor(nil), f.actors...)
		for _, r := range f.rows {
			if r.newActor != nil {
				known = append(known, *r.newActor)
			}
		}
		row.newActor = &data.Actor{Name: row.name, Kind: data.KindOrganisation, Color: nextColor(known), Position: f.position}
		f.position++
	} else if a, ok := actorNamed(f.actors, choice); ok {
		row.id, row.name = a.ID, a.Name
	}
	f.appendRow(row)
	if f.bindEntry != nil {
		f.bindEntry(row.role)
	}
	f.addActor.SetText("")
	f.updateLead()
	if c := fyne.CurrentApp().Driver().CanvasForObject(f.addActor); c != nil {
		c.Focus(row.role)
	}
}

// appendRow shows row last among the event's actors.
func (f *eventForm) appendRow(row *actorRow) *actorRow {
	row.role = newKeyEntry(false)
	row.role.SetPlaceHolder("role: accuser, target, speaker…")
	roleDone := newCompletion(row.role, func(text string) []string { return matching(f.roles, text, nil) },
		func(role string) { setTextAtEnd(row.role, role) })
	label := row.name
	if row.newActor != nil {
		label += " (new)"
	}
	// Not a Tab stop: Backspace in the empty actor entry removes by key.
	remove := newIconButton(theme.ContentClearIcon(), func() { f.removeRow(row) })
	row.box = container.NewGridWithColumns(2, widget.NewLabel(label), container.NewBorder(nil, nil, nil, remove, roleDone.object()))
	f.rows = append(f.rows, row)
	f.rowBox.Add(row.box)
	return row
}

// removeRow takes an actor off the event.
func (f *eventForm) removeRow(row *actorRow) {
	f.rows = slices.DeleteFunc(f.rows, func(r *actorRow) bool { return r == row })
	f.rowBox.Remove(row.box)
	f.updateLead()
}

// tagChoices complete the tag being typed (after the last comma) from the
// tags in use, leaving out those already on the event.
func (f *eventForm) tagChoices(text string) []string {
	parts := strings.Split(text, ",")
	var have []string
	for _, p := range parts[:len(parts)-1] {
		have = append(have, strings.TrimSpace(p))
	}
	return matching(f.allTags, parts[len(parts)-1], func(t string) bool { return containsFold(have, t) })
}

// dateText writes a date as the form shows it: at its precision, with the
// zone when it carries a time.
func dateText(d data.Date, zone string) string {
	if d.IsZero() {
		return ""
	}
	s := d.String()
	if zone != "" && d.Precision >= data.PrecisionHour {
		s += " " + zone
	}
	return s
}

// plan builds the edited event on base (its id, story position and
// external id are kept) with the actors to make; a *data.FieldError names
// a field in error.
func (f *eventForm) plan(base *data.Event) (*eventPlan, error) {
	e := *base
	e.Title = strings.TrimSpace(f.title.Text)
	e.Description, e.Notes, e.DisplayDate = f.desc.Text, f.notes.Text, strings.TrimSpace(f.display.Text)
	e.Zone = strings.TrimSpace(f.zone.Text)
	var zone string
	var err error
	if e.Start, zone, err = data.ParseDate(f.start.Text); err != nil {
		return nil, &data.FieldError{Field: "start", Msg: err.Error()}
	}
	if zone != "" && e.Zone == "" {
		e.Zone = zone
	}
	e.End = data.Date{}
	if strings.TrimSpace(f.end.Text) != "" {
		if e.End, _, err = data.ParseDate(f.end.Text); err != nil {
			return nil, &data.FieldError{Field: "end", Msg: err.Error()}
		}
	}
	e.Certainty = data.Certainty(f.certainty.Selected)
	e.Importance, _ = strconv.Atoi(f.importance.Selected)
	e.Tags = nil
	for _, t := range strings.Split(f.tags.Text, ",") {
		if t = strings.TrimSpace(t); t != "" && !containsFold(e.Tags, t) {
			e.Tags = append(e.Tags, t)
		}
	}
	p := &eventPlan{event: &e}
	e.Actors = nil
	rows := slices.Clone(f.rows)
	if lead := f.leadRow(); lead != nil {
		rows = slices.DeleteFunc(rows, func(r *actorRow) bool { return r == lead })
		rows = append([]*actorRow{lead}, rows...)
	}
	for _, r := range rows {
		if r.newActor != nil {
			a := *r.newActor
			p.actors = append(p.actors, newActor{actor: &a, at: len(e.Actors)})
		}
		e.Actors = append(e.Actors, data.Participant{ActorID: r.id, Role: strings.TrimSpace(r.role.Text)})
		p.names = append(p.names, r.name)
	}
	if err := e.Validate(); err != nil {
		return p, err
	}
	nc, err := f.source.citation()
	if nc != nil {
		p.cites = append(p.cites, *nc)
	}
	return p, err
}

// updateLead offers the event's actors as the lead, in the event's order,
// keeping the lead chosen while it stays and otherwise taking the first.
func (f *eventForm) updateLead() {
	lead := f.leadRow()
	f.leadRows = f.leadRows[:0]
	var options []string
	named := map[string]int{} // options so far by name: a second "FBI" is "FBI (2)"
	at := 0
	for _, r := range f.rows {
		if r == lead {
			at = len(f.leadRows)
		}
		f.leadRows = append(f.leadRows, r)
		name := r.name
		if named[name]++; named[name] > 1 {
			name += " (" + strconv.Itoa(named[name]) + ")"
		}
		options = append(options, name)
	}
	f.lead.SetOptions(options)
	if len(options) == 0 {
		f.lead.ClearSelected()
		f.lead.Disable()
		return
	}
	f.lead.Enable()
	f.lead.SetSelectedIndex(at)
}

// leadRow returns the actor chosen as the lead; nil when none is.
func (f *eventForm) leadRow() *actorRow {
	if i := f.lead.SelectedIndex(); i >= 0 && i < len(f.leadRows) {
		return f.leadRows[i]
	}
	return nil
}

// roleOf is the role entry of the event's actor id (nil if not on it).
func (f *eventForm) roleOf(id int64) *keyEntry {
	for _, r := range f.rows {
		if r.id == id {
			return r.role
		}
	}
	return nil
}

// addActorID adds an actor of the chronology to the event.
func (f *eventForm) addActorID(id int64) { f.pickActor(f.actorNames[id]) }

// removeActorID takes an actor off the event.
func (f *eventForm) removeActorID(id int64) {
	for _, r := range f.rows {
		if r.id == id {
			f.removeRow(r)
			return
		}
	}
}

// showError puts err beside its field (or under the form) and clears the
// others; it returns the field to put the cursor in, if any.
func (f *eventForm) showError(err error) fyne.Focusable {
	return f.focus[showFieldError(f.errs, f.general, err)]
}

// showFieldError shows a *data.FieldError in the label of its field, any
// other error in general, and hides the rest; it returns the field shown.
func showFieldError(errs map[string]*widget.Label, general *widget.Label, err error) string {
	for _, l := range errs {
		l.Hide()
	}
	general.Hide()
	if err == nil {
		return ""
	}
	var fe *data.FieldError
	if errors.As(err, &fe) {
		if l, ok := errs[fe.Field]; ok {
			l.SetText(fe.Msg)
			l.Show()
			return fe.Field
		}
	}
	general.SetText(err.Error())
	general.Show()
	return ""
}
