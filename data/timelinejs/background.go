package timelinejs

import (
	"regexp"
	"strings"

	"chronoscope/data"
)

// A slide's background (an image or a CSS colour) has no place in
// Chronoscope's model; it is kept as one line of the event's notes,
// "TimelineJS background: #F45B69", which the export writes back.
const backgroundNote = "TimelineJS background: "

// safeColor is a CSS colour TimelineJS may be given back: a name, a hex
// colour or an rgb()/rgba()/hsl() of numbers, nothing that could end the
// style it is put in.
var safeColor = regexp.MustCompile(`^(#[0-9A-Fa-f]{3,8}|[A-Za-z]{3,30}|(rgb|rgba|hsl|hsla)\([0-9., %]{1,60}\))$`)

// checkBackground returns a background as it is kept, or "" when it is
// neither a link data.CheckURL accepts nor a safe colour.
func checkBackground(bg string) string {
	bg = strings.TrimSpace(bg)
	switch {
	case bg == "":
		return ""
	case isBackgroundURL(bg):
		if data.CheckURL(bg) != nil {
			return ""
		}
	case !safeColor.MatchString(bg):
		return ""
	}
	return bg
}

// isBackgroundURL tells an image from a colour as TimelineJS's sheet
// reader does: by a leading http:, https: or /.
func isBackgroundURL(bg string) bool {
	return strings.HasPrefix(bg, "http:") || strings.HasPrefix(bg, "https:") || strings.HasPrefix(bg, "/")
}

// withBackground returns notes with their background line set to bg (or
// removed when bg is "").
func withBackground(notes, bg string) string { return withNoteLine(notes, backgroundNote, bg) }

// withNoteLine returns notes with the line starting prefix set to prefix
// + v (or removed when v is ""): the notes keep, one line each, what a
// slide has and the model has no place for.
func withNoteLine(notes, prefix, v string) string {
	if !strings.Contains(notes, prefix) {
		if v == "" {
			return notes
		}
		if notes == "" {
			return prefix + v
		}
	}
	var lines []string
	for _, l := range strings.Split(notes, "\n") {
		if !strings.HasPrefix(l, prefix) && (l != "" || len(lines) > 0) {
			lines = append(lines, l)
		}
	}
	if v != "" {
		lines = append(lines, prefix+v)
	}
	return strings.TrimRight(strings.Join(lines, "\n"), "\n")
}

// noteLine returns the value of the notes line starting prefix, or "".
func noteLine(notes, prefix string) string {
	for _, l := range strings.Split(notes, "\n") {
		if v, ok := strings.CutPrefix(l, prefix); ok {
			return v
		}
	}
	return ""
}

// backgroundOf returns the background kept in an event's notes, checked
// again (notes can be edited).
func backgroundOf(notes string) string { return checkBackground(noteLine(notes, backgroundNote)) }
