package app

import (
	"testing"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

// A cited video says what it is above its link; the web pages the event
// cited before say nothing.
func TestDetailSourceSaysWhatMediaItIs(t *testing.T) {
	ui, _ := newTestUI(t, datatest.DefaultFile(t))
	rows, _ := ui.store.Window(data.Filter{Text: "sufficient evidence"})
	id := rows[0].ID
	ui.selectEvent(id)
	if contains(drawn(ui.detail.Object()), "Video (YouTube)") {
		t.Fatal("the event's web pages are labelled as a video")
	}
	err := ui.store.Update(func(tx *data.Tx) error {
		src := data.Source{Title: "Press briefing", URL: "https://www.youtube.com/watch?v=abc123"}
		if err := tx.CreateSource(&src); err != nil {
			return err
		}
		return tx.CreateCitation(&data.Citation{EventID: id, SourceID: src.ID})
	})
	if err != nil {
		t.Fatal(err)
	}
	ui.selectEvent(id)
	got := drawn(ui.detail.Object())
	if !contains(got, "Video (YouTube)") || !contains(got, "Press briefing") {
		t.Errorf("the detail panel does not label the video: %q", got)
	}
}
