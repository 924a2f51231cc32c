// Package csvimport reads a plain CSV — a spreadsheet of events that
// never saw TimelineJS — into a chronology: one event a row, its date and
// title from the columns the user names, and optionally its actors from a
// third. Most lists of events people keep are such spreadsheets.
//
// The header row names the columns; they are chosen by that name (case
// and surrounding spaces ignored), so any names and any order do. Commas,
// semicolons or tabs separate the cells, as the header row shows. Dates
// are read by data.ParseDate ("2014", "Dec 2014", "2014-12-22",
// "22 Dec 2014", "2014-12-22 16:15", "44 BCE", …) and, as spreadsheets
// write them, "12/22/2014" or "12/2014" (month first, unless
// Options.DayFirst), with an optional time after. An actor cell may name
// several actors, separated by semicolons. Rows whose cells are all empty
// are skipped; other columns are not read, and are named to Options.Warn.
//
// Imported events are Reported (a spreadsheet says nothing of certainty),
// of importance 3, in UTC unless the date names a zone. A bad row imports
// nothing: Import returns an error naming the file, the line, the column
// and the value, and the caller's Store.Update rolls the transaction back.
package csvimport

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"chronoscope/data"
)

// MaxField is the longest cell accepted (1 MB); a row may be four times
// as long.
const MaxField = 1 << 20

// ProgressEvery is how many events pass between two Progress calls.
const ProgressEvery = 10_000

// Columns names the columns events are read from, by their header. Actor
// may be empty: the events then have no actors.
type Columns struct {
	Date, Title, Actor string
}

// Options tunes an import.
type Options struct {
	Columns Columns
	// DayFirst reads "03/04/2014" as 3 April (else 4 March, as in the
	// United States and TimelineJS).
	DayFirst bool
	// Progress, when set, is called with the number of events imported so
	// far after every ProgressEvery events.
	Progress func(events int)
	// Warn, when set, is told what the import passed over (the columns
	// not read), naming the file and the place.
	Warn func(msg string)
}

// Sheet is the start of a CSV, for a preview: its header, its first rows
// and the separator its cells use.
type Sheet struct {
	Header []string
	Rows   [][]string
	Comma  rune
}

// sniffComma returns the separator of the header line: the most frequent
// of comma, semicolon and tab outside quotes (comma when none is).
func sniffComma(head []byte) rune {
	counts := map[rune]int{}
	quoted := false
	for _, c := range head {
		switch {
		case c == '"':
			quoted = !quoted
		case c == '\n' && !quoted:
			goto done
		case !quoted && (c == ',' || c == ';' || c == '\t'):
			counts[rune(c)]++
		}
	}
done:
	best := ','
	for _, c := range []rune{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}

// reader is a CSV reader over r with the separator its header shows, a
// byte-order mark dropped and sizes bounded.
func newReader(r io.Reader) (*csv.Reader, rune) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(64 << 10)
	if bytes.HasPrefix(head, []byte("\uFEFF")) {
		br.Discard(3)
		head = head[3:]
	}
	comma := sniffComma(head)
	cr := csv.NewReader(data.NewCSVGuard(br, comma, MaxField))
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	return cr, comma
}

// readErr names the file and the place of a CSV syntax error.
func readErr(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: line %d, column %d: %v", name, pe.Line, pe.Column, pe.Err)
	}
	return fmt.Errorf("%s: %w", name, err)
}

// Preview reads the header and up to n rows of a CSV (rows whose cells
// are all empty skipped), for the user to choose the columns.
func Preview(r io.Reader, name string, n int) (Sheet, error) {
	cr, comma := newReader(r)
	sh := Sheet{Comma: comma}
	header, err := cr.Read()
	if err == io.EOF {
		return sh, fmt.Errorf("%s: the file is empty (a CSV file starts with a row of column names)", name)
	}
	if err != nil {
		return sh, readErr(name, err)
	}
	sh.Header = trimAll(header)
	for len(sh.Rows) < n {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return sh, readErr(name, err)
		}
		if blank(rec) {
			continue
		}
		sh.Rows = append(sh.Rows, trimAll(rec))
	}
	return sh, nil
}

func trimAll(rec []string) []string {
	out := make([]string, len(rec))
	for i, c := range rec {
		out[i] = strings.TrimSpace(c)
	}
	return out
}

func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// Header names people give each column, most likely first.
var (
	dateNames  = []string{"date", "when", "start date", "start", "year", "day", "time", "datum", "fecha"}
	titleNames = []string{"title", "event", "headline", "what", "name", "summary", "subject", "description"}
	actorNames = []string{"actor", "actors", "who", "by", "person", "people", "party", "parties", "group", "organisation", "organization"}
)

