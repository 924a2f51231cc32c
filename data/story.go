package data

import (
	"errors"
	"fmt"
)

// maxRenumber bounds how many events MoveInStory numbers at once when the
// story order is not yet explicit.
const maxRenumber = 100_000

// MoveInStory moves an event one place earlier (later false) or later in
// the story order used by presentations. When some events have no story
// position yet, every event is first numbered in the current story order
// (positioned events by position, then the rest by date). It reports
// false when the event is already first (or last). Returns ErrNotFound for
// a missing event.
func (t *Tx) MoveInStory(id int64, later bool) (moved bool, err error) {
	row, err := t.queryRow("SELECT story FROM event WHERE id = ?", id)
	if err != nil {
		return false, err
	}
	var cur int
	if err := row.Scan(&cur); err != nil {
		return false, translate(err)
	}
	row, err = t.queryRow("SELECT count(*) FROM event WHERE story = 0")
	if err != nil {
		return false, err
	}
	var unnumbered int
	if err := row.Scan(&unnumbered); err != nil {
		return false, translate(err)
	}
	if unnumbered > 0 {
		if n, err := t.Count(Filter{}); err != nil {
			return false, err
		} else if n > maxRenumber {
			return false, fmt.Errorf("the story order of %d events cannot be edited here (at most %d)", n, maxRenumber)
		}
		if _, err := t.exec(`WITH o AS (SELECT id, row_number() OVER (ORDER BY (story = 0), story, start_s, id) AS n FROM event)
			UPDATE event SET story = o.n FROM o WHERE o.id = event.id`); err != nil {
			return false, err
		}
		if row, err = t.queryRow("SELECT story FROM event WHERE id = ?", id); err != nil {
			return false, err
		}
		if err := row.Scan(&cur); err != nil {
			return false, translate(err)
		}
	}
	q := "SELECT id, story FROM event WHERE story < ? ORDER BY story DESC, id DESC LIMIT 1"
	if later {
		q = "SELECT id, story FROM event WHERE story > ? ORDER BY story, id LIMIT 1"
	}
	if row, err = t.queryRow(q, cur); err != nil {
		return false, err
	}
	var other int64
	var pos int
	if err := row.Scan(&other, &pos); err != nil {
		if err := translate(err); errors.Is(err, ErrNotFound) {
			return false, nil // already at that end
		} else {
			return false, err
		}
	}
	if _, err := t.exec("UPDATE event SET story = ? WHERE id = ?", pos, id); err != nil {
		return false, err
	}
	if _, err := t.exec("UPDATE event SET story = ? WHERE id = ?", cur, other); err != nil {
		return false, err
	}
	return true, nil
}
