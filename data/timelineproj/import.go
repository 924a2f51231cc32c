package timelineproj

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

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
	// Warn, when set, is told what the import left out or changed, once
	// the file is read: one message a kind, naming the file and the lines.
	Warn func(msg string)
}

// ProgressEvery is how many events pass between two Progress calls.
const ProgressEvery = 10_000

// MaxField is the longest text of one element accepted (10 MB).
const MaxField = 10 << 20

// maxDepth bounds element nesting; the format needs five levels.
const maxDepth = 32

// categoryRole is the role linking an event to its category's actor.
const categoryRole = "category"

// field is the text of a child element and where it started.
type field struct {
	text      string
	line, col int
}

// record is an <event>, <category> or <era> (or a line of the text
// format): its child elements' texts, and an event's further categories.
type record struct {
	kind       string
	line, col  int
	fields     map[string]field
	categories []field // an event's <categories><category> (2.x)
}

type reader struct {
	tx    *data.Tx
	name  string
	opt   Options
	stats data.ImportStats
	left  leftOut

	actors     map[string]int64 // existing actors by name
	category   map[string]int64 // the file's categories
	containers map[string]string
	nActors    int
	today      data.Date
}

// Import reads a Timeline Project .timeline file from r into tx, adding to
// what the chronology holds; the text files of versions 0.1 to 0.9 and the
// XML of every later version are told apart by their first line. name is
// the file name used in errors, which give the line (and, in XML, the
// column) of the problem. A malformed file imports nothing: Import returns
// an error and the caller's Store.Update rolls the transaction back. See
// the package documentation for the mapping.
func Import(tx *data.Tx, r io.Reader, name string, opt Options) (data.ImportStats, error) {
	now := time.Now
	if opt.Now != nil {
		now = opt.Now
	}
	t := now()
	rd := &reader{tx: tx, name: name, opt: opt, actors: map[string]int64{}, category: map[string]int64{},
		containers: map[string]string{}, today: data.DayDate(int64(t.Year()), int(t.Month()), t.Day())}
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
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(len(textHeader) + 3)
	head = bytes.TrimPrefix(head, []byte("\uFEFF"))
	if bytes.HasPrefix(head, []byte(textHeader)) {
		err = rd.readText(br)
	} else {
		err = rd.readXML(br)
	}
	if err != nil {
		return rd.stats, err
	}
	if rd.opt.Warn != nil {
		for _, msg := range rd.left.messages(name) {
			rd.opt.Warn(msg)
		}
	}
	return rd.stats, nil
}

