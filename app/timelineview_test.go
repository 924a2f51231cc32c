package app

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"chronoscope/data"
	"chronoscope/data/datatest"
	"chronoscope/timeline"
)

// variantTheme is the default theme fixed to one variant.
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (v variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return v.Theme.Color(n, v.variant)
}

// defaultTimeline shows the default chronology on a timeline in a test
// window of the given size.
func defaultTimeline(t *testing.T, size fyne.Size) (*timeline.Timeline, fyne.Window) {
	t.Helper()
	s, err := data.OpenReadOnly(datatest.DefaultFile(t))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, _ := s.Chronology()
	actors, _ := s.Actors()
	n, _ := s.Count(data.Filter{})
	d, err := loadTimeline(s, c, n, data.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	v := newTimelineView(nil, func(work func()) { go work() })
	v.show(d, lanesFor(actors, nil), false)
	w := test.NewTempWindow(t, v.tl)
	w.SetPadded(false)
	w.Resize(size)
	return v.tl, w
}

func day(m, d, h int) float64 {
	return float64(data.Date{Year: 2014, Month: m, Day: d, Hour: h, Precision: data.PrecisionHour}.Instant(nil))
}

// TestDefaultChronologyGolden renders the default chronology at three
// zoom levels (the whole story, the week of the attribution, the day of
// the outage), in lanes and on one track, light and dark.
func TestDefaultChronologyGolden(t *testing.T) {
	zooms := []struct {
		name     string
		from, to float64
	}{
		{"story", day(11, 20, 0), day(12, 31, 0)},
		{"week", day(12, 18, 0), day(12, 24, 0)},
		{"outage", day(12, 22, 12), day(12, 23, 6)},
	}
	for _, variant := range []struct {
		name string
		v    fyne.ThemeVariant
	}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}} {
		for _, z := range zooms {
			for _, single := range []bool{false, true} {
				name := "default_" + z.name + "_lanes_" + variant.name
				if single {
					name = "default_" + z.name + "_single_" + variant.name
				}
				t.Run(name, func(t *testing.T) {
					test.NewTempApp(t)
					test.ApplyTheme(t, variantTheme{theme.DefaultTheme(), variant.v})
					tl, w := defaultTimeline(t, fyne.NewSize(1000, 600))
					tl.SetSingleTrack(single)
					tl.ShowRange(z.from, z.to)
					test.AssertRendersToImage(t, name+".png", w.Canvas())
					if variant.name == "light" {
						test.AssertRendersToMarkup(t, name+".xml", w.Canvas())
					}
				})
			}
		}
	}
}

// TestDefaultChronologyOnTheTimeline checks what the timeline holds of the
// default chronology: every event, in its actors' lanes, with the honest
// span of its date.
func TestDefaultChronologyOnTheTimeline(t *testing.T) {
	test.NewTempApp(t)
	s, _ := data.OpenReadOnly(datatest.DefaultFile(t))
	defer s.Close()
	c, _ := s.Chronology()
	d, err := loadTimeline(s, c, 18, data.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	from, to, ok := d.src.Bounds()
	if !ok || from != day(11, 24, 0) || to != day(12, 31, 0)+86400*1 {
		t.Errorf("bounds = %v..%v, want 24 Nov to the end of December", from, to)
	}
	items, total := d.src.Items(nil, from, to, nil, 100)
	if total != 18 || len(items) != 18 {
		t.Fatalf("%d items (total %d), want 18", len(items), total)
	}
	for _, it := range items {
		switch it.Title {
		case "North Korea denies hacking Sony":
			// Known to the month: it spans December, not the 1st at midnight.
			if it.Start != day(12, 1, 0) || it.Stop != day(12, 31, 0)+86400 || it.Span || it.Certainty != timeline.Denied {
				t.Errorf("denial item = %+v", it)
			}
		case "North Korea drops off the internet":
			if it.When != "2014-12-22 16:15 – 2014-12-23 01h UTC" || !it.Span || len(it.Lanes) != 1 {
				t.Errorf("outage item = %+v", it)
			}
		case "The FBI blames North Korea's government for the hack":
			if it.Certainty != timeline.Claimed || len(it.Lanes) != 3 {
				t.Errorf("FBI item = %+v", it)
			}
		}
	}
}
