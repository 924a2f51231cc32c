package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// addCardPicture puts the event's first picture beside the card's text,
// large, with its caption and credit beneath: the thumbnail at once, the
// full picture once read. A remote picture not yet fetched shows its
// caption and credit with a note, never a blank box.
func (p *presentation) addCardPicture(d *eventDetail) {
	if d == nil || len(d.Images) == 0 {
		return
	}
	im := d.Images[0]
	// The card has the lower half of the screen; the picture takes up to
	// two fifths of its width, and a quarter of its height so that its
	// caption and credit end above the step counter in the corner.
	screen := p.ui.Window.Canvas().Size()
	area := fyne.NewSize(max(screen.Width*0.38, 240), max(screen.Height*0.26, 140))
	var picture fyne.CanvasObject
	if im.Remote() {
		picture = thumbnailObject(im, fyne.NewSize(area.Width, area.Height/2), nil)
	} else {
		ci := canvas.NewImageFromImage(decodeThumbnail(im.Thumbnail))
		ci.FillMode = canvas.ImageFillContain
		ci.ScaleMode = canvas.ImageScaleSmooth
		ci.SetMinSize(fitWithin(float32(im.Width), float32(im.Height), area))
		picture = ci
		s, step, id := p.ui.store, p.index, d.Event.ID
		p.ui.async(func() {
			img, err := loadShownPicture(s, im.ID)
			fyne.Do(func() {
				if err != nil || p.stopped || p.index != step || p.detail == nil || p.detail.Event.ID != id {
					return // the thumbnail stays; or the card has moved on
				}
				ci.Image = img
				ci.Refresh()
			})
		})
	}
	credit := widget.NewLabelWithStyle(creditLine(im), fyne.TextAlignTrailing, fyne.TextStyle{Italic: true})
	credit.Wrapping = fyne.TextWrapWord
	side := container.NewVBox(picture, credit)
	if im.Caption != "" {
		c := widget.NewLabelWithStyle(im.Caption, fyne.TextAlignTrailing, fyne.TextStyle{})
		c.Wrapping = fyne.TextWrapWord
		side.Objects = []fyne.CanvasObject{picture, c, credit}
	}
	if im.Remote() {
		note := widget.NewLabelWithStyle("Picture not in the file: File › Make pictures available offline brings it in.", fyne.TextAlignTrailing, fyne.TextStyle{})
		note.Wrapping = fyne.TextWrapWord
		side.Add(note)
	}
	sized := container.New(&fixedWidth{width: area.Width}, side)
	text := container.NewVBox(p.card.Objects...)
	p.card.Objects = []fyne.CanvasObject{container.NewBorder(nil, nil, nil, sized, text)}
}

// fixedWidth lays its objects out one above the other at a set width, so
// that wrapped labels beside a picture wrap at the picture's width.
type fixedWidth struct{ width float32 }

func (l *fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(l.width, h)
}

func (l *fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(fyne.NewSize(size.Width, o.MinSize().Height))
	}
}

// releaseCardPictures lets go of the pictures of the card about to be
// replaced. Fyne's caches keep a canvas object, and its texture, for a
// minute after it was last drawn, so a presentation stepping through large
// pictures would otherwise hold each one (2.8 MB and as much again in
// texture for a 960 × 728 picture); a refreshed object's texture is freed
// at the next frame.
func (p *presentation) releaseCardPictures() {
	var release func(o fyne.CanvasObject)
	release = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *canvas.Image:
			if o.Image != nil {
				o.Image = nil
				o.Refresh()
			}
		case *fyne.Container:
			for _, c := range o.Objects {
				release(c)
			}
		}
	}
	release(p.card)
}
