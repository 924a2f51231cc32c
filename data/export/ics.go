package export

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"chronoscope/data"
)

// ProdID is the PRODID of the iCalendar files WriteICS writes.
const ProdID = "-//Chronoscope//Chronoscope//EN"

// WriteICS writes the events as an iCalendar file (RFC 5545): one VEVENT
// per event with a stable UID (the external id, else "<id>@chronoscope"),
// DTSTAMP from opt.Now, SUMMARY, DESCRIPTION (the description, and the
// certainty when not confirmed), the URL of the first cited source, and
// the tags as CATEGORIES. Events known to the day, month or year are
// all-day spans (VALUE=DATE: a month runs from its first day to the first
// day of the next); events known to the hour, minute or second are UTC
// date-times spanning their precision. Lines end in CRLF and are folded at
// 75 octets. iCalendar dates have four-digit years, so events outside the
// years 1..9999 are left out; WriteICS returns how many.
func WriteICS(tx *data.Tx, w io.Writer, opt Options) (skipped int, err error) {
	now := time.Now
	if opt.Now != nil {
		now = opt.Now
	}
	stamp := now().UTC().Format("20060102T150405Z")
	c, err := chronology(tx)
	if err != nil {
		return 0, err
	}
	bw := bufio.NewWriter(w)
	line := func(s string) { writeFolded(bw, s) }
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:" + ProdID)
	line("CALSCALE:GREGORIAN")
	line("METHOD:PUBLISH")
	if c.Title != "" {
		line("NAME:" + escapeText(c.Title))
		line("X-WR-CALNAME:" + escapeText(c.Title))
	}
	srcs := &sources{tx: tx}
	err = tx.EachEvent(opt.Filter, func(e *data.Event) error {
		start, end, ok := icsSpan(e)
		if !ok {
			skipped++
			return nil
		}
		uid := e.ExternalID
		if uid == "" {
			uid = fmt.Sprintf("%d@chronoscope", e.ID)
		}
		line("BEGIN:VEVENT")
		line("UID:" + escapeText(uid))
		line("DTSTAMP:" + stamp)
		line("DTSTART" + start)
		line("DTEND" + end)
		line("SUMMARY:" + escapeText(e.Title))
		desc := e.Description
		if e.Certainty != data.Confirmed {
			if desc != "" {
				desc += "\n\n"
			}
			desc += "Certainty: " + string(e.Certainty)
		}
		if desc != "" {
			line("DESCRIPTION:" + escapeText(desc))
		}
		cits, err := tx.Citations(e.ID)
		if err != nil {
			return err
		}
		for _, ct := range cits {
			src, err := srcs.get(ct.SourceID)
			if err != nil {
				return err
			}
			if src.URL != "" && data.CheckURL(src.URL) == nil {
				line("URL:" + src.URL)
				break
			}
		}
		if len(e.Tags) > 0 {
			tags := make([]string, len(e.Tags))
			for i, t := range e.Tags {
				tags[i] = escapeText(t)
			}
			line("CATEGORIES:" + strings.Join(tags, ","))
		}
		line("END:VEVENT")
		return nil
	})
	if err != nil {
		return skipped, err
	}
	line("END:VCALENDAR")
	return skipped, bw.Flush()
}

// icsSpan returns the DTSTART and DTEND parameters and values of an event
// (";VALUE=DATE:20141222" or ":20141222T161500Z"), or false when they fall
// outside the years 1..9999.
func icsSpan(e *data.Event) (start, end string, ok bool) {
	last := e.End
	if last.IsZero() {
		last = e.Start
	}
	if e.Start.Year < 1 || e.Start.Year > 9999 || last.Year > 9999 {
		return "", "", false
	}
	timed := e.Start.Precision >= data.PrecisionHour || last.Precision >= data.PrecisionHour
	loc := e.Location()
	if !timed {
		loc = nil // all-day dates are calendar dates, in no zone
	}
	from := time.Unix(e.Start.Instant(loc), 0).UTC()
	to := time.Unix(last.Stop(loc), 0).UTC()
	if from.Year() < 1 || to.Year() > 9999 {
		return "", "", false
	}
	if timed {
		return ":" + from.Format("20060102T150405Z"), ":" + to.Format("20060102T150405Z"), true
	}
	return ";VALUE=DATE:" + from.Format("20060102"), ";VALUE=DATE:" + to.Format("20060102"), true
}

// escapeText escapes an iCalendar TEXT value: backslash, semicolon, comma
// and line breaks; other control characters are dropped.
func escapeText(s string) string {
	var b strings.Builder
	s = strings.ReplaceAll(s, "\r\n", "\n")
	for _, r := range s {
		switch {
		case r == '\\' || r == ';' || r == ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n' || r == '\r':
			b.WriteString(`\n`)
		case r < 0x20 && r != '\t', r == 0x7f:
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// writeFolded writes a content line, folded so no line exceeds 75 octets
// (continuation lines start with a space), never splitting a UTF-8
// character, each line ended by CRLF.
func writeFolded(w *bufio.Writer, s string) {
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		w.WriteString(s[:cut])
		w.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // after the leading space
	}
	w.WriteString(s)
	w.WriteString("\r\n")
}
