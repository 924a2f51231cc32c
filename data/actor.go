package data

import "strconv"

// Actors in the store.

// CreateActor validates a, stores it and sets a.ID.
func (t *Tx) CreateActor(a *Actor) error {
	if err := a.Validate(); err != nil {
		return err
	}
	r, err := t.execAside("INSERT INTO actor (name, kind, color, description, position) VALUES (?, ?, ?, ?, ?)",
		a.Name, string(a.Kind), a.Color, a.Description, a.Position)
	if err != nil {
		return err
	}
	if a.ID, err = r.LastInsertId(); err != nil {
		return err
	}
	if t.bulk.actors != nil {
		t.bulk.actors[a.ID] = true
	}
	return nil
}

// UpdateActor validates a and replaces the stored actor; ErrNotFound if none.
func (t *Tx) UpdateActor(a *Actor) error {
	if err := a.Validate(); err != nil {
		return err
	}
	return t.execOne("UPDATE actor SET name = ?, kind = ?, color = ?, description = ?, position = ? WHERE id = ?",
		a.Name, string(a.Kind), a.Color, a.Description, a.Position, a.ID)
}

// DeleteActor removes an actor and its links to events (the events stay).
func (t *Tx) DeleteActor(id int64) error {
	if err := t.execOne("DELETE FROM actor WHERE id = ?", id); err != nil {
		return err
	}
	t.bulk.actors = nil
	// The links went with the actor (ON DELETE CASCADE); rebuild the
	// actor_ids of the events that named it.
	_, err := t.exec(`UPDATE event SET actor_ids = coalesce((SELECT group_concat(actor_id) FROM
		(SELECT actor_id FROM event_actor WHERE event_id = event.id ORDER BY position)), '')
		WHERE ',' || actor_ids || ',' LIKE ?`, "%,"+strconv.FormatInt(id, 10)+",%")
	return err
}

const actorColumns = "id, name, kind, color, description, position"

func scanActor(sc interface{ Scan(...any) error }) (Actor, error) {
	var a Actor
	var kind string
	err := sc.Scan(&a.ID, &a.Name, &kind, &a.Color, &a.Description, &a.Position)
	a.Kind = ActorKind(kind)
	return a, translate(err)
}

// Actor returns the actor with the id, or ErrNotFound.
func (t *Tx) Actor(id int64) (Actor, error) {
	row, err := t.queryRow("SELECT "+actorColumns+" FROM actor WHERE id = ?", id)
	if err != nil {
		return Actor{}, err
	}
	return scanActor(row)
}

// Actors returns every actor in lane order (position, then name).
func (t *Tx) Actors() ([]Actor, error) {
	return queryAll(t, "SELECT "+actorColumns+" FROM actor ORDER BY position, name, id", scanActor)
}
