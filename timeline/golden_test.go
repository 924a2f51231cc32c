package timeline_test

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"chronoscope/timeline"
)

// zoomLevels are the three views of the golden files.
var zoomLevels = []struct {
	name     string
	from, to float64
}{
	{"story", t14(time.November, 22, 0, 0), t14(time.December, 31, 0, 0)},
	{"week", t14(time.December, 18, 12, 0), t14(time.December, 24, 0, 0)},
	{"day", t14(time.December, 22, 0, 0), t14(time.December, 23, 6, 0)},
}

func TestGolden(t *testing.T) {
	themes := []struct {
		name string
		th   func() fyne.Theme
	}{{"light", lightTheme}, {"dark", darkTheme}}
	for _, th := range themes {
		for _, z := range zoomLevels {
			for _, single := range []bool{false, true} {
				mode := "lanes"
				if single {
					mode = "single"
				}
				name := mode + "_" + z.name + "_" + th.name
				t.Run(name, func(t *testing.T) {
					test.NewTempApp(t)
					test.ApplyTheme(t, th.th())
					tl, w, _ := newFixture(t, fyne.NewSize(960, 520))
					tl.SetSingleTrack(single)
					tl.Select(5) // the FBI's claim: two lanes, linked
					tl.ShowRange(z.from, z.to)
					test.AssertRendersToImage(t, name+".png", w.Canvas())
					if th.name == "light" {
						test.AssertRendersToMarkup(t, name+".xml", w.Canvas())
					}
				})
			}
		}
	}
}

// TestGoldenInteraction shows the focus ring, a hover tooltip and a
// selection, in both themes.
func TestGoldenInteraction(t *testing.T) {
	for _, th := range []struct {
		name string
		th   func() fyne.Theme
	}{{"light", lightTheme}, {"dark", darkTheme}} {
		t.Run(th.name, func(t *testing.T) {
			test.NewTempApp(t)
			test.ApplyTheme(t, th.th())
			tl, w, _ := newFixture(t, fyne.NewSize(960, 520))
			tl.ShowRange(zoomLevels[1].from, zoomLevels[1].to)
			tl.Select(8) // disputed, in two lanes
			w.Canvas().Focus(tl)
			// Hover China's call for evidence.
			for _, o := range test.WidgetRenderer(tl).Objects() {
				if tx, ok := o.(*canvas.Text); ok && tx.Visible() && tx.Text == "Hua: China needs evidence" {
					test.MoveMouse(w.Canvas(), tx.Position().AddXY(20, 8))
					break
				}
			}
			test.AssertRendersToImage(t, "interaction_"+th.name+".png", w.Canvas())
		})
	}
}

// TestGoldenScrolledLanes shows lanes that do not fit, scrolled half way:
// nothing may show over the axis or the overview.
func TestGoldenScrolledLanes(t *testing.T) {
	test.NewTempApp(t)
	test.ApplyTheme(t, lightTheme())
	tl, w, _ := newFixture(t, fyne.NewSize(700, 260))
	tl.ShowRange(zoomLevels[1].from, zoomLevels[1].to)
	test.Drag(w.Canvas(), fyne.NewPos(400, 150), 0, -60)
	test.AssertRendersToImage(t, "lanes_scrolled_light.png", w.Canvas())
}

func TestLegendGolden(t *testing.T) {
	for _, th := range []struct {
		name string
		th   func() fyne.Theme
	}{{"light", lightTheme}, {"dark", darkTheme}} {
		t.Run(th.name, func(t *testing.T) {
			test.NewTempApp(t)
			test.ApplyTheme(t, th.th())
			l := timeline.NewLegend()
			w := test.NewTempWindow(t, l)
			w.Resize(l.MinSize().AddWidthHeight(16, 16))
			test.AssertRendersToImage(t, "legend_"+th.name+".png", w.Canvas())
		})
	}
}
