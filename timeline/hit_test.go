package timeline_test

import (
	"math"
	"testing"

	"chronoscope/timeline"
)

func TestHit(t *testing.T) {
	rects := []timeline.Rect{
		{X0: 0, Y0: 0, X1: 100, Y1: 20},   // 0: a long item
		{X0: 50, Y0: 0, X1: 70, Y1: 20},   // 1: drawn over it
		{X0: 0, Y0: 30, X1: 40, Y1: 50},   // 2: the next row
		{X0: 90, Y0: 30, X1: 80, Y1: 50},  // 3: given right to left
		{X0: 200, Y0: 0, X1: 220, Y1: 20}, // 4: a badge
		{X0: 224, Y0: 0, X1: 244, Y1: 20}, // 5: another
	}
	nan := float32(math.NaN())
	for _, tc := range []struct {
		name      string
		x, y, tol float32
		want      int
	}{
		{"inside the top one of two", 60, 10, 3, 1},
		{"inside the bottom one only", 20, 10, 3, 0},
		{"on the top one's edge", 70, 20, 0, 1},
		{"on a corner", 0, 50, 0, 2},
		{"inside a rectangle given right to left", 85, 40, 0, 3},
		{"below a row, within tolerance", 20, 22, 3, 0},
		{"below a row, beyond tolerance", 20, 24, 3, -1},
		{"between rows, nearer the lower", 20, 28, 5, 2},
		{"diagonally off a corner, within", 42, 52, 3, 2},
		{"diagonally off a corner, beyond", 43, 53, 3, -1},
		{"inside beats a nearer top one", 199, 10, 3, 4}, // also 1 px from nothing else
		{"between badges, the nearer", 221, 10, 3, 4},
		{"between badges, a tie goes to the top", 222, 10, 3, 5},
		{"far away", 500, 500, 10, -1},
		{"no tolerance", 45, 25, 0, -1},
		{"negative tolerance", 20, 21, -5, -1},
		{"NaN point", nan, 10, 3, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := timeline.Hit(rects, tc.x, tc.y, tc.tol); got != tc.want {
				t.Errorf("Hit(%g, %g, tol %g) = %d, want %d", tc.x, tc.y, tc.tol, got, tc.want)
			}
		})
	}
	if got := timeline.Hit(nil, 0, 0, 10); got != -1 {
		t.Errorf("Hit(nil) = %d, want -1", got)
	}
}

func BenchmarkHit(b *testing.B) {
	// A full pool of 1,500 drawn objects, in 15 rows; the pointer misses all.
	rects := make([]timeline.Rect, 1500)
	for i := range rects {
		x, y := float32(i/15)*20, float32(i%15)*24
		rects[i] = timeline.Rect{X0: x, Y0: y, X1: x + 18, Y1: y + 20}
	}
	b.ReportAllocs()
	for b.Loop() {
		timeline.Hit(rects, 5000, 5000, 4)
	}
}
