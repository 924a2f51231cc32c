package app

import (
	"image"
	"image/color"
	"testing"

	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"chronoscope/data"
	"chronoscope/data/datatest"
	"chronoscope/timeline"
)

// timelineThumbs returns the events drawn with a thumbnail and the
// pictures the timeline's renderer shows.
func timelineThumbs(ui *UI) (events map[int64]bool, shown []image.Image) {
	events = map[int64]bool{}
	for _, d := range ui.timeline.tl.Drawn() {
		if d.Thumb != (timeline.Rect{}) {
			events[d.ID] = true
		}
	}
	for _, o := range test.WidgetRenderer(ui.timeline.tl).Objects() {
		if ci, ok := o.(*canvas.Image); ok && ci.Visible() && ci.Image != nil && ci.FillMode == canvas.ImageFillCover {
			shown = append(shown, ci.Image)
		}
	}
	return events, shown
}

func TestPicturesOnTheTimeline(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	fbi := eventID(t, ui.store, "The FBI blames North Korea's government for the hack")
	obama := eventID(t, ui.store, "Obama promises a proportional response")
	denial := eventID(t, ui.store, "North Korea denies hacking Sony")
	dir := t.TempDir()
	red, err := data.LoadImageFile(writePNG(t, dir, "red.png", 900, 600, color.NRGBA{200, 30, 30, 255}))
	if err != nil {
		t.Fatal(err)
	}
	blue, err := data.LoadImageFile(writePNG(t, dir, "blue.png", 300, 600, color.NRGBA{30, 30, 200, 255}))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []change{
		addedPictures("FBI", []data.Image{{EventID: fbi, Caption: "Seal"}}, []*data.ImageFile{red}),
		addedPictures("Obama", []data.Image{{EventID: obama, Caption: "Podium"}}, []*data.ImageFile{blue}),
		addedPictures("Denial", []data.Image{{EventID: denial, Caption: "KCNA", URL: "https://example.org/kcna.jpg"}}, []*data.ImageFile{nil}),
	} {
		if err := ui.applyChange(c); err != nil {
			t.Fatal(err)
		}
	}
	ui.goToEvent(obama)
	ui.timeline.tl.ShowRange(float64(data.Date{Year: 2014, Month: 12, Day: 18, Precision: data.PrecisionDay}.Instant(nil)),
		float64(data.Date{Year: 2014, Month: 12, Day: 23, Precision: data.PrecisionDay}.Instant(nil)))

	// On by default for a small file: the two pictures in the file are
	// drawn, scaled down, beside their titles; the remote one is not.
	if !ui.picturesItem.Checked {
		t.Error("View › Pictures on the timeline is not ticked for a small file")
	}
	events, shown := timelineThumbs(ui)
	if !events[fbi] || !events[obama] || events[denial] || len(events) != 2 {
		t.Fatalf("thumbnails drawn for %v, want the FBI's (%d) and Obama's (%d)", events, fbi, obama)
	}
	if len(shown) != 2 {
		t.Fatalf("%d pictures drawn, want 2", len(shown))
	}
	sizes := map[image.Point]bool{}
	for _, img := range shown {
		sizes[img.Bounds().Size()] = true
		r, _, b, _ := img.At(img.Bounds().Dx()/2, img.Bounds().Dy()/2).RGBA()
		if r>>8 < 150 && b>>8 < 150 {
			t.Errorf("a picture drawn is neither red nor blue: %v", img.At(0, 0))
		}
	}
	// The stored thumbnails (320 × 213 and 160 × 320) scaled to 64 high.
	if !sizes[image.Pt(96, 64)] || !sizes[image.Pt(32, 64)] {
		t.Errorf("pictures drawn at %v, want 96 × 64 and 32 × 64", sizes)
	}

	// The menu turns them off and on, kept in the preferences.
	ui.picturesItem.Action()
	if ui.picturesItem.Checked || ui.App.Preferences().String(prefTimelinePictures) != "off" {
		t.Errorf("after turning off: ticked %v, preference %q", ui.picturesItem.Checked, ui.App.Preferences().String(prefTimelinePictures))
	}
	if events, shown := timelineThumbs(ui); len(events) != 0 || len(shown) != 0 {
		t.Errorf("turned off, %d thumbnails and %d pictures are drawn", len(events), len(shown))
	}
	ui.picturesItem.Action()
	if events, _ := timelineThumbs(ui); !ui.picturesItem.Checked || len(events) != 2 {
		t.Errorf("turned on again: ticked %v, %d thumbnails", ui.picturesItem.Checked, len(events))
	}

	// Undoing Obama's picture takes its thumbnail away.
	ui.Undo() // the denial's remote picture
	ui.Undo() // Obama's
	if events, _ := timelineThumbs(ui); events[obama] || !events[fbi] {
		t.Errorf("after undoing Obama's picture, thumbnails for %v", events)
	}
}

