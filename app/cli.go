package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"

	"chronoscope/data"
)

// Exit statuses of the command line.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

const usageText = `Usage:
  chronoscope [FILE.chrono]          open the app (on the default chronology without FILE)
  chronoscope present FILE.chrono|postgres://… [--actor NAME]...
                                     open the app straight into presentation mode
  chronoscope --version              print version, commit and build date
  chronoscope list FILE.chrono [--actor NAME]... [--from DATE] [--to DATE] [--search TEXT] [--links]
                                     print the events, one a line (with --links, the story
                                     links of those events instead: from — kind — to (certainty))
  chronoscope generate --events N -o FILE.chrono [--actors N] [--seed S] [--links N]
                                     write a synthetic chronology (with N story links)
  chronoscope check FILE.chrono      check a file's integrity
  chronoscope publish FILE.chrono --to postgres://user@host/db[?chronology=NAME] [--author NAME]
                                     share a chronology on a PostgreSQL server (see docs/team.md)
  chronoscope import SRC... --into FILE.chrono [--format F]
                                     import TimelineJS JSON or CSV, The Timeline Project's
                                     .timeline or Chronoscope JSON, all or nothing; a plain
                                     CSV with [--date-column C] [--title-column C]
                                     [--actor-column C] [--day-first] (guessed from the header)
  chronoscope export FILE.chrono --format F -o OUT [--actor NAME]... [--from DATE] [--to DATE]
                                     write json, timelinejs, timelinejs-csv, csv, markdown, ics,
                                     html (an offline page) or png (a picture of the timeline:
                                     [--width W] [--height H] [--theme light|dark] [--one-track])

Wherever a command reads FILE.chrono, a shared chronology's postgres:// URL works too
(the password from the URL, PGPASSWORD or ~/.pgpass).
DATE is a date at any precision: 2014, Dec 2014, 2014-12-22, "2014-12-22 16:15 UTC", "500 BCE".
`

// commands are the command-line commands by name.
var commands = map[string]func(args []string, stdout, stderr io.Writer) error{
	"list":     cmdList,
	"import":   cmdImport,
	"export":   cmdExport,
	"generate": cmdGenerate,
	"check":    cmdCheck,
	"publish":  cmdPublish,
}

// openArgs is what the command line asks the window to open: a file (""
// for the default chronology), and with "present FILE [--actor NAME]..."
// a presentation of it limited to those actors.
type openArgs struct {
	file    string
	present bool
	actors  []string
}

// parseOpenArgs parses the arguments that open the window (those that
// are not a command): none, one FILE, or present FILE [--actor NAME]....
// A usage error wraps errUsage.
func parseOpenArgs(args []string) (openArgs, error) {
	if len(args) > 0 && args[0] == "present" {
		fs := flag.NewFlagSet("present", flag.ContinueOnError)
		var actors repeated
		fs.Var(&actors, "actor", "present only the events of this actor (repeatable)")
		pos, err := parseInterspersed(fs, args[1:])
		if err != nil {
			return openArgs{}, err
		}
		if len(pos) != 1 {
			return openArgs{}, fmt.Errorf("%w: present needs one FILE.chrono", errUsage)
		}
		return openArgs{file: pos[0], present: true, actors: actors}, nil
	}
	switch len(args) {
	case 0:
		return openArgs{}, nil
	case 1:
		return openArgs{file: args[0]}, nil
	}
	return openArgs{}, fmt.Errorf("%w: open one file at a time", errUsage)
}

// IsCommand reports whether args name a command-line command (as opposed
// to opening the app), so main can avoid starting the GUI.
func IsCommand(args []string) bool {
	if len(args) == 0 {
		return false
	}
	switch args[0] {
	case "--version", "-version", "version", "--help", "-help", "-h", "help":
		return true
	}
	if strings.HasPrefix(args[0], "-psn_") {
		return false // macOS's process serial number on a first launch, not a command
	}
	_, ok := commands[args[0]]
	return ok || strings.HasPrefix(args[0], "-")
}

