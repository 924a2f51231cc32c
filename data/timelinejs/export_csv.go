package timelinejs

import (
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"html"
	"io"
	"strconv"

	"chronoscope/data"
)

// WriteCSV writes the chronology in tx as a TimelineJS Google-Sheets CSV,
// with the header row of the current TimelineJS template (Year, Month,
// Day, Time, End Year, …, Type, Group, Background): a title row, one row
// per event with the same content as WriteJSON's slides, and one row per
// era. Times are written "16" (hour), "16:15" or "16:15:05". A text cell
// that a spreadsheet would read as a formula (starting with =, +, -, @,
// tab or return) gets a leading ', which ImportCSV removes again.
func WriteCSV(tx *data.Tx, w io.Writer, opt WriteOptions) error {
	bw := bufio.NewWriter(w)
	cw := csv.NewWriter(bw)
	c, err := tx.Chronology()
	if err != nil && !errors.Is(err, data.ErrNotFound) {
		return err
	}
	x, err := newExporter(tx, opt)
	if err != nil {
		return err
	}
	if err := cw.Write(sheetHeader); err != nil {
		return err
	}
	row := make([]string, len(sheetHeader))
	write := func(s outSlide, kind string) error {
		clear(row)
		dateCells(row[colYear:colEndYear], s.start)
		dateCells(row[colEndYear:colDisplayDate], s.end)
		row[colDisplayDate] = data.GuardCell(s.displayDate)
		row[colHeadline] = data.GuardCell(s.headline)
		row[colText] = data.GuardCell(s.text)
		row[colMedia] = s.mediaURL
		row[colMediaCredit] = data.GuardCell(s.credit)
		row[colMediaCaption] = data.GuardCell(s.caption)
		row[colMediaThumbnail] = s.thumbnail
		row[colAltText] = data.GuardCell(s.alt)
		row[colType] = kind
		row[colGroup] = data.GuardCell(s.group)
		row[colBackground] = s.background
		return cw.Write(row)
	}
	if err := write(outSlide{headline: html.EscapeString(c.Title), text: markdownToHTML(c.Description)}, "title"); err != nil {
		return err
	}
	err = tx.EachEvent(opt.Filter, func(e *data.Event) error {
		s, err := x.slide(e)
		if err != nil {
			return err
		}
		return write(s, "")
	})
	if err != nil {
		return err
	}
	eras, err := tx.Eras()
	if err != nil {
		return err
	}
	for _, e := range eras {
		if err := write(outSlide{start: e.Start, end: e.End, headline: html.EscapeString(e.Title)}, "era"); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

// dateCells fills the Year, Month, Day and Time cells of a date.
func dateCells(cells []string, d data.Date) {
	if d.IsZero() {
		return
	}
	cells[0] = strconv.FormatInt(d.Year, 10)
	if d.Precision >= data.PrecisionMonth {
		cells[1] = strconv.Itoa(d.Month)
	}
	if d.Precision >= data.PrecisionDay {
		cells[2] = strconv.Itoa(d.Day)
	}
	switch d.Precision {
	case data.PrecisionHour:
		cells[3] = fmt.Sprintf("%02d", d.Hour)
	case data.PrecisionMinute:
		cells[3] = fmt.Sprintf("%02d:%02d", d.Hour, d.Minute)
	case data.PrecisionSecond:
		cells[3] = fmt.Sprintf("%02d:%02d:%02d", d.Hour, d.Minute, d.Second)
	}
}
