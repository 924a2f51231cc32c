package data_test

import (
	"bytes"
	"encoding/base64"
	"image/color"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

// imageState is every event's images with their bytes, by event title,
// without the ids a copy renumbers.
func imageState(t *testing.T, s *data.Store) map[string][]data.Image {
	t.Helper()
	rows, err := s.Window(data.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]data.Image{}
	for _, r := range rows {
		ims, bs := imagesOf(t, s, r.ID)
		for i := range ims {
			ims[i].ID, ims[i].EventID = 0, 0
			if ims[i].SourceID != 0 {
				src, err := s.Source(ims[i].SourceID)
				if err != nil {
					t.Fatal(err)
				}
				ims[i].SourceID = int64(len(src.Title)) // the same source on both sides: same title
			}
			ims[i].Thumbnail = append(ims[i].Thumbnail, bs[i]...)
		}
		if len(ims) > 0 {
			out[r.Title] = ims
		}
	}
	return out
}

func TestJSONCarriesImages(t *testing.T) {
	s := datatest.NewStore(t)
	a := mustEvent(t, s, "Sony's network is broken into")
	b := mustEvent(t, s, "The FBI names North Korea")
	src := data.Source{Title: "FBI press release", URL: "https://www.fbi.gov/news"}
	if err := s.CreateSource(&src); err != nil {
		t.Fatal(err)
	}
	add := func(ev int64, im data.Image, f *data.ImageFile) {
		im.EventID = ev
		if err := s.AddImage(&im, f); err != nil {
			t.Fatal(err)
		}
	}
	add(a, data.Image{Caption: "The skull on the screens", Credit: "Reuters", Alt: "A red skull"}, mustImageFile(t, "skull.png", pngBytes(t, 500, 300, true)))
	add(a, data.Image{Caption: "Remote", Credit: "AP", URL: "https://example.org/lot.jpg"}, nil)
	add(b, data.Image{Caption: "Press room", Credit: "FBI", SourceID: src.ID, URL: "https://example.org/room.webp"}, mustImageFile(t, "room.webp", webpBytes(90, 60, colorOf(3, 4, 5))))
	add(b, data.Image{Caption: "Logo"}, mustImageFile(t, "logo.gif", gifBytes(t, 20, 20)))

	var out bytes.Buffer
	if err := s.View(func(tx *data.Tx) error { return data.WriteJSON(tx, &out) }); err != nil {
		t.Fatal(err)
	}
	for _, frag := range []string{`"version": 3`, `"images": [`, `"caption": "The skull on the screens"`, `"credit": "Reuters"`, `"alt": "A red skull"`,
		`"url": "https://example.org/lot.jpg"`, `"source": "s` + itoa(src.ID) + `"`, `"data": "` + base64.StdEncoding.EncodeToString(gifBytes(t, 20, 20)) + `"`} {
		if !strings.Contains(out.String(), frag) {
			t.Errorf("the document lacks %s", frag)
		}
	}
	if strings.Contains(out.String(), "thumbnail") {
		t.Error("the document carries thumbnails; they are made again on import")
	}
	copyStore := datatest.NewStore(t)
	var stats data.ImportStats
	if err := copyStore.Update(func(tx *data.Tx) error {
		var err error
		stats, err = data.ReadJSON(tx, bytes.NewReader(out.Bytes()), "copy.json")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if stats.Images != 4 {
		t.Errorf("ImportStats.Images = %d, want 4", stats.Images)
	}
	got, want := imageState(t, copyStore), imageState(t, s)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the copy's images differ:\n got %v\nwant %v", summary(got), summary(want))
	}
	if problems, err := copyStore.Check(); err != nil || len(problems) != 0 {
		t.Errorf("Check of the copy: %v %v", problems, err)
	}

	// Without images a document stays at version 2, which older builds read.
	out.Reset()
	if err := datatest.DefaultStore(t).View(func(tx *data.Tx) error { return data.WriteJSON(tx, &out) }); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"version": 2`) || strings.Contains(out.String(), `"images"`) {
		t.Error("a document without images is not written as version 2")
	}
}

func summary(m map[string][]data.Image) string {
	var b strings.Builder
	for title, ims := range m {
		b.WriteString(title + ": ")
		for _, im := range ims {
			b.WriteString(im.Caption + " " + string(im.Format) + " " + itoa(im.Size) + "; ")
		}
	}
	return b.String()
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// colorOf is an opaque colour.
func colorOf(r, g, b uint8) color.NRGBA { return color.NRGBA{r, g, b, 255} }

const imageDocHead = `{"format": "chronoscope", "version": 3, "chronology": {"title": "T"}, "sources": [{"key": "s1", "title": "S"}], "events": [{"key": "a", "title": "A", "start": "2014", "certainty": "confirmed", "importance": 3, "images": [`

func TestJSONBadImagesNameThePath(t *testing.T) {
	png := base64.StdEncoding.EncodeToString(pngBytes(t, 8, 8, false))
	cut := base64.StdEncoding.EncodeToString(pngBytes(t, 8, 8, false)[:40])
	bomb := base64.StdEncoding.EncodeToString(pngBomb(100000, 100000))
	cases := []struct{ images, want string }{
		{`{"caption": "ok", "data": "` + png + `"}, {"caption": "cut", "data": "` + cut + `"}`, "doc.json: events[0].images[1].data: the PNG data is damaged or cut short"},
		{`{"data": "` + bomb + `"}`, "doc.json: events[0].images[0].data: the image is 100000 × 100000 pixels"},
		{`{"data": "aGVsbG8gd29ybGQ="}`, "doc.json: events[0].images[0].data: not a PNG, JPEG, GIF or WebP image"},
		{`{"data": "!!!"}`, "illegal base64"},
		{`{"caption": "nothing"}`, "doc.json: events[0].images[0]: a picture needs its data or its url"},
		{`{"url": "file:///etc/passwd"}`, "doc.json: events[0].images[0]: url:"},
		{`{"url": "https://example.org/a.png", "source": "s9"}`, `doc.json: events[0].images[0].source: no source has key "s9"`},
		{`{"url": "https://example.org/a.png", "thumbnail": "x"}`, `unknown field "thumbnail"`},
	}
	for _, c := range cases {
		s := datatest.NewStore(t)
		err := s.Update(func(tx *data.Tx) error {
			_, err := data.ReadJSON(tx, strings.NewReader(imageDocHead+c.images+`]}]}`), "doc.json")
			return err
		})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q", c.images[:min(len(c.images), 60)], err, c.want)
		}
		if n, r, _ := s.ImageCounts(); n+r != 0 {
			t.Errorf("%s: a refused document left %d images", c.images[:min(len(c.images), 60)], n+r)
		}
	}
}

// FuzzReadJSONImages feeds documents with pictures, good and bad, to
// ReadJSON: it never panics, and a refused document leaves no image.
func FuzzReadJSONImages(f *testing.F) {
	png := base64.StdEncoding.EncodeToString(pngBytes(f, 8, 8, true))
	for _, images := range []string{
		`{"caption": "c", "credit": "r", "alt": "a", "source": "s1", "url": "https://example.org/a.png", "data": "` + png + `"}`,
		`{"url": "https://example.org/a.png"}`,
		`{"data": "` + base64.StdEncoding.EncodeToString(pngBomb(100000, 100000)) + `"}`,
		`{"data": "` + base64.StdEncoding.EncodeToString(webpBytes(30, 20, colorOf(1, 2, 3))) + `"}`,
		`{"data": "` + base64.StdEncoding.EncodeToString(gifBytes(f, 5, 5)[:30]) + `"}`,
		`{"data": "` + base64.StdEncoding.EncodeToString(jpegBytes(f, 16, 16)) + `"}`,
		`{"url": "javascript:alert(1)"}`, `{}`, `null`, `{"data": 5}`,
	} {
		f.Add([]byte(imageDocHead + images + `]}]}`))
	}
	s := datatest.NewStore(f)
	f.Fuzz(func(t *testing.T, in []byte) {
		n0, r0, err := s.ImageCounts()
		if err != nil {
			t.Fatal(err)
		}
		err = s.Update(func(tx *data.Tx) error {
			_, err := data.ReadJSON(tx, bytes.NewReader(in), "fuzz.json")
			return err
		})
		n1, r1, cerr := s.ImageCounts()
		if cerr != nil {
			t.Fatal(cerr)
		}
		if err != nil && (n1 != n0 || r1 != r0) {
			t.Fatalf("ReadJSON failed (%v) but the images went from %d+%d to %d+%d", err, n0, r0, n1, r1)
		}
	})
}
