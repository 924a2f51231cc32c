package data_test

import (
	"fmt"
	"strings"
	"testing"

	"chronoscope/data"
)

// TestEventRepeatsRefused: a tag or an actor given twice is refused and
// named, among a few (compared in place) and among many (through a map);
// as many distinct ones pass.
func TestEventRepeatsRefused(t *testing.T) {
	for _, n := range []int{2, 5, 16, 17, 40} {
		e := data.Event{Title: "T", Start: data.DayDate(2014, 12, 1), Certainty: data.Reported, Importance: 3}
		for i := range n {
			e.Tags = append(e.Tags, fmt.Sprintf("tag%d", i))
			e.Actors = append(e.Actors, data.Participant{ActorID: int64(100 + i)})
		}
		if err := e.Validate(); err != nil {
			t.Errorf("%d distinct tags and actors: %v", n, err)
		}
		tags := append([]string(nil), e.Tags...)
		e.Tags = append(e.Tags, fmt.Sprintf("tag%d", n/2))
		if err := e.Validate(); err == nil || !strings.Contains(err.Error(), fmt.Sprintf(`tag "tag%d" is given twice`, n/2)) {
			t.Errorf("%d tags and tag%d again: %v", n, n/2, err)
		}
		e.Tags = tags
		e.Actors = append(e.Actors, data.Participant{ActorID: int64(100 + n - 1)})
		if err := e.Validate(); err == nil || !strings.Contains(err.Error(), fmt.Sprintf("actor %d is given twice", 100+n-1)) {
			t.Errorf("%d actors and actor %d again: %v", n, 100+n-1, err)
		}
	}
}
