package app

import (
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"chronoscope/data"
)

// eventForm edits every field of an event. Dates are typed as people write
// them ("2014", "Dec 2014", "2014-12-22", "2014-12-22 16:15 UTC", "500 BCE")
// and keep the precision typed; errors show beside the field they concern.
type eventForm struct {
	title, start, end, zone, display, tags *widget.Entry
	desc, notes                            *widget.Entry
	certainty, importance                  *widget.Select
	actorChecks                            map[int64]*widget.Check
	roles                                  map[int64]*widget.Entry
	actorNames                             map[int64]string
	errs                                   map[string]*widget.Label
	general                                *widget.Label
	root                                   fyne.CanvasObject
	// order is the actors as the event will list them: its own in their
	// order, then the others in lane order.
	order []int64
	// lead picks the lead actor, whose lane shows the event's title,
	// among the ticked ones; leadIDs are its options' actors.
	lead    *widget.Select
	leadIDs []int64
}

func newEventForm(actors []data.Actor, e *data.Event) *eventForm {
	f := &eventForm{actorChecks: map[int64]*widget.Check{}, roles: map[int64]*widget.Entry{}, actorNames: map[int64]string{},
		errs: map[string]*widget.Label{}}
	entry := func(text, placeholder string) *widget.Entry {
		w := widget.NewEntry()
		w.SetText(text)
		w.SetPlaceHolder(placeholder)
		return w
	}
	f.title = entry(e.Title, "What happened, in a few words")
	f.start = entry(dateText(e.Start, e.Zone), "2014, Dec 2014, 2014-12-22 or 2014-12-22 16:15 UTC")
	f.end = entry(dateText(e.End, ""), "empty for a single moment")
	f.zone = entry(e.Zone, "UTC, Asia/Pyongyang… (empty: UTC)")
	f.display = entry(e.DisplayDate, "how to show the date, if not as typed")
	f.tags = entry(strings.Join(e.Tags, ", "), "comma-separated")
	f.desc = widget.NewMultiLineEntry()
	f.desc.SetText(e.Description)
	f.desc.SetPlaceHolder("Markdown")
	f.desc.Wrapping = fyne.TextWrapWord
	f.desc.SetMinRowsVisible(4)
	f.notes = widget.NewMultiLineEntry()
	f.notes.SetText(e.Notes)
	f.notes.SetPlaceHolder("for the presenter; not shown to the class")
	f.notes.Wrapping = fyne.TextWrapWord
	var certs []string
	for _, c := range data.Certainties {
		certs = append(certs, string(c))
	}
	f.certainty = widget.NewSelect(certs, nil)
	f.certainty.SetSelected(string(e.Certainty))
	f.importance = widget.NewSelect([]string{"1", "2", "3", "4", "5"}, nil)
	f.importance.SetSelected(strconv.Itoa(e.Importance))

	roles := map[int64]string{}
	for _, p := range e.Actors {
		roles[p.ActorID] = p.Role
	}
	var others []int64
	actorBox := container.NewVBox()
	for _, a := range actors {
		role, linked := roles[a.ID]
		check := widget.NewCheck(a.Name, nil)
		check.SetChecked(linked)
		check.OnChanged = func(bool) { f.updateLead() }
		r := entry(role, "role: accuser, target, speaker…")
		f.actorChecks[a.ID], f.roles[a.ID] = check, r
		f.actorNames[a.ID] = a.Name
		if !linked {
			others = append(others, a.ID)
		}
		actorBox.Add(container.NewGridWithColumns(2, check, r))
	}
	for _, p := range e.Actors {
		if f.actorChecks[p.ActorID] != nil {
			f.order = append(f.order, p.ActorID)
		}
	}
	f.order = append(f.order, others...)
	f.lead = widget.NewSelect(nil, nil)
	f.lead.PlaceHolder = "(tick an actor first)"
	f.updateLead()
	form := widget.NewForm()
	add := func(label, field string, w fyne.CanvasObject) {
		errLabel := widget.NewLabel("")
		errLabel.Importance = widget.DangerImportance
		errLabel.Wrapping = fyne.TextWrapWord
		errLabel.Hide()
		f.errs[field] = errLabel
		form.Append(label, container.NewVBox(w, errLabel))
	}
	add("Title", "title", f.title)
	add("Start", "start", f.start)
	add("End", "end", f.end)
	add("Time zone", "zone", f.zone)
	add("Shown as", "display_date", f.display)
	add("Certainty", "certainty", f.certainty)
	add("Importance", "importance", f.importance)
	add("Tags", "tags", f.tags)
	add("Lead actor", "lead", f.lead) // above the actors, where a long list does not hide it
	add("Actors", "actors", actorBox)
	add("Description", "description", f.desc)
	add("Notes", "notes", f.notes)
	f.general = widget.NewLabel("")
	f.general.Importance = widget.DangerImportance
	f.general.Wrapping = fyne.TextWrapWord
	f.general.Hide()
	f.root = container.NewBorder(nil, f.general, nil, nil, container.NewVScroll(form))
	return f
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

// event builds the edited event on base (its id, story position and
// external id are kept); a *data.FieldError names a field in error.
func (f *eventForm) event(base *data.Event) (*data.Event, error) {
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
		if t = strings.TrimSpace(t); t != "" {
			e.Tags = append(e.Tags, t)
		}
	}
	e.Actors = nil
	lead := f.leadID()
	for _, id := range f.order {
		if f.actorChecks[id].Checked {
			p := data.Participant{ActorID: id, Role: strings.TrimSpace(f.roles[id].Text)}
			if id == lead {
				e.Actors = append([]data.Participant{p}, e.Actors...)
			} else {
				e.Actors = append(e.Actors, p)
			}
		}
	}
	return &e, e.Validate()
}

// updateLead offers the ticked actors as the lead, in the event's order,
// keeping the lead chosen while it stays ticked and otherwise taking the
// first.
func (f *eventForm) updateLead() {
	lead := f.leadID()
	f.leadIDs = f.leadIDs[:0]
	var options []string
	named := map[string]int{} // options so far by name: a second "FBI" is "FBI (2)"
	at := 0
	for _, id := range f.order {
		if f.actorChecks[id].Checked {
			if id == lead {
				at = len(f.leadIDs)
			}
			f.leadIDs = append(f.leadIDs, id)
			name := f.actorNames[id]
			if named[name]++; named[name] > 1 {
				name += " (" + strconv.Itoa(named[name]) + ")"
			}
			options = append(options, name)
		}
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

// leadID returns the actor chosen as the lead; 0 when none is.
func (f *eventForm) leadID() int64 {
	if i := f.lead.SelectedIndex(); i >= 0 && i < len(f.leadIDs) {
		return f.leadIDs[i]
	}
	return 0
}

// showError puts err beside its field (or under the form) and clears the
// others.
func (f *eventForm) showError(err error) { showFieldError(f.errs, f.general, err) }

// showFieldError shows a *data.FieldError in the label of its field, any
// other error in general, and hides the rest.
func showFieldError(errs map[string]*widget.Label, general *widget.Label, err error) {
	for _, l := range errs {
		l.Hide()
	}
	general.Hide()
	if err == nil {
		return
	}
	var fe *data.FieldError
	if errors.As(err, &fe) {
		if l, ok := errs[fe.Field]; ok {
			l.SetText(fe.Msg)
			l.Show()
			return
		}
	}
	general.SetText(err.Error())
	general.Show()
}
