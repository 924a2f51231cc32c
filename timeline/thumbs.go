package timeline

import (
	"image"
	"slices"
)

// Thumbnails gives the small pictures the timeline draws beside the titles
// of events that have one (see SetThumbnails). The widget calls it on the
// Fyne goroutine for the items of each view change (about 1,200 at most)
// and for the titles it draws, so it must answer from memory.
type Thumbnails interface {
	// Thumbnail returns the picture of the event with the given id; ok is
	// false when the event has none. img may be nil while the picture is
	// still being read: its room is kept, blank, until the next Refresh.
	// The widget draws it about a line of text high, cropped to 4:3: a
	// picture 64 pixels tall is plenty, a larger one only costs texture
	// memory.
	Thumbnail(id int64) (img image.Image, ok bool)
}

// maxThumbs is the most thumbnails drawn per frame: the most important
// events' when more in view have one.
const maxThumbs = 40

// SetThumbnails draws, beside the title of each event th has a picture
// for, a small thumbnail of it; nil draws none. Titles make room for
// them, so a thumbnail never covers another title. Call Refresh when
// pictures th had not read yet have arrived.
func (t *Timeline) SetThumbnails(th Thumbnails) {
	if th == nil && t.thumbs == nil {
		return
	}
	t.thumbs = th
	t.thumbsGen++
	t.Refresh()
}

// pickThumbs marks the items whose titles get a thumbnail: those with a
// picture, the most important first (the selection and search hits
// count as most important), at most maxThumbs titled copies of them.
func (f *frame) pickThumbs(t *Timeline) {
	f.thumbed = slices.Grow(f.thumbed[:0], len(f.items))[:len(f.items)]
	clear(f.thumbed)
	if t.thumbs == nil {
		return
	}
	f.order = f.order[:0]
	for i := range f.items {
		if _, ok := t.thumbs.Thumbnail(f.items[i].ID); ok {
			f.order = append(f.order, int32(i))
		}
	}
	imp := func(i int32) int {
		it := &f.items[i]
		if (t.hasSel && it.ID == t.sel) || t.marked[it.ID] {
			return 5
		}
		return clampImportance(it.Importance)
	}
	slices.SortStableFunc(f.order, func(a, b int32) int { return imp(b) - imp(a) })
	// An item is titled once, or in each of its lanes with
	// SetTitleInEveryLane: each of those titles gets its thumbnail.
	each := t.everyLane && !t.single && len(t.lanes) > 0
	n := 0
	for _, i := range f.order {
		titles := 1
		if each {
			titles = max(len(f.items[i].Lanes), 1)
		}
		if n+titles > maxThumbs {
			continue
		}
		n += titles
		f.thumbed[i] = true
	}
}
