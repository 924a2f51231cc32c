// Package timelineproj imports the .timeline XML files of The Timeline
// Project (thetimelineproj.sourceforge.net), the open-source desktop
// timeline application, so its users can move their timelines over.
//
// The mapping:
//
//	<category> name, color "R,G,B"   an actor of kind group, "#rrggbb"; an
//	                                 event's <category> links it with role
//	                                 "category"
//	<event> start, end               Start, End ("YYYY-MM-DD HH:MM:SS"); a
//	                                 midnight start and end give day
//	                                 precision, else minute (second when a
//	                                 second is set); equal start and end
//	                                 make a point event
//	<fuzzy>True                      one step less precise: a time of day
//	                                 becomes the day, a day the month (also
//	                                 <fuzzy_start>/<fuzzy_end> for one end)
//	<ends_today>True                 the end is the day of the import (the
//	                                 app moves it every day; Chronoscope
//	                                 has no open end), noted in Notes
//	<locked>                         ignored: it only stops dragging in the
//	                                 app
//	<text>                           Title (the "[1]" and "(1)" prefixes of
//	                                 containers and their subevents dropped)
//	<description>                    Description, as written (plain text
//	                                 reads as Markdown)
//	<hyperlink>                      a source cited by the event (links that
//	                                 may not be opened are noted in Notes)
//	<milestone>True                  a point event at its start
//	<era>                            an era with its colour
//	progress, alert, icon, colours, labels, view, now: ignored
//
// The Timeline Project numbers years astronomically (year 0 is 1 BCE,
// -1 is 2 BCE); they are converted to Chronoscope's historical years.
// Imported events are Reported (the file says nothing of certainty),
// importance 3, in UTC. Only the gregoriantime time type is read.
//
// The file is read token by token with a strict encoding/xml decoder;
// DOCTYPE and entity declarations are refused outright (they are how
// external-entity and entity-expansion attacks start), text must be UTF-8
// and one element's text at most MaxField bytes.
package timelineproj

import (
	"bufio"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"chronoscope/data"
)

// Options tunes an import.
type Options struct {
	// Progress, when set, is called with the number of events imported so
	// far after every 10,000 events.
	Progress func(events int)
	// Now is the clock that fixes the end of "ends today" events; nil
	// means time.Now.
	Now func() time.Time
}

// ProgressEvery is how many events pass between two Progress calls.
const ProgressEvery = 10_000

// MaxField is the longest text of one element accepted (10 MB).
const MaxField = 10 << 20

// maxDepth bounds element nesting; the format needs four levels.
const maxDepth = 32

// categoryRole is the role linking an event to its category's actor.
const categoryRole = "category"

// field is the text of a child element and where it started.
type field struct {
	text      string
	line, col int
}

// record is an <event>, <category> or <era>: its child elements' texts.
type record struct {
	kind      string
	line, col int
	fields    map[string]field
}

type reader struct {
	tx    *data.Tx
	name  string
	opt   Options
	dec   *xml.Decoder
	stats data.ImportStats

	actors   map[string]int64 // existing actors by name
	category map[string]int64 // the file's categories
	nActors  int
	today    data.Date
}

// Import reads a Timeline Project .timeline file from r into tx, adding to
// what the chronology holds. name is the file name used in errors, which
// give the line and column of the problem. A malformed file imports
// nothing: Import returns an error and the caller's Store.Update rolls the
// transaction back. See the package documentation for the mapping.
func Import(tx *data.Tx, r io.Reader, name string, opt Options) (data.ImportStats, error) {
	now := time.Now
	if opt.Now != nil {
		now = opt.Now
	}
	t := now()
	rd := &reader{tx: tx, name: name, opt: opt, actors: map[string]int64{}, category: map[string]int64{},
		today: data.DayDate(int64(t.Year()), int(t.Month()), t.Day())}
	actors, err := tx.Actors()
	if err != nil {
		return rd.stats, fmt.Errorf("%s: %w", name, err)
	}
	for _, a := range actors {
		if _, ok := rd.actors[a.Name]; !ok {
			rd.actors[a.Name] = a.ID
		}
	}
	rd.nActors = len(actors)
	err = rd.read(r)
	return rd.stats, err
}