// RunCommand runs a command-line command and returns the exit status: 0 on
// success, 1 with a one-line message on stderr on error, 2 on bad usage.
// A panic is reported as an error, never as a stack trace.
func RunCommand(args []string, stdout, stderr io.Writer) (status int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "chronoscope: internal error: %v\n", r)
			if os.Getenv("CHRONOSCOPE_DEBUG") != "" {
				fmt.Fprintf(stderr, "%s\n", debug.Stack())
			}
			status = exitError
		}
	}()
	var err error
	switch {
	case len(args) == 0:
		err = fmt.Errorf("%w: no command", errUsage)
	case args[0] == "--version" || args[0] == "-version" || args[0] == "version":
		fmt.Fprintln(stdout, VersionLine())
		return exitOK
	case args[0] == "--help" || args[0] == "-help" || args[0] == "-h" || args[0] == "help":
		fmt.Fprint(stdout, usageText)
		return exitOK
	default:
		cmd, ok := commands[args[0]]
		if !ok {
			err = fmt.Errorf("%w: unknown command %q", errUsage, args[0])
			break
		}
		err = cmd(args[1:], stdout, stderr)
	}
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, errUsage):
		fmt.Fprintf(stderr, "chronoscope: %s\n\n%s", strings.TrimPrefix(err.Error(), "usage: "), usageText)
		return exitUsage
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(stdout, usageText)
		return exitOK
	}
	fmt.Fprintf(stderr, "chronoscope: %s\n", oneLine(err.Error()))
	return exitError
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// repeated is a flag that may be given several times.
type repeated []string

func (r *repeated) String() string     { return strings.Join(*r, ",") }
func (r *repeated) Set(v string) error { *r = append(*r, v); return nil }

// parseInterspersed parses flags that may come before or after the
// positional arguments, and returns the positional ones.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, fmt.Errorf("%w: %v", errUsage, err)
		}
		if fs.NArg() == 0 {
			return pos, nil
		}
		pos = append(pos, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// filterFlags are the event filters list and export share.
type filterFlags struct {
	actors   repeated
	from, to *string
}

func addFilterFlags(fs *flag.FlagSet) *filterFlags {
	ff := &filterFlags{}
	fs.Var(&ff.actors, "actor", "only events of this actor (repeatable)")
	ff.from = fs.String("from", "", "only events that reach this date or later")
	ff.to = fs.String("to", "", "only events that start by this date")
	return ff
}

// filter turns the flags into a data.Filter; actor names are looked up in s.
func (ff *filterFlags) filter(s *data.Store) (data.Filter, error) {
	var f data.Filter
	if *ff.from != "" {
		d, zone, err := data.ParseDate(*ff.from)
		if err != nil {
			return f, fmt.Errorf("%w: --from: %v", errUsage, err)
		}
		f.From = d.Instant(data.LoadZone(zone))
	}
	if *ff.to != "" {
		d, zone, err := data.ParseDate(*ff.to)
		if err != nil {
			return f, fmt.Errorf("%w: --to: %v", errUsage, err)
		}
		f.To = d.Stop(data.LoadZone(zone))
	}
	if *ff.from != "" && *ff.to == "" {
		f.To = data.YearDate(data.MaxYear).Instant(nil)
	}
	if *ff.to != "" && *ff.from == "" {
		f.From = data.YearDate(data.MinYear).Instant(nil)
	}
	if f.Windowed() && f.To <= f.From {
		return f, fmt.Errorf("%w: --to is before --from", errUsage)
	}
	if len(ff.actors) == 0 {
		return f, nil
	}
	all, err := s.Actors()
	if err != nil {
		return f, fmt.Errorf("%s: %w", s.Path(), err)
	}
	for _, want := range ff.actors {
		id, ok := actorByName(all, want)
		if !ok {
			return f, fmt.Errorf("%s: no actor named %q", s.Path(), want)
		}
		f.Actors = append(f.Actors, id)
	}
	return f, nil
}

func cmdList(args []string, stdout, _ io.Writer) error {
	fs := flag.NewFlagSet("list", flag.ContinueOnError)
	ff := addFilterFlags(fs)
	search := fs.String("search", "", "only events whose text contains these words")
	links := fs.Bool("links", false, "print the story links of the events instead of the events")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: list needs one FILE.chrono", errUsage)
	}
	path := pos[0]
	// Dates are checked before the file is opened, so bad usage is
	// reported as such.
	if _, err := (&filterFlags{from: ff.from, to: ff.to}).filter(nil); err != nil {
		return err
	}
	s, done, err := openToRead(path)
	if err != nil {
		return err
	}
	defer done()
	f, err := ff.filter(s)
	if err != nil {
		return err
	}
	f.Text = *search
	if *links {
		return listLinks(s, f, stdout)
	}
	all, err := s.Actors()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	names := map[int64]string{}
	for _, a := range all {
		names[a.ID] = a.Name
	}
	rows, err := s.Window(f)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	w := &errWriter{w: stdout}
	for _, r := range rows {
		fmt.Fprintln(w, eventLine(r, names))
	}
	return w.err
}

