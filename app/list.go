package app

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chronoscope/data"
)

// pageSize is how many rows the list reads from the file at a time; the
// list never holds more than maxPages pages, so a million-event file
// is never loaded whole.
const (
	pageSize = 200
	maxPages = 50
)

// maxRowLinks is how many source links a list row shows before "+N more".
const maxRowLinks = 3

// eventList is the chronological list: per event its date at its
// precision, title, certainty, actors and its sources as links. Rows are
// read from the store a page at a time, off the UI goroutine.
type eventList struct {
	async    func(work func())
	list     *widget.List
	root     fyne.CanvasObject
	openURL  func(string)
	onSelect func(int64)
	onError  func(error)

	byStory  bool      // story order instead of date order
	sort     data.Sort // the column the rows are sorted by (not in story order)
	desc     bool      // the sort is descending
	sortBy   map[data.Sort]*widget.Button
	earlier  *widget.Button // move the selected event in the story
	later    *widget.Button
	selected widget.ListItemID // -1 for none
	quiet    bool              // selecting from elsewhere: do not report it back

	store  *data.Store
	actors map[int64]data.Actor
	filter data.Filter
	gen    int // bumps on every new filter, so stale pages are dropped
	total  int
	pages  map[int][]data.EventRow
	links  map[int64][]sourceLink // per event, loaded with its page
	// derived holds the events of the loaded pages whose title was made
	// on import (drawn in italics: not the author's words).
	derived map[int64]bool
	asked   map[int]bool
}

// sourceLink is a cited source as a list row shows it.
type sourceLink struct {
	Label, URL string
}

func newEventList(async func(work func()), openURL func(string), onSelect func(int64), onError func(error)) *eventList {
	l := &eventList{async: async, openURL: openURL, onSelect: onSelect, onError: onError, selected: -1,
		pages: map[int][]data.EventRow{}, asked: map[int]bool{}, links: map[int64][]sourceLink{}, derived: map[int64]bool{}}
	l.list = widget.NewList(func() int { return l.total }, l.newRow, l.updateRow)
	l.list.OnSelected = func(i widget.ListItemID) {
		l.selected = i
		l.updateMoveButtons()
		if l.quiet {
			return
		}
		if r, ok := l.row(i); ok {
			l.onSelect(r.ID)
		}
	}
	l.list.OnUnselected = func(widget.ListItemID) {
		l.selected = -1
		l.updateMoveButtons()
	}
	order := widget.NewRadioGroup([]string{"Date order", "Story order"}, func(s string) {
		l.byStory = s == "Story order"
		l.updateMoveButtons()
		l.updateColumnHeads()
		if l.store != nil {
			l.setFilter(l.filter, nil)
		}
	})
	order.Horizontal = true
	order.Required = true
	order.SetSelected("Date order")
	l.earlier = widget.NewButtonWithIcon("Earlier in story", theme.MoveUpIcon(), func() { l.moveInStory(false) })
	l.later = widget.NewButtonWithIcon("Later in story", theme.MoveDownIcon(), func() { l.moveInStory(true) })
	l.updateMoveButtons()
	header := container.NewBorder(nil, nil, order, container.NewHBox(l.earlier, l.later))
	l.root = container.NewBorder(container.NewVBox(header, l.newColumnHeads()), nil, nil, nil, l.list)
	return l
}

// newColumnHeads returns the row of column heads above the list, each a
// button that sorts by its column (again: the other way), laid out like
// the rows below.
func (l *eventList) newColumnHeads() fyne.CanvasObject {
	l.sortBy = map[data.Sort]*widget.Button{}
	head := func(label string, by data.Sort) *widget.Button {
		b := widget.NewButton(label, func() { l.sortOn(by) })
		b.Alignment = widget.ButtonAlignLeading
		b.IconPlacement = widget.ButtonIconTrailingText
		b.Importance = widget.LowImportance
		l.sortBy[by] = b
		return b
	}
	dates := container.NewGridWrap(dateCellSize(), head("Date", data.SortDate), head("Certainty", data.SortCertainty))
	sources := container.NewGridWrap(fyne.NewSize(sourcesCellWidth(), l.sortBy[data.SortDate].MinSize().Height), head("Sources", data.SortSources))
	heads := container.NewBorder(nil, nil, dates, sources,
		container.NewGridWithColumns(2, head("Title", data.SortTitle), head("Actors", data.SortActors)))
	l.updateColumnHeads()
	return heads
}

