package timelinejs

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"chronoscope/data"
)

// The columns of a TimelineJS sheet, by the header text with spaces,
// underscores and case ignored. Start Date, End Date and Tag are the
// headers of older sheets.
const (
	colYear = iota
	colMonth
	colDay
	colTime
	colEndYear
	colEndMonth
	colEndDay
	colEndTime
	colDisplayDate
	colHeadline
	colText
	colMedia
	colMediaCredit
	colMediaCaption
	colMediaThumbnail
	colAltText
	colType
	colGroup
	colBackground
	colStartDate
	colEndDate
	colTag
	numCols
)

// sheetHeader is the header row WriteCSV writes, the one of the current
// TimelineJS template.
var sheetHeader = []string{"Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
	"Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption", "Media Thumbnail",
	"Alt Text", "Type", "Group", "Background"}

var columnNames = func() map[string]int {
	m := map[string]int{}
	for i, h := range sheetHeader {
		m[normalizeHeader(h)] = i
	}
	m["startdate"], m["enddate"], m["tag"] = colStartDate, colEndDate, colTag
	return m
}()

func normalizeHeader(h string) string {
	return strings.ToLower(strings.NewReplacer(" ", "", "_", "", "\t", "", "\u00a0", "").Replace(strings.TrimSpace(h)))
}

// textCols are the columns of free text, whose spreadsheet-formula guard
// (a leading ' that WriteCSV adds) is removed on import.
var textCols = []int{colDisplayDate, colHeadline, colText, colMediaCredit, colMediaCaption, colAltText, colGroup, colTag}

// ImportCSV reads a TimelineJS Google-Sheets CSV export from r into tx,
// adding to what the chronology holds; see ImportJSON for how slides map
// to the model. Columns are found by their header text (case, spaces and
// underscores ignored), so their order does not matter and unknown columns
// are skipped: Year, Month, Day, Time, End Year, End Month, End Day, End
// Time, Display Date, Headline, Text, Media, Media Credit, Media Caption,
// Type (title, era or empty) and Group; older sheets' Start Date and End
// Date ("1815,12,10" or "12/10/1815") and Tag (for Group) are read too.
// As in TimelineJS, spaces and commas are dropped from the Year, Month and
// Day cells (Sheets writes 1248 as "1,248"); Time is read by parseClock.
// Columns TimelineJS does not know are skipped and named to opt.Warn.
// Rows whose cells are all empty are skipped. Errors name the file, the
// line and the column.
//
// A malformed file imports nothing: ImportCSV returns an error and the
// caller's Store.Update rolls the transaction back.
func ImportCSV(tx *data.Tx, r io.Reader, name string, opt Options) (data.ImportStats, error) {
	im, err := newImporter(tx, name, opt)
	if err != nil {
		return data.ImportStats{}, err
	}
	err = decodeCSV(r, name, im, opt.Warn)
	return im.stats, err
}