// Guess picks the date, title and actor columns from the header's names
// (date, when, year…; title, event, headline, what…; actor, who…): a name
// that is one of them, else one that contains one as a word. A column not
// found is left empty; no column is picked twice.
func (sh Sheet) Guess() (Columns, bool) {
	used := map[int]bool{}
	pick := func(names []string) string {
		norm := func(h string) string { return strings.ToLower(strings.Join(strings.Fields(h), " ")) }
		for _, want := range names {
			for i, h := range sh.Header {
				if !used[i] && norm(h) == want {
					used[i] = true
					return h
				}
			}
		}
		for _, want := range names {
			for i, h := range sh.Header {
				words := strings.FieldsFunc(norm(h), func(r rune) bool { return r == ' ' || r == '_' || r == '-' || r == '/' })
				for _, w := range words {
					if !used[i] && w == want {
						used[i] = true
						return h
					}
				}
			}
		}
		return ""
	}
	c := Columns{Date: pick(dateNames), Title: pick(titleNames)}
	c.Actor = pick(actorNames)
	dayFirst := false
	if i := sh.column(c.Date); i >= 0 {
		for _, row := range sh.Rows {
			if i < len(row) {
				if first, _, ok := slashedParts(row[i]); ok && first > 12 {
					dayFirst = true
				}
			}
		}
	}
	return c, dayFirst
}

// column returns the index of the column named name, or -1.
func (sh Sheet) column(name string) int {
	for i, h := range sh.Header {
		if name != "" && strings.EqualFold(strings.TrimSpace(h), strings.TrimSpace(name)) {
			return i
		}
	}
	return -1
}

// find returns the index of the column named name or an error naming the
// columns there are; what is "date", "title" or "actor".
func find(name, file string, header []string, what string) (int, error) {
	sh := Sheet{Header: header}
	i := sh.column(name)
	if i < 0 {
		return -1, fmt.Errorf("%s: line 1: no column is named %q for the %s (the columns are %s)", file, name, what, quoteAll(header))
	}
	for j := i + 1; j < len(header); j++ {
		if strings.EqualFold(header[j], header[i]) {
			return -1, fmt.Errorf("%s: line 1: columns %d and %d are both named %q: rename one", file, i+1, j+1, header[i])
		}
	}
	return i, nil
}

func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}

// slashedParts reads the numbers of "12/22/2014" or "12/2014" (with a time
// after): the first, the second (0 when there are two parts) and whether
// the text has that form.
func slashedParts(s string) (first, second int, ok bool) {
	date, _, _ := strings.Cut(strings.TrimSpace(s), " ")
	parts := strings.Split(date, "/")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, 0, false
	}
	for _, p := range parts {
		if p == "" || strings.Trim(p, "0123456789") != "" {
			return 0, 0, false
		}
	}
	first, _ = strconv.Atoi(parts[0])
	if len(parts) == 3 {
		second, _ = strconv.Atoi(parts[1])
	}
	return first, second, true
}

// parseDate reads a cell's date: data.ParseDate's forms, and slashed
// dates with the month first (or the day, when dayFirst).
func parseDate(s string, dayFirst bool) (data.Date, string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return data.Date{}, "", fmt.Errorf("the date is empty")
	}
	if _, _, ok := slashedParts(s); !ok {
		d, zone, err := data.ParseDate(s)
		if err != nil {
			return d, zone, fmt.Errorf("%v (dates are written as 2014-12-22, 22 Dec 2014, Dec 2014, 2014 or 12/22/2014)", err)
		}
		return d, zone, nil
	}
	date, clock, _ := strings.Cut(s, " ")
	parts := strings.Split(date, "/")
	iso := ""
	switch {
	case len(parts) == 2: // month and year
		iso = parts[1] + "-" + parts[0]
	case dayFirst:
		iso = parts[2] + "-" + parts[1] + "-" + parts[0]
	default:
		iso = parts[2] + "-" + parts[0] + "-" + parts[1]
	}
	if clock = strings.TrimSpace(clock); clock != "" {
		iso += " " + clock
	}
	d, zone, err := data.ParseDate(iso)
	if err != nil {
		order := "month/day/year"
		if dayFirst {
			order = "day/month/year"
		}
		hint := ""
		if first, _, _ := slashedParts(s); len(parts) == 3 && !dayFirst && first > 12 {
			hint = "; if the day comes first, say so (--day-first)"
		}
		return d, zone, fmt.Errorf("%q is not a date read as %s%s", s, order, hint)
	}
	return d, zone, nil
}

