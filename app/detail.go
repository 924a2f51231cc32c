package app

import (
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chronoscope/data"
	"chronoscope/data/timelinejs"
)

// eventDetail is everything the detail panel shows of one event.
type eventDetail struct {
	Event     *data.Event
	Citations []citedSource
	Links     []eventLink  // its story links, with the events at their other ends
	Images    []data.Image // its pictures, with thumbnails but not their bytes
	// AddedBy and ChangedBy name who added the event and who last changed
	// it, in a shared chronology's copy; both "" elsewhere.
	AddedBy, ChangedBy string
}

// citedSource is a citation with its source.
type citedSource struct {
	Citation data.Citation
	Source   data.Source
}

// loadDetail reads an event with its citations and their sources in one
// read transaction.
func loadDetail(s *data.Store, id int64) (*eventDetail, error) {
	d := &eventDetail{}
	err := s.View(func(tx *data.Tx) error {
		var err error
		if d.Event, err = tx.Event(id); err != nil {
			return err
		}
		cits, err := tx.Citations(id)
		if err != nil {
			return err
		}
		for _, c := range cits {
			src, err := tx.Source(c.SourceID)
			if err != nil {
				return err
			}
			d.Citations = append(d.Citations, citedSource{c, src})
		}
		if d.Links, err = readEventLinks(tx, id); err != nil {
			return err
		}
		if d.Images, err = tx.EventImages(id); err != nil {
			return err
		}
		if se, err := tx.SyncEntry(data.KindEvent, id); err == nil {
			d.AddedBy, d.ChangedBy = se.AddedBy, se.ChangedBy
		} else if !errors.Is(err, data.ErrNotFound) {
			return err
		}
		return nil
	})
	return d, err
}

// detailPanel shows the selected event: title, date at its precision (and
// the dates its sources give where they differ), certainty, actors with
// their roles, the description from Markdown, and the cited sources with
// their quotes and links.
type detailPanel struct {
	openURL func(string)
	solo    func(actor int64) // shows only that actor's events
	copy    func(text string) // puts text on the clipboard
	edit    func(event int64)
	del     func(event int64)
	cite    func(event int64)
	uncite  func(c data.Citation, title string)
	// editSource opens the form on a cited source; nil hides its button.
	editSource func(source int64)
	links      linkActions    // what the story links' buttons do
	pictures   pictureActions // what the pictures' buttons do
	box        *fyne.Container
	root       fyne.CanvasObject
}

func newDetailPanel(openURL func(string), solo func(int64), copy func(string), edit, del, cite func(int64), uncite func(data.Citation, string)) *detailPanel {
	p := &detailPanel{openURL: openURL, solo: solo, copy: copy, edit: edit, del: del, cite: cite, uncite: uncite, box: container.NewVBox()}
	p.root = container.NewVScroll(container.NewPadded(p.box))
	p.show(nil, nil)
	return p
}

// Object returns the panel's canvas object.
func (p *detailPanel) Object() fyne.CanvasObject { return p.root }

