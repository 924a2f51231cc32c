package data_test

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"chronoscope/assets"
	"chronoscope/data"
	"chronoscope/data/datatest"
)

func mustActor(t *testing.T, s *data.Store, name, color string) data.Actor {
	t.Helper()
	a := data.Actor{Name: name, Kind: data.KindState, Color: color}
	if err := s.CreateActor(&a); err != nil {
		t.Fatal(err)
	}
	return a
}

func TestRoundTripEveryType(t *testing.T) {
	s := datatest.NewStore(t)
	c := data.Chronology{Title: "Sony hack", Description: "December 2014", Zone: "Asia/Pyongyang"}
	if err := s.SetChronology(c); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Chronology(); err != nil || got != c {
		t.Errorf("Chronology() = %+v, %v; want %+v", got, err, c)
	}

	us := mustActor(t, s, "United States", "#2f6fb3")
	nk := data.Actor{Name: "North Korea", Kind: data.KindState, Color: "#c8372d", Description: "DPRK", Position: 2}
	if err := s.CreateActor(&nk); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Actor(nk.ID); err != nil || got != nk {
		t.Errorf("Actor() = %+v, %v; want %+v", got, err, nk)
	}

	e := &data.Event{
		Title: "North Korea drops off the internet", Description: "**Outage** for nine hours",
		Start: data.MinuteDate(2014, 12, 22, 16, 15), End: data.Date{Year: 2014, Month: 12, Day: 23, Hour: 1, Precision: data.PrecisionHour},
		Zone: "UTC", DisplayDate: "22 Dec, 16:15 UTC", Certainty: data.Reported, Importance: 5,
		Tags: []string{"outage", "cyber"}, Notes: "ask the class", Story: 8, ExternalID: "tl-8",
		Actors: []data.Participant{{ActorID: nk.ID, Role: "affected"}, {ActorID: us.ID, Role: "suspected"}},
	}
	if err := s.CreateEvent(e); err != nil {
		t.Fatal(err)
	}
	got, err := s.Event(e.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := *e
	slices.Sort(want.Tags) // tags come back sorted
	if !reflect.DeepEqual(*got, want) {
		t.Errorf("Event() = %+v\nwant %+v", *got, want)
	}

	src := data.Source{Title: "Someone Disconnects North Korea", Publisher: "Dyn", Author: "Doug Madory",
		URL: "https://networkingnexus.net/page/3660", Published: data.DayDate(2014, 12, 22), Accessed: data.DayDate(2026, 11, 26),
		ArchiveURL: "https://web.archive.org/web/2015/https://dyn.com/"}
	if err := s.CreateSource(&src); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Source(src.ID); err != nil || got != src {
		t.Errorf("Source() = %+v, %v; want %+v", got, err, src)
	}

	cit := data.Citation{EventID: e.ID, SourceID: src.ID, Quote: "at 16:15 UTC", Note: "measured", Date: data.MinuteDate(2014, 12, 22, 16, 15)}
	if err := s.CreateCitation(&cit); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Citations(e.ID); err != nil || len(got) != 1 || got[0] != cit {
		t.Errorf("Citations() = %+v, %v; want [%+v]", got, err, cit)
	}

	era := data.Era{Title: "Fallout", Start: data.DayDate(2014, 12, 19), End: data.DayDate(2014, 12, 31), Color: "#7986cb"}
	if err := s.CreateEra(&era); err != nil {
		t.Fatal(err)
	}
	if got, err := s.Eras(); err != nil || len(got) != 1 || got[0] != era {
		t.Errorf("Eras() = %+v, %v; want [%+v]", got, err, era)
	}

	// Updates replace every field, links included.
	e.Title, e.Certainty, e.Tags = "Outage", data.Confirmed, []string{"internet"}
	e.Actors = []data.Participant{{ActorID: us.ID, Role: "blamed"}}
	e.End = data.Date{}
	if err := s.UpdateEvent(e); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Event(e.ID); !reflect.DeepEqual(got, e) {
		t.Errorf("after update Event() = %+v\nwant %+v", got, e)
	}
	nk.Name = "DPRK"
	if err := s.UpdateActor(&nk); err != nil {
		t.Fatal(err)
	}
	src.Title = "Dyn Research"
	if err := s.UpdateSource(&src); err != nil {
		t.Fatal(err)
	}
	cit.Quote = "16:15"
	if err := s.UpdateCitation(&cit); err != nil {
		t.Fatal(err)
	}
	era.Color = "#000000"
	if err := s.UpdateEra(&era); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Actor(nk.ID); got.Name != "DPRK" {
		t.Errorf("actor name after update = %q", got.Name)
	}
	if got, _ := s.Source(src.ID); got.Title != "Dyn Research" {
		t.Errorf("source title after update = %q", got.Title)
	}
	if got, _ := s.Citation(cit.ID); got.Quote != "16:15" {
		t.Errorf("citation quote after update = %q", got.Quote)
	}
	if got, _ := s.Era(era.ID); got.Color != "#000000" {
		t.Errorf("era colour after update = %q", got.Color)
	}

	// Deleting an event takes its links and citations with it.
	if err := s.DeleteEvent(e.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Event(e.ID); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("Event after delete: %v, want ErrNotFound", err)
	}
	if _, err := s.Citation(cit.ID); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("Citation after its event's delete: %v, want ErrNotFound", err)
	}
	if counts, _ := s.ActorCounts(); len(counts) != 0 {
		t.Errorf("ActorCounts after delete = %v, want empty", counts)
	}
	for name, del := range map[string]func() error{
		"actor":  func() error { return s.DeleteActor(nk.ID) },
		"source": func() error { return s.DeleteSource(src.ID) },
		"era":    func() error { return s.DeleteEra(era.ID) },
	} {
		if err := del(); err != nil {
			t.Errorf("delete %s: %v", name, err)
		}
		if err := del(); !errors.Is(err, data.ErrNotFound) {
			t.Errorf("second delete of %s: %v, want ErrNotFound", name, err)
		}
	}
}