// decodeCSV reads a sheet, handing each row to sink.
func decodeCSV(r io.Reader, name string, sink slideSink, warn func(string)) error {
	br := bufio.NewReaderSize(r, 64<<10)
	if head, _ := br.Peek(3); bytes.Equal(head, []byte("\xef\xbb\xbf")) {
		br.Discard(3)
	}
	cr := csv.NewReader(data.NewCSVGuard(br, ',', MaxField))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	cr.LazyQuotes = false

	fail := func(err error) error {
		var pe *csv.ParseError
		switch {
		case errors.As(err, &pe):
			msg := pe.Err.Error()
			if errors.Is(pe.Err, csv.ErrQuote) {
				msg = `a quoted cell is not closed, or a " inside it is not doubled`
				if pe.StartLine != pe.Line {
					msg += fmt.Sprintf(" (the row starts on line %d)", pe.StartLine)
				}
			} else if errors.Is(pe.Err, csv.ErrBareQuote) {
				msg = `a " appears in an unquoted cell (quote the cell and double the ")`
			}
			return fmt.Errorf("%s: line %d, column %d: %s", name, pe.Line, pe.Column, msg)
		}
		return fmt.Errorf("%s: %w", name, err) // a read error, or the guard's "line N: … too long"
	}

	header, err := cr.Read()
	if err == io.EOF {
		return fmt.Errorf("%s: the file is empty (a TimelineJS sheet starts with a header row)", name)
	}
	if err != nil {
		return fail(err)
	}
	var cols [numCols]int
	for i := range cols {
		cols[i] = -1
	}
	var unknown []string
	for i, h := range header {
		c, ok := columnNames[normalizeHeader(h)]
		if !ok {
			if strings.TrimSpace(h) != "" {
				unknown = append(unknown, fmt.Sprintf("%q (column %d)", strings.TrimSpace(h), i+1))
			}
			continue
		}
		if cols[c] >= 0 {
			return fmt.Errorf("%s: line 1: the column %q appears twice (columns %d and %d)", name, strings.TrimSpace(h), cols[c]+1, i+1)
		}
		cols[c] = i
	}
	if cols[colYear] < 0 && cols[colStartDate] < 0 {
		return fmt.Errorf("%s: line 1: no Year or Start Date column; is this a TimelineJS sheet? (its header row is %s)", name, strings.Join(sheetHeader, ", "))
	}
	if cols[colGroup] < 0 {
		cols[colGroup] = cols[colTag]
	}
	if len(unknown) > 0 && warn != nil {
		warn(fmt.Sprintf("%s: line 1: columns TimelineJS does not know were not read: %s", name, strings.Join(unknown, ", ")))
	}
	headers := append([]string(nil), header...)

	for {
		rec, err := cr.Read()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fail(err)
		}
		line, _ := cr.FieldPos(0)
		blank := true
		for i, cell := range rec {
			if err := checkText(cell); err != nil {
				l, c := cr.FieldPos(i)
				return fmt.Errorf("%s: line %d, column %d: the cell %w", name, l, c, err)
			}
			if strings.TrimSpace(cell) != "" {
				blank = false
			}
		}
		if blank {
			continue
		}
		where := func(col int) string {
			i := cols[col]
			if i < 0 || i >= len(rec) {
				return fmt.Sprintf("line %d", line)
			}
			l, c := cr.FieldPos(i)
			return fmt.Sprintf("line %d, column %d (%s)", l, c, strings.TrimSpace(headers[i]))
		}
		cell := func(col int) string {
			if i := cols[col]; i >= 0 && i < len(rec) {
				return rec[i]
			}
			return ""
		}
		for _, c := range textCols {
			if i := cols[c]; i >= 0 && i < len(rec) {
				rec[i] = data.UnguardCell(rec[i])
			}
		}
		s := &slide{where: fmt.Sprintf("line %d", line),
			displayDate: cell(colDisplayDate), headline: cell(colHeadline), text: cell(colText),
			media: media{url: cell(colMedia), caption: cell(colMediaCaption), credit: cell(colMediaCredit),
				thumbnail: cell(colMediaThumbnail), alt: cell(colAltText)},
			group: cell(colGroup), background: cell(colBackground)}
		s.field = func(field string) string {
			switch field {
			case "group":
				return where(colGroup)
			case "media":
				return where(colMedia)
			}
			return s.where
		}
		kind := strings.ToLower(strings.TrimSpace(cell(colType)))
		if kind != "title" {
			if s.start, err = rowDate(cols, rec, where, false); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			if s.end, err = rowDate(cols, rec, where, true); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
		}
		startCol, endCol := colYear, colEndYear
		if cols[colYear] < 0 {
			startCol, endCol = colStartDate, colEndDate
		}
		switch kind {
		case "title":
			err = sink.title(s)
		case "era":
			if s.start.IsZero() {
				return fmt.Errorf("%s: %s: no start date (an era needs a start and an end)", name, where(startCol))
			}
			if s.end.IsZero() {
				return fmt.Errorf("%s: %s: no end date (an era needs a start and an end)", name, where(endCol))
			}
			err = sink.era(s)
		case "":
			if s.start.IsZero() {
				return fmt.Errorf("%s: %s: no date (an event needs at least a year)", name, where(startCol))
			}
			err = sink.event(s)
		default:
			return fmt.Errorf("%s: %s: %q is not a slide type (want title, era or nothing)", name, where(colType), cell(colType))
		}
		if err != nil {
			return err
		}
	}
}

// rowDate reads the start (or end) date of a row from Year, Month, Day and
// Time, or from the older Start Date column when there is no year.
func rowDate(cols [numCols]int, rec []string, where func(int) string, end bool) (data.Date, error) {
	first, legacy := colYear, colStartDate
	if end {
		first, legacy = colEndYear, colEndDate
	}
	cell := func(col int) string {
		if i := cols[col]; i >= 0 && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	// Year, Month, Day and Time are consecutive in the column list.
	dp := dateParts{where: func(i int) string { return where(first + min(i, partHour)) }}
	for i := partYear; i <= partDay; i++ {
		if v := cell(first + i); v != "" {
			dp.p[i] = part{text: v, set: true, sheet: true}
		}
	}
	if t := cell(first + partHour); t != "" {
		if err := parseClock(t, &dp); err != nil {
			return data.Date{}, fmt.Errorf("%s: %w", where(first+partHour), err)
		}
	}
	if !dp.p[partYear].set && cell(legacy) != "" {
		if dp.any() {
			return data.Date{}, fmt.Errorf("%s: a month, day or time is given without a year", where(first))
		}
		if err := parseLegacyDate(cell(legacy), &dp); err != nil {
			return data.Date{}, fmt.Errorf("%s: %w", where(legacy), err)
		}
		dp.where = func(int) string { return where(legacy) }
	}
	return dp.date()
}
