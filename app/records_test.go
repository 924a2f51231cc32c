package app

import (
	"os/exec"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

// storeState is everything an actor's or source's delete and its undo
// could disturb (see datatest.State), and the whole file as Chronoscope
// JSON.
type storeState struct {
	datatest.State
	JSON string
}

func readStoreState(t *testing.T, s *data.Store) storeState {
	t.Helper()
	return storeState{State: datatest.ReadState(t, s), JSON: snapshot(t, s)}
}

// sameState reports, field by field, how got differs from want.
func sameState(t *testing.T, what string, got, want storeState) {
	t.Helper()
	for _, field := range datatest.Differences(got.State, want.State) {
		t.Errorf("%s: %s differ", what, field)
	}
	if got.JSON != want.JSON {
		t.Errorf("%s: the files differ", what)
	}
}

// top is the dialog on top of the window.
func top(t *testing.T, ui *UI) fyne.CanvasObject {
	t.Helper()
	o := ui.Window.Canvas().Overlays().Top()
	if o == nil {
		t.Fatal("no dialog is open")
	}
	return o
}

// tapButton taps the button labelled text in the dialog on top.
func tapButton(t *testing.T, ui *UI, text string) {
	t.Helper()
	b := find(t, top(t, ui), func(b *widget.Button) bool { return b.Text == text })
	if b.Disabled() {
		t.Fatalf("the %q button is disabled", text)
	}
	test.Tap(b)
}

// entry returns the entry with the placeholder in the dialog on top.
func entry(t *testing.T, ui *UI, placeholder string) *keyEntry {
	t.Helper()
	return find(t, top(t, ui), func(e *keyEntry) bool { return e.PlaceHolder == placeholder })
}

// retype replaces an entry's text as a user does: clear it, then type.
func retype(e *keyEntry, text string) {
	e.SetText("")
	test.Type(e, text)
}

// fieldError returns the error label of the form field holding w: the
// label right under it, in the same form row (the innermost such pair, not
// the form with its general error label).
func fieldError(t *testing.T, ui *UI, w fyne.CanvasObject) *widget.Label {
	t.Helper()
	l, _ := fieldRow(t, ui, w)
	return l
}

// fieldRow returns the error label of the field holding w, and the field
// (w, or w with what goes with it, such as the colour palette).
func fieldRow(t *testing.T, ui *UI, w fyne.CanvasObject) (*widget.Label, fyne.CanvasObject) {
	t.Helper()
	var label *widget.Label
	var field fyne.CanvasObject
	walk(top(t, ui), func(o fyne.CanvasObject) {
		c, ok := o.(*fyne.Container)
		if !ok || len(c.Objects) != 2 {
			return
		}
		l, ok := c.Objects[1].(*widget.Label)
		if !ok || l.Importance != widget.DangerImportance {
			return
		}
		holds := false
		walk(c.Objects[0], func(o fyne.CanvasObject) { holds = holds || o == w })
		if holds {
			label, field = l, c.Objects[0]
		}
	})
	if label == nil {
		t.Fatal("the field has no error label")
	}
	return label, field
}

// wantFieldError checks that the field holding w shows an error containing
// msg, drawn just under the field.
func wantFieldError(t *testing.T, ui *UI, w fyne.CanvasObject, msg string) {
	t.Helper()
	l, field := fieldRow(t, ui, w)
	if !l.Visible() || !contains([]string{l.Text}, msg) {
		t.Errorf("field error = %q (shown: %v), want %q", l.Text, l.Visible(), msg)
		return
	}
	if !contains(drawn(top(t, ui)), msg) {
		t.Errorf("the error %q is not drawn", msg)
	}
	settle(top(t, ui))
	d := fyne.CurrentApp().Driver()
	fieldPos, labelPos := d.AbsolutePositionForObject(field), d.AbsolutePositionForObject(l)
	if below := labelPos.Y - (fieldPos.Y + field.Size().Height); below < 0 || below > 2*theme.Padding() {
		t.Errorf("the error is drawn %v below the field, want just under it", below)
	}
	if labelPos.X != fieldPos.X || d.AbsolutePositionForObject(w).X < fieldPos.X {
		t.Errorf("the error starts at x=%v, the field at x=%v", labelPos.X, fieldPos.X)
	}
}

// rowIndex is the row of the records window listing id.
func rowIndex(t *testing.T, w *recordsWindow, id int64) int {
	t.Helper()
	for i, r := range w.rows {
		if r.id == id {
			return i
		}
	}
	t.Fatalf("record %d is not listed", id)
	return -1
}

// readOnlyFile is the default chronology in a file no one may write,
// root included.
func readOnlyFile(t *testing.T) string {
	t.Helper()
	path := datatest.DefaultFile(t)
	if out, err := exec.Command("chattr", "+i", path).CombinedOutput(); err != nil {
		t.Fatalf("chattr +i: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("chattr", "-i", path).Run() })
	return path
}

// has reports whether a visible T under obj matches.
func has[T fyne.CanvasObject](obj fyne.CanvasObject, match func(T) bool) bool {
	found := false
	walk(obj, func(o fyne.CanvasObject) {
		if v, ok := o.(T); ok && match(v) {
			found = true
		}
	})
	return found
}

// settle lays obj out again from the top down, as the desktop driver does
// on its next frame when showing or hiding an object changed min sizes
// (Fyne's test canvas does not).
func settle(obj fyne.CanvasObject) {
	walk(obj, func(o fyne.CanvasObject) {
		switch v := o.(type) {
		case *fyne.Container:
			if v.Layout != nil {
				v.Layout.Layout(v.Objects, v.Size())
			}
		case fyne.Widget:
			test.WidgetRenderer(v).Layout(v.Size())
		}
	})
}
