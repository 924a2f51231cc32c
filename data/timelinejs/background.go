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
func withBackground(notes, bg string) string {
	if !strings.Contains(notes, backgroundNote) {
		if bg == "" {
			return notes
		}
		if notes == "" {
			return backgroundNote + bg
		}
	}
	var lines []string
	for _, l := range strings.Split(notes, "\n") {
		if !strings.HasPrefix(l, backgroundNote) && (l != "" || len(lines) > 0) {
			lines = append(lines, l)
		}
	}
	if bg != "" {
		lines = append(lines, backgroundNote+bg)
	}
	return strings.TrimRight(strings.Join(lines, "\n"), "\n")
}

// backgroundOf returns the background kept in an event's notes, checked
// again (notes can be edited).
func backgroundOf(notes string) string {
	for _, l := range strings.Split(notes, "\n") {
		if bg, ok := strings.CutPrefix(l, backgroundNote); ok {
			return checkBackground(bg)
		}
	}
	return ""
}
