package data

import (
	"errors"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Story links: how events answer each other ("Obama's promise responds to
// the FBI's attribution"). Not to be confused with links.go, which is
// about the ties of actors and sources to events.

// LinkKind is how the From event of a link relates to its To event. It is
// stored as text, so a later version can add kinds.
type LinkKind string

// The kinds of story link, read "From <kind> To".
const (
	RespondsTo  LinkKind = "responds to"
	Confirms    LinkKind = "confirms"
	Contradicts LinkKind = "contradicts"
	Denies      LinkKind = "denies"
	LedTo       LinkKind = "led to"
	FollowsUp   LinkKind = "follows up"
	SameEventAs LinkKind = "same event as"
)

type linkKindRow struct {
	kind                  LinkKind
	label, inverse        string
	directed, fromAnswers bool
}

// linkKindInfo is what each kind reads as from either end, and which end
// answers the other (where an arc's arrowhead goes).
var linkKindInfo = []linkKindRow{
	{RespondsTo, "Responds to", "Responded to by", true, true},
	{Confirms, "Confirms", "Confirmed by", true, true},
	{Contradicts, "Contradicts", "Contradicted by", true, true},
	{Denies, "Denies", "Denied by", true, true},
	{LedTo, "Led to", "Came from", true, false},
	{FollowsUp, "Follows up", "Followed up by", true, true},
	{SameEventAs, "Same event as", "Same event as", false, false},
}

// LinkKinds returns the kinds of story link, in the order forms offer them.
func LinkKinds() []LinkKind {
	out := make([]LinkKind, len(linkKindInfo))
	for i, k := range linkKindInfo {
		out[i] = k.kind
	}
	return out
}

func (k LinkKind) info() (int, bool) {
	i := slices.IndexFunc(linkKindInfo, func(v linkKindRow) bool { return v.kind == k })
	return i, i >= 0
}

// Valid reports whether k is one of LinkKinds.
func (k LinkKind) Valid() bool {
	_, ok := k.info()
	return ok
}

// Label is the kind as read from the From event's side, capitalised:
// "Responds to". A kind this build does not know reads as its text.
func (k LinkKind) Label() string {
	if i, ok := k.info(); ok {
		return linkKindInfo[i].label
	}
	return capitalise(string(k))
}

// InverseLabel is the kind as read from the To event's side: "Responded
// to by", "Came from" (for led to).
func (k LinkKind) InverseLabel() string {
	if i, ok := k.info(); ok {
		return linkKindInfo[i].inverse
	}
	return "Other end of “" + string(k) + "”"
}

// Answers reports which end of a link of this kind answers the other, the
// end an arc's arrowhead points at: the From event for responds to,
// confirms, contradicts, denies and follows up (fromAnswers); the To
// event for led to. Same event as is undirected (directed false). A kind
// this build does not know reads "From answers To".
func (k LinkKind) Answers() (directed, fromAnswers bool) {
	if i, ok := k.info(); ok {
		return linkKindInfo[i].directed, linkKindInfo[i].fromAnswers
	}
	return true, true
}

func capitalise(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// StoryLink joins two events: "From <Kind> To", e.g. Obama's promise
// (From) responds to (Kind) the FBI's attribution (To).
type StoryLink struct {
	ID        int64
	From, To  int64 // event ids
	Kind      LinkKind
	Certainty Certainty // same values as an event's; a causal link claimed by one party is Claimed
	Note      string    // optional, plain text
	Citations []LinkCitation
}

// LinkCitation says that a source backs a story link, with the supporting
// quote: who says that A led to B.
type LinkCitation struct {
	ID       int64
	SourceID int64
	Quote    string
	Note     string
}

// Validate reports a *FieldError for a missing end ("from", "to"), a link
// from an event to itself ("to"), an unknown kind or certainty, or a
// citation without a source ("source").
func (l StoryLink) Validate() error {
	if l.From == 0 {
		return fieldErr("from", "must be set")
	}
	if l.To == 0 {
		return fieldErr("to", "must be set")
	}
	if l.From == l.To {
		return fieldErr("to", "a link cannot join an event to itself")
	}
	if !l.Kind.Valid() {
		names := make([]string, len(linkKindInfo))
		for i, k := range linkKindInfo {
			names[i] = string(k.kind)
		}
		return fieldErr("kind", "%q is not one of %s", l.Kind, strings.Join(names, ", "))
	}
	if !l.Certainty.Valid() {
		return fieldErr("certainty", "%q is not one of confirmed, reported, claimed, disputed, denied", l.Certainty)
	}
	for i, c := range l.Citations {
		if c.SourceID == 0 {
			return fieldErr("source", "citation %d has no source", i+1)
		}
	}
	return nil
}

// SourceLinkCitation is a link's citation of a source with the link it
// belongs to and its place among the link's citations: what DeleteSource
// removes with the source, read by SourceLinkCitations before the delete
// so that RestoreLinkCitation can put it back.
type SourceLinkCitation struct {
	LinkID   int64
	Position int
	LinkCitation
}

const linkColumns = "id, from_id, to_id, kind, certainty, note"

func scanLink(sc interface{ Scan(...any) error }) (StoryLink, error) {
	var l StoryLink
	var kind, certainty string
	err := sc.Scan(&l.ID, &l.From, &l.To, &kind, &certainty, &l.Note)
	l.Kind, l.Certainty = LinkKind(kind), Certainty(certainty)
	return l, translate(err)
}

func scanLinkCitation(sc interface{ Scan(...any) error }) (LinkCitation, error) {
	var c LinkCitation
	err := sc.Scan(&c.ID, &c.SourceID, &c.Quote, &c.Note)
	return c, translate(err)
}

// exists reports whether table has a row with the id.
func (t *Tx) exists(table string, id int64) (bool, error) {
	row, err := t.queryRow("SELECT count(*) FROM "+table+" WHERE id = ?", id)
	if err != nil {
		return false, err
	}
	var n int
	if err := row.Scan(&n); err != nil {
		return false, translate(err)
	}
	return n > 0, nil
}

// checkLink validates l and checks what it refers to: both events, its
// citations' sources, and no other link (than l.ID) of the same ends and
// kind.
func (t *Tx) checkLink(l *StoryLink) error {
	if err := l.Validate(); err != nil {
		return err
	}
	for _, end := range []struct {
		field string
		id    int64
	}{{"from", l.From}, {"to", l.To}} {
		ok, err := t.exists("event", end.id)
		if err != nil {
			return err
		}
		if !ok {
			return fieldErr(end.field, "event %d does not exist", end.id)
		}
	}
	row, err := t.queryRow("SELECT id FROM story_link WHERE from_id = ? AND to_id = ? AND kind = ? AND id <> ?", l.From, l.To, string(l.Kind), l.ID)
	if err != nil {
		return err
	}
	var other int64
	switch err := translate(row.Scan(&other)); {
	case err == nil:
		return fieldErr("kind", "event %d already %s event %d (link %d)", l.From, l.Kind, l.To, other)
	case !errors.Is(err, ErrNotFound):
		return err
	}
	for _, c := range l.Citations {
		ok, err := t.exists("source", c.SourceID)
		if err != nil {
			return err
		}
		if !ok {
			return fieldErr("source", "source %d does not exist", c.SourceID)
		}
	}
	return nil
}

// writeLinkCitations stores a link's citations in order and returns their
// ids; a citation keeps its own id when keep says so, else takes a new one.
func (t *Tx) writeLinkCitations(linkID int64, cits []LinkCitation, keep func(id int64) bool) ([]int64, error) {
	ids := make([]int64, len(cits))
	for i, c := range cits {
		var id any
		if c.ID != 0 && keep(c.ID) {
			id = c.ID
		}
		r, err := t.exec("INSERT INTO link_citation (id, link_id, source_id, quote, note, position) VALUES (?, ?, ?, ?, ?, ?)",
			id, linkID, c.SourceID, c.Quote, c.Note, int64(i))
		if err != nil {
			return nil, err
		}
		if ids[i], err = r.LastInsertId(); err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// linked marks a link's ends for a refresh of their link counts and
// searchable text, which holds the notes of their links (see searchindex.go).
func (t *Tx) linked(l StoryLink) {
	t.cited(l.From)
	t.cited(l.To)
}

// insertLink stores a checked link, under its own id when withID is set.
func (t *Tx) insertLink(l *StoryLink, withID bool, keep func(int64) bool) error {
	var id any
	if withID {
		id = l.ID
	}
	r, err := t.exec("INSERT INTO story_link (id, from_id, to_id, kind, certainty, note) VALUES (?, ?, ?, ?, ?, ?)",
		id, l.From, l.To, string(l.Kind), string(l.Certainty), l.Note)
	if err != nil {
		return err
	}
	newID, err := r.LastInsertId()
	if err != nil {
		return err
	}
	ids, err := t.writeLinkCitations(newID, l.Citations, keep)
	if err != nil {
		return err
	}
	if t.bulk.linkKeys == nil {
		t.bulk.linkKeys = map[linkKey]bool{}
	}
	t.bulk.linkKeys[linkKey{l.From, l.To, l.Kind}] = true
	l.ID = newID
	for i := range l.Citations {
		l.Citations[i].ID = ids[i]
	}
	t.linked(*l)
	return nil
}

// CreateLink validates l, stores it with its citations and sets l.ID and
// the citations' ids. A *FieldError names a missing event ("from", "to"),
// a link of the same ends and kind that exists already ("kind"), or a
// missing source ("source").
func (t *Tx) CreateLink(l *StoryLink) error {
	c := *l
	c.ID = 0
	if err := c.Validate(); err != nil {
		return err
	}
	if kept, err := t.addLink(l); kept || err != nil {
		return err
	}
	if err := t.checkLink(&c); err != nil {
		return err
	}
	return t.insertLink(l, false, func(int64) bool { return false })
}

// UpdateLink validates l and replaces the stored link with the same ID,
// its citations included (those with the id of one of the link's
// citations keep it; the others get new ids, set in l). The checks are
// CreateLink's; ErrNotFound if there is no such link.
func (t *Tx) UpdateLink(l *StoryLink) error {
	if err := l.Validate(); err != nil {
		return err
	}
	t.bulk.linksRewritten = true
	old, err := t.Link(l.ID)
	if err != nil {
		return err
	}
	if err := t.checkLink(l); err != nil {
		return err
	}
	if err := t.execOne("UPDATE story_link SET from_id = ?, to_id = ?, kind = ?, certainty = ?, note = ? WHERE id = ?",
		l.From, l.To, string(l.Kind), string(l.Certainty), l.Note, l.ID); err != nil {
		return err
	}
	if _, err := t.exec("DELETE FROM link_citation WHERE link_id = ?", l.ID); err != nil {
		return err
	}
	had := map[int64]bool{}
	for _, c := range old.Citations {
		had[c.ID] = true
	}
	ids, err := t.writeLinkCitations(l.ID, l.Citations, func(id int64) bool { return had[id] })
	if err != nil {
		return err
	}
	for i := range l.Citations {
		l.Citations[i].ID = ids[i]
	}
	if old.Note != l.Note || old.From != l.From || old.To != l.To {
		t.linked(old)
		t.linked(*l)
	}
	return nil
}

// DeleteLink removes a link with its citations; ErrNotFound if none.
func (t *Tx) DeleteLink(id int64) error {
	old, err := t.Link(id)
	if err != nil {
		return err
	}
	if err := t.execOne("DELETE FROM story_link WHERE id = ?", id); err != nil {
		return err
	}
	t.linked(old)
	return nil
}

// RestoreLink puts back a deleted link under its own id, with its
// citations under theirs (one without an id gets a new one): the undo of
// DeleteLink, and of DeleteEvent after RestoreEvent. The checks are
// CreateLink's: a missing end is an error, never skipped.
func (t *Tx) RestoreLink(l StoryLink) error {
	if l.ID == 0 {
		return fieldErr("id", "a link to restore needs its id")
	}
	t.bulk.linksRewritten = true
	if ok, err := t.exists("story_link", l.ID); err != nil {
		return err
	} else if ok {
		return fieldErr("id", "link %d exists already", l.ID)
	}
	if err := t.checkLink(&l); err != nil {
		return err
	}
	l.Citations = slices.Clone(l.Citations)
	return t.insertLink(&l, true, func(int64) bool { return true })
}

// Link returns the link with its citations, or ErrNotFound.
func (t *Tx) Link(id int64) (StoryLink, error) {
	row, err := t.queryRow("SELECT "+linkColumns+" FROM story_link WHERE id = ?", id)
	if err != nil {
		return StoryLink{}, err
	}
	l, err := scanLink(row)
	if err != nil {
		return StoryLink{}, err
	}
	return l, t.readLinkCitations(&l)
}

func (t *Tx) readLinkCitations(l *StoryLink) error {
	var err error
	l.Citations, err = queryAll(t, "SELECT id, source_id, quote, note FROM link_citation WHERE link_id = ? ORDER BY position, id", scanLinkCitation, l.ID)
	return err
}

// EventStoryLinks returns every link with the event at either end, with
// their citations, ordered by the other end's start, then by link id.
func (t *Tx) EventStoryLinks(eventID int64) ([]StoryLink, error) {
	links, err := queryAll(t, `SELECT `+linkColumns+` FROM (
		SELECT l.*, o.start_s AS other_start FROM story_link l JOIN event o ON o.id = l.to_id WHERE l.from_id = ?1
		UNION ALL
		SELECT l.*, o.start_s AS other_start FROM story_link l JOIN event o ON o.id = l.from_id WHERE l.to_id = ?1)
		ORDER BY other_start, id`, scanLink, eventID)
	if err != nil {
		return nil, err
	}
	for i := range links {
		if err := t.readLinkCitations(&links[i]); err != nil {
			return nil, err
		}
	}
	return links, nil
}

// linkPage is how many links StoryLinks reads at a time.
const linkPage = 2000

// StoryLinks calls fn with every link, citations included, in id order,
// reading a page at a time, so a file with hundreds of thousands of links
// is never held whole. It stops at fn's first error and returns it.
func (t *Tx) StoryLinks(fn func(l StoryLink) error) error {
	type cited struct {
		link int64
		c    LinkCitation
	}
	var after int64 = -1 << 63
	for {
		links, err := queryAll(t, "SELECT "+linkColumns+" FROM story_link WHERE id > ? ORDER BY id LIMIT ?", scanLink, after, linkPage)
		if err != nil || len(links) == 0 {
			return err
		}
		lo, hi := links[0].ID, links[len(links)-1].ID
		cits, err := queryAll(t, "SELECT link_id, id, source_id, quote, note FROM link_citation WHERE link_id BETWEEN ? AND ? ORDER BY link_id, position, id",
			func(sc interface{ Scan(...any) error }) (cited, error) {
				var c cited
				err := sc.Scan(&c.link, &c.c.ID, &c.c.SourceID, &c.c.Quote, &c.c.Note)
				return c, translate(err)
			}, lo, hi)
		if err != nil {
			return err
		}
		j := 0
		for _, l := range links {
			for j < len(cits) && cits[j].link < l.ID {
				j++ // cannot happen: a citation's link exists (foreign key)
			}
			for ; j < len(cits) && cits[j].link == l.ID; j++ {
				l.Citations = append(l.Citations, cits[j].c)
			}
			if err := fn(l); err != nil {
				return err
			}
		}
		if len(links) < linkPage {
			return nil
		}
		after = hi
	}
}

// LinkCount returns how many story links the chronology has.
func (t *Tx) LinkCount() (int, error) {
	row, err := t.queryRow("SELECT count(*) FROM story_link")
	if err != nil {
		return 0, err
	}
	var n int
	return n, translate(row.Scan(&n))
}

// SourceLinkCitations returns every link citation of a source, by id:
// read before DeleteSource so that its undo can put them back.
func (t *Tx) SourceLinkCitations(sourceID int64) ([]SourceLinkCitation, error) {
	return queryAll(t, "SELECT link_id, position, id, source_id, quote, note FROM link_citation WHERE source_id = ? ORDER BY id",
		func(sc interface{ Scan(...any) error }) (SourceLinkCitation, error) {
			var c SourceLinkCitation
			err := sc.Scan(&c.LinkID, &c.Position, &c.ID, &c.SourceID, &c.Quote, &c.Note)
			return c, translate(err)
		}, sourceID)
}

// RestoreLinkCitation puts back a deleted link citation under its own id
// and at its place among the link's citations (the undo of DeleteSource,
// after RestoreSource). A *FieldError names a missing link ("link") or
// source ("source").
func (t *Tx) RestoreLinkCitation(c SourceLinkCitation) error {
	switch {
	case c.ID == 0:
		return fieldErr("id", "a link citation to restore needs its id")
	case c.LinkID == 0:
		return fieldErr("link", "must be set")
	case c.SourceID == 0:
		return fieldErr("source", "must be set")
	}
	for _, ref := range []struct {
		table, field string
		id           int64
	}{{"story_link", "link", c.LinkID}, {"source", "source", c.SourceID}} {
		ok, err := t.exists(ref.table, ref.id)
		if err != nil {
			return err
		}
		if !ok {
			return fieldErr(ref.field, "%s %d does not exist", ref.field, ref.id)
		}
	}
	_, err := t.exec("INSERT INTO link_citation (id, link_id, source_id, quote, note, position) VALUES (?, ?, ?, ?, ?, ?)",
		c.ID, c.LinkID, c.SourceID, c.Quote, c.Note, int64(c.Position))
	return err
}

// CreateLink validates l, stores it and sets l.ID (see Tx.CreateLink).
func (s *Store) CreateLink(l *StoryLink) error { return create(s, l, &l.ID, (*Tx).CreateLink) }

// UpdateLink replaces the stored link with l (see Tx.UpdateLink).
func (s *Store) UpdateLink(l *StoryLink) error {
	return s.Update(func(tx *Tx) error { return tx.UpdateLink(l) })
}

// DeleteLink removes a link; ErrNotFound if none.
func (s *Store) DeleteLink(id int64) error {
	return s.Update(func(tx *Tx) error { return tx.DeleteLink(id) })
}

// Link returns the link with its citations, or ErrNotFound.
func (s *Store) Link(id int64) (StoryLink, error) {
	return view(s, func(tx *Tx) (StoryLink, error) { return tx.Link(id) })
}

// EventStoryLinks returns every link with the event at either end (see
// Tx.EventStoryLinks).
func (s *Store) EventStoryLinks(eventID int64) ([]StoryLink, error) {
	return view(s, func(tx *Tx) ([]StoryLink, error) { return tx.EventStoryLinks(eventID) })
}

// LinkCount returns how many story links the chronology has.
func (s *Store) LinkCount() (int, error) { return view(s, (*Tx).LinkCount) }
