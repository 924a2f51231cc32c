package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"chronoscope/timeline"
)

// pictureSizes are the sizes File › Export offers for a PNG, in order.
var pictureSizes = []struct {
	label         string
	width, height int
}{
	{"1280 × 720 (slides)", 1280, 720},
	{"1920 × 1080 (full HD)", 1920, 1080},
	{"3840 × 2160 (4K)", 3840, 2160},
	{"7680 × 4320 (poster)", 7680, 4320},
}

// Ranges a PNG export can show.
const (
	pictureView = "The current view"
	pictureAll  = "The whole chronology"
)

// pictureOptions are the export dialog's choices for a PNG: the range,
// the size and the theme.
type pictureOptions struct {
	span, size, look *widget.Select
	links            *widget.Check // draw the story links
	pictures         *widget.Check // draw the pictures' thumbnails beside the titles
	root             *fyne.Container
}

func newPictureOptions(dark bool) *pictureOptions {
	o := &pictureOptions{}
	o.span = widget.NewSelect([]string{pictureView, pictureAll}, nil)
	o.span.SetSelected(pictureView)
	var sizes []string
	for _, s := range pictureSizes {
		sizes = append(sizes, s.label)
	}
	o.size = widget.NewSelect(sizes, nil)
	o.size.SetSelected(pictureSizes[1].label)
	o.look = widget.NewSelect([]string{"Light", "Dark"}, nil)
	o.look.SetSelected("Light")
	if dark {
		o.look.SetSelected("Dark")
	}
	o.links = widget.NewCheck("Draw the story links between the events", nil)
	o.pictures = widget.NewCheck("Draw each event's first picture beside its title", nil)
	o.root = container.New(layout.NewFormLayout(), widget.NewLabel("Shows"), o.span,
		widget.NewLabel("Size"), o.size, widget.NewLabel("Theme"), o.look, widget.NewLabel("Links"), o.links,
		widget.NewLabel("Pictures"), o.pictures)
	o.root.Hide()
	return o
}

// request is what the choices ask for, with tl's view as the current one.
func (o *pictureOptions) request(tl *timeline.Timeline) posterRequest {
	r := posterRequest{Dark: o.look.Selected == "Dark", SingleTrack: tl.SingleTrack(), TitleInEveryLane: tl.TitleInEveryLane(),
		Links: o.links.Checked, Pictures: o.pictures.Checked}
	for _, s := range pictureSizes {
		if s.label == o.size.Selected {
			r.Width, r.Height = s.width, s.height
		}
	}
	if o.span.Selected == pictureView {
		vp := tl.Viewport()
		r.From, r.To = vp.Start, vp.Start+vp.PerPixel*float64(vp.Width)
	}
	return r
}
