package export_test

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chronoscope/data"
	"chronoscope/data/export"
)

// pictureStore is tinyStore with two pictures on its first event (a PNG
// in the file, with alt text, caption and credit; a remote one) and an
// embedded one with a hostile caption on its last.
func pictureStore(t *testing.T) (*data.Store, []byte) {
	t.Helper()
	s := tinyStore(t)
	img := image.NewRGBA(image.Rect(0, 0, 40, 30))
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+3] = 0xff, 0xff
	}
	img.Set(1, 1, color.RGBA{0, 0, 255, 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	pic := b.Bytes()
	err := s.Update(func(tx *data.Tx) error {
		rows, err := tx.Window(data.Filter{})
		if err != nil {
			return err
		}
		first, last := rows[0].ID, rows[len(rows)-1].ID
		for _, p := range []struct {
			im    data.Image
			bytes []byte
		}{
			{data.Image{EventID: first, Caption: "The skull on the screens", Credit: "Staff photo", Alt: "A red skull"}, pic},
			{data.Image{EventID: first, Caption: "Not fetched", Credit: "Agency", URL: "https://example.org/skull.jpg"}, nil},
			{data.Image{EventID: last, Caption: `</figcaption><script>alert(1)</script>`, Credit: "*bold* [x](javascript:y)"}, pic},
		} {
			var f *data.ImageFile
			if p.bytes != nil {
				if f, err = data.DecodeImageFile("pic.png", p.bytes, ""); err != nil {
					return err
				}
			}
			im := p.im
			if err := tx.AddImage(&im, f); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return s, pic
}

// The offline page holds the pictures in the file as data URIs (its
// policy allows images from data: only) with alt text, caption and
// credit; a remote picture is its caption, credit and address, not loaded.
func TestWriteHTMLPictures(t *testing.T) {
	s, pic := pictureStore(t)
	p := parsePage(t, renderHTML(t, s, export.Options{}))
	p.checkSafe()
	imgs := all(p.root, tag("img"))
	if len(imgs) != 2 {
		t.Fatalf("%d <img>, want the 2 pictures in the file", len(imgs))
	}
	src, _ := attr(imgs[0], "src")
	if want := "data:image/png;base64," + base64.StdEncoding.EncodeToString(pic); src != want {
		t.Errorf("src = %.60s…, want the PNG's bytes", src)
	}
	for k, want := range map[string]string{"alt": "A red skull", "width": "40", "height": "30"} {
		if got, _ := attr(imgs[0], k); got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	if got, _ := attr(imgs[1], "alt"); got != `</figcaption><script>alert(1)</script>` {
		t.Errorf("alt = %q, want the caption (there is no alt text)", got)
	}
	var caps []string
	for _, n := range all(p.root, tag("figcaption")) {
		caps = append(caps, text(n))
	}
	if got, want := strings.Join(caps, "|"), "The skull on the screens Staff photo|Not fetched Agency|</figcaption><script>alert(1)</script> *bold* [x](javascript:y)"; got != want {
		t.Errorf("captions = %q, want %q", got, want)
	}
	remote := all(p.root, classed("div", "pic-remote"))
	if len(remote) != 1 || !strings.Contains(text(remote[0]), "https://example.org/skull.jpg") {
		t.Errorf("remote picture shown as %d notes, want one naming its address", len(remote))
	}
}

// The Markdown export writes the pictures in the file into a folder
// beside it and links them with alt text, caption and credit; a remote one
// is a link, not an image a reader's program would fetch.
func TestWriteMarkdownPictures(t *testing.T) {
	s, pic := pictureStore(t)
	out := filepath.Join(t.TempDir(), "sony story.md")
	folder := export.NewPictureFolder(out)
	md := render(t, s, func(tx *data.Tx, b *bytes.Buffer) error {
		return export.WriteMarkdown(tx, b, export.Options{Pictures: folder.Write})
	})
	files, err := filepath.Glob(filepath.Join(filepath.Dir(out), "sony story_media", "*.png"))
	if err != nil || len(files) != 2 || folder.Written() != 2 {
		t.Fatalf("pictures written: %v, %v (Written %d); want 2", files, err, folder.Written())
	}
	for _, f := range files {
		if b, err := os.ReadFile(f); err != nil || !bytes.Equal(b, pic) {
			t.Errorf("%s does not hold the picture's bytes: %v", f, err)
		}
	}
	rel := "sony%20story_media/" + filepath.Base(files[0])
	for _, want := range []string{
		"\n\n   ![A red skull](" + rel + ")\\\n   *The skull on the screens (credit: Staff photo)*\n\n" +
			"   [Picture: Not fetched](<https://example.org/skull.jpg>)\\\n   *Not fetched (credit: Agency)*\n\n2. ",
		`*\</figcaption\>\<script\>alert(1)\</script\> (credit: \*bold\* \[x\](javascript:y))*`,
	} {
		if !strings.Contains(md, want) {
			t.Errorf("Markdown lacks %q:\n%s", want, md)
		}
	}
	// Without a folder the pictures in the file are left out.
	plain := render(t, s, func(tx *data.Tx, b *bytes.Buffer) error { return export.WriteMarkdown(tx, b, export.Options{}) })
	if strings.Contains(plain, "![") || !strings.Contains(plain, "[Picture: Not fetched]") {
		t.Errorf("Markdown without a folder:\n%s", plain)
	}
	if err := folder.Remove(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(folder.Dir); !os.IsNotExist(err) {
		t.Errorf("Remove left %s: %v", folder.Dir, err)
	}
}

// A picture stored in the file without a credit stays out of the offline
// page (a page others read says who made each picture), and Uncredited
// counts it for the export to say so; a remote one without a credit is
// named by its address as before.
func TestPublicPagesLeaveUncreditedPicturesOut(t *testing.T) {
	s, pic := pictureStore(t)
	var first int64
	err := s.Update(func(tx *data.Tx) error {
		rows, err := tx.Window(data.Filter{})
		if err != nil {
			return err
		}
		first = rows[0].ID
		f, err := data.DecodeImageFile("pic.png", pic, "")
		if err != nil {
			return err
		}
		for _, im := range []data.Image{
			{EventID: first, Caption: "Nobody says who made it", Credit: "  "},
			{EventID: first, Caption: "Remote, no credit", URL: "https://example.org/x.jpg"},
		} {
			var file *data.ImageFile
			if im.URL == "" {
				file = f
			}
			if err := tx.AddImage(&im, file); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	page := renderHTML(t, s, export.Options{})
	if strings.Contains(page, "Nobody says who made it") {
		t.Error("the page shows a picture in the file without a credit")
	}
	if !strings.Contains(page, "Remote, no credit") || !strings.Contains(page, "The skull on the screens") {
		t.Error("the page lost a credited or a remote picture")
	}
	var n, none int
	s.View(func(tx *data.Tx) (err error) {
		if n, err = tx.Uncredited(data.Filter{}); err != nil {
			return err
		}
		none, err = tx.Uncredited(data.Filter{Offset: 1}) // all but the first event
		return err
	})
	if n != 1 || none != 0 {
		t.Errorf("Uncredited = %d for all and %d without the first event, want 1 and 0", n, none)
	}
}
