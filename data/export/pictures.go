package export

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"chronoscope/data"
	"chronoscope/data/markup"
)

// PictureFolder writes the pictures an export uses into a folder beside
// the exported file ("story.md" → "story_media/"), so that the file
// links them by a relative address and the two move together. The folder
// is made at the first picture; nothing is written for a chronology
// without pictures in the file.
type PictureFolder struct {
	Dir  string // the folder, beside the exported file
	rel  string // its name, as the file links it
	made bool
	n    int
}

// NewPictureFolder returns the folder for pictures beside out.
func NewPictureFolder(out string) *PictureFolder {
	base := strings.TrimSuffix(filepath.Base(out), filepath.Ext(out))
	return &PictureFolder{Dir: filepath.Join(filepath.Dir(out), base+"_media"), rel: base + "_media"}
}

// Write writes a picture's bytes as e<event>-<image>.<ext> and returns
// the address that links it from the exported file ("story_media/e3-7.png").
// It is the Pictures option of Options and of timelinejs.WriteOptions.
func (f *PictureFolder) Write(im data.Image, b []byte) (string, error) {
	if !f.made {
		if err := os.MkdirAll(f.Dir, 0o755); err != nil {
			return "", fmt.Errorf("pictures beside the export: %w", err)
		}
		f.made = true
	}
	ext := map[data.ImageFormat]string{data.PNG: ".png", data.JPEG: ".jpg", data.GIF: ".gif", data.WebP: ".webp"}[im.Format]
	if ext == "" {
		return "", fmt.Errorf("picture %d: no format to write it as", im.ID)
	}
	name := fmt.Sprintf("e%d-%d%s", im.EventID, im.ID, ext)
	if err := os.WriteFile(filepath.Join(f.Dir, name), b, 0o644); err != nil {
		return "", fmt.Errorf("pictures beside the export: %w", err)
	}
	f.n++
	return url.PathEscape(f.rel) + "/" + name, nil
}

// Written returns how many pictures the folder received.
func (f *PictureFolder) Written() int { return f.n }

// Remove deletes the folder when an export that made it fails, so that no
// half-written export is left.
func (f *PictureFolder) Remove() error {
	if !f.made {
		return nil
	}
	return os.RemoveAll(f.Dir)
}

// markdownPictures writes an event's pictures under its item: one in the
// file as an image that opt.Pictures wrote beside the document (left out
// without it), a remote one as a link to its address, never as an image
// that a reader's program would fetch; each with its caption and credit.
func markdownPictures(tx *data.Tx, eventID int64, indent string, opt Options) (string, error) {
	ims, err := tx.EventImages(eventID)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, im := range ims {
		alt := markup.Escape(oneLine(im.Alt))
		if alt == "" {
			alt = markup.Escape(oneLine(im.Caption))
		}
		var line string
		switch {
		case !im.Remote() && opt.Pictures != nil:
			bytes, err := tx.ImageData(im.ID)
			if err != nil {
				return "", err
			}
			addr, err := opt.Pictures(im, bytes)
			if err != nil {
				return "", err
			}
			line = "![" + alt + "](" + addr + ")"
		case im.URL != "" && data.CheckURL(im.URL) == nil:
			label := "Picture"
			if alt != "" {
				label += ": " + alt
			}
			line = "[" + label + "](<" + im.URL + ">)"
		default:
			continue
		}
		about := markup.Escape(oneLine(im.Caption))
		if c := markup.Escape(oneLine(im.Credit)); c != "" {
			if about != "" {
				about += " "
			}
			about += "(credit: " + c + ")"
		}
		// One paragraph a picture: the image, a hard line break, then
		// its caption and credit.
		if about != "" {
			line += "\\\n" + indent + "*" + about + "*"
		}
		b.WriteString(indent + line + "\n\n")
	}
	return b.String(), nil
}
