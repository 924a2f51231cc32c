package timeline

import "image/color"

// Certainty says how well an event is established. The widget draws each
// level distinctly, so a claim never looks like a fact (see Legend).
type Certainty uint8

// The certainty levels, from established fact to denial.
const (
	Confirmed Certainty = iota // established: drawn solid
	Reported                   // reported by sources, not confirmed: drawn pale
	Claimed                    // asserted by a party to the story: drawn as an outline
	Disputed                   // contested by another party: drawn with a dashed outline
	Denied                     // denied by a party: drawn struck through
)

// String returns the certainty in lower-case words: "confirmed", "reported",
// "claimed", "disputed" or "denied".
func (c Certainty) String() string {
	switch c {
	case Confirmed:
		return "confirmed"
	case Reported:
		return "reported"
	case Claimed:
		return "claimed"
	case Disputed:
		return "disputed"
	case Denied:
		return "denied"
	}
	return "unknown"
}

// Item is what the widget draws for one event: a value the Source builds
// from its own model, so the widget never sees storage types.
type Item struct {
	ID int64 // the event's id, passed back through OnSelected; any value

	// Start is the first second the event covers and Stop the first second
	// after it, in Unix seconds: an event known only to the month covers its
	// month, one known to the second covers one second.
	Start, Stop float64

	Title string // the label, shortened with "…" where room is short
	When  string // the date at its precision, preformatted by the app, for the tooltip

	Lanes []int64 // the ids of the lanes (actors) the event belongs to; it appears in each

	Certainty  Certainty
	Importance int // 1 (least) to 5 (most): decides which labels survive when room is short

	// Span is true for an event with an explicit end, drawn as a bar. A point
	// event (false) is drawn as a marker, or as a soft rounded band over
	// [Start, Stop) when its precision period is wider than a marker.
	Span bool
}

// Lane is one row group of the timeline: an actor with its name and colour.
type Lane struct {
	ID    int64
	Name  string
	Color color.Color // nil picks a colour from a fixed palette by the lane's position
}

// Era is a titled, coloured background band over [Start, Stop).
type Era struct {
	Start, Stop float64 // Unix seconds
	Title       string
	Color       color.Color // nil draws a neutral band
}

// Source gives the widget the events of the view it shows, so that it never
// holds more of a chronology than a few screens' worth. The widget calls it
// on the Fyne goroutine, at most once per method per view change (Density
// once per visible lane when a view holds more items than asked for), and
// never from Refresh of an unchanged view, so each call must answer fast, from memory or a
// cache: a few milliseconds at most. A Source backed by slow storage may
// answer from what it has, fetch the rest in the background and then call
// Timeline.Reload on the Fyne goroutine (fyne.Do).
//
// Lane filters: lanes == nil means every lane, an empty non-nil slice means
// none; an item matches when any of its Lanes is among them.
// Results are appended to dst (which may be nil) so that a caller can re-use
// its buffers; a Source must not keep dst, and the caller must not modify
// the returned Items' Lanes.
type Source interface {
	// Bounds returns the first second covered by any item and the first
	// second after the last; ok is false when there are none.
	Bounds() (from, to float64, ok bool)

	// Items appends to dst the items of the given lanes that overlap
	// [from, to) — Start < to, and Stop > from or Start ≥ from — sorted by
	// (Start, ID). When more than max match, it appends max of them: all of
	// the most important ones first, then, within the importance level that
	// no longer fits, a sample spread evenly over time, preferably the same
	// sample as the view pans (so labels do not flicker). total is the number
	// of matching items; it is exact when at most max, and may be an upper
	// bound above max (an item in several requested lanes counted once per
	// lane).
	Items(dst []Item, from, to float64, lanes []int64, max int) (items []Item, total int)

	// Density appends to dst buckets counts: bucket i counts the items of the
	// given lanes whose Start s lies in [from, to) with int((s−from)/w) == i,
	// w = (to−from)/buckets; items starting before from are not counted, so
	// counts add up over adjacent windows. Each item counts once.
	Density(dst []int, from, to float64, buckets int, lanes []int64) []int

	// Item returns the item with the given id, for Select and
	// ZoomToSelection; ok is false when there is none.
	Item(id int64) (it Item, ok bool)

	// Adjacent returns the item of the given lanes that follows it in
	// (Start, ID) order (forward) or precedes it (!forward), for keyboard
	// stepping; ok is false at either end.
	Adjacent(it Item, forward bool, lanes []int64) (next Item, ok bool)
}
