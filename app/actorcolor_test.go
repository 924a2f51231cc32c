package app

import (
	"testing"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

// A new actor's colour stands apart from the actors' colours: in the
// default chronology, whose United States is a blue like the palette's
// first, it is not that blue, and it is further from every actor's colour
// than the palette's first colour is from the nearest.
func TestNextColorStandsApart(t *testing.T) {
	if got := nextColor(nil); got != actorPalette[0] {
		t.Errorf("with no actors: %s, want the palette's first, %s", got, actorPalette[0])
	}
	s, err := data.OpenReadOnly(datatest.DefaultFile(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	actors, err := s.Actors()
	if err != nil {
		t.Fatal(err)
	}
	nearest := func(c string) float64 {
		d := 1e9
		for _, a := range actors {
			d = min(d, colorDistance(parseColor(c), parseColor(a.Color)))
		}
		return d
	}
	got := nextColor(actors)
	if got == "#4e79a7" {
		t.Errorf("the new actor gets %s, a blue like the United States' #2f6fb3", got)
	}
	for _, c := range actorPalette {
		if nearest(c) > nearest(got) {
			t.Errorf("%s (nearest actor %.0f away) stands further apart than the chosen %s (%.0f)", c, nearest(c), got, nearest(got))
		}
	}
	if nearest(got) < 100 {
		t.Errorf("the chosen %s is only %.0f from an actor's colour", got, nearest(got))
	}
}