func (p *detailPanel) show(d *eventDetail, actors map[int64]data.Actor) {
	p.box.RemoveAll()
	if d == nil {
		hint := widget.NewLabel("Select an event to see its sources.")
		hint.Importance = widget.LowImportance
		hint.Wrapping = fyne.TextWrapWord
		p.box.Add(hint)
		p.box.Refresh()
		return
	}
	e := d.Event
	id := e.ID
	editB := widget.NewButtonWithIcon("Edit", theme.DocumentCreateIcon(), func() { p.edit(id) })
	delB := widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), func() { p.del(id) })
	editB.Importance, delB.Importance = widget.LowImportance, widget.LowImportance
	p.box.Add(container.NewHBox(editB, delB))
	title := widget.NewLabelWithStyle(e.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	title.SizeName = theme.SizeNameSubHeadingText
	p.box.Add(title)
	if timelinejs.HasDerivedTitle(e) {
		title.TextStyle.Italic = true
		caption := widget.NewLabel(derivedTitleCaption)
		caption.Importance = widget.LowImportance
		caption.SizeName = theme.SizeNameCaptionText
		caption.Wrapping = fyne.TextWrapWord
		p.box.Add(caption)
	}
	when := data.FormatSpan(e.Start, e.End, e.Location())
	if e.DisplayDate != "" {
		when += "\n" + e.DisplayDate
	}
	whenLabel := widget.NewLabel(when)
	whenLabel.Wrapping = fyne.TextWrapWord
	badge := newCertaintyBadge()
	badge.set(e.Certainty)
	p.box.Add(container.NewBorder(nil, nil, nil, container.NewCenter(badge), whenLabel))
	if who := authorsLine(d.AddedBy, d.ChangedBy); who != "" {
		l := widget.NewLabel(who)
		l.SizeName = theme.SizeNameCaptionText
		l.Wrapping = fyne.TextWrapWord
		p.box.Add(l)
	}
	if conflict := dateConflicts(d); conflict != "" {
		warn := widget.NewLabel(conflict)
		warn.Importance = widget.WarningImportance
		warn.Wrapping = fyne.TextWrapWord
		p.box.Add(warn)
	}
	// Each actor with its role; a click shows only that actor's events.
	roles := container.NewVBox()
	for _, pa := range e.Actors {
		r := actors[pa.ActorID].Name
		if pa.Role != "" {
			r += " (" + pa.Role + ")"
		}
		id := pa.ActorID
		b := widget.NewButton(r, func() { p.solo(id) })
		b.Importance = widget.LowImportance
		b.Alignment = widget.ButtonAlignLeading
		roles.Add(b)
	}
	if len(e.Actors) > 0 {
		p.box.Add(roles)
	}
	if e.Description != "" {
		p.box.Add(richDescription(e.Description, p.openURL))
	}
	p.box.Add(p.picturesSection(id, d.Images))
	p.box.Add(widget.NewSeparator())
	heading := widget.NewLabelWithStyle(fmt.Sprintf("Sources (%d)", len(d.Citations)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	addB := widget.NewButtonWithIcon("Add source", theme.ContentAddIcon(), func() { p.cite(id) })
	addB.Importance = widget.LowImportance
	p.box.Add(container.NewBorder(nil, nil, nil, addB, heading))
	for _, c := range d.Citations {
		p.box.Add(p.sourceBlock(c, true))
	}
	p.box.Add(p.linksSection(id, d.Links))
	p.box.Refresh()
}

// sourceBlock shows one cited source: a link, under what it shows when
// that is media (timelinejs.MediaKind: "Video (YouTube)"), or, for a link
// that may not be opened, the address as text with a warning; publisher and date,
// the quote and the note.
func (p *detailPanel) sourceBlock(c citedSource, removable bool) fyne.CanvasObject {
	s := c.Source
	box := container.NewVBox()
	if s.URL != "" && data.CheckURL(s.URL) == nil {
		if kind := timelinejs.MediaKind(s.URL); kind != "" {
			// A link card says what opening it shows ("Video (YouTube)").
			k := widget.NewLabelWithStyle(kind, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			k.SizeName = theme.SizeNameCaptionText
			box.Add(k)
		}
		link := widget.NewHyperlink(s.Title, nil)
		link.Wrapping = fyne.TextWrapWord
		url := s.URL
		link.OnTapped = func() { p.openURL(url) }
		box.Add(link)
	} else {
		t := widget.NewLabel(s.Title)
		t.Wrapping = fyne.TextWrapWord
		box.Add(t)
		if s.URL != "" {
			warn := widget.NewLabel("Link not opened (unsafe address): " + s.URL)
			warn.Importance = widget.DangerImportance
			warn.Wrapping = fyne.TextWrapBreak
			box.Add(warn)
		}
	}
	var meta []string
	for _, v := range []string{s.Author, s.Publisher} {
		if v != "" {
			meta = append(meta, v)
		}
	}
	if !s.Published.IsZero() {
		meta = append(meta, s.Published.String())
	}
	if len(meta) > 0 {
		m := widget.NewLabelWithStyle(strings.Join(meta, " · "), fyne.TextAlignLeading, fyne.TextStyle{})
		m.SizeName = theme.SizeNameCaptionText
		m.Wrapping = fyne.TextWrapWord
		box.Add(m)
	}
	if c.Citation.Quote != "" {
		q := widget.NewLabelWithStyle("“"+c.Citation.Quote+"”", fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
		q.Wrapping = fyne.TextWrapWord
		box.Add(q)
	}
	if c.Citation.Note != "" {
		n := widget.NewLabel(c.Citation.Note)
		n.Wrapping = fyne.TextWrapWord
		box.Add(n)
	}
	line := citationLine(c)
	if s.URL != "" {
		line += ", " + s.URL
	}
	cp := widget.NewButtonWithIcon("Copy citation", theme.ContentCopyIcon(), func() { p.copy(line) })
	cp.Importance = widget.LowImportance
	// The actions wrap onto a second line in a narrow panel.
	actions := container.New(layout.NewRowWrapLayout(), cp)
	if removable {
		cit := c.Citation
		rm := widget.NewButtonWithIcon("Remove", theme.ContentRemoveIcon(), func() { p.uncite(cit, s.Title) })
		rm.Importance = widget.LowImportance
		actions.Add(rm)
	}
	if p.editSource != nil {
		edit := widget.NewButtonWithIcon("Edit source", theme.DocumentCreateIcon(), func() { p.editSource(s.ID) })
		edit.Importance = widget.LowImportance
		actions.Add(edit)
	}
	box.Add(actions)
	return box
}

// dateConflicts says which sources date the event differently from one
// another, or "" when they agree.
func dateConflicts(d *eventDetail) string {
	var dated []string
	seen := map[string]bool{}
	for _, c := range d.Citations {
		if c.Citation.Date.IsZero() {
			continue
		}
		day := c.Citation.Date.String()
		dated = append(dated, fmt.Sprintf("%s: %s", shortLabel(c.Source.Publisher), day))
		seen[day] = true
	}
	if len(seen) < 2 {
		return ""
	}
	return "Sources disagree on the date — " + strings.Join(dated, "; ")
}

// authorsLine says who added an event of a shared chronology and who last
// changed it.
func authorsLine(added, changed string) string {
	switch {
	case added == "" && changed == "":
		return ""
	case added == "":
		return "Last changed by " + changed
	case changed == "" || changed == added:
		return "Added by " + added
	}
	return "Added by " + added + " · last changed by " + changed
}
