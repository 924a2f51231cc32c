package app

import (
	"fmt"

	"chronoscope/data"
	"chronoscope/data/pgsync"
)

// change is one edit the user made, as the two transactions that make it
// and take it back. Each runs as a single store transaction, so an edit is
// all there or not there; undo and redo are edits too.
type change struct {
	label string // "Edit “Title”", shown in the Edit menu
	do    func(tx *data.Tx) error
	undo  func(tx *data.Tx) error
	// after, if set, runs once do or undo has committed, before the
	// window shows the new state: a change to the actors re-reads them.
	after func()
	// fields, in a shared chronology, is what the change did field by
	// field, when it only changed entities (sharedundo.go).
	fields []fieldChange
}

// history is the undo and redo stacks of the open chronology.
type history struct {
	done, undone []change
	// onChange, if set, runs after every change, undo and redo has
	// committed: an open Actors or Sources window re-reads its rows.
	onChange func()
	// shared is the open shared chronology's client, nil for a file.
	shared *pgsync.Client
}

// committed runs what follows a change, its undo or its redo.
func (h *history) committed(c change) {
	if c.after != nil {
		c.after()
	}
	if h.onChange != nil {
		h.onChange()
	}
}

// maxHistory bounds the undo stack.
const maxHistory = 200

// apply makes a change in s and records it for undo; a failed change
// leaves the file and the history as they were.
func (h *history) apply(s *data.Store, c change) error {
	if h.shared != nil {
		// Everything written before is queued: the journal then holds
		// only what this change writes, against bases as they were.
		if _, err := h.shared.Queue(); err != nil {
			return err
		}
	}
	err := s.Update(func(tx *data.Tx) error {
		if err := c.do(tx); err != nil {
			return err
		}
		if h.shared == nil {
			return nil
		}
		fcs, ok, err := touchedFields(tx)
		if ok {
			c.fields = fcs
		}
		return err
	})
	if err != nil {
		return err
	}
	h.done = append(h.done, c)
	if len(h.done) > maxHistory {
		h.done = h.done[1:]
	}
	h.undone = nil
	h.committed(c)
	return nil
}

// undo takes the last change back; false when there is none.
func (h *history) undo(s *data.Store) (bool, error) {
	if len(h.done) == 0 {
		return false, nil
	}
	c := h.done[len(h.done)-1]
	undo := c.undo
	if h.shared != nil && c.fields != nil {
		undo = func(tx *data.Tx) error { return writeFieldsBack(tx, c.fields, true) }
	}
	if err := s.Update(undo); err != nil {
		return false, fmt.Errorf("undo %s: %w", c.label, err)
	}
	h.done = h.done[:len(h.done)-1]
	h.undone = append(h.undone, c)
	h.committed(c)
	return true, nil
}

// redo makes the last undone change again; false when there is none.
func (h *history) redo(s *data.Store) (bool, error) {
	if len(h.undone) == 0 {
		return false, nil
	}
	c := h.undone[len(h.undone)-1]
	redo := c.do
	if h.shared != nil && c.fields != nil {
		redo = func(tx *data.Tx) error { return writeFieldsBack(tx, c.fields, false) }
	}
	if err := s.Update(redo); err != nil {
		return false, fmt.Errorf("redo %s: %w", c.label, err)
	}
	h.undone = h.undone[:len(h.undone)-1]
	h.done = append(h.done, c)
	h.committed(c)
	return true, nil
}

// updateEvent is the change from before to after (the same event).
func updateEvent(before, after *data.Event) change {
	return change{
		label: "Edit “" + after.Title + "”",
		do:    func(tx *data.Tx) error { return tx.UpdateEvent(after) },
		undo:  func(tx *data.Tx) error { return tx.UpdateEvent(before) },
	}
}

