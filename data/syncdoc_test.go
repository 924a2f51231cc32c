package data_test

import (
	"testing"

	"chronoscope/data"
)

func TestSameJSON(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		same bool
	}{
		{`{"actor":"k1","role":"attacker"}`, `{"role": "attacker", "actor": "k1"}`, true},
		{`[{"source":"s","quote":"q"}]`, `[{"quote": "q", "source": "s"}]`, true},
		{`"a \u003c b & c"`, `"a < b & c"`, true},
		{`1.50`, `1.50`, true},
		{`[1,2]`, `[2,1]`, false},
		{`{"a":1}`, `{"a":2}`, false},
		{`"x"`, `null`, false},
	} {
		if got := data.SameJSON([]byte(tt.a), []byte(tt.b)); got != tt.same {
			t.Errorf("SameJSON(%s, %s) = %v", tt.a, tt.b, got)
		}
	}
	d := data.Doc{"actors": []byte(`[{"role":"r","actor":"a"}]`)}
	if got := string(d.Canonical()["actors"]); got != `[{"actor":"a","role":"r"}]` {
		t.Errorf("Canonical = %s", got)
	}
	if diff := d.Diff(data.Doc{"actors": []byte(`[{"actor":"a","role":"r"}]`)}); len(diff) != 0 {
		t.Errorf("Diff of the same value in another key order = %v", diff)
	}
}
