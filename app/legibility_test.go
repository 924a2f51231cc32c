package app

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"chronoscope/data/datatest"
	"chronoscope/timeline"
)

// readable reports whether a drawn title can be read: whole, or shortened
// with at least minReadable characters before its "…".
func readable(d timeline.Drawn) bool {
	const minReadable = 16
	if d.Text == d.Title {
		return d.Text != ""
	}
	kept := strings.TrimSuffix(d.Text, "…")
	return kept != d.Text && strings.HasPrefix(d.Title, kept) && utf8.RuneCountInString(kept) >= minReadable
}

// overlap reports whether two rectangles share pixels.
func overlap(a, b timeline.Rect) bool {
	return a.X0 < b.X1 && b.X0 < a.X1 && a.Y0 < b.Y1 && b.Y0 < a.Y1
}

// crosses reports whether the line a-b passes through r.
func crosses(a, b fyne.Position, r timeline.Rect) bool {
	// Lines are horizontal or vertical here (dashes, strikes): clip.
	x0, x1 := min(a.X, b.X), max(a.X, b.X)
	y0, y1 := min(a.Y, b.Y), max(a.Y, b.Y)
	return x0 < r.X1 && r.X0 < x1+0.01 && y0 < r.Y1 && r.Y0 < y1+0.01
}

// legibility checks the frame the timeline drew: every event of want
// titled readably and on screen, no badge, no two titles overlapping, no
// title over another copy's shape and no stroke through a title.
func legibility(tl *timeline.Timeline, want int) []string {
	var faults []string
	drawn := tl.Drawn()
	top, bottom, _ := tl.LaneArea()
	titled := map[int64]bool{}
	for _, d := range drawn {
		if d.Mark || d.Text == "" {
			continue
		}
		if !readable(d) {
			faults = append(faults, fmt.Sprintf("%q drawn as %q", d.Title, d.Text))
			continue
		}
		if d.Label.Y0 < top || d.Label.Y1 > bottom {
			faults = append(faults, fmt.Sprintf("%q is out of the lane area", d.Title))
			continue
		}
		titled[d.ID] = true
	}
	if len(titled) != want {
		faults = append(faults, fmt.Sprintf("%d of %d events titled", len(titled), want))
	}
	if st := tl.Stats(); st.Badges != 0 || st.Hidden != 0 {
		faults = append(faults, fmt.Sprintf("%d badges hide %d copies", st.Badges, st.Hidden))
	}
	for i, a := range drawn {
		for j, b := range drawn {
			if i == j {
				continue
			}
			if a.Text != "" && b.Text != "" && i < j && overlap(a.Label, b.Label) {
				faults = append(faults, fmt.Sprintf("titles %q and %q overlap", a.Text, b.Text))
			}
			if a.Text != "" && overlap(a.Label, b.Shape) {
				faults = append(faults, fmt.Sprintf("title %q lies over the shape of %q", a.Text, b.Title))
			}
			for _, s := range b.Strokes {
				if a.Text != "" && crosses(s[0], s[1], a.Label) {
					faults = append(faults, fmt.Sprintf("a stroke of %q crosses the title %q", b.Title, a.Text))
					break
				}
			}
		}
	}
	return faults
}

// TestDefaultChronologyLegible opens the default chronology in the whole
// window at the default size and at 1600×1000, fits it, and checks from
// the timeline's layout that every one of its 18 events has a readable
// title on screen, with no badge, no overlap and no stroke through text,
// in lanes and on one track, light and dark.
func TestDefaultChronologyLegible(t *testing.T) {
	for _, size := range []fyne.Size{{Width: 1280, Height: 800}, {Width: 1600, Height: 1000}} {
		for _, v := range []fyne.ThemeVariant{theme.VariantLight, theme.VariantDark} {
			for _, single := range []bool{false, true} {
				name := fmt.Sprintf("%gx%g/variant%d/single=%v", size.Width, size.Height, v, single)
				t.Run(name, func(t *testing.T) {
					ui, _ := newTestUI(t, datatest.DefaultFile(t))
					test.ApplyTheme(t, variantTheme{theme.DefaultTheme(), v})
					ui.Window.Resize(size)
					tl := ui.timeline.tl
					tl.SetSingleTrack(single)
					tl.FitAll()
					tl.Refresh()
					for _, f := range legibility(tl, 18) {
						t.Error(f)
					}
				})
			}
		}
	}
}
