package data

import (
	"fmt"
	"io"
)

// CSVGuard reads a CSV file for encoding/csv while bounding what that
// buffers: one cell may not exceed maxField bytes nor one row four times
// that, whatever the quoting. A file over the bounds fails with an error
// naming the line, before the reader holds it all.
type CSVGuard struct {
	r            io.Reader
	comma        byte
	maxField     int
	line         int // current line, from 1
	cell, record int // bytes of the current cell and row
	quoted       bool
	err          error
}

// NewCSVGuard guards r, whose cells are separated by comma (an ASCII
// character), at maxField bytes a cell.
func NewCSVGuard(r io.Reader, comma rune, maxField int) *CSVGuard {
	return &CSVGuard{r: r, comma: byte(comma), maxField: maxField, line: 1}
}

// Read implements io.Reader.
func (g *CSVGuard) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	n, err := g.r.Read(p)
	for i, c := range p[:n] {
		switch {
		case c == '"':
			g.quoted = !g.quoted
		case c == '\n':
			g.line++
			if !g.quoted {
				g.cell, g.record = 0, 0
				continue
			}
		case c == g.comma && !g.quoted:
			g.cell = 0
		}
		g.cell++
		g.record++
		if g.cell > g.maxField || g.record > 4*g.maxField {
			what := "a cell"
			if g.cell <= g.maxField {
				what = "a row"
			}
			g.err = fmt.Errorf("line %d: %s is longer than %d bytes", g.line, what, g.maxField)
			return i, g.err
		}
	}
	return n, err
}
