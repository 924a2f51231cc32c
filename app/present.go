package app

import (
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chronoscope/data"
	"chronoscope/timeline"
)

// cameraDuration is how long the timeline takes to glide to the next event.
const cameraDuration = 400 * time.Millisecond

// presentation is the classroom mode: the window goes full screen and
// steps through the events that pass the filters, in story order, each
// with a large card and the timeline gliding to it. Esc puts the window
// back exactly as it was.
type presentation struct {
	ui       *UI
	steps    []data.EventRow
	index    int
	contrast bool

	tl      *timeline.Timeline
	card    *fyne.Container
	counter *canvas.Text
	blank   *canvas.Rectangle
	root    *container.ThemeOverride
	theme   *presentTheme
	digits  string       // a step number being typed
	detail  *eventDetail // the current step's event, once loaded
	stopped bool
	anim    *fyne.Animation
	target  timeline.Viewport // where the camera is going
	notes   fyne.Window       // the presenter's window, when open

	// What Esc restores.
	savedContent    fyne.CanvasObject
	savedFullScreen bool
	savedSize       fyne.Size
	savedMenu       *fyne.MainMenu
	savedKey        func(*fyne.KeyEvent)
	savedRune       func(rune)
}

// storyOrder sorts events for a presentation: those with a story position
// in that order, then the others in time order.
func storyOrder(rows []data.EventRow) []data.EventRow {
	out := slices.Clone(rows)
	slices.SortStableFunc(out, func(a, b data.EventRow) int {
		switch {
		case a.Story > 0 && b.Story > 0:
			return a.Story - b.Story
		case a.Story > 0:
			return -1
		case b.Story > 0:
			return 1
		}
		if a.StartS != b.StartS {
			return int(a.StartS - b.StartS)
		}
		return int(a.ID - b.ID)
	})
	return out
}

// Present starts the presentation of the events that pass the current
// filters (from F5, the View menu or the toolbar). highContrast draws it
// white on black for washed-out projectors.
func (ui *UI) Present(highContrast bool) {
	if ui.store == nil || ui.presenting != nil || ui.timeline.data == nil {
		return
	}
	s, f := ui.store, data.Filter{Actors: ui.filters.visible()}
	ui.async(func() {
		rows, err := s.Window(f)
		fyne.Do(func() {
			if err != nil {
				ui.showError(err)
				return
			}
			if len(rows) == 0 {
				ui.showError(fmt.Errorf("there is nothing to present: no event passes the filters"))
				return
			}
			if ui.store != s || ui.presenting != nil {
				return
			}
			ui.presenting = newPresentation(ui, storyOrder(rows), highContrast)
		})
	})
}

