package app

import (
	"slices"
	"sort"

	"chronoscope/data"
	"chronoscope/timeline"
)

// Story links (data.StoryLink: "Obama's promise responds to the FBI's
// attribution") as the timeline draws them, read into memory when a
// chronology's timeline is loaded so that the widget's questions are
// answered without a query.

// linkRow is one story link as the timeline needs it: its ends already
// turned so that To is the answering event, where the arrowhead goes.
type linkRow struct {
	id, from, to int64
	kind         data.LinkKind
	certainty    data.Certainty
	directed     bool
}

// linkEnd is one end of a link: the event at it, and the link's place in
// rows. ends is sorted by event, so an event's links are found by binary
// search.
type linkEnd struct {
	event int64
	row   int32
}

// storyLinkTable holds every story link of a chronology: about 80 bytes a
// link (200,000 links are 16 MB), notes only for links that have one.
type storyLinkTable struct {
	rows  []linkRow
	notes map[int64]string
	ends  []linkEnd
}

// readStoryLinks reads every story link of s.
func readStoryLinks(s *data.Store) (*storyLinkTable, error) {
	t := &storyLinkTable{notes: map[int64]string{}}
	err := s.View(func(tx *data.Tx) error {
		return tx.StoryLinks(func(l data.StoryLink) error {
			t.add(l)
			return nil
		})
	})
	if err != nil {
		return nil, err
	}
	t.index()
	return t, nil
}

// add appends l; index must be called once all are added.
func (t *storyLinkTable) add(l data.StoryLink) {
	directed, fromAnswers := l.Kind.Answers()
	r := linkRow{id: l.ID, from: l.From, to: l.To, kind: l.Kind, certainty: l.Certainty, directed: directed}
	if fromAnswers {
		r.from, r.to = l.To, l.From
	}
	t.rows = append(t.rows, r)
	if l.Note != "" {
		t.notes[l.ID] = l.Note
	}
}

// index sorts the ends of every link by event.
func (t *storyLinkTable) index() {
	t.ends = make([]linkEnd, 0, 2*len(t.rows))
	for i, r := range t.rows {
		t.ends = append(t.ends, linkEnd{r.from, int32(i)}, linkEnd{r.to, int32(i)})
	}
	sort.Slice(t.ends, func(i, j int) bool {
		a, b := t.ends[i], t.ends[j]
		return a.event < b.event || (a.event == b.event && a.row < b.row)
	})
}

// len returns the number of links.
func (t *storyLinkTable) len() int {
	if t == nil {
		return 0
	}
	return len(t.rows)
}

// Links appends to dst the links with an end among ids, each once, in
// the order they were read.
func (t *storyLinkTable) Links(dst []timeline.Link, ids []int64) []timeline.Link {
	if t.len() == 0 {
		return dst
	}
	var rows []int32
	for _, id := range ids {
		i := sort.Search(len(t.ends), func(i int) bool { return t.ends[i].event >= id })
		for ; i < len(t.ends) && t.ends[i].event == id; i++ {
			rows = append(rows, t.ends[i].row)
		}
	}
	slices.Sort(rows)
	rows = slices.Compact(rows)
	for _, i := range rows {
		r := t.rows[i]
		dst = append(dst, timeline.Link{ID: r.id, From: r.from, To: r.to, Directed: r.directed,
			Kind: string(r.kind), Note: t.notes[r.id], Certainty: timelineCertainty(r.certainty), Tone: linkTone(r.kind)})
	}
	return dst
}

// linkTone is the colour family the timeline draws a link of kind in.
func linkTone(kind data.LinkKind) timeline.LinkTone {
	switch kind {
	case data.Confirms:
		return timeline.ToneSupport
	case data.Contradicts, data.Denies:
		return timeline.ToneOppose
	case data.LedTo:
		return timeline.ToneCause
	}
	return timeline.ToneNeutral
}

// linkedSource is a timeline source that also knows the story links
// between its items (timeline.LinkSource).
type linkedSource struct {
	timeline.Source
	links *storyLinkTable
}

// Links answers the timeline from the table read with the events.
func (s linkedSource) Links(dst []timeline.Link, ids []int64) []timeline.Link {
	return s.links.Links(dst, ids)
}

// withLinks gives src the links of t, when there are any.
func withLinks(src timeline.Source, t *storyLinkTable) timeline.Source {
	if src == nil || t.len() == 0 {
		return src
	}
	return linkedSource{src, t}
}
