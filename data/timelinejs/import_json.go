package timelinejs

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	// encoding/json/v2's jsontext, a module until Go 1.27, where it is in
	// the standard library (and this module an alias of it): its Decoder
	// reads a stream token by token and value by value several times
	// faster than encoding/json's.
	"github.com/go-json-experiment/json/jsontext"

	"chronoscope/data"
)

// The TimelineJS JSON document, read slide by slide. Leaf values are kept
// raw so that numbers and strings are both accepted and errors can name
// the JSON path of a bad value.
type jsonSlide struct {
	StartDate   *jsonDate
	EndDate     *jsonDate
	Text        *jsonText
	Media       *jsonMedia
	Group       jsontext.Value
	DisplayDate jsontext.Value
	UniqueID    jsontext.Value
	Background  *jsonBackground
	// autolink is presentation only and is skipped.
}

// jsonBackground is a slide's background: an image or a colour (alt and
// opacity are not kept).
type jsonBackground struct {
	URL   jsontext.Value
	Color jsontext.Value
}

type jsonDate struct {
	Year        jsontext.Value
	Month       jsontext.Value
	Day         jsontext.Value
	Hour        jsontext.Value
	Minute      jsontext.Value
	Second      jsontext.Value
	Millisecond jsontext.Value // read and ignored
	DisplayDate jsontext.Value
	// format (a display format string) is ignored.
}

type jsonText struct {
	Headline jsontext.Value
	Text     jsontext.Value
}

type jsonMedia struct {
	URL       jsontext.Value
	Caption   jsontext.Value
	Credit    jsontext.Value
	Link      jsontext.Value
	Thumbnail jsontext.Value
	Alt       jsontext.Value
	Title     jsontext.Value
	Target    jsontext.Value
}

// kindOf names the JSON kind of a raw value for messages.
func kindOf(raw jsontext.Value) string { return kindWord(raw.Kind()) }