func newPresentation(ui *UI, steps []data.EventRow, highContrast bool) *presentation {
	p := &presentation{ui: ui, steps: steps, contrast: highContrast}
	d := ui.timeline.data
	p.tl = timeline.New(d.source())
	p.tl.SetLanes(lanesFor(ui.laneActors(), ui.filters.visible()))
	p.tl.SetSingleTrack(true)
	p.tl.SetPresenting(true)
	p.tl.SetLocation(d.loc)
	p.tl.SetEras(d.eras)
	ui.timeline.mirror = p.tl
	p.card = container.NewVBox()
	p.counter = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	p.counter.TextStyle = fyne.TextStyle{Bold: true}
	p.blank = canvas.NewRectangle(color.Black)
	p.blank.Hide()

	// Clicks on the timeline advance, as a clicker would; the timeline
	// itself is only shown, never driven, while presenting.
	tlArea := container.NewStack(p.tl, newTapArea(p.next))
	body := container.NewGridWithRows(2, tlArea, container.NewPadded(container.NewVScroll(p.card)))
	corner := container.NewBorder(nil, container.NewBorder(nil, nil, nil, container.NewPadded(p.counter)), nil, nil)
	w := ui.Window
	size := w.Canvas().Size()
	p.theme = newPresentTheme(size.Height, highContrast)
	// The window paints the app theme's background; the presentation
	// paints its own, so the high-contrast theme is black edge to edge.
	bg := canvas.NewRectangle(p.theme.Color(theme.ColorNameBackground, fyne.CurrentApp().Settings().ThemeVariant()))
	p.root = container.NewThemeOverride(container.New(presentLayout{p}, bg, body, corner, p.blank), p.theme)
	p.blank.FillColor = color.Black

	p.savedContent, p.savedFullScreen, p.savedMenu = w.Content(), w.FullScreen(), w.MainMenu()
	p.savedSize = w.Canvas().Size()
	c := w.Canvas()
	p.savedKey, p.savedRune = c.OnTypedKey(), c.OnTypedRune()
	c.Unfocus()
	w.SetMainMenu(nil)
	w.SetContent(p.root)
	w.SetFullScreen(true)
	c.SetOnTypedKey(p.typedKey)
	c.SetOnTypedRune(p.typedRune)
	p.show(0)
	// With a second screen the presenter's notes open at once (to be
	// dragged there: Fyne cannot place a window on a given monitor);
	// with one screen they stay hidden from the audience until N.
	if ui.screens != nil && ui.screens() > 1 {
		p.toggleNotes()
	}
	return p
}

// typedKey steps with the keys presentation clickers and keyboards send.
func (p *presentation) typedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyRight, fyne.KeySpace, fyne.KeyPageDown, fyne.KeyDown:
		p.next()
	case fyne.KeyLeft, fyne.KeyPageUp, fyne.KeyUp, fyne.KeyBackspace:
		if p.digits != "" && ev.Name == fyne.KeyBackspace {
			p.digits = p.digits[:len(p.digits)-1]
			p.updateCounter()
			return
		}
		p.show(p.index - 1)
	case fyne.KeyHome:
		p.show(0)
	case fyne.KeyEnd:
		p.show(len(p.steps) - 1)
	case fyne.KeyReturn, fyne.KeyEnter:
		if n, err := strconv.Atoi(p.digits); err == nil && n >= 1 && n <= len(p.steps) {
			p.show(n - 1)
		}
		p.digits = ""
		p.updateCounter()
	case fyne.KeyEscape:
		if p.digits != "" {
			p.digits = ""
			p.updateCounter()
			return
		}
		p.stop()
	}
}

// typedRune takes step numbers, B or '.' to blank the screen, and N for
// the presenter's notes window.
func (p *presentation) typedRune(r rune) {
	switch {
	case r >= '0' && r <= '9':
		p.digits += string(r)
		p.updateCounter()
	case r == ' ':
		p.next()
	case r == 'b' || r == 'B' || r == '.':
		p.blank.Hidden = !p.blank.Hidden
		p.blank.Refresh()
	case r == 'n' || r == 'N':
		p.toggleNotes()
	}
}

func (p *presentation) next() { p.show(p.index + 1) }

// show moves to step i (clamped), glides the camera there and fills the card.
func (p *presentation) show(i int) {
	i = max(0, min(i, len(p.steps)-1))
	p.index = i
	ev := p.steps[i]
	p.tl.Select(ev.ID)
	p.moveCamera(i)
	p.updateCounter()
	p.detail = nil
	p.fillCard(ev, nil)
	p.updateNotes()
	s := p.ui.store
	p.ui.async(func() {
		d, err := loadDetail(s, ev.ID)
		fyne.Do(func() {
			if err == nil && p.index == i && !p.stopped {
				p.detail = d
				p.fillCard(ev, d)
				p.updateNotes()
			}
		})
	})
}

