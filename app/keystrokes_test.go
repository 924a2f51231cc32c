package app

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

// keystrokeLink is the article both entries cite; it is pasted, as a
// reporter copies it from the browser.
const keystrokeLink = "https://www.cnn.com/2014/12/21/politics/obama-north-korea-sony-hack"

// TestKeystrokesForAnEvent enters the same event twice with keys only,
// counting them (a character is one, a shortcut is one): a date with a
// time zone, two actors with roles (CNN new), a tag and a cited source
// with its quote. First in the New event form, then as one quick-add
// line. The figures are in the README.
func TestKeystrokesForAnEvent(t *testing.T) {
	check := func(t *testing.T, ui *UI, title string) {
		t.Helper()
		e := datatest.EventTitled(t, ui.store, title)
		obama, _ := actorNamed(ui.actors, "Barack Obama")
		cnn, ok := actorNamed(ui.actors, "CNN")
		if !ok {
			t.Fatal("CNN was not made")
		}
		want := []data.Participant{{ActorID: obama.ID, Role: "speaker"}, {ActorID: cnn.ID, Role: "host"}}
		if e.Start != data.MinuteDate(2014, 12, 21, 9, 0) || e.Zone != "America/New_York" ||
			!slices.Equal(e.Actors, want) || !slices.Equal(e.Tags, []string{"response"}) {
			t.Errorf("stored %+v", e)
		}
		cits, _ := ui.store.Citations(e.ID)
		if len(cits) != 1 || cits[0].Quote != "an act of cyber vandalism" {
			t.Fatalf("citations %+v", cits)
		}
		src, _ := ui.store.Source(cits[0].SourceID)
		if src.URL != keystrokeLink || src.Publisher != "cnn.com" || src.Title == "" {
			t.Errorf("source %+v", src)
		}
		if id, ok := ui.timeline.tl.Selected(); !ok || id != e.ID {
			t.Error("the new event is not selected")
		}
	}

	t.Run("form", func(t *testing.T) {
		ui, _ := newTestUI(t, datatest.DefaultFile(t))
		fyne.CurrentApp().Clipboard().SetContent(keystrokeLink)
		kb := &keyboard{t: t, w: ui.Window}
		kb.shortcut(fyne.KeyE, 0) // New event, the cursor in the title
		kb.typeText("Obama: cyber vandalism")
		kb.key(fyne.KeyTab) // the start, selected
		kb.typeText("2014-12-21 09:00 America/New_York")
		kb.key(fyne.KeyTab) // the actors (the lead has none to choose yet)
		kb.typeText("oba")
		kb.key(fyne.KeyReturn) // Barack Obama; the cursor in his role
		kb.typeText("spea")
		kb.key(fyne.KeyReturn) // speaker
		kb.key(fyne.KeyTab)    // the next actor
		kb.typeText("CNN")
		kb.key(fyne.KeyReturn) // Create actor "CNN"
		kb.typeText("host")
		kb.key(fyne.KeyTab) // the next actor
		kb.key(fyne.KeyTab) // the tags
		kb.typeText("resp")
		kb.key(fyne.KeyReturn)    // response
		kb.key(fyne.KeyTab)       // the source
		kb.shortcut(fyne.KeyV, 0) // the link; the cursor in the new source's title
		kb.key(fyne.KeyTab)       // its title stays cnn.com; the quote
		kb.typeText("an act of cyber vandalism")
		kb.shortcut(fyne.KeyReturn, 0) // Ctrl+Enter saves from the quote
		if ui.Window.Canvas().Overlays().Top() != nil {
			t.Fatalf("the form is still open: %v", drawn(ui.Window.Canvas().Overlays().Top()))
		}
		check(t, ui, "Obama: cyber vandalism")
		t.Logf("the New event form: %d keystrokes", kb.strokes)
		if kb.strokes >= 120 {
			t.Errorf("%d keystrokes in the form, want under 120", kb.strokes)
		}
	})

	t.Run("quick add", func(t *testing.T) {
		ui, _ := newTestUI(t, datatest.DefaultFile(t))
		fyne.CurrentApp().Clipboard().SetContent(keystrokeLink)
		kb := &keyboard{t: t, w: ui.Window}
		kb.shortcut(fyne.KeyE, fyne.KeyModifierShift)
		kb.typeText(`2014-12-21 09:00 America/New_York Obama: cyber vandalism @"Barack Obama":speaker @CNN:host #response `)
		kb.shortcut(fyne.KeyV, 0)
		kb.typeText(` "an act of cyber vandalism"`)
		kb.key(fyne.KeyReturn)
		check(t, ui, "Obama: cyber vandalism")
		t.Logf("quick add: %d keystrokes", kb.strokes)
	})
}
