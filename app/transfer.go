package app

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync/atomic"

	"chronoscope/data"
	"chronoscope/data/csvimport"
	"chronoscope/data/export"
	"chronoscope/data/timelinejs"
	"chronoscope/data/timelineproj"
)

// importer reads one file's format into a transaction, as opt says.
type importer func(tx *data.Tx, r io.Reader, name string, opt importOptions) (data.ImportStats, error)

// importOptions is what an importer is told beside the file: whom to tell
// how far it has come (events read so far, now and then) and what it
// passed over without refusing the file (one message each, naming the
// file and the place).
type importOptions struct {
	Progress func(events int)
	Warn     func(msg string)
	// Columns and DayFirst say how a plain CSV is read (format "csv").
	Columns  csvimport.Columns
	DayFirst bool
}

// importSpec is what an import is asked for beside its files: the format
// ("" to tell it from each file) and, for a plain CSV, its columns (empty
// to guess them from the header's names) and its order of day and month.
type importSpec struct {
	Format   string
	Columns  csvimport.Columns
	DayFirst bool
}

// importFormats are the formats chronoscope import and File › Import read.
var importFormats = map[string]importer{
	"json": func(tx *data.Tx, r io.Reader, name string, _ importOptions) (data.ImportStats, error) {
		return data.ReadJSON(tx, r, name)
	},
	"timelinejs": func(tx *data.Tx, r io.Reader, name string, opt importOptions) (data.ImportStats, error) {
		return timelinejs.ImportJSON(tx, r, name, timelinejs.Options{Progress: opt.Progress, Warn: opt.Warn})
	},
	"timelinejs-csv": func(tx *data.Tx, r io.Reader, name string, opt importOptions) (data.ImportStats, error) {
		return timelinejs.ImportCSV(tx, r, name, timelinejs.Options{Progress: opt.Progress, Warn: opt.Warn})
	},
	"timeline": func(tx *data.Tx, r io.Reader, name string, opt importOptions) (data.ImportStats, error) {
		return timelineproj.Import(tx, r, name, timelineproj.Options{Progress: opt.Progress, Warn: opt.Warn})
	},
	"csv": func(tx *data.Tx, r io.Reader, name string, opt importOptions) (data.ImportStats, error) {
		return csvimport.Import(tx, r, name, csvimport.Options{Columns: opt.Columns, DayFirst: opt.DayFirst,
			Progress: opt.Progress, Warn: opt.Warn})
	},
}

// importResult is what an import brought in, with the warnings of what
// it passed over (unknown columns, things Chronoscope has no place for).
type importResult struct {
	data.ImportStats
	Warnings []string
}

// maxWarningsShown is how many warnings a summary lists; the rest are
// counted.
const maxWarningsShown = 12

// warningLines is the warnings of r as lines for a summary, at most
// maxWarningsShown of them and a count of the rest.
func (r importResult) warningLines() []string {
	if len(r.Warnings) <= maxWarningsShown {
		return r.Warnings
	}
	lines := slices.Clone(r.Warnings[:maxWarningsShown-1])
	return append(lines, fmt.Sprintf("… and %d more warnings", len(r.Warnings)-maxWarningsShown+1))
}

// summary says what an import of src brought in, for the dialog shown
// after it, with its warnings under it.
func (r importResult) summary(src string) string {
	s := fmt.Sprintf("%s events, %s actors and %s sources", groupDigits(r.Events), groupDigits(r.Actors), groupDigits(r.Sources))
	if r.Links > 0 || r.Images > 0 {
		s = fmt.Sprintf("%s events, %s actors, %s sources, %s story links and %s pictures",
			groupDigits(r.Events), groupDigits(r.Actors), groupDigits(r.Sources), groupDigits(r.Links), groupDigits(r.Images))
	}
	s += " from " + filepath.Base(src) + "."
	if len(r.Warnings) == 0 {
		return s
	}
	return s + "\n\nNot imported or changed on the way:\n• " + strings.Join(r.warningLines(), "\n• ")
}