// cameraRange returns the time range that shows step i with its
// neighbours in the story, centred on the event.
func (p *presentation) cameraRange(i int) (from, to float64) {
	ev := p.steps[i]
	lo, hi := float64(ev.StartS), float64(ev.StopS)
	for _, j := range []int{i - 1, i + 1} {
		if j >= 0 && j < len(p.steps) {
			lo = math.Min(lo, float64(p.steps[j].StartS))
			hi = math.Max(hi, float64(p.steps[j].StopS))
		}
	}
	centre := (float64(ev.StartS) + float64(ev.StopS)) / 2
	half := math.Max(centre-lo, hi-centre) * 1.15
	half = math.Max(half, 3600) // at least two hours across
	return centre - half, centre + half
}

// moveCamera glides the view to step i with an eased animation: the zoom
// changes geometrically and the centre linearly, so the event stays in
// sight all the way.
func (p *presentation) moveCamera(i int) {
	from, to := p.cameraRange(i)
	start := p.tl.Viewport()
	if p.anim != nil {
		p.anim.Stop()
	}
	if start.Width <= 0 || start.PerPixel <= 0 { // not laid out yet
		p.target = timeline.Fit(from, to, p.ui.Window.Canvas().Size().Width, 0)
		p.tl.ShowRange(from, to)
		return
	}
	width := float64(start.Width)
	p.target = timeline.Fit(from, to, start.Width, 0)
	target := p.target
	c0 := start.Start + start.PerPixel*width/2
	c1 := target.Start + target.PerPixel*width/2
	l0, l1 := math.Log(start.PerPixel), math.Log(target.PerPixel)
	p.anim = fyne.NewAnimation(cameraDuration, func(f float32) {
		if f >= 1 {
			p.tl.SetViewport(target)
			return
		}
		t := float64(f)
		pp := math.Exp(l0 + (l1-l0)*t)
		centre := c0 + (c1-c0)*t
		p.tl.SetViewport(timeline.Viewport{Start: centre - pp*width/2, PerPixel: pp, Width: start.Width})
	})
	p.anim.Curve = fyne.AnimationEaseInOut
	p.anim.Start()
}

func (p *presentation) updateCounter() {
	text := fmt.Sprintf("%d / %d", p.index+1, len(p.steps))
	if p.digits != "" {
		text = "go to " + p.digits + " …"
	}
	p.counter.Text = text
	p.counter.TextSize = theme.Size(theme.SizeNameSubHeadingText) * p.theme.scale
	p.counter.Color = presentForeground(p.contrast)
	p.counter.Refresh()
}

