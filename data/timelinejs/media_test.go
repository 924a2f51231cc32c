package timelinejs_test

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"

	"chronoscope/data"
	"chronoscope/data/datatest"
	"chronoscope/data/timelinejs"
)

func TestMediaKind(t *testing.T) {
	tests := []struct{ url, kind string }{
		{"https://www.youtube.com/watch?v=aPweFhhXFvY", "Video (YouTube)"},
		{"https://youtu.be/aPweFhhXFvY", "Video (YouTube)"},
		{"https://vimeo.com/304869290", "Video (Vimeo)"},
		{"https://soundcloud.com/obamawhitehouse/grace-hopper", "Audio (SoundCloud)"},
		{"https://twitter.com/FBI/status/546355931245953024", "Post (Twitter)"},
		{"https://www.google.com/maps/place/Penn/@39.95,-75.19,17z", "Map (Google Maps)"},
		{"https://en.wikipedia.org/wiki/Sony_Pictures_hack", "Article (Wikipedia)"},
		{"https://commons.wikimedia.org/wiki/File:Ape_skeletons.png", "Picture page (Wikimedia Commons)"},
		{"https://www.documentcloud.org/documents/1377371-x.html", "Document (DocumentCloud)"},
		{"https://example.org/report.pdf", "Document (PDF)"},
		{"https://example.org/a/b.JPG", "Picture"},
		{"https://example.org/a/b.webp?w=200", "Picture"},
		{"https://pbs.twimg.com/media/B5Xw?format=jpg", "Picture"},
		{"https://example.org/logo.svg", "Picture (SVG)"},
		// Pages TimelineJS cannot show: the export lists them in the text.
		{"https://www.bbc.co.uk/news/technology-30200935", ""},
		{"https://www.fbi.gov/news/press-releases/update-on-sony-investigation", ""},
		{"https://en.m.wikipedia.org/wiki/Sony", ""},
		{"https://x.com/FBI/status/1", ""},
		{"javascript:alert(1)//.jpg", ""},
		{"<blockquote>a</blockquote>", ""},
	}
	for _, tt := range tests {
		if got := timelinejs.MediaKind(tt.url); got != tt.kind {
			t.Errorf("MediaKind(%q) = %q, want %q", tt.url, got, tt.kind)
		}
	}
	if timelinejs.IsPictureURL("https://commons.wikimedia.org/wiki/File:Ape_skeletons.png") {
		t.Error("a Commons file page is taken for a picture file")
	}
}

