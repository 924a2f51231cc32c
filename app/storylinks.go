package app

import (
	"cmp"
	"slices"
	"sort"
	"strings"

	"chronoscope/data"
	"chronoscope/timeline"
)

// Story links (data.StoryLink: "Obama's promise responds to the FBI's
// attribution") as the timeline draws them, read into memory when a
// chronology's timeline is loaded so that the widget's questions are
// answered without a query.

// linkRow is one story link as the timeline needs it, in 32 bytes: its
// ends already turned so that to is the answering event, where the
// arrowhead goes; kind and certainty as their places in data's lists.
type linkRow struct {
	id, from, to int64
	note         int32 // where its note starts in the table's notes, -1 for none
	kind         uint8 // index into data.LinkKinds()
	certainty    uint8 // index into data.Certainties
}

// storyLinkTable holds every story link of a chronology compactly (about
// 50 bytes a link with its two indexes: 200,000 links are 10 MB, for the
// window's 300 MB budget at a million events), the notes in one string.
type storyLinkTable struct {
	rows   []linkRow
	notes  string  // every note, each followed by a NUL
	byFrom []int32 // rows by from, then row
	byTo   []int32 // rows by to, then row
	kinds  []data.LinkKind
	certs  []data.Certainty
}

// readStoryLinks reads every story link of s.
func readStoryLinks(s *data.Store) (*storyLinkTable, error) {
	b := newLinkTableBuilder()
	if err := s.View(func(tx *data.Tx) error {
		return tx.StoryLinks(func(l data.StoryLink) error {
			b.add(l)
			return nil
		})
	}); err != nil {
		return nil, err
	}
	return b.table(), nil
}

// linkTableBuilder makes a storyLinkTable one link at a time.
type linkTableBuilder struct {
	t     *storyLinkTable
	notes strings.Builder
}

func newLinkTableBuilder() *linkTableBuilder {
	return &linkTableBuilder{t: &storyLinkTable{kinds: data.LinkKinds(), certs: data.Certainties}}
}

// add appends l.
func (b *linkTableBuilder) add(l data.StoryLink) {
	t := b.t
	_, fromAnswers := l.Kind.Answers()
	r := linkRow{id: l.ID, from: l.From, to: l.To, note: -1,
		kind: uint8(max(0, slices.Index(t.kinds, l.Kind))), certainty: uint8(max(0, slices.Index(t.certs, l.Certainty)))}
	if fromAnswers {
		r.from, r.to = l.To, l.From
	}
	if l.Note != "" {
		r.note = int32(b.notes.Len())
		b.notes.WriteString(l.Note)
		b.notes.WriteByte(0)
	}
	t.rows = append(t.rows, r)
}

// table returns the table of the links added, indexed by each end.
func (b *linkTableBuilder) table() *storyLinkTable {
	t := b.t
	t.notes = b.notes.String()
	t.byFrom = make([]int32, len(t.rows))
	t.byTo = make([]int32, len(t.rows))
	for i := range t.rows {
		t.byFrom[i], t.byTo[i] = int32(i), int32(i)
	}
	slices.SortFunc(t.byFrom, func(a, b int32) int { return cmp.Or(cmp.Compare(t.rows[a].from, t.rows[b].from), cmp.Compare(a, b)) })
	slices.SortFunc(t.byTo, func(a, b int32) int { return cmp.Or(cmp.Compare(t.rows[a].to, t.rows[b].to), cmp.Compare(a, b)) })
	return t
}

// len returns the number of links.
func (t *storyLinkTable) len() int {
	if t == nil {
		return 0
	}
	return len(t.rows)
}

// note returns row r's note.
func (t *storyLinkTable) note(r *linkRow) string {
	if r.note < 0 {
		return ""
	}
	n := t.notes[r.note:]
	return n[:strings.IndexByte(n, 0)]
}

// Links appends to dst the links with an end among ids, each once, in
// the order they were read.
func (t *storyLinkTable) Links(dst []timeline.Link, ids []int64) []timeline.Link {
	if t.len() == 0 {
		return dst
	}
	var rows []int32
	collect := func(idx []int32, end func(r *linkRow) int64, id int64) {
		i := sort.Search(len(idx), func(i int) bool { return end(&t.rows[idx[i]]) >= id })
		for ; i < len(idx) && end(&t.rows[idx[i]]) == id; i++ {
			rows = append(rows, idx[i])
		}
	}
	for _, id := range ids {
		collect(t.byFrom, func(r *linkRow) int64 { return r.from }, id)
		collect(t.byTo, func(r *linkRow) int64 { return r.to }, id)
	}
	slices.Sort(rows)
	rows = slices.Compact(rows)
	for _, i := range rows {
		r := &t.rows[i]
		kind := t.kinds[r.kind]
		directed, _ := kind.Answers()
		dst = append(dst, timeline.Link{ID: r.id, From: r.from, To: r.to, Directed: directed,
			Kind: string(kind), Note: t.note(r), Certainty: timelineCertainty(t.certs[r.certainty]), Tone: linkTone(kind)})
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
