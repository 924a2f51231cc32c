package app

import (
	"fmt"

	"chronoscope/data"
	"chronoscope/data/timelinejs"
)

// exportNote says what an export in format of the events that pass f
// could not carry, for the window and the command line to tell after it
// is written, or "" when it carries everything: TimelineJS has no story
// links, so their number is told rather than the links dropped silently.
func exportNote(s *data.Store, format string, f data.Filter) (string, error) {
	if format != "timelinejs" && format != "timelinejs-csv" {
		return "", nil
	}
	var n int
	err := s.View(func(tx *data.Tx) (err error) {
		n, err = timelinejs.LinksLeftOut(tx, timelinejs.WriteOptions{Filter: f})
		return err
	})
	if err != nil || n == 0 {
		return "", err
	}
	return fmt.Sprintf("TimelineJS has no links between events: the %d story link%s of these events %s not in the file.", n, plural(n), map[bool]string{true: "is", false: "are"}[n == 1]), nil
}
