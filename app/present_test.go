package app

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

func key(ui *UI, name fyne.KeyName) {
	ui.Window.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: name})
}

func typeRunes(ui *UI, s string) {
	for _, r := range s {
		ui.Window.Canvas().OnTypedRune()(r)
	}
}

// showStep shows the presentation's step of event id.
func showStep(t *testing.T, p *presentation, id int64) {
	t.Helper()
	for i, s := range p.steps {
		if s.ID == id {
			p.show(i)
			return
		}
	}
	t.Fatalf("event %d is not a step", id)
}

// startPresentation opens the default chronology and presents it.
func startPresentation(t *testing.T, size fyne.Size, highContrast bool) (*UI, *presentation) {
	t.Helper()
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	ui.Window.Resize(size)
	ui.Present(highContrast)
	if ui.presenting == nil {
		t.Fatal("the presentation did not start")
	}
	return ui, ui.presenting
}

func TestPresentationStepsWithTheKeys(t *testing.T) {
	ui, p := startPresentation(t, fyne.NewSize(1280, 720), false)
	if got, want := len(p.steps), 18; got != want {
		t.Fatalf("%d steps, want %d", got, want)
	}
	// The default chronology's story order starts with the breach.
	if got, want := p.steps[0].Title, "Hackers breach Sony Pictures"; got != want {
		t.Errorf("first step = %q, want %q", got, want)
	}
	check := func(step int, title, counter string) {
		t.Helper()
		if p.index != step {
			t.Errorf("at step %d, want %d", p.index, step)
		}
		if got := p.steps[p.index].Title; got != title {
			t.Errorf("step shows %q, want %q", got, title)
		}
		if p.counter.Text != counter {
			t.Errorf("counter = %q, want %q", p.counter.Text, counter)
		}
		if !contains(drawn(p.card), title) {
			t.Errorf("the card does not show %q", title)
		}
		if id, ok := p.tl.Selected(); !ok || id != p.steps[p.index].ID {
			t.Errorf("the timeline does not select the step's event")
		}
	}
	check(0, "Hackers breach Sony Pictures", "1 / 18")
	for _, k := range []fyne.KeyName{fyne.KeyRight, fyne.KeySpace, fyne.KeyPageDown} {
		key(ui, k)
	}
	check(3, "Obama promises a proportional response", "4 / 18")
	key(ui, fyne.KeyDown)
	check(4, "Sony's chief executive says the studio did not cave", "5 / 18")
	for _, k := range []fyne.KeyName{fyne.KeyLeft, fyne.KeyPageUp, fyne.KeyUp} {
		key(ui, k)
	}
	check(1, "Threats against cinemas; Sony cancels the release of The Interview", "2 / 18")
	key(ui, fyne.KeyBackspace)
	check(0, "Hackers breach Sony Pictures", "1 / 18")
	key(ui, fyne.KeyLeft) // stays at the first step
	check(0, "Hackers breach Sony Pictures", "1 / 18")
	key(ui, fyne.KeyEnd)
	check(17, "\"China not Eager to Help US Punish North Korea\" is published", "18 / 18")
	key(ui, fyne.KeyRight) // stays at the last step
	check(17, "\"China not Eager to Help US Punish North Korea\" is published", "18 / 18")
	key(ui, fyne.KeyHome)
	check(0, "Hackers breach Sony Pictures", "1 / 18")
	// Typing a number and Enter jumps there.
	typeRunes(ui, "11")
	if p.counter.Text != "go to 11 …" {
		t.Errorf("counter while typing = %q", p.counter.Text)
	}
	key(ui, fyne.KeyReturn)
	check(10, "China says it needs evidence before drawing conclusions", "11 / 18")
	typeRunes(ui, "99")
	key(ui, fyne.KeyReturn) // out of range: stays
	check(10, "China says it needs evidence before drawing conclusions", "11 / 18")
	// The card shows actors with roles and the first source's citation.
	card := drawn(p.card)
	for _, want := range []string{"China (sceptic)", "reported", "Source: China Daily USA"} {
		if !contains(card, want) {
			t.Errorf("the card does not show %q: %q", want, card)
		}
	}
	// B and '.' blank and unblank the screen.
	typeRunes(ui, "b")
	if !p.blank.Visible() {
		t.Error("B did not blank the screen")
	}
	typeRunes(ui, ".")
	if p.blank.Visible() {
		t.Error("'.' did not bring the screen back")
	}
}

