package app

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // thumbnails are JPEG or PNG
	_ "image/png"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chronoscope/data"
)

// Pictures in events (issue 16): the detail panel's strip of thumbnails
// with caption and credit, the buttons that add, edit, move and remove
// pictures, pictures dropped on the window, and the changes they make.

// pictureActions are what the detail panel's picture buttons do; a nil
// function hides its button.
type pictureActions struct {
	view    func(im data.Image)
	add     func(event int64) // from a file
	addURL  func(event int64) // from a web address, not fetched
	edit    func(im data.Image)
	move    func(im data.Image, to int)
	remove  func(im data.Image)
	offline func() // Make available offline
}

// pictureActions wires the panel's picture buttons to the window.
func (ui *UI) pictureActions() pictureActions {
	return pictureActions{view: func(im data.Image) { ui.showPicture(im) }, add: ui.AddPicture, addURL: ui.AddPictureAddress,
		edit: ui.EditPicture, move: ui.MovePicture, remove: ui.RemovePicture, offline: ui.MakeAvailableOffline}
}

// Sizes of the panel's picture cards.
const (
	thumbWidth, thumbHeight = 148, 104
	pictureCardHeight       = 236
)

// pictureHint tells the other ways to add pictures than the buttons.
const pictureHint = "Or drop picture files on the window, or copy their paths and paste them here (Ctrl+V)."

// noCredit is what a picture without a credit says in its place.
const noCredit = "No credit yet (needed to export it)"

// creditLine is a picture's credit as shown beneath it.
func creditLine(im data.Image) string {
	if strings.TrimSpace(im.Credit) == "" {
		return noCredit
	}
	return "Credit: " + im.Credit
}

// picturesSection shows an event's pictures: a heading with Add picture
// and Add address, then a card for each picture (thumbnail, caption,
// credit, and buttons to move, edit and remove it).
func (p *detailPanel) picturesSection(event int64, ims []data.Image) fyne.CanvasObject {
	a := p.pictures
	heading := widget.NewLabelWithStyle(fmt.Sprintf("Pictures (%d)", len(ims)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	// The two buttons wrap under each other in a narrow panel rather than
	// widening it.
	buttons := container.New(layout.NewRowWrapLayout())
	if a.add != nil {
		b := widget.NewButtonWithIcon("Add picture", theme.ContentAddIcon(), func() { a.add(event) })
		b.Importance = widget.LowImportance
		buttons.Add(b)
	}
	if a.addURL != nil {
		b := widget.NewButtonWithIcon("Add address", theme.ContentAddIcon(), func() { a.addURL(event) })
		b.Importance = widget.LowImportance
		buttons.Add(b)
	}
	box := container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, nil, buttons, heading))
	if a.add != nil {
		hint := widget.NewLabel(pictureHint)
		hint.SizeName = theme.SizeNameCaptionText
		hint.Importance = widget.LowImportance
		hint.Wrapping = fyne.TextWrapWord
		box.Add(hint)
	}
	if len(ims) == 0 {
		return box
	}
	cards := container.NewGridWrap(fyne.NewSize(thumbWidth+8, pictureCardHeight))
	remote := 0
	for _, im := range ims {
		cards.Add(p.pictureCard(im, len(ims)))
		if im.Remote() {
			remote++
		}
	}
	box.Add(cards)
	if remote > 0 && a.offline != nil {
		// The count wraps in its own line; the button stays short, so the
		// panel is not widened.
		note := widget.NewLabel(fmt.Sprintf("%d picture%s not in the file, known only by %s address.", remote, plural(remote), map[bool]string{true: "its", false: "their"}[remote == 1]))
		note.Wrapping = fyne.TextWrapWord
		note.SizeName = theme.SizeNameCaptionText
		b := widget.NewButtonWithIcon("Make available offline", theme.DownloadIcon(), a.offline)
		b.Importance = widget.LowImportance
		box.Add(note)
		box.Add(container.NewHBox(b))
	}
	return box
}

