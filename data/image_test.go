package data_test

import (
	"bytes"
	"database/sql"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/color/palette"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

// pngBytes encodes a w × h picture: a gradient, opaque or with a
// transparent half.
func pngBytes(t testing.TB, w, h int, transparent bool) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			a := uint8(255)
			if transparent && x < w/2 {
				a = 0
			}
			img.SetNRGBA(x, y, color.NRGBA{uint8(x), uint8(y), 200, a})
		}
	}
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func jpegBytes(t testing.TB, w, h int) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.Set(x, y, color.RGBA{uint8(x), 90, uint8(y), 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// gifBytes makes a two-frame GIF: the first frame red, the second blue.
func gifBytes(t testing.TB, w, h int) []byte {
	t.Helper()
	g := &gif.GIF{}
	for _, c := range []color.Color{color.RGBA{255, 0, 0, 255}, color.RGBA{0, 0, 255, 255}} {
		f := image.NewPaletted(image.Rect(0, 0, w, h), palette.Plan9)
		for i := range f.Pix {
			f.Pix[i] = uint8(color.Palette(palette.Plan9).Index(c))
		}
		g.Image = append(g.Image, f)
		g.Delay = append(g.Delay, 10)
	}
	var b bytes.Buffer
	if err := gif.EncodeAll(&b, g); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// bitWriter writes the least significant bit first, as WebP's lossless
// format reads them.
type bitWriter struct {
	b     []byte
	cur   uint64
	nbits uint
}

func (w *bitWriter) put(v uint64, n uint) {
	w.cur |= v << w.nbits
	w.nbits += n
	for w.nbits >= 8 {
		w.b = append(w.b, byte(w.cur))
		w.cur >>= 8
		w.nbits -= 8
	}
}

func (w *bitWriter) bytes() []byte {
	if w.nbits > 0 {
		w.b = append(w.b, byte(w.cur))
	}
	return w.b
}

// webpBytes makes a lossless WebP of one colour, of any size up to
// 16384 × 16384: each of its prefix codes has a single symbol, so the
// pixels take no bits at all (which also makes a tiny file claiming a huge
// picture).
func webpBytes(w, h int, c color.NRGBA) []byte {
	var bw bitWriter
	bw.put(0x2f, 8)
	bw.put(uint64(w-1), 14)
	bw.put(uint64(h-1), 14)
	bw.put(1, 1) // alpha used
	bw.put(0, 3) // version
	bw.put(0, 1) // no transform
	bw.put(0, 1) // no colour cache
	bw.put(0, 1) // no meta prefix codes
	for _, sym := range []uint8{c.G, c.R, c.B, c.A} {
		bw.put(1, 1) // simple code
		bw.put(0, 1) // one symbol
		bw.put(1, 1) // of 8 bits
		bw.put(uint64(sym), 8)
	}
	bw.put(1, 1) // the distance code: simple, one symbol, 1 bit, 0
	bw.put(0, 1)
	bw.put(0, 1)
	bw.put(0, 1)
	payload := bw.bytes()
	chunk := append([]byte("VP8L"), binary.LittleEndian.AppendUint32(nil, uint32(len(payload)))...)
	chunk = append(chunk, payload...)
	if len(payload)%2 == 1 {
		chunk = append(chunk, 0)
	}
	out := append([]byte("RIFF"), binary.LittleEndian.AppendUint32(nil, uint32(4+len(chunk)))...)
	out = append(out, "WEBP"...)
	return append(out, chunk...)
}

// pngBomb is a PNG header alone claiming a w × h picture: 57 bytes.
func pngBomb(w, h uint32) []byte {
	ihdr := []byte("IHDR")
	ihdr = binary.BigEndian.AppendUint32(ihdr, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 6, 0, 0, 0) // 8-bit RGBA
	b := []byte("\x89PNG\r\n\x1a\n")
	b = binary.BigEndian.AppendUint32(b, 13)
	b = append(b, ihdr...)
	b = binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(ihdr))
	return append(b, []byte("\x00\x00\x00\x00IDAT\x35\xaf\x06\x1e")...)
}

func mustImageFile(t testing.TB, name string, b []byte) *data.ImageFile {
	t.Helper()
	f, err := data.DecodeImageFile(name, b, "")
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func mustEvent(t testing.TB, s *data.Store, title string) int64 {
	t.Helper()
	e := data.Event{Title: title, Start: data.Date{Year: 2014, Month: 12, Day: 19, Precision: data.PrecisionDay}, Certainty: data.Confirmed, Importance: 3}
	if err := s.CreateEvent(&e); err != nil {
		t.Fatal(err)
	}
	return e.ID
}

func thumbSize(t *testing.T, thumb []byte) (image.Image, string) {
	t.Helper()
	img, format, err := image.Decode(bytes.NewReader(thumb))
	if err != nil {
		t.Fatalf("thumbnail: %v", err)
	}
	return img, format
}

func TestImageFormatsRoundTrip(t *testing.T) {
	s := datatest.NewStore(t)
	ev := mustEvent(t, s, "Sony's network is broken into")
	cases := []struct {
		name         string
		b            []byte
		format       data.ImageFormat
		w, h         int
		tw, th       int
		thumbFormat  string
		firstPixelRB [2]uint32 // the thumbnail's top-right pixel's red and blue, to 8 bits
	}{
		{"wide.png", pngBytes(t, 1000, 500, false), data.PNG, 1000, 500, 320, 160, "jpeg", [2]uint32{}},
		{"clear.png", pngBytes(t, 200, 400, true), data.PNG, 200, 400, 160, 320, "png", [2]uint32{}},
		{"photo.JPG", jpegBytes(t, 64, 48), data.JPEG, 64, 48, 64, 48, "jpeg", [2]uint32{}},
		{"anim.gif", gifBytes(t, 40, 30), data.GIF, 40, 30, 40, 30, "jpeg", [2]uint32{255, 0}},
		{"flat.webp", webpBytes(700, 350, color.NRGBA{10, 200, 30, 255}), data.WebP, 700, 350, 320, 160, "jpeg", [2]uint32{10, 30}},
	}
	var stored []data.Image
	for _, c := range cases {
		f := mustImageFile(t, c.name, c.b)
		if f.Format != c.format || f.Width != c.w || f.Height != c.h || f.Size() != int64(len(c.b)) {
			t.Errorf("%s: read as %s %d × %d, %d bytes; want %s %d × %d, %d", c.name, f.Format, f.Width, f.Height, f.Size(), c.format, c.w, c.h, len(c.b))
		}
		im := data.Image{EventID: ev, Caption: "caption of " + c.name, Credit: "Photo: A. Person", Alt: "alt of " + c.name, URL: "https://example.org/" + c.name}
		if err := s.AddImage(&im, f); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		stored = append(stored, im)
	}
	got, err := s.EventImages(ev)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(cases) {
		t.Fatalf("%d images, want %d", len(got), len(cases))
	}
	for i, c := range cases {
		im := got[i]
		if !reflect.DeepEqual(im, stored[i]) {
			t.Errorf("%s: read back %+v, stored %+v", c.name, im, stored[i])
		}
		if im.Position != i || im.Format != c.format || im.Width != c.w || im.Height != c.h || im.Remote() {
			t.Errorf("%s: position %d format %q %d × %d, want %d %q %d × %d", c.name, im.Position, im.Format, im.Width, im.Height, i, c.format, c.w, c.h)
		}
		th, tf := thumbSize(t, im.Thumbnail)
		if b := th.Bounds(); b.Dx() != c.tw || b.Dy() != c.th || tf != c.thumbFormat {
			t.Errorf("%s: thumbnail %s %d × %d, want %s %d × %d", c.name, tf, b.Dx(), b.Dy(), c.thumbFormat, c.tw, c.th)
		}
		if c.firstPixelRB != [2]uint32{} {
			r, _, b, _ := th.At(th.Bounds().Max.X-1, 0).RGBA()
			if d := int(r>>8) - int(c.firstPixelRB[0]); d < -12 || d > 12 {
				t.Errorf("%s: thumbnail red %d, want about %d", c.name, r>>8, c.firstPixelRB[0])
			}
			if d := int(b>>8) - int(c.firstPixelRB[1]); d < -12 || d > 12 {
				t.Errorf("%s: thumbnail blue %d, want about %d", c.name, b>>8, c.firstPixelRB[1])
			}
		}
		full, err := s.ImageData(im.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(full, c.b) {
			t.Errorf("%s: ImageData gives %d bytes, not the %d stored", c.name, len(full), len(c.b))
		}
	}
	if problems, err := s.Check(); err != nil || len(problems) != 0 {
		t.Errorf("Check: %v %v", problems, err)
	}
	if n, r, err := s.ImageCounts(); err != nil || n != len(cases) || r != 0 {
		t.Errorf("ImageCounts = %d, %d, %v; want %d, 0", n, r, err, len(cases))
	}
}

func TestImageGuards(t *testing.T) {
	png100 := pngBytes(t, 100, 80, false)
	jpg := jpegBytes(t, 100, 80)
	cases := []struct {
		name     string
		b        []byte
		declared string
		want     []string // in the message, besides the name
	}{
		{"bomb.png", pngBomb(100000, 100000), "", []string{"100000 × 100000", "10000 megapixels", "more than the 50 megapixels"}},
		{"wide.png", pngBomb(1_000_000, 60), "", []string{"1000000 × 60", "more than the 50 megapixels"}},
		{"bomb.webp", webpBytes(16384, 16384, color.NRGBA{1, 2, 3, 255}), "", []string{"16384 × 16384", "268 megapixels"}},
		{"cut.png", png100[:len(png100)/2], "", []string{"PNG data is damaged or cut short"}},
		{"cut.jpg", jpg[:len(jpg)*2/3], "", []string{"JPEG data is damaged or cut short"}},
		{"head.jpg", jpg[:20], "", []string{"JPEG data is damaged or cut short"}},
		{"photo.jpg", png100, "", []string{"its name says JPEG but the file is a PNG image"}},
		{"notes.png", []byte("Meeting notes, 19 December 2014\n"), "", []string{"not a PNG, JPEG, GIF or WebP image"}},
		{"page.png", []byte("<!DOCTYPE html><html><body>Not found</body></html>"), "", []string{"a web page"}},
		{"empty.gif", nil, "", []string{"the file is empty"}},
		{"sent.png", png100, "text/html; charset=utf-8", []string{`sent as "text/html; charset=utf-8", not as a picture`}},
		{"sent", png100, "image/jpeg", []string{"sent as JPEG but the data is a PNG image"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := data.DecodeImageFile(c.name, c.b, c.declared)
			if err == nil {
				t.Fatalf("accepted as %s %d × %d", f.Format, f.Width, f.Height)
			}
			if !strings.HasPrefix(err.Error(), c.name+": ") {
				t.Errorf("%q does not start with the file's name", err)
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%q does not say %q", err, w)
				}
			}
		})
	}
	// What a server may send with a picture, and unnamed files.
	for _, declared := range []string{"", "image/png", "application/octet-stream", "image/PNG; q=1"} {
		if _, err := data.DecodeImageFile("download", png100, declared); err != nil {
			t.Errorf("declared %q: %v", declared, err)
		}
	}
	if _, err := data.DecodeImageFile("photo.jpeg", jpg, "image/jpg"); err != nil {
		t.Errorf("image/jpg: %v", err)
	}

	// Over the size cap: a reader is read no further than the cap, and a
	// file is refused from its size.
	big := io.MultiReader(bytes.NewReader(png100), zeros{})
	if _, err := data.ReadImageFile("huge.png", big, ""); err == nil || !strings.Contains(err.Error(), "huge.png: the file is more than the 30.0 MB") {
		t.Errorf("ReadImageFile of an endless file: %v", err)
	}
	path := filepath.Join(t.TempDir(), "poster.png")
	if err := os.WriteFile(path, png100, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, data.MaxImageBytes+1); err != nil {
		t.Fatal(err)
	}
	if _, err := data.LoadImageFile(path); err == nil || !strings.Contains(err.Error(), "poster.png: the file is 30.0 MB, more than the 30.0 MB") {
		t.Errorf("LoadImageFile of a 30 MB + 1 file: %v", err)
	}
	if _, err := data.LoadImageFile(filepath.Join(t.TempDir(), "missing.png")); err == nil || !strings.HasPrefix(err.Error(), "missing.png: ") {
		t.Errorf("LoadImageFile of a missing file: %v", err)
	}
	if err := os.WriteFile(path, png100, 0o644); err != nil {
		t.Fatal(err)
	}
	if f, err := data.LoadImageFile(path); err != nil || f.Name != "poster.png" || f.Width != 100 {
		t.Errorf("LoadImageFile = %+v, %v", f, err)
	}
}

// zeros is an endless reader of zero bytes.
type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// imagesOf reads an event's images and their bytes.
func imagesOf(t *testing.T, s *data.Store, ev int64) ([]data.Image, [][]byte) {
	t.Helper()
	ims, err := s.EventImages(ev)
	if err != nil {
		t.Fatal(err)
	}
	var bs [][]byte
	for _, im := range ims {
		b, err := s.ImageData(im.ID)
		if err != nil {
			t.Fatal(err)
		}
		bs = append(bs, b)
	}
	return ims, bs
}

func captions(ims []data.Image) string {
	var out []string
	for _, im := range ims {
		out = append(out, im.Caption)
	}
	return strings.Join(out, ",")
}

func TestImageOrderEditAndUndo(t *testing.T) {
	s := datatest.NewStore(t)
	ev := mustEvent(t, s, "The FBI names North Korea")
	other := mustEvent(t, s, "North Korea denies it")
	src := data.Source{Title: "FBI press release"}
	if err := s.CreateSource(&src); err != nil {
		t.Fatal(err)
	}
	for i, name := range []string{"a", "b", "c", "d"} {
		im := data.Image{EventID: ev, Caption: name, Credit: "credit " + name}
		var f *data.ImageFile
		if i == 2 {
			im.URL = "https://example.org/c.jpg" // remote
		} else {
			f = mustImageFile(t, name+".png", pngBytes(t, 10+i, 10, false))
		}
		if i == 1 {
			im.SourceID = src.ID
		}
		if err := s.AddImage(&im, f); err != nil {
			t.Fatal(err)
		}
		if im.Position != i {
			t.Errorf("%s at place %d, want %d", name, im.Position, i)
		}
	}
	ims, _ := imagesOf(t, s, ev)
	byCaption := map[string]data.Image{}
	for _, im := range ims {
		byCaption[im.Caption] = im
	}

	steps := []struct {
		do   func() error
		want string
	}{
		{func() error { _, err := s.MoveImage(byCaption["d"].ID, 0); return err }, "d,a,b,c"},
		{func() error { _, err := s.MoveImage(byCaption["d"].ID, 99); return err }, "a,b,c,d"},
		{func() error { _, err := s.MoveImage(byCaption["a"].ID, 2); return err }, "b,c,a,d"},
		{func() error { _, err := s.MoveImage(byCaption["a"].ID, -5); return err }, "a,b,c,d"},
		{func() error {
			im := byCaption["b"]
			im.Caption, im.Credit, im.Alt, im.Position = "B", "credit B", "alt B", 3
			im.Format, im.Thumbnail = "", nil // ignored: the picture is the stored one
			return s.UpdateImage(&im)
		}, "a,c,d,B"},
	}
	for i, st := range steps {
		if err := st.do(); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		got, _ := imagesOf(t, s, ev)
		if captions(got) != st.want {
			t.Fatalf("step %d: order %s, want %s", i, captions(got), st.want)
		}
	}
	b, err := s.Image(byCaption["b"].ID)
	if err != nil {
		t.Fatal(err)
	}
	if b.Format != data.PNG || len(b.Thumbnail) == 0 || b.Alt != "alt B" || b.Position != 3 || b.SourceID != src.ID {
		t.Errorf("after UpdateImage: %+v", b)
	}

	// Delete and restore each image: the event's images come back exactly.
	before, beforeData := imagesOf(t, s, ev)
	for _, im := range before {
		bytes, err := s.ImageData(im.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteImage(im.ID); err != nil {
			t.Fatal(err)
		}
		got, _ := imagesOf(t, s, ev)
		for i, g := range got {
			if g.Position != i {
				t.Errorf("after deleting %s: %s at place %d, want %d", im.Caption, g.Caption, g.Position, i)
			}
		}
		if _, err := s.ImageData(im.ID); !errors.Is(err, data.ErrNotFound) {
			t.Errorf("ImageData of a deleted image: %v", err)
		}
		if err := s.RestoreImage(im, bytes); err != nil {
			t.Fatal(err)
		}
		after, afterData := imagesOf(t, s, ev)
		if !reflect.DeepEqual(after, before) || !reflect.DeepEqual(afterData, beforeData) {
			t.Errorf("restoring %s: %s, want %s", im.Caption, captions(after), captions(before))
		}
	}
	// A restore is refused with bytes other than the image's, or twice.
	a := before[0]
	if err := s.RestoreImage(a, beforeData[0]); err == nil {
		t.Error("RestoreImage of an image that exists was accepted")
	}
	if err := s.DeleteImage(a.ID); err != nil {
		t.Fatal(err)
	}
	for name, bad := range map[string][]byte{"other bytes": pngBytes(t, 3, 3, false), "none": nil, "cut": beforeData[0][:len(beforeData[0])-1]} {
		var fe *data.FieldError
		if err := s.RestoreImage(a, bad); !errors.As(err, &fe) || fe.Field != "data" {
			t.Errorf("RestoreImage with %s: %v", name, err)
		}
	}
	if err := s.RestoreImage(a, beforeData[0]); err != nil {
		t.Fatal(err)
	}

	// Deleting the event deletes its images; the undo reads them first
	// and restores them after the event.
	e, err := s.Event(ev)
	if err != nil {
		t.Fatal(err)
	}
	before, beforeData = imagesOf(t, s, ev)
	if err := s.DeleteEvent(ev); err != nil {
		t.Fatal(err)
	}
	if n, r, err := s.ImageCounts(); err != nil || n != 0 || r != 0 {
		t.Errorf("after DeleteEvent: %d embedded, %d remote images (%v)", n, r, err)
	}
	if problems, err := s.Check(); err != nil || len(problems) != 0 {
		t.Errorf("Check after DeleteEvent: %v %v", problems, err)
	}
	err = s.Update(func(tx *data.Tx) error {
		if err := tx.RestoreEvent(e, nil); err != nil {
			return err
		}
		for i, im := range before {
			if err := tx.RestoreImage(im, beforeData[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	after, afterData := imagesOf(t, s, ev)
	if !reflect.DeepEqual(after, before) || !reflect.DeepEqual(afterData, beforeData) {
		t.Errorf("undo of DeleteEvent: %s, want %s", captions(after), captions(before))
	}

	// Deleting a source leaves its images without it; SourceImages is what
	// an undo reads first.
	var named []data.Image
	if err := s.View(func(tx *data.Tx) error { named, err = tx.SourceImages(src.ID); return err }); err != nil || len(named) != 1 || named[0].Caption != "B" {
		t.Fatalf("SourceImages = %v, %v", named, err)
	}
	if err := s.DeleteSource(src.ID); err != nil {
		t.Fatal(err)
	}
	if b, _ := s.Image(named[0].ID); b.SourceID != 0 {
		t.Errorf("after DeleteSource the image names source %d", b.SourceID)
	}

	// Refusals store nothing.
	for name, im := range map[string]data.Image{
		"no event":      {Caption: "x"},
		"missing event": {EventID: 999, URL: "https://example.org/x.png"},
		"no source":     {EventID: other, SourceID: 999, URL: "https://example.org/x.png"},
		"no address":    {EventID: other},
		"ftp":           {EventID: other, URL: "ftp://example.org/x.png"},
		"mailto":        {EventID: other, URL: "mailto:a@example.org"},
		"script":        {EventID: other, URL: "javascript:alert(1)"},
	} {
		var fe *data.FieldError
		if err := s.AddImage(&im, nil); !errors.As(err, &fe) {
			t.Errorf("%s: AddImage gave %v, want a *FieldError", name, err)
		}
		if im.ID != 0 {
			t.Errorf("%s: the refused image got id %d", name, im.ID)
		}
	}
	if ims, _ := imagesOf(t, s, other); len(ims) != 0 {
		t.Errorf("refused images were stored: %v", captions(ims))
	}
	// A transaction that fails after adding a picture leaves nothing.
	boom := errors.New("boom")
	err = s.Update(func(tx *data.Tx) error {
		im := data.Image{EventID: other, Caption: "half"}
		if err := tx.AddImage(&im, mustImageFile(t, "half.png", pngBytes(t, 5, 5, false))); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if ims, _ := imagesOf(t, s, other); len(ims) != 0 {
		t.Errorf("a rolled back image was stored: %v", captions(ims))
	}
}

func TestRemoteImagesAndEmbedding(t *testing.T) {
	s := datatest.NewStore(t)
	ev := mustEvent(t, s, "Obama promises a proportional response")
	im := data.Image{EventID: ev, Caption: "The briefing room", Credit: "White House", URL: "https://example.org/briefing.jpg"}
	if err := s.AddImage(&im, nil); err != nil {
		t.Fatal(err)
	}
	if !im.Remote() || im.Thumbnail != nil || im.Size != 0 {
		t.Errorf("remote image stored as %+v", im)
	}
	if b, err := s.ImageData(im.ID); err != nil || b != nil {
		t.Errorf("ImageData of a remote image = %d bytes, %v", len(b), err)
	}
	remote, err := s.RemoteImages()
	if err != nil || len(remote) != 1 || remote[0].ID != im.ID {
		t.Fatalf("RemoteImages = %v, %v", remote, err)
	}
	jpg := jpegBytes(t, 400, 300)
	if err := s.EmbedImage(im.ID, mustImageFile(t, "briefing.jpg", jpg)); err != nil {
		t.Fatal(err)
	}
	got, err := s.Image(im.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Remote() || got.Format != data.JPEG || got.Width != 400 || got.URL != im.URL || got.Caption != im.Caption {
		t.Errorf("after EmbedImage: %+v", got)
	}
	if b, _ := s.ImageData(im.ID); !bytes.Equal(b, jpg) {
		t.Errorf("ImageData after EmbedImage: %d bytes, want %d", len(b), len(jpg))
	}
	var fe *data.FieldError
	if err := s.EmbedImage(im.ID, mustImageFile(t, "again.jpg", jpg)); !errors.As(err, &fe) {
		t.Errorf("embedding twice: %v", err)
	}
	if remote, _ := s.RemoteImages(); len(remote) != 0 {
		t.Errorf("RemoteImages after embedding: %v", remote)
	}
	if problems, err := s.Check(); err != nil || len(problems) != 0 {
		t.Errorf("Check: %v %v", problems, err)
	}
	if err := s.UnembedImage(im.ID); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Image(im.ID); !reflect.DeepEqual(got, im) {
		t.Errorf("after UnembedImage: %+v, want %+v", got, im)
	}
	// An image whose bytes are the only copy is never made remote.
	local := data.Image{EventID: ev, Caption: "local"}
	if err := s.AddImage(&local, mustImageFile(t, "local.png", pngBytes(t, 4, 4, false))); err != nil {
		t.Fatal(err)
	}
	if err := s.UnembedImage(local.ID); !errors.As(err, &fe) {
		t.Errorf("UnembedImage of an image without address: %v", err)
	}
	if n, r, err := s.ImageCounts(); err != nil || n != 1 || r != 1 {
		t.Errorf("ImageCounts = %d, %d, %v; want 1, 1", n, r, err)
	}
	// The first picture in the file: the remote one before it is left out,
	// and a move changes which is first.
	second := data.Image{EventID: ev, Caption: "second"}
	if err := s.AddImage(&second, mustImageFile(t, "second.png", pngBytes(t, 4, 4, false))); err != nil {
		t.Fatal(err)
	}
	other := mustEvent(t, s, "North Korea denies hacking Sony")
	if err := s.AddImage(&data.Image{EventID: other, URL: "https://example.org/kcna.jpg"}, nil); err != nil {
		t.Fatal(err)
	}
	if got, err := s.FirstImages(); err != nil || !reflect.DeepEqual(got, map[int64]int64{ev: local.ID}) {
		t.Errorf("FirstImages = %v, %v; want event %d → image %d", got, err, ev, local.ID)
	}
	if _, err := s.MoveImage(second.ID, 0); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.FirstImages(); got[ev] != second.ID {
		t.Errorf("FirstImages after moving %d first = %v", second.ID, got)
	}
}

func TestCheckFindsDamagedImages(t *testing.T) {
	damage := []struct {
		name, sql, want string
	}{
		{"size", "UPDATE event_image SET size = size + 1 WHERE caption = 'one'", "bytes stored where its size says"},
		{"thumbnail", "UPDATE event_image SET thumbnail = NULL WHERE caption = 'one'", "its thumbnail is missing"},
		{"bad thumbnail", "UPDATE event_image SET thumbnail = x'0102' WHERE caption = 'one'", "its thumbnail is damaged"},
		{"bytes", "DELETE FROM image_data WHERE image_id = (SELECT id FROM event_image WHERE caption = 'one')", "its bytes are missing"},
		{"cut", "UPDATE image_data SET data = substr(data, 1, 60) WHERE image_id = (SELECT id FROM event_image WHERE caption = 'one'); UPDATE event_image SET size = 60 WHERE caption = 'one'", "damaged or cut short"},
		{"dimensions", "UPDATE event_image SET width = 11 WHERE caption = 'one'", "where it says 11 × 30 PNG"},
		{"places", "UPDATE event_image SET position = 5 WHERE caption = 'two'", "images are not at places 0 to 1"},
		{"remote bytes", "UPDATE event_image SET format = '', width = 0, height = 0, size = 0, thumbnail = NULL, url = 'https://example.org/a.png' WHERE caption = 'one'", "remote, yet bytes are stored"},
	}
	for _, d := range damage {
		t.Run(d.name, func(t *testing.T) {
			s := datatest.NewStore(t)
			ev := mustEvent(t, s, "Sony cancels the release")
			for _, c := range []string{"one", "two"} {
				im := data.Image{EventID: ev, Caption: c}
				if err := s.AddImage(&im, mustImageFile(t, c+".png", pngBytes(t, 40, 30, false))); err != nil {
					t.Fatal(err)
				}
			}
			path := s.Path()
			s.Close()
			db, err := sql.Open("sqlite3", path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := db.Exec(d.sql); err != nil {
				t.Fatal(err)
			}
			db.Close()
			s, err = data.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			problems, err := s.Check()
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(strings.Join(problems, "\n"), d.want) {
				t.Errorf("Check found %q, want a problem saying %q", problems, d.want)
			}
		})
	}
}
