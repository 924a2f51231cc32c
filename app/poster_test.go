package app

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

// poster draws the chronology at path as r says and decodes the PNG.
func poster(t *testing.T, path string, r posterRequest) image.Image {
	t.Helper()
	s, err := data.OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var buf bytes.Buffer
	if err := writePoster(s, &buf, r, drawHere); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatalf("the export is not a PNG: %v", err)
	}
	return img
}

// actorIDsByName returns the ids of the named actors of the chronology at path.
func actorIDsByName(t *testing.T, path string, names ...string) []int64 {
	t.Helper()
	s, err := data.OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	actors, _ := s.Actors()
	var ids []int64
	for _, name := range names {
		for _, a := range actors {
			if a.Name == name {
				ids = append(ids, a.ID)
			}
		}
	}
	if len(ids) != len(names) {
		t.Fatalf("actors %v not all found", names)
	}
	return ids
}

// TestPosterGolden draws the default chronology as PNG exports: the whole
// story light and dark, and the week of the attribution for three actors.
func TestPosterGolden(t *testing.T) {
	path := datatest.DefaultFile(t)
	week := posterRequest{Width: 1280, Height: 720, From: day(12, 17, 0), To: day(12, 24, 0),
		Filter: data.Filter{Actors: actorIDsByName(t, path, "North Korea", "United States", "China")}}
	for name, r := range map[string]posterRequest{
		"poster_story_light.png": {Width: 1280, Height: 720},
		"poster_story_dark.png":  {Width: 1280, Height: 720, Dark: true},
		"poster_week_light.png":  week,
	} {
		t.Run(name, func(t *testing.T) {
			test.NewTempApp(t)
			test.AssertImageMatches(t, name, poster(t, path, r))
		})
	}
}

// TestPosterSizes checks that a picture has exactly the size asked for,
// odd sizes and a 4K one included, and that large pictures are drawn at
// a larger scale (a poster reads like the window enlarged).
func TestPosterSizes(t *testing.T) {
	test.NewTempApp(t)
	path := datatest.DefaultFile(t)
	for _, size := range []image.Point{{1001, 777}, {3840, 2160}, {200, 1200}} {
		img := poster(t, path, posterRequest{Width: size.X, Height: size.Y})
		if got := img.Bounds().Size(); got != size {
			t.Errorf("asked for %v, got %v", size, got)
		}
	}
	for _, c := range []struct {
		w, h int
		want float32
	}{{1280, 720, 1}, {1920, 1080, 1}, {3840, 2160, 2.25}, {7680, 4320, 4.25}, {7680, 1000, 1}} {
		if got := posterScale(c.w, c.h); got != c.want {
			t.Errorf("posterScale(%d, %d) = %v, want %v", c.w, c.h, got, c.want)
		}
	}
	for _, r := range []posterRequest{{Width: 100, Height: 720}, {Width: 1280, Height: 0}, {Width: 20000, Height: 20000}} {
		if err := r.check(); err == nil {
			t.Errorf("%d×%d accepted", r.Width, r.Height)
		}
	}
}

