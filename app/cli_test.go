package app

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

func run(args ...string) (stdout, stderr string, status int) {
	var out, errb bytes.Buffer
	status = RunCommand(args, &out, &errb)
	return out.String(), errb.String(), status
}

func TestListDefaultChronology(t *testing.T) {
	path := datatest.DefaultFile(t)
	out, errs, status := run("list", path)
	if status != 0 || errs != "" {
		t.Fatalf("list: status %d, stderr %q", status, errs)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if got, want := len(lines), 18; got != want {
		t.Fatalf("%d lines, want %d:\n%s", got, want, out)
	}
	for i, want := range map[int]string{
		0:  "2014-11-24\tHackers breach Sony Pictures\tGuardians of Peace, Sony Pictures Entertainment\tconfirmed",
		1:  "2014-12\tThreats against cinemas; Sony cancels the release of The Interview\tGuardians of Peace, Sony Pictures Entertainment\tconfirmed",
		7:  "2014-12-19\tThe FBI blames North Korea's government for the hack\tFBI, United States, North Korea\tclaimed",
		14: "2014-12-22 16:15 – 2014-12-23 01h UTC\tNorth Korea drops off the internet\tNorth Korea\tconfirmed",
		15: "2014-12-23 03:41 UTC\tNorth Korea's connection collapses again\tNorth Korea\treported",
	} {
		if lines[i] != want {
			t.Errorf("line %d = %q\nwant      %q", i, lines[i], want)
		}
	}
}

func TestListFilters(t *testing.T) {
	path := datatest.DefaultFile(t)
	tests := []struct {
		name   string
		args   []string
		titles []string
	}{
		{"one actor", []string{"--actor", "Sony Pictures Entertainment"}, []string{
			"Hackers breach Sony Pictures",
			"Threats against cinemas; Sony cancels the release of The Interview",
			"Sony's chief executive says the studio did not cave"}},
		{"two actors, names in any case", []string{"--actor", "fbi", "--actor", "Shen Yi"}, []string{
			"Shen Yi: neither attribution has been proved",
			"The FBI blames North Korea's government for the hack"}},
		{"search a quote", []string{"--search", "Chinese help"}, []string{"Henriksen: North Korea depends on China"}},
		// Events known only to the month span December, so they reach
		// into any day of it.
		{"a day", []string{"--from", "2014-12-27", "--to", "2014-12-27", "--actor", "North Korea"}, []string{
			"US officials ask Beijing to press North Korea",
			"North Korea denies hacking Sony",
			"Henriksen: North Korea depends on China",
			"Shen Yi: neither attribution has been proved",
			"\"China not Eager to Help US Punish North Korea\" is published",
			"North Korea blames the US for its outages",
			"Another outage of about two hours"}},
		{"from a minute on", []string{"--from", "2014-12-23 03:00 UTC", "--actor", "North Korea", "--search", "internet"}, []string{
			"North Korea's connection collapses again",
			"North Korea blames the US for its outages",
			"Another outage of about two hours"}},
		{"before the story", []string{"--to", "Oct 2014"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errs, status := run(append([]string{"list", path}, tt.args...)...)
			if status != 0 {
				t.Fatalf("status %d: %s", status, errs)
			}
			var titles []string
			for _, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
				if f := strings.Split(line, "\t"); len(f) == 4 {
					titles = append(titles, f[1])
				}
			}
			if !sameTitles(titles, tt.titles) {
				t.Errorf("titles = %q\nwant %q", titles, tt.titles)
			}
		})
	}
}

func TestListLinks(t *testing.T) {
	path := filepath.Join(t.TempDir(), "links.chrono")
	s, err := data.Create(path, data.Chronology{Title: "Links"})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]int64{}
	for i, title := range []string{"The FBI blames North Korea", "Obama promises a response", "North Korea denies it", "A quiet day"} {
		e := &data.Event{Title: title, Start: data.DayDate(2014, 12, 19+i), Certainty: data.Reported, Importance: 3}
		if err := s.CreateEvent(e); err != nil {
			t.Fatal(err)
		}
		ids[title] = e.ID
	}
	for _, l := range []data.StoryLink{
		{From: ids["Obama promises a response"], To: ids["The FBI blames North Korea"], Kind: data.RespondsTo, Certainty: data.Confirmed},
		{From: ids["North Korea denies it"], To: ids["The FBI blames North Korea"], Kind: data.Denies, Certainty: data.Reported, Note: "through KCNA"},
	} {
		if err := s.CreateLink(&l); err != nil {
			t.Fatal(err)
		}
	}
	s.Close()
	for _, c := range []struct {
		name string
		args []string
		want string
	}{
		{"all", nil, "Obama promises a response — responds to — The FBI blames North Korea (confirmed)\n" +
			"North Korea denies it — denies — The FBI blames North Korea (reported)\n"},
		{"of a day's events", []string{"--from", "2014-12-21", "--to", "2014-12-21"},
			"North Korea denies it — denies — The FBI blames North Korea (reported)\n"},
		{"of an event found by its title", []string{"--search", "Obama"},
			"Obama promises a response — responds to — The FBI blames North Korea (confirmed)\n"},
		{"of an event without links", []string{"--search", "quiet"}, ""},
	} {
		out, errs, status := run(append([]string{"list", path, "--links"}, c.args...)...)
		if status != 0 || errs != "" || out != c.want {
			t.Errorf("%s: status %d, stderr %q, stdout\n%s\nwant\n%s", c.name, status, errs, out, c.want)
		}
	}
}