// fillCard shows the event's title, date, certainty, actors with their
// roles, description and the citation of its first source (d may be nil
// while the detail loads).
func (p *presentation) fillCard(ev data.EventRow, d *eventDetail) {
	p.releaseCardPictures()
	p.card.RemoveAll()
	title := widget.NewLabelWithStyle(ev.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.SizeName = theme.SizeNameHeadingText
	title.Wrapping = fyne.TextWrapWord
	p.card.Add(title)
	when := ev.When()
	badge := newCertaintyBadge()
	badge.set(ev.Certainty)
	whenLabel := widget.NewLabel(when)
	whenLabel.SizeName = theme.SizeNameSubHeadingText
	p.card.Add(container.NewHBox(whenLabel, container.NewCenter(badge)))
	if d != nil {
		var roles []string
		for _, pa := range d.Event.Actors {
			r := p.ui.actorMap[pa.ActorID].Name
			if pa.Role != "" {
				r += " (" + pa.Role + ")"
			}
			roles = append(roles, r)
		}
		if len(roles) > 0 {
			l := widget.NewLabel(strings.Join(roles, " · "))
			l.Wrapping = fyne.TextWrapWord
			p.card.Add(l)
		}
		if d.Event.Description != "" {
			p.card.Add(richDescription(d.Event.Description, p.ui.openURL))
		}
		if answers := answerLines(d.Links); answers != "" {
			l := widget.NewLabelWithStyle(answers, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			l.Wrapping = fyne.TextWrapWord
			p.card.Add(l)
		}
		if len(d.Citations) > 0 {
			src := widget.NewLabelWithStyle("Source: "+citationLine(d.Citations[0]), fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
			src.Wrapping = fyne.TextWrapWord
			p.card.Add(src)
		}
	}
	p.addCardPicture(d)
	p.root.Refresh() // gives the new card widgets the presentation's theme
	p.card.Refresh() // and lays them out at their new sizes
}

// answerLines says, for the card, what the event answers ("Answers: The
// FBI blames North Korea… (responds to)") and then its other links as
// the panel reads them ("Responded to by: …", "Led to: …"), one a line,
// each link's certainty added unless confirmed.
func answerLines(links []eventLink) string {
	var answers, others []string
	for _, l := range links {
		directed, fromAnswers := l.Link.Kind.Answers()
		certainty := ""
		if l.Link.Certainty != data.Confirmed {
			certainty = string(l.Link.Certainty)
		}
		if directed && fromAnswers == l.Outgoing {
			what := string(l.Link.Kind)
			if certainty != "" {
				what += ", " + certainty
			}
			answers = append(answers, "Answers: "+l.Other.Title+" ("+what+")")
			continue
		}
		line := l.label() + ": " + l.Other.Title
		if certainty != "" {
			line += " (" + certainty + ")"
		}
		others = append(others, line)
	}
	return strings.Join(append(answers, others...), "\n")
}

// citationLine formats a citation for the card and for "Copy citation":
// Author, Publisher, “Title”, date — “quote”.
func citationLine(c citedSource) string {
	var parts []string
	for _, v := range []string{c.Source.Author, c.Source.Publisher} {
		if v != "" {
			parts = append(parts, v)
		}
	}
	parts = append(parts, "“"+c.Source.Title+"”")
	if !c.Source.Published.IsZero() {
		parts = append(parts, c.Source.Published.String())
	}
	line := strings.Join(parts, ", ")
	if c.Citation.Quote != "" {
		line += " — “" + c.Citation.Quote + "”"
	}
	return line
}

// toggleNotes opens or closes the presenter's window: the current event's
// notes and the next event.
func (p *presentation) toggleNotes() {
	if p.notes != nil {
		p.notes.Close()
		p.notes = nil
		return
	}
	p.notes = p.ui.App.NewWindow("Presenter notes — Chronoscope")
	p.notes.Resize(fyne.NewSize(520, 360))
	p.notes.SetOnClosed(func() { p.notes = nil })
	// The clicker drives the presentation whichever window has the focus.
	p.notes.Canvas().SetOnTypedKey(p.typedKey)
	p.notes.Canvas().SetOnTypedRune(p.typedRune)
	p.updateNotes()
	p.notes.Show()
	p.ui.Window.RequestFocus()
}

func (p *presentation) updateNotes() {
	if p.notes == nil {
		return
	}
	ev := p.steps[p.index]
	box := container.NewVBox(widget.NewLabelWithStyle(fmt.Sprintf("%d / %d  %s", p.index+1, len(p.steps), ev.Title), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	notes := widget.NewLabel("(no notes)")
	notes.Wrapping = fyne.TextWrapWord
	if p.detail != nil && p.detail.Event.Notes != "" {
		notes.SetText(p.detail.Event.Notes)
	}
	box.Add(notes)
	if p.index+1 < len(p.steps) {
		box.Add(widget.NewSeparator())
		box.Add(widget.NewLabel("Next: " + p.steps[p.index+1].Title))
	}
	p.notes.SetContent(container.NewPadded(container.NewVScroll(box)))
}

// stop leaves the presentation and puts the window back as it was.
func (p *presentation) stop() {
	if p.anim != nil {
		p.anim.Stop()
	}
	if p.notes != nil {
		p.notes.Close()
	}
	w := p.ui.Window
	c := w.Canvas()
	c.SetOnTypedKey(p.savedKey)
	c.SetOnTypedRune(p.savedRune)
	w.SetFullScreen(p.savedFullScreen)
	w.SetContent(p.savedContent)
	if !p.savedFullScreen {
		w.Resize(p.savedSize)
	}
	w.SetMainMenu(p.savedMenu)
	p.ui.timeline.mirror = nil
	p.ui.presenting = nil
	p.stopped = true
}

// presentLayout stacks the presentation's layers over the whole window
// and scales the type to the window's height: the window goes full screen
// only after the presentation is built, so the size it is first made for
// is the window's old one.
type presentLayout struct{ p *presentation }

// Layout implements fyne.Layout.
func (l presentLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	if s := presentScale(size.Height); size.Height > 0 && s != l.p.theme.scale {
		l.p.theme.scale = s
		fyne.Do(l.p.restyle) // after this layout: restyling lays out again
	}
	layout.NewStackLayout().Layout(objects, size)
}

// MinSize implements fyne.Layout.
func (l presentLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	return layout.NewStackLayout().MinSize(objects)
}

// restyle redraws the presentation at its theme's scale and frames the
// current step again for the new size.
func (p *presentation) restyle() {
	if p.stopped {
		return
	}
	p.root.Refresh()
	p.card.Refresh()
	p.updateCounter()
	p.tl.Select(p.steps[p.index].ID)
	p.moveCamera(p.index)
}

// tapArea is an invisible layer that turns clicks into one action.
type tapArea struct {
	widget.BaseWidget
	onTap func()
}

func newTapArea(onTap func()) *tapArea {
	t := &tapArea{onTap: onTap}
	t.ExtendBaseWidget(t)
	return t
}

// Tapped implements fyne.Tappable.
func (t *tapArea) Tapped(*fyne.PointEvent) { t.onTap() }

// CreateRenderer implements fyne.Widget.
func (t *tapArea) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

// presentScale is how much larger than usual the presentation's type is:
// it grows with the screen, 2 at 1080 pixels high (a card's title 48 px,
// its text 28 px: legible from the back of a classroom), never below its
// 720-pixel 1⅓.
func presentScale(height float32) float32 {
	return max(720.0/540, height/540)
}

func presentForeground(highContrast bool) color.Color {
	if highContrast {
		return color.White
	}
	return theme.Color(theme.ColorNameForeground)
}

// presentTheme is the current theme with larger type, or a high-contrast
// white-on-black one for projectors that wash colours out.
type presentTheme struct {
	fyne.Theme
	scale    float32
	contrast bool
}

func newPresentTheme(height float32, highContrast bool) *presentTheme {
	base := theme.Current()
	if highContrast {
		base = theme.DefaultTheme() // its dark variant, whatever the app's theme
	}
	return &presentTheme{Theme: base, scale: presentScale(height), contrast: highContrast}
}

// Size implements fyne.Theme: text sizes grow with the screen.
func (t *presentTheme) Size(n fyne.ThemeSizeName) float32 {
	s := t.Theme.Size(n)
	switch n {
	case theme.SizeNameText, theme.SizeNameHeadingText, theme.SizeNameSubHeadingText, theme.SizeNameCaptionText, theme.SizeNameInlineIcon:
		return s * t.scale
	}
	return s
}

// Color implements fyne.Theme.
func (t *presentTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if !t.contrast {
		return t.Theme.Color(n, v)
	}
	switch n {
	case theme.ColorNameBackground, theme.ColorNameInputBackground, theme.ColorNameOverlayBackground, theme.ColorNameMenuBackground:
		return color.Black
	case theme.ColorNameForeground, theme.ColorNameForegroundOnPrimary:
		return color.White
	case theme.ColorNamePrimary, theme.ColorNameFocus, theme.ColorNameHyperlink:
		return color.NRGBA{R: 0xff, G: 0xd6, B: 0x00, A: 0xff}
	case theme.ColorNameSeparator, theme.ColorNameShadow:
		return color.NRGBA{R: 0x80, G: 0x80, B: 0x80, A: 0xff}
	}
	return t.Theme.Color(n, theme.VariantDark)
}