// exporter writes the events that pass f (the whole chronology for
// formats that cannot filter); pics, for a format that links its
// pictures, writes each into a folder beside the file (see
// export.PictureFolder) and returns the address to link.
type exporter struct {
	ext     string // the usual file name extension
	filters bool   // whether the format honours a filter
	write   func(tx *data.Tx, w io.Writer, f data.Filter, pics picturesFunc) error
}

// picturesFunc writes a picture's bytes and returns the address that
// links it from the exported file.
type picturesFunc = func(im data.Image, b []byte) (string, error)

// exportFormats are the formats chronoscope export and File › Export write.
var exportFormats = map[string]exporter{
	"json": {".json", false, func(tx *data.Tx, w io.Writer, _ data.Filter, _ picturesFunc) error { return data.WriteJSON(tx, w) }},
	"timelinejs": {".json", true, func(tx *data.Tx, w io.Writer, f data.Filter, pics picturesFunc) error {
		return timelinejs.WriteJSON(tx, w, timelinejs.WriteOptions{Filter: f, Pictures: pics})
	}},
	"timelinejs-csv": {".csv", true, func(tx *data.Tx, w io.Writer, f data.Filter, pics picturesFunc) error {
		return timelinejs.WriteCSV(tx, w, timelinejs.WriteOptions{Filter: f, Pictures: pics})
	}},
	"csv": {".csv", true, func(tx *data.Tx, w io.Writer, f data.Filter, _ picturesFunc) error {
		return export.WriteCSV(tx, w, export.Options{Filter: f})
	}},
	"markdown": {".md", true, func(tx *data.Tx, w io.Writer, f data.Filter, pics picturesFunc) error {
		return export.WriteMarkdown(tx, w, export.Options{Filter: f, Pictures: pics})
	}},
	"ics": {".ics", true, func(tx *data.Tx, w io.Writer, f data.Filter, _ picturesFunc) error {
		_, err := export.WriteICS(tx, w, export.Options{Filter: f})
		return err
	}},
	"html": {".html", true, func(tx *data.Tx, w io.Writer, f data.Filter, _ picturesFunc) error {
		return export.WriteHTML(tx, w, export.Options{Filter: f})
	}},
	// A picture is drawn by exportPoster, not written from a transaction.
	"png": {".png", true, nil},
}

