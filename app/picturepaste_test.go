package app

import (
	"image/color"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"chronoscope/data/datatest"
)

func TestPicturePaths(t *testing.T) {
	home, err := os.UserHomeDir()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		text string
		want []string
		err  string // part of the error, "" for none
	}{
		{text: "/tmp/a.png", want: []string{"/tmp/a.png"}},
		{text: "/tmp/a.png\r\n\n  /tmp/b.jpg  \n", want: []string{"/tmp/a.png", "/tmp/b.jpg"}},
		{text: "'/tmp/with space.png'\n\"/tmp/q.gif\"", want: []string{"/tmp/with space.png", "/tmp/q.gif"}},
		{text: "file:///tmp/a%20b.webp\nfile://localhost/tmp/c.png", want: []string{"/tmp/a b.webp", "/tmp/c.png"}},
		{text: "~/Pictures/d.png", want: []string{filepath.Join(home, "Pictures/d.png")}},
		{text: "/tmp/../tmp/./e.png", want: []string{"/tmp/e.png"}},
		{text: "", err: "no path of a picture file"},
		{text: " \n\t\n", err: "no path of a picture file"},
		{text: "The FBI blames North Korea", err: `holds "The FBI blames North Korea", not the path`},
		{text: "/tmp/a.png\nseal.png", err: `holds "seal.png"`},
		{text: "file://server/share/a.png", err: "not the address of a file on this computer"},
		{text: strings.Repeat("word ", 40), err: "…\", not the path"},
	} {
		got, err := picturePaths(tc.text)
		switch {
		case tc.err == "" && err != nil:
			t.Errorf("picturePaths(%q): %v", tc.text, err)
		case tc.err != "" && (err == nil || !strings.Contains(err.Error(), tc.err)):
			t.Errorf("picturePaths(%q) = %q, %v; want an error with %q", tc.text, got, err, tc.err)
		case !reflect.DeepEqual(got, tc.want):
			t.Errorf("picturePaths(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

func TestPastedPathsGoToTheSelectedEvent(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	dir := t.TempDir()
	seal := writePNG(t, dir, "seal.png", 90, 60, color.NRGBA{200, 30, 30, 255})
	b := writePNG(t, dir, "b.png", 40, 30, color.NRGBA{0, 200, 0, 255})
	c := writePNG(t, dir, "c d.png", 30, 40, color.NRGBA{0, 0, 200, 255})
	notes := filepath.Join(dir, "notes.txt")
	fake := filepath.Join(dir, "fake.png")
	for _, f := range []string{notes, fake} {
		if err := os.WriteFile(f, []byte("<!DOCTYPE html><html></html>"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	kb := &keyboard{t: t, w: ui.Window}
	clip := ui.App.Clipboard()
	paste := func(text string) {
		t.Helper()
		clip.SetContent(text)
		kb.shortcut(fyne.KeyV, 0)
	}
	count := func() int {
		n, r, _ := ui.store.ImageCounts()
		return n + r
	}

	// Nothing selected: refused with a message naming the files.
	ui.timeline.tl.Unselect()
	ui.Window.Canvas().Unfocus()
	paste(seal)
	if texts := drawn(topOverlay(t, ui)); !contains(texts, "Select an event first") || !contains(texts, "seal.png") {
		t.Errorf("the message: %q", texts)
	}
	if n := count(); n != 0 {
		t.Fatalf("%d pictures added with no event selected", n)
	}
	topOverlay(t, ui).Hide()

	// The timeline has the focus: it passes Paste on; one file goes
	// through the picture form, as from the Add picture dialog.
	fbi := eventID(t, ui.store, "The FBI blames North Korea's government for the hack")
	ui.goToEvent(fbi)
	if !contains(drawn(ui.detail.Object()), pictureHint) {
		t.Errorf("the panel does not say pictures can be pasted: %q", drawn(ui.detail.Object()))
	}
	ui.Window.Canvas().Focus(ui.timeline.tl)
	if ui.Window.Canvas().Focused() != ui.timeline.tl {
		t.Fatal("the timeline could not take the focus")
	}
	paste("file://" + filepath.ToSlash(seal))
	fillPictureForm(t, ui, "The FBI's seal", "FBI", "")
	if got := picturesOf(t, ui.store, fbi); got.captions() != "The FBI's seal" || got.Images[0].Width != 90 {
		t.Fatalf("after pasting one path: %+v", got.Images)
	}
	ui.Window.Canvas().Overlays().Remove(ui.Window.Canvas().Overlays().Top())

	// Clicked in the panel (nothing focused): several lines, the pictures
	// added in one change, the others named with the reason.
	ui.Window.Canvas().Unfocus()
	paste(strings.Join([]string{b, "'" + c + "'", notes, fake}, "\n"))
	got := picturesOf(t, ui.store, fbi)
	if len(got.Images) != 3 || got.Images[1].Width != 40 || got.Images[2].Width != 30 {
		t.Fatalf("after pasting four lines: %+v", got.Images)
	}
	texts := drawn(topOverlay(t, ui))
	for _, want := range []string{"notes.txt: not a picture file", "fake.png: a web page"} {
		if !contains(texts, want) {
			t.Errorf("the message lacks %q: %q", want, texts)
		}
	}
	topOverlay(t, ui).Hide()
	ui.Undo()
	if got := picturesOf(t, ui.store, fbi).captions(); got != "The FBI's seal" {
		t.Errorf("one undo took back %q, want the two pictures pasted together", got)
	}

	// Text that is not paths adds nothing and says so.
	ui.Window.Canvas().Focus(ui.timeline.tl)
	if ui.Window.Canvas().Focused() != ui.timeline.tl {
		t.Fatal("the timeline could not take the focus")
	}
	paste("North Korea denies it")
	if n := count(); n != 1 {
		t.Errorf("%d pictures after pasting words, want 1", n)
	}
	if s := ui.filters.status.Text; !strings.Contains(s, "Nothing pasted") {
		t.Errorf("the status after pasting words: %q", s)
	}

	// In a text field Paste pastes the text, as always.
	ui.Window.Canvas().Focus(ui.search)
	paste(b)
	if n := count(); n != 1 || ui.search.Text != b {
		t.Errorf("pasting into the search box: %d pictures, search %q", n, ui.search.Text)
	}
}
