package export

import (
	"cmp"
	"slices"

	"chronoscope/data"
)

// storyLinks is what an export needs to write story links as references
// between its numbered events: every link by each of its ends, and the
// number each link end has in the export (its place in it, from 1).
type storyLinks struct {
	tx      *data.Tx
	byEvent map[int64][]data.StoryLink
	number  map[int64]int    // link ends in the export
	titles  map[int64]string // link ends' titles, read as needed
}

// linkRef is a story link as read from one of its ends.
type linkRef struct {
	Label     string // the kind as read from this end: "Responds to", "Responded to by"
	Number    int    // the other event's number in the export; 0 when the export leaves it out
	Other     int64  // the other event's id
	Title     string // the other event's title
	Certainty data.Certainty
	Note      string
	Citations []data.LinkCitation
}

// readStoryLinks reads the links and numbers their ends as the export of
// f will number its events: in the order EachEvent gives them.
func readStoryLinks(tx *data.Tx, f data.Filter) (*storyLinks, error) {
	sl := &storyLinks{tx: tx, byEvent: map[int64][]data.StoryLink{}, number: map[int64]int{}, titles: map[int64]string{}}
	err := tx.StoryLinks(func(l data.StoryLink) error {
		sl.byEvent[l.From] = append(sl.byEvent[l.From], l)
		sl.byEvent[l.To] = append(sl.byEvent[l.To], l)
		return nil
	})
	if err != nil || len(sl.byEvent) == 0 {
		return sl, err
	}
	n := 0
	err = tx.EachRow(f, func(r data.EventRow) error {
		n++
		if _, ok := sl.byEvent[r.ID]; ok {
			sl.number[r.ID] = n
			sl.titles[r.ID] = r.Title
		}
		return nil
	})
	return sl, err
}

// of returns an event's links as read from it, by the other event's
// number (those the export leaves out last, by title).
func (sl *storyLinks) of(id int64) ([]linkRef, error) {
	links := sl.byEvent[id]
	refs := make([]linkRef, 0, len(links))
	for _, l := range links {
		r := linkRef{Label: l.Kind.Label(), Other: l.To, Certainty: l.Certainty, Note: l.Note, Citations: l.Citations}
		if l.To == id {
			r.Label, r.Other = l.Kind.InverseLabel(), l.From
		}
		r.Number = sl.number[r.Other]
		title, ok := sl.titles[r.Other]
		if !ok {
			e, err := sl.tx.Event(r.Other)
			if err != nil {
				return nil, err
			}
			title = e.Title
			sl.titles[r.Other] = title
		}
		r.Title = title
		refs = append(refs, r)
	}
	slices.SortStableFunc(refs, func(a, b linkRef) int {
		if (a.Number == 0) != (b.Number == 0) {
			if a.Number == 0 {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(a.Number, b.Number), cmp.Compare(a.Title, b.Title))
	})
	return refs, nil
}