func TestPresentationCameraShowsTheEventAndItsNeighbours(t *testing.T) {
	ui, p := startPresentation(t, fyne.NewSize(1280, 720), false)
	for i := range p.steps {
		p.show(i)
		vp := p.target
		for _, j := range []int{i - 1, i, i + 1} {
			if j < 0 || j >= len(p.steps) {
				continue
			}
			ev := p.steps[j]
			if float64(ev.StartS) < vp.Start || float64(ev.StopS) > vp.End() {
				t.Errorf("step %d (%q): the view %v..%v does not contain step %d (%q)", i, p.steps[i].Title, vp.Start, vp.End(), j, ev.Title)
			}
		}
		// The test driver runs animations to their end at once.
		if got := p.tl.Viewport(); got.Start != vp.Start || got.PerPixel != vp.PerPixel {
			t.Errorf("step %d: the camera is at %+v, want %+v", i, got, vp)
		}
	}
	_ = ui
}

func TestPresentationEscRestoresTheWindow(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	content := ui.Window.Content()
	menu := ui.Window.MainMenu()
	before := ui.timeline.tl.Viewport()
	status := ui.filters.status.Text
	ui.Present(false)
	if ui.Window.Content() == content || !ui.Window.FullScreen() {
		t.Fatal("the presentation did not take the window")
	}
	key(ui, fyne.KeyRight)
	key(ui, fyne.KeyEscape)
	if ui.presenting != nil {
		t.Fatal("Esc did not end the presentation")
	}
	if ui.Window.Content() != content || ui.Window.FullScreen() || ui.Window.MainMenu() != menu {
		t.Error("the window's content, menu or size was not restored")
	}
	if got := ui.timeline.tl.Viewport(); got != before {
		t.Errorf("the timeline's view changed: %+v, want %+v", got, before)
	}
	if ui.filters.status.Text != status {
		t.Errorf("filters changed: %q, want %q", ui.filters.status.Text, status)
	}
	// F5 presents again.
	key(ui, fyne.KeyF5)
	if ui.presenting == nil {
		t.Error("F5 did not start the presentation")
	}
}

func TestPresentationSkipsHiddenActors(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	if err := ui.filters.only([]string{"china"}); err != nil {
		t.Fatal(err)
	}
	ui.Present(false)
	p := ui.presenting
	if got, want := len(p.steps), 6; got != want {
		t.Fatalf("%d steps with only China shown, want %d", got, want)
	}
	for _, s := range p.steps {
		found := false
		for _, a := range s.Actors {
			found = found || ui.actorMap[a].Name == "China"
		}
		if !found {
			t.Errorf("step %q does not involve China", s.Title)
		}
	}
	if err := ui.filters.only([]string{"Atlantis"}); err == nil {
		t.Error("an unknown actor name was accepted")
	}
}

func TestPresentUsage(t *testing.T) {
	if got := RunGUI([]string{"present"}); got != exitUsage {
		t.Errorf("present without a file: status %d, want %d", got, exitUsage)
	}
	if got := RunGUI([]string{"present", "a.chrono", "--colour"}); got != exitUsage {
		t.Errorf("present with an unknown flag: status %d, want %d", got, exitUsage)
	}
}

// TestPresentationCardIsLegible shows a step with a long title on a
// projector and on a laptop, the window resized as going full screen does
// after the presentation starts: the title is at least 48 px at 1080 pixels
// high and the text 28 px (in proportion at 720), and the title wraps
// within the screen rather than being cut.
func TestPresentationCardIsLegible(t *testing.T) {
	long := "The FBI blames North Korea's government for the hack, citing malware that shares code and " +
		"infrastructure with earlier attacks attributed to Pyongyang, and promises a response"
	for _, size := range []fyne.Size{fyne.NewSize(1920, 1080), fyne.NewSize(1280, 720)} {
		t.Run(fmt.Sprintf("%vx%v", size.Width, size.Height), func(t *testing.T) {
			ui, _ := newTestUI(t, datatest.DefaultFile(t))
			rows, _ := ui.store.Window(data.Filter{Text: "FBI blames"})
			e, _ := ui.store.Event(rows[0].ID)
			e.Title = long
			if err := ui.store.Update(func(tx *data.Tx) error { return tx.UpdateEvent(e) }); err != nil {
				t.Fatal(err)
			}
			ui.Present(false)
			// Going full screen resizes the window once the presentation
			// is built, and its type follows.
			ui.Window.Resize(size)
			p := ui.presenting
			if !p.tl.Presenting() {
				t.Error("the presentation's timeline is not in presentation form")
			}
			for i, s := range p.steps {
				if s.ID == e.ID {
					p.show(i)
				}
			}

			var title []string
			var body float32
			walk(p.card, func(o fyne.CanvasObject) {
				tx, ok := o.(*canvas.Text)
				if !ok || tx.Text == "" {
					return
				}
				if strings.HasPrefix(tx.Text, "The FBI says") {
					body = tx.TextSize
				}
				if tx == p.counter && tx.TextSize < 36*size.Height/1080-0.5 {
					t.Errorf("the counter is %.1f px", tx.TextSize)
				}
				if !tx.TextStyle.Bold || !strings.Contains(long, strings.TrimSpace(tx.Text)) {
					return
				}
				title = append(title, strings.TrimSpace(tx.Text))
				if min := 48 * size.Height / 1080; tx.TextSize < min-0.5 {
					t.Errorf("title line %q is %.1f px, want at least %.1f", tx.Text, tx.TextSize, min)
				}
				pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(tx)
				if right := pos.X + tx.MinSize().Width; right > size.Width {
					t.Errorf("title line %q ends at x = %.0f, past the screen's %.0f", tx.Text, right, size.Width)
				}
			})
			if len(title) < 2 || strings.Join(title, " ") != long {
				t.Errorf("the title is drawn as %q, want %q wrapped over lines", title, long)
			}
			if min := 28 * size.Height / 1080; body < min-0.5 {
				t.Errorf("the description is %.1f px, want at least %.1f", body, min)
			}
		})
	}
}