func formatNames[T any](m map[string]T) string {
	names := make([]string, 0, len(m))
	for n := range m {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// detectImportFormat names the format of a file from its extension and,
// for JSON, its first bytes (Chronoscope's own JSON says "format":
// "chronoscope"); a CSV is a TimelineJS sheet when its header has a
// Headline and a Year or Start Date column, else a plain CSV.
func detectImportFormat(path string) (string, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		sh, err := previewCSV(path, 0)
		if err != nil {
			return "", err
		}
		if isTimelineJSSheet(sh.Header) {
			return "timelinejs-csv", nil
		}
		return "csv", nil
	case ".timeline":
		return "timeline", nil
	case ".json":
		f, err := os.Open(path)
		if err != nil {
			return "", err
		}
		defer f.Close()
		head := make([]byte, 4096)
		n, _ := io.ReadFull(f, head)
		compact := bytes.Join(bytes.Fields(head[:n]), nil)
		if bytes.Contains(compact, []byte(`"format":"chronoscope"`)) {
			return "json", nil
		}
		return "timelinejs", nil
	}
	return "", fmt.Errorf("%s: cannot tell the format from the name; give --format (%s)", path, formatNames(importFormats))
}

// importProgress is how far an import has come: the file being read, the
// events read from it, and the bytes read of all files.
type importProgress struct {
	File        string
	Events      int
	Read, Total int64
}

// countingReader counts the bytes read through it and fails once ctx is
// done, so a cancelled import stops reading. The count is atomic: an
// import may read on one goroutine and report progress on another.
type countingReader struct {
	r    io.Reader
	ctx  context.Context
	read *atomic.Int64
}

func (c countingReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := c.r.Read(p)
	c.read.Add(int64(n))
	return n, err
}

// previewCSV reads the header and first n rows of the CSV at path.
func previewCSV(path string, n int) (csvimport.Sheet, error) {
	f, err := os.Open(path)
	if err != nil {
		return csvimport.Sheet{}, err
	}
	defer f.Close()
	return csvimport.Preview(f, path, n)
}

// isTimelineJSSheet reports whether a CSV header is a TimelineJS sheet's.
func isTimelineJSSheet(header []string) bool {
	has := map[string]bool{}
	for _, h := range header {
		has[strings.ToLower(strings.Join(strings.Fields(h), " "))] = true
	}
	return has["headline"] && (has["year"] || has["start date"])
}

// csvColumns returns the columns a plain CSV is read from: those spec
// names, else those its header's names suggest (see csvimport.Sheet.Guess),
// or a usage error naming the columns there are.
func csvColumns(src string, spec importSpec) (csvimport.Columns, error) {
	if spec.Columns.Date != "" && spec.Columns.Title != "" {
		return spec.Columns, nil
	}
	sh, err := previewCSV(src, 0)
	if err != nil {
		return csvimport.Columns{}, err
	}
	guess, _ := sh.Guess()
	if spec.Columns.Date != "" {
		guess.Date = spec.Columns.Date
	}
	if spec.Columns.Title != "" {
		guess.Title = spec.Columns.Title
	}
	if spec.Columns.Actor != "" {
		guess.Actor = spec.Columns.Actor
	}
	if guess.Date == "" || guess.Title == "" {
		names := make([]string, len(sh.Header))
		for i, h := range sh.Header {
			names[i] = fmt.Sprintf("%q", h)
		}
		return guess, fmt.Errorf("%w: %s: which column holds the date and which the title? Give --date-column and --title-column (the columns are %s)",
			errUsage, src, strings.Join(names, ", "))
	}
	return guess, nil
}

// importFiles is importFilesWith for a format ("" to tell it from each
// file), plain CSVs' columns guessed from their headers.
func importFiles(ctx context.Context, into string, srcs []string, format string, progress func(importProgress)) (importResult, error) {
	return importFilesWith(ctx, into, srcs, importSpec{Format: format}, progress)
}

// importFilesWith reads srcs into the chronology at into (created when it
// does not exist) in one transaction: all files are imported, or none and
// the file is as it was (a file created for the import is removed).
// Cancelling ctx stops it, with nothing imported; progress (if set) is
// called now and then as it goes. The result holds the warnings of every
// file, in order.
func importFilesWith(ctx context.Context, into string, srcs []string, spec importSpec, progress func(importProgress)) (importResult, error) {
	format := spec.Format
	var total importResult
	formats := make([]string, len(srcs))
	for i, src := range srcs {
		f := format
		if f == "" {
			var err error
			if f, err = detectImportFormat(src); err != nil {
				return total, err
			}
		}
		if _, ok := importFormats[f]; !ok {
			return total, fmt.Errorf("%w: unknown format %q (want %s)", errUsage, f, formatNames(importFormats))
		}
		formats[i] = f
	}
	columns := make([]csvimport.Columns, len(srcs))
	for i, src := range srcs {
		if formats[i] == "csv" {
			var err error
			if columns[i], err = csvColumns(src, spec); err != nil {
				return total, err
			}
		}
	}
	var total64 int64
	var read atomic.Int64
	for _, src := range srcs {
		if st, err := os.Stat(src); err == nil {
			total64 += st.Size()
		}
	}
	created := false
	s, err := data.Open(into)
	if errors.Is(err, os.ErrNotExist) {
		title := strings.TrimSuffix(filepath.Base(into), filepath.Ext(into))
		s, err = data.Create(into, data.Chronology{Title: title})
		created = err == nil
	}
	if err != nil {
		return total, err
	}
	err = s.Update(func(tx *data.Tx) error {
		for i, src := range srcs {
			f, err := os.Open(src)
			if err != nil {
				return err
			}
			in := countingReader{r: f, ctx: ctx, read: &read}
			stats, err := importFormats[formats[i]](tx, bufio.NewReaderSize(in, 1<<16), src, importOptions{
				Progress: func(n int) {
					if progress != nil {
						progress(importProgress{File: src, Events: n, Read: read.Load(), Total: total64})
					}
				},
				Warn:     func(msg string) { total.Warnings = append(total.Warnings, msg) },
				Columns:  columns[i],
				DayFirst: spec.DayFirst,
			})
			f.Close()
			if ctx.Err() != nil {
				return fmt.Errorf("import cancelled: %w", ctx.Err())
			}
			if err != nil {
				return err
			}
			total.Events += stats.Events
			total.Actors += stats.Actors
			total.Sources += stats.Sources
			total.Citations += stats.Citations
			total.Eras += stats.Eras
			total.Links += stats.Links
			total.Images += stats.Images
		}
		// Cancelled while the last file was written: nothing is kept.
		if ctx.Err() != nil {
			return fmt.Errorf("import cancelled: %w", ctx.Err())
		}
		return nil
	})
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		total.Warnings = nil // nothing was imported, so nothing was passed over
	}
	if err != nil && created {
		os.Remove(into)
		os.Remove(into + "-wal")
		os.Remove(into + "-shm")
	}
	return total, err
}

