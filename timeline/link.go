package timeline

import "fyne.io/fyne/v2"

// Link is what the widget draws for one story link between two items: an
// arc from one event to the other.
type Link struct {
	ID        int64
	From, To  int64     // item ids; the arrowhead is drawn at To (the answering event)
	Directed  bool      // false: no arrowhead (e.g. "same event as")
	Kind      string    // words for the tooltip: "responds to", "contradicts"…
	Note      string    // for the tooltip; may be empty
	Certainty Certainty // drawn with the events' vocabulary: solid, pale, outlined (a hollow line), dashed, struck through (a cross stroke at the middle)
	Tone      LinkTone  // colour family chosen by the app from the kind
}

// LinkTone is the colour family of a link's arc, from the theme (so that it
// reads in light and dark): grey, green, red or orange.
type LinkTone uint8

// The tones of links.
const (
	ToneNeutral LinkTone = iota // responds to, follows up, same event: the foreground, muted
	ToneSupport                 // confirms: the theme's success colour
	ToneOppose                  // contradicts, denies: the theme's error colour
	ToneCause                   // led to: the theme's warning colour
)

// LinkSource is implemented by a Source that knows the links between its
// items. The widget calls it on the Fyne goroutine with the ids of the
// items it placed (and the selected one); it must answer from memory in
// well under a millisecond for a few hundred ids. Items not in view are
// fetched with Source.Item.
type LinkSource interface {
	// Links appends to dst the links with at least one end among ids, each
	// once, and returns it; dst may be nil.
	Links(dst []Link, ids []int64) []Link
}

// LinksShown says which links the timeline draws as arcs.
type LinksShown uint8

// The link modes. The link selected with SelectLink is drawn in all of
// them, and while presenting the selected event's links are too.
const (
	// LinksOfSelected draws the selected event's links, also to events out
	// of view: the arc then leaves the edge towards the other event, whose
	// title stands there. The default.
	LinksOfSelected LinksShown = iota
	// LinksNone draws no arcs.
	LinksNone
	// LinksInView draws the links with an end among the events drawn
	// (the other end drawn too, or before or after the view): at most 24
	// arcs in 136 canvas lines, so that a frame keeps its budget; the
	// selected link comes first, then the selected event's, then those
	// with both ends drawn, then those with the most important ends.
	LinksInView
)

// SetLinksShown sets which links are drawn as arcs.
func (t *Timeline) SetLinksShown(m LinksShown) {
	if t.linksShown == m {
		return
	}
	t.linksShown = m
	t.hoverArc = -1
	t.Refresh()
}

// LinksShown returns which links are drawn as arcs.
func (t *Timeline) LinksShown() LinksShown { return t.linksShown }

// SelectLink highlights the arc of the link with the given id, drawing it
// even with LinksNone (when an end of it is in view or selected); 0 clears
// it. It does not call OnLinkSelected.
func (t *Timeline) SelectLink(id int64) {
	if t.selLink == id {
		return
	}
	t.selLink = id
	t.Refresh()
}

// SelectedLink returns the id of the highlighted link, 0 for none.
func (t *Timeline) SelectedLink() int64 { return t.selLink }

// DrawnLink is one arc drawn in the last frame, for tests and assistive
// reading.
type DrawnLink struct {
	ID int64
	// Points is the arc as drawn: a polyline in widget coordinates from
	// the From end to the To end (or the edge standing for either).
	Points []fyne.Position
	// Faded tells, per segment (Points[i] to Points[i+1]), whether it is
	// drawn faded because it crosses a title.
	Faded []bool
	// Head is the arrowhead's two strokes, from its tip; zero when the
	// link is not directed.
	Head [2][2]fyne.Position
	// Edge is the title written at the widget's edge for an end out of
	// view, as drawn (shortened with "…"), and EdgeBox where; "" when both
	// ends are drawn.
	Edge    string
	EdgeBox Rect
	// Selected is true for the link chosen with SelectLink or a click.
	Selected bool
}

// DrawnLinks returns the arcs drawn in the last frame, in drawing order.
func (t *Timeline) DrawnLinks() []DrawnLink {
	var out []DrawnLink
	f := &t.f
	for i := range f.arcs {
		a := &f.arcs[i]
		d := DrawnLink{ID: a.link.ID, Selected: a.link.ID == t.selLink && t.selLink != 0, Edge: a.edge, EdgeBox: a.edgeBox}
		d.Points = append(d.Points, f.arcPts[a.p0:a.p1]...)
		d.Faded = append(d.Faded, f.arcFaded[a.p0:a.p1-1]...)
		if a.link.Directed {
			d.Head = a.head
		}
		out = append(out, d)
	}
	return out
}
