package app

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

// writePNG writes a w × h picture of one colour to dir/name.
func writePNG(t *testing.T, dir, name string, w, h int, c color.NRGBA) string {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3] = c.R, c.G, c.B, c.A
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, name)
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// topOverlay is the dialog shown last.
func topOverlay(t *testing.T, ui *UI) fyne.CanvasObject {
	t.Helper()
	top := ui.Window.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog is shown")
	}
	return top
}

// fillPictureForm types into the picture form shown and saves it.
func fillPictureForm(t *testing.T, ui *UI, caption, credit, alt string) {
	t.Helper()
	form := topOverlay(t, ui)
	entry := func(placeholder string) *widget.Entry {
		return find(t, form, func(e *widget.Entry) bool { return strings.HasPrefix(e.PlaceHolder, placeholder) })
	}
	entry("What the picture shows").SetText(caption)
	entry("Who made it").SetText(credit)
	entry("What a screen reader says").SetText(alt)
	test.Tap(findButton(t, form, "Save"))
}

// picturesState is an event's pictures with their bytes.
type picturesState struct {
	Images []data.Image
	Bytes  [][]byte
}

func picturesOf(t *testing.T, s *data.Store, ev int64) picturesState {
	t.Helper()
	ims, bs, err := eventPictures(s, ev)
	if err != nil {
		t.Fatal(err)
	}
	return picturesState{ims, bs}
}

func (p picturesState) captions() string {
	var out []string
	for _, im := range p.Images {
		out = append(out, im.Caption)
	}
	return strings.Join(out, ",")
}

