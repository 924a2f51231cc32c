// Package export writes a chronology for people and other programs: a
// Markdown chronology with footnoted sources for a story, a plain CSV of
// events that is safe to open in a spreadsheet, an iCalendar (.ics) file
// of the events, and a self-contained offline HTML page with the timeline,
// its filters and the sources. Each writer reads the chronology from a
// transaction and streams to an io.Writer, a page of events at a time.
package export

import (
	"errors"
	"time"

	"chronoscope/data"
)

// Options selects what an export writes.
type Options struct {
	// Filter selects the events written; the zero Filter writes them all.
	Filter data.Filter
	// Now is the clock stamped into iCalendar DTSTAMP lines and the HTML
	// page's "exported on" date; nil means time.Now.
	Now func() time.Time
	// Pictures, when set, is given each picture in the file that the
	// Markdown export shows, with its bytes, and returns the address the
	// document links it by (see PictureFolder.Write); without it those
	// pictures are left out. The HTML page needs none: it holds them.
	Pictures func(im data.Image, b []byte) (string, error)
}

// chronology returns the chronology's record; an empty one if it has none.
func chronology(tx *data.Tx) (data.Chronology, error) {
	c, err := tx.Chronology()
	if errors.Is(err, data.ErrNotFound) {
		return data.Chronology{}, nil
	}
	return c, err
}

// actorNames maps actor ids to names.
func actorNames(tx *data.Tx) (map[int64]string, error) {
	actors, err := tx.Actors()
	if err != nil {
		return nil, err
	}
	names := make(map[int64]string, len(actors))
	for _, a := range actors {
		names[a.ID] = a.Name
	}
	return names, nil
}

// sources reads sources by id, remembering those already read.
type sources struct {
	tx    *data.Tx
	cache map[int64]data.Source
}

func (s *sources) get(id int64) (data.Source, error) {
	if src, ok := s.cache[id]; ok {
		return src, nil
	}
	src, err := s.tx.Source(id)
	if err != nil {
		return src, err
	}
	if s.cache == nil {
		s.cache = map[int64]data.Source{}
	}
	if len(s.cache) < 100_000 {
		s.cache[id] = src
	}
	return src, nil
}

// eventDate is how an event's date reads to a person (Event.When).
func eventDate(e *data.Event) string { return e.When() }
