package timelinejs

import (
	"fmt"
	"io"
	"sort"
	"unicode/utf8"
)

// guard checks a JSON stream as the decoder reads it, before anything is
// buffered whole: the text must be UTF-8, objects and arrays may nest at
// most maxDepth deep, and no string or number may exceed MaxField bytes.
// It also remembers where recent lines start, so a byte offset reported by
// the decoder becomes a line and column without keeping the file.
type guard struct {
	r      io.Reader
	off    int64   // bytes handed to the decoder so far
	bom    int64   // length of a byte-order mark skipped before offset 0
	nl     []int64 // offsets of the newlines not yet forgotten, ascending
	lines  int     // newlines forgotten
	lastNL int64   // offset of the last newline forgotten, -1 for none
	depth  int
	inStr  bool
	esc    bool
	scalar int // bytes of the current string or literal
	carry  [utf8.UTFMax]byte
	ncarry int // bytes of an incomplete UTF-8 sequence
	err    *guardError
}

// guardError is a problem the guard found at a byte offset.
type guardError struct {
	off int64
	msg string
}

func (e *guardError) Error() string { return fmt.Sprintf("at byte %d: %s", e.off, e.msg) }

func newGuard(r io.Reader, bom int64) *guard { return &guard{r: r, bom: bom, lastNL: -1} }

func (g *guard) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	n, err := g.r.Read(p)
	if i := g.scan(p[:n]); i >= 0 {
		g.off += int64(i)
		return i, g.err
	}
	g.off += int64(n)
	if err == io.EOF && g.ncarry > 0 {
		g.err = &guardError{off: g.off - int64(g.ncarry), msg: "the text is not valid UTF-8 (it ends inside a character)"}
		return n, g.err
	}
	return n, err
}

// scan checks p, which follows g.off; it returns the index of the first
// byte at fault (and sets g.err), or -1.
func (g *guard) scan(p []byte) int {
	for i, c := range p {
		if g.ncarry > 0 || c >= utf8.RuneSelf {
			g.carry[g.ncarry] = c
			g.ncarry++
			if !utf8.FullRune(g.carry[:g.ncarry]) {
				continue
			}
			r, size := utf8.DecodeRune(g.carry[:g.ncarry])
			start := int64(i) - int64(g.ncarry) + 1
			g.ncarry = 0
			if r == utf8.RuneError && size <= 1 {
				g.err = &guardError{off: g.off + start, msg: "the text is not valid UTF-8"}
				return max(0, int(start))
			}
			if g.scalar += size; g.scalar > MaxField {
				return g.tooLong(i)
			}
			continue
		}
		if c == '\n' {
			g.nl = append(g.nl, g.off+int64(i))
		}
		if g.inStr {
			switch {
			case g.esc:
				g.esc = false
			case c == '\\':
				g.esc = true
			case c == '"':
				g.inStr = false
				g.scalar = 0
				continue
			}
			if g.scalar++; g.scalar > MaxField {
				return g.tooLong(i)
			}
			continue
		}
		switch c {
		case '"':
			g.inStr, g.scalar = true, 0
		case '{', '[':
			if g.depth++; g.depth > maxDepth {
				g.err = &guardError{off: g.off + int64(i), msg: fmt.Sprintf("objects and arrays nest deeper than %d levels", maxDepth)}
				return i
			}
		case '}', ']':
			if g.depth > 0 {
				g.depth--
			}
			g.scalar = 0
		case ',', ':', ' ', '\t', '\r', '\n':
			g.scalar = 0
		default:
			if g.scalar++; g.scalar > MaxField {
				return g.tooLong(i)
			}
		}
	}
	return -1
}

func (g *guard) tooLong(i int) int {
	g.err = &guardError{off: g.off + int64(i), msg: fmt.Sprintf("a value is longer than %d bytes", MaxField)}
	return i
}

// forget drops what is known of lines that end before off: the decoder
// has consumed them and will report nothing before off again.
func (g *guard) forget(off int64) {
	k := sort.Search(len(g.nl), func(i int) bool { return g.nl[i] >= off })
	if k == 0 {
		return
	}
	g.lines += k
	g.lastNL = g.nl[k-1]
	g.nl = g.nl[k:]
}

// position returns "line L, column C" (columns in bytes, from 1) of a byte
// offset at or after the last forget.
func (g *guard) position(off int64) string {
	k := sort.Search(len(g.nl), func(i int) bool { return g.nl[i] >= off })
	line := 1 + g.lines + k
	start := g.lastNL + 1
	if k > 0 {
		start = g.nl[k-1] + 1
	}
	col := off - start + 1
	if col < 1 {
		col = 1
	}
	if line == 1 {
		col += g.bom
	}
	return fmt.Sprintf("line %d, column %d", line, col)
}
