package timelinejs

import "chronoscope/data"

// LinksLeftOut returns how many story links an export with opt does not
// write: TimelineJS has no links between slides, so WriteJSON and WriteCSV
// write none, and the app says how many were left out rather than drop
// them silently. A link counts when either of its ends is among the
// events opt selects.
func LinksLeftOut(tx *data.Tx, opt WriteOptions) (int, error) {
	total, err := tx.LinkCount()
	if err != nil || total == 0 {
		return 0, err
	}
	selected := map[int64]bool{}
	err = tx.EachRow(opt.Filter, func(r data.EventRow) error {
		if r.Links > 0 {
			selected[r.ID] = true
		}
		return nil
	})
	if err != nil {
		return 0, err
	}
	n := 0
	err = tx.StoryLinks(func(l data.StoryLink) error {
		if selected[l.From] || selected[l.To] {
			n++
		}
		return nil
	})
	return n, err
}
