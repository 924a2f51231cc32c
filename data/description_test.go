package data_test

import (
	"bytes"
	"encoding/json"
	"testing"

	"chronoscope/data"
	"chronoscope/data/datatest"
)

// TestStoreKeepsDescriptionLinks records a decision: the store does not
// refuse a description for the links in it (a file from the wild must
// still open, and the text stays as its author wrote it), and Chronoscope
// JSON, the file's own interchange form, carries it as written. Every
// place a description is shown or exported for reading disarms it.
func TestStoreKeepsDescriptionLinks(t *testing.T) {
	s := datatest.NewStore(t)
	md := datatest.HostileMarkdown(datatest.HostileURLs)
	e := data.Event{Title: "x", Description: md, Start: data.YearDate(2014), Certainty: data.Reported, Importance: 3}
	err := s.Update(func(tx *data.Tx) error {
		if err := tx.SetChronology(data.Chronology{Title: "x", Description: md}); err != nil {
			return err
		}
		return tx.CreateEvent(&e)
	})
	if err != nil {
		t.Fatalf("the store refused a description with links: %v", err)
	}
	got, err := s.Event(e.ID)
	if err != nil || got.Description != md {
		t.Fatalf("the description did not come back as written (%v)", err)
	}
	var b bytes.Buffer
	if err := s.View(func(tx *data.Tx) error { return data.WriteJSON(tx, &b) }); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Chronology struct{ Description string }
		Events     []struct{ Description string }
	}
	if err := json.Unmarshal(b.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Chronology.Description != md || len(doc.Events) != 1 || doc.Events[0].Description != md {
		t.Error("Chronoscope JSON does not carry the descriptions as written")
	}
}