// sizeGuard stops encoding/xml from buffering a huge text or tag: no run
// of bytes between '<' and '>' may exceed MaxField.
type sizeGuard struct {
	r   io.Reader
	run int
	err error
}

func (g *sizeGuard) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	n, err := g.r.Read(p)
	for i, c := range p[:n] {
		if c == '<' || c == '>' {
			g.run = 0
			continue
		}
		if g.run++; g.run > MaxField {
			g.err = fmt.Errorf("a text or tag is longer than %d bytes", MaxField)
			return i, g.err
		}
	}
	return n, err
}

func (rd *reader) failAt(line, col int, format string, a ...any) error {
	return fmt.Errorf("%s: line %d, column %d: %s", rd.name, line, col, fmt.Sprintf(format, a...))
}

func (rd *reader) read(r io.Reader) error {
	g := &sizeGuard{r: bufio.NewReaderSize(r, 64<<10)}
	rd.dec = xml.NewDecoder(g)
	rd.dec.Strict = true
	rd.dec.Entity = nil // only the five predefined entities
	var stack []string
	var rec *record
	var text strings.Builder
	var fieldLine, fieldCol int
	sawRoot := false
	for {
		line, col := rd.dec.InputPos()
		tok, err := rd.dec.Token()
		if err == io.EOF {
			if !sawRoot {
				return fmt.Errorf("%s: the file is empty (a .timeline file holds a <timeline> element)", rd.name)
			}
			return nil
		}
		if err != nil {
			l, c := rd.dec.InputPos()
			var se *xml.SyntaxError
			msg := err.Error()
			if errors.As(err, &se) {
				msg = se.Msg
				l = se.Line
			}
			if errors.Is(err, io.ErrUnexpectedEOF) || msg == "unexpected EOF" {
				msg = "the file ends too early (it is cut short)"
			}
			return rd.failAt(l, c, "%s", msg)
		}
		switch t := tok.(type) {
		case xml.Directive:
			return rd.failAt(line, col, "DOCTYPE and ENTITY declarations are not accepted (<!%s…>): a .timeline file has none, and they can smuggle in external files or expand without end", firstWord(string(t)))
		case xml.ProcInst:
			if t.Target != "xml" {
				continue
			}
		case xml.StartElement:
			name := t.Name.Local
			stack = append(stack, name)
			if len(stack) > maxDepth {
				return rd.failAt(line, col, "elements nest deeper than %d levels", maxDepth)
			}
			switch {
			case len(stack) == 1:
				if name != "timeline" {
					return rd.failAt(line, col, "the root element is <%s>, not <timeline>: this is not a Timeline Project file", name)
				}
				sawRoot = true
			case len(stack) == 3 && isRecord(stack[1], name):
				rec = &record{kind: name, line: line, col: col, fields: map[string]field{}}
			case len(stack) == 4 && rec != nil, len(stack) == 2 && name == "timetype":
				text.Reset()
				fieldLine, fieldCol = line, col
			}
		case xml.CharData:
			if (len(stack) == 2 && stack[1] == "timetype") || (len(stack) == 4 && rec != nil) {
				if text.Len()+len(t) > MaxField {
					return rd.failAt(fieldLine, fieldCol, "<%s> holds more than %d bytes of text", stack[len(stack)-1], MaxField)
				}
				text.Write(t)
			}
		case xml.EndElement:
			name := stack[len(stack)-1]
			switch {
			case len(stack) == 4 && rec != nil:
				if _, dup := rec.fields[name]; dup {
					return rd.failAt(fieldLine, fieldCol, "<%s> has two <%s> elements", rec.kind, name)
				}
				s := text.String()
				if !utf8.ValidString(s) {
					return rd.failAt(fieldLine, fieldCol, "<%s> is not valid UTF-8 text", name)
				}
				rec.fields[name] = field{text: s, line: fieldLine, col: fieldCol}
			case len(stack) == 3 && rec != nil:
				if err := rd.record(rec); err != nil {
					return err
				}
				rec = nil
			case len(stack) == 2 && name == "timetype":
				if err := rd.timeType(strings.TrimSpace(text.String()), fieldLine, fieldCol); err != nil {
					return err
				}
			}
			stack = stack[:len(stack)-1]
		}
	}
}

