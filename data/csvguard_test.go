package data_test

import (
	"encoding/csv"
	"strings"
	"testing"

	"chronoscope/data"
)

func TestCSVGuard(t *testing.T) {
	for _, c := range []struct {
		name, in string
		comma    rune
		want     string // part of the error; "" for none
		rows     int
	}{
		{"fits", "a,b\n\"x\ny\",z\n", ',', "", 2},
		{"a long cell", "a,b\n" + strings.Repeat("x", 11) + ",z\n", ',', "line 2: a cell is longer than 10 bytes", 0},
		{"a long row", "a,b\n" + strings.Repeat("xxxxxxxx,", 6) + "\n", ',', "line 2: a row is longer than 10 bytes", 0},
		{"a quoted line break counts as a line", "\"a\nb\",c\n" + strings.Repeat("x", 11) + "\n", ',', "line 3: a cell", 0},
		{"semicolons", "a;b\n" + strings.Repeat("xxxxxxxx;", 4) + "\n", ';', "", 2},
	} {
		r := csv.NewReader(data.NewCSVGuard(strings.NewReader(c.in), c.comma, 10))
		r.Comma, r.FieldsPerRecord = c.comma, -1
		rows, err := r.ReadAll()
		switch {
		case c.want == "" && (err != nil || len(rows) != c.rows):
			t.Errorf("%s: %d rows, %v; want %d rows", c.name, len(rows), err, c.rows)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: error %v, want %q", c.name, err, c.want)
		}
	}
}
