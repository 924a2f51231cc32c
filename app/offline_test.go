package app

import (
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

func pngOf(t *testing.T, w, h int) []byte {
	t.Helper()
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	for i := range img.Pix {
		img.Pix[i] = 0xff
	}
	img.SetNRGBA(0, 0, color.NRGBA{1, 2, 3, 255})
	var b bytes.Buffer
	if err := png.Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// pictureServer serves pictures on the loopback address: a good one, a
// missing one, a web page named as a picture, one too big (declared, and
// streamed without a length), and a slow one.
func pictureServer(t *testing.T, block chan struct{}) *httptest.Server {
	good := pngOf(t, 64, 48)
	mux := http.NewServeMux()
	mux.HandleFunc("/good.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write(good)
	})
	mux.HandleFunc("/page.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<!DOCTYPE html><html><body>Sign in to see this picture</body></html>"))
	})
	mux.HandleFunc("/declared-big.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Header().Set("Content-Length", "40000000")
		w.Write(good) // the client must not wait for the rest
	})
	mux.HandleFunc("/streamed-big.png", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		w.Write(good)
		chunk := make([]byte, 1<<20)
		for range 31 {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	})
	mux.HandleFunc("/slow.png", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(5 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/block.png", func(w http.ResponseWriter, r *http.Request) {
		close(block)
		<-r.Context().Done()
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func addRemote(t *testing.T, s *data.Store, ev int64, caption, url string) data.Image {
	t.Helper()
	im := data.Image{EventID: ev, Caption: caption, Credit: "Test", URL: url}
	if err := s.AddImage(&im, nil); err != nil {
		t.Fatal(err)
	}
	return im
}

func newEventIn(t *testing.T, s *data.Store, title string, month int) int64 {
	t.Helper()
	e := data.Event{Title: title, Start: data.DayDate(2014, month, 1), Certainty: data.Reported, Importance: 3}
	if err := s.CreateEvent(&e); err != nil {
		t.Fatal(err)
	}
	return e.ID
}

func TestMakeAvailableOfflineFetchesWhatItCan(t *testing.T) {
	srv := pictureServer(t, make(chan struct{}))
	s := datatest.NewStore(t)
	ev := newEventIn(t, s, "Sony Pictures is hacked", 11)
	want := map[string]string{ // caption: the reason it is not fetched, "" for fetched
		"good":         "",
		"missing":      "the server answered 404 Not Found",
		"page":         `sent as "text/html", not as a picture`,
		"declared big": "the picture is 38.1 MB, more than the 30 MB",
		"streamed big": "streamed-big.png: the file is more than the 30.0 MB",
		"slow":         "no complete answer within 2s", // long enough for 31 MB over loopback under -race on a loaded machine
	}
	ids := map[string]int64{}
	for _, c := range []struct{ caption, path string }{
		{"good", "/good.png"}, {"missing", "/missing.png"}, {"page", "/page.png"},
		{"declared big", "/declared-big.png"}, {"streamed big", "/streamed-big.png"}, {"slow", "/slow.png"},
	} {
		ids[c.caption] = addRemote(t, s, ev, c.caption, srv.URL+c.path).ID
	}
	var steps []int
	r, err := fetchRemotePictures(context.Background(), s, pictureClient(2*time.Second), func(done, total int, _ data.Image) {
		steps = append(steps, done)
		if total != 6 {
			t.Errorf("progress total %d, want 6", total)
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	if r.Total != 6 || len(r.Fetched) != 1 || r.Fetched[0] != ids["good"] || r.Cancelled {
		t.Errorf("report: %+v", r)
	}
	if len(steps) != 7 || steps[6] != 6 {
		t.Errorf("progress steps %v, want 0..6", steps)
	}
	failed := map[string]string{}
	for _, f := range r.Failed {
		failed[f.Image.Caption] = f.Err.Error()
	}
	for caption, reason := range want {
		if reason == "" {
			continue
		}
		if !strings.Contains(failed[caption], reason) {
			t.Errorf("%s: %q, want it to say %q", caption, failed[caption], reason)
		}
	}
	good, err := s.Image(ids["good"])
	if err != nil || good.Remote() || good.Width != 64 || good.URL != srv.URL+"/good.png" {
		t.Errorf("the fetched picture: %+v (%v)", good, err)
	}
	if b, _ := s.ImageData(ids["good"]); !bytes.Equal(b, pngOf(t, 64, 48)) {
		t.Error("the fetched picture's bytes are not the server's")
	}
	for caption, id := range ids {
		if caption == "good" {
			continue
		}
		if im, _ := s.Image(id); !im.Remote() {
			t.Errorf("%s: stored although it failed", caption)
		}
	}
	if problems, err := s.Check(); err != nil || len(problems) != 0 {
		t.Errorf("Check: %v %v", problems, err)
	}
	sum := r.summary()
	for _, want := range []string{"1 of 6 pictures are now in the file.", "Not fetched:", "• missing (" + srv.URL + "/missing.png): the server answered 404 Not Found"} {
		if !strings.Contains(sum, want) {
			t.Errorf("the summary lacks %q:\n%s", want, sum)
		}
	}
	// A second run has nothing left to fetch but the failures.
	again, err := fetchRemotePictures(context.Background(), s, pictureClient(2*time.Second), nil)
	if err != nil || again.Total != 5 || len(again.Fetched) != 0 {
		t.Errorf("second run: %+v, %v", again, err)
	}
}

func TestMakeAvailableOfflineCancelKeepsNothing(t *testing.T) {
	block := make(chan struct{})
	srv := pictureServer(t, block)
	s := datatest.NewStore(t)
	first := newEventIn(t, s, "The FBI blames North Korea", 12)
	later := newEventIn(t, s, "North Korea's internet goes dark", 12)
	good := addRemote(t, s, first, "good", srv.URL+"/good.png")
	addRemote(t, s, later, "blocked", srv.URL+"/block.png")
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-block // the first picture is in, the second is being fetched
		cancel()
	}()
	r, err := fetchRemotePictures(ctx, s, pictureClient(10*time.Second), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !r.Cancelled || len(r.Fetched) != 0 {
		t.Errorf("report: %+v", r)
	}
	if im, _ := s.Image(good.ID); !im.Remote() {
		t.Error("a cancelled run kept the picture it had fetched")
	}
	if n, remote, _ := s.ImageCounts(); n != 0 || remote != 2 {
		t.Errorf("after cancelling: %d in the file, %d remote; want 0, 2", n, remote)
	}
	if !strings.Contains(r.summary(), "Cancelled: no picture was added") {
		t.Errorf("summary: %s", r.summary())
	}
}

func TestFetchRefusesAddressesThatAreNotTheWeb(t *testing.T) {
	client := pictureClient(time.Second)
	for _, u := range []string{"file:///etc/passwd", "ftp://example.org/a.png", "javascript:alert(1)", "mailto:a@example.org"} {
		if _, err := fetchPicture(context.Background(), client, data.Image{URL: u}); err == nil {
			t.Errorf("%s was fetched", u)
		}
	}
	// A redirect to a file: address is not followed.
	srv := httptest.NewServer(http.RedirectHandler("file:///etc/passwd", http.StatusFound))
	defer srv.Close()
	if _, err := fetchPicture(context.Background(), client, data.Image{URL: srv.URL + "/a.png"}); err == nil || !strings.Contains(err.Error(), `uses "file"`) {
		t.Errorf("a redirect to file: gave %v", err)
	}
}