func firstWord(s string) string {
	if f := strings.Fields(s); len(f) > 0 {
		return f[0]
	}
	return ""
}

func isRecord(parent, name string) bool {
	return (parent == "events" && name == "event") || (parent == "categories" && name == "category") ||
		(parent == "eras" && name == "era")
}

// timeType refuses timelines whose times are not Gregorian dates.
func (rd *reader) timeType(text string, line, col int) error {
	if text != "gregoriantime" {
		return rd.failAt(line, col, "the time type is %q; only gregoriantime timelines can be imported (numeric and fictional calendars have no dates)", text)
	}
	return nil
}

func (rd *reader) record(r *record) error {
	switch r.kind {
	case "category":
		return rd.categoryRecord(r)
	case "era":
		return rd.eraRecord(r)
	}
	return rd.eventRecord(r)
}

// need returns a required field or an error naming the record.
func (rd *reader) need(r *record, name string) (field, error) {
	f, ok := r.fields[name]
	if !ok {
		return f, rd.failAt(r.line, r.col, "<%s> has no <%s>", r.kind, name)
	}
	return f, nil
}

// parseColor reads "R,G,B" (each 0..255) as "#rrggbb".
func parseColor(s string) (string, error) {
	parts := strings.Split(strings.TrimSpace(s), ",")
	if len(parts) != 3 {
		return "", fmt.Errorf("colour %q is not of the form R,G,B", s)
	}
	out := "#"
	for _, p := range parts {
		v, err := strconv.Atoi(strings.TrimSpace(p))
		if err != nil || v < 0 || v > 255 {
			return "", fmt.Errorf("colour %q is not of the form R,G,B with each part 0..255", s)
		}
		out += fmt.Sprintf("%02x", v)
	}
	return out, nil
}

// categoryRecord makes an actor of a category, or reuses the chronology's
// actor of the same name.
func (rd *reader) categoryRecord(r *record) error {
	nameField, err := rd.need(r, "name")
	if err != nil {
		return err
	}
	name := strings.TrimSpace(nameField.text)
	if _, ok := rd.category[name]; ok {
		return nil // the app keeps the first of two categories of one name
	}
	if id, ok := rd.actors[name]; ok {
		rd.category[name] = id
		return nil
	}
	colorField, err := rd.need(r, "color")
	if err != nil {
		return err
	}
	color, err := parseColor(colorField.text)
	if err != nil {
		return rd.failAt(colorField.line, colorField.col, "%v", err)
	}
	a := data.Actor{Name: name, Kind: data.KindGroup, Color: color, Position: rd.nActors}
	if err := rd.tx.CreateActor(&a); err != nil {
		return rd.failAt(r.line, r.col, "category %q: %v", name, err)
	}
	rd.category[name], rd.actors[name] = a.ID, a.ID
	rd.nActors++
	rd.stats.Actors++
	return nil
}