func TestPicturesInThePanelAddViewEditMoveRemoveUndo(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	dir := t.TempDir()
	fbi := eventID(t, ui.store, "The FBI blames North Korea's government for the hack")
	ui.goToEvent(fbi)
	if !contains(drawn(ui.detail.Object()), "Pictures (0)") {
		t.Fatalf("the panel has no Pictures section: %q", drawn(ui.detail.Object()))
	}
	before := snapshot(t, ui.store)

	// One file: the form asks for caption, credit and alt text.
	ui.addPictureFiles(fbi, []string{writePNG(t, dir, "seal.png", 900, 600, color.NRGBA{200, 30, 30, 255})})
	fillPictureForm(t, ui, "The FBI's seal", "FBI", "A round blue seal")
	one := picturesOf(t, ui.store, fbi)
	if len(one.Images) != 1 || one.Images[0].Caption != "The FBI's seal" || one.Images[0].Credit != "FBI" ||
		one.Images[0].Alt != "A round blue seal" || one.Images[0].Width != 900 {
		t.Fatalf("stored pictures: %+v", one.Images)
	}
	panel := drawn(ui.detail.Object())
	for _, want := range []string{"Pictures (1)", "The FBI's seal", "Credit: FBI"} {
		if !contains(panel, want) {
			t.Errorf("the panel lacks %q: %q", want, panel)
		}
	}
	thumb := find(t, ui.detail.Object(), func(c *canvas.Image) bool { return c.Image != nil && c.Image.Bounds().Dx() > 100 })
	if b := thumb.Image.Bounds(); b.Dx() != 320 || b.Dy() != 213 {
		t.Errorf("the panel shows a %d × %d thumbnail, want 320 × 213", b.Dx(), b.Dy())
	}

	// A click on the thumbnail opens the picture whole, with its text.
	test.Tap(find(t, ui.detail.Object(), func(*tapArea) bool { return true }))
	var viewer fyne.Window
	for _, w := range ui.App.Driver().AllWindows() {
		if w.Title() == "The FBI's seal" {
			viewer = w
		}
	}
	if viewer == nil {
		t.Fatal("no window shows the picture")
	}
	full := find(t, viewer.Content(), func(c *canvas.Image) bool { return c.Image != nil && c.Image.Bounds().Dx() > 100 })
	if b := full.Image.Bounds(); b.Dx() != 900 || b.Dy() != 600 {
		t.Errorf("the window shows a %d × %d picture, want the whole 900 × 600", b.Dx(), b.Dy())
	}
	if got := drawn(viewer.Content()); !contains(got, "The FBI's seal") || !contains(got, "Credit: FBI") {
		t.Errorf("the window's text: %q", got)
	}
	if sz := full.MinSize(); sz.Width > 1280 || sz.Height > 800 || sz.Width < 100 {
		t.Errorf("the picture is shown at %v, not fitting the screen", sz)
	}
	viewer.Close()

	// Several files at once: added in one change, without the form.
	ui.addPictureFiles(fbi, []string{writePNG(t, dir, "b.png", 40, 30, color.NRGBA{0, 200, 0, 255}),
		writePNG(t, dir, "c.png", 30, 40, color.NRGBA{0, 0, 200, 255})})
	three := picturesOf(t, ui.store, fbi)
	if len(three.Images) != 3 {
		t.Fatalf("%d pictures after adding two more, want 3", len(three.Images))
	}
	if !contains(drawn(ui.detail.Object()), "Pictures (3)") || !contains(drawn(ui.detail.Object()), "No credit yet") {
		t.Errorf("the panel after three pictures: %q", drawn(ui.detail.Object()))
	}

	// Edit, move and remove; each undone exactly.
	ui.EditPicture(three.Images[1])
	fillPictureForm(t, ui, "Green", "Test", "")
	edited := picturesOf(t, ui.store, fbi)
	if edited.Images[1].Caption != "Green" || edited.Images[1].Credit != "Test" {
		t.Errorf("after the edit: %+v", edited.Images[1])
	}
	ui.MovePicture(edited.Images[1], 0)
	if got := picturesOf(t, ui.store, fbi).captions(); got != "Green,The FBI's seal," {
		t.Errorf("after moving Green first: %q", got)
	}
	moved := picturesOf(t, ui.store, fbi)
	ui.RemovePicture(moved.Images[1])
	if got := picturesOf(t, ui.store, fbi).captions(); got != "Green," {
		t.Errorf("after removing the seal: %q", got)
	}
	ui.Undo()
	if got := picturesOf(t, ui.store, fbi); !reflect.DeepEqual(got, moved) {
		t.Errorf("undo of the remove: %q, want %q", got.captions(), moved.captions())
	}
	ui.Undo()
	if got := picturesOf(t, ui.store, fbi); !reflect.DeepEqual(got, edited) {
		t.Errorf("undo of the move: %q, want %q", got.captions(), edited.captions())
	}
	ui.Undo()
	if got := picturesOf(t, ui.store, fbi); !reflect.DeepEqual(got, three) {
		t.Error("undo of the edit did not give the pictures back as they were")
	}
	ui.Undo()
	ui.Undo()
	if got := snapshot(t, ui.store); got != before {
		t.Error("undoing both adds did not give the chronology back as it was")
	}
	ui.Redo()
	ui.Redo()
	if got := picturesOf(t, ui.store, fbi); !reflect.DeepEqual(got, three) {
		t.Errorf("redo of both adds: %q, want %q", got.captions(), three.captions())
	}

	// Deleting the event deletes its pictures; undo brings them back.
	ui.DeleteEvent(fbi)
	test.Tap(findButton(t, topOverlay(t, ui), "Yes"))
	if n, r, _ := ui.store.ImageCounts(); n+r != 0 {
		t.Fatalf("%d pictures left after deleting their event", n+r)
	}
	ui.Undo()
	if got := picturesOf(t, ui.store, fbi); !reflect.DeepEqual(got, three) {
		t.Errorf("undo of the delete: %q, want %q", got.captions(), three.captions())
	}
}

