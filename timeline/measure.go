package timeline

import (
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
)

// measurer estimates text widths from per-rune advances, measured once per
// rune with fyne.MeasureText: shaping every title of a frame would cost
// tens of microseconds each. The sum ignores kerning, which only narrows
// text, so estimates err on the wide side and labels never collide.
type measurer struct {
	size   float32
	style  fyne.TextStyle
	height float32
	ascii  [128]float32
	other  map[rune]float32
	cut    map[cutKey]string // shortened labels, quantised so that they recur
}

type cutKey struct {
	s string
	w int32
}

// maxMeasured bounds the runes and shortened labels a measurer keeps.
const maxMeasured = 4096

// ellipsis ends a shortened label.
const ellipsis = "…"

// newMeasurer measures text of the given size and style.
func newMeasurer(size float32, style fyne.TextStyle) *measurer {
	m := &measurer{size: size, style: style}
	for r := range m.ascii {
		m.ascii[r] = -1
	}
	m.height = fyne.MeasureText("Ag", size, style).Height
	return m
}

// advance returns the width of rune r.
func (m *measurer) advance(r rune) float32 {
	if r >= 0 && r < 128 {
		if w := m.ascii[r]; w >= 0 {
			return w
		}
		w := fyne.MeasureText(string(r), m.size, m.style).Width
		m.ascii[r] = w
		return w
	}
	if w, ok := m.other[r]; ok {
		return w
	}
	if m.other == nil || len(m.other) >= maxMeasured {
		m.other = make(map[rune]float32)
	}
	w := fyne.MeasureText(string(r), m.size, m.style).Width
	m.other[r] = w
	return w
}

// width returns the estimated width of s.
func (m *measurer) width(s string) float32 {
	w := float32(0)
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			w += m.advance(rune(c))
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		w += m.advance(r)
		i += n
	}
	return w
}

// fit returns s, or s shortened with "…" to fit maxW (rounded down to a
// multiple of 16 pixels, so that a label keeps its string while its room
// changes a little), and its width; "" when not even one letter fits.
func (m *measurer) fit(s string, maxW float32) (string, float32) {
	if w := m.width(s); w <= maxW {
		return s, w
	}
	q := int32(maxW) / 16 * 16
	key := cutKey{s, q}
	if c, ok := m.cut[key]; ok {
		return c, m.width(c)
	}
	room := float32(q) - m.width(ellipsis)
	w, end := float32(0), 0
	for i, r := range s {
		a := m.advance(r)
		if w+a > room {
			break
		}
		w += a
		end = i + utf8.RuneLen(r)
	}
	c := ""
	if head := strings.TrimRight(s[:end], " ,;:·–-"); head != "" {
		c = head + ellipsis
	}
	if m.cut == nil || len(m.cut) >= maxMeasured {
		m.cut = make(map[cutKey]string)
	}
	m.cut[key] = c
	return c, m.width(c)
}
