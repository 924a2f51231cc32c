package timelineproj

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

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

// The elements each part of the format has, in every version; others are
// named to Options.Warn.
var (
	topElements    = set("version", "timetype", "eras", "categories", "events", "view", "now")
	viewElements   = set("displayed_period", "hidden_categories")
	recordElements = map[string]map[string]bool{
		"event": set("start", "end", "text", "progress", "fuzzy", "fuzzy_start", "fuzzy_end", "locked", "ends_today",
			"category", "categories", "description", "alert", "hyperlink", "icon", "default_color", "milestone"),
		"category": set("name", "color", "progress_color", "done_color", "font_color", "parent"),
		"era":      set("name", "start", "end", "color", "ends_today"),
	}
)

func set(names ...string) map[string]bool {
	m := make(map[string]bool, len(names))
	for _, n := range names {
		m[n] = true
	}
	return m
}

// readXML reads the XML format (version 0.10 onwards).
func (rd *reader) readXML(r io.Reader) error {
	dec := xml.NewDecoder(&sizeGuard{r: r})
	dec.Strict = true
	dec.Entity = nil // only the five predefined entities
	var stack []string
	var rec *record
	var text strings.Builder
	collecting := false // the text of the innermost element is wanted
	var fieldLine, fieldCol int
	sawRoot := false
	for {
		line, col := dec.InputPos()
		tok, err := dec.Token()
		if err == io.EOF {
			if !sawRoot {
				return fmt.Errorf("%s: the file is empty (a .timeline file holds a <timeline> element)", rd.name)
			}
			return nil
		}
		if err != nil {
			l, c := dec.InputPos()
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
		case xml.StartElement:
			name := t.Name.Local
			stack = append(stack, name)
			if len(stack) > maxDepth {
				return rd.failAt(line, col, "elements nest deeper than %d levels", maxDepth)
			}
			switch depth := len(stack); {
			case depth == 1:
				if name != "timeline" {
					return rd.failAt(line, col, "the root element is <%s>, not <timeline>: this is not a Timeline Project file", name)
				}
				sawRoot = true
			case depth == 2:
				if !topElements[name] {
					rd.left.addElement(name, line)
				}
			case depth == 3 && isRecord(stack[1], name):
				rec = &record{kind: name, line: line, col: col, fields: map[string]field{}}
			case depth == 3:
				if (stack[1] == "view" && !viewElements[name]) || (stack[1] != "view" && topElements[stack[1]]) {
					rd.left.addElement(name, line)
				}
			case depth == 4 && rec != nil:
				if !recordElements[rec.kind][name] {
					rd.left.addElement(name, line)
				}
			case depth == 5 && rec != nil && rec.kind == "event" && stack[3] == "categories" && name != "category":
				rd.left.addElement(name, line)
			}
			if collecting = wantsText(stack, rec); collecting {
				text.Reset()
				fieldLine, fieldCol = line, col
			}
		case xml.CharData:
			if collecting {
				if text.Len()+len(t) > MaxField {
					return rd.failAt(fieldLine, fieldCol, "<%s> holds more than %d bytes of text", stack[len(stack)-1], MaxField)
				}
				text.Write(t)
			}
		case xml.EndElement:
			name := stack[len(stack)-1]
			var f field
			if collecting {
				f = field{text: text.String(), line: fieldLine, col: fieldCol}
				if !utf8.ValidString(f.text) {
					return rd.failAt(fieldLine, fieldCol, "<%s> is not valid UTF-8 text", name)
				}
			}
			switch depth := len(stack); {
			case depth == 5 && collecting:
				rec.categories = append(rec.categories, f)
			case depth == 4 && rec != nil:
				if _, dup := rec.fields[name]; dup {
					return rd.failAt(fieldLine, fieldCol, "<%s> has two <%s> elements", rec.kind, name)
				}
				rec.fields[name] = f
			case depth == 4 && collecting:
				rd.hideCategory(f)
			case depth == 3 && rec != nil:
				if err := rd.record(rec); err != nil {
					return err
				}
				rec = nil
			case depth == 2 && name == "timetype":
				if err := rd.timeType(strings.TrimSpace(f.text), fieldLine, fieldCol); err != nil {
					return err
				}
			}
			stack = stack[:len(stack)-1]
			collecting = wantsText(stack, rec)
		}
	}
}

// wantsText reports whether the text of the element at the top of stack
// is read: the time type, a record's fields, an event's further
// categories, and the names of hidden categories.
func wantsText(stack []string, rec *record) bool {
	switch len(stack) {
	case 2:
		return stack[1] == "timetype"
	case 4:
		return rec != nil || (stack[1] == "view" && stack[2] == "hidden_categories" && stack[3] == "name")
	case 5:
		return rec != nil && rec.kind == "event" && stack[3] == "categories" && stack[4] == "category"
	}
	return false
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
