package app

import (
	"fmt"
	"image/color"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
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
}

func newActorFilters(onChange func()) *actorFilters {
	f := &actorFilters{onChange: onChange, rows: container.NewVBox(), checks: map[int64]*widget.Check{}}
	f.status = widget.NewLabel("")
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
	bottom := container.NewVBox(widget.NewSeparator(),
		widget.NewLabelWithStyle("Certainty", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), certs)
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
		count := widget.NewLabel(strconv.Itoa(counts[a.ID]))
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
		l.SetText(strconv.Itoa(counts[id]))
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
