package app

import (
	"fmt"

	"chronoscope/data"
)

// change is one edit the user made, as the two transactions that make it
// and take it back. Each runs as a single store transaction, so an edit is
// all there or not there; undo and redo are edits too.
type change struct {
	label string // "Edit “Title”", shown in the Edit menu
	do    func(tx *data.Tx) error
	undo  func(tx *data.Tx) error
}

// history is the undo and redo stacks of the open chronology.
type history struct {
	done, undone []change
}

// maxHistory bounds the undo stack.
const maxHistory = 200

// apply makes a change in s and records it for undo; a failed change
// leaves the file and the history as they were.
func (h *history) apply(s *data.Store, c change) error {
	if err := s.Update(c.do); err != nil {
		return err
	}
	h.done = append(h.done, c)
	if len(h.done) > maxHistory {
		h.done = h.done[1:]
	}
	h.undone = nil
	return nil
}

// undo takes the last change back; false when there is none.
func (h *history) undo(s *data.Store) (bool, error) {
	if len(h.done) == 0 {
		return false, nil
	}
	c := h.done[len(h.done)-1]
	if err := s.Update(c.undo); err != nil {
		return false, fmt.Errorf("undo %s: %w", c.label, err)
	}
	h.done = h.done[:len(h.done)-1]
	h.undone = append(h.undone, c)
	return true, nil
}

// redo makes the last undone change again; false when there is none.
func (h *history) redo(s *data.Store) (bool, error) {
	if len(h.undone) == 0 {
		return false, nil
	}
	c := h.undone[len(h.undone)-1]
	if err := s.Update(c.do); err != nil {
		return false, fmt.Errorf("redo %s: %w", c.label, err)
	}
	h.undone = h.undone[:len(h.undone)-1]
	h.done = append(h.done, c)
	return true, nil
}

// createEvent is the change that adds e; after it is applied e.ID is the
// new event's id, and redo puts it back under the same id.
func createEvent(e *data.Event) change {
	return change{
		label: "New “" + e.Title + "”",
		do: func(tx *data.Tx) error {
			if e.ID != 0 {
				return tx.RestoreEvent(e, nil)
			}
			return tx.CreateEvent(e)
		},
		undo: func(tx *data.Tx) error { return tx.DeleteEvent(e.ID) },
	}
}

// updateEvent is the change from before to after (the same event).
func updateEvent(before, after *data.Event) change {
	return change{
		label: "Edit “" + after.Title + "”",
		do:    func(tx *data.Tx) error { return tx.UpdateEvent(after) },
		undo:  func(tx *data.Tx) error { return tx.UpdateEvent(before) },
	}
}

// deleteEvent is the change that removes an event; undo puts it back with
// its actors, tags and citations, under its own id.
func deleteEvent(e *data.Event, cits []data.Citation) change {
	return change{
		label: "Delete “" + e.Title + "”",
		do:    func(tx *data.Tx) error { return tx.DeleteEvent(e.ID) },
		undo:  func(tx *data.Tx) error { return tx.RestoreEvent(e, cits) },
	}
}

// addCitation is the change that cites a source for an event, creating
// the source first when it is new (src.ID == 0); undo removes what it added.
func addCitation(src *data.Source, c *data.Citation) change {
	newSource := src.ID == 0
	return change{
		label: "Cite “" + src.Title + "”",
		do: func(tx *data.Tx) error {
			if newSource {
				if src.ID == 0 {
					if err := tx.CreateSource(src); err != nil {
						return err
					}
				} else if err := tx.RestoreSource(*src); err != nil {
					return err
				}
			}
			c.SourceID = src.ID
			if c.ID == 0 {
				return tx.CreateCitation(c)
			}
			return tx.RestoreCitation(*c)
		},
		undo: func(tx *data.Tx) error {
			if err := tx.DeleteCitation(c.ID); err != nil {
				return err
			}
			if newSource {
				return tx.DeleteSource(src.ID)
			}
			return nil
		},
	}
}

// removeCitation is the change that removes a citation (the source stays).
func removeCitation(c data.Citation, title string) change {
	return change{
		label: "Remove “" + title + "”",
		do:    func(tx *data.Tx) error { return tx.DeleteCitation(c.ID) },
		undo:  func(tx *data.Tx) error { return tx.RestoreCitation(c) },
	}
}