// parseTime reads "YYYY-MM-DD HH:MM:SS" (the year may be negative) into a
// date at second precision, converting the astronomical year.
func parseTime(s string) (data.Date, error) {
	s = strings.TrimSpace(s)
	date, clock, ok := strings.Cut(s, " ")
	bad := fmt.Errorf("%q is not a time of the form YYYY-MM-DD HH:MM:SS", s)
	if !ok {
		return data.Date{}, bad
	}
	neg := strings.HasPrefix(date, "-")
	d := strings.Split(strings.TrimPrefix(date, "-"), "-")
	c := strings.Split(clock, ":")
	if len(d) != 3 || len(c) != 3 {
		return data.Date{}, bad
	}
	var v [6]int64
	for i, p := range append(d, c...) {
		n, err := strconv.ParseInt(p, 10, 64)
		if err != nil || n < 0 || (i > 0 && len(p) > 2) {
			return data.Date{}, bad
		}
		v[i] = n
	}
	year := v[0]
	if neg {
		year = -year
	}
	if year <= 0 { // astronomical: 0 is 1 BCE
		year--
	}
	out := data.Date{Year: year, Month: int(v[1]), Day: int(v[2]), Hour: int(v[3]), Minute: int(v[4]), Second: int(v[5]), Precision: data.PrecisionSecond}
	if err := out.Validate(); err != nil {
		return data.Date{}, fmt.Errorf("%q: %v", s, err)
	}
	return out, nil
}

// truncate keeps d to precision p (p coarser than d's).
func truncate(d data.Date, p data.Precision) data.Date {
	if d.IsZero() || p >= d.Precision {
		return d
	}
	out := data.Date{Year: d.Year, Month: 1, Day: 1, Precision: p}
	if p >= data.PrecisionMonth {
		out.Month = d.Month
	}
	if p >= data.PrecisionDay {
		out.Day = d.Day
	}
	if p >= data.PrecisionHour {
		out.Hour = d.Hour
	}
	if p >= data.PrecisionMinute {
		out.Minute = d.Minute
	}
	return out
}

// fuzzier is one step less precise than a date of precision p: a time of
// day becomes its day, a day its month.
func fuzzier(p data.Precision) data.Precision {
	if p > data.PrecisionDay {
		return data.PrecisionDay
	}
	return max(data.PrecisionYear, p-1)
}

func isTrue(r *record, name string) bool {
	return strings.EqualFold(strings.TrimSpace(r.fields[name].text), "true")
}

// span reads a record's start and end and gives them the precision the
// times show: day when both are midnight, second when either has seconds,
// else minute.
func (rd *reader) span(r *record) (start, end data.Date, err error) {
	sf, err := rd.need(r, "start")
	if err != nil {
		return start, end, err
	}
	ef, err := rd.need(r, "end")
	if err != nil {
		return start, end, err
	}
	if start, err = parseTime(sf.text); err != nil {
		return start, end, rd.failAt(sf.line, sf.col, "<start>: %v", err)
	}
	if end, err = parseTime(ef.text); err != nil {
		return start, end, rd.failAt(ef.line, ef.col, "<end>: %v", err)
	}
	if end.Compare(start) < 0 {
		return start, end, rd.failAt(ef.line, ef.col, "<end> %s is before <start> %s", end, start)
	}
	p := data.PrecisionMinute
	switch {
	case start.Hour == 0 && start.Minute == 0 && start.Second == 0 && end.Hour == 0 && end.Minute == 0 && end.Second == 0:
		p = data.PrecisionDay
	case start.Second != 0 || end.Second != 0:
		p = data.PrecisionSecond
	}
	return truncate(start, p), truncate(end, p), nil
}

// eraRecord adds an era with the category-style colour.
func (rd *reader) eraRecord(r *record) error {
	nameField, err := rd.need(r, "name")
	if err != nil {
		return err
	}
	start, end, err := rd.span(r)
	if err != nil {
		return err
	}
	if isTrue(r, "ends_today") && rd.today.Compare(start) >= 0 {
		end = rd.today
	}
	colorField, err := rd.need(r, "color")
	if err != nil {
		return err
	}
	color, err := parseColor(colorField.text)
	if err != nil {
		return rd.failAt(colorField.line, colorField.col, "%v", err)
	}
	title := strings.TrimSpace(nameField.text)
	if title == "" {
		title = "Era"
	}
	e := data.Era{Title: title, Start: start, End: end, Color: color}
	if err := rd.tx.CreateEra(&e); err != nil {
		return rd.failAt(r.line, r.col, "era %q: %v", title, err)
	}
	rd.stats.Eras++
	return nil
}