// Import reads a plain CSV from r into tx, adding to what the chronology
// holds: one event a row, from the columns opt.Columns names. name is the
// file name used in errors. See the package documentation.
func Import(tx *data.Tx, r io.Reader, name string, opt Options) (data.ImportStats, error) {
	var stats data.ImportStats
	if opt.Columns.Date == "" || opt.Columns.Title == "" {
		return stats, fmt.Errorf("%s: name the date and title columns", name)
	}
	cr, _ := newReader(r)
	header, err := cr.Read()
	if err == io.EOF {
		return stats, fmt.Errorf("%s: the file is empty (a CSV file starts with a row of column names)", name)
	}
	if err != nil {
		return stats, readErr(name, err)
	}
	header = trimAll(header)
	dateCol, err := find(opt.Columns.Date, name, header, "date")
	if err != nil {
		return stats, err
	}
	titleCol, err := find(opt.Columns.Title, name, header, "title")
	if err != nil {
		return stats, err
	}
	actorCol := -1
	if opt.Columns.Actor != "" {
		if actorCol, err = find(opt.Columns.Actor, name, header, "actors"); err != nil {
			return stats, err
		}
	}
	if dateCol == titleCol || dateCol == actorCol || titleCol == actorCol {
		return stats, fmt.Errorf("%s: line 1: the date, title and actor columns must be different columns", name)
	}
	var unread []string
	for i, h := range header {
		if i != dateCol && i != titleCol && i != actorCol && h != "" {
			unread = append(unread, strconv.Quote(h))
		}
	}
	if len(unread) > 0 && opt.Warn != nil {
		opt.Warn(fmt.Sprintf("%s: line 1: columns not imported: %s", name, strings.Join(unread, ", ")))
	}
	actors, err := tx.Actors()
	if err != nil {
		return stats, fmt.Errorf("%s: %w", name, err)
	}
	byName := map[string]int64{}
	for _, a := range actors {
		if _, ok := byName[a.Name]; !ok {
			byName[a.Name] = a.ID
		}
	}
	nActors := len(actors)
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return stats, nil
		}
		if err != nil {
			return stats, readErr(name, err)
		}
		if blank(rec) {
			continue
		}
		cell := func(i int) (string, string) {
			line, _ := cr.FieldPos(0)
			if i < len(rec) {
				line, _ = cr.FieldPos(i)
			}
			where := fmt.Sprintf("%s: line %d, column %d (%s)", name, line, i+1, header[i])
			if i >= len(rec) {
				return "", where
			}
			return rec[i], where
		}
		text, where := cell(dateCol)
		if !utf8.ValidString(text) {
			return stats, fmt.Errorf("%s: the cell is not valid UTF-8 text", where)
		}
		start, zone, err := parseDate(text, opt.DayFirst)
		if err != nil {
			return stats, fmt.Errorf("%s: %v", where, err)
		}
		title, where := cell(titleCol)
		title = strings.Join(strings.Fields(data.UnguardCell(strings.TrimSpace(title))), " ")
		if title == "" {
			return stats, fmt.Errorf("%s: the title is empty", where)
		}
		if !utf8.ValidString(title) {
			return stats, fmt.Errorf("%s: the cell is not valid UTF-8 text", where)
		}
		e := data.Event{Title: title, Start: start, Zone: zone, Certainty: data.Reported, Importance: 3}
		if actorCol >= 0 {
			names, where := cell(actorCol)
			if !utf8.ValidString(names) {
				return stats, fmt.Errorf("%s: the cell is not valid UTF-8 text", where)
			}
			for n := range strings.SplitSeq(data.UnguardCell(strings.TrimSpace(names)), ";") {
				n = strings.Join(strings.Fields(n), " ")
				if n == "" {
					continue
				}
				id, ok := byName[n]
				if !ok {
					a := data.Actor{Name: n, Kind: data.KindGroup, Color: color(nActors), Position: nActors}
					if err := tx.CreateActor(&a); err != nil {
						return stats, fmt.Errorf("%s: actor %q: %v", where, n, err)
					}
					id, byName[n] = a.ID, a.ID
					nActors++
					stats.Actors++
				}
				if !data.HasActor(e.Actors, id) {
					e.Actors = append(e.Actors, data.Participant{ActorID: id})
				}
			}
		}
		if err := tx.CreateEvent(&e); err != nil {
			line, _ := cr.FieldPos(0)
			return stats, fmt.Errorf("%s: line %d: event %q: %v", name, line, title, err)
		}
		stats.Events++
		if opt.Progress != nil && stats.Events%ProgressEvery == 0 {
			opt.Progress(stats.Events)
		}
	}
}

// palette gives new actors distinct colours, on light and dark
// backgrounds alike.
var palette = []string{"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd",
	"#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"}

func color(n int) string { return palette[n%len(palette)] }
