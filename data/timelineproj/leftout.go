package timelineproj

import (
	"fmt"
	"strconv"
	"strings"
)

// leftKind is one kind of thing an import leaves out or changes, said
// once for the whole file.
type leftKind int

// The kinds, in the order the summary lists them.
const (
	leftLocked leftKind = iota
	leftProgress
	leftAlert
	leftIcon
	leftEventColor
	leftLink
	leftFuzzy
	leftEndsToday
	leftContainer
	leftNoContainer
	leftNesting
	leftFontColor
	leftHidden
	leftEventData
	leftUnknownCategory
	leftElement
	leftKinds
)

// what says what happened to things of each kind, and what they are.
var leftWhat = [leftKinds]struct{ text, one, many string }{
	leftLocked:          {"locked events can be moved: Chronoscope has no lock", "event", "events"},
	leftProgress:        {"progress (per cent done) has no place in Chronoscope: kept as a line of the event's notes", "event", "events"},
	leftAlert:           {"alerts are not raised by Chronoscope: kept as a line of the event's notes", "event", "events"},
	leftIcon:            {"icons (pictures in the file) were not imported", "event", "events"},
	leftEventColor:      {"the colour of events without a category was not kept: Chronoscope colours events by their actors", "event", "events"},
	leftLink:            {"links that may not be opened were not imported as sources: named in the event's notes", "event", "events"},
	leftFuzzy:           {"fuzzy dates were made one step less precise (a time its day, a day its month)", "event", "events"},
	leftEndsToday:       {"\"ends today\" became the day of the import: Chronoscope has no open end", "event or era", "events and eras"},
	leftContainer:       {"containers were imported as events; each and its subevents are tagged with the container's name", "container", "containers"},
	leftNoContainer:     {"subevents whose container the file does not have were imported as plain events", "event", "events"},
	leftNesting:         {"Chronoscope's actors do not nest: a subcategory is an actor of its own, its parent named in its description", "category", "categories"},
	leftFontColor:       {"a category's text colour was not kept", "category", "categories"},
	leftHidden:          {"hidden categories are shown: Chronoscope keeps no hidden actors in the file", "category", "categories"},
	leftEventData:       {"event data of kinds the format does not have was not read", "event", "events"},
	leftUnknownCategory: {"events in categories the file does not define were imported without one (as The Timeline Project reads them)", "event", "events"},
	leftElement:         {"elements the format does not have were not read", "element", "elements"},
}

// maxLines is how many lines a message names before "…".
const maxLines = 5

// leftOut gathers what an import leaves out, by kind, with the lines where
// it was found.
type leftOut struct {
	n     [leftKinds]int
	lines [leftKinds][]int
	names [leftKinds][]string // the unknown element names, for leftElement
}

func (l *leftOut) add(k leftKind, line int) {
	l.n[k]++
	if len(l.lines[k]) < maxLines {
		l.lines[k] = append(l.lines[k], line)
	}
}

// addElement notes an element the format does not have, by its name.
func (l *leftOut) addElement(name string, line int) {
	l.add(leftElement, line)
	for _, n := range l.names[leftElement] {
		if n == name {
			return
		}
	}
	l.names[leftElement] = append(l.names[leftElement], name)
}

// messages returns one message a kind found, naming the file, how many
// and the first lines: "a.timeline: locked events can be moved: … (2
// events, at lines 12, 30)".
func (l *leftOut) messages(file string) []string {
	var out []string
	for k := range leftKinds {
		if l.n[k] == 0 {
			continue
		}
		w := leftWhat[k]
		text := w.text
		if k == leftElement {
			text += ": <" + strings.Join(l.names[k], ">, <") + ">"
		}
		noun := w.many
		if l.n[k] == 1 {
			noun = w.one
		}
		at := make([]string, len(l.lines[k]))
		for i, n := range l.lines[k] {
			at[i] = strconv.Itoa(n)
		}
		where := "at line " + at[0]
		if len(at) > 1 {
			where = "at lines " + strings.Join(at, ", ")
		}
		if l.n[k] > len(at) {
			where += ", …"
		}
		out = append(out, fmt.Sprintf("%s: %s (%d %s, %s)", file, text, l.n[k], noun, where))
	}
	return out
}
