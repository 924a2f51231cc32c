package timeline_test

import (
	"fmt"
	"image"
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"chronoscope/timeline"
)

// memThumbs answers Thumbnails from a map; an id mapped to nil has a
// picture still being read.
type memThumbs map[int64]image.Image

func (m memThumbs) Thumbnail(id int64) (image.Image, bool) {
	img, ok := m[id]
	return img, ok
}

// picture is a w × h test picture: a diagonal gradient from c to white.
func picture(w, h int, c color.NRGBA) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			u := float64(x+y) / float64(w+h)
			mix := func(a uint8) uint8 { return uint8(float64(a) + (255-float64(a))*u) }
			img.SetNRGBA(x, y, color.NRGBA{mix(c.R), mix(c.G), mix(c.B), 255})
		}
	}
	return img
}

// fixtureThumbs are pictures for seven of the fixture's events.
func fixtureThumbs() memThumbs {
	return memThumbs{
		1:  picture(64, 48, color.NRGBA{0x30, 0x30, 0x30, 0xff}),
		5:  picture(64, 48, color.NRGBA{0x1f, 0x4e, 0x9a, 0xff}),
		6:  picture(48, 64, color.NRGBA{0x8a, 0x1c, 0x1c, 0xff}),
		8:  picture(64, 48, color.NRGBA{0xc0, 0x28, 0x28, 0xff}),
		10: picture(64, 32, color.NRGBA{0x10, 0x10, 0x60, 0xff}),
		14: picture(64, 48, color.NRGBA{0xe0, 0xa1, 0x00, 0xff}),
		18: picture(64, 48, color.NRGBA{0x2e, 0x7d, 0x32, 0xff}),
	}
}

// rectsOverlap reports whether a and b share more than half a unit each way.
func rectsOverlap(a, b timeline.Rect) bool {
	return a.X0 < b.X1-0.5 && a.X1 > b.X0+0.5 && a.Y0 < b.Y1-0.5 && a.Y1 > b.Y0+0.5
}

// checkThumbs fails for a thumbnail drawn for an event without a picture,
// not right beside its own title (left of it, in its row), or over
// another event's title or shape; it returns how many are drawn.
func checkThumbs(t *testing.T, tl *timeline.Timeline, th memThumbs, what string) int {
	t.Helper()
	drawn := tl.Drawn()
	n := 0
	for i, d := range drawn {
		if d.Thumb == (timeline.Rect{}) {
			continue
		}
		n++
		if _, ok := th[d.ID]; !ok || d.Mark || d.Text == "" {
			t.Errorf("%s: event %d (%q, mark %v) has a thumbnail", what, d.ID, d.Text, d.Mark)
		}
		gap := d.Label.X0 - d.Thumb.X1
		if gap < 0 || gap > 8 || d.Thumb.Y0 < d.Label.Y0 || d.Thumb.Y1 > d.Label.Y1 || d.Thumb.Y1-d.Thumb.Y0 < 10 {
			t.Errorf("%s: event %d's thumbnail %+v is not beside its title %+v", what, d.ID, d.Thumb, d.Label)
		}
		for j, o := range drawn {
			if j == i {
				continue
			}
			if o.Label != (timeline.Rect{}) && rectsOverlap(d.Thumb, o.Label) {
				t.Errorf("%s: event %d's thumbnail %+v covers the title %q %+v", what, d.ID, d.Thumb, o.Text, o.Label)
			}
			if o.Thumb != (timeline.Rect{}) && rectsOverlap(d.Thumb, o.Thumb) {
				t.Errorf("%s: the thumbnails of events %d and %d overlap", what, d.ID, o.ID)
			}
			if o.ID != d.ID && rectsOverlap(d.Thumb, o.Shape) {
				t.Errorf("%s: event %d's thumbnail %+v covers event %d's shape %+v", what, d.ID, d.Thumb, o.ID, o.Shape)
			}
		}
	}
	return n
}