// TestListLinksDefaultChronology: the default chronology's threads, with
// who claims what.
func TestListLinksDefaultChronology(t *testing.T) {
	out, errs, status := run("list", datatest.DefaultFile(t), "--links")
	if status != 0 || errs != "" {
		t.Fatalf("list --links: status %d, stderr %q", status, errs)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 17 {
		t.Errorf("%d links, want 17:\n%s", len(lines), out)
	}
	for _, want := range []string{
		"Obama promises a proportional response — responds to — The FBI blames North Korea's government for the hack (confirmed)",
		"North Korea denies hacking Sony — denies — The FBI blames North Korea's government for the hack (reported)",
		"China says it needs evidence before drawing conclusions — responds to — US officials ask Beijing to press North Korea (reported)",
		"Obama promises a proportional response — led to — North Korea drops off the internet (claimed)",
	} {
		if !slices.Contains(lines, want) {
			t.Errorf("no line %q in\n%s", want, out)
		}
	}
}

func sameTitles(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	seen := map[string]int{}
	for _, s := range a {
		seen[s]++
	}
	for _, s := range b {
		seen[s]--
	}
	for _, n := range seen {
		if n != 0 {
			return false
		}
	}
	return true
}

func TestCommandErrors(t *testing.T) {
	path := datatest.DefaultFile(t)
	junk := filepath.Join(t.TempDir(), "junk.chrono")
	os.WriteFile(junk, []byte("this is not a database, just some text that is long enough to have a header of a hundred bytes or more......"), 0o644)
	tests := []struct {
		name   string
		args   []string
		status int
		stderr string // a part of the one-line message
	}{
		{"no such file", []string{"list", "/nonexistent/x.chrono"}, 1, "/nonexistent/x.chrono"},
		{"not a chronology", []string{"list", junk}, 1, junk + ": not a Chronoscope chronology"},
		{"unknown actor", []string{"list", path, "--actor", "Atlantis"}, 1, path + `: no actor named "Atlantis"`},
		{"bad date", []string{"list", path, "--from", "2014-13-01"}, 2, "month 13"},
		{"to before from", []string{"list", path, "--from", "2015", "--to", "2014"}, 2, "--to is before --from"},
		{"no file", []string{"list"}, 2, "list needs one FILE.chrono"},
		{"unknown flag", []string{"list", path, "--colour"}, 2, "flag provided but not defined"},
		{"unknown command", []string{"frobnicate"}, 2, `unknown command "frobnicate"`},
		{"generate without count", []string{"generate", "-o", filepath.Join(t.TempDir(), "g.chrono")}, 2, "--events N"},
		{"generate over a file", []string{"generate", "--events", "5", "-o", path}, 1, "file exists"},
		{"check junk", []string{"check", junk}, 1, "not a SQLite database"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errs, status := run(tt.args...)
			if status != tt.status {
				t.Errorf("status = %d, want %d (stderr %q)", status, tt.status, errs)
			}
			if out != "" {
				t.Errorf("stdout = %q, want nothing", out)
			}
			if !strings.Contains(errs, tt.stderr) {
				t.Errorf("stderr %q does not contain %q", errs, tt.stderr)
			}
			if tt.status == 1 && strings.Count(errs, "\n") != 1 {
				t.Errorf("stderr is not one line: %q", errs)
			}
			if strings.Contains(errs, "goroutine") || strings.Contains(errs, "panic") {
				t.Errorf("a panic reached the user: %q", errs)
			}
		})
	}
}

func TestGenerateAndCheck(t *testing.T) {
	out := filepath.Join(t.TempDir(), "gen.chrono")
	_, errs, status := run("generate", "--events", "2000", "--actors", "12", "-o", out)
	if status != 0 {
		t.Fatalf("generate: %d %s", status, errs)
	}
	s, err := data.OpenReadOnly(out)
	if err != nil {
		t.Fatal(err)
	}
	n, _ := s.Count(data.Filter{})
	actors, _ := s.Actors()
	s.Close()
	if n != 2000 || len(actors) != 12 {
		t.Errorf("generated %d events and %d actors, want 2000 and 12", n, len(actors))
	}
	stdout, errs, status := run("check", out)
	if status != 0 || stdout != out+": ok (2000 events)\n" {
		t.Errorf("check = %d %q %q", status, stdout, errs)
	}
	if matches, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".*tmp*")); len(matches) != 0 {
		t.Errorf("generate left temporary files: %v", matches)
	}
}

