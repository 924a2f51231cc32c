package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chronoscope/data"
)

// How the detail panel shows story links: a Links section under an
// event ("Responds to: The FBI blames North Korea…", each a button that
// goes to that event), and a link of its own when its arc is clicked.

// eventLink is one of an event's story links, seen from that event.
type eventLink struct {
	Link  data.StoryLink
	Other *data.Event // the event at the link's other end
	// Outgoing is true when the event is the link's From end: the link
	// reads "event <kind> Other"; otherwise "Other <kind> event".
	Outgoing bool
}

// label is the link as read from the event: "Responds to" or
// "Contradicted by".
func (l eventLink) label() string {
	if l.Outgoing {
		return l.Link.Kind.Label()
	}
	return l.Link.Kind.InverseLabel()
}

// readEventLinks reads the story links of event id with the events at
// their other ends.
func readEventLinks(tx *data.Tx, id int64) ([]eventLink, error) {
	links, err := tx.EventStoryLinks(id)
	if err != nil {
		return nil, err
	}
	out := make([]eventLink, 0, len(links))
	for _, l := range links {
		el := eventLink{Link: l, Outgoing: l.From == id}
		other := l.To
		if !el.Outgoing {
			other = l.From
		}
		if el.Other, err = tx.Event(other); err != nil {
			return nil, err
		}
		out = append(out, el)
	}
	return out, nil
}

// linkActions are what the panel's link buttons do; nil hides a button.
type linkActions struct {
	goTo   func(event int64)      // selects and shows an event
	add    func(event int64)      // opens the form for a new link from event
	edit   func(link int64)       // opens the form on a link
	remove func(l data.StoryLink) // removes a link (undoable)
	show   func(link int64)       // shows a link in the panel
}