// checkDrawnPixels fails where the pictures and titles the renderer
// draws overlap, a title's extent measured as Fyne renders it.
func checkDrawnPixels(t *testing.T, tl *timeline.Timeline, what string) {
	t.Helper()
	titles := map[string]bool{}
	for _, d := range tl.Drawn() {
		if d.Text != "" {
			titles[d.Text] = true
		}
	}
	var texts []timeline.Rect
	var names []string
	var pics []timeline.Rect
	for _, o := range test.WidgetRenderer(tl).Objects() {
		if !o.Visible() {
			continue
		}
		p := o.Position()
		switch o := o.(type) {
		case *canvas.Text:
			if titles[o.Text] && o.Alignment == fyne.TextAlignLeading {
				sz := fyne.MeasureText(o.Text, o.TextSize, o.TextStyle)
				texts = append(texts, timeline.Rect{X0: p.X, Y0: p.Y, X1: p.X + sz.Width, Y1: p.Y + sz.Height})
				names = append(names, o.Text)
			}
		case *canvas.Image:
			if o.FillMode == canvas.ImageFillCover {
				pics = append(pics, timeline.Rect{X0: p.X, Y0: p.Y, X1: p.X + o.Size().Width, Y1: p.Y + o.Size().Height})
			}
		}
	}
	for i, a := range pics {
		for j, tx := range texts {
			if rectsOverlap(a, tx) {
				t.Errorf("%s: a picture at %+v is drawn over the title %q at %+v", what, a, names[j], tx)
			}
		}
		for _, b := range pics[i+1:] {
			if rectsOverlap(a, b) {
				t.Errorf("%s: pictures drawn at %+v and %+v overlap", what, a, b)
			}
		}
	}
	for i, a := range texts {
		for j := i + 1; j < len(texts); j++ {
			if rectsOverlap(a, texts[j]) {
				t.Errorf("%s: the titles %q and %q are drawn over each other", what, names[i], names[j])
			}
		}
	}
}

// shownImages returns the visible pictures the renderer draws, by where.
func shownImages(tl *timeline.Timeline) map[timeline.Rect]image.Image {
	out := map[timeline.Rect]image.Image{}
	for _, o := range test.WidgetRenderer(tl).Objects() {
		if ci, ok := o.(*canvas.Image); ok && ci.Visible() && ci.Image != nil && ci.FillMode == canvas.ImageFillCover {
			p, s := ci.Position(), ci.Size()
			out[timeline.Rect{X0: p.X, Y0: p.Y, X1: p.X + s.Width, Y1: p.Y + s.Height}] = ci.Image
		}
	}
	return out
}

func TestThumbnailsBesideTitles(t *testing.T) {
	test.NewTempApp(t)
	th := fixtureThumbs()
	for _, size := range []fyne.Size{fyne.NewSize(1600, 1000), fyne.NewSize(960, 520)} {
		tl, _, _ := newFixture(t, size)
		tl.SetThumbnails(th)
		for _, z := range zoomLevels {
			tl.ShowRange(z.from, z.to)
			for _, sel := range []int64{0, 5, 14} {
				if sel == 0 {
					tl.Unselect()
				} else {
					tl.Select(sel)
					tl.ShowRange(z.from, z.to)
				}
				what := fmt.Sprintf("%v %s, selected %d", size, z.name, sel)
				n := checkThumbs(t, tl, th, what)
				checkDrawnPixels(t, tl, what)
				// What is drawn: each thumbnail's picture where the
				// frame says it is.
				shown := shownImages(tl)
				if len(shown) != n {
					t.Errorf("%s: %d pictures drawn for %d thumbnails", what, len(shown), n)
				}
				for _, d := range tl.Drawn() {
					if d.Thumb != (timeline.Rect{}) && shown[d.Thumb] != th[d.ID] {
						t.Errorf("%s: event %d's picture is not drawn at %+v", what, d.ID, d.Thumb)
					}
				}
				if z.name == "week" && n < 4 {
					t.Errorf("%s: %d thumbnails, want those of events 5, 6, 8 and 14 at least", what, n)
				}
			}
		}
		// Off: titles as before, no picture.
		tl.ShowRange(zoomLevels[1].from, zoomLevels[1].to)
		tl.SetThumbnails(nil)
		if n := checkThumbs(t, tl, th, "off"); n != 0 || len(shownImages(tl)) != 0 {
			t.Errorf("%v: %d thumbnails and %d pictures with thumbnails off", size, n, len(shownImages(tl)))
		}
	}
}

