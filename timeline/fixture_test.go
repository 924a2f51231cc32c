package timeline_test

import (
	"image/color"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"chronoscope/timeline"
)

// Lane ids of the fixture.
const (
	usa int64 = iota + 1
	northKorea
	china
	sony
	guardians
	experts
)

// fixtureLanes are the six actors of the December 2014 story.
func fixtureLanes() []timeline.Lane {
	return []timeline.Lane{
		{ID: usa, Name: "United States", Color: color.NRGBA{0x1f, 0x4e, 0x9a, 0xff}},
		{ID: northKorea, Name: "North Korea", Color: color.NRGBA{0xc0, 0x28, 0x28, 0xff}},
		{ID: china, Name: "China", Color: color.NRGBA{0xe0, 0xa1, 0x00, 0xff}},
		{ID: sony, Name: "Sony Pictures", Color: color.NRGBA{0x2e, 0x7d, 0x32, 0xff}},
		{ID: guardians, Name: "Guardians of Peace", Color: color.NRGBA{0x30, 0x30, 0x30, 0xff}},
		{ID: experts, Name: "Commentators", Color: nil},
	}
}

// t14 returns the Unix seconds of a UTC time in late 2014.
func t14(month time.Month, day, hour, minute int) float64 {
	return float64(time.Date(2014, month, day, hour, minute, 0, 0, time.UTC).Unix())
}

// dayItem returns a point event known to the day.
func dayItem(id int64, day int, title string, c timeline.Certainty, imp int, lanes ...int64) timeline.Item {
	return timeline.Item{
		ID: id, Start: t14(time.December, day, 0, 0), Stop: t14(time.December, day+1, 0, 0),
		Title: title, When: time.Date(2014, time.December, day, 0, 0, 0, 0, time.UTC).Format("2 January 2006"),
		Lanes: lanes, Certainty: c, Importance: imp,
	}
}

// fixtureItems are 19 events of the story over December 2014, with mixed
// certainties, a month-precision event, spans and multi-actor events.
func fixtureItems() []timeline.Item {
	c, r, cl, d, dn := timeline.Confirmed, timeline.Reported, timeline.Claimed, timeline.Disputed, timeline.Denied
	items := []timeline.Item{
		{ID: 1, Start: t14(time.November, 24, 0, 0), Stop: t14(time.December, 17, 0, 0), Span: true,
			Title: "Sony breached, data leaked", When: "24 November – 16 December 2014",
			Lanes: []int64{guardians, sony}, Certainty: c, Importance: 5},
		dayItem(2, 16, "Threats against cinemas", c, 4, guardians),
		dayItem(3, 17, "Cinema chains drop The Interview", c, 3, sony),
		dayItem(4, 17, "Sony cancels the release", c, 4, sony),
		dayItem(5, 19, "FBI: North Korea is responsible", cl, 5, usa, northKorea),
		dayItem(6, 19, "Obama promises a proportional response", c, 5, usa),
		dayItem(7, 19, "Lynton: Sony did not cave", c, 2, sony),
		dayItem(8, 20, "North Korea behind the hack", d, 4, northKorea, china),
		dayItem(9, 21, "Kerry briefs Wang Yi", c, 2, usa, china),
		{ID: 10, Start: t14(time.December, 22, 16, 15), Stop: t14(time.December, 23, 1, 15), Span: true,
			Title: "North Korea offline", When: "22 December 2014, 16:15–01:15 UTC",
			Lanes: []int64{northKorea}, Certainty: c, Importance: 5},
		dayItem(11, 22, "US caused the outage", d, 3, usa, northKorea),
		dayItem(12, 22, "NSC: no new information", r, 1, usa),
		dayItem(13, 22, "Harf: some responses unseen", c, 2, usa),
		dayItem(14, 22, "Hua: China needs evidence", c, 4, china),
		dayItem(15, 22, "China involved in the outage", dn, 2, china),
		dayItem(16, 22, "China opens its own probe", r, 2, china),
		{ID: 17, Start: t14(time.December, 23, 3, 41), Stop: t14(time.December, 23, 3, 42),
			Title: "Connection collapses again", When: "23 December 2014, 03:41 UTC",
			Lanes: []int64{northKorea}, Certainty: c, Importance: 3},
		dayItem(18, 27, "NDC blames the US", c, 3, northKorea),
		{ID: 19, Start: t14(time.December, 1, 0, 0), Stop: t14(time.January, 1, 0, 0),
			Title: "Experts: China will not join", When: "December 2014",
			Lanes: []int64{experts}, Certainty: r, Importance: 2},
	}
	items[18].Stop = float64(time.Date(2015, time.January, 1, 0, 0, 0, 0, time.UTC).Unix())
	return items
}

// fixtureEras are the two eras of the story.
func fixtureEras() []timeline.Era {
	return []timeline.Era{
		{Start: t14(time.November, 24, 0, 0), Stop: t14(time.December, 19, 0, 0), Title: "The hack and the leaks", Color: color.NRGBA{0x9c, 0x27, 0xb0, 0xff}},
		{Start: t14(time.December, 19, 0, 0), Stop: float64(time.Date(2015, time.January, 1, 0, 0, 0, 0, time.UTC).Unix()), Title: "Attribution and response", Color: color.NRGBA{0x00, 0x89, 0x7b, 0xff}},
	}
}

// variantTheme is the default theme fixed to one variant, so that a test
// can show light and dark without the deprecated LightTheme/DarkTheme.
type variantTheme struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

func (v variantTheme) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return v.Theme.Color(n, v.variant)
}

func lightTheme() fyne.Theme { return variantTheme{theme.DefaultTheme(), theme.VariantLight} }
func darkTheme() fyne.Theme  { return variantTheme{theme.DefaultTheme(), theme.VariantDark} }

// newFixture returns a timeline of the fixture in an unpadded test window
// of the given size, in UTC.
func newFixture(t *testing.T, size fyne.Size) (*timeline.Timeline, fyne.Window, *timeline.MemorySource) {
	t.Helper()
	src := timeline.NewMemorySource(fixtureItems())
	tl := timeline.New(src)
	tl.SetLocation(time.UTC)
	tl.SetLanes(fixtureLanes())
	tl.SetEras(fixtureEras())
	w := test.NewTempWindow(t, tl)
	w.SetPadded(false)
	w.Resize(size)
	return tl, w, src
}
