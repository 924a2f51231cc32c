package timelineproj

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// textHeader starts the text files of versions 0.1 to 0.9.
const textHeader = "# Written by Timeline "

// textVersion reads the version from the header line.
var textVersion = regexp.MustCompile(`^# Written by Timeline (\d+)\.(\d+)\.(\d+)`)

// part is one ';'-separated component of a line and its column.
type part struct {
	text string
	col  int
}

// splitParts splits s (which starts at column col) on the semicolons not
// escaped by a backslash.
func splitParts(s string, col int) []part {
	var out []part
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == ';' && (i == 0 || s[i-1] != '\\') {
			out = append(out, part{s[start:i], col + start})
			start = i + 1
		}
	}
	return append(out, part{s[start:], col + start})
}

// unescape undoes the text format's escapes: \n, \r, and a backslash
// before any other character (";" and "\" among them).
func unescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i == len(s)-1 {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// readText reads the text format of versions 0.1 to 0.9: a header line,
// an optional PREFERRED-PERIOD: line, CATEGORY: lines, EVENT: lines and,
// from 0.3.0, a "# END" line.
func (rd *reader) readText(r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), MaxField)
	n := 0
	var version [3]int
	ended := false
	for sc.Scan() {
		n++
		line := strings.TrimSuffix(sc.Text(), "\r")
		if n == 1 {
			line = strings.TrimPrefix(line, "\uFEFF")
			m := textVersion.FindStringSubmatch(line)
			if m == nil {
				return rd.failAt(n, 1, "the header %q does not give the version of Timeline that wrote the file", clip(line))
			}
			for i := range version {
				version[i], _ = strconv.Atoi(m[i+1])
			}
			continue
		}
		if !utf8.ValidString(line) {
			return rd.failAt(n, 0, "the line is not valid UTF-8 text")
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		if ended {
			return rd.failAt(n, 1, "the file goes on after its \"# END\" line")
		}
		var err error
		switch {
		case strings.HasPrefix(line, "PREFERRED-PERIOD:"):
			// The window's view when the file was saved: not the timeline's.
		case strings.HasPrefix(line, "CATEGORY:"):
			err = rd.textCategory(n, line)
		case strings.HasPrefix(line, "EVENT:"):
			err = rd.textEvent(n, line, version)
		case line == "# END":
			ended = true
		default:
			err = rd.failAt(n, 1, "%q is not a PREFERRED-PERIOD:, CATEGORY: or EVENT: line, nor \"# END\"", clip(line))
		}
		if err != nil {
			return err
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return rd.failAt(n+1, 0, "the line is longer than %d bytes", MaxField)
		}
		return fmt.Errorf("%s: %w", rd.name, err)
	}
	if !ended && (version[0] > 0 || version[1] >= 3) {
		return rd.failAt(n, 0, "the file ends without its \"# END\" line (it is cut short)")
	}
	return nil
}

// clip shortens a line quoted in an error.
func clip(s string) string {
	if len(s) <= 60 {
		return s
	}
	i := 60
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}

// textCategory reads "CATEGORY:name;R,G,B[;visible]".
func (rd *reader) textCategory(n int, line string) error {
	const prefix = "CATEGORY:"
	parts := splitParts(line[len(prefix):], len(prefix)+1)
	if len(parts) != 2 && len(parts) != 3 {
		return rd.failAt(n, 1, "a CATEGORY: line has name;R,G,B;visible, not %d parts", len(parts))
	}
	r := &record{kind: "category", line: n, col: 1, fields: map[string]field{
		"name":  {unescape(parts[0].text), n, parts[0].col},
		"color": {parts[1].text, n, parts[1].col},
	}}
	if err := rd.categoryRecord(r); err != nil {
		return err
	}
	if len(parts) == 3 {
		switch parts[2].text {
		case "True":
		case "False":
			rd.hideCategory(field{unescape(parts[0].text), n, parts[0].col})
		default:
			return rd.failAt(n, parts[2].col, "visible is %q, not True or False", parts[2].text)
		}
	}
	return nil
}

// textEvent reads "EVENT:start;end;text[;category]" (before 0.4.0) or
// "EVENT:start;end;text;category[;description:…][;icon:…]".
func (rd *reader) textEvent(n int, line string, version [3]int) error {
	const prefix = "EVENT:"
	parts := splitParts(line[len(prefix):], len(prefix)+1)
	before040 := version[0] == 0 && version[1] < 4
	switch {
	case before040 && len(parts) != 3 && len(parts) != 4:
		return rd.failAt(n, 1, "an EVENT: line of version %d.%d.%d has start;end;text;category, not %d parts", version[0], version[1], version[2], len(parts))
	case !before040 && len(parts) < 4:
		return rd.failAt(n, 1, "an EVENT: line has start;end;text;category and data, not %d parts", len(parts))
	}
	r := &record{kind: "event", line: n, col: 1, fields: map[string]field{
		"start": {parts[0].text, n, parts[0].col},
		"end":   {parts[1].text, n, parts[1].col},
		"text":  {unescape(parts[2].text), n, parts[2].col},
	}}
	if len(parts) > 3 {
		if name := unescape(parts[3].text); name != "" {
			if _, ok := rd.category[name]; ok {
				r.fields["category"] = field{name, n, parts[3].col}
			} else {
				rd.left.add(leftUnknownCategory, n)
			}
		}
	}
	for _, p := range parts[min(len(parts), 4):] {
		id, value, _ := strings.Cut(p.text, ":")
		switch id {
		case "description", "icon":
			if _, dup := r.fields[id]; dup {
				return rd.failAt(n, p.col, "the event has two %s: parts", id)
			}
			r.fields[id] = field{unescape(value), n, p.col + len(id) + 1}
		default:
			rd.left.add(leftEventData, n)
		}
	}
	return rd.eventRecord(r)
}
