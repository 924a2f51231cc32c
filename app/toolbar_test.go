package app

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"chronoscope/data/datatest"
)

// TestToolbarAndViewShortcuts drives the toolbar and the View and Edit
// menus' actions: zoom in and out around the middle, fit all, one track,
// the tabs, undo and redo of an edit, and Find putting the cursor in the
// search box with its text selected.
func TestToolbarAndViewShortcuts(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	var bar *widget.Toolbar
	walk(ui.Window.Content(), func(o fyne.CanvasObject) {
		if tb, ok := o.(*widget.Toolbar); ok {
			bar = tb
		}
	})
	if bar == nil || len(bar.Items) != 9 {
		t.Fatalf("toolbar = %v", bar)
	}
	action := func(i int) *widget.ToolbarAction { return bar.Items[i].(*widget.ToolbarAction) }

	ui.tabs.SelectIndex(1)
	before := ui.timeline.tl.Viewport()
	action(4).OnActivated() // zoom in
	after := ui.timeline.tl.Viewport()
	if ui.tabs.SelectedIndex() != 0 || after.PerPixel != before.PerPixel/2 {
		t.Errorf("zoom in: tab %d, %v s/px from %v", ui.tabs.SelectedIndex(), after.PerPixel, before.PerPixel)
	}
	if m0, m1 := before.Start+before.PerPixel*float64(before.Width)/2, after.Start+after.PerPixel*float64(after.Width)/2; m0-m1 > before.PerPixel || m1-m0 > before.PerPixel {
		t.Errorf("zoom moved the middle from %v to %v", m0, m1)
	}
	action(5).OnActivated() // zoom out
	if got := ui.timeline.tl.Viewport().PerPixel; got != before.PerPixel {
		t.Errorf("zoom out: %v s/px, want %v", got, before.PerPixel)
	}
	ui.timeline.tl.ZoomBy(16)
	action(6).OnActivated() // fit all
	if got := ui.timeline.tl.Viewport(); got.PerPixel != before.PerPixel || got.Start != before.Start {
		t.Errorf("fit all: %+v, want %+v", got, before)
	}

	// Undo and redo of a move.
	original := snapshot(t, ui.store)
	kerry := datatest.EventTitled(t, ui.store, "Kerry briefs China's foreign minister by phone")
	ui.MoveEvent(kerry.ID, 86400)
	moved := snapshot(t, ui.store)
	action(1).OnActivated()
	if snapshot(t, ui.store) != original {
		t.Error("the toolbar's undo did not take the move back")
	}
	action(2).OnActivated()
	if snapshot(t, ui.store) != moved {
		t.Error("the toolbar's redo did not move it again")
	}

	// Menus: One track, the List tab, Find.
	items := map[string]*fyne.MenuItem{}
	for _, m := range ui.Window.MainMenu().Items {
		for _, it := range m.Items {
			items[it.Label] = it
		}
	}
	for _, label := range []string{"Zoom in", "Zoom out", "Fit all", "One track", "Timeline", "List", "Find…", "Import…", "Export…"} {
		if items[label] == nil || items[label].Shortcut == nil {
			t.Errorf("menu item %q has no shortcut", label)
		}
	}
	items["One track"].Action()
	if !ui.timeline.tl.SingleTrack() || !ui.timeline.single.Checked {
		t.Error("View › One track did not switch to one track")
	}
	items["List"].Action()
	if ui.tabs.SelectedIndex() != 1 {
		t.Error("View › List did not show the list")
	}
	test.Type(ui.search, "outage")
	ui.Window.Canvas().Unfocus()
	items["Find…"].Action()
	if ui.Window.Canvas().Focused() != ui.search || ui.search.SelectedText() != "outage" {
		t.Errorf("Find: focused %v, selected %q", ui.Window.Canvas().Focused(), ui.search.SelectedText())
	}
}

// TestTabOrder: Tab goes first to the search box, then into the timeline,
// and only later to the sidebar's filters.
func TestTabOrder(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	c := ui.Window.Canvas()
	c.Unfocus()
	c.FocusNext()
	if c.Focused() != fyne.Focusable(ui.quick.entry) {
		t.Fatalf("the first Tab goes to %T, want the quick-add line", c.Focused())
	}
	c.FocusNext()
	if c.Focused() != ui.search {
		t.Fatalf("the second Tab goes to %T, want the search box beside it", c.Focused())
	}
	var order []fyne.Focusable
	for range 40 {
		c.FocusNext()
		order = append(order, c.Focused())
	}
	timelineAt, sidebarAt := -1, -1
	for i, f := range order {
		if f == fyne.Focusable(ui.timeline.tl) && timelineAt < 0 {
			timelineAt = i
		}
		for _, check := range ui.filters.checks {
			if f == fyne.Focusable(check) && sidebarAt < 0 {
				sidebarAt = i
			}
		}
	}
	if timelineAt < 0 || sidebarAt < 0 || timelineAt > sidebarAt {
		t.Errorf("Tab reaches the timeline at %d and the first actor at %d; want the timeline first", timelineAt, sidebarAt)
	}
}