// writeAtomically writes a file through a temporary file beside it that is
// renamed into place only when complete: an existing file is replaced only
// by a whole new one, and a failed export leaves nothing behind.
func writeAtomically(path string, write func(w io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 1<<16)
	if err = write(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	// A temporary file is private (0600); an export is a document like
	// any other: the mode of the file it replaces, or rw-r--r--.
	mode := os.FileMode(0o644)
	if st, err := os.Stat(path); err == nil && st.Mode().IsRegular() {
		mode = st.Mode().Perm()
	}
	if err = os.Chmod(tmp.Name(), mode); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// exportStore writes the events of s that pass f in format to out.
func exportStore(s *data.Store, format, out string, f data.Filter) error {
	ex, ok := exportFormats[format]
	if format == "png" {
		return exportPoster(s, out, posterRequest{Filter: f, Width: 1920, Height: 1080}, drawHere)
	}
	if !ok {
		return fmt.Errorf("%w: unknown format %q (want %s)", errUsage, format, formatNames(exportFormats))
	}
	if !ex.filters && (f.Windowed() || f.Actors != nil) {
		return fmt.Errorf("%w: --format %s writes the whole chronology; --from, --to and --actor do not apply", errUsage, format)
	}
	// Pictures in the file go into a folder beside out (out_media/),
	// made only when there is one; a failed export removes it.
	pics := export.NewPictureFolder(out)
	err := writeAtomically(out, func(w io.Writer) error {
		return s.View(func(tx *data.Tx) error { return ex.write(tx, w, f, pics.Write) })
	})
	if err != nil {
		pics.Remove()
		return fmt.Errorf("export %s to %s: %w", s.Path(), out, err)
	}
	return nil
}

// exportPoster draws s as r says, through run (see writePoster), and
// writes the picture to out as a PNG.
func exportPoster(s *data.Store, out string, r posterRequest, run func(draw func())) error {
	err := writeAtomically(out, func(w io.Writer) error { return writePoster(s, w, r, run) })
	if err != nil {
		if errors.Is(err, errUsage) {
			return err
		}
		return fmt.Errorf("export %s to %s: %w", s.Path(), out, err)
	}
	return nil
}
