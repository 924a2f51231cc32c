package markup

import (
	"testing"

	"chronoscope/data/datatest"
)

// TestDisarmPastItsRounds: a description that still needs disarming after
// the last round is its text in a code block, which links nothing.
func TestDisarmPastItsRounds(t *testing.T) {
	md := "&#104;ttp://user:pw@example.org <b>x</b> ```` ` "
	once := disarm(md, 1) // the hidden address needs a second round
	if live := datatest.LiveLinks(once); len(live) > 0 {
		t.Errorf("disarm(%q, 1) = %q: still live: %q", md, once, live)
	}
	if want := "`````\n" + md + "\n`````"; once != want {
		t.Errorf("disarm(%q, 1) = %q, want %q", md, once, want)
	}
	if got := DisarmLinks(md); got == once || len(datatest.LiveLinks(got)) > 0 {
		t.Errorf("DisarmLinks(%q) = %q: want it disarmed in its rounds, with nothing live", md, got)
	}
}