// sortOn sorts the list by a column, reversing it when it is sorted by
// that column already.
func (l *eventList) sortOn(by data.Sort) {
	if l.sort == by {
		l.desc = !l.desc
	} else {
		l.sort, l.desc = by, false
	}
	l.updateColumnHeads()
	if l.store != nil {
		l.setFilter(l.filter, nil)
	}
}

// updateColumnHeads marks the sort column with an arrow for its direction;
// in story order the heads are disabled.
func (l *eventList) updateColumnHeads() {
	for by, b := range l.sortBy {
		b.SetIcon(nil)
		if by == l.sort {
			if l.desc {
				b.SetIcon(theme.MenuDropDownIcon())
			} else {
				b.SetIcon(theme.MenuDropUpIcon())
			}
		}
		if l.byStory {
			b.Disable()
		} else {
			b.Enable()
		}
	}
}

// sourcesCellWidth is the width of the sources column: its head with the
// sort arrow.
func sourcesCellWidth() float32 {
	return widget.NewButtonWithIcon("Sources", theme.MenuDropUpIcon(), nil).MinSize().Width
}

// dateCellSize is the size of the date column's cells, wide enough for
// "2014-12-22 16:15 UTC".
func dateCellSize() fyne.Size {
	return widget.NewLabelWithStyle("0000-00-00 00:00 UTC", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true}).MinSize()
}

// Object returns the list's canvas object.
func (l *eventList) Object() fyne.CanvasObject { return l.root }

// showEvent selects an event chosen elsewhere (on the timeline) and
// scrolls to it, without reporting the selection back; an event the
// filters hide leaves the list unselected.
func (l *eventList) showEvent(id int64) {
	if l.store == nil {
		return
	}
	s, f, gen := l.store, l.filter, l.gen
	f.ByStory, f.Sort, f.Descending = l.byStory, l.sort, l.desc
	l.async(func() {
		i, err := s.IndexOf(f, id)
		fyne.Do(func() {
			if gen != l.gen {
				return
			}
			l.quiet = true
			defer func() { l.quiet = false }()
			if err != nil {
				l.list.UnselectAll()
				return
			}
			l.list.Select(i)
		})
	})
}