// deleteEvent is the change that removes an event (and with it its story
// links); undo puts it back with its actors, tags, citations and links,
// under its own id.
func deleteEvent(e *data.Event, cits []data.Citation, links []data.StoryLink) change {
	return change{
		label: "Delete “" + e.Title + "”",
		do:    func(tx *data.Tx) error { return tx.DeleteEvent(e.ID) },
		undo:  func(tx *data.Tx) error { return tx.RestoreEventAndLinks(e, cits, links) },
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

// createActor is the change that adds a; after it is applied a.ID is the
// new actor's id, and redo puts it back under the same id.
func createActor(a *data.Actor, after func()) change {
	return change{
		label: "New “" + a.Name + "”",
		do: func(tx *data.Tx) error {
			if a.ID != 0 {
				return tx.RestoreActor(*a, nil)
			}
			return tx.CreateActor(a)
		},
		undo:  func(tx *data.Tx) error { return tx.DeleteActor(a.ID) },
		after: after,
	}
}

// updateActor is the change from before to after (the same actor).
func updateActor(before, a data.Actor, after func()) change {
	return change{
		label: "Edit “" + a.Name + "”",
		do:    func(tx *data.Tx) error { return tx.UpdateActor(&a) },
		undo:  func(tx *data.Tx) error { return tx.UpdateActor(&before) },
		after: after,
	}
}

// deleteActor is the change that removes an actor from every event it is
// in (the events stay). The actor and its links (see data.Tx.ActorLinks)
// are read in the delete's own transaction, so undo puts back exactly
// what went: the actor under its id, each link at its place among the
// event's actors.
func deleteActor(id int64, name string, after func()) change {
	var a data.Actor
	var links []data.ActorLink
	return change{
		label: "Delete “" + name + "”",
		do: func(tx *data.Tx) error {
			var err error
			if a, err = tx.Actor(id); err != nil {
				return err
			}
			if links, err = tx.ActorLinks(id); err != nil {
				return err
			}
			return tx.DeleteActor(id)
		},
		undo:  func(tx *data.Tx) error { return tx.RestoreActor(a, links) },
		after: after,
	}
}

// createSource is the change that adds src; after it is applied src.ID
// is the new source's id, and redo puts it back under the same id.
func createSource(src *data.Source) change {
	return change{
		label: "New “" + src.Title + "”",
		do: func(tx *data.Tx) error {
			if src.ID != 0 {
				return tx.RestoreSource(*src)
			}
			return tx.CreateSource(src)
		},
		undo: func(tx *data.Tx) error { return tx.DeleteSource(src.ID) },
	}
}

// updateSource is the change from before to after (the same source).
func updateSource(before, after data.Source) change {
	return change{
		label: "Edit “" + after.Title + "”",
		do:    func(tx *data.Tx) error { return tx.UpdateSource(&after) },
		undo:  func(tx *data.Tx) error { return tx.UpdateSource(&before) },
	}
}

// deleteSource is the change that removes a source with its events' and
// story links' citations, leaving the pictures taken from it without a
// source. What goes is read in the delete's own transaction, so undo puts
// back exactly that: the source and its citations under their ids, each
// link citation at its place, and the source on each of its pictures.
func deleteSource(id int64, title string) change {
	var gone data.DeletedSource
	return change{
		label: "Delete “" + title + "”",
		do: func(tx *data.Tx) (err error) {
			gone, err = tx.DeleteSourceKeeping(id)
			return err
		},
		undo: func(tx *data.Tx) error { return tx.RestoreDeletedSource(gone) },
	}
}

// newActor is an actor made while writing an event, and its place among
// the event's actors (whose ActorID it fills in once stored).
type newActor struct {
	actor *data.Actor
	at    int
}

// newCitation is a citation added while writing an event; src is new
// when its ID is 0.
type newCitation struct {
	src *data.Source
	c   *data.Citation
}

// saveEventWith is the change that creates e (before == nil) or changes
// before into e, with the actors and citations made in the same form:
// one edit, so one undo takes the event and all that came with it back.
// After it is applied every id is set, and redo puts each back under it.
func saveEventWith(before, e *data.Event, actors []newActor, cites []newCitation, after func()) change {
	label := "Edit “" + e.Title + "”"
	if before == nil {
		label = "New “" + e.Title + "”"
	}
	newSource := make([]bool, len(cites))
	for i, nc := range cites {
		newSource[i] = nc.src.ID == 0
	}
	return change{
		label: label,
		do: func(tx *data.Tx) error {
			for _, na := range actors {
				var err error
				if na.actor.ID != 0 {
					err = tx.RestoreActor(*na.actor, nil)
				} else {
					err = tx.CreateActor(na.actor)
				}
				if err != nil {
					return err
				}
				e.Actors[na.at].ActorID = na.actor.ID
			}
			var err error
			switch {
			case before != nil:
				err = tx.UpdateEvent(e)
			case e.ID != 0:
				err = tx.RestoreEvent(e, nil)
			default:
				err = tx.CreateEvent(e)
			}
			if err != nil {
				return err
			}
			for i, nc := range cites {
				if newSource[i] {
					if nc.src.ID != 0 {
						err = tx.RestoreSource(*nc.src)
					} else {
						err = tx.CreateSource(nc.src)
					}
					if err != nil {
						return err
					}
				}
				nc.c.EventID, nc.c.SourceID = e.ID, nc.src.ID
				if nc.c.ID != 0 {
					err = tx.RestoreCitation(*nc.c)
				} else {
					err = tx.CreateCitation(nc.c)
				}
				if err != nil {
					return err
				}
			}
			return nil
		},
		undo: func(tx *data.Tx) error {
			for i, nc := range cites {
				if err := tx.DeleteCitation(nc.c.ID); err != nil {
					return err
				}
				if newSource[i] {
					if err := tx.DeleteSource(nc.src.ID); err != nil {
						return err
					}
				}
			}
			var err error
			if before != nil {
				err = tx.UpdateEvent(before)
			} else {
				err = tx.DeleteEvent(e.ID)
			}
			if err != nil {
				return err
			}
			for _, na := range actors {
				if err := tx.DeleteActor(na.actor.ID); err != nil {
					return err
				}
			}
			return nil
		},
		after: after,
	}
}
