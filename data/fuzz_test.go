package data_test

import (
	"bytes"
	"testing"

	"chronoscope/assets"
	"chronoscope/data"
	"chronoscope/data/datatest"
)

// FuzzParseDate: ParseDate never panics, and a date it accepts is valid
// and reads back the same from its String.
func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2014", "Dec 2014", "December 2014", "2014-12", "2014-12-22", "22 Dec 2014",
		"2014-12-22 16:15", "2014-12-22T16:15:05", "2014-12-22T16:15:05Z", "2014-12-22 16:15 UTC",
		"2014-12-22 16:15 Asia/Pyongyang", "500 BCE", "500 BC", "-500", "44 BCE-03-15", "-13800000000",
		"2014-12-22 16h", "2000-02-29", "1900-02-29", "0", "9999999999999999999999", "sept 2001",
		"1 B.C.", "12 AD", "2014-12-22 16:15 Nowhere/City", "  ", "2014-13-01", "31 Feb 2014", "2014-12-22 24:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, _, err := data.ParseDate(s)
		if err != nil {
			return
		}
		if err := d.Validate(); err != nil {
			t.Fatalf("ParseDate(%q) = %+v, which does not validate: %v", s, d, err)
		}
		back, zone, err := data.ParseDate(d.String())
		if err != nil {
			t.Fatalf("ParseDate(%q) = %+v; its String %q does not parse: %v", s, d, d.String(), err)
		}
		if back != d || zone != "" {
			t.Fatalf("ParseDate(%q) = %+v; String %q reads back as %+v, zone %q", s, d, d.String(), back, zone)
		}
	})
}

// FuzzReadJSON: ReadJSON never panics on any input; what it accepts is
// committed, what it refuses leaves nothing (the Update rolls back).
func FuzzReadJSON(f *testing.F) {
	f.Add(assets.DefaultChronology)
	for _, s := range []string{
		`{}`, `[]`, `null`, `{"events": []}`, `{"events": [{}]}`,
		`{"title": "T", "events": [{"title": "E", "start": "2014-12-22", "certainty": "confirmed", "importance": 3}]}`,
		`{"events": [{"title": "E", "start": "2014-13-40"}]}`,
		`{"events": [{"title": "E", "start": "2014", "actors": [{"actor": "a99"}]}]}`,
		`{"actors": [{"id": "a1", "name": "A", "kind": "state", "color": "#ff0000"}], "events": [{"title": "E", "start": "2014", "certainty": "confirmed", "importance": 3, "actors": [{"actor": "a1"}]}]}`,
		`{"sources": [{"id": "s1", "title": "S", "url": "javascript:alert(1)"}]}`,
		`{"events": [`, "\xff\xfe", `{"events": [{"title": "` + "\x00" + `"}]}`,
		// story links, good and bad
		`{"sources": [{"key": "s1", "title": "S"}], "events": [{"key": "a", "title": "A", "start": "2014", "certainty": "confirmed", "importance": 3},
			{"key": "b", "title": "B", "start": "2014-12", "certainty": "claimed", "importance": 2}],
			"links": [{"from": "b", "to": "a", "kind": "responds to", "certainty": "claimed", "note": "n", "citations": [{"source": "s1", "quote": "q"}]},
			{"from": "a", "to": "b", "kind": "same event as", "certainty": "disputed"}]}`,
		`{"events": [{"key": "a", "title": "A", "start": "2014", "certainty": "confirmed", "importance": 3}], "links": [{"from": "a", "to": "a", "kind": "led to", "certainty": "reported"}]}`,
		`{"events": [{"key": "a", "title": "A", "start": "2014", "certainty": "confirmed", "importance": 3}, {"key": "a"}], "links": [{"from": "a", "to": "z", "kind": "", "certainty": ""}]}`,
		`{"links": [{"from": 1, "to": null, "kind": ["led to"], "citations": {}}]}`,
	} {
		f.Add([]byte(s))
		if len(s) > 1 && s[0] == '{' && s[1] != '}' {
			// the same with the header a Chronoscope document needs
			f.Add([]byte(`{"format": "chronoscope", "version": 1, ` + s[1:]))
		}
	}
	s := datatest.NewStore(f)
	f.Fuzz(func(t *testing.T, in []byte) {
		before, err := s.Count(data.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		linksBefore, err := s.LinkCount()
		if err != nil {
			t.Fatal(err)
		}
		err = s.Update(func(tx *data.Tx) error {
			_, err := data.ReadJSON(tx, bytes.NewReader(in), "fuzz.json")
			return err
		})
		after, cerr := s.Count(data.Filter{})
		if cerr != nil {
			t.Fatal(cerr)
		}
		if err != nil && after != before {
			t.Fatalf("ReadJSON failed (%v) but the event count went from %d to %d", err, before, after)
		}
		if linksAfter, err2 := s.LinkCount(); err2 != nil || (err != nil && linksAfter != linksBefore) {
			t.Fatalf("ReadJSON failed (%v) but the link count went from %d to %d (%v)", err, linksBefore, linksAfter, err2)
		}
	})
}

// TestParseDateNonASCIIBeforeEra is what FuzzParseDate found: ParseDate
// looked for " BC"/" BCE" in strings.ToUpper(s) and sliced s at that
// index, but ToUpper changes the length of some text ("ȿ" is 2 bytes, "Ȿ"
// 3; an invalid byte becomes the 3-byte U+FFFD), so "ȿ BC" panicked.
func TestParseDateNonASCIIBeforeEra(t *testing.T) {
	for _, s := range []string{"ȿ BC", "\xe0 BC", "ȿȿȿȿ BCE-03-15"} {
		func() {
			defer func() {
				if r := recover(); r != nil {
					t.Errorf("ParseDate(%q) panics: %v", s, r)
				}
			}()
			data.ParseDate(s)
		}()
	}
}
