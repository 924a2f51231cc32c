package app

import (
	"errors"
	"fmt"
	"image"
	"image/png"
	"io"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/software"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chronoscope/data"
	"chronoscope/timeline"
)

// Poster sizes: the smallest picture worth drawing, the largest the
// software painter is asked for (a 7680×4320 poster is 33 megapixels; the
// limit leaves room for a 16K one and keeps memory to a few hundred MB),
// and the logical size a picture is laid out at before it is scaled up.
const (
	posterMinSide   = 200
	posterMaxPixels = 16384 * 8640
	posterBaseWidth = 1600
	posterBaseHigh  = 1000
)

// posterRequest says what a PNG export draws.
type posterRequest struct {
	Filter        data.Filter // the actors (lanes) shown; From/To set the range
	Width, Height int         // pixels
	Dark          bool        // the dark theme variant; light otherwise
	// From and To, when To > From, are the range shown (the window's
	// current view); otherwise the filter's range, or else the whole
	// chronology.
	From, To    float64
	SingleTrack bool
	// TitleInEveryLane draws an event's title in each of its lanes, not
	// only in its lead actor's (the window's View › Title in every lane).
	TitleInEveryLane bool
	// Links draws the story links between the events shown.
	Links bool
	// Pictures draws a thumbnail of each event's first picture beside its
	// title (as View › Pictures on the timeline does).
	Pictures bool
}

// check reports what is wrong with r's size.
func (r posterRequest) check() error {
	if r.Width < posterMinSide || r.Height < posterMinSide {
		return fmt.Errorf("%w: a picture needs a width and height of at least %d pixels (got %d×%d)", errUsage, posterMinSide, r.Width, r.Height)
	}
	if r.Width*r.Height > posterMaxPixels {
		return fmt.Errorf("%w: %d×%d is too large; at most %d megapixels", errUsage, r.Width, r.Height, posterMaxPixels/1_000_000)
	}
	return nil
}

// posterScale is the scale a picture of w×h pixels is drawn at: 1 up to
// the size of a laptop window, then larger so that a poster reads like the
// window enlarged rather than a window of tiny type.
func posterScale(w, h int) float32 {
	s := math.Min(float64(w)/posterBaseWidth, float64(h)/posterBaseHigh)
	return float32(math.Max(1, math.Round(s*4)/4))
}

// posterData is what a poster draws, read from the store.
type posterData struct {
	chron    data.Chronology
	timeline *timelineData
	lanes    []timeline.Lane
	shown    int // events that pass the filter
	// pictures are the events' thumbnails, read as the poster is drawn;
	// nil unless the request asks for them.
	pictures *timelinePictures
}

// posterPictures returns the thumbnails of s's events for a poster (read
// at once when asked for: a poster is drawn once), or nil when r asks for
// none or there are none.
func posterPictures(s *data.Store, r posterRequest) (*timelinePictures, error) {
	if !r.Pictures {
		return nil, nil
	}
	first, err := s.FirstImages()
	if err != nil || len(first) == 0 {
		return nil, err
	}
	return &timelinePictures{first: first, cache: newThumbCache(s, func(work func()) { work() }, func() {})}, nil
}

// readPoster reads what r draws of s.
func readPoster(s *data.Store, r posterRequest) (*posterData, error) {
	c, err := s.Chronology()
	if err != nil && !errors.Is(err, data.ErrNotFound) {
		return nil, err
	}
	actors, err := s.Actors()
	if err != nil {
		return nil, err
	}
	total, err := s.Count(data.Filter{})
	if err != nil {
		return nil, err
	}
	shown, err := s.Count(data.Filter{Actors: r.Filter.Actors})
	if err != nil {
		return nil, err
	}
	d, err := loadTimeline(s, c, total, data.Filter{})
	if err != nil {
		return nil, err
	}
	pics, err := posterPictures(s, r)
	if err != nil {
		return nil, err
	}
	return &posterData{chron: c, timeline: d, lanes: lanesFor(actors, r.Filter.Actors), shown: shown, pictures: pics}, nil
}

// windowPoster is what r draws of the window's chronology, from what the
// window holds already (its timeline's events, with the window's
// certainty and tag filters): the picture looks as the window does, and a
// large file is not read again. Call it on the app's goroutine.
func (ui *UI) windowPoster(r posterRequest) *posterData {
	return &posterData{chron: data.Chronology{Title: ui.title}, timeline: ui.timeline.data,
		lanes: lanesFor(ui.laneActors(), r.Filter.Actors), shown: ui.list.total}
}

// drawPoster draws p as an image of r.Width×r.Height pixels with Fyne's
// software painter (see posterCanvas). It must run on the app's goroutine.
func drawPoster(p *posterData, r posterRequest) image.Image {
	return fitImage(posterCanvas(p, r).Capture(), r.Width, r.Height)
}

