package timeline

import (
	"math"
	"strconv"
)

// Badge stands for Count spans of one lane that got no row and start in the
// same bucket of the view; the widget draws it as Label ("+37") and zooms to
// [First, Last] when it is clicked.
type Badge struct {
	Lane        int
	X0, X1      float32 // the bucket's pixels
	Count       int
	First, Last float64 // earliest Start and latest End of the spans, Unix seconds
}

// Cluster appends to dst one badge per bucket of bucketPx pixels (at least 1)
// holding spans whose rows[i] is Overflow (a missing row counts as Overflow).
// Buckets are fixed in time, at multiples of bucketPx·vp.PerPixel seconds,
// so panning does not regroup them. Each such span is counted in exactly one
// badge, so badge counts plus placed spans add up to len(spans); spans
// sorted by Start give one badge per bucket, unsorted ones may give several.
func Cluster(dst []Badge, lane int, spans []Span, rows []int, vp Viewport, bucketPx float32) []Badge {
	px := float64(max(bucketPx, 1)) // NaN → 1
	size := px * vp.PerPixel
	first := len(dst)
	var key float64
	for i, s := range spans {
		if i < len(rows) && rows[i] != Overflow {
			continue
		}
		k := math.Floor(s.Start / size)
		if n := len(dst); n > first && k == key {
			b := &dst[n-1]
			b.Count++
			b.First, b.Last = min(b.First, s.Start), max(b.Last, s.End, s.Start)
			continue
		}
		key = k
		x := vp.TimeToX(k * size)
		dst = append(dst, Badge{Lane: lane, X0: x, X1: x + float32(px), Count: 1, First: s.Start, Last: max(s.End, s.Start)})
	}
	return dst
}

// Label returns the badge's text, such as "+37".
func (b Badge) Label() string {
	return "+" + strconv.Itoa(b.Count)
}