// pngBytes is a small opaque PNG.
func pngBytes(t testing.TB) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 12, 8))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	img.Set(3, 3, color.RGBA{200, 30, 30, 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// exportedSlides reads the slides of a TimelineJS document by headline.
func exportedSlides(t testing.TB, doc []byte) map[string]struct {
	Text  struct{ Text string } `json:"text"`
	Media *struct {
		URL, Caption, Credit, Alt, Thumbnail string
	} `json:"media"`
} {
	t.Helper()
	var d struct {
		Events []struct {
			Text struct {
				Headline, Text string
			} `json:"text"`
			Media *struct {
				URL, Caption, Credit, Alt, Thumbnail string
			} `json:"media"`
		} `json:"events"`
	}
	if err := json.Unmarshal(doc, &d); err != nil {
		t.Fatal(err)
	}
	out := map[string]struct {
		Text  struct{ Text string } `json:"text"`
		Media *struct {
			URL, Caption, Credit, Alt, Thumbnail string
		} `json:"media"`
	}{}
	for _, e := range d.Events {
		v := out[e.Text.Headline]
		v.Text.Text, v.Media = e.Text.Text, e.Media
		out[e.Text.Headline] = v
	}
	return out
}

// A slide's media is only what TimelineJS shows: the event's picture (a
// remote one by its address, one in the file as WriteOptions.Pictures
// writes it), else a source TimelineJS embeds. A page it cannot show,
// and every other source, is listed in the text, which the import reads
// back as citations.
func TestExportMediaOnlyForWhatTimelineJSShows(t *testing.T) {
	s := datatest.NewStore(t)
	pic := pngBytes(t)
	err := s.Update(func(tx *data.Tx) error {
		bbc := data.Source{Title: "Sony Pictures hit by hackers", Publisher: "BBC", URL: "https://www.bbc.co.uk/news/technology-30200935"}
		yt := data.Source{Title: "Interview", Publisher: "CNN", URL: "https://www.youtube.com/watch?v=abc"}
		book := data.Source{Title: "Notes from the newsroom", Author: "A. Reporter"}
		for _, src := range []*data.Source{&bbc, &yt, &book} {
			if err := tx.CreateSource(src); err != nil {
				return err
			}
		}
		events := []*data.Event{
			{Title: "Page only", Start: data.DayDate(2014, 11, 24)},
			{Title: "Page and video", Start: data.DayDate(2014, 11, 25), Description: "Two sources."},
			{Title: "Remote picture", Start: data.DayDate(2014, 11, 26)},
			{Title: "Picture in the file", Start: data.DayDate(2014, 11, 27)},
		}
		for _, e := range events {
			e.Certainty, e.Importance = data.Reported, 3
			if err := tx.CreateEvent(e); err != nil {
				return err
			}
		}
		for _, c := range []data.Citation{
			{EventID: events[0].ID, SourceID: bbc.ID, Quote: "Sony's computers were down"},
			{EventID: events[1].ID, SourceID: bbc.ID, Quote: "a \"skull\" <on> screens", Note: "first report\nsecond line"},
			{EventID: events[1].ID, SourceID: yt.ID, Quote: "we saw it"},
			{EventID: events[1].ID, SourceID: book.ID},
			{EventID: events[2].ID, SourceID: yt.ID},
		} {
			if err := tx.CreateCitation(&c); err != nil {
				return err
			}
		}
		remote := data.Image{EventID: events[2].ID, URL: "https://example.org/skull.jpg", Caption: "The skull", Credit: "Staff photo", Alt: "A red skull"}
		if err := tx.AddImage(&remote, nil); err != nil {
			return err
		}
		f, err := data.DecodeImageFile("skull.png", pic, "")
		if err != nil {
			return err
		}
		embedded := data.Image{EventID: events[3].ID, Caption: "Screen", Credit: "Employee"}
		return tx.AddImage(&embedded, f)
	})
	if err != nil {
		t.Fatal(err)
	}

	// Without a folder for pictures, one in the file with no address of
	// its own is passed over.
	slides := exportedSlides(t, exportJSON(t, s))
	if m := slides["Page only"].Media; m != nil {
		t.Errorf("a page TimelineJS cannot show is media %+v, want none", m)
	}
	if got, want := slides["Page only"].Text.Text, `<div class="chronoscope-sources"><p>Sources</p><ul><li><a href="https://www.bbc.co.uk/news/technology-30200935">Sony Pictures hit by hackers</a>, <cite>BBC</cite>: <q>Sony&#39;s computers were down</q></li></ul></div>`; got != want {
		t.Errorf("text = %s, want %s", got, want)
	}
	both := slides["Page and video"]
	if m := both.Media; m == nil || m.URL != "https://www.youtube.com/watch?v=abc" || m.Caption != "we saw it" || m.Credit != "CNN" {
		t.Errorf("media = %+v, want the YouTube video with its quote and publisher", m)
	}
	for _, want := range []string{"<p>Two sources.</p>", `<a href="https://www.bbc.co.uk/news/technology-30200935">`, "<q>a &#34;skull&#34; &lt;on&gt; screens</q>",
		"<small>first report<br>second line</small>", "<strong>Notes from the newsroom</strong>"} {
		if !strings.Contains(both.Text.Text, want) {
			t.Errorf("text %s lacks %s", both.Text.Text, want)
		}
	}
	if strings.Contains(both.Text.Text, "youtube") {
		t.Errorf("the video is listed in the text too: %s", both.Text.Text)
	}
	if m := slides["Remote picture"].Media; m == nil || *m != (struct{ URL, Caption, Credit, Alt, Thumbnail string }{
		"https://example.org/skull.jpg", "The skull", "Staff photo", "A red skull", ""}) {
		t.Errorf("media = %+v, want the remote picture with caption, credit and alt", m)
	}
	if !strings.Contains(slides["Remote picture"].Text.Text, "youtube.com/watch?v=abc") {
		t.Errorf("the video cited beside a picture is not listed: %s", slides["Remote picture"].Text.Text)
	}
	if m := slides["Picture in the file"].Media; m != nil {
		t.Errorf("a picture in the file with no folder to go to is media %+v", m)
	}

	// With a folder, the picture's bytes are handed over and the slide
	// points where they went.
	var got [][]byte
	var b bytes.Buffer
	err = s.View(func(tx *data.Tx) error {
		return timelinejs.WriteJSON(tx, &b, timelinejs.WriteOptions{Pictures: func(im data.Image, data []byte) (string, error) {
			got = append(got, data)
			return "out_media/" + im.Caption + ".png", nil
		}})
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !bytes.Equal(got[0], pic) {
		t.Errorf("Pictures was given %d pictures, want the one in the file, whole", len(got))
	}
	if m := exportedSlides(t, b.Bytes())["Picture in the file"].Media; m == nil || m.URL != "out_media/Screen.png" || m.Credit != "Employee" {
		t.Errorf("media = %+v, want out_media/Screen.png credited to Employee", m)
	}

	// The import reads the list back: same sources and citations, the
	// description without the list, and the same document again.
	back := datatest.NewStore(t)
	mustImport(t, back, jsonImport, exportJSON(t, s), "exported.json")
	e := datatest.EventTitled(t, back, "Page and video")
	if got, want := e.Description, "Two sources."; got != want {
		t.Errorf("description = %q, want %q", got, want)
	}
	cits, err := back.Citations(e.ID)
	if err != nil {
		t.Fatal(err)
	}
	var read []string
	for _, c := range cits {
		src, err := back.Source(c.SourceID)
		if err != nil {
			t.Fatal(err)
		}
		read = append(read, src.Title+"|"+src.Publisher+"|"+src.URL+"|"+c.Quote+"|"+c.Note)
	}
	want := []string{"we saw it|CNN|https://www.youtube.com/watch?v=abc|we saw it|",
		"Sony Pictures hit by hackers|BBC|https://www.bbc.co.uk/news/technology-30200935|a \"skull\" <on> screens|first report\nsecond line",
		"Notes from the newsroom||||"}
	if strings.Join(read, "\n") != strings.Join(want, "\n") {
		t.Errorf("citations read back:\n%s\nwant\n%s", strings.Join(read, "\n"), strings.Join(want, "\n"))
	}
	if again, first := exportJSON(t, back), exportJSON(t, s); !bytes.Equal(again, first) {
		t.Errorf("exported again:\n%s\nwant the first export:\n%s", again, first)
	}
	ims, err := back.EventImages(datatest.EventTitled(t, back, "Remote picture").ID)
	if err != nil || len(ims) != 1 || ims[0].URL != "https://example.org/skull.jpg" || ims[0].Alt != "A red skull" || !ims[0].Remote() {
		t.Errorf("remote picture read back as %+v, %v", ims, err)
	}
}

// A thumbnail and a picture's alt text are kept (the thumbnail as a line
// of the notes), and importing the file again updates the picture in
// place rather than adding it twice.
func TestImportKeepsThumbnailAndAltAndUpdatesPictures(t *testing.T) {
	doc := func(caption string) []byte {
		return []byte(`{"events": [{"unique_id": "a", "start_date": {"year": 2014}, "text": {"headline": "Skull"},
		  "media": {"url": "https://example.org/skull.jpg", "caption": "` + caption + `", "credit": "<b>Staff</b>",
		  "alt": "A red skull", "thumbnail": "https://example.org/skull-small.jpg"}},
		 {"unique_id": "b", "start_date": {"year": 2015}, "text": {"headline": "Video"},
		  "media": {"url": "https://vimeo.com/1", "alt": "A talk", "thumbnail": "javascript:alert(1)"}}]}`)
	}
	s := datatest.NewStore(t)
	if got, want := mustImport(t, s, jsonImport, doc("The skull"), "a.json"), (data.ImportStats{Events: 2, Images: 1, Sources: 1, Citations: 1}); got != want {
		t.Errorf("stats = %+v, want %+v", got, want)
	}
	mustImport(t, s, jsonImport, doc("The skull, again"), "a.json")
	skull := datatest.EventTitled(t, s, "Skull")
	ims, err := s.EventImages(skull.ID)
	if err != nil || len(ims) != 1 {
		t.Fatalf("images = %+v, %v; want one after importing twice", ims, err)
	}
	if im := ims[0]; im.Caption != "The skull, again" || im.Credit != "Staff" || im.Alt != "A red skull" {
		t.Errorf("image = %+v, want the second import's caption, credit Staff, alt text", im)
	}
	if got, want := skull.Notes, "TimelineJS media thumbnail: https://example.org/skull-small.jpg"; got != want {
		t.Errorf("notes = %q, want %q", got, want)
	}
	if got, want := datatest.EventTitled(t, s, "Video").Notes, "TimelineJS media alt: A talk"; got != want {
		t.Errorf("notes = %q, want %q (a thumbnail that may not be opened is dropped)", got, want)
	}
	out := exportJSON(t, s)
	for _, want := range []string{`"thumbnail": "https://example.org/skull-small.jpg"`, `"alt": "A red skull"`, `"alt": "A talk"`} {
		if !bytes.Contains(out, []byte(want)) {
			t.Errorf("export lacks %s:\n%s", want, out)
		}
	}
}

// A picture stored in the file without a credit is not a slide's media: a
// timeline others read says who made each picture.
func TestExportLeavesUncreditedPicturesOut(t *testing.T) {
	s := datatest.NewStore(t)
	pic := pngBytes(t)
	err := s.Update(func(tx *data.Tx) error {
		for _, credit := range []string{"", "Staff photo"} {
			e := &data.Event{Title: "Picture credited " + credit, Start: data.DayDate(2014, 11, 24), Certainty: data.Reported, Importance: 3}
			if err := tx.CreateEvent(e); err != nil {
				return err
			}
			f, err := data.DecodeImageFile("p.png", pic, "")
			if err != nil {
				return err
			}
			if err := tx.AddImage(&data.Image{EventID: e.ID, Caption: "cap", Credit: credit}, f); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	written := 0
	err = s.View(func(tx *data.Tx) error {
		return timelinejs.WriteJSON(tx, &b, timelinejs.WriteOptions{Pictures: func(im data.Image, _ []byte) (string, error) {
			written++
			if im.Credit == "" {
				t.Errorf("the uncredited picture was written")
			}
			return "story_media/p.png", nil
		}})
	})
	if err != nil {
		t.Fatal(err)
	}
	if written != 1 || strings.Count(b.String(), `"media"`) != 1 {
		t.Errorf("%d pictures written and %d media in %s, want 1 and 1", written, strings.Count(b.String(), `"media"`), b.String())
	}
}