// updateMoveButtons enables the story buttons when the list is in story
// order and an event is selected.
func (l *eventList) updateMoveButtons() {
	if l.earlier == nil {
		return
	}
	for _, b := range []*widget.Button{l.earlier, l.later} {
		if l.byStory && l.selected >= 0 {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}

// moveInStory moves the selected event one place in the story order and
// keeps it selected.
func (l *eventList) moveInStory(later bool) {
	r, ok := l.row(l.selected)
	if !ok || l.store == nil {
		return
	}
	s, idx := l.store, l.selected
	l.async(func() {
		moved, err := s.MoveInStory(r.ID, later)
		fyne.Do(func() {
			if err != nil {
				l.onError(err)
				return
			}
			if !moved || s != l.store {
				return
			}
			to := idx - 1
			if later {
				to = idx + 1
			}
			l.setFilter(l.filter, func(int) { l.list.Select(to) })
		})
	})
}

func (l *eventList) setStore(s *data.Store, actors map[int64]data.Actor) {
	l.store, l.actors = s, actors
	l.list.UnselectAll()
}

// setFilter re-counts the events and drops the loaded pages; done (if
// set) is called on the UI goroutine with the new count. The list's own
// order (date or story) applies.
func (l *eventList) setFilter(f data.Filter, done func(n int)) {
	if l.store == nil {
		return
	}
	f.ByStory, f.Sort, f.Descending = l.byStory, l.sort, l.desc
	l.gen++
	gen, s := l.gen, l.store
	l.filter = f
	l.async(func() {
		n, err := s.Count(f)
		fyne.Do(func() {
			if gen != l.gen {
				return
			}
			if err != nil {
				n = 0
			}
			l.total = n
			l.pages, l.asked, l.links = map[int][]data.EventRow{}, map[int]bool{}, map[int64][]sourceLink{}
			l.derived = map[int64]bool{}
			l.list.UnselectAll()
			l.list.Refresh()
			l.list.ScrollToTop()
			if done != nil {
				done(n)
			}
		})
	})
}

// row returns row i if its page is loaded, and asks for the page if not.
func (l *eventList) row(i int) (data.EventRow, bool) {
	p := i / pageSize
	if rows, ok := l.pages[p]; ok && i%pageSize < len(rows) {
		return rows[i%pageSize], true
	}
	if !l.asked[p] && l.store != nil {
		l.asked[p] = true
		gen, s, f := l.gen, l.store, l.filter
		f.Limit, f.Offset = pageSize, p*pageSize
		l.async(func() {
			rows, err := s.Window(f)
			var links map[int64][]sourceLink
			var derived map[int64]bool
			if err == nil {
				links, err = loadLinks(s, rows)
			}
			if err == nil {
				derived, err = loadDerived(s, rows)
			}
			fyne.Do(func() {
				if gen != l.gen || err != nil {
					delete(l.asked, p)
					return
				}
				if len(l.pages) >= maxPages {
					l.pages, l.asked, l.links = map[int][]data.EventRow{}, map[int]bool{p: true}, map[int64][]sourceLink{}
					l.derived = map[int64]bool{}
				}
				l.pages[p] = rows
				for id, ls := range links {
					l.links[id] = ls
				}
				for id := range derived {
					l.derived[id] = true
				}
				l.list.Refresh()
			})
		})
	}
	return data.EventRow{}, false
}

// loadLinks reads the cited sources of rows, first citation first.
func loadLinks(s *data.Store, rows []data.EventRow) (map[int64][]sourceLink, error) {
	out := map[int64][]sourceLink{}
	err := s.View(func(tx *data.Tx) error {
		sources := map[int64]data.Source{}
		for _, r := range rows {
			if r.Sources == 0 {
				continue
			}
			cits, err := tx.Citations(r.ID)
			if err != nil {
				return err
			}
			seen := map[int64]bool{}
			for _, c := range cits {
				if seen[c.SourceID] {
					continue
				}
				seen[c.SourceID] = true
				src, ok := sources[c.SourceID]
				if !ok {
					if src, err = tx.Source(c.SourceID); err != nil {
						return err
					}
					sources[c.SourceID] = src
				}
				label := src.Publisher
				if label == "" {
					label = src.Title
				}
				out[r.ID] = append(out[r.ID], sourceLink{Label: shortLabel(label), URL: src.URL})
			}
		}
		return nil
	})
	return out, err
}

// shortLabel trims a publisher name for a row ("The Wall Street Journal
// (copy on …)" → "The Wall Street Journal").
func shortLabel(s string) string {
	if i := strings.Index(s, " ("); i > 0 {
		s = s[:i]
	}
	return s
}

// listRow is the template of one row, built once and re-used.
type listRow struct {
	widget.BaseWidget
	content    *fyne.Container
	when       *widget.Label // start, or the whole date of a point event
	until      *widget.Label // "– end" of a span
	title      *widget.Label
	certainty  *certaintyBadge
	actors     *widget.Label
	links      []*widget.Hyperlink
	more       *widget.Label
	sources    *widget.Label // the number of citations
	storyLinks *widget.Label // the number of story links, when any
	url        []string
}

func (l *eventList) newRow() fyne.CanvasObject {
	r := &listRow{
		when:       widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true}),
		until:      widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true}),
		title:      widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		certainty:  newCertaintyBadge(),
		actors:     widget.NewLabel(""),
		more:       widget.NewLabel(""),
		sources:    widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Monospace: true}),
		storyLinks: widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{}),
		url:        make([]string, maxRowLinks),
	}
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.actors.Truncation = fyne.TextTruncateEllipsis
	r.more.Importance = widget.LowImportance
	linkBox := container.NewHBox()
	sourcesLabel := widget.NewLabel("Sources:")
	sourcesLabel.Importance = widget.LowImportance
	linkBox.Add(sourcesLabel)
	for i := range maxRowLinks {
		h := widget.NewHyperlink("", nil)
		h.OnTapped = func() { l.openURL(r.url[i]) }
		r.links = append(r.links, h)
		linkBox.Add(h)
	}
	linkBox.Add(r.more)
	// A fixed date column, wide enough for "2014-12-22 16:15 UTC", keeps
	// the titles aligned.
	dates := container.NewGridWrap(dateCellSize(), r.when,
		container.NewBorder(nil, nil, container.NewPadded(r.certainty), nil), r.until)
	r.storyLinks.Importance = widget.LowImportance
	r.storyLinks.SizeName = theme.SizeNameCaptionText
	count := container.NewGridWrap(fyne.NewSize(sourcesCellWidth(), r.sources.MinSize().Height), r.sources, r.storyLinks)
	r.content = container.NewBorder(nil, nil, dates, count, container.NewVBox(r.title, r.actors, linkBox))
	r.ExtendBaseWidget(r)
	return r
}