func TestGenerateWithLinks(t *testing.T) {
	out := filepath.Join(t.TempDir(), "gen.chrono")
	_, errs, status := run("generate", "--events", "1000", "--links", "200", "-o", out)
	if status != 0 || !strings.Contains(errs, "wrote 1000 events and 200 links to ") {
		t.Fatalf("generate --links: %d %q", status, errs)
	}
	s, err := data.OpenReadOnly(out)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n, err := s.LinkCount(); err != nil || n != 200 {
		t.Errorf("LinkCount() = %d, %v; want 200", n, err)
	}
	for _, args := range [][]string{
		{"generate", "--events", "10", "--links", "-1", "-o", filepath.Join(t.TempDir(), "x.chrono")},
		{"generate", "--events", "1", "--links", "1", "-o", filepath.Join(t.TempDir(), "x.chrono")},
	} {
		if _, errs, status := run(args...); status != 2 || !strings.Contains(errs, "--links needs") {
			t.Errorf("%v: %d %q", args, status, errs)
		}
	}
}

func TestVersion(t *testing.T) {
	out, _, status := run("--version")
	if status != 0 || !strings.HasPrefix(out, "chronoscope "+Version+" (commit ") || !strings.HasSuffix(out, ")\n") {
		t.Errorf("--version = %d %q", status, out)
	}
	// FyneApp.toml and the code agree on the id and version.
	toml, err := os.ReadFile("../FyneApp.toml")
	if err != nil {
		t.Fatal(err)
	}
	if m := regexp.MustCompile(`(?m)^\s*ID = "([^"]+)"`).FindSubmatch(toml); m == nil || string(m[1]) != AppID {
		t.Errorf("FyneApp.toml ID = %q, want %q", m, AppID)
	}
	if m := regexp.MustCompile(`(?m)^\s*Version = "([^"]+)"`).FindSubmatch(toml); m == nil || string(m[1]) != Version {
		t.Errorf("FyneApp.toml Version = %q, want %q", m, Version)
	}
}

func TestEnsureDefault(t *testing.T) {
	dir := t.TempDir()
	other := filepath.Join(dir, "mine.chrono")
	os.WriteFile(other, []byte("someone else's file"), 0o644)

	path, err := EnsureDefault(dir)
	if err != nil {
		t.Fatal(err)
	}
	count := func() int {
		s, err := data.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		n, _ := s.Count(data.Filter{})
		return n
	}
	if n := count(); n != 18 {
		t.Fatalf("default has %d events, want 18", n)
	}
	// A user's edit survives the next start.
	s, _ := data.Open(path)
	s.CreateEvent(&data.Event{Title: "My note", Start: data.DayDate(2015, 1, 2), Certainty: data.Reported, Importance: 2})
	s.Close()
	if _, err := EnsureDefault(dir); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 19 {
		t.Errorf("after a restart the default has %d events, want the edited 19", n)
	}
	// A damaged default is moved aside and written afresh.
	os.WriteFile(path, bytes.Repeat([]byte{0xde, 0xad}, 4096), 0o644)
	if _, err := EnsureDefault(dir); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 18 {
		t.Errorf("recreated default has %d events, want 18", n)
	}
	aside, _ := filepath.Glob(filepath.Join(dir, "*.damaged-*"))
	if len(aside) != 1 {
		t.Errorf("damaged copies kept: %v, want one", aside)
	}
	// A missing default is recreated too; other files are never touched.
	os.Remove(path)
	if _, err := EnsureDefault(dir); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 18 {
		t.Errorf("recreated default has %d events", n)
	}
	if b, _ := os.ReadFile(other); string(b) != "someone else's file" {
		t.Errorf("another file in the folder was changed")
	}
}

func TestParseOpenArgs(t *testing.T) {
	for _, c := range []struct {
		args  []string
		want  openArgs
		usage string // part of the usage error, "" for none
	}{
		{nil, openArgs{}, ""},
		{[]string{"a.chrono"}, openArgs{file: "a.chrono"}, ""},
		{[]string{"present", "a.chrono"}, openArgs{file: "a.chrono", present: true}, ""},
		{[]string{"present", "--actor", "China", "a.chrono", "--actor", "North Korea"},
			openArgs{file: "a.chrono", present: true, actors: []string{"China", "North Korea"}}, ""},
		{[]string{"present"}, openArgs{}, "present needs one FILE.chrono"},
		{[]string{"present", "a.chrono", "b.chrono"}, openArgs{}, "present needs one FILE.chrono"},
		{[]string{"present", "a.chrono", "--colour"}, openArgs{}, "flag provided but not defined: -colour"},
		{[]string{"a.chrono", "b.chrono"}, openArgs{}, "open one file at a time"},
	} {
		got, err := parseOpenArgs(c.args)
		if c.usage != "" {
			if !errors.Is(err, errUsage) || !strings.Contains(err.Error(), c.usage) {
				t.Errorf("%q: error %v, want a usage error with %q", c.args, err, c.usage)
			}
			continue
		}
		if err != nil || got.file != c.want.file || got.present != c.want.present || !slices.Equal(got.actors, c.want.actors) {
			t.Errorf("%q: %+v, %v; want %+v", c.args, got, err, c.want)
		}
	}
}
