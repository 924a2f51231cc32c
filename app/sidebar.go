package app

import (
	"fmt"
	"image/color"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chronoscope/data"
)

// actorFilters is the sidebar: one row per actor (colour swatch, a check
// box with its name, its number of events) and "All" / "None" buttons.
// Unticking an actor hides its events; an event stays while any of its
// actors is ticked.
type actorFilters struct {
	onChange    func()
	rows        *fyne.Container
	checks      map[int64]*widget.Check
	order       []int64
	certainty   map[data.Certainty]*widget.Check
	counts      map[int64]int
	countLabels map[int64]*widget.Label
	status      *widget.Label // "N of M events"
	root        fyne.CanvasObject

	tagChecks map[string]*widget.Check // ticked tags keep only events with one of them
	tagBox    *fyne.Container
	noTags    *widget.Label // shown for a file without tags
	more      *widget.Accordion
	from, to  *widget.Entry // the date range
	rangeErr  *widget.Label
	onRange   func() // called when the date range changes
}

func newActorFilters(onChange func()) *actorFilters {
	f := &actorFilters{onChange: onChange, rows: container.NewVBox(), checks: map[int64]*widget.Check{}}
	f.status = widget.NewLabel("")
	// A long status ("story.json imported as story.chrono · 10 of 10
	// events") wraps rather than widening the side bar.
	f.status.Wrapping = fyne.TextWrapWord
	all := widget.NewButton("All", func() { f.setAll(true) })
	none := widget.NewButton("None", func() { f.setAll(false) })
	heading := widget.NewLabelWithStyle("Actors", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	top := container.NewBorder(nil, nil, heading, container.NewHBox(all, none))
	// Certainty: an allegation is not a fact; show only what you want to.
	f.certainty = map[data.Certainty]*widget.Check{}
	certs := container.NewGridWithColumns(2)
	for _, c := range data.Certainties {
		check := widget.NewCheck(string(c), nil)
		check.SetChecked(true)
		check.OnChanged = func(bool) { f.onChange() }
		f.certainty[c] = check
		certs.Add(check)
	}
	f.tagChecks = map[string]*widget.Check{}
	f.tagBox = container.NewGridWithColumns(2)
	tagHint := widget.NewLabel("Tick tags to keep only their events.")
	tagHint.Importance = widget.LowImportance
	f.noTags = widget.NewLabel("This chronology has no tags.")
	f.noTags.Importance = widget.LowImportance

	f.from, f.to = widget.NewEntry(), widget.NewEntry()
	f.from.SetPlaceHolder("from, e.g. Dec 2014")
	f.to.SetPlaceHolder("to, e.g. 2014-12-31")
	f.rangeErr = widget.NewLabel("")
	f.rangeErr.Importance = widget.DangerImportance
	f.rangeErr.Wrapping = fyne.TextWrapWord
	f.rangeErr.Hide()
	for _, e := range []*widget.Entry{f.from, f.to} {
		e.OnSubmitted = func(string) { f.rangeChanged() }
		e.OnChanged = func(text string) {
			if strings.TrimSpace(text) == "" {
				f.rangeChanged() // cleared: show everything again at once
			}
		}
	}
	clearRange := widget.NewButtonWithIcon("Clear", theme.ContentClearIcon(), func() {
		f.from.SetText("")
		f.to.SetText("")
	})
	apply := widget.NewButton("Apply", f.rangeChanged)
	dates := container.NewVBox(container.NewGridWithColumns(2, f.from, f.to),
		container.NewHBox(layout.NewSpacer(), clearRange, apply), f.rangeErr)

	// Certainty is open at first; tags and dates fold away until needed.
	f.more = widget.NewAccordion(
		widget.NewAccordionItem("Certainty", certs),
		widget.NewAccordionItem("Tags", container.NewVBox(tagHint, f.noTags, f.tagBox)),
		widget.NewAccordionItem("Dates", dates))
	f.more.MultiOpen = true
	f.more.Open(0)
	bottom := container.NewVBox(widget.NewSeparator(), f.more)
	f.root = container.NewBorder(top, bottom, nil, nil, container.NewVScroll(f.rows))
	return f
}

// certainties returns the ticked certainties, or nil when all are.
func (f *actorFilters) certainties() []data.Certainty {
	var out []data.Certainty
	for _, c := range data.Certainties {
		if f.certainty[c].Checked {
			out = append(out, c)
		}
	}
	if len(out) == len(data.Certainties) {
		return nil
	}
	if out == nil {
		out = []data.Certainty{} // none ticked: nothing passes
	}
	return out
}

// setTags lists the file's tags; those ticked before stay ticked.
func (f *actorFilters) setTags(tags []string) {
	ticked := f.tagChecks
	f.tagBox.RemoveAll()
	f.tagChecks = map[string]*widget.Check{}
	for _, t := range tags {
		check := widget.NewCheck(t, nil)
		check.SetChecked(ticked[t] != nil && ticked[t].Checked)
		check.OnChanged = func(bool) { f.onChange() }
		f.tagChecks[t] = check
		f.tagBox.Add(check)
	}
	if len(tags) == 0 {
		f.noTags.Show()
	} else {
		f.noTags.Hide()
	}
}

// tags returns the ticked tags in name order; none ticked means no filter.
func (f *actorFilters) tags() []string {
	var out []string
	for t, c := range f.tagChecks {
		if c.Checked {
			out = append(out, t)
		}
	}
	slices.Sort(out)
	return out
}

// dateRange reads the date range: from the first second of From to the
// last of To, at the precision typed ("2014" is the whole year). Either
// may be empty (open-ended); both empty means no range.
func (f *actorFilters) dateRange() (from, to int64, err error) {
	fromText, toText := strings.TrimSpace(f.from.Text), strings.TrimSpace(f.to.Text)
	if fromText == "" && toText == "" {
		return 0, 0, nil
	}
	from = data.YearDate(data.MinYear).Instant(nil)
	to = data.YearDate(data.MaxYear).Instant(nil)
	if fromText != "" {
		d, zone, err := data.ParseDate(fromText)
		if err != nil {
			return 0, 0, fmt.Errorf("from: %w", err)
		}
		from = d.Instant(data.LoadZone(zone))
	}
	if toText != "" {
		d, zone, err := data.ParseDate(toText)
		if err != nil {
			return 0, 0, fmt.Errorf("to: %w", err)
		}
		to = d.Stop(data.LoadZone(zone))
	}
	if to <= from {
		return 0, 0, fmt.Errorf("the range ends before it starts")
	}
	return from, to, nil
}

// rangeChanged checks the typed range and, if it reads, applies it.
func (f *actorFilters) rangeChanged() {
	if _, _, err := f.dateRange(); err != nil {
		f.rangeErr.SetText(err.Error())
		f.rangeErr.Show()
		return
	}
	f.rangeErr.Hide()
	if f.onRange != nil {
		f.onRange()
	}
	f.onChange()
}

// Object returns the sidebar's canvas object.
func (f *actorFilters) Object() fyne.CanvasObject { return f.root }

func (f *actorFilters) setActors(actors []data.Actor, counts map[int64]int) {
	f.rows.RemoveAll()
	f.checks = map[int64]*widget.Check{}
	f.countLabels = map[int64]*widget.Label{}
	f.order = f.order[:0]
	for _, a := range actors {
		check := widget.NewCheck(a.Name, nil)
		check.SetChecked(true)
		check.OnChanged = func(bool) { f.onChange() }
		f.checks[a.ID] = check
		f.order = append(f.order, a.ID)
		swatch := canvas.NewRectangle(parseColor(a.Color))
		swatch.CornerRadius = 3
		swatch.SetMinSize(fyne.NewSquareSize(theme.IconInlineSize() * 0.8))
		count := widget.NewLabel(groupDigits(counts[a.ID]))
		f.countLabels[a.ID] = count
		id := a.ID
		solo := widget.NewButton("Only", func() { f.solo(id) })
		solo.Importance = widget.LowImportance
		f.rows.Add(container.NewBorder(nil, nil, container.NewCenter(swatch), container.NewHBox(count, solo), check))
	}
	for _, c := range f.certainty {
		onChanged := c.OnChanged
		c.OnChanged = nil
		c.SetChecked(true)
		c.OnChanged = onChanged
	}
	f.rows.Refresh()
}

// setCounts updates the event count shown beside each actor.
func (f *actorFilters) setCounts(counts map[int64]int) {
	f.counts = counts
	for id, l := range f.countLabels {
		l.SetText(groupDigits(counts[id]))
	}
}

// solo ticks one actor and unticks the others ("Only this").
func (f *actorFilters) solo(id int64) {
	for _, other := range f.order {
		c := f.checks[other]
		onChanged := c.OnChanged
		c.OnChanged = nil
		c.SetChecked(other == id)
		c.OnChanged = onChanged
	}
	f.onChange()
}

// setAll ticks or unticks every actor, then updates the list once.
func (f *actorFilters) setAll(on bool) {
	for _, id := range f.order {
		c := f.checks[id]
		onChanged := c.OnChanged
		c.OnChanged = nil
		c.SetChecked(on)
		c.OnChanged = onChanged
	}
	f.onChange()
}

// only ticks the actors with these names (any case) and unticks the
// others; with no names it changes nothing. It fails, changing nothing,
// when a name matches no actor.
func (f *actorFilters) only(names []string) error {
	if len(names) == 0 {
		return nil
	}
	keep := map[int64]bool{}
	for _, name := range names {
		found := false
		for _, id := range f.order {
			if strings.EqualFold(f.checks[id].Text, name) {
				keep[id], found = true, true
			}
		}
		if !found {
			return fmt.Errorf("no actor named %q", name)
		}
	}
	for _, id := range f.order {
		c := f.checks[id]
		onChanged := c.OnChanged
		c.OnChanged = nil
		c.SetChecked(keep[id])
		c.OnChanged = onChanged
	}
	f.onChange()
	return nil
}

// visible returns the ticked actors' ids, or nil when every actor is
// ticked (no filter: events without actors show too).
func (f *actorFilters) visible() []int64 {
	ids := []int64{}
	for _, id := range f.order {
		if f.checks[id].Checked {
			ids = append(ids, id)
		}
	}
	if len(ids) == len(f.order) {
		return nil
	}
	return ids
}

// hidden returns the unticked actors' ids.
func (f *actorFilters) hidden() []int64 {
	var ids []int64
	for _, id := range f.order {
		if !f.checks[id].Checked {
			ids = append(ids, id)
		}
	}
	return ids
}

// hide unticks the actors with these ids that are still listed, without
// calling onChange (the caller updates the views).
func (f *actorFilters) hide(ids []int64) {
	for _, id := range ids {
		if c, ok := f.checks[id]; ok {
			onChanged := c.OnChanged
			c.OnChanged = nil
			c.SetChecked(false)
			c.OnChanged = onChanged
		}
	}
}

// withAlpha returns c with alpha a (colours from parseColor are opaque NRGBA).
func withAlpha(c color.Color, a uint8) color.Color {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = a
	return n
}

// parseColor reads "#rrggbb"; anything else gives mid grey.
func parseColor(s string) color.Color {
	if !data.ValidColor(s) {
		return color.NRGBA{R: 0x80, G: 0x80, B: 0x80, A: 0xff}
	}
	v, _ := strconv.ParseUint(s[1:], 16, 32)
	return color.NRGBA{R: uint8(v >> 16), G: uint8(v >> 8), B: uint8(v), A: 0xff}
}
