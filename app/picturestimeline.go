package app

import (
	"image"
	"sync"

	"fyne.io/fyne/v2"
	xdraw "golang.org/x/image/draw"

	"chronoscope/data"
	"chronoscope/timeline"
)

// View › Pictures on the timeline (issue 16): a small thumbnail of each
// event's first picture in the file beside its title. The timeline asks
// for the events it lays out; the pictures' thumbnails are read and
// scaled down off the UI goroutine, a bounded number kept.

// prefTimelinePictures is "on" or "off" once the user chose; unset, the
// timeline shows pictures for files of fewer than smallChronology events.
const prefTimelinePictures = "timelinePictures"

// timelineThumbPx is the height thumbnails are scaled to for the
// timeline, which draws them about a line of text high: sharp on a
// high-density screen, small as a texture.
const timelineThumbPx = 64

// thumbCacheSize bounds the scaled thumbnails kept (12 KB each at most):
// more than a few views' worth (the timeline draws at most 40).
const thumbCacheSize = 256

// timelinePicturesOn reports whether the timeline shows pictures for a
// file of total events, as the preference says.
func (ui *UI) timelinePicturesOn(total int) bool {
	switch ui.App.Preferences().String(prefTimelinePictures) {
	case "on":
		return true
	case "off":
		return false
	}
	return total < smallChronology
}

// newTimelinePicturesItem is View › Pictures on the timeline.
func (ui *UI) newTimelinePicturesItem() *fyne.MenuItem {
	return fyne.NewMenuItem("Pictures on the timeline", func() {
		on := !ui.timelinePicturesOn(ui.total)
		value := "off"
		if on {
			value = "on"
		}
		ui.App.Preferences().SetString(prefTimelinePictures, value)
		ui.showTimelinePictures()
	})
}

// showTimelinePictures gives the timeline the pictures of the open
// chronology, or none, as the preference says, and ticks the menu item.
// The events with pictures are read off the UI goroutine.
func (ui *UI) showTimelinePictures() {
	on := ui.store != nil && ui.timelinePicturesOn(ui.total)
	if ui.picturesItem != nil && ui.picturesItem.Checked != on {
		ui.picturesItem.Checked = on
		ui.viewMenu.Refresh()
	}
	if !on {
		ui.timeline.tl.SetThumbnails(nil)
		return
	}
	s := ui.store
	if ui.thumbs == nil || ui.thumbs.store != s {
		tl := ui.timeline.tl
		ui.thumbs = newThumbCache(s, ui.async, func() { fyne.Do(tl.Refresh) })
	}
	cache := ui.thumbs
	ui.async(func() {
		first, err := s.FirstImages()
		fyne.Do(func() {
			if ui.store != s || ui.thumbs != cache || !ui.timelinePicturesOn(ui.total) {
				return
			}
			if err != nil {
				ui.showError(err)
				return
			}
			ui.timeline.tl.SetThumbnails(&timelinePictures{first: first, cache: cache})
		})
	})
}

// timelinePictures is the timeline's Thumbnails: each event's first
// picture in the file.
type timelinePictures struct {
	first map[int64]int64 // event → its first picture's id (data.Store.FirstImages)
	cache *thumbCache
}

var _ timeline.Thumbnails = (*timelinePictures)(nil)

// Thumbnail implements timeline.Thumbnails.
func (p *timelinePictures) Thumbnail(event int64) (image.Image, bool) {
	im, ok := p.first[event]
	if !ok {
		return nil, false
	}
	return p.cache.get(im), true
}

// thumbCache holds pictures' thumbnails scaled down for the timeline, by
// picture id, in two generations (see textCache); a picture whose
// thumbnail cannot be read is kept as nil, not read again. A miss queues
// the picture, and one fetch at a time reads the queue in batches.
type thumbCache struct {
	store *data.Store
	// async runs the fetch off the UI goroutine (the window's async;
	// tests run it inline, and then the pictures are there when get
	// returns).
	async func(work func())
	// loaded is called off the UI goroutine when a batch has arrived.
	loaded func()

	mu          sync.Mutex
	young, old  map[int64]image.Image
	want        []int64
	wanted      map[int64]bool
	fetching    bool
	kick, spawn uint64 // fetches started, and the last whose start has returned
}

