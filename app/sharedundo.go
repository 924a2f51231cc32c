package app

import (
	"errors"

	"chronoscope/data"
	"chronoscope/data/pgsync"
)

// Undo in a shared chronology takes back one's own change only: a change
// records the fields it set on each entity, and its undo writes back only
// those that nobody has changed since (redo the same, the other way), so
// that undoing an edit of an event's title does not also undo the
// importance someone else gave it meanwhile. A change that made or
// deleted an entity is undone whole, as in a file.

// fieldChange is what a change did to one entity: the fields it changed,
// with their values before and after.
type fieldChange struct {
	ref           data.Ref
	before, after data.Doc
}

// touchedFields returns what the change just made in tx did, from the
// copy's journal: every entity it wrote, against its base, which is the
// entity as it was before the change (the client queued everything
// before the change began). ok is false when the change made or deleted
// an entity.
func touchedFields(tx *data.Tx) (fcs []fieldChange, ok bool, err error) {
	refs, err := tx.DirtyRefs()
	if err != nil {
		return nil, false, err
	}
	km := pgsync.Keys(tx)
	ok = true
	for _, r := range refs {
		e, err := tx.SyncEntry(r.Kind, r.ID)
		if errors.Is(err, data.ErrNotFound) || err == nil && e.Base == nil {
			ok = false // made by the change
			continue
		}
		if err != nil {
			return nil, false, err
		}
		cur, err := tx.ReadDoc(r.Kind, r.ID, km)
		if errors.Is(err, data.ErrNotFound) {
			ok = false // deleted by the change
			continue
		}
		if err != nil {
			return nil, false, err
		}
		diff := cur.Diff(e.Base)
		if len(diff) == 0 {
			continue
		}
		fc := fieldChange{ref: r, before: data.Doc{}, after: data.Doc{}}
		for f := range diff {
			fc.before[f], fc.after[f] = valueOf(e.Base, f), valueOf(cur, f)
		}
		fcs = append(fcs, fc)
	}
	return fcs, ok, nil
}

func valueOf(d data.Doc, f string) []byte {
	if v, ok := d[f]; ok {
		return v
	}
	return []byte("null")
}

// writeFieldsBack sets each recorded field from one value to the other
// (after to before for an undo), where it still holds the first: a field
// changed since by someone else keeps their value.
func writeFieldsBack(tx *data.Tx, fcs []fieldChange, undo bool) error {
	km := pgsync.Keys(tx)
	for _, fc := range fcs {
		from, to := fc.after, fc.before
		if !undo {
			from, to = fc.before, fc.after
		}
		cur, err := tx.ReadDoc(fc.ref.Kind, fc.ref.ID, km)
		if errors.Is(err, data.ErrNotFound) {
			continue // deleted since, by someone else
		}
		if err != nil {
			return err
		}
		set := data.Doc{}
		for f, v := range from {
			if data.SameJSON(valueOf(cur, f), v) {
				set[f] = to[f]
			}
		}
		if len(set) == 0 {
			continue
		}
		if _, err := tx.WriteDoc(fc.ref.Kind, fc.ref.ID, set, km); err != nil {
			return err
		}
	}
	return nil
}
