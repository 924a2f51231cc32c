package timeline

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// maxBadgeList is the most events a badge's list shows.
const maxBadgeList = 30

// badgeItems returns the events badge i stands for, by time: the copies of
// its lane that found no row in its bucket, or, when the source left
// items out of the view, what the source has there (at most max).
func (f *frame) badgeItems(t *Timeline, i, max int) []Item {
	b := &f.badges[i]
	var out []Item
	if f.complete {
		seen := make(map[int64]bool)
		for _, c := range f.perLane[b.lane] {
			cp := &f.copies[c]
			it := f.items[cp.item]
			if cp.row != Overflow || it.Start < b.from || it.Start > b.to || seen[it.ID] {
				continue
			}
			// Only those left out of the layout: not those scrolled away.
			if !cp.scrolledOut {
				seen[it.ID] = true
				out = append(out, it)
			}
			if len(out) == max {
				break
			}
		}
		return out
	}
	if t.src == nil {
		return nil
	}
	var lanes []int64
	if l := f.lanes[b.lane].lane; l >= 0 && !t.single {
		lanes = []int64{t.lanes[l].ID}
	} else {
		lanes = f.laneFilter(t)
	}
	out, _ = t.src.Items(nil, b.from, b.to, lanes, max)
	return out
}

// showBadge opens, under badge i, the list of the events it stands for:
// date, title and certainty of each. Choosing one zooms in on the badge's
// time, selects the event and calls OnSelected; "Zoom in" zooms as a
// badge did before.
func (t *Timeline) showBadge(i int, origin fyne.Position) {
	b := t.f.badges[i]
	c := fyne.CurrentApp().Driver().CanvasForObject(t)
	items := t.f.badgeItems(t, i, maxBadgeList)
	if c == nil || len(items) == 0 {
		t.zoomInto(b.from, b.to)
		return
	}
	if t.badgeList != nil {
		t.badgeList.Hide()
	}
	var pop *widget.PopUp
	rows := container.NewVBox()
	n := len(items)
	count := b.text[1:]
	head := widget.NewLabelWithStyle(count+" events here", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	if count == "1" {
		head.SetText("1 event here")
	}
	rows.Add(head)
	for _, it := range items {
		text := it.Title
		if it.When != "" {
			text = it.When + " · " + text
		}
		text += " · " + it.Certainty.String()
		text, _ = t.f.m.label.fit(text, 30*t.f.m.text)
		btn := widget.NewButton(text, func() {
			pop.Hide()
			t.badgeList = nil
			t.zoomInto(b.from, b.to)
			t.sel, t.hasSel, t.selItem, t.selOK = it.ID, true, it, true
			t.reveal()
			t.Refresh()
			if t.OnSelected != nil {
				t.OnSelected(it.ID)
			}
		})
		btn.Alignment = widget.ButtonAlignLeading
		btn.Importance = widget.LowImportance
		rows.Add(btn)
	}
	if more := badgeCount(b.text) - n; more > 0 {
		rows.Add(widget.NewLabel(fmt.Sprintf("and %d more", more)))
	}
	zoom := widget.NewButton("Zoom in", func() {
		pop.Hide()
		t.badgeList = nil
		t.zoomInto(b.from, b.to)
	})
	rows.Add(zoom)
	var body fyne.CanvasObject
	size := rows.MinSize()
	width := max(size.Width, 240)
	if limit := c.Size().Height * 0.6; size.Height > limit {
		scroll := container.NewVScroll(rows)
		scroll.SetMinSize(fyne.NewSize(width, limit))
		body = scroll
	} else {
		rows.Resize(fyne.NewSize(width, size.Height))
		body = container.NewGridWrap(fyne.NewSize(width, size.Height), rows)
	}
	pop = widget.NewPopUp(body, c)
	at := origin.Add(fyne.NewPos(b.x, b.y+t.f.m.badgeH+2))
	pop.ShowAtPosition(at)
	t.badgeList = pop
}

// badgeCount reads the count of a badge's text ("+37"; "+12k" counts as
// 12,000, which is only used to say how many more there are).
func badgeCount(text string) int {
	n := 0
	for _, r := range text[1:] {
		switch {
		case r >= '0' && r <= '9':
			n = n*10 + int(r-'0')
		case r == 'k':
			return n * 1000
		case r == 'M':
			return n * 1_000_000
		default:
			return n
		}
	}
	return n
}
