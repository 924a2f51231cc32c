package app

import (
	"image"
	"image/color"
	"testing"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

// countColour counts the pixels of img within 40 of c on every channel.
func countColour(img image.Image, c color.NRGBA) int {
	n := 0
	b := img.Bounds()
	near := func(a uint32, b uint8) bool { d := int(a>>8) - int(b); return d > -40 && d < 40 }
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if near(r, c.R) && near(g, c.G) && near(bl, c.B) {
				n++
			}
		}
	}
	return n
}

// TestPosterDrawsPictures: the PNG export can draw each event's first
// picture beside its title, as View › Pictures on the timeline does.
func TestPosterDrawsPictures(t *testing.T) {
	path := datatest.DefaultFile(t)
	s, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	green := color.NRGBA{0x10, 0xe0, 0x30, 0xff} // a colour the chronology does not draw
	rows, _ := s.Window(data.Filter{})
	f, err := data.LoadImageFile(writePNG(t, t.TempDir(), "green.png", 120, 90, green))
	if err == nil {
		err = s.AddImage(&data.Image{EventID: rows[len(rows)/2].ID, Caption: "Green", Credit: "Test"}, f)
	}
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	r := posterRequest{Width: 1600, Height: 1000}
	if n := countColour(poster(t, path, r), green); n != 0 {
		t.Fatalf("%d green pixels without pictures", n)
	}
	r.Pictures = true
	if n := countColour(poster(t, path, r), green); n < 100 {
		t.Errorf("%d green pixels with pictures: the thumbnail is not drawn", n)
	}
}
