package timeline_test

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestDragMovesTheSelectedEvent drags the selected event: it is drawn
// where it would go while the drag lasts, OnMoved gets the shift at the
// end and the view does not pan; dragging an event that is not selected,
// or empty space, pans as before; Escape cancels a move.
func TestDragMovesTheSelectedEvent(t *testing.T) {
	test.NewTempApp(t)
	tl, w, _ := newFixture(t, fixtureSize)
	tl.ShowRange(t14(time.December, 18, 0, 0), t14(time.December, 24, 0, 0))
	type move struct {
		id int64
		by float64
	}
	var moves []move
	tl.OnMoved = func(id int64, by float64) { moves = append(moves, move{id, by}) }
	var moving []float64
	tl.OnMoving = func(id int64, by float64) { moving = append(moving, by) }

	label := func(title string) fyne.Position {
		t.Helper()
		texts := drawnTexts(tl, func(s string) bool { return strings.HasPrefix(title, strings.TrimSuffix(s, "…")) && len(s) > 4 })
		if len(texts) == 0 {
			t.Fatalf("%q is not drawn", title)
		}
		return centre(texts[0])
	}
	const title = "Hua: China needs evidence"
	at := label(title)

	// Not selected: the drag pans.
	before := tl.Viewport()
	test.Drag(w.Canvas(), at, 50, 0)
	if len(moves) != 0 || tl.Viewport().Start == before.Start {
		t.Fatalf("dragging an unselected event: moves %v, view %v → %v", moves, before.Start, tl.Viewport().Start)
	}

	tl.Select(14)
	at = label(title)
	vp := tl.Viewport()
	// Step by step, as the pointer moves: the label follows.
	tl.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: at.AddXY(40, 0)}, Dragged: fyne.Delta{DX: 40}})
	tl.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: at.AddXY(100, 0)}, Dragged: fyne.Delta{DX: 60}})
	if by, ok := tl.Moving(); !ok || !near(by, 100*vp.PerPixel, 1e-6) {
		t.Fatalf("Moving() = %v, %v; want 100 px of time", by, ok)
	}
	if now := label(title); !near(float64(now.X-at.X), 100, 1.5) {
		t.Errorf("while dragged the label moved %v px, want 100", now.X-at.X)
	}
	tl.DragEnd()
	if tl.Viewport() != vp {
		t.Error("moving an event panned the view")
	}
	if len(moves) != 1 || moves[0].id != 14 || !near(moves[0].by, 100*vp.PerPixel, 1e-6) {
		t.Fatalf("moves = %v, want event 14 by 100 px of time", moves)
	}
	if _, ok := tl.Moving(); ok {
		t.Error("still moving after the drag ended")
	}
	if len(moving) != 3 || !near(moving[0], 40*vp.PerPixel, 1e-6) || !near(moving[1], 100*vp.PerPixel, 1e-6) || moving[2] != 0 {
		t.Errorf("OnMoving saw %v, want 40 px, 100 px, then 0", moving)
	}
	if now := label(title); !near(float64(now.X), float64(at.X), 1.5) {
		t.Error("the event stayed shifted after the drag (the source did not change)")
	}

	// Escape cancels.
	tl.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: at.AddXY(-30, 0)}, Dragged: fyne.Delta{DX: -30}})
	tl.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	tl.DragEnd()
	if len(moves) != 1 {
		t.Errorf("a cancelled move was reported: %v", moves)
	}
	if _, ok := tl.Selected(); !ok {
		t.Error("Escape during a move cleared the selection")
	}

	// Empty space pans, even with a selection.
	before = tl.Viewport()
	test.Drag(w.Canvas(), fyne.NewPos(fixtureSize.Width-20, 140), -50, 0)
	if len(moves) != 1 || tl.Viewport().Start == before.Start {
		t.Errorf("dragging empty space: moves %v, view %v → %v", moves, before.Start, tl.Viewport().Start)
	}
}
