package timeline

// Rect is a laid-out rectangle in widget pixels, such as an item or a badge.
type Rect struct {
	X0, Y0, X1, Y1 float32
}

// Hit returns the index of the rectangle under (x, y), or -1 for none.
// Later rectangles are drawn on top of earlier ones: the topmost rectangle
// containing the point (edges included) wins; failing that, the nearest one
// within tol pixels, ties going to the topmost. It scans from the top and
// stops at the first rectangle containing the point: O(n), where n is the
// widget's bounded pool of drawn objects (about 1,500), a few microseconds.
func Hit(rects []Rect, x, y, tol float32) int {
	if x != x || y != y {
		return -1
	}
	if !(tol > 0) {
		tol = 0
	}
	best, bestD := -1, tol*tol
	for i := len(rects) - 1; i >= 0; i-- {
		r := rects[i]
		dx := gap(x, r.X0, r.X1)
		if dx > tol {
			continue
		}
		dy := gap(y, r.Y0, r.Y1)
		if dy > tol {
			continue
		}
		d := dx*dx + dy*dy
		if d == 0 {
			return i
		}
		if d < bestD || best < 0 && d <= bestD {
			best, bestD = i, d
		}
	}
	return best
}

// gap returns how far v lies outside [a, b] (or [b, a]), 0 inside.
func gap(v, a, b float32) float32 {
	if b < a {
		a, b = b, a
	}
	switch {
	case v < a:
		return a - v
	case v > b:
		return v - b
	}
	return 0
}
