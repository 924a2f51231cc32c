package timelinejs_test

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"chronoscope/data"
	"chronoscope/data/datatest"
	"chronoscope/data/timelinejs"
)

// errRollback ends a fuzz iteration's transaction so the store stays empty.
var errRollback = errors.New("rollback")

// addFixtures seeds a fuzz corpus with the interop fixtures when present.
func addFixtures(f *testing.F, pattern string) {
	names, _ := filepath.Glob(filepath.Join(fixtureDir, pattern))
	for _, n := range names {
		if b, err := os.ReadFile(n); err == nil {
			f.Add(b)
		}
	}
}

// fuzzImport imports in into a transaction that is always rolled back;
// whatever imports must export and import again with the same count.
// Failures are reported after Update returns: t.Fatal inside it would
// leave the transaction open and the next iteration waiting for it.
func fuzzImport(t *testing.T, s *data.Store, in []byte, imp, reimp importFunc, export func(*data.Tx, *bytes.Buffer) error) {
	var failure error
	err := s.Update(func(tx *data.Tx) error {
		stats, err := imp(tx, in, "fuzz")
		if err != nil {
			return errRollback
		}
		var out bytes.Buffer
		if err := export(tx, &out); err != nil {
			failure = fmt.Errorf("export of an imported file: %w", err)
			return errRollback
		}
		again, err := reimp(tx, out.Bytes(), "exported")
		switch {
		case err != nil:
			failure = fmt.Errorf("import of our own export: %w\n%s", err, out.Bytes())
		case again.Events != stats.Events:
			failure = fmt.Errorf("re-import of the export has %d events, the import had %d", again.Events, stats.Events)
		}
		return errRollback
	})
	if !errors.Is(err, errRollback) {
		t.Fatalf("update: %v", err)
	}
	if failure != nil {
		t.Fatal(failure)
	}
}

func FuzzImportTimelineJSON(f *testing.F) {
	for _, seed := range []string{
		`{"events": [{"start_date": {"year": 1815, "month": "12", "day": 10}, "text": {"headline": "Ada", "text": "<p>Hi <b>there</b></p>"}}]}`,
		`{"title": {"text": {"headline": "T"}}, "events": [], "eras": [{"start_date": {"year": 1}, "end_date": {"year": 2}}]}`,
		`{"events": [{"start_date": {"year": -13800000000}, "group": "g", "unique_id": "u", "media": {"url": "https://x.org", "caption": "<i>c</i>"}}]}`,
		`{"events": [{"start_date": {"year": 2000, "month": 2, "day": 30}}]}`,
		`{"events": [{"start_date": {"year": {}}}]}`,
		`{"events": [`,
		`[[[[[[[[[[[[[[`,
		"{\"events\": [{\"start_date\": {\"year\": 1}, \"text\": {\"headline\": \"\xff\"}}]}",
	} {
		f.Add([]byte(seed))
	}
	addFixtures(f, "*.json")
	s := datatest.NewStore(f)
	f.Fuzz(func(t *testing.T, in []byte) {
		fuzzImport(t, s, in, jsonImport, jsonImport, func(tx *data.Tx, b *bytes.Buffer) error {
			return timelinejs.WriteJSON(tx, b, timelinejs.WriteOptions{})
		})
	})
}

func FuzzImportTimelineCSV(f *testing.F) {
	for _, seed := range []string{
		"Year,Month,Day,Time,Headline,Text,Type,Group\n1815,12,10,4:15 pm,Ada,<p>x</p>,,g\n,,,,T,,title,\n1,,,,E,,era,\n",
		"Start Date,End Date,Headline,Tag\n\"2012,1,26\",1/27/2012,x,t\n",
		"Year,Headline\n1815,\"unterminated\n",
		"Year,Headline\n0,x\n",
		"Year,Month,Headline\n2000,13,x\n",
		"Year,Headline\n1,'=1+1\n",
	} {
		f.Add([]byte(seed))
	}
	addFixtures(f, "*.csv")
	s := datatest.NewStore(f)
	f.Fuzz(func(t *testing.T, in []byte) {
		fuzzImport(t, s, in, csvImport, csvImport, func(tx *data.Tx, b *bytes.Buffer) error {
			return timelinejs.WriteCSV(tx, b, timelinejs.WriteOptions{})
		})
	})
}