// listLinks prints the story links with an end among the events f
// selects, in the order they were made, one a line:
// "from title — kind — to title (certainty)".
func listLinks(s *data.Store, f data.Filter, stdout io.Writer) error {
	w := &errWriter{w: stdout}
	err := s.View(func(tx *data.Tx) error {
		var selected map[int64]bool
		if f.Windowed() || f.Actors != nil || f.Text != "" {
			selected = map[int64]bool{}
			if err := tx.EachRow(f, func(r data.EventRow) error {
				if r.Links > 0 {
					selected[r.ID] = true
				}
				return nil
			}); err != nil {
				return err
			}
		}
		titles := map[int64]string{}
		title := func(id int64) (string, error) {
			if t, ok := titles[id]; ok {
				return t, nil
			}
			e, err := tx.Event(id)
			if err != nil {
				return "", err
			}
			titles[id] = oneLine(e.Title)
			return titles[id], nil
		}
		return tx.StoryLinks(func(l data.StoryLink) error {
			if selected != nil && !selected[l.From] && !selected[l.To] {
				return nil
			}
			from, err := title(l.From)
			if err != nil {
				return err
			}
			to, err := title(l.To)
			if err != nil {
				return err
			}
			fmt.Fprintf(w, "%s — %s — %s (%s)\n", from, l.Kind, to, l.Certainty)
			return w.err
		})
	})
	if err != nil {
		return fmt.Errorf("%s: %w", s.Path(), err)
	}
	return w.err
}

func cmdImport(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	into := fs.String("into", "", "the chronology to import into (created if missing)")
	format := fs.String("format", "", "the format of every SRC: "+formatNames(importFormats)+" (default: from each name)")
	var spec importSpec
	fs.StringVar(&spec.Columns.Date, "date-column", "", "a plain CSV: the header of the column of dates")
	fs.StringVar(&spec.Columns.Title, "title-column", "", "a plain CSV: the header of the column of titles")
	fs.StringVar(&spec.Columns.Actor, "actor-column", "", "a plain CSV: the header of the column of actors (several split by ;)")
	fs.BoolVar(&spec.DayFirst, "day-first", false, "a plain CSV: 03/04/2014 is 3 April, not 4 March")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) == 0 || *into == "" {
		return fmt.Errorf("%w: import needs SRC... and --into FILE.chrono", errUsage)
	}
	if *format != "" {
		if _, ok := importFormats[*format]; !ok {
			return fmt.Errorf("%w: unknown format %q (want %s)", errUsage, *format, formatNames(importFormats))
		}
	}
	spec.Format = *format
	stats, err := importFilesWith(context.Background(), *into, pos, spec, func(p importProgress) {
		fmt.Fprintf(stderr, "%s: %d events read (%d%% of the input)\n", p.File, p.Events, percent(p.Read, p.Total))
	})
	if err != nil {
		return err
	}
	for _, w := range stats.Warnings {
		fmt.Fprintf(stderr, "warning: %s\n", w)
	}
	fmt.Fprintf(stderr, "imported %d events, %d actors, %d sources, %d citations, %d eras, %d story links, %d pictures into %s\n",
		stats.Events, stats.Actors, stats.Sources, stats.Citations, stats.Eras, stats.Links, stats.Images, *into)
	return nil
}

func cmdExport(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	format := fs.String("format", "", "the format to write: "+formatNames(exportFormats))
	out := fs.String("o", "", "the file to write (replaced only once the new one is complete)")
	ff := addFilterFlags(fs)
	width := fs.Int("width", 1920, "png: the picture's width in pixels")
	height := fs.Int("height", 1080, "png: the picture's height in pixels")
	themeName := fs.String("theme", "light", "png: light or dark")
	oneTrack := fs.Bool("one-track", false, "png: draw every event on one track instead of a lane per actor")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 || *out == "" || *format == "" {
		return fmt.Errorf("%w: export needs one FILE.chrono, --format F and -o OUT", errUsage)
	}
	if _, ok := exportFormats[*format]; !ok {
		return fmt.Errorf("%w: unknown format %q (want %s)", errUsage, *format, formatNames(exportFormats))
	}
	picture := posterRequest{Width: *width, Height: *height, Dark: *themeName == "dark", SingleTrack: *oneTrack}
	if *format == "png" {
		if *themeName != "light" && *themeName != "dark" {
			return fmt.Errorf("%w: --theme is light or dark, not %q", errUsage, *themeName)
		}
		if err := picture.check(); err != nil {
			return err
		}
	} else {
		set := map[string]bool{}
		fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
		for _, name := range []string{"width", "height", "theme", "one-track"} {
			if set[name] {
				return fmt.Errorf("%w: --%s applies to --format png only", errUsage, name)
			}
		}
	}
	if _, err := (&filterFlags{from: ff.from, to: ff.to}).filter(nil); err != nil {
		return err
	}
	s, done, err := openToRead(pos[0])
	if err != nil {
		return err
	}
	defer done()
	f, err := ff.filter(s)
	if err != nil {
		return err
	}
	if *format == "png" {
		picture.Filter = f
		err = exportPoster(s, *out, picture, drawHere)
	} else {
		err = exportStore(s, *format, *out, f)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stderr, "wrote %s\n", *out)
	if note, err := exportNote(s, *format, f); err != nil {
		return err
	} else if note != "" {
		fmt.Fprintf(stderr, "note: %s\n", note)
	}
	return nil
}