// linksSection lists an event's story links under a heading with Add
// link.
func (p *detailPanel) linksSection(id int64, links []eventLink) fyne.CanvasObject {
	box := container.NewVBox(widget.NewSeparator())
	heading := widget.NewLabelWithStyle(fmt.Sprintf("Links (%d)", len(links)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	if p.links.add != nil {
		addB := widget.NewButtonWithIcon("Add link", theme.ContentAddIcon(), func() { p.links.add(id) })
		addB.Importance = widget.LowImportance
		box.Add(container.NewBorder(nil, nil, nil, addB, heading))
	} else {
		box.Add(heading)
	}
	if len(links) == 0 {
		hint := widget.NewLabel("How this event answers others: a response, a denial, a cause.")
		hint.Importance = widget.LowImportance
		hint.Wrapping = fyne.TextWrapWord
		box.Add(hint)
	}
	for _, l := range links {
		box.Add(p.linkRow(l))
	}
	return box
}

// linkRow is one link of the event: what it is to the other event (a
// button that goes there), its certainty and note, and its actions.
func (p *detailPanel) linkRow(l eventLink) fyne.CanvasObject {
	other := l.Other.ID
	goTo := widget.NewHyperlink(l.label()+": "+l.Other.Title, nil)
	goTo.Wrapping = fyne.TextWrapWord
	goTo.OnTapped = func() {
		if p.links.goTo != nil {
			p.links.goTo(other)
		}
	}
	row := container.NewVBox(goTo)
	meta := string(l.Link.Certainty)
	if n := len(l.Link.Citations); n > 0 {
		meta += fmt.Sprintf(" · %d source%s", n, plural(n))
	}
	m := widget.NewLabel(meta)
	m.SizeName = theme.SizeNameCaptionText
	m.Importance = widget.LowImportance
	// The actions are icons on the certainty's line, so that a few links
	// do not fill the panel.
	actions := container.NewHBox()
	link := l.Link
	icon := func(res fyne.Resource, tapped func()) {
		b := widget.NewButtonWithIcon("", res, tapped)
		b.Importance = widget.LowImportance
		actions.Add(b)
	}
	if p.links.show != nil {
		icon(theme.InfoIcon(), func() { p.links.show(link.ID) })
	}
	if p.links.edit != nil {
		icon(theme.DocumentCreateIcon(), func() { p.links.edit(link.ID) })
	}
	if p.links.remove != nil {
		icon(theme.ContentRemoveIcon(), func() { p.links.remove(link) })
	}
	row.Add(container.NewBorder(nil, nil, nil, actions, m))
	if l.Link.Note != "" {
		n := widget.NewLabel(l.Link.Note)
		n.Wrapping = fyne.TextWrapWord
		row.Add(n)
	}
	return row
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// linkDetail is everything the panel shows of one story link.
type linkDetail struct {
	Link      data.StoryLink
	From, To  *data.Event
	Citations []linkCitedSource
}

// linkCitedSource is a link's citation with its source.
type linkCitedSource struct {
	Citation data.LinkCitation
	Source   data.Source
}

// loadLinkDetail reads a link with its two events and cited sources.
func loadLinkDetail(s *data.Store, id int64) (*linkDetail, error) {
	d := &linkDetail{}
	err := s.View(func(tx *data.Tx) error {
		var err error
		if d.Link, err = tx.Link(id); err != nil {
			return err
		}
		if d.From, err = tx.Event(d.Link.From); err != nil {
			return err
		}
		if d.To, err = tx.Event(d.Link.To); err != nil {
			return err
		}
		for _, c := range d.Link.Citations {
			src, err := tx.Source(c.SourceID)
			if err != nil {
				return err
			}
			d.Citations = append(d.Citations, linkCitedSource{c, src})
		}
		return nil
	})
	return d, err
}

// showLink shows one story link: the two events it joins (each a button
// that goes there), its kind, certainty, note and sources.
func (p *detailPanel) showLink(d *linkDetail) {
	p.box.RemoveAll()
	l := d.Link
	if p.links.edit != nil {
		editB := widget.NewButtonWithIcon("Edit", theme.DocumentCreateIcon(), func() { p.links.edit(l.ID) })
		delB := widget.NewButtonWithIcon("Remove", theme.DeleteIcon(), func() { p.links.remove(l) })
		editB.Importance, delB.Importance = widget.LowImportance, widget.LowImportance
		p.box.Add(container.NewHBox(editB, delB))
	}
	heading := widget.NewLabelWithStyle("Story link", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText
	badge := newCertaintyBadge()
	badge.set(l.Certainty)
	p.box.Add(container.NewBorder(nil, nil, nil, container.NewCenter(badge), heading))
	end := func(e *data.Event) fyne.CanvasObject {
		id := e.ID
		h := widget.NewHyperlink(e.Title, nil)
		h.Wrapping = fyne.TextWrapWord
		h.OnTapped = func() {
			if p.links.goTo != nil {
				p.links.goTo(id)
			}
		}
		when := widget.NewLabel(data.FormatSpan(e.Start, e.End, e.Location()))
		when.SizeName = theme.SizeNameCaptionText
		return container.NewVBox(h, when)
	}
	kind := widget.NewLabelWithStyle(strings.ToLower(l.Kind.Label()), fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	p.box.Add(end(d.From))
	p.box.Add(kind)
	p.box.Add(end(d.To))
	if l.Note != "" {
		n := widget.NewLabel(l.Note)
		n.Wrapping = fyne.TextWrapWord
		p.box.Add(n)
	}
	p.box.Add(widget.NewSeparator())
	p.box.Add(widget.NewLabelWithStyle(fmt.Sprintf("Sources (%d)", len(d.Citations)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	if len(d.Citations) == 0 {
		hint := widget.NewLabel("No source says so yet: Edit adds who says these events are linked.")
		hint.Importance = widget.LowImportance
		hint.Wrapping = fyne.TextWrapWord
		p.box.Add(hint)
	}
	for _, c := range d.Citations {
		p.box.Add(p.sourceBlock(citedSource{Citation: data.Citation{Quote: c.Citation.Quote, Note: c.Citation.Note, SourceID: c.Source.ID}, Source: c.Source}, false))
	}
	p.box.Refresh()
	p.root.(*container.Scroll).ScrollToTop()
}