func TestTimelinePicturesOffForLargeFiles(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	prefs := ui.App.Preferences()
	for _, tc := range []struct {
		pref  string
		total int
		want  bool
	}{
		{"", 20, true}, {"", smallChronology - 1, true}, {"", smallChronology, false}, {"", 1_000_000, false},
		{"on", 1_000_000, true}, {"off", 20, false},
	} {
		prefs.SetString(prefTimelinePictures, tc.pref)
		if got := ui.timelinePicturesOn(tc.total); got != tc.want {
			t.Errorf("preference %q, %d events: pictures %v, want %v", tc.pref, tc.total, got, tc.want)
		}
	}
}

func TestScaleThumb(t *testing.T) {
	for _, tc := range []struct{ w, h, ww, wh int }{
		{320, 213, 96, 64}, {160, 320, 32, 64}, {40, 30, 40, 30}, {320, 20, 128, 8}, {128, 64, 128, 64},
	} {
		got := scaleThumb(image.NewRGBA(image.Rect(0, 0, tc.w, tc.h))).Bounds().Size()
		if got != image.Pt(tc.ww, tc.wh) {
			t.Errorf("scaleThumb(%d × %d) = %v, want %d × %d", tc.w, tc.h, got, tc.ww, tc.wh)
		}
	}
	if scaleThumb(nil) != nil {
		t.Error("scaleThumb(nil) is not nil")
	}
}

// TestThumbCacheFetchesOffTheUIGoroutine: a miss queues the picture and
// returns nil; the fetch, run later, reads the queue in one batch and
// says so once; the pictures are then there, and a damaged thumbnail is
// kept as nil, not read again.
func TestThumbCacheFetchesOffTheUIGoroutine(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	fbi := eventID(t, ui.store, "The FBI blames North Korea's government for the hack")
	f, err := data.LoadImageFile(writePNG(t, t.TempDir(), "seal.png", 90, 60, color.NRGBA{200, 30, 30, 255}))
	if err != nil {
		t.Fatal(err)
	}
	a, b := data.Image{EventID: fbi}, data.Image{EventID: fbi}
	if err := ui.store.AddImage(&a, f); err != nil {
		t.Fatal(err)
	}
	if err := ui.store.AddImage(&b, f); err != nil {
		t.Fatal(err)
	}
	var queued []func()
	loaded := 0
	c := newThumbCache(ui.store, func(w func()) { queued = append(queued, w) }, func() { loaded++ })
	if c.get(a.ID) != nil || c.get(b.ID) != nil || c.get(a.ID) != nil {
		t.Fatal("a picture not read yet is not nil")
	}
	if len(queued) != 1 {
		t.Fatalf("%d fetches started, want 1", len(queued))
	}
	queued[0]()
	if loaded != 1 {
		t.Errorf("the fetch said it loaded %d times, want once", loaded)
	}
	for _, id := range []int64{a.ID, b.ID} {
		if img := c.get(id); img == nil || img.Bounds().Dx() != 90 {
			t.Errorf("picture %d after the fetch: %v", id, img)
		}
	}
	if len(queued) != 1 {
		t.Errorf("pictures in the cache were fetched again")
	}
	// A missing picture is kept as nil.
	if c.get(999999) != nil || len(queued) != 2 {
		t.Fatalf("a missing picture: %d fetches", len(queued))
	}
	queued[1]()
	if c.get(999999) != nil || len(queued) != 2 {
		t.Errorf("a missing picture is read again: %d fetches", len(queued))
	}
}