func TestErrNotFound(t *testing.T) {
	s := datatest.NewStore(t)
	checks := map[string]error{}
	_, checks["Event"] = s.Event(42)
	_, checks["Actor"] = s.Actor(42)
	_, checks["Source"] = s.Source(42)
	_, checks["Citation"] = s.Citation(42)
	_, checks["Era"] = s.Era(42)
	checks["UpdateEvent"] = s.UpdateEvent(&data.Event{ID: 42, Title: "x", Start: data.YearDate(2014), Certainty: data.Confirmed, Importance: 3})
	checks["UpdateActor"] = s.UpdateActor(&data.Actor{ID: 42, Name: "x", Kind: data.KindPerson, Color: "#000000"})
	checks["DeleteEvent"] = s.DeleteEvent(42)
	checks["DeleteCitation"] = s.DeleteCitation(42)
	for name, err := range checks {
		if !errors.Is(err, data.ErrNotFound) {
			t.Errorf("%s(42) = %v, want ErrNotFound", name, err)
		}
	}
}

func TestValidationNamesTheField(t *testing.T) {
	s := datatest.NewStore(t)
	a := mustActor(t, s, "China", "#e0a100")
	ok := func() *data.Event {
		return &data.Event{Title: "t", Start: data.DayDate(2014, 12, 22), Certainty: data.Claimed, Importance: 3}
	}
	tests := []struct {
		name      string
		create    func() error
		field     string
		msgSubstr string
	}{
		{"empty title", func() error { e := ok(); e.Title = "  "; return s.CreateEvent(e) }, "title", "empty"},
		{"end before start", func() error { e := ok(); e.End = data.DayDate(2014, 12, 1); return s.CreateEvent(e) }, "end", "before the start"},
		{"month 13", func() error {
			e := ok()
			e.Start = data.Date{Year: 2014, Month: 13, Day: 1, Precision: data.PrecisionMonth}
			return s.CreateEvent(e)
		}, "start", "month 13"},
		{"day 31 in April", func() error { e := ok(); e.Start = data.DayDate(2014, 4, 31); return s.CreateEvent(e) }, "start", "day 31 does not exist in April"},
		{"unknown certainty", func() error { e := ok(); e.Certainty = "rumoured"; return s.CreateEvent(e) }, "certainty", "rumoured"},
		{"importance 0", func() error { e := ok(); e.Importance = 0; return s.CreateEvent(e) }, "importance", "1..5"},
		{"unknown zone", func() error { e := ok(); e.Zone = "Mars/Olympus"; return s.CreateEvent(e) }, "zone", "IANA"},
		{"missing actor", func() error {
			e := ok()
			e.Actors = []data.Participant{{ActorID: a.ID + 100}}
			return s.CreateEvent(e)
		}, "actors", "does not exist"},
		{"invalid colour", func() error {
			return s.CreateActor(&data.Actor{Name: "x", Kind: data.KindGroup, Color: "red"})
		}, "color", "#rrggbb"},
		{"unknown kind", func() error {
			return s.CreateActor(&data.Actor{Name: "x", Kind: "planet", Color: "#ff0000"})
		}, "kind", "planet"},
		{"javascript URL", func() error {
			return s.CreateSource(&data.Source{Title: "x", URL: "javascript:alert(1)"})
		}, "url", "only http, https and mailto"},
		{"file URL", func() error {
			return s.CreateSource(&data.Source{Title: "x", URL: "file:///etc/passwd"})
		}, "url", "only http, https and mailto"},
		{"https without host", func() error {
			return s.CreateSource(&data.Source{Title: "x", URL: "https:evil.com"})
		}, "url", "no host"},
		{"citation of a missing source", func() error {
			e := ok()
			if err := s.CreateEvent(e); err != nil {
				return err
			}
			return s.CreateCitation(&data.Citation{EventID: e.ID, SourceID: 999})
		}, "source", "does not exist"},
		{"era end before start", func() error {
			return s.CreateEra(&data.Era{Title: "x", Start: data.YearDate(2014), End: data.YearDate(2013), Color: "#ffffff"})
		}, "end", "before the start"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.create()
			var fe *data.FieldError
			if !errors.As(err, &fe) {
				t.Fatalf("got %v, want a *FieldError", err)
			}
			if fe.Field != tt.field {
				t.Errorf("field = %q, want %q (%v)", fe.Field, tt.field, err)
			}
			if !strings.Contains(fe.Msg, tt.msgSubstr) {
				t.Errorf("message %q does not contain %q", fe.Msg, tt.msgSubstr)
			}
		})
	}
	// Nothing half-written: only the one valid event made for the citation test.
	if n, _ := s.Count(data.Filter{}); n != 1 {
		t.Errorf("%d events stored after the failed creates, want 1", n)
	}
}

func TestCheckURL(t *testing.T) {
	good := []string{"https://example.org/a?b=c&d=e", "http://example.org", "mailto:editor@example.org", "HTTPS://EXAMPLE.ORG/"}
	for _, u := range good {
		if err := data.CheckURL(u); err != nil {
			t.Errorf("CheckURL(%q) = %v, want nil", u, err)
		}
	}
	bad := []string{"javascript:alert(1)", "file:///etc/passwd", "ms-msdt:/id PCWDiagnostic", "search-ms:query=x",
		`\\host\share`, "https:evil.com", "-https://example.org", "https://-oProxyCommand=x/", "https://example.org/\"&calc",
		"https://exa mple.org", "https://user:pw@example.org", "mailto:", "//example.org", "example.org", "",
		"https://example.org/" + strings.Repeat("a", 64*1024)}
	for _, u := range bad {
		if err := data.CheckURL(u); err == nil {
			t.Errorf("CheckURL(%.60q) = nil, want an error", u)
		}
	}
}