// TestPosterOfALargeFileShowsTitles draws a chronology large enough to be
// read through the store index, whose titles arrive lazily in the window:
// the picture must carry them all the same.
func TestPosterOfALargeFileShowsTitles(t *testing.T) {
	test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "large.chrono")
	s, err := data.Create(path, data.Chronology{Title: "Large"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Update(func(tx *data.Tx) error {
		return data.Generate(tx, data.GenerateOptions{Events: smallChronology + 1000, Actors: 8, Seed: 3})
	}); err != nil {
		t.Fatal(err)
	}
	from := float64(data.Date{Year: 2010, Month: 3, Day: 1, Precision: data.PrecisionDay}.Instant(nil))
	to := from + 3*86400
	rows, err := s.Window(data.Filter{From: int64(from), To: int64(to)})
	s.Close()
	if err != nil || len(rows) == 0 {
		t.Fatalf("%d events in the range (%v)", len(rows), err)
	}
	titles := map[string]bool{}
	for _, r := range rows {
		titles[r.Title] = true
	}

	ro, err := data.OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	r := posterRequest{Width: 1600, Height: 1000, From: from, To: to}
	p, err := readPoster(ro, r)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := p.timeline.src.Items(nil, from, to, nil, 100); len(n) == 0 || n[0].Title != "" {
		t.Fatalf("a large file's titles were read before they were asked for (%d items)", len(n))
	}
	c := posterCanvas(p, r)
	shown := 0
	walk(c.Content(), func(o fyne.CanvasObject) {
		if tx, ok := o.(*canvas.Text); ok {
			title := strings.TrimSuffix(tx.Text, "…")
			for t := range titles {
				if title != "" && strings.HasPrefix(t, title) {
					shown++
					return
				}
			}
		}
	})
	if shown < 5 {
		t.Errorf("%d event titles drawn, want at least 5 of the %d in the range", shown, len(rows))
	}
	if got := p.timeline.total; got != smallChronology+1000 {
		t.Errorf("total = %d", got)
	}
}

// TestExportPNGCommand runs chronoscope export --format png and its
// usage errors; a failed export leaves an existing file as it was.
func TestExportPNGCommand(t *testing.T) {
	test.NewTempApp(t)
	path := datatest.DefaultFile(t)
	out := filepath.Join(t.TempDir(), "story.png")
	_, errs, status := run("export", path, "--format", "png", "-o", out, "--width", "800", "--height", "600",
		"--theme", "dark", "--actor", "China", "--from", "2014-12", "--to", "2014-12")
	if status != 0 {
		t.Fatalf("status %d: %s", status, errs)
	}
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := png.DecodeConfig(f)
	f.Close()
	if err != nil || cfg.Width != 800 || cfg.Height != 600 {
		t.Fatalf("wrote %dx%d (%v), want 800x600", cfg.Width, cfg.Height, err)
	}
	before, _ := os.ReadFile(out)
	for _, args := range [][]string{
		{"--format", "png", "--theme", "blue"},
		{"--format", "png", "--width", "50"},
		{"--format", "png", "--width", "20000", "--height", "20000"},
		{"--format", "csv", "--width", "800"},
		{"--format", "markdown", "--theme", "dark"},
	} {
		_, errs, status := run(append([]string{"export", path, "-o", out}, args...)...)
		if status != exitUsage || !strings.Contains(errs, "chronoscope:") {
			t.Errorf("%v: status %d, stderr %q; want usage error", args, status, errs)
		}
	}
	_, errs, status = run("export", filepath.Join(t.TempDir(), "missing.chrono"), "--format", "png", "-o", out)
	if status != exitError || !strings.Contains(errs, "missing.chrono") {
		t.Errorf("missing file: status %d, stderr %q", status, errs)
	}
	if after, _ := os.ReadFile(out); !bytes.Equal(before, after) {
		t.Error("a failed export changed the existing file")
	}
}

// TestExportDialogPicture takes the export dialog's picture choices (the
// current view, 1280×720, dark) and writes the PNG as the window does.
func TestExportDialogPicture(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	ui.timeline.tl.ShowRange(day(12, 18, 0), day(12, 24, 0))
	o := newPictureOptions(false)
	o.size.SetSelected(pictureSizes[0].label)
	o.look.SetSelected("Dark")
	r := o.request(ui.timeline.tl)
	vp := ui.timeline.tl.Viewport()
	if r.Width != 1280 || r.Height != 720 || !r.Dark || r.From != vp.Start || r.To <= r.From {
		t.Fatalf("request = %+v", r)
	}
	o.span.SetSelected(pictureAll)
	if all := o.request(ui.timeline.tl); all.To != 0 || all.From != 0 {
		t.Errorf("the whole chronology asked for a range: %+v", all)
	}
	// The picture is drawn from what the window holds, not read again.
	if p := ui.windowPoster(r); p.timeline != ui.timeline.data || p.chron.Title != "The Sony Pictures hack and its aftermath, 2014" || p.shown != 18 {
		t.Errorf("window poster: %q, %d shown, same timeline %v", p.chron.Title, p.shown, p.timeline == ui.timeline.data)
	}
	out := filepath.Join(t.TempDir(), "view.png")
	ui.exportPicture(out, r)
	f, err := os.Open(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil || cfg.Width != 1280 || cfg.Height != 720 {
		t.Fatalf("wrote %dx%d (%v)", cfg.Width, cfg.Height, err)
	}
}

// TestExportHTMLCommand writes the offline page from the command line,
// filtered to one actor.
func TestExportHTMLCommand(t *testing.T) {
	path := datatest.DefaultFile(t)
	out := filepath.Join(t.TempDir(), "page.html")
	_, errs, status := run("export", path, "--format", "html", "-o", out, "--actor", "China")
	if status != 0 {
		t.Fatalf("status %d: %s", status, errs)
	}
	page, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	s := string(page)
	if !strings.HasPrefix(strings.ToLower(s), "<!doctype html>") || !strings.Contains(s, "China says it needs evidence") ||
		strings.Contains(s, "Hackers breach Sony Pictures") {
		t.Errorf("the page is not the China events' chronology (%d bytes)", len(s))
	}
}