// kindWord names a JSON kind for messages.
func kindWord(k jsontext.Kind) string {
	switch k {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

// rawText reads a text value: a string, or a number taken as its digits;
// null or absent is "". where names the value, and is only called for an
// error.
func rawText(raw jsontext.Value, where func() string) (string, error) {
	if len(raw) == 0 || raw[0] == 'n' {
		return "", nil
	}
	switch raw[0] {
	case '"':
		if bytes.IndexByte(raw, '\\') < 0 {
			return string(raw[1 : len(raw)-1]), nil
		}
		s, err := jsontext.AppendUnquote(nil, raw)
		if err != nil {
			return "", fmt.Errorf("%s: %v", where(), err)
		}
		return string(s), nil
	case '{', '[', 't', 'f':
		return "", fmt.Errorf("%s: is %s where text was expected", where(), kindOf(raw))
	}
	return string(raw), nil
}

// rawPart reads one field of a date: a number, or a string holding one.
func rawPart(raw jsontext.Value, where func() string) (part, error) {
	if len(raw) == 0 || raw[0] == 'n' {
		return part{}, nil
	}
	switch raw[0] {
	case '"':
		s, err := rawText(raw, where)
		if err != nil {
			return part{}, err
		}
		s = trimSpace(s)
		return part{text: s, set: s != ""}, nil
	case '{', '[', 't', 'f':
		return part{}, fmt.Errorf("%s: is %s where a number was expected", where(), kindOf(raw))
	}
	return part{text: string(raw), set: true}, nil
}

func trimSpace(s string) string { return strings.TrimSpace(s) }

// readDate checks a TimelineJS date object; path is its JSON path.
func readDate(d *jsonDate, path string) (data.Date, string, error) {
	if d == nil {
		return data.Date{}, "", nil
	}
	dp := dateParts{where: func(i int) string { return path + "." + partNames[i] }}
	raws := [numParts]jsontext.Value{d.Year, d.Month, d.Day, d.Hour, d.Minute, d.Second}
	for i, raw := range raws {
		p, err := rawPart(raw, func() string { return dp.where(i) })
		if err != nil {
			return data.Date{}, "", err
		}
		dp.p[i] = p
	}
	if _, err := rawPart(d.Millisecond, func() string { return path + ".millisecond" }); err != nil {
		return data.Date{}, "", err
	}
	display, err := rawText(d.DisplayDate, func() string { return path + ".display_date" })
	if err != nil {
		return data.Date{}, "", err
	}
	date, err := dp.date()
	return date, display, err
}

// readSlide checks a decoded slide and turns it into a slide.
func readSlide(js *jsonSlide, path string) (*slide, error) {
	s := &slide{where: path}
	var startDisplay, endDisplay string
	var err error
	if js.StartDate != nil {
		if s.start, startDisplay, err = readDate(js.StartDate, path+".start_date"); err != nil {
			return nil, err
		}
	}
	if js.EndDate != nil {
		if s.end, endDisplay, err = readDate(js.EndDate, path+".end_date"); err != nil {
			return nil, err
		}
	}
	texts := []struct {
		raw  jsontext.Value
		name string
		dst  *string
	}{
		{js.Group, "group", &s.group},
		{js.DisplayDate, "display_date", &s.displayDate},
		{js.UniqueID, "unique_id", &s.uniqueID},
	}
	if js.Text != nil {
		texts = append(texts, []struct {
			raw  jsontext.Value
			name string
			dst  *string
		}{{js.Text.Headline, "text.headline", &s.headline}, {js.Text.Text, "text.text", &s.text}}...)
	}
	if js.Media != nil {
		texts = append(texts, []struct {
			raw  jsontext.Value
			name string
			dst  *string
		}{{js.Media.URL, "media.url", &s.media.url}, {js.Media.Caption, "media.caption", &s.media.caption},
			{js.Media.Credit, "media.credit", &s.media.credit}, {js.Media.Link, "media.link", &s.media.link},
			{js.Media.Thumbnail, "media.thumbnail", &s.media.thumbnail}, {js.Media.Alt, "media.alt", &s.media.alt},
			{js.Media.Title, "media.title", &s.media.title}, {js.Media.Target, "media.link_target", &s.media.linkTarget}}...)
	}
	for _, t := range texts {
		if *t.dst, err = rawText(t.raw, func() string { return path + "." + t.name }); err != nil {
			return nil, err
		}
		if err := checkText(*t.dst); err != nil {
			return nil, fmt.Errorf("%s.%s: %w", path, t.name, err)
		}
	}
	if bg := js.Background; bg != nil {
		// An image, else a colour; checked when the event is built.
		for _, f := range []struct {
			raw  jsontext.Value
			name string
		}{{bg.URL, "background.url"}, {bg.Color, "background.color"}} {
			v, err := rawText(f.raw, func() string { return path + "." + f.name })
			if err != nil {
				return nil, err
			}
			if err := checkText(v); err != nil {
				return nil, fmt.Errorf("%s.%s: %w", path, f.name, err)
			}
			if s.background == "" {
				s.background = v
			}
		}
	}
	if s.displayDate == "" && (startDisplay != "" || endDisplay != "") {
		s.displayDate = joinDisplay(startDisplay, endDisplay, s.start, s.end)
	}
	return s, nil
}

// joinDisplay makes one display date from the display dates of a start
// and an end, using the formatted date for the half that has none.
func joinDisplay(start, end string, s, e data.Date) string {
	if end == "" {
		return start
	}
	if start == "" && !s.IsZero() {
		start = s.String()
	}
	return start + " – " + end
}

// ImportJSON reads a TimelineJS JSON file from r into tx, adding to what
// the chronology holds. name is the file name used in errors, which give
// the JSON path of a bad value ("women.json: events[3].start_date.month:
// \"13\" is not a month 1..12") or the line and column of a syntax error.
// The file is read one slide at a time, so memory stays bounded whatever
// its size; slides are read in a goroutine while earlier ones are written
// (see pipeline.go), and r is no longer read once ImportJSON returns.
//
// The title slide's headline and text become the chronology's title and
// description when it has no events yet. Events: start_date and end_date
// (numbers or strings, year only to second; the precision is the finest
// part given; milliseconds and format ignored), display_date (the slide's,
// else those of its dates), text.headline (as plain text; the text's start
// when empty), text.text (as Markdown), group (an actor of kind group,
// role "group"), media (a remote image for a picture file, else a source
// and its citation), the list of sources WriteJSON puts in the text (more
// citations), and unique_id (the
// event's external id: re-importing updates those events instead of
// duplicating them). Eras become eras. scale needs nothing: years are
// read exactly, so -13800000000 is 13.8 billion BCE. A background is
// kept as a line of the event's notes; autolink is ignored. A slide with
// no headline gets a derived title (DerivedTitleTag). A TimelineJS 2
// document ({"timeline": …}) is read too. Imported events are Reported,
// importance 3.
//
// The stats count what was written: Events includes the events updated
// by unique_id.
//
// A malformed file imports nothing: ImportJSON returns an error and the
// caller's Store.Update rolls the transaction back.
func ImportJSON(tx *data.Tx, r io.Reader, name string, opt Options) (data.ImportStats, error) {
	im, err := newImporter(tx, name, opt)
	if err != nil {
		return data.ImportStats{}, err
	}
	err = importPiped(im, func(sink slideSink) error { return decodeJSON(r, name, sink) })
	return im.stats, err
}

// slideSink receives what decodeJSON reads.
type slideSink interface {
	title(*slide) error
	era(*slide) error
	event(*slide) error
}

// decodeJSON reads a TimelineJS document, handing each slide to sink.
func decodeJSON(r io.Reader, name string, sink slideSink) error {
	br := bufio.NewReaderSize(r, 64<<10)
	var bom int64
	if head, _ := br.Peek(3); bytes.Equal(head, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
		bom = 3
	}
	g := newGuard(br, bom)
	// A name given twice in an object is read as encoding/json and
	// JavaScript read it: the last one counts.
	dec := jsontext.NewDecoder(g, jsontext.AllowDuplicateNames(true))
	d := &jsonReader{name: name, g: g, dec: dec, sink: sink}
	return d.document()
}

type jsonReader struct {
	name string
	g    *guard
	dec  *jsontext.Decoder
	sink slideSink
	buf  []byte // room for the raw values of the slides to come
}

// syntax describes a decoder error with its position.
func (d *jsonReader) syntax(err error) error {
	var ge *guardError
	var syn *jsontext.SyntacticError
	switch {
	case errors.As(err, &ge):
		return fmt.Errorf("%s: %s: %s", d.name, d.g.position(ge.off), ge.msg)
	case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
		return fmt.Errorf("%s: %s: the file ends too early (it is cut short)", d.name, d.g.position(d.g.off))
	case errors.As(err, &syn) && syn.Err != nil:
		return fmt.Errorf("%s: %s: %v", d.name, d.g.position(syn.ByteOffset), syn.Err)
	}
	return fmt.Errorf("%s: %w", d.name, err)
}

func (d *jsonReader) token() (jsontext.Token, error) {
	t, err := d.dec.ReadToken()
	if err != nil {
		return jsontext.Token{}, d.syntax(err)
	}
	return t, nil
}

// more reports whether the object or array being read has another
// member or element; the error of a value that cannot start is returned
// by the read that follows.
func (d *jsonReader) more() bool {
	k := d.dec.PeekKind()
	return k != '}' && k != ']'
}

// decodeObject reads the next value, which must be an object or null,
// into m; path names the value in errors.
func (d *jsonReader) decodeObject(path string, m memberReader) error {
	switch k := d.dec.PeekKind(); k {
	case '{':
	case 'n', 0: // null, or not a value: reading it says why
		return d.skip()
	default:
		return fmt.Errorf("%s: %s: is %s where an object was expected", d.name, path, kindWord(k))
	}
	if cap(d.buf)-len(d.buf) < 4<<10 {
		d.buf = make([]byte, 0, 64<<10)
	}
	r := objectReader{dec: d.dec, buf: d.buf}
	err := r.object(m)
	d.buf = r.buf[len(r.buf):] // what was read stays the slide's; the rest is for the next
	if ke, ok := err.(*kindError); ok {
		return fmt.Errorf("%s: %s.%v", d.name, path, ke)
	}
	if err != nil {
		return d.syntax(err)
	}
	return nil
}

// skip reads past the next value.
func (d *jsonReader) skip() error {
	if err := d.dec.SkipValue(); err != nil {
		return d.syntax(err)
	}
	return nil
}

// rawValue reads the next value whole.
func (d *jsonReader) rawValue() (jsontext.Value, error) {
	v, err := d.dec.ReadValue()
	if err != nil {
		return nil, d.syntax(err)
	}
	return slices.Clone(v), nil // v is the decoder's until its next read
}

func (d *jsonReader) document() error {
	t, err := d.token()
	if err != nil {
		return err
	}
	if t.Kind() != '{' {
		return fmt.Errorf("%s: %s: the file is not a TimelineJS document (it must be a JSON object with \"events\", or \"timeline\" for TimelineJS 2)", d.name, d.g.position(0))
	}
	sawEvents, v2 := false, false
	for d.more() {
		t, err := d.token()
		if err != nil {
			return err
		}
		switch key := t.String(); key {
		case "events":
			sawEvents = true
			if err := d.list("events", d.sink.event); err != nil {
				return err
			}
		case "eras":
			if err := d.list("eras", d.sink.era); err != nil {
				return err
			}
		case "timeline": // TimelineJS 2
			v2 = true
			dates, err := d.timelineV2()
			if err != nil {
				return err
			}
			sawEvents = sawEvents || dates
		case "title":
			var js jsonSlide
			isObject := d.dec.PeekKind() == '{'
			if err := d.decodeObject("title", &js); err != nil {
				return err
			}
			if isObject {
				// The title slide's dates are not used; only its text is.
				s, err := readSlide(&jsonSlide{Text: js.Text}, "title")
				if err != nil {
					return fmt.Errorf("%s: %w", d.name, err)
				}
				if err := d.sink.title(s); err != nil {
					return err
				}
			}
		case "scale":
			// "human" or "cosmological": years are exact either way.
			if k := d.dec.PeekKind(); k != '"' && k != 'n' && k != 0 {
				return fmt.Errorf("%s: scale: is not text (want \"human\" or \"cosmological\")", d.name)
			}
			if err := d.skip(); err != nil {
				return err
			}
		default:
			if err := d.skip(); err != nil {
				return err
			}
		}
		d.g.forget(d.dec.InputOffset())
	}
	if _, err := d.token(); err != nil { // the closing brace
		return err
	}
	if _, err := d.dec.ReadToken(); err != io.EOF {
		var ge *guardError
		if errors.As(err, &ge) {
			return d.syntax(err)
		}
		return fmt.Errorf("%s: %s: unexpected data after the document", d.name, d.g.position(d.dec.InputOffset()))
	}
	if !sawEvents && v2 {
		return fmt.Errorf("%s: timeline.date: missing (a TimelineJS 2 document lists its slides in \"timeline\": {\"date\": […]})", d.name)
	}
	if !sawEvents {
		return fmt.Errorf("%s: events: missing (a TimelineJS document lists its slides in \"events\")", d.name)
	}
	return nil
}

// list reads an array of slides one at a time.
func (d *jsonReader) list(key string, fn func(*slide) error) error {
	t, err := d.token()
	if err != nil {
		return err
	}
	if t.Kind() == 'n' {
		return nil // null: no slides
	}
	if t.Kind() != '[' {
		return fmt.Errorf("%s: %s: is not an array of slides", d.name, key)
	}
	for i := 0; d.more(); i++ {
		path := key + "[" + strconv.Itoa(i) + "]"
		var js jsonSlide
		if err := d.decodeObject(path, &js); err != nil {
			return err
		}
		s, err := readSlide(&js, path)
		if err != nil {
			return fmt.Errorf("%s: %w", d.name, err)
		}
		switch {
		case key == "events" && s.start.IsZero():
			return fmt.Errorf("%s: %s.start_date: missing (every event needs a start date with a year)", d.name, path)
		case key == "eras" && s.start.IsZero():
			return fmt.Errorf("%s: %s.start_date: missing (an era needs a start and an end date)", d.name, path)
		case key == "eras" && s.end.IsZero():
			return fmt.Errorf("%s: %s.end_date: missing (an era needs a start and an end date)", d.name, path)
		}
		if err := fn(s); err != nil {
			return err
		}
		d.g.forget(d.dec.InputOffset())
	}
	_, err = d.token()
	return err
}
