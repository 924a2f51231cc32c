package app

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chronoscope/data"
	"chronoscope/data/datatest"
	"chronoscope/timeline"
)

func TestStoryLinkTableTurnsLinksToTheAnsweringEvent(t *testing.T) {
	b := newLinkTableBuilder()
	b.add(data.StoryLink{ID: 1, From: 20, To: 10, Kind: data.RespondsTo, Certainty: data.Confirmed, Note: "the speech"})
	b.add(data.StoryLink{ID: 2, From: 10, To: 30, Kind: data.LedTo, Certainty: data.Claimed})
	b.add(data.StoryLink{ID: 3, From: 40, To: 50, Kind: data.SameEventAs, Certainty: data.Reported})
	b.add(data.StoryLink{ID: 4, From: 60, To: 10, Kind: data.Denies, Certainty: data.Disputed, Note: "no, it was not"})
	tab := b.table()

	got := tab.Links(nil, []int64{10, 20})
	var ids []int64
	for _, l := range got {
		ids = append(ids, l.ID)
	}
	// Link 1 has both ends asked for: it comes once.
	if !slices.Equal(ids, []int64{1, 2, 4}) {
		t.Fatalf("links of events 10 and 20: %v, want [1 2 4]", ids)
	}
	// "20 responds to 10": 20 answers, so the arrow goes to 20.
	if l := got[0]; l.From != 10 || l.To != 20 || !l.Directed || l.Kind != "responds to" || l.Note != "the speech" ||
		l.Certainty != timeline.Confirmed || l.Tone != timeline.ToneNeutral {
		t.Errorf("responds to: %+v", l)
	}
	// "10 led to 30": 30 answers.
	if l := got[1]; l.From != 10 || l.To != 30 || !l.Directed || l.Certainty != timeline.Claimed || l.Tone != timeline.ToneCause {
		t.Errorf("led to: %+v", l)
	}
	if l := got[2]; l.From != 10 || l.To != 60 || l.Tone != timeline.ToneOppose || l.Certainty != timeline.Disputed || l.Note != "no, it was not" {
		t.Errorf("denies: %+v", l)
	}
	same := tab.Links(nil, []int64{50})
	if len(same) != 1 || same[0].Directed || same[0].Certainty != timeline.Reported {
		t.Errorf("same event as: %+v", same)
	}
	if got := tab.Links(nil, []int64{99}); len(got) != 0 {
		t.Errorf("an event without links has %v", got)
	}
	var empty *storyLinkTable
	if withLinks(timeline.NewMemorySource(nil), empty) == nil {
		t.Error("a source without links was lost")
	}
	if _, ok := withLinks(timeline.NewMemorySource(nil), tab).(timeline.LinkSource); !ok {
		t.Error("a source with links does not give them to the timeline")
	}
}

// eventID returns the id of the one event whose title is title.
func eventID(t *testing.T, s *data.Store, title string) int64 {
	t.Helper()
	return datatest.EventTitled(t, s, title).ID
}