// TestPresentationGolden renders a presentation frame (the FBI's claim) at
// projector and laptop sizes, in the normal and the high-contrast theme.
func TestPresentationGolden(t *testing.T) {
	for _, tc := range []struct {
		name     string
		size     fyne.Size
		contrast bool
	}{
		{"present_1920x1080_light", fyne.NewSize(1920, 1080), false},
		{"present_1280x720_light", fyne.NewSize(1280, 720), false},
		{"present_1920x1080_contrast", fyne.NewSize(1920, 1080), true},
		{"present_1280x720_contrast", fyne.NewSize(1280, 720), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ui, _ := newTestUI(t, datatest.DefaultFile(t))
			test.ApplyTheme(t, variantTheme{theme.DefaultTheme(), theme.VariantLight})
			ui.Window.Resize(tc.size)
			ui.Present(tc.contrast)
			key(ui, fyne.KeyRight)
			key(ui, fyne.KeyRight) // the FBI's claim
			test.AssertRendersToImage(t, tc.name+".png", ui.Window.Canvas())
		})
	}
}

func TestStoryOrderIsEditedInTheList(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	ui.tabs.SelectIndex(1)
	l := ui.list
	order := find(t, l.Object(), func(g *widget.RadioGroup) bool { return true })
	order.SetSelected("Story order")
	if !l.byStory {
		t.Fatal("the list is not in story order")
	}
	title := func(i int) string {
		r, _ := l.row(i)
		return r.Title
	}
	if got, want := title(3), "Obama promises a proportional response"; got != want {
		t.Fatalf("story step 4 = %q, want %q", got, want)
	}
	if !l.earlier.Disabled() || !l.later.Disabled() {
		t.Error("the story buttons are enabled with nothing selected")
	}
	l.list.Select(3)
	test.Tap(l.later)
	if got, want := title(4), "Obama promises a proportional response"; got != want {
		t.Errorf("after moving later, story step 5 = %q, want %q", got, want)
	}
	if got, want := title(3), "Sony's chief executive says the studio did not cave"; got != want {
		t.Errorf("after moving later, story step 4 = %q, want %q", got, want)
	}
	if l.selected != 4 {
		t.Errorf("selection at %d, want it to follow the event to 4", l.selected)
	}
	// The presentation follows the new order, and it is stored in the file.
	ui.Present(false)
	if got := ui.presenting.steps[4].Title; got != "Obama promises a proportional response" {
		t.Errorf("presentation step 5 = %q", got)
	}
}

func TestPresenterNotesOpenOnASecondScreen(t *testing.T) {
	for _, tc := range []struct {
		screens int
		open    bool
	}{{1, false}, {2, true}} {
		ui, _ := newTestUI(t, datatest.DefaultFile(t))
		ui.screens = func() int { return tc.screens }
		ui.Present(false)
		p := ui.presenting
		if got := p.notes != nil; got != tc.open {
			t.Errorf("%d screens: notes window open = %v, want %v", tc.screens, got, tc.open)
		}
		if p.notes == nil {
			typeRunes(ui, "n") // the presenter asks for them
		}
		texts := drawn(p.notes.Content())
		if !contains(texts, "Start here: the breach itself is not in dispute") || !contains(texts, "Next: Threats against cinemas") {
			t.Errorf("%d screens: the notes window shows %q", tc.screens, texts)
		}
		key(ui, fyne.KeyEscape)
		if p.notes != nil {
			t.Errorf("%d screens: the notes window stayed open after Esc", tc.screens)
		}
	}
}

func TestTheNotesWindowDrivesThePresentation(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	ui.Present(false)
	p := ui.presenting
	typeRunes(ui, "n")
	p.notes.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyPageDown})
	if p.index != 1 {
		t.Errorf("Page Down in the notes window: step %d, want 1", p.index)
	}
	if !contains(drawn(p.notes.Content()), "2 / 18") {
		t.Errorf("the notes window does not follow the step")
	}
	p.notes.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if ui.presenting != nil {
		t.Error("Esc in the notes window did not end the presentation")
	}
}