func (rd *reader) failAt(line, col int, format string, a ...any) error {
	if col <= 0 {
		return fmt.Errorf("%s: line %d: %s", rd.name, line, fmt.Sprintf(format, a...))
	}
	return fmt.Errorf("%s: line %d, column %d: %s", rd.name, line, col, fmt.Sprintf(format, a...))
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
// actor of the same name. A category's parent must come before it, as the
// application writes them; the actor's description names it.
func (rd *reader) categoryRecord(r *record) error {
	nameField, err := rd.need(r, "name")
	if err != nil {
		return err
	}
	name := strings.TrimSpace(nameField.text)
	if name == "" {
		return rd.failAt(nameField.line, nameField.col, "a category has no name")
	}
	parent := ""
	if f, ok := r.fields["parent"]; ok && strings.TrimSpace(f.text) != "" {
		parent = strings.TrimSpace(f.text)
		if _, ok := rd.category[parent]; !ok {
			return rd.failAt(f.line, f.col, "category %q has the parent %q, which is not defined before it", name, parent)
		}
		rd.left.add(leftNesting, r.line)
	}
	if f, ok := r.fields["font_color"]; ok && strings.TrimSpace(f.text) != "0,0,0" {
		rd.left.add(leftFontColor, r.line)
	}
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
	if parent != "" {
		a.Description = fmt.Sprintf("A subcategory of %s in The Timeline Project.", parent)
	}
	if err := rd.tx.CreateActor(&a); err != nil {
		return rd.failAt(r.line, r.col, "category %q: %v", name, err)
	}
	rd.category[name], rd.actors[name] = a.ID, a.ID
	rd.nActors++
	rd.stats.Actors++
	return nil
}

// hideCategory notes a category the file's view hid: Chronoscope shows it.
func (rd *reader) hideCategory(f field) {
	if strings.TrimSpace(f.text) != "" {
		rd.left.add(leftHidden, f.line)
	}
}

// parseTime reads "YYYY-MM-DD HH:MM:SS" (the year may be negative, and
// files before 1.0 write "2009-11-4 9:5:0") into a date at second
// precision, converting the astronomical year.
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
		rd.left.add(leftEndsToday, r.line)
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

// eventText splits the markers the app puts before the text of containers
// ("[3]Name") and their subevents ("(3)Name") from the title, and drops
// the space it adds before a text that really starts with "(" or "[". The
// kind is '[' for a container, '(' for a subevent, else 0.
func eventText(text string) (title string, kind byte, id string) {
	switch {
	case strings.HasPrefix(text, " (") || strings.HasPrefix(text, " ["):
		text = text[1:]
	case strings.HasPrefix(text, "["):
		if cid, rest, ok := strings.Cut(text[1:], "]"); ok {
			text, kind, id = rest, '[', cid
		}
	case strings.HasPrefix(text, "("):
		if cid, rest, ok := strings.Cut(text[1:], ")"); ok {
			text, kind, id = rest, '(', cid
		}
	}
	return strings.Join(strings.Fields(text), " "), kind, id
}

// defaultEventColors are the colours the app has given events without a
// category (written with every event): not the author's choice.
var defaultEventColors = map[string]bool{"200,200,200": true, "192,192,192": true}

func (rd *reader) eventRecord(r *record) error {
	textField, err := rd.need(r, "text")
	if err != nil {
		return err
	}
	start, end, err := rd.span(r)
	if err != nil {
		return err
	}
	title, kind, cid := eventText(textField.text)
	e := data.Event{Title: title, Description: strings.TrimSpace(r.fields["description"].text),
		Certainty: data.Reported, Importance: 3}
	if e.Title == "" {
		e.Title = "Untitled event"
	}
	switch kind {
	case '[':
		rd.containers[cid] = e.Title
		e.Tags = []string{e.Title}
		rd.left.add(leftContainer, r.line)
	case '(':
		if container, ok := rd.containers[cid]; ok {
			e.Tags = []string{container}
		} else {
			rd.left.add(leftNoContainer, r.line)
		}
	}
	var notes []string
	fuzzy := isTrue(r, "fuzzy")
	if fuzzy || isTrue(r, "fuzzy_start") {
		start = truncate(start, fuzzier(start.Precision))
	}
	if fuzzy || isTrue(r, "fuzzy_end") {
		end = truncate(end, fuzzier(end.Precision))
	}
	if fuzzy || isTrue(r, "fuzzy_start") || isTrue(r, "fuzzy_end") {
		rd.left.add(leftFuzzy, r.line)
	}
	if isTrue(r, "ends_today") && rd.today.Compare(start) >= 0 {
		end = rd.today
		notes = append(notes, fmt.Sprintf("Ended \"today\" in The Timeline Project; the end is the day of the import, %s.", rd.today))
		rd.left.add(leftEndsToday, r.line)
	}
	// A milestone, or an end that (made fuzzier) no longer follows the
	// start, leaves a point event.
	if isTrue(r, "milestone") || end.Compare(start) <= 0 {
		end = data.Date{}
	}
	e.Start, e.End = start, end
	if f, ok := r.fields["progress"]; ok {
		p, err := strconv.Atoi(strings.TrimSpace(f.text))
		if err != nil || p < 0 || p > 100 {
			return rd.failAt(f.line, f.col, "<progress> %q is not a whole number 0..100", f.text)
		}
		if p > 0 {
			notes = append(notes, fmt.Sprintf("Progress in The Timeline Project: %d%% done.", p))
			rd.left.add(leftProgress, r.line)
		}
	}
	if f, ok := r.fields["alert"]; ok && strings.TrimSpace(f.text) != "" {
		when, text, _ := strings.Cut(f.text, ";")
		notes = append(notes, fmt.Sprintf("Alert in The Timeline Project, at %s: %s", strings.TrimSpace(when), strings.TrimSpace(text)))
		rd.left.add(leftAlert, r.line)
	}
	if f, ok := r.fields["icon"]; ok && strings.TrimSpace(f.text) != "" {
		rd.left.add(leftIcon, r.line)
	}
	if f, ok := r.fields["locked"]; ok && isTrue(r, "locked") {
		rd.left.add(leftLocked, f.line)
	}
	cats := r.categories
	if f, ok := r.fields["category"]; ok {
		cats = append([]field{f}, cats...)
	}
	for _, f := range cats {
		name := strings.TrimSpace(f.text)
		if name == "" {
			continue
		}
		id, ok := rd.category[name]
		if !ok {
			return rd.failAt(f.line, f.col, "category %q is not defined in <categories>", name)
		}
		if !data.HasActor(e.Actors, id) {
			e.Actors = append(e.Actors, data.Participant{ActorID: id, Role: categoryRole})
		}
	}
	// An event's own colour shows only when it has no category.
	if f, ok := r.fields["default_color"]; ok && len(e.Actors) == 0 && !defaultEventColors[strings.TrimSpace(f.text)] {
		rd.left.add(leftEventColor, f.line)
	}
	var links []string
	for l := range strings.SplitSeq(r.fields["hyperlink"].text, ";") {
		if l = strings.TrimSpace(l); l == "" {
			continue
		}
		if err := data.CheckURL(l); err != nil {
			notes = append(notes, fmt.Sprintf("Link not imported: %v.", err))
			rd.left.add(leftLink, r.line)
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