// pictureCard is one picture in the panel.
func (p *detailPanel) pictureCard(im data.Image, n int) fyne.CanvasObject {
	a := p.pictures
	var view func()
	if a.view != nil {
		view = func() { a.view(im) }
	}
	thumb := thumbnailObject(im, fyne.NewSize(thumbWidth, thumbHeight), view)
	caption := widget.NewLabel(im.Caption)
	if im.Caption == "" {
		caption.SetText("(no caption)")
		caption.Importance = widget.LowImportance
	}
	caption.Wrapping = fyne.TextWrapWord
	caption.Truncation = fyne.TextTruncateEllipsis
	credit := widget.NewLabel(creditLine(im))
	credit.SizeName = theme.SizeNameCaptionText
	credit.Truncation = fyne.TextTruncateEllipsis
	if im.Credit == "" {
		credit.Importance = widget.WarningImportance
	}
	actions := container.NewHBox()
	add := func(icon fyne.Resource, do func(), enabled bool) {
		if do == nil {
			return
		}
		b := widget.NewButtonWithIcon("", icon, do)
		b.Importance = widget.LowImportance
		if !enabled {
			b.Disable()
		}
		actions.Add(b)
	}
	if a.move != nil {
		add(theme.NavigateBackIcon(), func() { a.move(im, im.Position-1) }, im.Position > 0)
		add(theme.NavigateNextIcon(), func() { a.move(im, im.Position+1) }, im.Position < n-1)
	}
	if a.edit != nil {
		add(theme.DocumentCreateIcon(), func() { a.edit(im) }, true)
	}
	if a.remove != nil {
		add(theme.DeleteIcon(), func() { a.remove(im) }, true)
	}
	return container.NewBorder(thumb, actions, nil, nil, container.NewVBox(caption, credit))
}

// decodeThumbnail decodes a stored thumbnail; nil if it cannot be.
func decodeThumbnail(b []byte) image.Image {
	if len(b) == 0 {
		return nil
	}
	img, _, err := image.Decode(bytes.NewReader(b))
	if err != nil {
		return nil
	}
	return img
}

// thumbnailObject shows a picture's thumbnail in size, or for a remote
// picture a framed note saying it is not in the file, never a blank box;
// tapping it calls onTap (when set).
func thumbnailObject(im data.Image, size fyne.Size, onTap func()) fyne.CanvasObject {
	var obj fyne.CanvasObject
	if img := decodeThumbnail(im.Thumbnail); img != nil {
		ci := canvas.NewImageFromImage(img)
		ci.FillMode = canvas.ImageFillContain
		ci.ScaleMode = canvas.ImageScaleSmooth
		ci.SetMinSize(size)
		obj = ci
	} else {
		frame := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
		frame.StrokeColor = theme.Color(theme.ColorNameSeparator)
		frame.StrokeWidth = 1
		frame.SetMinSize(size)
		note := "Picture not in the file"
		if !im.Remote() {
			note = "Picture damaged"
		}
		l := widget.NewLabelWithStyle(note, fyne.TextAlignCenter, fyne.TextStyle{Italic: true})
		l.Wrapping = fyne.TextWrapWord
		l.SizeName = theme.SizeNameCaptionText
		obj = container.NewStack(frame, container.NewCenter(l))
	}
	if onTap == nil {
		return obj
	}
	return container.NewStack(obj, newTapArea(onTap))
}

// addedPictures is the change that adds pictures to an event; undo
// removes them (keeping their bytes), redo puts them back as they were.
func addedPictures(title string, ims []data.Image, files []*data.ImageFile) change {
	stored := make([]data.Image, len(ims))
	saved := make([][]byte, len(ims))
	first := true
	label := "Add a picture to “" + title + "”"
	if len(ims) > 1 {
		label = fmt.Sprintf("Add %d pictures to “%s”", len(ims), title)
	}
	return change{
		label: label,
		do: func(tx *data.Tx) error {
			for i := range ims {
				if first {
					im := ims[i]
					if err := tx.AddImage(&im, files[i]); err != nil {
						return err
					}
					stored[i] = im
				} else if err := tx.RestoreImage(stored[i], saved[i]); err != nil {
					return err
				}
			}
			first = false
			return nil
		},
		undo: func(tx *data.Tx) error {
			for i := len(stored) - 1; i >= 0; i-- {
				b, err := tx.ImageData(stored[i].ID)
				if err != nil {
					return err
				}
				if err := tx.DeleteImage(stored[i].ID); err != nil {
					return err
				}
				saved[i] = b
			}
			return nil
		},
	}
}

