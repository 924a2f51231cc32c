package data

import (
	"slices"
	"testing"
)

func TestIDRanges(t *testing.T) {
	var r idRanges
	for _, id := range []int64{5, 6, 7, 1, 3, 2, 10, 9, 8, 20, 7} {
		r.add(id)
	}
	if want := (idRanges{{1, 3}, {5, 10}, {20, 20}}); !slices.Equal(r, want) {
		t.Errorf("runs = %v, want %v", r, want)
	}
	r.add(4)
	if want := (idRanges{{1, 10}, {20, 20}}); !slices.Equal(r, want) {
		t.Errorf("after adding 4, runs = %v, want %v", r, want)
	}
	for id, want := range map[int64]bool{0: false, 1: true, 10: true, 11: false, 19: false, 20: true, 21: false} {
		if got := r.has(id); got != want {
			t.Errorf("has(%d) = %v, want %v", id, got, want)
		}
	}
}