// CreateRenderer implements fyne.Widget.
func (r *listRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(r.content)
}

func (l *eventList) updateRow(i widget.ListItemID, obj fyne.CanvasObject) {
	r := obj.(*listRow)
	ev, ok := l.row(i)
	if !ok {
		r.when.SetText("")
		r.until.SetText("")
		r.title.TextStyle.Italic = false
		r.title.SetText("…")
		r.actors.SetText("")
		r.certainty.set("")
		for _, h := range r.links {
			h.Hide()
		}
		r.more.SetText("")
		r.sources.SetText("")
		r.storyLinks.SetText("")
		return
	}
	r.sources.SetText(fmt.Sprint(ev.Sources))
	r.storyLinks.SetText("")
	if ev.Links > 0 {
		r.storyLinks.SetText(fmt.Sprintf("%d link%s", ev.Links, plural(ev.Links)))
	}
	when, until := splitWhen(ev.Start, ev.End, ev.Location())
	r.when.SetText(when)
	r.until.SetText(until)
	title := ev.Title
	if ev.DisplayDate != "" {
		title += "  (" + ev.DisplayDate + ")"
	}
	r.title.TextStyle.Italic = l.derived[ev.ID]
	r.title.SetText(title)
	r.certainty.set(ev.Certainty)
	names := make([]string, 0, len(ev.Actors))
	for _, id := range ev.Actors {
		names = append(names, l.actors[id].Name)
	}
	r.actors.SetText(strings.Join(names, " · "))
	links := l.links[ev.ID]
	for k, h := range r.links {
		if k >= len(links) {
			h.Hide()
			continue
		}
		r.url[k] = links[k].URL
		h.SetText(links[k].Label)
		h.Show()
	}
	if len(links) > maxRowLinks {
		r.more.SetText(fmt.Sprintf("+%d more", len(links)-maxRowLinks))
	} else if len(links) == 0 {
		r.more.SetText("none cited")
	} else {
		r.more.SetText("")
	}
}

// splitWhen is data.FormatSpan on two lines: the start, and "– end" for a span.
func splitWhen(start, end data.Date, loc *time.Location) (string, string) {
	if end.IsZero() {
		return start.Format(loc), ""
	}
	return start.Format(loc), "– " + end.Format(loc)
}