// editedPicture is the change of a picture's caption, credit, alt text or
// address.
func editedPicture(before, after data.Image) change {
	return change{
		label: "Edit the picture “" + pictureName(after) + "”",
		do:    func(tx *data.Tx) error { im := after; return tx.UpdateImage(&im) },
		undo:  func(tx *data.Tx) error { im := before; return tx.UpdateImage(&im) },
	}
}

// movedPicture is the change that moves a picture to place to among its
// event's.
func movedPicture(im data.Image, to int) change {
	return change{
		label: "Move the picture “" + pictureName(im) + "”",
		do:    func(tx *data.Tx) error { _, err := tx.MoveImage(im.ID, to); return err },
		undo:  func(tx *data.Tx) error { _, err := tx.MoveImage(im.ID, im.Position); return err },
	}
}

// removedPicture is the change that removes a picture; undo puts it back
// with its bytes at its place.
func removedPicture(im data.Image, b []byte) change {
	return change{
		label: "Remove the picture “" + pictureName(im) + "”",
		do:    func(tx *data.Tx) error { return tx.DeleteImage(im.ID) },
		undo:  func(tx *data.Tx) error { return tx.RestoreImage(im, b) },
	}
}

// pictureName names a picture in menus and messages.
func pictureName(im data.Image) string {
	switch {
	case im.Caption != "":
		return shortLabel(im.Caption)
	case im.URL != "":
		return shortLabel(im.URL)
	}
	return fmt.Sprintf("picture %d", im.Position+1)
}

// pictureEvent reads the event pictures are added to; false (with a
// message) when the file cannot be changed or the event is gone.
func (ui *UI) pictureEvent(id int64) (*data.Event, bool) {
	return ui.eventToChange(id)
}

// AddPicture asks for picture files (PNG, JPEG, GIF, WebP) to add to an
// event.
func (ui *UI) AddPicture(event int64) {
	if _, ok := ui.pictureEvent(event); !ok {
		return
	}
	ui.pickFile(data.ImageExtensions(), func(path string) { ui.addPictureFiles(event, []string{path}) })
}

// addPictureFiles reads and checks picture files off the UI goroutine,
// then adds them to an event: one file through the picture form (caption,
// credit, alt text), several at once in one change. Files that cannot be
// added (a name without a picture's extension, a file data.LoadImageFile
// refuses) are named with the reason; the others are added.
func (ui *UI) addPictureFiles(event int64, paths []string) {
	e, ok := ui.pictureEvent(event)
	if !ok {
		return
	}
	s := ui.store
	ui.async(func() {
		var files []*data.ImageFile
		var errs []error
		for _, p := range paths {
			if !data.IsImageName(p) {
				errs = append(errs, fmt.Errorf("%s: not a picture file (PNG, JPEG, GIF or WebP)", filepath.Base(p)))
				continue
			}
			f, err := data.LoadImageFile(p)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			files = append(files, f)
		}
		fyne.Do(func() {
			if ui.store != s {
				return
			}
			if len(errs) > 0 {
				ui.showError(fmt.Errorf("not added: %w", errors.Join(errs...)))
			}
			switch len(files) {
			case 0:
				return
			case 1:
				ui.showPictureForm("Add a picture", data.Image{EventID: event}, files[0], func(im data.Image) change {
					return addedPictures(e.Title, []data.Image{im}, files)
				})
			default:
				ims := make([]data.Image, len(files))
				for i := range files {
					ims[i] = data.Image{EventID: event}
				}
				if err := ui.applyChange(addedPictures(e.Title, ims, files)); err != nil {
					ui.showError(err)
					return
				}
				ui.filters.status.SetText(fmt.Sprintf("%d pictures added to “%s”: give each its credit with its edit button", len(files), shortLabel(e.Title)))
			}
		})
	})
}