// posterSurface is what a poster is drawn on: Fyne's software canvas
// (driver/software, which draws without a display; importing it also
// starts the headless app the command line draws with).
type posterSurface interface {
	Capture() image.Image
	Content() fyne.CanvasObject
}

// posterCanvas lays out a poster of p on a software canvas: the
// chronology's title and counts, the timeline as the window draws it
// (lanes, overview strip, eras) and the certainty legend.
func posterCanvas(p *posterData, r posterRequest) posterSurface {
	variant := theme.VariantLight
	if r.Dark {
		variant = theme.VariantDark
	}
	th := fixedTheme{Theme: theme.DefaultTheme(), variant: variant}

	tl := timeline.New(p.timeline.source())
	tl.SetLinksShown(timeline.LinksNone)
	if r.Links {
		tl.SetLinksShown(timeline.LinksInView)
	}
	tl.SetLocation(p.timeline.loc)
	tl.SetEras(p.timeline.eras)
	tl.SetLanes(p.lanes)
	tl.SetSingleTrack(r.SingleTrack)
	tl.SetTitleInEveryLane(r.TitleInEveryLane)
	tl.SetFitLanes(true) // a picture cannot scroll
	if p.pictures != nil {
		tl.SetThumbnails(p.pictures)
	}

	title := p.chron.Title
	if title == "" {
		title = "Chronology"
	}
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameHeadingText
	heading.Truncation = fyne.TextTruncateEllipsis
	counts := groupDigits(p.timeline.total) + " events"
	if p.shown != p.timeline.total {
		counts = groupDigits(p.shown) + " of " + groupDigits(p.timeline.total) + " events"
	}
	about := widget.NewLabel(counts)
	about.Truncation = fyne.TextTruncateEllipsis
	credit := widget.NewLabel("Chronoscope")
	credit.Importance = widget.LowImportance
	top := container.NewBorder(nil, nil, nil, credit, container.NewVBox(heading, about))
	key := timeline.NewLegend()
	key.Links = r.Links && p.timeline.links.len() > 0
	legend := container.NewHBox(key, layout.NewSpacer())

	bg := canvas.NewRectangle(th.Color(theme.ColorNameBackground, variant))
	content := container.NewThemeOverride(container.NewStack(bg,
		container.NewPadded(container.NewBorder(top, legend, nil, nil, tl))), th)

	if ss := p.timeline.src; ss != nil {
		// A poster is drawn once: read the titles it shows at once (on
		// this goroutine, which is the only one that asks for them).
		async := ss.async
		ss.async = func(work func()) { work() }
		defer func() { ss.async = async }()
	}
	c := software.NewCanvas()
	c.SetPadded(false)
	scale := posterScale(r.Width, r.Height)
	c.SetScale(scale)
	c.SetContent(content)
	c.Resize(fyne.NewSize(float32(r.Width)/scale, float32(r.Height)/scale))
	// The view is set once the timeline has its final width, so that the
	// range fills it.
	switch {
	case r.To > r.From:
		tl.ShowRange(r.From, r.To)
	case r.Filter.Windowed():
		tl.ShowRange(float64(r.Filter.From), float64(r.Filter.To))
	default:
		tl.FitAll()
	}
	if p.timeline.src != nil {
		// The first frame asks for the titles it shows (a large file's);
		// draw again with them.
		c.Capture()
		tl.Reload()
	}
	return c
}

// fitImage returns img at exactly w×h pixels: the canvas rounds its size
// to whole logical units, so it can be a pixel or two off; the missing
// edge is filled with the last row and column.
func fitImage(img image.Image, w, h int) image.Image {
	if b := img.Bounds(); b.Dx() == w && b.Dy() == h {
		return img
	}
	out := image.NewNRGBA(image.Rect(0, 0, w, h))
	b := img.Bounds()
	for y := 0; y < h; y++ {
		sy := b.Min.Y + min(y, b.Dy()-1)
		for x := 0; x < w; x++ {
			out.Set(x, y, img.At(b.Min.X+min(x, b.Dx()-1), sy))
		}
	}
	return out
}

// drawHere runs a poster's drawing on the calling goroutine: the command
// line's (and the tests'), where Fyne's headless app draws. The window
// passes fyne.DoAndWait instead, to draw on the app's goroutine.
func drawHere(draw func()) { draw() }

// writePoster draws s as r says and writes it to w as a PNG; run runs the
// drawing (drawHere, or fyne.DoAndWait in the window).
func writePoster(s *data.Store, w io.Writer, r posterRequest, run func(draw func())) error {
	if err := r.check(); err != nil {
		return err
	}
	p, err := readPoster(s, r)
	if err != nil {
		return err
	}
	return encodePoster(p, w, r, run)
}

// encodePoster draws p as r says, through run, and writes it to w as a PNG.
func encodePoster(p *posterData, w io.Writer, r posterRequest, run func(draw func())) error {
	var img image.Image
	run(func() { img = drawPoster(p, r) })
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	return enc.Encode(w, img)
}
