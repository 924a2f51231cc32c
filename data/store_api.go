package data

// The Store's public methods: each is one transaction around the Tx
// method of the same name, whose doc comment says what it does.

func view[T any](s *Store, fn func(*Tx) (T, error)) (T, error) {
	var v T
	err := s.View(func(tx *Tx) error {
		var err error
		v, err = fn(tx)
		return err
	})
	return v, err
}

// Chronology returns the chronology's title, description and zone.
func (s *Store) Chronology() (Chronology, error) { return view(s, (*Tx).Chronology) }

// SetChronology validates and stores the chronology's title, description and zone.
func (s *Store) SetChronology(c Chronology) error {
	return s.Update(func(tx *Tx) error { return tx.SetChronology(c) })
}

// create runs a Tx create method; on failure the id it may have set is cleared.
func create[T any](s *Store, v *T, id *int64, fn func(*Tx, *T) error) error {
	err := s.Update(func(tx *Tx) error { return fn(tx, v) })
	if err != nil {
		*id = 0
	}
	return err
}

// CreateEvent validates e, stores it with its tags and actors, and sets e.ID.
func (s *Store) CreateEvent(e *Event) error { return create(s, e, &e.ID, (*Tx).CreateEvent) }

// UpdateEvent replaces the stored event with e; ErrNotFound if there is none.
func (s *Store) UpdateEvent(e *Event) error {
	return s.Update(func(tx *Tx) error { return tx.UpdateEvent(e) })
}

// DeleteEvent removes an event with its links and citations; ErrNotFound if none.
func (s *Store) DeleteEvent(id int64) error {
	return s.Update(func(tx *Tx) error { return tx.DeleteEvent(id) })
}

// Event returns the event with its tags and actors, or ErrNotFound.
func (s *Store) Event(id int64) (*Event, error) {
	return view(s, func(tx *Tx) (*Event, error) { return tx.Event(id) })
}

// CreateActor validates a, stores it and sets a.ID.
func (s *Store) CreateActor(a *Actor) error { return create(s, a, &a.ID, (*Tx).CreateActor) }

// UpdateActor replaces the stored actor with a; ErrNotFound if there is none.
func (s *Store) UpdateActor(a *Actor) error {
	return s.Update(func(tx *Tx) error { return tx.UpdateActor(a) })
}

// DeleteActor removes an actor and its links to events; ErrNotFound if none.
func (s *Store) DeleteActor(id int64) error {
	return s.Update(func(tx *Tx) error { return tx.DeleteActor(id) })
}

// Actor returns the actor with the id, or ErrNotFound.
func (s *Store) Actor(id int64) (Actor, error) {
	return view(s, func(tx *Tx) (Actor, error) { return tx.Actor(id) })
}

// Actors returns every actor in lane order.
func (s *Store) Actors() ([]Actor, error) { return view(s, (*Tx).Actors) }

// CreateSource validates src, stores it and sets src.ID.
func (s *Store) CreateSource(src *Source) error { return create(s, src, &src.ID, (*Tx).CreateSource) }

// UpdateSource replaces the stored source; ErrNotFound if there is none.
func (s *Store) UpdateSource(src *Source) error {
	return s.Update(func(tx *Tx) error { return tx.UpdateSource(src) })
}

// DeleteSource removes a source and its citations; ErrNotFound if none.
func (s *Store) DeleteSource(id int64) error {
	return s.Update(func(tx *Tx) error { return tx.DeleteSource(id) })
}

// Source returns the source with the id, or ErrNotFound.
func (s *Store) Source(id int64) (Source, error) {
	return view(s, func(tx *Tx) (Source, error) { return tx.Source(id) })
}

// Sources returns every source, by title.
func (s *Store) Sources() ([]Source, error) { return view(s, (*Tx).Sources) }

// CreateCitation validates c, stores it and sets c.ID.
func (s *Store) CreateCitation(c *Citation) error { return create(s, c, &c.ID, (*Tx).CreateCitation) }

// UpdateCitation replaces the stored citation; ErrNotFound if there is none.
func (s *Store) UpdateCitation(c *Citation) error {
	return s.Update(func(tx *Tx) error { return tx.UpdateCitation(c) })
}

// DeleteCitation removes a citation; ErrNotFound if there is none.
func (s *Store) DeleteCitation(id int64) error {
	return s.Update(func(tx *Tx) error { return tx.DeleteCitation(id) })
}

// Citation returns the citation with the id, or ErrNotFound.
func (s *Store) Citation(id int64) (Citation, error) {
	return view(s, func(tx *Tx) (Citation, error) { return tx.Citation(id) })
}

// Citations returns an event's citations in the order they were made.
func (s *Store) Citations(eventID int64) ([]Citation, error) {
	return view(s, func(tx *Tx) ([]Citation, error) { return tx.Citations(eventID) })
}

// CreateEra validates e, stores it and sets e.ID.
func (s *Store) CreateEra(e *Era) error { return create(s, e, &e.ID, (*Tx).CreateEra) }

// UpdateEra replaces the stored era; ErrNotFound if there is none.
func (s *Store) UpdateEra(e *Era) error {
	return s.Update(func(tx *Tx) error { return tx.UpdateEra(e) })
}

// DeleteEra removes an era; ErrNotFound if there is none.
func (s *Store) DeleteEra(id int64) error {
	return s.Update(func(tx *Tx) error { return tx.DeleteEra(id) })
}

// Era returns the era with the id, or ErrNotFound.
func (s *Store) Era(id int64) (Era, error) {
	return view(s, func(tx *Tx) (Era, error) { return tx.Era(id) })
}

// Eras returns every era in time order.
func (s *Store) Eras() ([]Era, error) { return view(s, (*Tx).Eras) }

// Window returns the events that pass f, sorted by start, as lightweight rows.
func (s *Store) Window(f Filter) ([]EventRow, error) {
	return view(s, func(tx *Tx) ([]EventRow, error) { return tx.Window(f) })
}

// Search returns up to limit events matching text, sorted by start, and
// whether there are more.
func (s *Store) Search(text string, limit int) (rows []EventRow, more bool, err error) {
	err = s.View(func(tx *Tx) error {
		rows, more, err = tx.Search(text, limit)
		return err
	})
	return rows, more, err
}

// Count returns how many events pass f.
func (s *Store) Count(f Filter) (int, error) {
	return view(s, func(tx *Tx) (int, error) { return tx.Count(f) })
}

// ActorCounts returns how many events each actor is linked to.
func (s *Store) ActorCounts() (map[int64]int, error) { return view(s, (*Tx).ActorCounts) }

// Tags returns every tag in use, sorted.
func (s *Store) Tags() ([]string, error) { return view(s, (*Tx).Tags) }

// Bounds returns the first second covered by the chronology and the first
// second after it; ok is false when it is empty.
func (s *Store) Bounds() (start, stop int64, ok bool, err error) {
	err = s.View(func(tx *Tx) error {
		start, stop, ok, err = tx.Bounds()
		return err
	})
	return start, stop, ok, err
}

// MoveInStory moves an event one place earlier or later in the story
// order; false when it is already at that end.
func (s *Store) MoveInStory(id int64, later bool) (moved bool, err error) {
	err = s.Update(func(tx *Tx) error {
		moved, err = tx.MoveInStory(id, later)
		return err
	})
	return moved, err
}

// IndexOf returns the position of an event among the rows of f, or
// ErrNotFound when it does not pass f.
func (s *Store) IndexOf(f Filter, id int64) (int, error) {
	return view(s, func(tx *Tx) (int, error) { return tx.IndexOf(f, id) })
}