func TestDefaultChronology(t *testing.T) {
	s := datatest.DefaultStore(t)
	c, err := s.Chronology()
	if err != nil || !strings.Contains(c.Title, "Sony") {
		t.Fatalf("Chronology() = %+v, %v", c, err)
	}
	rows, err := s.Window(data.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(rows), 18; got != want {
		t.Errorf("%d events, want %d", got, want)
	}
	actors, _ := s.Actors()
	if got, want := len(actors), 10; got != want {
		t.Errorf("%d actors, want %d", got, want)
	}
	byTitle := map[string]data.EventRow{}
	for i, r := range rows {
		byTitle[r.Title] = r
		if i > 0 && r.StartS < rows[i-1].StartS {
			t.Errorf("rows not sorted by start at %q", r.Title)
		}
		if len(r.Actors) == 0 {
			t.Errorf("%q has no actors", r.Title)
		}
		if r.Sources == 0 {
			t.Errorf("%q cites no source", r.Title)
		}
		e, err := s.Event(r.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range e.Actors {
			if p.Role == "" {
				t.Errorf("%q: actor %d has no role", r.Title, p.ActorID)
			}
		}
		// Every cited source exists, and its address (when it has one)
		// may be opened. The article has none: neither it nor SOURCES.md
		// gives one.
		cits, _ := s.Citations(r.ID)
		for _, c := range cits {
			src, err := s.Source(c.SourceID)
			if err != nil {
				t.Fatal(err)
			}
			if src.URL == "" && src.Title != "China not Eager to Help US Punish North Korea" {
				t.Errorf("%q cites %q, which has no address", r.Title, src.Title)
			}
			if src.URL != "" && data.CheckURL(src.URL) != nil {
				t.Errorf("%q cites %q at an address that may not be opened: %s", r.Title, src.Title, src.URL)
			}
		}
	}
	outage, ok := byTitle["North Korea drops off the internet"]
	if !ok {
		t.Fatal("no outage event")
	}
	if got, want := outage.Start.Format(outage.Location()), "2014-12-22 16:15 UTC"; got != want {
		t.Errorf("outage start = %q, want %q", got, want)
	}
	if !strings.Contains(outage.DisplayDate, "01:15") || !strings.Contains(outage.DisplayDate, "Pyongyang") {
		t.Errorf("outage display date %q lacks the Pyongyang time", outage.DisplayDate)
	}
	if fbi := byTitle["The FBI blames North Korea's government for the hack"]; fbi.Certainty != data.Claimed {
		t.Errorf("FBI attribution certainty = %q, want claimed", fbi.Certainty)
	}
	if d := byTitle["North Korea denies hacking Sony"]; d.Certainty != data.Denied || d.Start.Precision != data.PrecisionMonth {
		t.Errorf("denial = %+v, want denied at month precision", d)
	}
	// China's statement: two sources, two different days, both kept.
	hua := byTitle["China says it needs evidence before drawing conclusions"]
	cits, _ := s.Citations(hua.ID)
	var days []string
	for _, c := range cits {
		days = append(days, c.Date.String())
	}
	if got, want := days, []string{"2014-12-22", "2014-12-23"}; !slices.Equal(got, want) {
		t.Errorf("China statement citation dates = %v, want %v", got, want)
	}
	// Nobody disputes that Hua Chunying spoke, only on which day: the
	// statement is reported, and it quotes her own words.
	if hua.Certainty != data.Reported {
		t.Errorf("China's statement is %s, want reported", hua.Certainty)
	}
	if !slices.ContainsFunc(cits, func(c data.Citation) bool {
		return strings.HasPrefix(c.Quote, "This kind of reporting has no factual basis")
	}) {
		t.Error("China's statement does not quote Hua Chunying's own words")
	}
	// The certainties the sources support: with China's statement
	// reported, no event of the story is disputed.
	used := map[data.Certainty]int{}
	for _, r := range rows {
		used[r.Certainty]++
	}
	if want := map[data.Certainty]int{data.Confirmed: 7, data.Reported: 8, data.Claimed: 2, data.Denied: 1}; !reflect.DeepEqual(used, want) {
		t.Errorf("certainties used = %v, want %v", used, want)
	}
	// The denial has no date in the sources: it stays month-precise, and
	// comes before the outages in story order.
	if d, out := byTitle["North Korea denies hacking Sony"], byTitle["North Korea drops off the internet"]; d.Story == 0 || d.Story > out.Story {
		t.Errorf("the denial is at story position %d, the outage at %d", d.Story, out.Story)
	}
	// Washington's silence cites the article's line on it.
	silent, _ := s.Citations(byTitle["Washington will not say whether it was behind the outage"].ID)
	if !slices.ContainsFunc(silent, func(c data.Citation) bool {
		return strings.Contains(c.Quote, "declined to confirm whether US was behind")
	}) {
		t.Error("the US refusal to confirm is not cited")
	}
	// Henriksen's event holds his words, not the article's.
	henriksen, _ := s.Event(byTitle["Henriksen: North Korea depends on China"].ID)
	if strings.Contains(henriksen.Description, "punish") || !strings.Contains(henriksen.Description, "Russians") {
		t.Errorf("Henriksen's event reads %q", henriksen.Description)
	}
	article, _ := s.Event(byTitle["\"China not Eager to Help US Punish North Korea\" is published"].ID)
	if !strings.Contains(article.Description, "Russia") || !strings.Contains(article.Description, "sanction") {
		t.Errorf("the article's event lacks its argument: %q", article.Description)
	}
}

// TestDefaultChronologyLinks: the threads of the story, each with the
// certainty of who claims it.
func TestDefaultChronologyLinks(t *testing.T) {
	s := datatest.DefaultStore(t)
	rows, _ := s.Window(data.Filter{})
	titles := map[int64]string{}
	for _, r := range rows {
		titles[r.ID] = r.Title
	}
	got := map[string]data.StoryLink{}
	if err := s.View(func(tx *data.Tx) error {
		return tx.StoryLinks(func(l data.StoryLink) error {
			got[titles[l.From]+" | "+string(l.Kind)+" | "+titles[l.To]] = l
			return nil
		})
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != 17 {
		t.Errorf("%d links, want 17", len(got))
	}
	for _, w := range []struct {
		from      string
		kind      data.LinkKind
		to        string
		certainty data.Certainty
	}{
		{"Obama promises a proportional response", data.RespondsTo, "The FBI blames North Korea's government for the hack", data.Confirmed},
		{"North Korea denies hacking Sony", data.Denies, "The FBI blames North Korea's government for the hack", data.Reported},
		{"China says it needs evidence before drawing conclusions", data.RespondsTo, "US officials ask Beijing to press North Korea", data.Reported},
		// North Korea's claim that the US caused its outage: nobody confirmed it.
		{"Obama promises a proportional response", data.LedTo, "North Korea drops off the internet", data.Claimed},
	} {
		l, ok := got[w.from+" | "+string(w.kind)+" | "+w.to]
		if !ok {
			t.Errorf("no link: %s %s %s", w.from, w.kind, w.to)
			continue
		}
		if l.Certainty != w.certainty {
			t.Errorf("%s %s %s is %s, want %s", w.from, w.kind, w.to, l.Certainty, w.certainty)
		}
	}
	for k, l := range got {
		if len(l.Citations) == 0 {
			t.Errorf("%s cites no source", k)
		}
	}
	// The outage's threads, read from it.
	if n := byTitleRow(rows, "North Korea drops off the internet").Links; n != 5 {
		t.Errorf("the outage has %d links, want 5", n)
	}
}

func byTitleRow(rows []data.EventRow, title string) data.EventRow {
	for _, r := range rows {
		if r.Title == title {
			return r
		}
	}
	return data.EventRow{}
}

func TestWindowFilters(t *testing.T) {
	s := datatest.DefaultStore(t)
	actors, _ := s.Actors()
	id := map[string]int64{}
	for _, a := range actors {
		id[a.Name] = a.ID
	}
	day := func(y int64, m, d int) int64 { return data.DayDate(y, m, d).Instant(nil) }
	titles := func(f data.Filter) []string {
		t.Helper()
		rows, err := s.Window(f)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, r := range rows {
			out = append(out, r.Title)
		}
		return out
	}
	// The window of 23–26 December holds the nine-hour outage (it runs into
	// the 23rd), the second collapse, and the month-precision events of
	// December (they span the whole month).
	got := titles(data.Filter{From: day(2014, 12, 23), To: day(2014, 12, 26)})
	want := []string{
		"Threats against cinemas; Sony cancels the release of The Interview",
		"US officials ask Beijing to press North Korea",
		"North Korea denies hacking Sony",
		"Henriksen: North Korea depends on China",
		"Shen Yi: neither attribution has been proved",
		"\"China not Eager to Help US Punish North Korea\" is published",
		"North Korea drops off the internet",
		"North Korea's connection collapses again",
	}
	if !sameSet(got, want) {
		t.Errorf("window 23–26 Dec = %q\nwant %q", got, want)
	}
	// A window before the story holds nothing.
	if got := titles(data.Filter{From: day(2014, 1, 1), To: day(2014, 11, 1)}); len(got) != 0 {
		t.Errorf("window before the story = %q", got)
	}
	// Actor filter: events involving Sony.
	if got, want := titles(data.Filter{Actors: []int64{id["Sony Pictures Entertainment"]}}), []string{
		"Hackers breach Sony Pictures",
		"Threats against cinemas; Sony cancels the release of The Interview",
		"Sony's chief executive says the studio did not cave",
	}; !slices.Equal(got, want) {
		t.Errorf("Sony's events = %q\nwant %q", got, want)
	}
	if got := titles(data.Filter{Actors: []int64{}}); len(got) != 0 {
		t.Errorf("no actors selected gives %d events", len(got))
	}
	// Certainty filter.
	if got, want := titles(data.Filter{Certainties: []data.Certainty{data.Claimed}}), []string{
		"The FBI blames North Korea's government for the hack",
		"North Korea blames the US for its outages",
	}; !slices.Equal(got, want) {
		t.Errorf("claimed events = %q", got)
	}
	// Tags combined with a window.
	if got, want := titles(data.Filter{Tags: []string{"outage"}, From: day(2014, 12, 27), To: day(2014, 12, 28)}), []string{
		"North Korea blames the US for its outages",
		"Another outage of about two hours",
	}; !sameSet(got, want) {
		t.Errorf("outage tag on 27 Dec = %q", got)
	}
	// Text matches titles, descriptions and citation quotes, by word prefix.
	if got, want := titles(data.Filter{Text: "chinese help"}), []string{"Henriksen: North Korea depends on China"}; !slices.Equal(got, want) {
		t.Errorf("search for a quote = %q, want %q", got, want)
	}
	if got := titles(data.Filter{Text: "Pyongy"}); !slices.Contains(got, "North Korea drops off the internet") {
		t.Errorf("prefix search for Pyongy = %q", got)
	}
	if got := titles(data.Filter{Text: `"); DROP TABLE event; --`}); len(got) != 0 {
		t.Errorf("hostile search text found %q", got)
	}
	if n, _ := s.Count(data.Filter{}); n != 18 {
		t.Errorf("events after a hostile search = %d", n)
	}
	// Limit and offset page through the rows in order.
	all := titles(data.Filter{})
	if got := titles(data.Filter{Limit: 5, Offset: 5}); !slices.Equal(got, all[5:10]) {
		t.Errorf("page 2 = %q, want %q", got, all[5:10])
	}
	// Counts per actor.
	counts, err := s.ActorCounts()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := counts[id["Sony Pictures Entertainment"]], 3; got != want {
		t.Errorf("Sony's count = %d, want %d", got, want)
	}
	if got, want := counts[id["North Korea"]], 13; got != want {
		t.Errorf("North Korea's count = %d, want %d", got, want)
	}
	// Bounds: from the breach to the end of December (the eras end on the 31st).
	start, stop, ok, err := s.Bounds()
	if err != nil || !ok || start != day(2014, 11, 24) || stop != day(2015, 1, 1) {
		t.Errorf("Bounds() = %d, %d, %v, %v; want %d, %d", start, stop, ok, err, day(2014, 11, 24), day(2015, 1, 1))
	}
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

// TestWindowMatchesBruteForce checks the span-class window query against a
// plain scan over random events, from seconds-long events to billion-year
// spans, BCE included.
func TestWindowMatchesBruteForce(t *testing.T) {
	s := datatest.NewStore(t)
	a := mustActor(t, s, "A", "#112233")
	b := mustActor(t, s, "B", "#445566")
	c := mustActor(t, s, "C", "#778899")
	rng := rand.New(rand.NewPCG(1, 2))
	type span struct{ start, stop int64 }
	var spans = map[int64]span{}
	var actorOf = map[int64]int64{}
	err := s.Update(func(tx *data.Tx) error {
		for i := 0; i < 3000; i++ {
			var e data.Event
			e.Title, e.Certainty, e.Importance = "e", data.Confirmed, 3
			year := int64(rng.IntN(4000)) - 2000
			if year <= 0 {
				year--
			}
			switch rng.IntN(5) {
			case 0:
				e.Start = data.YearDate(year)
				if rng.IntN(3) == 0 {
					e.End = data.YearDate(year + int64(rng.IntN(500)) + 1)
				}
			case 1:
				e.Start = data.MonthDate(year, 1+rng.IntN(12))
			case 2:
				e.Start = data.Date{Year: year, Month: 1 + rng.IntN(12), Day: 1 + rng.IntN(28), Hour: rng.IntN(24), Minute: rng.IntN(60), Second: rng.IntN(60), Precision: data.PrecisionSecond}
			case 3:
				e.Start = data.YearDate(-1_000_000_000 - int64(rng.IntN(12_000_000_000)))
				e.End = data.YearDate(year)
			default:
				e.Start = data.DayDate(year, 1+rng.IntN(12), 1+rng.IntN(28))
			}
			actor := []int64{a.ID, b.ID, c.ID}[rng.IntN(3)]
			e.Actors = []data.Participant{{ActorID: actor}}
			if err := tx.CreateEvent(&e); err != nil {
				return err
			}
			start, stop := e.Span()
			spans[e.ID] = span{start, stop}
			actorOf[e.ID] = actor
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 200; i++ {
		from := data.YearDate(int64(rng.IntN(4000)) - 1999).Instant(nil)
		to := from + int64(rng.ExpFloat64()*1e10) + 1
		f := data.Filter{From: from, To: to}
		keep := map[int64]bool{}
		switch i % 3 {
		case 1: // one actor of three: filtered in SQL
			f.Actors = []int64{b.ID}
		case 2: // most actors: filtered after reading the window
			f.Actors = []int64{a.ID, c.ID}
		}
		for _, id := range f.Actors {
			keep[id] = true
		}
		rows, err := s.Window(f)
		if err != nil {
			t.Fatal(err)
		}
		got := map[int64]bool{}
		for _, r := range rows {
			got[r.ID] = true
		}
		want := 0
		for id, sp := range spans {
			in := sp.start < to && sp.stop > from && (f.Actors == nil || keep[actorOf[id]])
			if in {
				want++
			}
			if in != got[id] {
				t.Fatalf("window [%d, %d) actors %v: event %d [%d, %d) in result = %v, want %v", from, to, f.Actors, id, sp.start, sp.stop, got[id], in)
			}
		}
		if n, _ := s.Count(f); n != want {
			t.Errorf("Count = %d, want %d", n, want)
		}
	}
}

func TestOpenAndMigrations(t *testing.T) {
	dir := t.TempDir()

	// A file at schema version 1 (before full-text search), with an event
	// and a citation, is brought up to date when opened and its text
	// becomes searchable.
	v1 := filepath.Join(dir, "v1.chrono")
	db, err := sql.Open("sqlite3", v1)
	if err != nil {
		t.Fatal(err)
	}
	schema, err := os.ReadFile("migrations/001_init.sql")
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{string(schema),
		"PRAGMA user_version = 1", fmt.Sprintf("PRAGMA application_id = %d", data.ApplicationID),
		"INSERT INTO chronology (id, title) VALUES (1, 'Old')",
		`INSERT INTO event (id, title, description, start_year, start_month, start_day, start_hour, start_minute, start_second, start_precision,
			certainty, importance, start_s, stop_s, span_class) VALUES (7, 'Outage', 'blackout', 2014, 12, 22, 0, 0, 0, 3, 'reported', 3, 1419206400, 1419292800, 17)`,
		"INSERT INTO source (id, title) VALUES (1, 'Dyn')",
		"INSERT INTO citation (event_id, source_id, quote) VALUES (7, 1, 'someone disconnects')",
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	db.Close()
	s, err := data.Open(v1)
	if err != nil {
		t.Fatal(err)
	}
	for _, text := range []string{"outage", "blackout", "disconnects"} {
		if n, err := s.Count(data.Filter{Text: text}); err != nil || n != 1 {
			t.Errorf("after migration, search %q = %d, %v; want 1", text, n, err)
		}
	}
	s.Close()
	if got := userVersion(t, v1); got != data.SchemaVersion() {
		t.Errorf("user_version after open = %d, want %d", got, data.SchemaVersion())
	}

	// A new file is at the current version.
	fresh := datatest.NewStore(t)
	if got := userVersion(t, fresh.Path()); got != data.SchemaVersion() {
		t.Errorf("new file at version %d, want %d", got, data.SchemaVersion())
	}
}

func userVersion(t *testing.T, path string) int {
	t.Helper()
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var v int
	if err := db.QueryRow("PRAGMA user_version").Scan(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

func TestOpenRefusesFilesItMustNotTouch(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ns := datatest.NewStore(t)
	newer := ns.Path()
	ns.Close()
	db, _ := sql.Open("sqlite3", newer)
	db.Exec("PRAGMA user_version = 99")
	db.Close()
	foreign := filepath.Join(dir, "foreign.sqlite")
	db, _ = sql.Open("sqlite3", foreign)
	db.Exec("CREATE TABLE contacts (name TEXT)")
	db.Close()
	rng := rand.New(rand.NewPCG(3, 4))
	random := make([]byte, 4096)
	for i := range random {
		random[i] = byte(rng.Uint32())
	}
	tests := []struct {
		name, path string
		want       error
		msg        string
	}{
		{"newer version", newer, data.ErrNewerVersion, "update Chronoscope"},
		{"foreign SQLite file", foreign, data.ErrNotChronology, "another program"},
		{"random bytes", write("random.chrono", random), data.ErrNotChronology, "not a SQLite database"},
		{"PNG renamed", write("icon.chrono", assets.IconPNG), data.ErrNotChronology, "not a SQLite database"},
		{"empty file", write("empty.chrono", nil), data.ErrNotChronology, "the file is empty"},
		{"truncated header", write("header.chrono", truncated(t, 60)), data.ErrNotChronology, "not a SQLite database"},
		{"truncated chronology", write("truncated.chrono", truncated(t, 8192)), data.ErrDamaged, "truncated (8192 of"},
		{"missing file", filepath.Join(dir, "missing.chrono"), os.ErrNotExist, "missing.chrono"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before, _ := os.ReadFile(tt.path)
			s, err := data.Open(tt.path)
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded")
			}
			if !errors.Is(err, tt.want) {
				t.Errorf("Open error %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.path) || !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("Open error %q does not name the file and say %q", err, tt.msg)
			}
			after, _ := os.ReadFile(tt.path)
			if !bytes.Equal(before, after) {
				t.Errorf("Open changed the file's bytes")
			}
			if _, err := os.Stat(tt.path + "-wal"); err == nil {
				t.Errorf("Open left a -wal file beside %s", tt.path)
			}
		})
	}
}

func TestOpenReadOnly(t *testing.T) {
	s := datatest.DefaultStore(t)
	path := s.Path()
	s.Close()
	ro, err := data.OpenReadOnly(path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if !ro.ReadOnly() {
		t.Error("ReadOnly() = false")
	}
	if n, err := ro.Count(data.Filter{}); err != nil || n != 18 {
		t.Errorf("Count on read-only store = %d, %v", n, err)
	}
	err = ro.CreateActor(&data.Actor{Name: "x", Kind: data.KindPerson, Color: "#000000"})
	if !errors.Is(err, data.ErrReadOnly) {
		t.Errorf("write on a read-only store: %v, want ErrReadOnly", err)
	}
}

func TestUpdateIsAllOrNothing(t *testing.T) {
	s := datatest.NewStore(t)
	boom := errors.New("boom")
	err := s.Update(func(tx *data.Tx) error {
		if err := data.Generate(tx, data.GenerateOptions{Events: 100, Actors: 5, Seed: 1}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update = %v", err)
	}
	if n, _ := s.Count(data.Filter{}); n != 0 {
		t.Errorf("%d events after a failed transaction, want 0", n)
	}
	if a, _ := s.Actors(); len(a) != 0 {
		t.Errorf("%d actors after a failed transaction, want 0", len(a))
	}
}

func TestSaveCopy(t *testing.T) {
	s := datatest.DefaultStore(t)
	dst := filepath.Join(t.TempDir(), "copy.chrono")
	if err := s.SaveCopy(dst); err != nil {
		t.Fatal(err)
	}
	c, err := data.Open(dst)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if n, _ := c.Count(data.Filter{Text: "Pyongyang"}); n == 0 {
		t.Error("copy has no searchable outage event")
	}
	if n, _ := c.Count(data.Filter{}); n != 18 {
		t.Errorf("copy has %d events, want 18", n)
	}
	if err := s.SaveCopy(dst); err == nil {
		t.Error("SaveCopy over an existing file succeeded")
	}
}

func TestCheck(t *testing.T) {
	s := datatest.DefaultStore(t)
	problems, err := s.Check()
	if err != nil || len(problems) != 0 {
		t.Errorf("Check() = %v, %v; want no problems", problems, err)
	}
}

func TestGenerate(t *testing.T) {
	s := datatest.NewStore(t)
	if err := s.Update(func(tx *data.Tx) error {
		return data.Generate(tx, data.GenerateOptions{Events: 5000, Actors: 20, Seed: 7, CitationEvery: 10})
	}); err != nil {
		t.Fatal(err)
	}
	rows, err := s.Window(data.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 5000 {
		t.Fatalf("%d events, want 5000", len(rows))
	}
	precisions := map[data.Precision]int{}
	spans, cited := 0, 0
	for _, r := range rows {
		precisions[r.Start.Precision]++
		if !r.End.IsZero() {
			spans++
		}
		if r.Sources > 0 {
			cited++
		}
		if r.Start.Year < 1990 || r.Start.Year > 2025 {
			t.Fatalf("event outside 1990–2025: %v", r.Start)
		}
	}
	if len(precisions) < 5 {
		t.Errorf("precisions used: %v, want a mix of at least 5", precisions)
	}
	if spans < 300 || spans > 700 {
		t.Errorf("%d spans of 5000, want about one in ten", spans)
	}
	if cited != 500 {
		t.Errorf("%d events cited, want 500", cited)
	}
	counts, _ := s.ActorCounts()
	if len(counts) != 20 {
		t.Errorf("%d actors have events, want 20", len(counts))
	}
	// Bursty: the busiest day holds far more than an even spread would.
	perDay := map[int64]int{}
	for _, r := range rows {
		perDay[r.StartS/86400]++
	}
	busiest := 0
	for _, n := range perDay {
		busiest = max(busiest, n)
	}
	if busiest < 10 {
		t.Errorf("busiest day has %d events; news cycles should cluster", busiest)
	}
	// The same seed gives the same chronology.
	s2 := datatest.NewStore(t)
	s2.Update(func(tx *data.Tx) error {
		return data.Generate(tx, data.GenerateOptions{Events: 5000, Actors: 20, Seed: 7, CitationEvery: 10})
	})
	rows2, _ := s2.Window(data.Filter{})
	for i := range rows {
		if rows[i].Title != rows2[i].Title || rows[i].StartS != rows2[i].StartS {
			t.Fatalf("row %d differs between two runs with one seed", i)
		}
	}
}

func TestSearchFollowsEdits(t *testing.T) {
	s := datatest.NewStore(t)
	e := &data.Event{Title: "Blackout in Pyongyang", Description: "measured by Dyn", Start: data.DayDate(2014, 12, 22), Certainty: data.Reported, Importance: 3}
	if err := s.CreateEvent(e); err != nil {
		t.Fatal(err)
	}
	src := data.Source{Title: "Dyn"}
	if err := s.CreateSource(&src); err != nil {
		t.Fatal(err)
	}
	c := data.Citation{EventID: e.ID, SourceID: src.ID, Quote: "someone disconnects North Korea"}
	if err := s.CreateCitation(&c); err != nil {
		t.Fatal(err)
	}
	count := func(text string) int {
		t.Helper()
		n, err := s.Count(data.Filter{Text: text})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	for text, want := range map[string]int{"blackout": 1, "dyn": 1, "disconnects": 1, "outage": 0} {
		if got := count(text); got != want {
			t.Errorf("before edits, %q finds %d, want %d", text, got, want)
		}
	}
	e.Title = "Outage in Pyongyang"
	if err := s.UpdateEvent(e); err != nil {
		t.Fatal(err)
	}
	if got := count("blackout"); got != 0 {
		t.Errorf("old title still found after update")
	}
	if got := count("outage"); got != 1 {
		t.Errorf("new title not found after update")
	}
	if got := count("disconnects"); got != 1 {
		t.Errorf("quote lost from the index after an event update")
	}
	c.Quote = "route withdrawals"
	if err := s.UpdateCitation(&c); err != nil {
		t.Fatal(err)
	}
	if count("disconnects") != 0 || count("withdrawals") != 1 {
		t.Errorf("citation update not reflected in search")
	}
	if err := s.DeleteSource(src.ID); err != nil {
		t.Fatal(err)
	}
	if count("withdrawals") != 0 {
		t.Errorf("quote of a deleted source still found")
	}
	if err := s.DeleteEvent(e.ID); err != nil {
		t.Fatal(err)
	}
	if count("outage") != 0 || count("pyongyang") != 0 {
		t.Errorf("deleted event still found")
	}
	if problems, err := s.Check(); err != nil || len(problems) != 0 {
		t.Errorf("Check after edits = %v, %v", problems, err)
	}
}

func TestSearch(t *testing.T) {
	s := datatest.DefaultStore(t)
	rows, more, err := s.Search("pyongyang", 100)
	if err != nil {
		t.Fatal(err)
	}
	if more || len(rows) != 1 || rows[0].Title != "North Korea drops off the internet" {
		t.Errorf("Search(pyongyang) = %d rows, more %v", len(rows), more)
	}
	rows, more, err = s.Search("north korea", 3)
	if err != nil {
		t.Fatal(err)
	}
	if !more || len(rows) != 3 {
		t.Errorf("Search(north korea, 3) = %d rows, more %v; want 3 and more", len(rows), more)
	}
	for i := 1; i < len(rows); i++ {
		if rows[i].StartS < rows[i-1].StartS {
			t.Errorf("search results not in date order")
		}
	}
	if rows, _, _ := s.Search("  ", 10); len(rows) != 0 {
		t.Errorf("blank search found %d", len(rows))
	}
}

func TestDeleteActorKeepsEventsAndRows(t *testing.T) {
	s := datatest.NewStore(t)
	a := mustActor(t, s, "A", "#111111")
	b := mustActor(t, s, "B", "#222222")
	e := &data.Event{Title: "x", Start: data.YearDate(2014), Certainty: data.Confirmed, Importance: 3,
		Actors: []data.Participant{{ActorID: b.ID, Role: "first"}, {ActorID: a.ID, Role: "second"}}}
	if err := s.CreateEvent(e); err != nil {
		t.Fatal(err)
	}
	rows, _ := s.Window(data.Filter{})
	if got, want := rows[0].Actors, []int64{b.ID, a.ID}; !slices.Equal(got, want) {
		t.Errorf("row actors = %v, want %v (the event's order)", got, want)
	}
	if err := s.DeleteActor(b.ID); err != nil {
		t.Fatal(err)
	}
	rows, _ = s.Window(data.Filter{})
	if len(rows) != 1 || !slices.Equal(rows[0].Actors, []int64{a.ID}) {
		t.Errorf("after deleting B, rows = %+v", rows)
	}
	got, _ := s.Event(e.ID)
	if len(got.Actors) != 1 || got.Actors[0].ActorID != a.ID {
		t.Errorf("after deleting B, event actors = %+v", got.Actors)
	}
}

func TestUpdateRollsBackOnPanic(t *testing.T) {
	s := datatest.NewStore(t)
	func() {
		defer func() {
			if recover() == nil {
				t.Error("the panic did not go on")
			}
		}()
		s.Update(func(tx *data.Tx) error {
			if err := tx.CreateActor(&data.Actor{Name: "A", Kind: data.KindState, Color: "#000000"}); err != nil {
				return err
			}
			panic("boom")
		})
	}()
	// The write connection is free again and nothing was kept.
	if err := s.CreateActor(&data.Actor{Name: "B", Kind: data.KindState, Color: "#000000"}); err != nil {
		t.Fatal(err)
	}
	actors, _ := s.Actors()
	if len(actors) != 1 || actors[0].Name != "B" {
		t.Errorf("actors after a panicking update = %+v, want only B", actors)
	}
}

func TestMoveInStory(t *testing.T) {
	s := datatest.NewStore(t)
	var ids []int64
	for i, title := range []string{"a", "b", "c", "d"} {
		e := &data.Event{Title: title, Start: data.DayDate(2014, 12, 1+i), Certainty: data.Confirmed, Importance: 3}
		if i == 2 {
			e.Story = 1 // "c" is told first; the others follow by date
		}
		if err := s.CreateEvent(e); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, e.ID)
	}
	story := func() string {
		rows, err := s.Window(data.Filter{ByStory: true})
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, r := range rows {
			b.WriteString(r.Title)
		}
		return b.String()
	}
	if got, want := story(), "cabd"; got != want {
		t.Fatalf("story order = %q, want %q", got, want)
	}
	// Moving "b" earlier numbers every event, then swaps it with "a".
	if moved, err := s.MoveInStory(ids[1], false); err != nil || !moved {
		t.Fatalf("MoveInStory = %v, %v", moved, err)
	}
	if got, want := story(), "cbad"; got != want {
		t.Errorf("after moving b earlier: %q, want %q", got, want)
	}
	if moved, _ := s.MoveInStory(ids[2], false); moved {
		t.Error("the first event moved earlier")
	}
	if moved, _ := s.MoveInStory(ids[3], true); moved {
		t.Error("the last event moved later")
	}
	if moved, err := s.MoveInStory(ids[2], true); err != nil || !moved {
		t.Fatalf("MoveInStory later = %v, %v", moved, err)
	}
	if got, want := story(), "bcad"; got != want {
		t.Errorf("after moving c later: %q, want %q", got, want)
	}
	// Date order is unchanged.
	rows, _ := s.Window(data.Filter{})
	if rows[0].Title != "a" || rows[3].Title != "d" {
		t.Errorf("date order changed")
	}
	if _, err := s.MoveInStory(999, true); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("missing event: %v", err)
	}
}

// truncated returns the first n bytes of a real chronology file.
func truncated(t *testing.T, n int) []byte {
	s := datatest.DefaultStore(t)
	s.Close()
	b, err := os.ReadFile(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if len(b) <= n {
		t.Fatalf("the default chronology is only %d bytes", len(b))
	}
	return b[:n]
}

func TestIndexOf(t *testing.T) {
	s := datatest.DefaultStore(t)
	actors, _ := s.Actors()
	for _, f := range []data.Filter{{}, {ByStory: true}, {Actors: []int64{actors[3].ID}}, {Text: "north"}} {
		rows, err := s.Window(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, r := range rows {
			if got, err := s.IndexOf(f, r.ID); err != nil || got != i {
				t.Errorf("filter %+v: IndexOf(%q) = %d, %v; want %d", f, r.Title, got, err, i)
			}
		}
	}
	sony := actors[5].ID
	rows, _ := s.Window(data.Filter{Text: "Pyongyang"})
	if _, err := s.IndexOf(data.Filter{Actors: []int64{sony}}, rows[0].ID); !errors.Is(err, data.ErrNotFound) {
		t.Errorf("an event outside the filter: %v, want ErrNotFound", err)
	}
}

func TestRestoreEvent(t *testing.T) {
	s := datatest.DefaultStore(t)
	rows, _ := s.Window(data.Filter{Text: "sufficient evidence"})
	id := rows[0].ID
	e, _ := s.Event(id)
	cits, _ := s.Citations(id)
	links, _ := s.EventStoryLinks(id)
	if len(links) == 0 {
		t.Fatal("the test needs an event with story links")
	}
	before, _ := s.Window(data.Filter{})
	if err := s.DeleteEvent(id); err != nil {
		t.Fatal(err)
	}
	if err := s.Update(func(tx *data.Tx) error { return tx.RestoreEventAndLinks(e, cits, links) }); err != nil {
		t.Fatal(err)
	}
	got, err := s.Event(id)
	if err != nil || !reflect.DeepEqual(got, e) {
		t.Errorf("restored event = %+v, %v\nwant %+v", got, err, e)
	}
	if gotCits, _ := s.Citations(id); !reflect.DeepEqual(gotCits, cits) {
		t.Errorf("restored citations = %+v\nwant %+v", gotCits, cits)
	}
	after, _ := s.Window(data.Filter{})
	if !reflect.DeepEqual(after, before) {
		t.Error("the chronology differs after delete and restore")
	}
	if n, _ := s.Count(data.Filter{Text: "sufficient evidence"}); n != 1 {
		t.Errorf("the restored event's quote is not searchable (%d)", n)
	}
}

func TestEachEventPagesByKey(t *testing.T) {
	s := datatest.NewStore(t)
	// More than a page, many events sharing a start (a day's events all
	// start at midnight): key paging must neither skip nor repeat.
	if err := s.Update(func(tx *data.Tx) error {
		return data.Generate(tx, data.GenerateOptions{Events: 12_000, Actors: 5, Seed: 3})
	}); err != nil {
		t.Fatal(err)
	}
	want, _ := s.Window(data.Filter{})
	var got []int64
	if err := s.View(func(tx *data.Tx) error {
		return tx.EachEvent(data.Filter{}, func(e *data.Event) error { got = append(got, e.ID); return nil })
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("EachEvent gave %d events, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i] != want[i].ID {
			t.Fatalf("event %d: %d, want %d", i, got[i], want[i].ID)
		}
	}
	// With an actor filter too.
	actors, _ := s.Actors()
	f := data.Filter{Actors: []int64{actors[0].ID}}
	want, _ = s.Window(f)
	n := 0
	s.View(func(tx *data.Tx) error {
		return tx.EachEvent(f, func(*data.Event) error { n++; return nil })
	})
	if n != len(want) {
		t.Errorf("EachEvent with an actor gave %d, want %d", n, len(want))
	}
}
