package timeline

import (
	"image/color"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
)

// Arc looks: widths in units, alphas as shares of the tone colour.
const (
	arcWidth      = 1.75
	arcWidthHover = 2.5
	arcWidthSel   = 3
	arcFadedA     = 0.2  // a segment over a title
	arcDashShare  = 0.55 // of each segment, drawn as a dash (disputed)
	arcCrossPx    = 11   // the cross stroke of a denied link
)

// toneColor returns the colour of a link tone in the theme's colours,
// standing out from the background: grey, green, red or orange.
func toneColor(tone LinkTone, c colors) color.NRGBA {
	col := mix(c.fg, c.bg, 0.3)
	switch tone {
	case ToneSupport:
		col = c.success
	case ToneOppose:
		col = c.danger
	case ToneCause:
		col = c.warning
	}
	return legible(col, c.bg, c.fg)
}

// arcAlpha returns how opaque an arc of certainty cert is drawn: pale for
// reported, a little faint for denied, else whole.
func arcAlpha(cert Certainty, dark bool) float32 {
	switch cert {
	case Reported:
		if dark {
			return 0.55
		}
		return 0.45
	case Denied:
		return 0.75
	}
	return 1
}

// syncArcs draws the link arcs with the certainty vocabulary of events
// (solid, pale, hollow, dashed, struck through), faded where they cross a
// title, with their arrowheads and the titles at ends out of view.
func (r *renderer) syncArcs(c colors) {
	t, f, m := r.t, &r.t.f, r.t.m
	line := func(a, b fyne.Position, col color.NRGBA, w float32) {
		if o, ok := r.arcs.get(); ok {
			o.StrokeColor, o.StrokeWidth = r.box(col), w
			o.Position1, o.Position2 = a, b
		}
	}
	for i := range f.arcs {
		a := &f.arcs[i]
		pts := f.arcPts[a.p0:a.p1]
		faded := f.arcFaded[a.p0 : a.p1-1]
		sel := t.selLink != 0 && a.link.ID == t.selLink
		w := float32(arcWidth)
		switch {
		case sel:
			w = arcWidthSel
		case int32(i) == t.hoverArc:
			w = arcWidthHover
		}
		col := alpha(toneColor(a.link.Tone, c), arcAlpha(a.link.Certainty, c.dark))
		fadedCol := alpha(col, arcFadedA)
		if sel {
			fadedCol = alpha(col, 2*arcFadedA)
		}
		segCol := func(s int) color.NRGBA {
			if faded[s] {
				return fadedCol
			}
			return col
		}
		switch a.link.Certainty {
		case Claimed:
			// Hollow, like a claimed event's outline: a wide line in the
			// tone with a narrow one in the background's colour inside.
			for s := range faded {
				line(pts[s], pts[s+1], segCol(s), w+2.5)
			}
			for s := range faded {
				line(pts[s], pts[s+1], c.bg, w-0.25)
			}
		case Disputed:
			for s := range faded {
				p, q := pts[s], pts[s+1]
				g := float32(1-arcDashShare) / 2
				line(lerp(p, q, g), lerp(p, q, 1-g), segCol(s), w)
			}
		default:
			for s := range faded {
				line(pts[s], pts[s+1], segCol(s), w)
			}
		}
		if a.link.Certainty == Denied {
			// Struck through: a cross stroke at the middle of the arc.
			mid, dir := halfway(pts)
			n := fyne.NewPos(-dir.Y*arcCrossPx/2, dir.X*arcCrossPx/2)
			line(fyne.NewPos(mid.X-n.X, mid.Y-n.Y), fyne.NewPos(mid.X+n.X, mid.Y+n.Y), c.fg, 2)
		}
		if a.link.Directed {
			head := alpha(toneColor(a.link.Tone, c), max(arcAlpha(a.link.Certainty, c.dark), 0.7))
			for _, h := range a.head {
				line(h[0], h[1], head, max(w, 2))
			}
		}
		if a.edge == "" {
			continue
		}
		if o, ok := r.edgeBg.get(); ok {
			o.FillColor = r.box(c.overlay)
			o.StrokeColor, o.StrokeWidth = r.box(alpha(toneColor(a.link.Tone, c), 0.8)), 1
			if sel {
				o.StrokeWidth = 2
			}
			o.CornerRadius = m.pad
			b := a.edgeBox
			setRect(o, b.X0, b.Y0, b.X1-b.X0, b.Y1-b.Y0)
			if tx, ok := r.edgeText.get(); ok {
				r.setText(tx, a.edge, m.caption, c.fg, fyne.TextStyle{Italic: true})
				setRect(tx, b.X0+m.pad+1, b.Y0, b.X1-b.X0-m.pad, b.Y1-b.Y0)
			}
		}
	}
}

// linkTip returns the tooltip of link l: its kind (capitalised), and its
// certainty with its note.
func (r *renderer) linkTip(l *Link) (title, detail string) {
	m := r.t.m
	title = l.Kind
	if title == "" {
		title = "link"
	}
	if c, n := utf8.DecodeRuneInString(title); c != utf8.RuneError {
		title = string(unicode.ToUpper(c)) + title[n:]
	}
	detail = l.Certainty.String()
	if note := strings.TrimSpace(l.Note); note != "" {
		note, _ = m.small.fit(note, 30*m.text)
		detail += " · " + note
	}
	return title, detail
}

// lerp returns the point u of the way from a to b.
func lerp(a, b fyne.Position, u float32) fyne.Position {
	return fyne.NewPos(a.X+(b.X-a.X)*u, a.Y+(b.Y-a.Y)*u)
}

// halfway returns the point halfway along polyline pts and the unit
// direction there.
func halfway(pts []fyne.Position) (mid, dir fyne.Position) {
	total := float32(0)
	for i := 1; i < len(pts); i++ {
		total += dist(pts[i-1], pts[i])
	}
	left := total / 2
	for i := 1; i < len(pts); i++ {
		d := dist(pts[i-1], pts[i])
		if d >= left && d > 0 {
			p, q := pts[i-1], pts[i]
			return lerp(p, q, left/d), fyne.NewPos((q.X-p.X)/d, (q.Y-p.Y)/d)
		}
		left -= d
	}
	if len(pts) == 0 {
		return fyne.Position{}, fyne.NewPos(1, 0)
	}
	return pts[len(pts)-1], fyne.NewPos(1, 0)
}
