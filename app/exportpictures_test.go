package app

import (
	"bytes"
	"encoding/json"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

// Exporting to TimelineJS or Markdown writes the pictures in the file
// beside the output (name_media/) and points at them; a chronology
// without pictures in the file makes no folder.
func TestExportWritesPicturesBeside(t *testing.T) {
	dir := t.TempDir()
	pic, err := os.ReadFile(writePNG(t, dir, "red.png", 30, 20, color.NRGBA{200, 0, 0, 255}))
	if err != nil {
		t.Fatal(err)
	}
	s := datatest.NewStore(t)
	err = s.Update(func(tx *data.Tx) error {
		e := data.Event{Title: "Screens go red", Start: data.DayDate(2014, 11, 24), Certainty: data.Confirmed, Importance: 3}
		if err := tx.CreateEvent(&e); err != nil {
			return err
		}
		f, err := data.DecodeImageFile("red.png", pic, "")
		if err != nil {
			return err
		}
		return tx.AddImage(&data.Image{EventID: e.ID, Caption: "Red", Credit: "Staff", Alt: "A red screen"}, f)
	})
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "story.json")
	if err := exportStore(s, "timelinejs", out, data.Filter{}); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Events []struct {
			Media struct{ URL, Credit, Alt string } `json:"media"`
		} `json:"events"`
	}
	b, err := os.ReadFile(out)
	if err == nil {
		err = json.Unmarshal(b, &doc)
	}
	if err != nil || len(doc.Events) != 1 {
		t.Fatalf("exported %s: %v", b, err)
	}
	m := doc.Events[0].Media
	if !strings.HasPrefix(m.URL, "story_media/") || m.Credit != "Staff" || m.Alt != "A red screen" {
		t.Errorf("media = %+v, want a picture in story_media/ with its credit and alt text", m)
	}
	if got, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(m.URL))); err != nil || !bytes.Equal(got, pic) {
		t.Errorf("%s does not hold the picture: %v", m.URL, err)
	}
	md := filepath.Join(dir, "story.md")
	if err := exportStore(s, "markdown", md, data.Filter{}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(md); !bytes.Contains(b, []byte("![A red screen]("+m.URL+")")) {
		t.Errorf("the Markdown does not link %s:\n%s", m.URL, b)
	}
	if err := exportStore(s, "html", filepath.Join(dir, "page.html"), data.Filter{}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "page_media")); !os.IsNotExist(err) {
		t.Errorf("the HTML page, which holds its pictures, made a folder: %v", err)
	}
}