func newThumbCache(s *data.Store, async func(func()), loaded func()) *thumbCache {
	return &thumbCache{store: s, async: async, loaded: loaded, young: map[int64]image.Image{}, wanted: map[int64]bool{}}
}

// lookup returns a picture's scaled thumbnail; ok is false when it has
// not been read. Call it with mu held.
func (c *thumbCache) lookup(id int64) (img image.Image, ok bool) {
	if img, ok = c.young[id]; ok {
		return img, true
	}
	if img, ok = c.old[id]; ok {
		c.put(id, img)
	}
	return img, ok
}

// put keeps a scaled thumbnail; call it with mu held.
func (c *thumbCache) put(id int64, img image.Image) {
	if len(c.young) >= thumbCacheSize {
		c.old, c.young = c.young, make(map[int64]image.Image, thumbCacheSize)
	}
	c.young[id] = img
}

// get returns picture id's scaled thumbnail, or nil while it is read.
func (c *thumbCache) get(id int64) image.Image {
	c.mu.Lock()
	if img, ok := c.lookup(id); ok {
		c.mu.Unlock()
		return img
	}
	if !c.wanted[id] {
		c.wanted[id] = true
		c.want = append(c.want, id)
	}
	start := !c.fetching
	if start {
		c.fetching = true
		c.kick++
	}
	kick := c.kick
	c.mu.Unlock()
	if !start {
		return nil
	}
	c.async(func() { c.fetch(kick) })
	c.mu.Lock()
	defer c.mu.Unlock()
	c.spawn = kick
	img, _ := c.lookup(id) // there already when the fetch ran inline
	return img
}

// fetch reads the queued thumbnails, a batch a read transaction, until
// none is left. Once the fetch's start has returned it calls loaded after
// each batch; one that ran inline (inside get, itself inside the
// timeline's layout) must not, and needs not: get finds its pictures.
func (c *thumbCache) fetch(kick uint64) {
	for {
		c.mu.Lock()
		batch := c.want
		c.want = nil
		if len(batch) == 0 {
			c.fetching = false
			c.mu.Unlock()
			return
		}
		c.mu.Unlock()
		thumbs := make(map[int64][]byte, len(batch))
		err := c.store.View(func(tx *data.Tx) error {
			for _, id := range batch {
				im, err := tx.Image(id)
				if err == nil {
					thumbs[id] = im.Thumbnail
				}
			}
			return nil
		})
		scaled := make([]image.Image, len(batch))
		for i, id := range batch {
			scaled[i] = scaleThumb(decodeThumbnail(thumbs[id]))
		}
		c.mu.Lock()
		for i, id := range batch {
			delete(c.wanted, id)
			if err == nil {
				c.put(id, scaled[i])
			}
		}
		notify := c.spawn == kick
		if err != nil {
			// The file was closed or failed: nothing more to read.
			c.want, c.wanted, c.fetching = nil, map[int64]bool{}, false
		}
		c.mu.Unlock()
		if err != nil {
			return
		}
		if notify && c.loaded != nil {
			c.loaded()
		}
	}
}

// scaleThumb scales a thumbnail down to fit timelineThumbPx high and
// twice that wide, keeping its proportions (a smaller one stays as it
// is); nil stays nil.
func scaleThumb(img image.Image) image.Image {
	if img == nil {
		return nil
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w <= 0 || h <= 0 || h <= timelineThumbPx && w <= 2*timelineThumbPx {
		return img
	}
	scale := min(float64(timelineThumbPx)/float64(h), float64(2*timelineThumbPx)/float64(w))
	dst := image.NewRGBA(image.Rect(0, 0, max(1, int(float64(w)*scale+0.5)), max(1, int(float64(h)*scale+0.5))))
	xdraw.CatmullRom.Scale(dst, dst.Bounds(), img, b, xdraw.Src, nil)
	return dst
}
