package data

import "fmt"

// jsonImage is one of an event's pictures in Chronoscope JSON (version 3):
// "data" is the picture's bytes in base64 for one in the file, absent for
// a remote one, which has its "url"; "source" is a source key. The
// thumbnail is not written: it is made again from the bytes on import.
type jsonImage struct {
	Caption string `json:"caption,omitempty"`
	Credit  string `json:"credit,omitempty"`
	Alt     string `json:"alt,omitempty"`
	Source  string `json:"source,omitempty"`
	URL     string `json:"url,omitempty"`
	Data    []byte `json:"data,omitempty"`
}

// jsonImagesVersion is the version of a document with images; one
// without is written as version 2, which older builds read.
const jsonImagesVersion = 3

// readImages stores an event's pictures, checking each as a file the user
// adds (see DecodeImageFile); errors name the JSON path.
func readImages(tx *Tx, eventID int64, path string, images []jsonImage, sources map[string]int64, stats *ImportStats) error {
	for i, ji := range images {
		ipath := fmt.Sprintf("%s.images[%d]", path, i)
		im := Image{EventID: eventID, Caption: ji.Caption, Credit: ji.Credit, Alt: ji.Alt, URL: ji.URL}
		if ji.Source != "" {
			id, ok := sources[ji.Source]
			if !ok {
				return fmt.Errorf("%s.source: no source has key %q", ipath, ji.Source)
			}
			im.SourceID = id
		}
		var f *ImageFile
		if ji.Data != nil {
			var err error
			if f, err = DecodeImageFile(ipath+".data", ji.Data, ""); err != nil {
				return err
			}
		} else if ji.URL == "" {
			return fmt.Errorf("%s: a picture needs its data or its url", ipath)
		}
		if err := tx.AddImage(&im, f); err != nil {
			return fmt.Errorf("%s: %w", ipath, err)
		}
		stats.Images++
	}
	return nil
}

// writeImages returns an event's pictures for a document, bytes included.
func writeImages(tx *Tx, eventID int64) ([]jsonImage, error) {
	ims, err := tx.EventImages(eventID)
	if err != nil {
		return nil, err
	}
	var out []jsonImage
	for _, im := range ims {
		ji := jsonImage{Caption: im.Caption, Credit: im.Credit, Alt: im.Alt, URL: im.URL}
		if im.SourceID != 0 {
			ji.Source = key("s", im.SourceID)
		}
		if !im.Remote() {
			if ji.Data, err = tx.ImageData(im.ID); err != nil {
				return nil, err
			}
		}
		out = append(out, ji)
	}
	return out, nil
}