// storyLinksOf returns the story links of an event as stored.
func storyLinksOf(t *testing.T, s *data.Store, id int64) []data.StoryLink {
	t.Helper()
	var links []data.StoryLink
	if err := s.View(func(tx *data.Tx) (err error) {
		links, err = tx.EventStoryLinks(id)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return links
}

// removeAllLinks empties the default chronology's links, so that a test
// starts from events alone.
func removeAllLinks(t *testing.T, s *data.Store) {
	t.Helper()
	if err := s.Update(func(tx *data.Tx) error {
		var ids []int64
		if err := tx.StoryLinks(func(l data.StoryLink) error { ids = append(ids, l.ID); return nil }); err != nil {
			return err
		}
		for _, id := range ids {
			if err := tx.DeleteLink(id); err != nil {
				return err
			}
		}
		return nil
	}); err != nil {
		t.Fatal(err)
	}
}

// tapLink taps a hyperlink on its first line of text (a tap beside the
// text does nothing).
func tapLink(h *widget.Hyperlink) {
	test.TapAt(h, fyne.NewPos(10, min(h.Size().Height/2, 14)))
}

// chooseOther types words into the link form's other-event field and
// takes the first event offered.
func chooseOther(t *testing.T, f *linkForm, words string) {
	t.Helper()
	f.other.SetText(words)
	f.other.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if f.otherID == 0 {
		t.Fatalf("typing %q offered no event", words)
	}
}

func TestAddLinkFromThePanelAndFollowIt(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	removeAllLinks(t, ui.store)
	ui.afterEdit()
	obama := eventID(t, ui.store, "Obama promises a proportional response")
	fbi := eventID(t, ui.store, "The FBI blames North Korea's government for the hack")
	denial := eventID(t, ui.store, "North Korea denies hacking Sony")
	ui.goToEvent(obama)
	if !contains(drawn(ui.detail.Object()), "Links (0)") {
		t.Fatalf("the panel has no Links section: %q", drawn(ui.detail.Object()))
	}
	before := snapshot(t, ui.store)

	test.Tap(findButton(t, ui.detail.Object(), "Add link"))
	f := ui.linkForm
	// Nothing chosen: the form says so beside the field and stores nothing.
	f.relation.SetSelected("Responds to")
	f.keys.save()
	if !f.errs["to"].Visible() {
		t.Error("saving without the other event gave no error beside it")
	}
	chooseOther(t, f, "FBI blames")
	if f.otherID != fbi {
		t.Fatalf("the form chose event %d, want the FBI's %d", f.otherID, fbi)
	}
	f.certainty.SetSelected("confirmed")
	f.note.SetText("He answers the attribution the same day")
	f.keys.save()
	links := storyLinksOf(t, ui.store, obama)
	if len(links) != 1 || links[0].From != obama || links[0].To != fbi || links[0].Kind != data.RespondsTo ||
		links[0].Certainty != data.Confirmed || links[0].Note != "He answers the attribution the same day" {
		t.Fatalf("stored links: %+v", links)
	}
	added := snapshot(t, ui.store)

	// The panel lists it as read from this event, and it goes there.
	text := "Responds to: The FBI blames North Korea's government for the hack"
	tapLink(findHyperlink(t, ui.detail.Object(), text))
	if sel, ok := ui.timeline.tl.Selected(); !ok || sel != fbi {
		t.Fatalf("following the link selected %d, want %d", sel, fbi)
	}
	if !contains(drawn(ui.detail.Object()), "The FBI blames North Korea's government for the hack") {
		t.Error("the panel does not show the FBI's event")
	}
	findHyperlink(t, ui.detail.Object(), "Responded to by: Obama promises a proportional response")

	// From the FBI's event: North Korea's denial contradicts it (the
	// relation read from the other side makes the denial the From end).
	test.Tap(findButton(t, ui.detail.Object(), "Add link"))
	f = ui.linkForm
	f.relation.SetSelected("Contradicted by")
	chooseOther(t, f, "denies hacking")
	f.certainty.SetSelected("claimed")
	f.keys.save()
	links = storyLinksOf(t, ui.store, fbi)
	if len(links) != 2 {
		t.Fatalf("the FBI's event has %d links, want 2: %+v", len(links), links)
	}
	var contra data.StoryLink
	for _, l := range links {
		if l.Kind == data.Contradicts {
			contra = l
		}
	}
	if contra.From != denial || contra.To != fbi || contra.Certainty != data.Claimed {
		t.Errorf("contradicted by: %+v", contra)
	}

	// Undo takes the links back one by one, redo brings them back whole.
	ui.Undo()
	if got := snapshot(t, ui.store); got != added {
		t.Error("undo of the second link did not restore the state before it")
	}
	ui.Undo()
	if got := snapshot(t, ui.store); got != before {
		t.Error("undo of the first link did not restore the state before it")
	}
	ui.Redo()
	if got := snapshot(t, ui.store); got != added {
		t.Error("redo did not put the first link back as it was")
	}

	// Deleting an event deletes its links; undo brings them back exactly.
	e, _ := ui.store.Event(obama)
	cits, _ := ui.store.Citations(obama)
	links = storyLinksOf(t, ui.store, obama)
	if err := ui.applyChange(deleteEvent(e, cits, links)); err != nil {
		t.Fatal(err)
	}
	if got := storyLinksOf(t, ui.store, fbi); len(got) != 0 {
		t.Errorf("the deleted event's link is still there: %+v", got)
	}
	ui.Undo()
	if got := snapshot(t, ui.store); got != added {
		t.Error("undoing the delete did not bring the event and its link back exactly")
	}
}

func TestEditAndRemoveLink(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	removeAllLinks(t, ui.store)
	obama := eventID(t, ui.store, "Obama promises a proportional response")
	fbi := eventID(t, ui.store, "The FBI blames North Korea's government for the hack")
	sources, _ := ui.store.Sources()
	l := &data.StoryLink{From: obama, To: fbi, Kind: data.RespondsTo, Certainty: data.Reported}
	if err := ui.applyChange(addStoryLink(l)); err != nil {
		t.Fatal(err)
	}
	ui.goToEvent(fbi)
	ui.EditLink(l.ID)
	f := ui.linkForm
	// Seen from the FBI's event, the link reads from its side.
	if f.relation.Selected != "Responded to by" || f.otherID != obama {
		t.Fatalf("the form shows %q to %d", f.relation.Selected, f.otherID)
	}
	f.certainty.SetSelected("confirmed")
	f.cites[0].source.SetSelected(sources[0].Title)
	f.cites[0].quote.SetText("the words")
	f.keys.save()
	var stored data.StoryLink
	err := ui.store.View(func(tx *data.Tx) (err error) { stored, err = tx.Link(l.ID); return err })
	if err != nil {
		t.Fatal(err)
	}
	if stored.From != obama || stored.To != fbi || stored.Certainty != data.Confirmed ||
		len(stored.Citations) != 1 || stored.Citations[0].SourceID != sources[0].ID || stored.Citations[0].Quote != "the words" {
		t.Fatalf("the edit stored %+v", stored)
	}
	// The link's own view: both events, its kind and its source.
	ui.selectLink(l.ID)
	texts := drawn(ui.detail.Object())
	for _, want := range []string{"Story link", "responds to", "Sources (1)", "“the words”"} {
		if !contains(texts, want) {
			t.Errorf("the link's view lacks %q: %q", want, texts)
		}
	}
	test.Tap(findButton(t, ui.detail.Object(), "Remove"))
	if got := storyLinksOf(t, ui.store, fbi); len(got) != 0 {
		t.Errorf("Remove left %+v", got)
	}
	ui.Undo()
	if got := storyLinksOf(t, ui.store, fbi); len(got) != 1 || got[0].Citations[0].Quote != "the words" {
		t.Errorf("undo of Remove gave %+v", got)
	}
}

func TestViewLinksMenu(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	if got := ui.timeline.tl.LinksShown(); got != timeline.LinksOfSelected {
		t.Fatalf("the timeline starts with %v, want the selected event's links", got)
	}
	for _, c := range []struct {
		item string
		want timeline.LinksShown
	}{{"All in view", timeline.LinksInView}, {"None", timeline.LinksNone}, {"Of the selected event", timeline.LinksOfSelected}} {
		var item *fyne.MenuItem
		for _, it := range ui.linksMenu.Items {
			if it.Label == c.item {
				item = it
			}
		}
		if item == nil {
			t.Fatalf("View › Links has no %q", c.item)
		}
		item.Action()
		if got := ui.timeline.tl.LinksShown(); got != c.want {
			t.Errorf("%q: the timeline shows %v", c.item, got)
		}
		for _, it := range ui.linksMenu.Items {
			if it.Checked != (it.Label == c.item) {
				t.Errorf("after %q, %q is ticked: %v", c.item, it.Label, it.Checked)
			}
		}
	}
}

func TestPresentationCardSaysWhatAnEventAnswers(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	removeAllLinks(t, ui.store)
	obama := eventID(t, ui.store, "Obama promises a proportional response")
	fbi := eventID(t, ui.store, "The FBI blames North Korea's government for the hack")
	denial := eventID(t, ui.store, "North Korea denies hacking Sony")
	for _, l := range []*data.StoryLink{
		{From: obama, To: fbi, Kind: data.RespondsTo, Certainty: data.Confirmed},
		{From: denial, To: fbi, Kind: data.Contradicts, Certainty: data.Claimed},
	} {
		if err := ui.applyChange(addStoryLink(l)); err != nil {
			t.Fatal(err)
		}
	}
	ui.Present(false)
	p := ui.presenting
	if p == nil {
		t.Fatal("the presentation did not start")
	}
	showStep(t, p, obama)
	if texts := drawn(p.card); !contains(texts, "Answers: The FBI blames North Korea's government for the hack (responds to)") {
		t.Errorf("Obama's card: %q", texts)
	}
	showStep(t, p, fbi)
	texts := drawn(p.card)
	for _, want := range []string{"Responded to by: Obama promises a proportional response",
		"Contradicted by: North Korea denies hacking Sony (claimed)"} {
		if !contains(texts, want) {
			t.Errorf("the FBI's card lacks %q: %q", want, texts)
		}
	}
	// The live axis draws the step's links.
	if got := p.tl.DrawnLinks(); len(got) != 2 {
		t.Errorf("the presentation's timeline draws %d links at the FBI's step, want 2", len(got))
	}
}

// segmentThrough reports whether the segment a-b passes through r (by
// half-pixel steps: arcs are short segments at any angle).
func segmentThrough(a, b fyne.Position, r timeline.Rect) bool {
	n := int(max(abs32(b.X-a.X), abs32(b.Y-a.Y))*2) + 1
	for i := 0; i <= n; i++ {
		f := float32(i) / float32(n)
		x, y := a.X+(b.X-a.X)*f, a.Y+(b.Y-a.Y)*f
		if x > r.X0+0.5 && x < r.X1-0.5 && y > r.Y0+0.5 && y < r.Y1-0.5 {
			return true
		}
	}
	return false
}

func abs32(v float32) float32 {
	if v < 0 {
		return -v
	}
	return v
}

// TestDefaultChronologyArcsClearOfTitles draws the default chronology's
// story links in the window at 1600×1000 and 1280×800, all in view and
// each event's in turn: no arc crosses a title unless it is drawn faded
// there, no title at an edge hides one, and the chronology stays legible.
func TestDefaultChronologyArcsClearOfTitles(t *testing.T) {
	for _, size := range []fyne.Size{{Width: 1600, Height: 1000}, {Width: 1280, Height: 800}} {
		ui, _ := newTestUI(t, datatest.DefaultFile(t))
		ui.Window.Resize(size)
		tl := ui.timeline.tl
		if n := ui.timeline.data.links.len(); n < 10 {
			t.Fatalf("the default chronology has %d story links, want its threads (at least 10)", n)
		}
		check := func(what string) {
			t.Helper()
			drawn := tl.Drawn()
			for _, l := range tl.DrawnLinks() {
				for s := range len(l.Points) - 1 {
					if l.Faded[s] {
						continue
					}
					for _, d := range drawn {
						if d.Label != (timeline.Rect{}) && segmentThrough(l.Points[s], l.Points[s+1], d.Label) {
							t.Errorf("%v %s: link %d crosses the title %q", size, what, l.ID, d.Text)
						}
					}
				}
				for _, d := range drawn {
					if l.Edge != "" && d.Label != (timeline.Rect{}) && overlap(l.EdgeBox, d.Label) {
						t.Errorf("%v %s: the edge title %q of link %d hides %q", size, what, l.Edge, l.ID, d.Text)
					}
				}
			}
			for _, f := range legibility(tl, 18) {
				t.Errorf("%v %s: %s", size, what, f)
			}
		}
		tl.SetLinksShown(timeline.LinksInView)
		tl.FitAll()
		tl.Refresh()
		if n := len(tl.DrawnLinks()); n < 10 {
			t.Errorf("%v: %d arcs drawn with all links in view, want at least 10", size, n)
		}
		t.Logf("%v: %d arcs, %d faded segments", size, len(tl.DrawnLinks()), fadedCount(tl))
		check("all in view")
		tl.SetLinksShown(timeline.LinksOfSelected)
		rows, _ := ui.store.Window(data.Filter{})
		for _, r := range rows {
			tl.Select(r.ID)
			tl.FitAll()
			tl.Refresh()
			if r.Links > 0 && len(tl.DrawnLinks()) == 0 {
				t.Errorf("%v: %q has %d links and none is drawn when it is selected", size, r.Title, r.Links)
			}
			check(fmt.Sprintf("%q selected", r.Title))
		}
	}
}

func fadedCount(tl *timeline.Timeline) int {
	n := 0
	for _, l := range tl.DrawnLinks() {
		for _, f := range l.Faded {
			if f {
				n++
			}
		}
	}
	return n
}

// TestTimelineJSExportSaysLinksAreLeftOut: TimelineJS has no links, so
// its exports say how many story links they leave out, in the window and
// on the command line; other formats say nothing.
func TestTimelineJSExportSaysLinksAreLeftOut(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	var total int
	ui.store.View(func(tx *data.Tx) (err error) { total, err = tx.LinkCount(); return err })
	if total == 0 {
		t.Fatal("the default chronology has no links")
	}
	out := t.TempDir() + "/sony.json"
	ui.exportTo("timelinejs", out, data.Filter{})
	top := ui.Window.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("the TimelineJS export said nothing of the links it left out")
	}
	want := fmt.Sprintf("the %d story links of these events are not in the file", total)
	if !contains(drawn(top), want) {
		t.Errorf("the export's message: %q, want %q", drawn(top), want)
	}
	ui.Window.Canvas().Overlays().Remove(top)
	ui.exportTo("markdown", t.TempDir()+"/sony.md", data.Filter{})
	if top := ui.Window.Canvas().Overlays().Top(); top != nil {
		t.Errorf("the Markdown export (which carries links) showed %q", drawn(top))
	}
	// Only China's events: the links with an end among them.
	china := actorID(t, ui, "China")
	var some int
	ui.store.View(func(tx *data.Tx) error {
		rows, err := tx.Window(data.Filter{Actors: []int64{china}})
		ids := map[int64]bool{}
		for _, r := range rows {
			ids[r.ID] = true
		}
		return errors.Join(err, tx.StoryLinks(func(l data.StoryLink) error {
			if ids[l.From] || ids[l.To] {
				some++
			}
			return nil
		}))
	})
	path := ui.store.Path()
	_, stderr, status := run("export", path, "--format", "timelinejs", "--actor", "China", "-o", t.TempDir()+"/china.json")
	if status != 0 || !strings.Contains(stderr, fmt.Sprintf("note: TimelineJS has no links between events: the %d story links of these events are not in the file.", some)) {
		t.Errorf("status %d, stderr %q (want the %d links with an end among China's events)", status, stderr, some)
	}
	if some == 0 || some == total {
		t.Errorf("China's events have %d of %d links: the filter is not exercised", some, total)
	}
}

// TestImportSaysHowManyLinks: a Chronoscope JSON file carries its story
// links, and the import says how many came in, on the command line and in
// the window's summary.
func TestImportSaysHowManyLinks(t *testing.T) {
	dir := t.TempDir()
	src := datatest.DefaultFile(t)
	var total int
	s, err := data.OpenReadOnly(src)
	if err != nil {
		t.Fatal(err)
	}
	s.View(func(tx *data.Tx) (err error) { total, err = tx.LinkCount(); return err })
	s.Close()
	js := dir + "/sony.json"
	if _, errs, status := run("export", src, "--format", "json", "-o", js); status != 0 {
		t.Fatalf("export: %s", errs)
	}
	_, errs, status := run("import", js, "--into", dir+"/copy.chrono")
	if want := fmt.Sprintf("%d story links, 0 pictures into", total); status != 0 || !strings.Contains(errs, want) {
		t.Errorf("import said %q, want %q", errs, want)
	}
	r := importResult{ImportStats: data.ImportStats{Events: 18, Actors: 10, Sources: 8, Links: total}}
	if got, want := r.summary(js), fmt.Sprintf("18 events, 10 actors, 8 sources, %d story links and 0 pictures from sony.json.", total); got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
	r.Links = 0
	if got, want := r.summary(js), "18 events, 10 actors and 8 sources from sony.json."; got != want {
		t.Errorf("summary %q, want %q", got, want)
	}
}

// TestPublicExportsSayUncreditedPicturesAreLeftOut: the offline page and
// TimelineJS leave out the pictures in the file that say nobody made them,
// and say so.
func TestPublicExportsSayUncreditedPicturesAreLeftOut(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	obama := eventID(t, ui.store, "Obama promises a proportional response")
	f, err := data.DecodeImageFile("p.png", pngOf(t, 8, 6), "")
	if err != nil {
		t.Fatal(err)
	}
	if err := ui.store.Update(func(tx *data.Tx) error {
		return tx.AddImage(&data.Image{EventID: obama, Caption: "At the press conference"}, f)
	}); err != nil {
		t.Fatal(err)
	}
	for _, format := range []string{"html", "timelinejs", "markdown"} {
		note, err := exportNote(ui.store, format, data.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		want := "1 picture without a credit was left out"
		if got := strings.Contains(note, want); got != (format != "markdown") {
			t.Errorf("%s: note %q (want %q: %v)", format, note, want, format != "markdown")
		}
	}
}
