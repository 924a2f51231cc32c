package app

import (
	"fmt"
	"image"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	xdraw "golang.org/x/image/draw"

	"chronoscope/data"
)

// maxShownSide bounds the long side of a picture handed to Fyne: a
// 50-megapixel photograph would otherwise become a texture of 200 MB,
// and no screen shows more than this.
const maxShownSide = 3840

// fitSide scales a picture down so that its long side is at most side
// pixels; smaller pictures are returned as they are.
func fitSide(img image.Image, side int) image.Image {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w <= side && h <= side {
		return img
	}
	tw, th := side, max(1, h*side/w)
	if h > w {
		tw, th = max(1, w*side/h), side
	}
	dst := image.NewNRGBA(image.Rect(0, 0, tw, th))
	xdraw.ApproxBiLinear.Scale(dst, dst.Bounds(), img, b, xdraw.Src, nil)
	return dst
}

// loadShownPicture reads and decodes a picture's full bytes for showing,
// scaled to fit maxShownSide. Call it off the UI goroutine.
func loadShownPicture(s *data.Store, id int64) (image.Image, error) {
	b, err := s.ImageData(id)
	if err != nil {
		return nil, err
	}
	if b == nil {
		return nil, fmt.Errorf("the picture is not in the file")
	}
	img, err := data.DecodeImage(b)
	if err != nil {
		return nil, fmt.Errorf("the picture cannot be shown: %w", err)
	}
	return fitSide(img, maxShownSide), nil
}

// fitWithin returns the size of a w × h picture scaled to fit area,
// never larger than the picture itself.
func fitWithin(w, h float32, area fyne.Size) fyne.Size {
	if w <= 0 || h <= 0 {
		return area
	}
	scale := min(area.Width/w, area.Height/h, 1)
	return fyne.NewSize(w*scale, h*scale)
}

// pictureText is the caption, credit and alt text shown beneath a
// picture, and for a remote one where it is and how to bring it in.
func pictureText(im data.Image) fyne.CanvasObject {
	box := container.NewVBox()
	if im.Caption != "" {
		c := widget.NewLabel(im.Caption)
		c.Wrapping = fyne.TextWrapWord
		box.Add(c)
	}
	credit := widget.NewLabelWithStyle(creditLine(im), fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	credit.Wrapping = fyne.TextWrapWord
	if im.Credit == "" {
		credit.Importance = widget.WarningImportance
	}
	box.Add(credit)
	if im.Remote() {
		note := widget.NewLabel("This picture is not in the file; it is at " + im.URL +
			". File › Make pictures available offline fetches it into the file.")
		note.Wrapping = fyne.TextWrapBreak
		note.Importance = widget.LowImportance
		box.Add(note)
	}
	return box
}

// showPicture opens a window with a picture as large as fits the screen,
// its caption and credit beneath: the thumbnail at once, the full picture
// once read (off the UI goroutine). A remote picture shows what it is and
// where, never a blank box.
func (ui *UI) showPicture(im data.Image) fyne.Window {
	title := "Picture"
	if im.Caption != "" {
		title = im.Caption
	}
	w := ui.App.NewWindow(title)
	text := pictureText(im)
	// The main window stands for the screen: Fyne does not tell a
	// screen's size. The picture takes what the text leaves.
	screen := ui.Window.Canvas().Size()
	area := fyne.NewSize(max(screen.Width*0.9, 480), max(screen.Height*0.9-text.MinSize().Height, 320))
	var picture fyne.CanvasObject
	if im.Remote() {
		picture = thumbnailObject(im, fyne.NewSize(480, 320), nil)
	} else {
		ci := canvas.NewImageFromImage(decodeThumbnail(im.Thumbnail))
		ci.FillMode = canvas.ImageFillContain
		ci.ScaleMode = canvas.ImageScaleSmooth
		ci.SetMinSize(fitWithin(float32(im.Width), float32(im.Height), area))
		picture = ci
		status := widget.NewLabel("")
		status.Importance = widget.DangerImportance
		status.Hide()
		text = container.NewVBox(status, text)
		s := ui.store
		ui.async(func() {
			img, err := loadShownPicture(s, im.ID)
			fyne.Do(func() {
				if err != nil {
					status.SetText(err.Error())
					status.Show()
					return
				}
				ci.Image = img
				ci.Refresh()
			})
		})
	}
	close := widget.NewButtonWithIcon("Close", theme.CancelIcon(), w.Close)
	w.SetContent(container.NewBorder(nil, container.NewPadded(container.NewBorder(nil, nil, nil, container.NewVBox(close), text)), nil, nil, picture))
	w.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyEscape {
			w.Close()
		}
	})
	w.Resize(w.Content().MinSize())
	w.CenterOnScreen()
	w.Show()
	return w
}