// title drops the markers the app puts before the text of containers
// ("[3]Name") and their subevents ("(3)Name"), and the space it adds
// before a text that really starts with "(" or "[".
func title(text string) string {
	switch {
	case strings.HasPrefix(text, " (") || strings.HasPrefix(text, " ["):
		text = text[1:]
	case strings.HasPrefix(text, "["):
		if _, rest, ok := strings.Cut(text, "]"); ok {
			text = rest
		}
	case strings.HasPrefix(text, "("):
		if _, rest, ok := strings.Cut(text, ")"); ok {
			text = rest
		}
	}
	return strings.Join(strings.Fields(text), " ")
}

func (rd *reader) eventRecord(r *record) error {
	textField, err := rd.need(r, "text")
	if err != nil {
		return err
	}
	start, end, err := rd.span(r)
	if err != nil {
		return err
	}
	e := data.Event{Title: title(textField.text), Description: strings.TrimSpace(r.fields["description"].text),
		Certainty: data.Reported, Importance: 3}
	if e.Title == "" {
		e.Title = "Untitled event"
	}
	var notes []string
	fuzzy := isTrue(r, "fuzzy")
	if fuzzy || isTrue(r, "fuzzy_start") {
		start = truncate(start, fuzzier(start.Precision))
	}
	if fuzzy || isTrue(r, "fuzzy_end") {
		end = truncate(end, fuzzier(end.Precision))
	}
	if isTrue(r, "ends_today") && rd.today.Compare(start) >= 0 {
		end = rd.today
		notes = append(notes, fmt.Sprintf("Ended \"today\" in The Timeline Project; the end is the day of the import, %s.", rd.today))
	}
	// A milestone, or an end that (made fuzzier) no longer follows the
	// start, leaves a point event.
	if isTrue(r, "milestone") || end.Compare(start) <= 0 {
		end = data.Date{}
	}
	e.Start, e.End = start, end
	if f, ok := r.fields["category"]; ok && strings.TrimSpace(f.text) != "" {
		id, ok := rd.category[strings.TrimSpace(f.text)]
		if !ok {
			return rd.failAt(f.line, f.col, "category %q is not defined in <categories>", strings.TrimSpace(f.text))
		}
		e.Actors = []data.Participant{{ActorID: id, Role: categoryRole}}
	}
	var links []string
	for l := range strings.SplitSeq(r.fields["hyperlink"].text, ";") {
		if l = strings.TrimSpace(l); l == "" {
			continue
		}
		if err := data.CheckURL(l); err != nil {
			notes = append(notes, fmt.Sprintf("Link not imported: %v.", err))
			continue
		}
		links = append(links, l)
	}
	e.Notes = strings.Join(notes, "\n")
	if err := rd.tx.CreateEvent(&e); err != nil {
		return rd.failAt(r.line, r.col, "event %q: %v", e.Title, err)
	}
	for _, l := range links {
		src := data.Source{Title: l, URL: l}
		if err := rd.tx.CreateSource(&src); err != nil {
			return rd.failAt(r.line, r.col, "event %q: link: %v", e.Title, err)
		}
		if err := rd.tx.CreateCitation(&data.Citation{EventID: e.ID, SourceID: src.ID}); err != nil {
			return rd.failAt(r.line, r.col, "event %q: link: %v", e.Title, err)
		}
		rd.stats.Sources++
		rd.stats.Citations++
	}
	rd.stats.Events++
	if rd.opt.Progress != nil && rd.stats.Events%ProgressEvery == 0 {
		rd.opt.Progress(rd.stats.Events)
	}
	return nil
}
