package export

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"chronoscope/data"
)

// csvHeader is the header row of WriteCSV.
var csvHeader = []string{"Date", "End", "Title", "Actors", "Certainty", "Sources"}

// WriteCSV writes one row per event: its date and end (at their
// precision, with the zone for times of day), title, actors with their
// roles, certainty, and the sources it cites ("Publisher, “Title”, URL",
// separated by "; "). Spreadsheet formula injection is neutralised: a cell
// starting with =, +, -, @, tab or carriage return gets a leading ', so a
// spreadsheet shows it as text instead of running it.
func WriteCSV(tx *data.Tx, w io.Writer, opt Options) error {
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	names, err := actorNames(tx)
	if err != nil {
		return err
	}
	srcs := &sources{tx: tx}
	if err := cw.Write(csvHeader); err != nil {
		return err
	}
	row := make([]string, len(csvHeader))
	err = tx.EachEvent(opt.Filter, func(e *data.Event) error {
		loc := e.Location()
		row[0] = e.Start.Format(loc)
		row[1] = ""
		if !e.End.IsZero() {
			row[1] = e.End.Format(loc)
		}
		row[2] = e.Title
		var actors []string
		for _, p := range e.Actors {
			a := names[p.ActorID]
			if p.Role != "" {
				a += " (" + p.Role + ")"
			}
			actors = append(actors, a)
		}
		row[3] = strings.Join(actors, "; ")
		row[4] = string(e.Certainty)
		cits, err := tx.Citations(e.ID)
		if err != nil {
			return err
		}
		var cited []string
		seen := map[int64]bool{}
		for _, c := range cits {
			if seen[c.SourceID] {
				continue // a source cited twice is listed once
			}
			seen[c.SourceID] = true
			src, err := srcs.get(c.SourceID)
			if err != nil {
				return err
			}
			cited = append(cited, sourceText(src))
		}
		row[5] = strings.Join(cited, "; ")
		for i := range row {
			row[i] = data.GuardCell(row[i])
		}
		return cw.Write(row)
	})
	if err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// sourceText is a source on one line: "Publisher, “Title”, URL".
func sourceText(s data.Source) string {
	var parts []string
	if s.Publisher != "" {
		parts = append(parts, s.Publisher)
	}
	parts = append(parts, fmt.Sprintf("“%s”", s.Title))
	if s.URL != "" {
		parts = append(parts, s.URL)
	}
	return strings.Join(parts, ", ")
}
