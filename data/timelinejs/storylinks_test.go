package timelinejs_test

import (
	"bytes"
	"strings"
	"testing"

	"chronoscope/data"
	"chronoscope/data/datatest"
	"chronoscope/data/timelinejs"
)

// TestLinksLeftOut: TimelineJS has no links; the export writes none and
// LinksLeftOut says how many of the selected events' links it left out.
func TestLinksLeftOut(t *testing.T) {
	s := datatest.NewStore(t)
	var ev []int64
	for i, title := range []string{"accusation", "answer", "denial", "later"} {
		e := &data.Event{Title: title, Start: data.DayDate(2014, 12, 19+i), Certainty: data.Reported, Importance: 3}
		if err := s.CreateEvent(e); err != nil {
			t.Fatal(err)
		}
		ev = append(ev, e.ID)
	}
	count := func(f data.Filter) int {
		t.Helper()
		var n int
		if err := s.View(func(tx *data.Tx) error {
			var err error
			n, err = timelinejs.LinksLeftOut(tx, timelinejs.WriteOptions{Filter: f})
			return err
		}); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(data.Filter{}); n != 0 {
		t.Errorf("without links, %d left out", n)
	}
	for _, l := range []data.StoryLink{
		{From: ev[1], To: ev[0], Kind: data.RespondsTo, Certainty: data.Confirmed, Note: "LINKNOTE"},
		{From: ev[2], To: ev[0], Kind: data.Denies, Certainty: data.Reported},
		{From: ev[2], To: ev[1], Kind: data.Contradicts, Certainty: data.Claimed},
	} {
		if err := s.CreateLink(&l); err != nil {
			t.Fatal(err)
		}
	}
	day := func(d int) data.Filter {
		return data.Filter{From: data.DayDate(2014, 12, d).Instant(nil), To: data.DayDate(2014, 12, d).Stop(nil)}
	}
	for _, c := range []struct {
		name string
		f    data.Filter
		want int
	}{
		{"all", data.Filter{}, 3},
		{"the accusation", day(19), 2},
		{"the denial", day(21), 2},
		{"an event without links", day(22), 0},
	} {
		if got := count(c.f); got != c.want {
			t.Errorf("%s: %d links left out, want %d", c.name, got, c.want)
		}
	}
	var out bytes.Buffer
	if err := s.View(func(tx *data.Tx) error { return timelinejs.WriteJSON(tx, &out, timelinejs.WriteOptions{}) }); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out.String(), "LINKNOTE") {
		t.Error("the TimelineJS export wrote a link's note")
	}
}
