package app

import (
	"fmt"
	"strings"

	"chronoscope/data"
	"chronoscope/data/timelinejs"
)

// exportNote says what an export in format of the events that pass f
// could not carry, for the window and the command line to tell after it
// is written, or "" when it carries everything: TimelineJS has no story
// links, and a page others read (the offline page, a TimelineJS
// timeline) leaves out the pictures in the file that do not say who made
// them (see data.Image.Public).
func exportNote(s *data.Store, format string, f data.Filter) (string, error) {
	timelineJS := format == "timelinejs" || format == "timelinejs-csv"
	if !timelineJS && format != "html" {
		return "", nil
	}
	var links, pictures int
	err := s.View(func(tx *data.Tx) (err error) {
		if timelineJS {
			if links, err = timelinejs.LinksLeftOut(tx, timelinejs.WriteOptions{Filter: f}); err != nil {
				return err
			}
		}
		pictures, err = tx.Uncredited(f)
		return err
	})
	if err != nil {
		return "", err
	}
	var notes []string
	if links > 0 {
		notes = append(notes, fmt.Sprintf("TimelineJS has no links between events: the %d story link%s of these events %s not in the file.",
			links, plural(links), isAre(links)))
	}
	if pictures > 0 {
		notes = append(notes, fmt.Sprintf("%d picture%s without a credit %s left out: a page others read says who made each picture (add the credit to the picture in the panel).",
			pictures, plural(pictures), map[bool]string{true: "was", false: "were"}[pictures == 1]))
	}
	return strings.Join(notes, " "), nil
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}
