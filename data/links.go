package data

import "slices"

// What ties actors and sources to events, read before a delete so that
// its undo can put every link back, and the citation counts the Sources
// window lists.

// ActorLink is one event's link to an actor: the role it plays there and
// its place among the event's actors (0 for the first).
type ActorLink struct {
	EventID int64
	Role    string
	Index   int
}

// ActorLinks returns the links of an actor to events, by event id.
func (t *Tx) ActorLinks(actorID int64) ([]ActorLink, error) {
	return queryAll(t, `SELECT ea.event_id, ea.role,
		(SELECT count(*) FROM event_actor o WHERE o.event_id = ea.event_id
			AND (o.position < ea.position OR (o.position = ea.position AND o.actor_id < ea.actor_id)))
		FROM event_actor ea WHERE ea.actor_id = ? ORDER BY ea.event_id`, scanActorLink, actorID)
}

func scanActorLink(sc interface{ Scan(...any) error }) (ActorLink, error) {
	var l ActorLink
	err := sc.Scan(&l.EventID, &l.Role, &l.Index)
	return l, translate(err)
}

func scanParticipant(sc interface{ Scan(...any) error }) (Participant, error) {
	var p Participant
	err := sc.Scan(&p.ActorID, &p.Role)
	return p, translate(err)
}

// RestoreActor puts back a deleted actor under its own id, with its links
// (from ActorLinks before the delete): the undo of DeleteActor. Each link
// goes back at its place among the event's actors, so the event reads as
// it did; links to events that no longer exist are skipped. A *FieldError
// names an invalid field.
func (t *Tx) RestoreActor(a Actor, links []ActorLink) error {
	if err := a.Validate(); err != nil {
		return err
	}
	if a.ID == 0 {
		return fieldErr("id", "an actor to restore needs its id")
	}
	if _, err := t.exec("INSERT INTO actor (id, name, kind, color, description, position) VALUES (?, ?, ?, ?, ?, ?)",
		a.ID, a.Name, string(a.Kind), a.Color, a.Description, a.Position); err != nil {
		return err
	}
	for _, l := range links {
		if err := t.restoreActorLink(a.ID, l); err != nil {
			return err
		}
	}
	return nil
}

// restoreActorLink inserts actor into an event's actors at l.Index (or
// last, if the event now has fewer), renumbering their positions and
// rewriting the event's actor_ids to match.
func (t *Tx) restoreActorLink(actor int64, l ActorLink) error {
	ps, err := queryAll(t, "SELECT actor_id, role FROM event_actor WHERE event_id = ? ORDER BY position, actor_id", scanParticipant, l.EventID)
	if err != nil {
		return err
	}
	if len(ps) == 0 {
		var n int
		row, err := t.queryRow("SELECT count(*) FROM event WHERE id = ?", l.EventID)
		if err != nil {
			return err
		}
		if err := row.Scan(&n); err != nil {
			return translate(err)
		}
		if n == 0 {
			return nil // the event is gone
		}
	}
	at := min(max(l.Index, 0), len(ps))
	ps = slices.Insert(ps, at, Participant{ActorID: actor, Role: l.Role})
	if _, err := t.exec("DELETE FROM event_actor WHERE event_id = ?", l.EventID); err != nil {
		return err
	}
	for i, p := range ps {
		if _, err := t.exec("INSERT INTO event_actor (event_id, actor_id, role, position) VALUES (?, ?, ?, ?)", l.EventID, p.ActorID, p.Role, i); err != nil {
			return err
		}
	}
	return t.execOne("UPDATE event SET actor_ids = ? WHERE id = ?", actorIDs(ps), l.EventID)
}

// SourceCitations returns every citation of a source, in the order they
// were made.
func (t *Tx) SourceCitations(sourceID int64) ([]Citation, error) {
	return queryAll(t, "SELECT "+citationColumns+" FROM citation WHERE source_id = ? ORDER BY id", scanCitation, sourceID)
}

// CitationCounts returns, for every source, how many citations it has,
// of events and of story links (sources never cited are absent from the
// map): what DeleteSource deletes with it.
func (t *Tx) CitationCounts() (map[int64]int, error) {
	type count struct {
		id int64
		n  int
	}
	rows, err := queryAll(t, `SELECT source_id, count(*) FROM
		(SELECT source_id FROM citation UNION ALL SELECT source_id FROM link_citation) GROUP BY source_id`, func(sc interface{ Scan(...any) error }) (count, error) {
		var c count
		err := sc.Scan(&c.id, &c.n)
		return c, translate(err)
	})
	if err != nil {
		return nil, err
	}
	counts := make(map[int64]int, len(rows))
	for _, c := range rows {
		counts[c.id] = c.n
	}
	return counts, nil
}

// CitationCounts returns how many citations each source has.
func (s *Store) CitationCounts() (map[int64]int, error) { return view(s, (*Tx).CitationCounts) }

// Roles returns the roles actors play in the chronology's events, each
// once, in alphabetical order: what the event form offers as a role is
// typed.
func (t *Tx) Roles() ([]string, error) {
	return queryAll(t, "SELECT DISTINCT role FROM event_actor WHERE role <> '' ORDER BY role", func(sc interface{ Scan(...any) error }) (string, error) {
		var s string
		return s, sc.Scan(&s)
	})
}

// Roles returns the roles actors play in the chronology's events (see Tx.Roles).
func (s *Store) Roles() ([]string, error) { return view(s, (*Tx).Roles) }

// DeletedSource is what deleting a source takes with it, read before the
// delete so that RestoreDeletedSource can put back exactly that.
type DeletedSource struct {
	Source        Source
	Citations     []Citation           // the events' citations of it
	LinkCitations []SourceLinkCitation // the story links' citations of it, with their places
	Images        []Image              // the pictures taken from it, which lose it
}

// DeleteSourceKeeping deletes a source as DeleteSource does and returns
// what went with it, for undo.
func (t *Tx) DeleteSourceKeeping(id int64) (DeletedSource, error) {
	var d DeletedSource
	var err error
	if d.Source, err = t.Source(id); err != nil {
		return d, err
	}
	if d.Citations, err = t.SourceCitations(id); err != nil {
		return d, err
	}
	if d.LinkCitations, err = t.SourceLinkCitations(id); err != nil {
		return d, err
	}
	if d.Images, err = t.SourceImages(id); err != nil {
		return d, err
	}
	return d, t.DeleteSource(id)
}

// RestoreDeletedSource is the undo of DeleteSourceKeeping: the source and
// its citations under their ids, each link citation at its place, and the
// source on each of its pictures.
func (t *Tx) RestoreDeletedSource(d DeletedSource) error {
	if err := t.RestoreSource(d.Source); err != nil {
		return err
	}
	for _, c := range d.Citations {
		if err := t.RestoreCitation(c); err != nil {
			return err
		}
	}
	for _, c := range d.LinkCitations {
		if err := t.RestoreLinkCitation(c); err != nil {
			return err
		}
	}
	for _, im := range d.Images {
		if err := t.UpdateImage(&im); err != nil {
			return err
		}
	}
	return nil
}
