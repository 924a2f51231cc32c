package app

import (
	"bytes"
	"image"
	"image/png"
	"math/rand/v2"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

// readBytes is how many bytes this process has read so far (rchar of
// /proc/self/io: every read and pread, SQLite's included, whether the
// page cache served it or the disk).
func readBytes(t testing.TB) int64 {
	t.Helper()
	b, err := os.ReadFile("/proc/self/io")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "rchar: "); ok {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Fatal("no rchar in /proc/self/io")
	return 0
}

// noisePNG is an uncompressed PNG of random pixels of about size bytes.
func noisePNG(t testing.TB, size int) []byte {
	t.Helper()
	side := 1
	for side*side*4 < size {
		side++
	}
	img := image.NewNRGBA(image.Rect(0, 0, side, side))
	r := rand.New(rand.NewPCG(1, 2))
	for i := range img.Pix {
		img.Pix[i] = byte(r.Uint32())
	}
	var b bytes.Buffer
	if err := (&png.Encoder{CompressionLevel: png.NoCompression}).Encode(&b, img); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// chronologyWithPictures writes a chronology of events, each with
// perEvent pictures of about size bytes (500 pictures in all), closes it
// and returns its path.
func chronologyWithPictures(t testing.TB, size int) string {
	t.Helper()
	s := datatest.NewStore(t)
	f, err := data.DecodeImageFile("noise.png", noisePNG(t, size), "")
	if err != nil {
		t.Fatal(err)
	}
	const events, perEvent = 100, 5
	err = s.Update(func(tx *data.Tx) error {
		a := data.Actor{Name: "Sony Pictures", Kind: data.KindOrganisation, Color: "#3366cc"}
		if err := tx.CreateActor(&a); err != nil {
			return err
		}
		for i := range events {
			e := data.Event{Title: "Event " + strconv.Itoa(i), Start: data.Date{Year: 2014, Month: 1 + i%12, Day: 1 + i%28, Precision: data.PrecisionDay},
				Certainty: data.Reported, Importance: 3, Actors: []data.Participant{{ActorID: a.ID}}}
			if err := tx.CreateEvent(&e); err != nil {
				return err
			}
			for j := range perEvent {
				im := data.Image{EventID: e.ID, Caption: "Picture " + strconv.Itoa(j), Credit: "Test"}
				if err := tx.AddImage(&im, f); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	path := s.Path()
	s.Close()
	if st, err := os.Stat(path); err != nil || st.Size() < int64(events*perEvent*size) {
		t.Fatalf("the file is %v bytes (%v), want over %d", st.Size(), err, events*perEvent*size)
	}
	return path
}

// openAsTheWindowDoes runs the reads of OpenFile: the chronology, the
// count, actors, their counts, tags and the timeline, then the List's
// first page.
func openAsTheWindowDoes(t testing.TB, path string) (events int) {
	t.Helper()
	s, err := data.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, err := s.Chronology()
	if err != nil {
		t.Fatal(err)
	}
	total, err := s.Count(data.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Actors(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.ActorCounts(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Tags(); err != nil {
		t.Fatal(err)
	}
	d, err := loadTimeline(s, c, total, data.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	rows, err := s.Window(data.Filter{Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	if d.total != total || len(rows) == 0 {
		t.Fatalf("read %d events, %d rows", d.total, len(rows))
	}
	return total
}

// TestOpeningReadsNoPictureBytes: a chronology of 500 pictures of
// 256 KB (128 MB) opens reading under 4 MB of it and holding no picture.
func TestOpeningReadsNoPictureBytes(t *testing.T) {
	path := chronologyWithPictures(t, 256<<10)
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	read := readBytes(t)
	if n := openAsTheWindowDoes(t, path); n != 100 {
		t.Fatalf("%d events, want 100", n)
	}
	read = readBytes(t) - read
	runtime.GC()
	runtime.ReadMemStats(&after)
	if read > 4<<20 {
		t.Errorf("opening read %d bytes of a file of 500 pictures of 256 KB, want under 4 MB", read)
	}
	if grew := int64(after.HeapAlloc) - int64(before.HeapAlloc); grew > 16<<20 {
		t.Errorf("the heap grew by %d bytes, want under 16 MB", grew)
	}
}

// BenchmarkOpenWithPictures opens a chronology of 500 pictures of 2 MB
// (1 GB) as the window does, and reports the bytes read and the heap.
func BenchmarkOpenWithPictures(b *testing.B) {
	path := chronologyWithPictures(b, 2<<20)
	var read int64
	var peak uint64
	for b.Loop() {
		r := readBytes(b)
		openAsTheWindowDoes(b, path)
		read += readBytes(b) - r
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		peak = max(peak, m.HeapAlloc)
	}
	b.ReportMetric(float64(read)/float64(b.N), "bytes-read/op")
	b.ReportMetric(float64(peak), "peak-heap-bytes")
	if per := read / int64(b.N); per > 4<<20 {
		b.Errorf("opening read %d bytes of a 1 GB file of pictures, want under 4 MB", per)
	}
}