// AddPictureAddress asks for the web address of a picture to add to an
// event without fetching it (Make available offline does).
func (ui *UI) AddPictureAddress(event int64) {
	e, ok := ui.pictureEvent(event)
	if !ok {
		return
	}
	ui.showPictureForm("Add a picture from the web", data.Image{EventID: event}, nil, func(im data.Image) change {
		return addedPictures(e.Title, []data.Image{im}, []*data.ImageFile{nil})
	})
}

// EditPicture opens the picture form on a picture.
func (ui *UI) EditPicture(im data.Image) {
	if !ui.editable() {
		return
	}
	ui.showPictureForm("Edit picture", im, nil, func(after data.Image) change { return editedPicture(im, after) })
}

// MovePicture moves a picture to place to among its event's pictures.
func (ui *UI) MovePicture(im data.Image, to int) {
	if !ui.editable() {
		return
	}
	if err := ui.applyChange(movedPicture(im, to)); err != nil {
		ui.showError(err)
	}
}

// RemovePicture removes a picture (undo brings it back).
func (ui *UI) RemovePicture(im data.Image) {
	if !ui.editable() {
		return
	}
	b, err := ui.store.ImageData(im.ID)
	if err != nil {
		ui.showError(err)
		return
	}
	if err := ui.applyChange(removedPicture(im, b)); err != nil {
		ui.showError(err)
		return
	}
	ui.filters.status.SetText("Picture removed: Undo (Ctrl+Z) brings it back")
}

// pictureForm is the small form of a picture's caption, credit, alt text
// and, for a picture from the web, its address.
type pictureForm struct {
	caption, credit, alt, url *widget.Entry
	errs                      *widget.Label
	dialog                    *dialog.CustomDialog
	save                      func()
}

// showPictureForm shows the form on im (f: the file being added, shown
// as its thumbnail, nil otherwise); Save makes the change makeChange
// returns and applies it, or says beside the fields what is wrong.
func (ui *UI) showPictureForm(title string, im data.Image, f *data.ImageFile, makeChange func(data.Image) change) *pictureForm {
	pf := &pictureForm{caption: widget.NewEntry(), credit: widget.NewEntry(), alt: widget.NewMultiLineEntry(), url: widget.NewEntry(), errs: widget.NewLabel("")}
	pf.caption.SetText(im.Caption)
	pf.caption.SetPlaceHolder("What the picture shows")
	pf.credit.SetText(im.Credit)
	pf.credit.SetPlaceHolder("Who made it: needed to export it to public pages")
	pf.alt.SetText(im.Alt)
	pf.alt.SetPlaceHolder("What a screen reader says of it")
	pf.alt.SetMinRowsVisible(2)
	pf.alt.Wrapping = fyne.TextWrapWord
	pf.url.SetText(im.URL)
	pf.url.SetPlaceHolder("https://…")
	pf.errs.Importance = widget.DangerImportance
	pf.errs.Wrapping = fyne.TextWrapWord
	pf.errs.Hide()
	items := []*widget.FormItem{
		widget.NewFormItem("Caption", pf.caption),
		widget.NewFormItem("Credit", pf.credit),
		widget.NewFormItem("Alt text", pf.alt),
	}
	preview := im
	if f != nil {
		preview.Thumbnail, preview.Format = f.Thumbnail(), f.Format
	}
	remote := f == nil && im.Remote()
	if remote || im.URL != "" {
		label := "Address"
		if !remote {
			label = "Taken from"
		}
		items = append(items, widget.NewFormItem(label, pf.url))
	}
	form := widget.NewForm(items...)
	var top fyne.CanvasObject = layout.NewSpacer()
	if f != nil || !im.Remote() {
		info := ""
		if f != nil {
			info = fmt.Sprintf("%s · %s, %d × %d", f.Name, f.Format.Label(), f.Width, f.Height)
		} else {
			info = fmt.Sprintf("%s, %d × %d", im.Format.Label(), im.Width, im.Height)
		}
		l := widget.NewLabel(info)
		l.SizeName = theme.SizeNameCaptionText
		top = container.NewVBox(container.NewCenter(thumbnailObject(preview, fyne.NewSize(240, 160), nil)), container.NewCenter(l))
	}
	content := container.NewBorder(top, pf.errs, nil, nil, form)
	pf.save = func() {
		v := im
		v.Caption = strings.TrimSpace(pf.caption.Text)
		v.Credit = strings.TrimSpace(pf.credit.Text)
		v.Alt = strings.TrimSpace(pf.alt.Text)
		v.URL = strings.TrimSpace(pf.url.Text)
		if f != nil {
			v.Format = f.Format // checked as an embedded picture
		}
		if err := v.Validate(); err != nil {
			pf.errs.SetText(fieldMessage(err))
			pf.errs.Show()
			return
		}
		if err := ui.applyChange(makeChange(v)); err != nil {
			pf.errs.SetText(fieldMessage(err))
			pf.errs.Show()
			return
		}
		pf.dialog.Hide()
	}
	saveB := widget.NewButtonWithIcon("Save", theme.ConfirmIcon(), pf.save)
	saveB.Importance = widget.HighImportance
	pf.dialog = dialog.NewCustomWithoutButtons(title, content, ui.Window)
	pf.dialog.SetButtons([]fyne.CanvasObject{widget.NewButton("Cancel", func() { pf.dialog.Hide() }), saveB})
	pf.dialog.Resize(fyne.NewSize(520, 0))
	pf.dialog.Show()
	if remote {
		ui.Window.Canvas().Focus(pf.url)
	} else {
		ui.Window.Canvas().Focus(pf.caption)
	}
	return pf
}