func TestDroppedPicturesGoToTheSelectedEvent(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	dir := t.TempDir()
	pic := storage.NewFileURI(writePNG(t, dir, "dropped.png", 50, 50, color.NRGBA{9, 9, 9, 255}))
	other := storage.NewFileURI(filepath.Join(dir, "other.chrono"))

	// Nothing selected: the pictures are refused with a message, the
	// other files go on as before.
	ui.timeline.tl.Unselect()
	rest := ui.dropPictures([]fyne.URI{pic, other})
	if len(rest) != 1 || rest[0] != other {
		t.Errorf("dropPictures passed on %v, want only the chronology", rest)
	}
	if texts := drawn(topOverlay(t, ui)); !contains(texts, "Select an event first") || !contains(texts, "dropped.png") {
		t.Errorf("the message: %q", texts)
	}
	if n, r, _ := ui.store.ImageCounts(); n+r != 0 {
		t.Fatalf("%d pictures added with no event selected", n+r)
	}
	topOverlay(t, ui).Hide()

	denial := eventID(t, ui.store, "North Korea denies hacking Sony")
	ui.goToEvent(denial)
	if rest := ui.dropPictures([]fyne.URI{pic}); len(rest) != 0 {
		t.Errorf("a picture was passed on: %v", rest)
	}
	fillPictureForm(t, ui, "Dropped", "Someone", "")
	if got := picturesOf(t, ui.store, denial).captions(); got != "Dropped" {
		t.Errorf("the selected event's pictures: %q", got)
	}
	// A file that is not what its name says is refused, naming it.
	fake := filepath.Join(dir, "fake.png")
	if err := os.WriteFile(fake, []byte("<!DOCTYPE html><html></html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	ui.dropPictures([]fyne.URI{storage.NewFileURI(fake)})
	if texts := drawn(topOverlay(t, ui)); !contains(texts, "fake.png: a web page") {
		t.Errorf("the message for a fake picture: %q", texts)
	}
	if got := picturesOf(t, ui.store, denial).captions(); got != "Dropped" {
		t.Errorf("after the fake: %q", got)
	}
}

func TestPresentationCardShowsTheFirstPicture(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	obama := eventID(t, ui.store, "Obama promises a proportional response")
	denial := eventID(t, ui.store, "North Korea denies hacking Sony")
	f, err := data.LoadImageFile(writePNG(t, t.TempDir(), "podium.png", 1200, 800, color.NRGBA{30, 60, 200, 255}))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []change{
		addedPictures("Obama", []data.Image{{EventID: obama, Caption: "At the podium", Credit: "White House"}}, []*data.ImageFile{f}),
		addedPictures("Denial", []data.Image{{EventID: denial, Caption: "Pyongyang", Credit: "KCNA", URL: "https://example.org/kcna.jpg"}}, []*data.ImageFile{nil}),
	} {
		if err := ui.applyChange(c); err != nil {
			t.Fatal(err)
		}
	}
	ui.Present(false)
	p := ui.presenting
	if p == nil {
		t.Fatal("the presentation did not start")
	}
	showStep(t, p, obama)
	texts := drawn(p.card)
	for _, want := range []string{"Obama promises a proportional response", "At the podium", "Credit: White House"} {
		if !contains(texts, want) {
			t.Errorf("Obama's card lacks %q: %q", want, texts)
		}
	}
	img := find(t, p.card, func(c *canvas.Image) bool { return c.Image != nil && c.Image.Bounds().Dx() > 100 })
	if b := img.Image.Bounds(); b.Dx() != 1200 {
		t.Errorf("the card shows a %d px wide picture, want the full 1200", b.Dx())
	}
	if sz := img.MinSize(); sz.Width < 200 || sz.Height < 100 {
		t.Errorf("the card's picture is %v, not large", sz)
	}
	showStep(t, p, denial)
	texts = drawn(p.card)
	for _, want := range []string{"Pyongyang", "Credit: KCNA", "Picture not in the file"} {
		if !contains(texts, want) {
			t.Errorf("the denial's card lacks %q: %q", want, texts)
		}
	}
	p.stop()
}

func TestDeleteSourceUndoGivesItsPicturesTheirSource(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	src := sourceID(t, ui.store, article)
	fbi := eventID(t, ui.store, "The FBI blames North Korea's government for the hack")
	f, err := data.LoadImageFile(writePNG(t, t.TempDir(), "seal.png", 60, 40, color.NRGBA{200, 30, 30, 255}))
	if err != nil {
		t.Fatal(err)
	}
	add := addedPictures("FBI", []data.Image{
		{EventID: fbi, Caption: "Seal", Credit: "FBI", SourceID: src},
		{EventID: fbi, Caption: "Unsourced", Credit: "Someone"},
		{EventID: fbi, Caption: "Remote", Credit: "Reuters", SourceID: src, URL: "https://example.org/a.jpg"},
	}, []*data.ImageFile{f, f, nil})
	if err := ui.applyChange(add); err != nil {
		t.Fatal(err)
	}
	before, state := picturesOf(t, ui.store, fbi), readStoreState(t, ui.store)

	w := ui.showSources()
	w.list.Select(rowIndex(t, w, src))
	tapButton(t, ui, "Delete…")
	if q := drawn(top(t, ui)); !contains(q, "The 2 pictures taken from it keep no source") {
		t.Errorf("the question does not name the pictures: %q", q)
	}
	tapButton(t, ui, "Delete")
	deleted := picturesOf(t, ui.store, fbi)
	if len(deleted.Images) != 3 {
		t.Fatalf("%d pictures after deleting their source, want all 3", len(deleted.Images))
	}
	for i, im := range deleted.Images {
		if im.SourceID != 0 {
			t.Errorf("picture %q still names source %d", im.Caption, im.SourceID)
		}
		if !bytes.Equal(deleted.Bytes[i], before.Bytes[i]) {
			t.Errorf("picture %q lost its bytes", im.Caption)
		}
	}

	ui.Undo()
	if got := picturesOf(t, ui.store, fbi); !reflect.DeepEqual(got, before) {
		for i, im := range got.Images {
			t.Errorf("after undo picture %q names source %d, want %d", im.Caption, im.SourceID, before.Images[i].SourceID)
		}
	}
	sameState(t, "after undo", readStoreState(t, ui.store), state)
	ui.Redo()
	if got := picturesOf(t, ui.store, fbi); !reflect.DeepEqual(got, deleted) {
		t.Error("redo did not take the source off the pictures again")
	}
	ui.Undo()
	if got := picturesOf(t, ui.store, fbi); !reflect.DeepEqual(got, before) {
		t.Error("a second undo did not give the pictures their source")
	}
}

// TestPresentationLetsGoOfPastPictures: stepping through pictured events
// keeps no past card's picture, in the card objects or on the heap.
func TestPresentationLetsGoOfPastPictures(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	f, err := data.LoadImageFile(writePNG(t, t.TempDir(), "big.png", 1200, 800, color.NRGBA{30, 60, 200, 255}))
	if err != nil {
		t.Fatal(err)
	}
	rows, err := ui.store.Window(data.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rows {
		if err := ui.applyChange(addedPictures(r.Title, []data.Image{{EventID: r.ID, Credit: "Test"}}, []*data.ImageFile{f})); err != nil {
			t.Fatal(err)
		}
	}
	heap := func() int64 {
		runtime.GC()
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return int64(m.HeapAlloc)
	}
	ui.Present(false)
	p := ui.presenting
	p.show(0)
	first := find(t, p.card, func(c *canvas.Image) bool { return c.Image != nil && c.Image.Bounds().Dx() == 1200 })
	before := heap()
	for i := 1; i < len(p.steps); i++ {
		p.show(i)
	}
	grown := heap() - before
	if first.Image != nil {
		t.Error("the first card's picture is still held after stepping on")
	}
	// Each 1200 × 800 picture is 3.8 MB decoded; one is on the card.
	if n := len(p.steps); grown > 2*1200*800*4 {
		t.Errorf("the heap grew %.1f MB over %d pictured steps", float64(grown)/1e6, n)
	}
	p.stop()
}
