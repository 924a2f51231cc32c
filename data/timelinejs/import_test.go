package timelinejs_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"chronoscope/data"
	"chronoscope/data/datatest"
	"chronoscope/data/timelinejs"
)

// fixtureDir holds the interchange fixtures shared by the project
// (/work/shared/interop/timelinejs seen from this package's directory).
var fixtureDir = filepath.Join("..", "..", "..", "shared", "interop", "timelinejs")

func fixture(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtureDir, name))
	if errors.Is(err, os.ErrNotExist) {
		t.Fatalf("fixture %s not found: the shared interop folder must be next to the repository (../shared/interop)", name)
	}
	if err != nil {
		t.Fatal(err)
	}
	return b
}

type importFunc func(*data.Tx, []byte, string) (data.ImportStats, error)

func jsonImport(tx *data.Tx, b []byte, name string) (data.ImportStats, error) {
	return timelinejs.ImportJSON(tx, bytes.NewReader(b), name, timelinejs.Options{})
}

func csvImport(tx *data.Tx, b []byte, name string) (data.ImportStats, error) {
	return timelinejs.ImportCSV(tx, bytes.NewReader(b), name, timelinejs.Options{})
}

func mustImport(t testing.TB, s *data.Store, fn importFunc, b []byte, name string) data.ImportStats {
	t.Helper()
	var stats data.ImportStats
	if err := s.Update(func(tx *data.Tx) error {
		var err error
		stats, err = fn(tx, b, name)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return stats
}

// eventsOf returns every event of s in time order.
func eventsOf(t testing.TB, s *data.Store) []*data.Event {
	t.Helper()
	rows, err := s.Window(data.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	var out []*data.Event
	for _, r := range rows {
		e, err := s.Event(r.ID)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, e)
	}
	return out
}

// snapshot describes a chronology in one comparable text: the
// chronology, each event with its dates, precision, group actors and
// citations, and the eras.
func snapshot(t testing.TB, s *data.Store, withText bool) string {
	t.Helper()
	var b strings.Builder
	c, err := s.Chronology()
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "chronology %q\n", c.Title)
	if withText {
		fmt.Fprintf(&b, "  %q\n", c.Description)
	}
	names := datatest.ActorNames(t, s)
	for _, e := range eventsOf(t, s) {
		fmt.Fprintf(&b, "event %q %s/%s – %s/%s %s display=%q", e.Title, e.Start, e.Start.Precision, e.End, e.End.Precision, e.Certainty, e.DisplayDate)
		for _, p := range e.Actors {
			fmt.Fprintf(&b, " actor=%q/%s", names[p.ActorID], p.Role)
		}
		b.WriteByte('\n')
		if !withText {
			continue
		}
		fmt.Fprintf(&b, "  %q tags=%q notes=%q\n", e.Description, e.Tags, e.Notes)
		cits, err := s.Citations(e.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, ct := range cits {
			src, err := s.Source(ct.SourceID)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "  source %q %q %q quote=%q note=%q\n", src.Title, src.Publisher, src.URL, ct.Quote, ct.Note)
		}
		ims, err := s.EventImages(e.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, im := range ims {
			fmt.Fprintf(&b, "  image %q caption=%q credit=%q alt=%q remote=%v\n", im.URL, im.Caption, im.Credit, im.Alt, im.Remote())
		}
	}
	eras, err := s.Eras()
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range eras {
		fmt.Fprintf(&b, "era %q %s – %s\n", e.Title, e.Start, e.End)
	}
	return b.String()
}

func TestImportWomenInComputingJSON(t *testing.T) {
	s := datatest.NewStore(t)
	stats := mustImport(t, s, jsonImport, fixture(t, "women_in_computing.json"), "women_in_computing.json")
	// Two slides show a picture file (remote images), eight other media
	// (sources), one none.
	if got, want := stats, (data.ImportStats{Events: 10, Sources: 8, Citations: 8, Images: 2}); got != want {
		t.Errorf("stats = %+v, want %+v", got, want)
	}
	c, err := s.Chronology()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.Title, "Women in Computing"; got != want {
		t.Errorf("chronology title = %q, want %q", got, want)
	}
	if got, want := c.Description, "In this sample timeline, we'll walk you through what TimelineJS can do"; !strings.HasPrefix(got, want) {
		t.Errorf("chronology description = %q, want it to start %q", got, want)
	}

	ada := datatest.EventTitled(t, s, "Ada Lovelace")
	if got, want := ada.Start, data.DayDate(1815, 12, 10); got != want {
		t.Errorf("Ada Lovelace start = %v, want %v", got, want)
	}
	if got, want := ada.End, data.DayDate(1852, 11, 27); got != want {
		t.Errorf("Ada Lovelace end = %v, want %v", got, want)
	}
	if got, want := ada.Certainty, data.Reported; got != want {
		t.Errorf("certainty = %v, want %v (TimelineJS has none)", got, want)
	}
	if got, want := ada.Importance, 3; got != want {
		t.Errorf("importance = %d, want %d", got, want)
	}
	for _, want := range []string{
		"Take [Ada Lovelace](https://en.wikipedia.org/wiki/Ada_Lovelace): Daughter of Lord Byron",
		"\n\nThis slide demonstrates a simple \"image\" media type.",
	} {
		if !strings.Contains(ada.Description, want) {
			t.Errorf("Ada Lovelace description = %q, want it to contain %q", ada.Description, want)
		}
	}
	// Her portrait is a picture file: a remote image, not a source.
	if cits, err := s.Citations(ada.ID); err != nil || len(cits) != 0 {
		t.Errorf("Ada Lovelace citations = %v, %v; want none (the media is a picture)", cits, err)
	}
	ims, err := s.EventImages(ada.ID)
	if err != nil || len(ims) != 1 {
		t.Fatalf("Ada Lovelace images = %v, %v; want one", ims, err)
	}
	wantIm := data.Image{ID: ims[0].ID, EventID: ada.ID, Caption: "Portrait by Alfred Edward Chalon", Credit: "Wikimedia Commons",
		URL: "https://upload.wikimedia.org/wikipedia/commons/thumb/a/a4/Ada_Lovelace_portrait.jpg/713px-Ada_Lovelace_portrait.jpg"}
	if got := ims[0]; got.ID != wantIm.ID || got.Caption != wantIm.Caption || got.Credit != wantIm.Credit || got.URL != wantIm.URL || !got.Remote() {
		t.Errorf("Ada Lovelace image = %+v, want a remote %+v", got, wantIm)
	}
	// A video is a source whose address says what it is.
	bartik := datatest.EventTitled(t, s, "...And the women who made it work")
	cits, err := s.Citations(bartik.ID)
	if err != nil || len(cits) != 1 {
		t.Fatalf("ENIAC women citations = %v, %v; want one", cits, err)
	}
	src, err := s.Source(cits[0].SourceID)
	if err != nil {
		t.Fatal(err)
	}
	want := data.Source{ID: src.ID, Title: "Jean Bartik talks about the ENIAC women", Publisher: "Computer History Museum",
		URL: "https://www.youtube.com/watch?v=aPweFhhXFvY"}
	if src != want {
		t.Errorf("ENIAC women source = %+v, want %+v", src, want)
	}
	if got, want := timelinejs.MediaKind(src.URL), "Video (YouTube)"; got != want {
		t.Errorf("MediaKind(%s) = %q, want %q", src.URL, got, want)
	}
	if got, want := cits[0].Quote, "Jean Bartik talks about the ENIAC women"; got != want {
		t.Errorf("quote = %q, want %q (the caption)", got, want)
	}

	// Precision follows the parts present: "1943", "7", "" is a month.
	eniac := datatest.EventTitled(t, s, "...And the women who made it work")
	if got, want := eniac.Start, data.MonthDate(1943, 7); got != want {
		t.Errorf("ENIAC women start = %v, want %v", got, want)
	}
	if got, want := eniac.End, data.YearDate(1946); got != want {
		t.Errorf("ENIAC women end = %v, want %v", got, want)
	}
	if got, want := datatest.EventTitled(t, s, "Rózsa Péter writes recursion").Start, data.YearDate(1951); got != want {
		t.Errorf("Rózsa Péter start = %v, want %v", got, want)
	}

	// Media that is not a link (a blockquote) is kept out of the URL and
	// described in the citation's note.
	edith := datatest.EventTitled(t, s, "Edith Clarke: Bucking the Trend")
	cits, err = s.Citations(edith.ID)
	if err != nil || len(cits) != 1 {
		t.Fatalf("Edith Clarke citations = %v, %v; want one", cits, err)
	}
	if src, _ := s.Source(cits[0].SourceID); src.URL != "" {
		t.Errorf("Edith Clarke source URL = %q, want none (the media is a blockquote)", src.URL)
	}
	if got, want := cits[0].Note, "There is no demand for women engineers"; !strings.Contains(got, want) {
		t.Errorf("Edith Clarke note = %q, want it to contain %q", got, want)
	}
	// An HTML credit becomes its text.
	cits, _ = s.Citations(eniac.ID)
	if src, _ := s.Source(cits[0].SourceID); src.Publisher != "Computer History Museum" {
		t.Errorf("ENIAC source publisher = %q, want the credit's text", src.Publisher)
	}
}

func TestImportErasJSON(t *testing.T) {
	s := datatest.NewStore(t)
	stats := mustImport(t, s, jsonImport, fixture(t, "eras.json"), "eras.json")
	if got, want := stats.Eras, 3; got != want {
		t.Errorf("eras imported = %d, want %d", got, want)
	}
	if got, want := stats.Events, 20; got != want {
		t.Errorf("events imported = %d, want %d", got, want)
	}
	eras, err := s.Eras()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range eras {
		got = append(got, fmt.Sprintf("%s %v–%v %s", e.Title, e.Start, e.End, e.Start.Precision))
		if !data.ValidColor(e.Color) {
			t.Errorf("era %q colour %q", e.Title, e.Color)
		}
	}
	if want := []string{"Era Test 600-650 0600–0650 year", "Era Test 650-700 0650–0700 year", "Era Test 700-720 0700–0720 year"}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("eras = %q, want %q", got, want)
	}
	hijra := datatest.EventTitled(t, s, "Muhammad Migrates from Mecca to Medina")
	if hijra.Start != data.DayDate(622, 8, 9) || hijra.End != data.DayDate(622, 8, 23) {
		t.Errorf("Hijra = %v – %v, want 0622-08-09 – 0622-08-23", hijra.Start, hijra.End)
	}
	if got, want := datatest.EventTitled(t, s, "Battle of Heavenfield").End, data.YearDate(634); got != want {
		t.Errorf("Heavenfield end = %v, want %v", got, want)
	}
	if c, _ := s.Chronology(); c.Title != "Eras Test" {
		t.Errorf("chronology title = %q, want %q", c.Title, "Eras Test")
	}
}

func TestImportCosmologicalJSON(t *testing.T) {
	s := datatest.NewStore(t)
	stats := mustImport(t, s, jsonImport, fixture(t, "cosmo.json"), "cosmo.json")
	if got, want := stats.Events, 7; got != want {
		t.Errorf("events imported = %d, want %d", got, want)
	}
	evs := eventsOf(t, s)
	if got, want := evs[0].Title, "The Big Bang"; got != want {
		t.Fatalf("first event = %q, want %q", got, want)
	}
	if got, want := evs[0].Start, data.YearDate(-13_800_000_000); got != want {
		t.Errorf("Big Bang = %+v, want %+v", got, want)
	}
	paleo := datatest.EventTitled(t, s, "Paleozoic era")
	if paleo.Start != data.YearDate(-538_800_000) || paleo.End != data.YearDate(-251_902_000) {
		t.Errorf("Paleozoic = %v – %v", paleo.Start, paleo.End)
	}
	if got, want := datatest.EventTitled(t, s, "oldest known depiction of a wheeled vehicle").Start.String(), "3500 BCE"; got != want {
		t.Errorf("wheel = %s, want %s", got, want)
	}
	if c, _ := s.Chronology(); c.Title != "Cosmological Scale Timeline" {
		t.Errorf("chronology title = %q", c.Title)
	}
}

func TestImportMyOwnTimelineCSV(t *testing.T) {
	s := datatest.NewStore(t)
	stats := mustImport(t, s, csvImport, fixture(t, "my-own-timeline.csv"), "my-own-timeline.csv")
	if got, want := stats, (data.ImportStats{Events: 10, Sources: 8, Citations: 8, Images: 2}); got != want {
		t.Errorf("stats = %+v, want %+v", got, want)
	}
	if c, _ := s.Chronology(); c.Title != "MY OWN CSV" {
		t.Errorf("chronology title = %q, want MY OWN CSV (the title row)", c.Title)
	}
	hopper := datatest.EventTitled(t, s, "Grace Hopper invents the compiler")
	if got, want := hopper.Start, data.YearDate(1952); got != want {
		t.Errorf("Grace Hopper start = %v, want %v", got, want)
	}
	cits, _ := s.Citations(hopper.ID)
	src, _ := s.Source(cits[0].SourceID)
	if src.URL != "https://soundcloud.com/innovationhub/grace-hopper-the-life-of-a-coding-pioneer" || src.Publisher != "Innovation Hub" {
		t.Errorf("Grace Hopper source = %+v", src)
	}
	// A quoted cell spanning two lines keeps its line break as a space.
	eniac := datatest.EventTitled(t, s, "...And the women who made it work")
	if got, want := eniac.Start, data.MonthDate(1943, 7); got != want {
		t.Errorf("ENIAC start = %v, want %v", got, want)
	}
}

func TestWomenInComputingJSONAndCSVAgree(t *testing.T) {
	fromJSON, fromCSV := datatest.NewStore(t), datatest.NewStore(t)
	mustImport(t, fromJSON, jsonImport, fixture(t, "women_in_computing.json"), "women_in_computing.json")
	mustImport(t, fromCSV, csvImport, fixture(t, "women_in_computing.csv"), "women_in_computing.csv")
	j, c := snapshot(t, fromJSON, true), snapshot(t, fromCSV, true)
	if j != c {
		t.Errorf("the JSON and the CSV import differently:\nJSON:\n%s\nCSV:\n%s", j, c)
	}
	if n := strings.Count(j, "\nevent "); n != 10 {
		t.Errorf("snapshot has %d events, want 10", n)
	}
}

func TestImportCSVColumnsByName(t *testing.T) {
	csv := "Headline, YEAR ,month,Day,time,End Year,Group,Display Date,Type\n" +
		"Shot,1914,6,28,10:50,,Serbia,28 June 1914,\n" +
		"Ultimatum,1914,7,23,6:00 pm,,Austria-Hungary,,\n" +
		"Exact,1914,8,1,7:00:05 PM,,Germany,,\n" +
		"Hour,1914,8,3,18,,Germany,,\n" +
		",,,,,,,,\n" + // a blank row is skipped
		"War,1914,,,,1918,,,era\n"
	s := datatest.NewStore(t)
	stats := mustImport(t, s, csvImport, []byte(csv), "war.csv")
	if got, want := stats, (data.ImportStats{Events: 4, Actors: 3, Eras: 1}); got != want {
		t.Errorf("stats = %+v, want %+v", got, want)
	}
	tests := []struct {
		title string
		start data.Date
	}{
		{"Shot", data.MinuteDate(1914, 6, 28, 10, 50)},
		{"Ultimatum", data.MinuteDate(1914, 7, 23, 18, 0)},
		{"Exact", data.Date{Year: 1914, Month: 8, Day: 1, Hour: 19, Second: 5, Precision: data.PrecisionSecond}},
		{"Hour", data.Date{Year: 1914, Month: 8, Day: 3, Hour: 18, Precision: data.PrecisionHour}},
	}
	for _, tt := range tests {
		if got := datatest.EventTitled(t, s, tt.title).Start; got != tt.start {
			t.Errorf("%s start = %+v, want %+v", tt.title, got, tt.start)
		}
	}
	if got, want := datatest.EventTitled(t, s, "Shot").DisplayDate, "28 June 1914"; got != want {
		t.Errorf("display date = %q, want %q", got, want)
	}
	actors, _ := s.Actors()
	seen := map[string]bool{}
	for _, a := range actors {
		if a.Kind != data.KindGroup || seen[a.Color] {
			t.Errorf("actor %+v: want kind group and a colour of its own", a)
		}
		seen[a.Color] = true
	}
}

func TestImportCSVLegacyHeaders(t *testing.T) {
	csv := "Start Date,End Date,Headline,Text,Media,Media Credit,Media Caption,Media Thumbnail,Type,Tag\n" +
		"\"2012,1,26\",\"2012,1,27\",Launch,<p>Hello</p>,,,,,,Press\n" +
		"1/27/2012 4:15 pm,,Follow-up,,,,,,,Press\n" +
		"2012-02-01,,ISO,,,,,,,\n" +
		"1815,,Year only,,,,,,,\n"
	s := datatest.NewStore(t)
	stats := mustImport(t, s, csvImport, []byte(csv), "old.csv")
	if got, want := stats.Events, 4; got != want {
		t.Fatalf("events = %d, want %d", got, want)
	}
	launch := datatest.EventTitled(t, s, "Launch")
	if launch.Start != data.DayDate(2012, 1, 26) || launch.End != data.DayDate(2012, 1, 27) {
		t.Errorf("Launch = %v – %v", launch.Start, launch.End)
	}
	if got, want := datatest.EventTitled(t, s, "Follow-up").Start, data.MinuteDate(2012, 1, 27, 16, 15); got != want {
		t.Errorf("Follow-up = %v, want %v", got, want)
	}
	if got, want := datatest.EventTitled(t, s, "ISO").Start, data.DayDate(2012, 2, 1); got != want {
		t.Errorf("ISO = %v, want %v", got, want)
	}
	if got, want := datatest.EventTitled(t, s, "Year only").Start, data.YearDate(1815); got != want {
		t.Errorf("Year only = %v, want %v", got, want)
	}
	if len(launch.Actors) != 1 {
		t.Fatalf("Launch actors = %v, want the Tag as a group", launch.Actors)
	}
	if a, _ := s.Actor(launch.Actors[0].ActorID); a.Name != "Press" {
		t.Errorf("Launch group = %q, want Press", a.Name)
	}
}

func TestImportJSONDatePartsAndDisplayDates(t *testing.T) {
	doc := `{"scale": "cosmological", "events": [
	  {"start_date": {"year": 2014, "month": 12, "day": 22, "hour": 16, "minute": 15, "second": 5, "millisecond": 250},
	   "text": {"headline": "Seconds"}},
	  {"start_date": {"year": "2014", "month": "12", "day": "22", "hour": "16"}, "text": {"headline": "Hour"}},
	  {"start_date": {"year": -500, "display_date": "c. 500 BC"}, "end_date": {"year": -480, "display_date": "480 BC"},
	   "text": {"headline": "", "text": "<p>The <b>Persian</b> wars, a very long excerpt that goes on and on past eighty characters of text.</p>"}},
	  {"start_date": {"year": 1.38e3}, "display_date": "<i>about</i> 1380", "text": {"headline": "<b>Bold</b> &amp; plain"}}
	]}`
	s := datatest.NewStore(t)
	mustImport(t, s, jsonImport, []byte(doc), "parts.json")
	if got, want := datatest.EventTitled(t, s, "Seconds").Start, (data.Date{Year: 2014, Month: 12, Day: 22, Hour: 16, Minute: 15, Second: 5, Precision: data.PrecisionSecond}); got != want {
		t.Errorf("seconds = %+v, want %+v", got, want)
	}
	if got, want := datatest.EventTitled(t, s, "Hour").Start.Precision, data.PrecisionHour; got != want {
		t.Errorf("hour precision = %v, want %v", got, want)
	}
	// An empty headline takes the start of the text, cut at a word.
	persian := datatest.EventTitled(t, s, "The Persian wars, a very long excerpt that goes on and on past eighty…")
	if persian.Start != data.YearDate(-500) || persian.End != data.YearDate(-480) {
		t.Errorf("Persian wars = %v – %v", persian.Start, persian.End)
	}
	if got, want := persian.DisplayDate, "c. 500 BC – 480 BC"; got != want {
		t.Errorf("display date = %q, want %q", got, want)
	}
	plain := datatest.EventTitled(t, s, "Bold & plain")
	if got, want := plain.DisplayDate, "about 1380"; got != want {
		t.Errorf("display date = %q, want %q", got, want)
	}
	if got, want := plain.Start, data.YearDate(1380); got != want {
		t.Errorf("1.38e3 = %v, want %v", got, want)
	}
}

func TestImportProgress(t *testing.T) {
	doc := generatedJSON(25_000)
	var calls []int
	s := datatest.NewStore(t)
	if err := s.Update(func(tx *data.Tx) error {
		_, err := timelinejs.ImportJSON(tx, bytes.NewReader(doc), "big.json", timelinejs.Options{
			Progress: func(n int) { calls = append(calls, n) }})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprint(calls), "[10000 20000]"; got != want {
		t.Errorf("progress calls = %s, want %s", got, want)
	}
	if n, _ := s.Count(data.Filter{}); n != 25_000 {
		t.Errorf("count = %d, want 25000", n)
	}
}

func TestReimportUpdatesByUniqueID(t *testing.T) {
	v1 := `{"events": [
	  {"unique_id": "a", "start_date": {"year": 2014}, "text": {"headline": "First"}, "group": "US",
	   "media": {"url": "https://example.com/a", "caption": "A caption"}},
	  {"unique_id": "b", "start_date": {"year": 2015}, "text": {"headline": "Second"}}
	]}`
	v2 := strings.Replace(strings.Replace(v1, `"First"`, `"First, corrected"`, 1), `"year": 2015`, `"year": 2015, "month": 3`, 1)
	s := datatest.NewStore(t)
	mustImport(t, s, jsonImport, []byte(v1), "v1.json")
	// An editor confirms the first event in Chronoscope.
	first := datatest.EventTitled(t, s, "First")
	first.Certainty = data.Confirmed
	first.Tags = []string{"checked"}
	if err := s.UpdateEvent(first); err != nil {
		t.Fatal(err)
	}
	mustImport(t, s, jsonImport, []byte(v1), "v1.json")
	stats := mustImport(t, s, jsonImport, []byte(v2), "v2.json")
	if got, want := stats, (data.ImportStats{Events: 2}); got != want {
		t.Errorf("re-import stats = %+v, want %+v (events updated, nothing added)", got, want)
	}
	if n, _ := s.Count(data.Filter{}); n != 2 {
		t.Fatalf("count after re-imports = %d, want 2", n)
	}
	got := datatest.EventTitled(t, s, "First, corrected")
	if got.ID != first.ID || got.Certainty != data.Confirmed || len(got.Tags) != 1 {
		t.Errorf("updated event = %+v; want the same id, certainty and tags as edited", got)
	}
	if got, want := datatest.EventTitled(t, s, "Second").Start, data.MonthDate(2015, 3); got != want {
		t.Errorf("Second start = %v, want %v", got, want)
	}
	actors, _ := s.Actors()
	sources, _ := s.Sources()
	cits, _ := s.Citations(first.ID)
	if len(actors) != 1 || len(sources) != 1 || len(cits) != 1 {
		t.Errorf("after re-imports: %d actors, %d sources, %d citations; want 1 each", len(actors), len(sources), len(cits))
	}
}

// TestImportJSONMembers reads members as TimelineJS and encoding/json
// read them: an escaped name is its unescaped self, a name given twice
// keeps its last value (an object given twice is read into the same
// slide part), null clears a part, and names are matched exactly.
func TestImportJSONMembers(t *testing.T) {
	tests := []struct {
		name, slide      string
		title, desc, grp string
		year             int64
	}{
		{"escaped names", `{"start\u005fdate": {"y\u0065ar": 1815}, "text": {"headline": "Esc\u00e9"}}`, "Escé", "", "", 1815},
		{"name twice", `{"start_date": {"year": 1815, "year": 1816}, "text": {"headline": "A", "headline": "B"}}`, "B", "", "", 1816},
		{"object twice", `{"start_date": {"year": 1815}, "text": {"headline": "A"}, "text": {"text": "<p>More</p>"}}`, "A", "More", "", 1815},
		{"null part", `{"start_date": {"year": 1815}, "text": {"headline": "A"}, "media": null, "group": null}`, "A", "", "", 1815},
		{"other case", `{"start_date": {"year": 1815}, "text": {"headline": "A"}, "Group": "ignored", "group": "Kept"}`, "A", "", "Kept", 1815},
		{"unknown members", `{"start_date": {"year": 1815, "format": "x"}, "autolink": true, "text": {"headline": "A", "x": [1, {"y": 2}]}}`, "A", "", "", 1815},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := datatest.NewStore(t)
			mustImport(t, s, jsonImport, []byte(`{"events": [`+tt.slide+`]}`), "members.json")
			st := datatest.ReadState(t, s)
			if len(st.Events) != 1 {
				t.Fatalf("%d events, want 1", len(st.Events))
			}
			e := st.Events[0]
			if e.Title != tt.title || e.Description != tt.desc || e.Start.Year != tt.year {
				t.Errorf("title %q, description %q, year %d; want %q, %q, %d", e.Title, e.Description, e.Start.Year, tt.title, tt.desc, tt.year)
			}
			var groups []string
			for _, a := range st.Actors {
				groups = append(groups, a.Name)
			}
			if want := []string{tt.grp}; tt.grp != "" && !slices.Equal(groups, want) || tt.grp == "" && len(groups) != 0 {
				t.Errorf("actors %q, want %q", groups, tt.grp)
			}
		})
	}
}

// TestImportCertaintyParagraph: the paragraph WriteJSON adds is read back
// wherever it stands in a slide's text, and left out of the description;
// a paragraph that only looks like it (another class list, an unknown
// certainty) stays text and the event is Reported.
func TestImportCertaintyParagraph(t *testing.T) {
	tests := []struct {
		text, desc string
		want       data.Certainty
	}{
		{`<p>Before</p><p class="chronoscope-certainty"><em>Certainty: disputed</em></p><p>After</p>`, "Before\n\nAfter", data.Disputed},
		{`<p class="chronoscope-certainty"><em>Certainty: denied</em></p>`, "", data.Denied},
		{`<p>Open</p><p class="chronoscope-certainty"><em>Certainty: claimed</em>`, "Open", data.Claimed},
		{`<p class="note chronoscope-certainty"><em>Certainty: claimed</em></p>`, "*Certainty: claimed*", data.Reported},
		{`<p class="chronoscope-certainty">Certainty: sure</p><p>Text</p>`, "Text", data.Reported},
	}
	for _, tt := range tests {
		doc := fmt.Sprintf(`{"events": [{"start_date": {"year": 2014}, "text": {"headline": "H", "text": %q}}]}`, tt.text)
		s := datatest.NewStore(t)
		mustImport(t, s, jsonImport, []byte(doc), "certainty.json")
		e := datatest.EventTitled(t, s, "H")
		if e.Description != tt.desc || e.Certainty != tt.want {
			t.Errorf("%s: description %q, certainty %s; want %q, %s", tt.text, e.Description, e.Certainty, tt.desc, tt.want)
		}
	}
}