// fieldMessage writes a validation error for the form: "Address: …".
func fieldMessage(err error) string {
	var fe *data.FieldError
	if errors.As(err, &fe) {
		name := map[string]string{"url": "Address", "event": "Event", "source": "Source"}[fe.Field]
		if name == "" {
			name = fe.Field
		}
		return name + ": " + fe.Msg
	}
	return err.Error()
}

// dropPictures adds the picture files among dropped uris to the selected
// event and returns the other uris, for the window to open as before.
func (ui *UI) dropPictures(uris []fyne.URI) []fyne.URI {
	var pictures []string
	var rest []fyne.URI
	for _, u := range uris {
		if u.Scheme() == "file" && data.IsImageName(u.Path()) {
			pictures = append(pictures, u.Path())
		} else {
			rest = append(rest, u)
		}
	}
	if len(pictures) == 0 {
		return uris
	}
	id, ok := ui.timeline.tl.Selected()
	switch {
	case ui.store == nil:
		ui.showError(errors.New("open a chronology and select an event to add pictures to it"))
	case !ok:
		ui.showError(fmt.Errorf("select an event first: the dropped pictures (%s) are added to the selected event", baseNames(pictures)))
	default:
		ui.addPictureFiles(id, pictures)
	}
	return rest
}

func baseNames(paths []string) string {
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = filepath.Base(p)
	}
	return strings.Join(names, ", ")
}

// eventPictures reads an event's pictures with their bytes: what
// deleting the event deletes, read first so that its undo can put them
// back.
func eventPictures(s *data.Store, event int64) (ims []data.Image, bs [][]byte, err error) {
	err = s.View(func(tx *data.Tx) error {
		if ims, err = tx.EventImages(event); err != nil {
			return err
		}
		for _, im := range ims {
			b, err := tx.ImageData(im.ID)
			if err != nil {
				return err
			}
			bs = append(bs, b)
		}
		return nil
	})
	return ims, bs, err
}

// withPictures makes the undo of c (the delete of their event) put the
// event's pictures back after it, in order, with their bytes.
func withPictures(c change, ims []data.Image, bs [][]byte) change {
	if len(ims) == 0 {
		return c
	}
	undo := c.undo
	c.undo = func(tx *data.Tx) error {
		if err := undo(tx); err != nil {
			return err
		}
		for i, im := range ims {
			if err := tx.RestoreImage(im, bs[i]); err != nil {
				return err
			}
		}
		return nil
	}
	return c
}
