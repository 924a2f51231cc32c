package timelineproj_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"chronoscope/data"
	"chronoscope/data/datatest"
	"chronoscope/data/timelineproj"
)

// importFile imports testdata/name and returns the stats and the
// warnings the import gave.
func importFile(t *testing.T, s *data.Store, name string) (data.ImportStats, []string) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	var stats data.ImportStats
	var warnings []string
	err = s.Update(func(tx *data.Tx) error {
		var err error
		stats, err = timelineproj.Import(tx, strings.NewReader(string(b)), name, timelineproj.Options{Now: fixedNow,
			Warn: func(msg string) { warnings = append(warnings, msg) }})
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return stats, warnings
}

// actorNames returns the names of e's actors, in order.
func actorNames(t *testing.T, s *data.Store, e *data.Event) []string {
	t.Helper()
	var names []string
	for _, p := range e.Actors {
		a, err := s.Actor(p.ActorID)
		if err != nil {
			t.Fatal(err)
		}
		if p.Role != "category" {
			t.Errorf("%s: %s has role %q, want category", e.Title, a.Name, p.Role)
		}
		names = append(names, a.Name)
	}
	return names
}

func actorNamed(t *testing.T, s *data.Store, name string) data.Actor {
	t.Helper()
	actors, err := s.Actors()
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range actors {
		if a.Name == name {
			return a
		}
	}
	t.Fatalf("no actor named %q", name)
	return data.Actor{}
}

type wantEvent struct {
	title      string
	start, end data.Date
	actors     []string
	tags       []string
}

func checkEvents(t *testing.T, s *data.Store, want []wantEvent) {
	t.Helper()
	for _, w := range want {
		e := datatest.EventTitled(t, s, w.title)
		if e.Start != w.start || e.End != w.end {
			t.Errorf("%s = %v – %v, want %v – %v", w.title, e.Start, e.End, w.start, w.end)
		}
		if got := actorNames(t, s, e); !slices.Equal(got, w.actors) {
			t.Errorf("%s actors = %q, want %q", w.title, got, w.actors)
		}
		if !slices.Equal(e.Tags, w.tags) {
			t.Errorf("%s tags = %q, want %q", w.title, e.Tags, w.tags)
		}
	}
}

func checkWarnings(t *testing.T, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func minute(y int64, mo, d, h, mi int) data.Date { return data.MinuteDate(y, mo, d, h, mi) }

// Version 0.1–0.2: lines of text, no "# END", categories with or without
// their visibility, events with or without a category.
func TestImportTextVersion02(t *testing.T) {
	s := datatest.NewStore(t)
	stats, warnings := importFile(t, s, "v0_2_lighthouse.timeline")
	if want := (data.ImportStats{Events: 3, Actors: 2}); stats != want {
		t.Errorf("stats = %+v, want %+v", stats, want)
	}
	checkEvents(t, s, []wantEvent{
		{"First lamp lit", data.DayDate(1861, 3, 9), data.Date{}, nil, nil},
		{"Three-day gale", minute(1872, 11, 20, 18, 30), minute(1872, 11, 22, 6, 0), []string{"Storms"}, nil},
		{"Mara Quill keeps the light", data.DayDate(1875, 5, 1), data.DayDate(1889, 9, 30), []string{"Keepers"}, nil},
	})
	if got := actorNamed(t, s, "Storms").Color; got != "#c83c3c" {
		t.Errorf("Storms colour = %s, want #c83c3c", got)
	}
	checkWarnings(t, warnings, nil)
}

// Version 0.3–0.9: CRLF lines ending in "# END", escaped semicolons and
// line breaks, description and icon data, a hidden category, an event in
// a category the file does not define, and data of an unknown kind.
func TestImportTextVersion09(t *testing.T) {
	s := datatest.NewStore(t)
	stats, warnings := importFile(t, s, "v0_9_orchard.timeline")
	if want := (data.ImportStats{Events: 5, Actors: 3}); stats != want {
		t.Errorf("stats = %+v, want %+v", stats, want)
	}
	checkEvents(t, s, []wantEvent{
		{"First apple trees", data.DayDate(1994, 3, 12), data.Date{}, []string{"Planting"}, nil},
		{"First harvest", data.DayDate(1996, 9, 1), data.DayDate(1996, 10, 15), []string{"Harvest"}, nil},
		{"Frost warning", minute(1997, 6, 1, 8, 0), data.Date{}, nil, nil},
		{"Cider press bought", data.DayDate(1998, 2, 2), data.Date{}, nil, nil},
		{"Pruning course", data.DayDate(1999, 4, 4), data.Date{}, []string{"Semi;colon"}, nil},
	})
	if got, want := datatest.EventTitled(t, s, "First apple trees").Description, "Forty saplings; mostly russets.\nPlanted by hand."; got != want {
		t.Errorf("description = %q, want %q", got, want)
	}
	if got, want := datatest.EventTitled(t, s, "Cider press bought").Description, "A second-hand press."; got != want {
		t.Errorf("description = %q, want %q", got, want)
	}
	f := "v0_9_orchard.timeline: "
	checkWarnings(t, warnings, []string{
		f + "icons (pictures in the file) were not imported (1 event, at line 7)",
		f + "hidden categories are shown: Chronoscope keeps no hidden actors in the file (1 category, at line 4)",
		f + "event data of kinds the format does not have was not read (1 event, at line 9)",
		f + "events in categories the file does not define were imported without one (as The Timeline Project reads them) (1 event, at line 8)",
	})
}

// Version 0.10, the first XML: no time type, times written without
// leading zeros, nested categories and a hidden one.
func TestImportXMLVersion010(t *testing.T) {
	s := datatest.NewStore(t)
	stats, warnings := importFile(t, s, "v0_10_canal.timeline")
	if want := (data.ImportStats{Events: 3, Actors: 3}); stats != want {
		t.Errorf("stats = %+v, want %+v", stats, want)
	}
	checkEvents(t, s, []wantEvent{
		{"First sod cut", minute(1791, 4, 2, 9, 5), data.Date{}, []string{"Works"}, nil},
		{"Building the lower flight", data.DayDate(1793, 6, 1), data.DayDate(1795, 8, 31), []string{"Locks"}, nil},
		{"Upper gates hung", data.DayDate(1796, 1, 15), data.Date{}, []string{"Upper locks"}, nil},
	})
	for name, desc := range map[string]string{"Works": "", "Locks": "A subcategory of Works in The Timeline Project.",
		"Upper locks": "A subcategory of Locks in The Timeline Project."} {
		if got := actorNamed(t, s, name).Description; got != desc {
			t.Errorf("%s description = %q, want %q", name, got, desc)
		}
	}
	f := "v0_10_canal.timeline: "
	checkWarnings(t, warnings, []string{
		f + "Chronoscope's actors do not nest: a subcategory is an actor of its own, its parent named in its description (2 categories, at lines 9, 14)",
		f + "hidden categories are shown: Chronoscope keeps no hidden actors in the file (1 category, at line 47)",
	})
}

// Version 1.x: eras, a container with subevents, a milestone, fuzzy and
// locked events, progress, an alert, a hyperlink, an icon, an event's own
// colour and a category's text colour.
func TestImportXMLVersion1(t *testing.T) {
	s := datatest.NewStore(t)
	stats, warnings := importFile(t, s, "v1_4_school.timeline")
	if want := (data.ImportStats{Events: 6, Actors: 2, Eras: 1, Sources: 1, Citations: 1}); stats != want {
		t.Errorf("stats = %+v, want %+v", stats, want)
	}
	wing := []string{"New wing"}
	checkEvents(t, s, []wantEvent{
		{"New wing", data.DayDate(2003, 1, 6), data.DayDate(2004, 8, 27), []string{"Building"}, wing},
		{"Foundations poured", data.DayDate(2003, 1, 6), data.DayDate(2003, 5, 30), []string{"Building"}, wing},
		{"Walls and roof", data.DayDate(2003, 6, 2), data.DayDate(2004, 8, 27), []string{"Building"}, wing},
		{"Wing opens", minute(2004, 9, 6, 8, 30), data.Date{}, nil, nil},
		{"Head teacher appointed", data.MonthDate(1988, 3), data.Date{}, []string{"Staff"}, nil},
		{"[Draft] timetable", data.DayDate(2004, 7, 16), data.Date{}, nil, nil},
	})
	if got, want := datatest.EventTitled(t, s, "Foundations poured").Notes, "Progress in The Timeline Project: 100% done."; got != want {
		t.Errorf("notes = %q, want %q", got, want)
	}
	if got, want := datatest.EventTitled(t, s, "Walls and roof").Notes, "Progress in The Timeline Project: 60% done.\n"+
		"Alert in The Timeline Project, at 2004-08-01 09:00:00: Check the roof inspection is booked"; got != want {
		t.Errorf("notes = %q, want %q", got, want)
	}
	opens := datatest.EventTitled(t, s, "Wing opens")
	if cits, _ := s.Citations(opens.ID); len(cits) != 1 {
		t.Errorf("Wing opens cites %d sources, want its hyperlink", len(cits))
	} else if src, _ := s.Source(cits[0].SourceID); src.URL != "https://example.org/school/opening" {
		t.Errorf("source = %q", src.URL)
	}
	eras, _ := s.Eras()
	if len(eras) != 1 || eras[0].Title != "Old building" || eras[0].End != data.DayDate(2004, 7, 15) || eras[0].Color != "#d2c8b4" {
		t.Errorf("eras = %+v", eras)
	}
	f := "v1_4_school.timeline: "
	checkWarnings(t, warnings, []string{
		f + "locked events can be moved: Chronoscope has no lock (1 event, at line 46)",
		f + "progress (per cent done) has no place in Chronoscope: kept as a line of the event's notes (2 events, at lines 40, 51)",
		f + "alerts are not raised by Chronoscope: kept as a line of the event's notes (1 event, at line 51)",
		f + "icons (pictures in the file) were not imported (1 event, at line 63)",
		f + "the colour of events without a category was not kept: Chronoscope colours events by their actors (1 event, at line 72)",
		f + "fuzzy dates were made one step less precise (a time its day, a day its month) (1 event, at line 75)",
		f + "containers were imported as events; each and its subevents are tagged with the container's name (1 container, at line 30)",
		f + "a category's text colour was not kept (1 category, at line 14)",
	})
}

// Version 2.x: an event in several categories (<categories>, a repeat
// counted once), several hyperlinks, an era and an event that end today,
// a hidden category, and an element the format does not have.
func TestImportXMLVersion2(t *testing.T) {
	s := datatest.NewStore(t)
	stats, warnings := importFile(t, s, "v2_5_festival.timeline")
	if want := (data.ImportStats{Events: 2, Actors: 3, Eras: 1, Sources: 2, Citations: 2}); stats != want {
		t.Errorf("stats = %+v, want %+v", stats, want)
	}
	checkEvents(t, s, []wantEvent{
		{"Riverside weekend", minute(2023, 7, 8, 12, 0), minute(2023, 7, 9, 23, 0), []string{"Music", "Food", "Volunteers"}, nil},
		{"Call for stallholders", data.DayDate(2024, 1, 15), data.DayDate(2025, 6, 1), []string{"Food"}, nil},
	})
	eras, _ := s.Eras()
	if len(eras) != 1 || eras[0].Start != data.DayDate(2022, 1, 1) || eras[0].End != data.DayDate(2025, 6, 1) {
		t.Errorf("eras = %+v, want the committee until the day of the import", eras)
	}
	f := "v2_5_festival.timeline: "
	checkWarnings(t, warnings, []string{
		f + "\"ends today\" became the day of the import: Chronoscope has no open end (2 events and eras, at lines 6, 57)",
		f + "hidden categories are shown: Chronoscope keeps no hidden actors in the file (1 category, at line 73)",
		f + "elements the format does not have were not read: <labels> (1 element, at line 55)",
	})
}

// The sample the application's own history is written in has nothing
// Chronoscope leaves out: no warnings.
func TestImportVersionsTimelineWarnsOfNothing(t *testing.T) {
	s := datatest.NewStore(t)
	var warnings []string
	if err := s.Update(func(tx *data.Tx) error {
		_, err := timelineproj.Import(tx, strings.NewReader(string(fixture(t))), "versions.timeline",
			timelineproj.Options{Now: fixedNow, Warn: func(m string) { warnings = append(warnings, m) }})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	checkWarnings(t, warnings, nil)
}

// A kind found many times names its first lines and counts the rest.
func TestImportWarningsCountManyLines(t *testing.T) {
	var b strings.Builder
	b.WriteString(header)
	for range 8 {
		b.WriteString(event("e", "2013-01-01 00:00:00", "2013-01-01 00:00:00", "<locked>True</locked>"))
	}
	b.WriteString(footer)
	var warnings []string
	s := datatest.NewStore(t)
	if err := s.Update(func(tx *data.Tx) error {
		_, err := timelineproj.Import(tx, strings.NewReader(b.String()), "many.timeline",
			timelineproj.Options{Now: fixedNow, Warn: func(m string) { warnings = append(warnings, m) }})
		return err
	}); err != nil {
		t.Fatal(err)
	}
	checkWarnings(t, warnings, []string{"many.timeline: locked events can be moved: Chronoscope has no lock (8 events, at lines 12, 13, 14, 15, 16, …)"})
}

// Refusals of the text format and of the newer XML elements name the
// file, the line (and column) and the value, and import nothing.
func TestImportVersionErrors(t *testing.T) {
	const head09 = "# Written by Timeline 0.9.0 on 2010-4-30 9:12:40\n"
	tests := []struct{ name, doc, want string }{
		{"bad header", "# Written by Timeline on Tuesday\n# END\n",
			`test.timeline: line 1, column 1: the header "# Written by Timeline on Tuesday" does not give the version of Timeline that wrote the file`},
		{"no END", head09 + "CATEGORY:A;1,2,3;True\n",
			`test.timeline: line 2: the file ends without its "# END" line (it is cut short)`},
		{"after END", head09 + "# END\nEVENT:2010-1-1 0:0:0;2010-1-1 0:0:0;x;\n",
			`test.timeline: line 3, column 1: the file goes on after its "# END" line`},
		{"unknown line", head09 + "EVENTS:2010-1-1\n# END\n",
			`test.timeline: line 2, column 1: "EVENTS:2010-1-1" is not a PREFERRED-PERIOD:, CATEGORY: or EVENT: line, nor "# END"`},
		{"too few parts", head09 + "EVENT:2010-1-1 0:0:0;2010-1-1 0:0:0;x\n# END\n",
			`test.timeline: line 2, column 1: an EVENT: line has start;end;text;category and data, not 3 parts`},
		{"bad time", head09 + "EVENT:2010-1-1 0:0:0;2010-13-1 0:0:0;x;\n# END\n",
			`test.timeline: line 2, column 22: <end>: "2010-13-1 0:0:0": month 13 is out of range 1..12`},
		{"bad visible", head09 + "CATEGORY:A;1,2,3;Maybe\n# END\n",
			`test.timeline: line 2, column 18: visible is "Maybe", not True or False`},
		{"bad colour", head09 + "CATEGORY:A;1,2;True\n# END\n",
			`test.timeline: line 2, column 12: colour "1,2" is not of the form R,G,B`},
		{"undefined parent", strings.Replace(header, "<category><name>Work</name>",
			"<category><name>Home</name><color>1,2,3</color><parent>Garden</parent></category><category><name>Work</name>", 1) + footer,
			`test.timeline: line 9, column 52: category "Home" has the parent "Garden", which is not defined before it`},
		{"bad progress", header + event("p", "2013-01-01 00:00:00", "2013-01-01 00:00:00", "<progress>half</progress>") + footer,
			`test.timeline: line 12, column 90: <progress> "half" is not a whole number 0..100`},
		{"undefined category in categories", header + event("c", "2013-01-01 00:00:00", "2013-01-01 00:00:00",
			"<categories><category>Play</category></categories>") + footer,
			`test.timeline: line 12, column 102: category "Play" is not defined in <categories>`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := datatest.NewStore(t)
			err := s.Update(func(tx *data.Tx) error {
				_, err := importXML(tx, tt.doc, "test.timeline")
				return err
			})
			if err == nil || err.Error() != tt.want {
				t.Fatalf("error = %v\nwant    %s", err, tt.want)
			}
			n, _ := s.Count(data.Filter{})
			actors, _ := s.Actors()
			if n != 0 || len(actors) != 0 {
				t.Errorf("after a failed import: %d events, %d actors; want none", n, len(actors))
			}
		})
	}
}