// TestThumbnailTakesRoomFromItsTitle: a thumbnail stands where its title
// began without it, and the title follows it, whole where there is room;
// the other titles do not move.
func TestThumbnailTakesRoomFromItsTitle(t *testing.T) {
	test.NewTempApp(t)
	tl, _, _ := newFixture(t, fyne.NewSize(960, 520))
	tl.ShowRange(zoomLevels[1].from, zoomLevels[1].to)
	before := map[int64]timeline.Drawn{}
	for _, d := range tl.Drawn() {
		if !d.Mark {
			before[d.ID] = d
		}
	}
	tl.SetThumbnails(memThumbs{6: picture(8, 6, color.NRGBA{0x8a, 0x1c, 0x1c, 0xff})})
	for _, d := range tl.Drawn() {
		b, ok := before[d.ID]
		if d.Mark || !ok {
			continue
		}
		if d.ID != 6 {
			if d.Label != b.Label || d.Text != b.Text {
				t.Errorf("event %d without a picture moved: %q %+v, was %q %+v", d.ID, d.Text, d.Label, b.Text, b.Label)
			}
			continue
		}
		if d.Thumb.X0 != b.Label.X0 || d.Text != b.Text || d.Label.X1-d.Label.X0 != b.Label.X1-b.Label.X0 {
			t.Errorf("event 6: thumbnail %+v and title %q %+v, where the title was %q %+v", d.Thumb, d.Text, d.Label, b.Text, b.Label)
		}
	}
}

// TestThumbnailStillBeingRead: a picture not read yet keeps its room,
// blank; when it arrives a Refresh draws it without laying out again.
func TestThumbnailStillBeingRead(t *testing.T) {
	test.NewTempApp(t)
	tl, _, _ := newFixture(t, fyne.NewSize(960, 520))
	th := memThumbs{6: nil}
	tl.SetThumbnails(th)
	tl.ShowRange(zoomLevels[1].from, zoomLevels[1].to)
	var room timeline.Rect
	for _, d := range tl.Drawn() {
		if d.ID == 6 && !d.Mark {
			room = d.Thumb
		}
	}
	if room == (timeline.Rect{}) || len(shownImages(tl)) != 0 {
		t.Fatalf("a picture being read: room %+v, %d pictures drawn", room, len(shownImages(tl)))
	}
	queries := tl.Stats().Queries
	pic := picture(64, 48, color.NRGBA{0x8a, 0x1c, 0x1c, 0xff})
	th[6] = pic
	tl.Refresh()
	if got := shownImages(tl)[room]; got != pic {
		t.Errorf("after Refresh the picture is not drawn in its room %+v", room)
	}
	if tl.Stats().Queries != queries {
		t.Error("the arrival of a picture asked the source again")
	}
}

// TestThumbnailsBounded: in crowded views with a picture for every event
// the thumbnails stay within their budget, beside their titles.
func TestThumbnailsBounded(t *testing.T) {
	test.NewTempApp(t)
	items := yearItems(200, 4)
	th := memThumbs{}
	pic := picture(64, 48, color.NRGBA{0x40, 0x60, 0x90, 0xff})
	for _, it := range items {
		th[it.ID] = pic
	}
	tl := timeline.New(timeline.NewMemorySource(items))
	lanes := make([]timeline.Lane, 8)
	for i := range lanes {
		lanes[i] = timeline.Lane{ID: int64(i + 1), Name: "Actor " + string(rune('A'+i))}
	}
	tl.SetLanes(lanes)
	w := test.NewTempWindow(t, tl)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(1600, 1000))
	tl.SetThumbnails(th)
	tl.FitAll()
	for step := range 12 {
		for _, every := range []bool{false, true} {
			tl.SetTitleInEveryLane(every)
			what := fmt.Sprintf("step %d, title in every lane %v", step, every)
			n := checkThumbs(t, tl, th, what)
			checkDrawnPixels(t, tl, what)
			if n == 0 || n > 40 {
				t.Errorf("%s: %d thumbnails, want 1 to 40", what, n)
			}
			if objs := len(test.WidgetRenderer(tl).Objects()); objs > timeline.MaxObjects {
				t.Errorf("%s: %d objects, over MaxObjects = %d", what, objs, timeline.MaxObjects)
			}
		}
		if step%3 == 2 {
			tl.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown}) // scroll the lanes
		} else {
			tl.ZoomBy(1.6)
		}
	}
}

func TestGoldenThumbnails(t *testing.T) {
	for _, th := range []struct {
		name string
		th   func() fyne.Theme
	}{{"light", lightTheme}, {"dark", darkTheme}} {
		t.Run(th.name, func(t *testing.T) {
			test.NewTempApp(t)
			test.ApplyTheme(t, th.th())
			tl, w, _ := newFixture(t, fyne.NewSize(960, 520))
			tl.SetThumbnails(fixtureThumbs())
			tl.Select(5)
			tl.ShowRange(zoomLevels[1].from, zoomLevels[1].to)
			test.AssertRendersToImage(t, "thumbs_week_"+th.name+".png", w.Canvas())
		})
	}
}
