package app

import (
	"chronoscope/data"
	"chronoscope/data/timelinejs"
)

// derivedTitleCaption is what the detail panel says under a title that
// Chronoscope made on import because the file gave the slide none, so a
// reader never takes it for the author's words.
const derivedTitleCaption = "Title made from the slide's text: the file had none"

// loadDerived returns which of rows have a derived title, for the List
// tab. Only events tagged timelinejs.DerivedTitleTag in the rows' span
// are read in full (most chronologies have none, so one indexed query per
// page is all it costs); when the span holds many more of them than the
// page has rows, the page's own events are read instead, so a page never
// costs more than its rows.
func loadDerived(s *data.Store, rows []data.EventRow) (map[int64]bool, error) {
	if len(rows) == 0 {
		return nil, nil
	}
	from, to := rows[0].StartS, rows[0].StopS
	inPage := make(map[int64]bool, len(rows))
	for _, r := range rows {
		from, to = min(from, r.StartS), max(to, r.StopS)
		inPage[r.ID] = true
	}
	var out map[int64]bool
	err := s.View(func(tx *data.Tx) error {
		limit := 4 * len(rows)
		tagged, err := tx.Window(data.Filter{Tags: []string{timelinejs.DerivedTitleTag}, From: from, To: to, Limit: limit + 1})
		if err != nil {
			return err
		}
		if len(tagged) > limit {
			tagged = rows
		}
		for _, r := range tagged {
			if !inPage[r.ID] {
				continue
			}
			e, err := tx.Event(r.ID)
			if err != nil {
				return err
			}
			if timelinejs.HasDerivedTitle(e) {
				if out == nil {
					out = map[int64]bool{}
				}
				out[r.ID] = true
			}
		}
		return nil
	})
	return out, err
}