// eventLine formats a row for the list command: date at its precision,
// title, actors and certainty, separated by tabs.
func eventLine(r data.EventRow, names map[int64]string) string {
	actorNames := make([]string, len(r.Actors))
	for i, id := range r.Actors {
		actorNames[i] = names[id]
	}
	return r.Span() + "\t" + oneLine(r.Title) + "\t" + strings.Join(actorNames, ", ") + "\t" + string(r.Certainty)
}

func actorByName(all []data.Actor, name string) (int64, bool) {
	for _, a := range all {
		if strings.EqualFold(a.Name, name) {
			return a.ID, true
		}
	}
	return 0, false
}

// errWriter remembers the first write error (a closed pipe, a full disk).
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	e.err = err
	return n, err
}

func cmdGenerate(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("generate", flag.ContinueOnError)
	events := fs.Int("events", 0, "number of events")
	actors := fs.Int("actors", 50, "number of actors")
	seed := fs.Uint64("seed", 1, "random seed")
	links := fs.Int("links", 0, "number of story links between events")
	out := fs.String("o", "", "output FILE.chrono (must not exist)")
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 0 || *out == "" || *events <= 0 || *actors <= 0 {
		return fmt.Errorf("%w: generate needs --events N (N > 0) and -o FILE.chrono", errUsage)
	}
	if *links < 0 || (*links > 0 && *events < 2) {
		return fmt.Errorf("%w: --links needs N ≥ 0, and two events or more", errUsage)
	}
	if _, err := os.Stat(*out); err == nil {
		return fmt.Errorf("%s: file exists; choose a new name", *out)
	}
	// Build beside the target and rename at the end: an interrupted run
	// leaves no half-written chronology under the chosen name.
	tmp := filepath.Join(filepath.Dir(*out), "."+filepath.Base(*out)+".tmp")
	os.Remove(tmp)
	s, err := data.Create(tmp, data.Chronology{Title: fmt.Sprintf("Generated chronology (%d events)", *events)})
	if err != nil {
		return fmt.Errorf("%s: %w", *out, err)
	}
	err = s.Update(func(tx *data.Tx) error {
		return data.Generate(tx, data.GenerateOptions{Events: *events, Actors: *actors, Seed: *seed, CitationEvery: 20, Links: *links,
			Progress: func(done int) {
				if done%100000 == 0 {
					fmt.Fprintf(stderr, "generated %d of %d events\n", done, *events)
				}
			}})
	})
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, *out)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("%s: %w", *out, err)
	}
	if *links > 0 {
		fmt.Fprintf(stderr, "wrote %d events and %d links to %s\n", *events, *links, *out)
	} else {
		fmt.Fprintf(stderr, "wrote %d events to %s\n", *events, *out)
	}
	return nil
}

func cmdCheck(args []string, stdout, _ io.Writer) error {
	fs := flag.NewFlagSet("check", flag.ContinueOnError)
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return fmt.Errorf("%w: check needs one FILE.chrono", errUsage)
	}
	s, done, err := openToRead(pos[0])
	if err != nil {
		return err
	}
	defer done()
	problems, err := s.Check()
	if err != nil {
		return fmt.Errorf("%s: %w", pos[0], err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("%s: %d problems: %s", pos[0], len(problems), strings.Join(problems, "; "))
	}
	n, err := s.Count(data.Filter{})
	if err != nil {
		return fmt.Errorf("%s: %w", pos[0], err)
	}
	fmt.Fprintf(stdout, "%s: ok (%d events)\n", pos[0], n)
	return nil
}

// percent is part of whole in whole percent, 0 for an empty whole.
func percent(part, whole int64) int64 {
	if whole <= 0 {
		return 0
	}
	return min(100, part*100/whole)
}
