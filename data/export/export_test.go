package export_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"chronoscope/data"
	"chronoscope/data/datatest"
	"chronoscope/data/export"
)

// tinyStore holds a small chronology: a claimed event in UTC citing one
// source twice and another once; a confirmed event in a zone citing the
// first source again; a month-precision event; a BCE event with a
// formula-like title; an event with a long description.
func tinyStore(t testing.TB) *data.Store {
	t.Helper()
	s := datatest.NewStore(t)
	err := s.Update(func(tx *data.Tx) error {
		if err := tx.SetChronology(data.Chronology{Title: "Sony hack [2014]", Description: "What happened in **December 2014**."}); err != nil {
			return err
		}
		us := data.Actor{Name: "United States", Kind: data.KindState, Color: "#2f6fb3"}
		nk := data.Actor{Name: "North Korea", Kind: data.KindState, Color: "#c8372d"}
		for _, a := range []*data.Actor{&us, &nk} {
			if err := tx.CreateActor(a); err != nil {
				return err
			}
		}
		fbi := data.Source{Title: "Update on Sony Investigation", Publisher: "FBI", Published: data.DayDate(2014, 12, 19),
			URL: "https://www.fbi.gov/news/press-releases/update-on-sony-investigation"}
		dyn := data.Source{Title: "North Korea Goes Dark", Publisher: "Dyn Research", Author: "Doug Madory",
			URL: "https://dyn.com/blog/north-korea-goes-dark/"}
		for _, src := range []*data.Source{&fbi, &dyn} {
			if err := tx.CreateSource(src); err != nil {
				return err
			}
		}
		events := []*data.Event{
			{Title: "North Korea drops off the internet", Start: data.MinuteDate(2014, 12, 22, 16, 15),
				End: data.Date{Year: 2014, Month: 12, Day: 23, Hour: 1, Precision: data.PrecisionHour}, Zone: "UTC",
				Certainty: data.Reported, Importance: 5, Tags: []string{"outage", "cyber, net"},
				Actors: []data.Participant{{ActorID: nk.ID, Role: "affected"}}},
			{Title: "FBI names North Korea", Description: "The FBI says North Korea did it; see the statement.",
				Start: data.MinuteDate(2014, 12, 19, 10, 30), Zone: "America/New_York", Certainty: data.Claimed, Importance: 5,
				Actors: []data.Participant{{ActorID: us.ID, Role: "accuser"}, {ActorID: nk.ID, Role: "accused"}}, ExternalID: "fbi-1"},
			{Title: "Attribution month", Start: data.MonthDate(2014, 12), Certainty: data.Confirmed, Importance: 2},
			{Title: "=SUM(A1:A9)", Start: data.YearDate(-500), End: data.YearDate(-480), Certainty: data.Confirmed, Importance: 1},
			{Title: "@Long one", Description: strings.Repeat("Ünïcödé text, with; separators\\ ", 5), Start: data.DayDate(2014, 12, 24),
				Certainty: data.Disputed, Importance: 1},
		}
		for _, e := range events {
			if err := tx.CreateEvent(e); err != nil {
				return err
			}
		}
		cits := []data.Citation{
			{EventID: events[1].ID, SourceID: fbi.ID, Quote: "the FBI now has enough information"},
			{EventID: events[1].ID, SourceID: fbi.ID, Quote: "technical analysis"},
			{EventID: events[0].ID, SourceID: dyn.ID, Quote: "Dyn saw North Korea's networks disappear"},
			{EventID: events[0].ID, SourceID: fbi.ID},
		}
		for i := range cits {
			if err := tx.CreateCitation(&cits[i]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

var fixedNow = func() time.Time { return time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC) }

func render(t *testing.T, s *data.Store, fn func(*data.Tx, *bytes.Buffer) error) string {
	t.Helper()
	var b bytes.Buffer
	if err := s.View(func(tx *data.Tx) error { return fn(tx, &b) }); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestWriteMarkdown(t *testing.T) {
	const want = `# Sony hack \[2014\]

What happened in **December 2014**.

1. **500 BCE – 480 BCE** — =SUM(A1:A9)
2. **2014-12** — Attribution month
3. **2014-12-19 10:30 EST** — FBI names North Korea (claimed; United States, North Korea)[^1]
4. **2014-12-22 16:15 – 2014-12-23 01h UTC** — North Korea drops off the internet (reported; North Korea)[^2][^1]
5. **2014-12-24** — @Long one (disputed)

[^1]: FBI, “Update on Sony Investigation”, 2014-12-19, <https://www.fbi.gov/news/press-releases/update-on-sony-investigation> — “the FBI now has enough information”; “technical analysis”
[^2]: Dyn Research, Doug Madory, “North Korea Goes Dark”, <https://dyn.com/blog/north-korea-goes-dark/> — “Dyn saw North Korea's networks disappear”
`
	got := render(t, tinyStore(t), func(tx *data.Tx, b *bytes.Buffer) error { return export.WriteMarkdown(tx, b, export.Options{}) })
	if got != want {
		t.Errorf("WriteMarkdown =\n%s\nwant\n%s", got, want)
	}
	// The FBI statement, cited by two events (once twice), is one footnote.
	if n := strings.Count(got, "[^1]:"); n != 1 {
		t.Errorf("%d footnotes [^1], want 1", n)
	}
	if n := strings.Count(got, "[^1]") - 1; n != 2 {
		t.Errorf("[^1] is referenced %d times, want 2 (one per citing event)", n)
	}
}

func TestWriteMarkdownEscapesUserText(t *testing.T) {
	s := datatest.NewStore(t)
	err := s.Update(func(tx *data.Tx) error {
		if err := tx.SetChronology(data.Chronology{Title: "# *Bold* claim"}); err != nil {
			return err
		}
		return tx.CreateEvent(&data.Event{Title: "A [^9] fake footnote <script>\nsecond line", Start: data.YearDate(2000),
			Certainty: data.Confirmed, Importance: 3})
	})
	if err != nil {
		t.Fatal(err)
	}
	got := render(t, s, func(tx *data.Tx, b *bytes.Buffer) error { return export.WriteMarkdown(tx, b, export.Options{}) })
	want := "# \\# \\*Bold\\* claim\n\n1. **2000** — A \\[^9\\] fake footnote \\<script\\> second line\n"
	if got != want {
		t.Errorf("WriteMarkdown =\n%q\nwant\n%q", got, want)
	}
}

func TestWriteCSV(t *testing.T) {
	const want = `Date,End,Title,Actors,Certainty,Sources
500 BCE,480 BCE,'=SUM(A1:A9),,confirmed,
2014-12,,Attribution month,,confirmed,
2014-12-19 10:30 EST,,FBI names North Korea,United States (accuser); North Korea (accused),claimed,"FBI, “Update on Sony Investigation”, https://www.fbi.gov/news/press-releases/update-on-sony-investigation"
2014-12-22 16:15 UTC,2014-12-23 01h UTC,North Korea drops off the internet,North Korea (affected),reported,"Dyn Research, “North Korea Goes Dark”, https://dyn.com/blog/north-korea-goes-dark/; FBI, “Update on Sony Investigation”, https://www.fbi.gov/news/press-releases/update-on-sony-investigation"
2014-12-24,,'@Long one,,disputed,
`
	got := render(t, tinyStore(t), func(tx *data.Tx, b *bytes.Buffer) error { return export.WriteCSV(tx, b, export.Options{}) })
	if got != want {
		t.Errorf("WriteCSV =\n%s\nwant\n%s", got, want)
	}
}

func TestWriteICS(t *testing.T) {
	const want = "BEGIN:VCALENDAR\r\n" +
		"VERSION:2.0\r\n" +
		"PRODID:-//Chronoscope//Chronoscope//EN\r\n" +
		"CALSCALE:GREGORIAN\r\n" +
		"METHOD:PUBLISH\r\n" +
		"NAME:Sony hack [2014]\r\n" +
		"X-WR-CALNAME:Sony hack [2014]\r\n" +
		"BEGIN:VEVENT\r\n" +
		"UID:3@chronoscope\r\n" +
		"DTSTAMP:20250601T120000Z\r\n" +
		"DTSTART;VALUE=DATE:20141201\r\n" + // a month: its first day …
		"DTEND;VALUE=DATE:20150101\r\n" + // … to the first of the next
		"SUMMARY:Attribution month\r\n" +
		"END:VEVENT\r\n" +
		"BEGIN:VEVENT\r\n" +
		"UID:fbi-1\r\n" +
		"DTSTAMP:20250601T120000Z\r\n" +
		"DTSTART:20141219T153000Z\r\n" + // 10:30 in New York
		"DTEND:20141219T153100Z\r\n" +
		"SUMMARY:FBI names North Korea\r\n" +
		"DESCRIPTION:The FBI says North Korea did it\\; see the statement.\\n\\nCertain\r\n" +
		" ty: claimed\r\n" +
		"URL:https://www.fbi.gov/news/press-releases/update-on-sony-investigation\r\n" +
		"END:VEVENT\r\n" +
		"BEGIN:VEVENT\r\n" +
		"UID:1@chronoscope\r\n" +
		"DTSTAMP:20250601T120000Z\r\n" +
		"DTSTART:20141222T161500Z\r\n" +
		"DTEND:20141223T020000Z\r\n" + // the hour 01h ends at 02:00
		"SUMMARY:North Korea drops off the internet\r\n" +
		"DESCRIPTION:Certainty: reported\r\n" +
		"URL:https://dyn.com/blog/north-korea-goes-dark/\r\n" +
		"CATEGORIES:cyber\\, net,outage\r\n" +
		"END:VEVENT\r\n" +
		"BEGIN:VEVENT\r\n" +
		"UID:5@chronoscope\r\n" +
		"DTSTAMP:20250601T120000Z\r\n" +
		"DTSTART;VALUE=DATE:20141224\r\n" +
		"DTEND;VALUE=DATE:20141225\r\n" +
		"SUMMARY:@Long one\r\n" +
		"DESCRIPTION:Ünïcödé text\\, with\\; separators\\\\ Ünïcödé text\\, with\\\r\n" +
		" ; separators\\\\ Ünïcödé text\\, with\\; separators\\\\ Ünïcödé text\\, w\r\n" +
		" ith\\; separators\\\\ Ünïcödé text\\, with\\; separators\\\\ \\n\\nCertainty: d\r\n" +
		" isputed\r\n" +
		"END:VEVENT\r\n" +
		"END:VCALENDAR\r\n"
	var skipped int
	got := render(t, tinyStore(t), func(tx *data.Tx, b *bytes.Buffer) error {
		var err error
		skipped, err = export.WriteICS(tx, b, export.Options{Now: fixedNow})
		return err
	})
	if got != want {
		t.Errorf("WriteICS =\n%q\nwant\n%q", got, want)
	}
	if skipped != 1 {
		t.Errorf("skipped = %d, want 1 (the event in 500 BCE)", skipped)
	}
	// RFC 5545: every line ends in CRLF and is at most 75 octets.
	if !strings.HasSuffix(got, "\r\n") {
		t.Error("the file does not end with CRLF")
	}
	for i, line := range strings.Split(strings.TrimSuffix(got, "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line %d is %d octets: %q", i+1, len(line), line)
		}
		if strings.ContainsAny(line, "\r\n") {
			t.Errorf("line %d holds a bare line break: %q", i+1, line)
		}
	}
	// Unfolded, the long description is whole.
	unfolded := strings.ReplaceAll(got, "\r\n ", "")
	if want := "DESCRIPTION:" + strings.Repeat(`Ünïcödé text\, with\; separators\\ `, 5) + `\n\nCertainty: disputed` + "\r\n"; !strings.Contains(unfolded, want) {
		t.Errorf("unfolded file lacks %q", want)
	}
}

func TestWriteICSPrecisions(t *testing.T) {
	s := datatest.NewStore(t)
	err := s.Update(func(tx *data.Tx) error {
		for _, e := range []*data.Event{
			{Title: "year", Start: data.YearDate(1999)},
			{Title: "days", Start: data.DayDate(2000, 2, 28), End: data.DayDate(2000, 3, 1)},
			{Title: "seconds", Start: data.Date{Year: 2000, Month: 1, Day: 1, Hour: 23, Minute: 59, Second: 59, Precision: data.PrecisionSecond}},
			{Title: "day to minute", Start: data.DayDate(2001, 1, 1), End: data.MinuteDate(2001, 1, 2, 12, 0), Zone: "Europe/Paris"},
			{Title: "too late", Start: data.YearDate(9999)},
			{Title: "cosmic", Start: data.YearDate(-13_800_000_000)},
		} {
			e.Certainty, e.Importance = data.Confirmed, 3
			if err := tx.CreateEvent(e); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var skipped int
	got := render(t, s, func(tx *data.Tx, b *bytes.Buffer) error {
		var err error
		skipped, err = export.WriteICS(tx, b, export.Options{Now: fixedNow})
		return err
	})
	for _, want := range []string{
		"DTSTART;VALUE=DATE:19990101\r\nDTEND;VALUE=DATE:20000101\r\nSUMMARY:year",
		"DTSTART;VALUE=DATE:20000228\r\nDTEND;VALUE=DATE:20000302\r\nSUMMARY:days",
		"DTSTART:20000101T235959Z\r\nDTEND:20000102T000000Z\r\nSUMMARY:seconds",
		"DTSTART:20001231T230000Z\r\nDTEND:20010102T110100Z\r\nSUMMARY:day to minute",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("WriteICS lacks %q:\n%s", want, got)
		}
	}
	if skipped != 2 {
		t.Errorf("skipped = %d, want 2 (9999 ends in 10000; the Big Bang)", skipped)
	}
}

func TestExportFilter(t *testing.T) {
	s := tinyStore(t)
	rows, err := s.Window(data.Filter{Certainties: []data.Certainty{data.Claimed}})
	if err != nil || len(rows) != 1 {
		t.Fatalf("claimed rows = %v, %v", rows, err)
	}
	got := render(t, s, func(tx *data.Tx, b *bytes.Buffer) error {
		return export.WriteCSV(tx, b, export.Options{Filter: data.Filter{Certainties: []data.Certainty{data.Claimed}}})
	})
	if n := strings.Count(got, "\n"); n != 2 || !strings.Contains(got, "FBI names North Korea") {
		t.Errorf("filtered CSV =\n%s\nwant the header and the claimed event", got)
	}
}

// Exports read a page of events at a time; a chronology larger than a
// page comes out whole and in order.
func TestExportPages(t *testing.T) {
	s := datatest.NewStore(t)
	const n = 12_345
	if err := s.Update(func(tx *data.Tx) error {
		return data.Generate(tx, data.GenerateOptions{Events: n, Actors: 5, Seed: 7})
	}); err != nil {
		t.Fatal(err)
	}
	got := render(t, s, func(tx *data.Tx, b *bytes.Buffer) error { return export.WriteCSV(tx, b, export.Options{}) })
	if lines := strings.Count(got, "\n"); lines != n+1 {
		t.Errorf("CSV has %d lines, want %d", lines, n+1)
	}
}
