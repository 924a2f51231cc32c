package timelineproj_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"chronoscope/data"
	"chronoscope/data/datatest"
	"chronoscope/data/timelineproj"
)

// fixturePath is the shared interop fixture, seen from this package's
// directory (/work/shared/interop/thetimelineproj).
var fixturePath = filepath.Join("..", "..", "..", "shared", "interop", "thetimelineproj", "versions.timeline")

func fixture(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile(fixturePath)
	if errors.Is(err, os.ErrNotExist) {
		t.Fatal("fixture versions.timeline not found: the shared interop folder must be next to the repository (../shared/interop)")
	}
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var fixedNow = func() time.Time { return time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC) }

func importXML(tx *data.Tx, doc, name string) (data.ImportStats, error) {
	return timelineproj.Import(tx, strings.NewReader(doc), name, timelineproj.Options{Now: fixedNow})
}

func mustImport(t *testing.T, s *data.Store, doc string) data.ImportStats {
	t.Helper()
	var stats data.ImportStats
	if err := s.Update(func(tx *data.Tx) error {
		var err error
		stats, err = importXML(tx, doc, "test.timeline")
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return stats
}

func TestImportVersionsTimeline(t *testing.T) {
	s := datatest.NewStore(t)
	stats := mustImport(t, s, string(fixture(t)))
	if got, want := stats, (data.ImportStats{Events: 59, Actors: 3}); got != want {
		t.Errorf("stats = %+v, want %+v", got, want)
	}
	actors, err := s.Actors()
	if err != nil {
		t.Fatal(err)
	}
	colors := map[string]string{}
	for _, a := range actors {
		colors[a.Name] = a.Color
		if a.Kind != data.KindGroup {
			t.Errorf("actor %q kind = %v, want group", a.Name, a.Kind)
		}
	}
	want := map[string]string{"Planned Release": "#80ff80", "Correction Release": "#ff80ff", "Future Release": "#80ffff"}
	for name, color := range want {
		if colors[name] != color {
			t.Errorf("category %q colour = %q, want %q", name, colors[name], color)
		}
	}
	counts, err := s.ActorCounts()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range actors {
		wantN := map[string]int{"Planned Release": 45, "Correction Release": 13, "Future Release": 1}[a.Name]
		if counts[a.ID] != wantN {
			t.Errorf("%q has %d events, want %d", a.Name, counts[a.ID], wantN)
		}
	}

	tests := []struct {
		title string
		start data.Date
	}{
		{"Timeline 0.20.0", data.MinuteDate(2013, 3, 30, 11, 16)}, // 11:16:00: minute precision
		{"Timeline 0.21.1", data.DayDate(2013, 7, 7)},             // midnight: the day
		{"Timeline 2.3.0", data.Date{Year: 2020, Month: 10, Day: 18, Hour: 5, Minute: 36, Second: 57, Precision: data.PrecisionSecond}},
	}
	for _, tt := range tests {
		e := datatest.EventTitled(t, s, tt.title)
		if e.Start != tt.start || !e.End.IsZero() {
			t.Errorf("%s = %+v – %+v, want the point %+v", tt.title, e.Start, e.End, tt.start)
		}
		if e.Certainty != data.Reported || e.Importance != 3 {
			t.Errorf("%s certainty %v importance %d, want reported, 3", tt.title, e.Certainty, e.Importance)
		}
	}
	v020 := datatest.EventTitled(t, s, "Timeline 0.20.0")
	if a, _ := s.Actor(v020.Actors[0].ActorID); a.Name != "Planned Release" || v020.Actors[0].Role != "category" {
		t.Errorf("Timeline 0.20.0 actor = %q as %q, want Planned Release as category", a.Name, v020.Actors[0].Role)
	}
	if got, want := v020.Description, "Timeline 0.20.0, released on 30 March 2013 ===="; !strings.HasPrefix(got, want) {
		t.Errorf("description = %q, want it to start %q", got, want)
	}
	// Entities are decoded and CRLF line ends become LF.
	v220 := datatest.EventTitled(t, s, "Timeline 2.2.0")
	if got, want := v220.Description, "``ValueError: julian_day must be >= 0.``\n  Added an exception check"; !strings.Contains(got, want) {
		t.Errorf("Timeline 2.2.0 description = %q, want it to contain %q", got, want)
	}
	if strings.Contains(v220.Description, "\r") {
		t.Errorf("description keeps carriage returns: %q", v220.Description)
	}
}

const header = `<?xml version="1.0" encoding="utf-8"?>
<timeline>
  <version>2.3.0</version>
  <timetype>gregoriantime</timetype>
  <eras>
    <era><name>Roman Empire</name><start>-26-01-16 00:00:00</start><end>476-09-04 00:00:00</end><color>200,180,120</color><ends_today>False</ends_today></era>
  </eras>
  <categories>
    <category><name>Work</name><color>0,128,255</color><font_color>0,0,0</font_color></category>
  </categories>
  <events>
`

const footer = `  </events>
  <view><displayed_period><start>2013-01-01 00:00:00</start><end>2014-01-01 00:00:00</end></displayed_period><hidden_categories></hidden_categories></view>
</timeline>
`

func event(text, start, end string, extra string) string {
	return "    <event><start>" + start + "</start><end>" + end + "</end><text>" + text + "</text>" + extra + "</event>\n"
}

func TestImportFieldsAndFlags(t *testing.T) {
	doc := header +
		event("Fuzzy time", "2013-03-30 11:16:00", "2013-03-30 11:16:00", "<fuzzy>True</fuzzy><locked>True</locked>") +
		event("Fuzzy day", "2013-03-30 00:00:00", "2013-04-02 00:00:00", "<fuzzy>True</fuzzy>") +
		event("Fuzzy start", "2013-03-05 00:00:00", "2013-06-10 00:00:00", "<fuzzy_start>True</fuzzy_start>") +
		event("Ongoing", "2020-01-01 00:00:00", "2020-02-01 00:00:00", "<ends_today>True</ends_today><category>Work</category>") +
		event("[7]Project", "2013-01-01 00:00:00", "2013-12-31 00:00:00", "") +
		event("(7)Task", "2013-02-01 09:00:00", "2013-02-01 17:30:00", "<description>Line one\nline two &amp; more</description>") +
		event(" (Parenthesised)", "2013-02-02 00:00:00", "2013-02-02 00:00:00", "") +
		event("Ides of March", "-43-03-15 00:00:00", "-43-03-15 00:00:00", "<milestone>True</milestone>") +
		event("Linked", "2014-01-01 00:00:00", "2014-01-01 00:00:00", "<hyperlink>https://example.com/a; javascript:alert(1)</hyperlink>") +
		event("", "2014-01-02 00:00:00", "2014-01-02 00:00:00", "") +
		footer
	s := datatest.NewStore(t)
	stats := mustImport(t, s, doc)
	if got, want := stats, (data.ImportStats{Events: 10, Actors: 1, Eras: 1, Sources: 1, Citations: 1}); got != want {
		t.Errorf("stats = %+v, want %+v", got, want)
	}
	tests := []struct {
		title      string
		start, end data.Date
	}{
		{"Fuzzy time", data.DayDate(2013, 3, 30), data.Date{}},
		{"Fuzzy day", data.MonthDate(2013, 3), data.MonthDate(2013, 4)},
		{"Fuzzy start", data.MonthDate(2013, 3), data.DayDate(2013, 6, 10)},
		{"Ongoing", data.DayDate(2020, 1, 1), data.DayDate(2025, 6, 1)},
		{"Project", data.DayDate(2013, 1, 1), data.DayDate(2013, 12, 31)},
		{"Task", data.MinuteDate(2013, 2, 1, 9, 0), data.MinuteDate(2013, 2, 1, 17, 30)},
		{"(Parenthesised)", data.DayDate(2013, 2, 2), data.Date{}},
		{"Ides of March", data.DayDate(-44, 3, 15), data.Date{}}, // astronomical -43 is 44 BCE
		{"Untitled event", data.DayDate(2014, 1, 2), data.Date{}},
	}
	for _, tt := range tests {
		e := datatest.EventTitled(t, s, tt.title)
		if e.Start != tt.start || e.End != tt.end {
			t.Errorf("%s = %v – %v, want %v – %v", tt.title, e.Start, e.End, tt.start, tt.end)
		}
	}
	if got := datatest.EventTitled(t, s, "Ongoing").Notes; !strings.Contains(got, "the end is the day of the import, 2025-06-01") {
		t.Errorf("Ongoing notes = %q, want the ends-today note", got)
	}
	if got, want := datatest.EventTitled(t, s, "Task").Description, "Line one\nline two & more"; got != want {
		t.Errorf("Task description = %q, want %q", got, want)
	}
	linked := datatest.EventTitled(t, s, "Linked")
	cits, _ := s.Citations(linked.ID)
	if len(cits) != 1 {
		t.Fatalf("Linked has %d citations, want 1", len(cits))
	}
	if src, _ := s.Source(cits[0].SourceID); src.URL != "https://example.com/a" {
		t.Errorf("Linked source URL = %q", src.URL)
	}
	if !strings.Contains(linked.Notes, "Link not imported") || !strings.Contains(linked.Notes, "javascript") {
		t.Errorf("Linked notes = %q, want the refused link noted", linked.Notes)
	}
	eras, _ := s.Eras()
	if len(eras) != 1 || eras[0].Title != "Roman Empire" || eras[0].Start != data.DayDate(-27, 1, 16) || eras[0].Color != "#c8b478" {
		t.Errorf("eras = %+v, want Roman Empire from 27 BCE in #c8b478", eras)
	}
}

func TestImportReusesActorsOfTheSameName(t *testing.T) {
	s := datatest.NewStore(t)
	work := data.Actor{Name: "Work", Kind: data.KindOrganisation, Color: "#123456"}
	if err := s.CreateActor(&work); err != nil {
		t.Fatal(err)
	}
	stats := mustImport(t, s, header+event("x", "2013-01-01 00:00:00", "2013-01-01 00:00:00", "<category>Work</category>")+footer)
	if stats.Actors != 0 {
		t.Errorf("created %d actors, want the existing Work reused", stats.Actors)
	}
	if e := datatest.EventTitled(t, s, "x"); len(e.Actors) != 1 || e.Actors[0].ActorID != work.ID {
		t.Errorf("x actors = %v, want Work (%d)", e.Actors, work.ID)
	}
}

func TestImportProgress(t *testing.T) {
	var b strings.Builder
	b.WriteString(header)
	for range 20_000 {
		b.WriteString(event("e", "2013-01-01 00:00:00", "2013-01-01 00:00:00", ""))
	}
	b.WriteString(footer)
	var calls []int
	s := datatest.NewStore(t)
	if err := s.Update(func(tx *data.Tx) error {
		_, err := timelineproj.Import(tx, strings.NewReader(b.String()), "big.timeline",
			timelineproj.Options{Progress: func(n int) { calls = append(calls, n) }})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if len(calls) != 2 || calls[0] != 10_000 || calls[1] != 20_000 {
		t.Errorf("progress calls = %v, want [10000 20000]", calls)
	}
}

func TestImportErrors(t *testing.T) {
	good := event("fine", "2013-01-01 00:00:00", "2013-01-01 00:00:00", "<category>Work</category>")
	laughs := `<?xml version="1.0"?>
<!DOCTYPE timeline [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
]>
<timeline><events><event><start>2013-01-01 00:00:00</start><end>2013-01-01 00:00:00</end><text>&lol2;</text></event></events></timeline>`
	external := `<?xml version="1.0"?>
<!DOCTYPE timeline [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<timeline><events><event><text>&xxe;</text></event></events></timeline>`
	deep := `<timeline>` + strings.Repeat("<a>", 10_000) + strings.Repeat("</a>", 10_000) + `</timeline>`
	huge := header + event(strings.Repeat("x", 10<<20+1), "2013-01-01 00:00:00", "2013-01-01 00:00:00", "") + footer
	tests := []struct {
		name, doc string
		want      []string
	}{
		{"billion laughs", laughs, []string{"test.timeline: line 2, column 1: DOCTYPE and ENTITY declarations are not accepted"}},
		{"external entity", external, []string{"test.timeline: line 2, column 1: DOCTYPE and ENTITY declarations are not accepted"}},
		{"undeclared entity", header + event("&xxe;", "2013-01-01 00:00:00", "2013-01-01 00:00:00", "") + footer,
			[]string{"test.timeline: line 12, column ", "invalid character entity &xxe;"}},
		{"month 13", header + good + event("bad", "2013-13-01 00:00:00", "2013-13-01 00:00:00", "") + footer,
			[]string{"test.timeline: line 13, column 12: <start>: \"2013-13-01 00:00:00\": month 13 is out of range 1..12"}},
		{"30 February", header + event("bad", "2013-02-30 00:00:00", "2013-02-30 00:00:00", "") + footer,
			[]string{"test.timeline: line 12, column 12: <start>: ", "day 30 does not exist in February 2013"}},
		{"not a time", header + event("bad", "yesterday", "2013-01-01 00:00:00", "") + footer,
			[]string{`test.timeline: line 12, column 12: <start>: "yesterday" is not a time of the form YYYY-MM-DD HH:MM:SS`}},
		{"end before start", header + event("bad", "2013-01-02 00:00:00", "2013-01-01 00:00:00", "") + footer,
			[]string{"test.timeline: line 12, column 46: <end> 2013-01-01 00:00:00 is before <start> 2013-01-02 00:00:00"}},
		{"unknown category", header + good + event("bad", "2013-01-01 00:00:00", "2013-01-01 00:00:00", "<category>Play</category>") + footer,
			[]string{`test.timeline: line 13, column 92: category "Play" is not defined in <categories>`}},
		{"bad colour", strings.Replace(header, "0,128,255", "0,128,256", 1) + footer,
			[]string{`test.timeline: line 9, column `, `colour "0,128,256" is not of the form R,G,B with each part 0..255`}},
		{"no start", header + "<event><end>2013-01-01 00:00:00</end><text>x</text></event>" + footer,
			[]string{"test.timeline: line 12, column 1: <event> has no <start>"}},
		{"two starts", header + "<event><start>2013-01-01 00:00:00</start><start>2013-01-01 00:00:00</start></event>" + footer,
			[]string{"test.timeline: line 12, column 42: <event> has two <start> elements"}},
		{"numeric time type", strings.Replace(header, "gregoriantime", "numtime", 1) + footer,
			[]string{`test.timeline: line 4, column 3: the time type is "numtime"`}},
		{"not a timeline", `<?xml version="1.0"?><html><body/></html>`, []string{"test.timeline: line 1, column 22: the root element is <html>"}},
		{"cut short", header + good + "    <event><start>2013-01-01", []string{"test.timeline: line 13, column ", "the file ends too early"}},
		{"mismatched tags", header + "<event><start>x</end></event>" + footer, []string{"test.timeline: line 12, column ", "element <start> closed by </end>"}},
		{"invalid UTF-8", header + good + event("caf\xe9", "2013-01-01 00:00:00", "2013-01-01 00:00:00", "") + footer,
			[]string{"test.timeline: line 13, column ", "invalid UTF-8"}},
		{"10,000 deep", deep, []string{"test.timeline: line 1, column ", "elements nest deeper than 32 levels"}},
		{"text over 10 MB", huge, []string{"test.timeline: line 12, column ", "a text or tag is longer than 10485760 bytes"}},
		{"empty", "", []string{"test.timeline: the file is empty"}},
		{"latin-1", `<?xml version="1.0" encoding="ISO-8859-1"?><timeline/>`, []string{"test.timeline: line 1, column ", `encoding "ISO-8859-1" declared`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := datatest.NewStore(t)
			err := s.Update(func(tx *data.Tx) error {
				_, err := importXML(tx, tt.doc, "test.timeline")
				return err
			})
			if err == nil {
				t.Fatal("import succeeded, want an error")
			}
			rest := err.Error()
			for _, w := range tt.want {
				i := strings.Index(rest, w)
				if i < 0 {
					t.Fatalf("error %.300q\nwant it to contain %q", err.Error(), w)
				}
				rest = rest[i+len(w):]
			}
			n, _ := s.Count(data.Filter{})
			actors, _ := s.Actors()
			eras, _ := s.Eras()
			if n != 0 || len(actors) != 0 || len(eras) != 0 {
				t.Errorf("after a failed import: %d events, %d actors, %d eras; want none", n, len(actors), len(eras))
			}
		})
	}
}

// errRollback ends a fuzz iteration's transaction so the store stays empty.
var errRollback = errors.New("rollback")

func FuzzImportTimelineProj(f *testing.F) {
	for _, seed := range []string{
		header + event("Fuzzy", "2013-03-30 11:16:00", "2013-03-30 11:16:00", "<fuzzy>True</fuzzy><category>Work</category>") + footer,
		header + event("[1]C", "-43-03-15 00:00:00", "2013-01-01 00:00:00", "<ends_today>True</ends_today><hyperlink>https://x.org</hyperlink>") + footer,
		`<?xml version="1.0"?><!DOCTYPE t [<!ENTITY a "b">]><timeline/>`,
		`<timeline><events><event><start>2013-13-01 00:00:00</start>`,
		"<timeline><events><event><text>\xff</text></event></events></timeline>",
		`<timeline><categories><category><name>A</name><color>1,2</color></category></categories></timeline>`,
		header + event("[2]Box", "2013-01-01 00:00:00", "2013-02-01 00:00:00", "<progress>40</progress><alert>2013-01-01 00:00:00;x</alert>") +
			event("(2)In", "2013-01-02 00:00:00", "2013-01-03 00:00:00", "<categories><category>Work</category></categories><labels>a</labels>") + footer,
		"# Written by Timeline 0.9.0 on 2010-4-30 9:12:40\nCATEGORY:A\\;b;1,2,3;False\nEVENT:2010-1-1 0:0:0;2010-1-2 0:0:0;x\\ny;A\\;b;description:d\\;e;icon:AA\n# END\n",
		"# Written by Timeline 0.2.0 on 2009-1-1 0:0:0\nEVENT:2009-1-1 0:0:0;2009-1-1 0:0:0;x\n",
	} {
		f.Add([]byte(seed))
	}
	if b, err := os.ReadFile(fixturePath); err == nil {
		f.Add(b)
	}
	s := datatest.NewStore(f)
	f.Fuzz(func(t *testing.T, in []byte) {
		err := s.Update(func(tx *data.Tx) error {
			timelineproj.Import(tx, strings.NewReader(string(in)), "fuzz.timeline", timelineproj.Options{Now: fixedNow, Warn: func(string) {}})
			return errRollback
		})
		if !errors.Is(err, errRollback) {
			t.Fatalf("update: %v", err)
		}
	})
}
