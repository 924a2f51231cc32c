package data

import (
	"database/sql"
	"errors"
	"fmt"
	"image"
	"net/url"
	"strings"
)

// Pictures in events (issue 16). An event has images in order: embedded
// ones, whose bytes live in the file, and remote ones, only an address
// that is fetched when the user asks (never otherwise). Reading an
// event's images gives their metadata and thumbnails; the full bytes are
// read one image at a time by ImageData, so a chronology of large
// pictures opens as fast as one without.

// Image is one of an event's pictures.
type Image struct {
	ID       int64
	EventID  int64
	Position int    // its place among the event's images, from 0
	Caption  string // what the picture shows
	Credit   string // who made it: shown wherever the image is, required to export it to public pages
	Alt      string // the text for screen readers and web pages
	SourceID int64  // the source it comes from, 0 for none
	URL      string // where it comes from: the only copy of a remote image

	// Set by the store from the picture's bytes; zero for a remote image.
	Format        ImageFormat
	Width, Height int
	Size          int64  // bytes of the full image
	Thumbnail     []byte // PNG or JPEG, at most ThumbnailSize pixels on its long side
}

// Remote reports whether the image is only an address, not fetched yet.
func (im Image) Remote() bool { return im.Format == "" }

// Public reports whether the picture may go on a page others read (the
// offline HTML page, a TimelineJS timeline): a picture stored in the file
// must say who made it. A remote picture is only named by its address,
// caption and credit there, as its source published it.
func (im Image) Public() bool { return im.Remote() || strings.TrimSpace(im.Credit) != "" }

// Uncredited counts the pictures in the file without a credit among the
// events that pass f: those a public export leaves out (see Image.Public).
func (t *Tx) Uncredited(f Filter) (int, error) {
	// One read of the uncredited pictures (most files have none), then
	// one pass over the events f keeps: not a read of every event's
	// pictures.
	per, err := queryAll(t, "SELECT event_id FROM event_image WHERE format <> '' AND trim(credit) = ''",
		func(sc interface{ Scan(...any) error }) (int64, error) {
			var id int64
			return id, translate(sc.Scan(&id))
		})
	if err != nil || len(per) == 0 {
		return 0, err
	}
	count := make(map[int64]int, len(per))
	for _, id := range per {
		count[id]++
	}
	n := 0
	err = t.EachRow(f, func(r EventRow) error {
		n += count[r.ID]
		return nil
	})
	return n, err
}

// CheckImageURL reports whether raw is an address a picture may be
// fetched from: http or https with a host (see CheckURL).
func CheckImageURL(raw string) error {
	if err := CheckURL(raw); err != nil {
		return err
	}
	if u, _ := url.Parse(raw); u == nil || (strings.ToLower(u.Scheme) != "http" && strings.ToLower(u.Scheme) != "https") {
		return fmt.Errorf("link %q is not a web address (want http:// or https://)", raw)
	}
	return nil
}

// Validate reports a *FieldError for a missing event ("event"), a remote
// image without a valid http or https address or an address that is not
// one ("url"), or an unknown format ("format").
func (im Image) Validate() error {
	if im.EventID == 0 {
		return fieldErr("event", "must be set")
	}
	if im.Format != "" && !im.Format.Valid() {
		return fieldErr("format", "%q is not one of png, jpeg, gif, webp", im.Format)
	}
	if im.Remote() && im.URL == "" {
		return fieldErr("url", "a picture that is not in the file needs its address")
	}
	if im.URL != "" {
		if err := CheckImageURL(im.URL); err != nil {
			return fieldErr("url", "%v", err)
		}
	}
	return nil
}

const imageColumns = "id, event_id, position, caption, credit, alt, source_id, url, format, width, height, size, thumbnail"

func scanImage(sc interface{ Scan(...any) error }) (Image, error) {
	var im Image
	var src sql.NullInt64
	var format string
	err := sc.Scan(&im.ID, &im.EventID, &im.Position, &im.Caption, &im.Credit, &im.Alt, &src, &im.URL, &format,
		&im.Width, &im.Height, &im.Size, &im.Thumbnail)
	im.SourceID, im.Format = src.Int64, ImageFormat(format)
	return im, translate(err)
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// checkImageRefs checks that an image's event and source exist.
func (t *Tx) checkImageRefs(im *Image) error {
	if ok, err := t.exists("event", im.EventID); err != nil {
		return err
	} else if !ok {
		return fieldErr("event", "event %d does not exist", im.EventID)
	}
	if im.SourceID != 0 {
		if ok, err := t.exists("source", im.SourceID); err != nil {
			return err
		} else if !ok {
			return fieldErr("source", "source %d does not exist", im.SourceID)
		}
	}
	return nil
}

func (t *Tx) imageCount(eventID int64) (int, error) {
	row, err := t.queryRow("SELECT count(*) FROM event_image WHERE event_id = ?", eventID)
	if err != nil {
		return 0, err
	}
	var n int
	return n, translate(row.Scan(&n))
}

// AddImage stores a picture as the last of its event's images and sets
// im.ID and im.Position: embedded with f's bytes and thumbnail (im's
// format, size and thumbnail fields are taken from f), or remote when f
// is nil (im.URL is then required). A *FieldError names a missing event
// or source, or a bad address.
func (t *Tx) AddImage(im *Image, f *ImageFile) error {
	v := *im
	if f != nil {
		v.Format, v.Width, v.Height, v.Size, v.Thumbnail = f.Format, f.Width, f.Height, f.Size(), f.thumb
	} else {
		v.Format, v.Width, v.Height, v.Size, v.Thumbnail = "", 0, 0, 0, nil
	}
	if err := v.Validate(); err != nil {
		return err
	}
	if err := t.checkImageRefs(&v); err != nil {
		return err
	}
	n, err := t.imageCount(v.EventID)
	if err != nil {
		return err
	}
	v.Position = n
	if err := t.insertImage(&v, false); err != nil {
		return err
	}
	if f != nil {
		if _, err := t.exec("INSERT INTO image_data (image_id, data) VALUES (?, ?)", v.ID, f.data); err != nil {
			return err
		}
	}
	*im = v
	return nil
}

func (t *Tx) insertImage(im *Image, withID bool) error {
	var id any
	if withID {
		id = im.ID
	}
	r, err := t.exec("INSERT INTO event_image ("+imageColumns+") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
		id, im.EventID, int64(im.Position), im.Caption, im.Credit, im.Alt, nullID(im.SourceID), im.URL, string(im.Format),
		int64(im.Width), int64(im.Height), im.Size, im.Thumbnail)
	if err != nil {
		return err
	}
	im.ID, err = r.LastInsertId()
	return err
}

// UpdateImage stores im's caption, credit, alt text, source and address,
// and moves it to im.Position (see MoveImage) when that changed; the
// picture itself, its event and its format are the stored ones (set back
// in im). ErrNotFound if there is no such image.
func (t *Tx) UpdateImage(im *Image) error {
	old, err := t.Image(im.ID)
	if err != nil {
		return err
	}
	v := *im
	v.EventID, v.Format, v.Width, v.Height, v.Size, v.Thumbnail = old.EventID, old.Format, old.Width, old.Height, old.Size, old.Thumbnail
	if err := v.Validate(); err != nil {
		return err
	}
	if err := t.checkImageRefs(&v); err != nil {
		return err
	}
	if err := t.execOne("UPDATE event_image SET caption = ?, credit = ?, alt = ?, source_id = ?, url = ? WHERE id = ?",
		v.Caption, v.Credit, v.Alt, nullID(v.SourceID), v.URL, v.ID); err != nil {
		return err
	}
	pos := old.Position
	if v.Position != old.Position {
		if pos, err = t.moveImage(old, v.Position); err != nil {
			return err
		}
	}
	v.Position = pos
	*im = v
	return nil
}

// MoveImage moves an image to position among its event's images (clamped
// to the first and last places), the others closing up behind it, and
// returns where it went. ErrNotFound if there is no such image.
func (t *Tx) MoveImage(id int64, position int) (int, error) {
	old, err := t.Image(id)
	if err != nil {
		return 0, err
	}
	return t.moveImage(old, position)
}

func (t *Tx) moveImage(old Image, to int) (int, error) {
	n, err := t.imageCount(old.EventID)
	if err != nil {
		return 0, err
	}
	to = max(0, min(to, n-1))
	from := old.Position
	switch {
	case to < from:
		_, err = t.exec("UPDATE event_image SET position = position + 1 WHERE event_id = ? AND position >= ? AND position < ?", old.EventID, int64(to), int64(from))
	case to > from:
		_, err = t.exec("UPDATE event_image SET position = position - 1 WHERE event_id = ? AND position > ? AND position <= ?", old.EventID, int64(from), int64(to))
	default:
		return to, nil
	}
	if err != nil {
		return 0, err
	}
	return to, t.execOne("UPDATE event_image SET position = ? WHERE id = ?", int64(to), old.ID)
}

// DeleteImage removes an image with its bytes; the images after it move
// up a place. Read it first with Image and ImageData to undo it with
// RestoreImage. ErrNotFound if there is no such image.
func (t *Tx) DeleteImage(id int64) error {
	old, err := t.Image(id)
	if err != nil {
		return err
	}
	if err := t.execOne("DELETE FROM event_image WHERE id = ?", id); err != nil {
		return err
	}
	_, err = t.exec("UPDATE event_image SET position = position - 1 WHERE event_id = ? AND position > ?", old.EventID, int64(old.Position))
	return err
}

// RestoreImage puts back a deleted image under its own id and at its own
// place (the images from there on move down one), with data, its bytes as
// ImageData gave them (nil for a remote image): the undo of DeleteImage,
// and of DeleteEvent after RestoreEvent. The bytes must be those the image
// was stored with (size and format); its event and source must exist.
func (t *Tx) RestoreImage(im Image, data []byte) error {
	if im.ID == 0 {
		return fieldErr("id", "an image to restore needs its id")
	}
	if err := im.Validate(); err != nil {
		return err
	}
	if ok, err := t.exists("event_image", im.ID); err != nil {
		return err
	} else if ok {
		return fieldErr("id", "image %d exists already", im.ID)
	}
	if im.Remote() {
		if data != nil {
			return fieldErr("data", "a remote image has no bytes")
		}
		im.Width, im.Height, im.Size, im.Thumbnail = 0, 0, 0, nil
	} else {
		switch {
		case int64(len(data)) != im.Size:
			return fieldErr("data", "%d bytes where the image had %d", len(data), im.Size)
		case sniffImage(data) != im.Format:
			return fieldErr("data", "the bytes are not a %s image", im.Format.Label())
		case len(im.Thumbnail) == 0:
			return fieldErr("thumbnail", "an embedded image needs its thumbnail")
		}
		cfg, err := decodeGuarded(func() (image.Config, error) { return decodeConfig(im.Format, data) })
		if err != nil || cfg.Width != im.Width || cfg.Height != im.Height {
			return fieldErr("data", "the bytes are not the image's %d × %d picture", im.Width, im.Height)
		}
	}
	if err := t.checkImageRefs(&im); err != nil {
		return err
	}
	n, err := t.imageCount(im.EventID)
	if err != nil {
		return err
	}
	im.Position = max(0, min(im.Position, n))
	if _, err := t.exec("UPDATE event_image SET position = position + 1 WHERE event_id = ? AND position >= ?", im.EventID, int64(im.Position)); err != nil {
		return err
	}
	if err := t.insertImage(&im, true); err != nil {
		return err
	}
	if data != nil {
		_, err = t.exec("INSERT INTO image_data (image_id, data) VALUES (?, ?)", im.ID, data)
	}
	return err
}

// EmbedImage stores f as the bytes of a remote image, which keeps its
// address as where it came from: what Make available offline does with a
// fetched picture. A *FieldError says if the image is embedded already;
// ErrNotFound if there is no such image.
func (t *Tx) EmbedImage(id int64, f *ImageFile) error {
	old, err := t.Image(id)
	if err != nil {
		return err
	}
	if !old.Remote() {
		return fieldErr("url", "image %d is in the file already", id)
	}
	if err := t.execOne("UPDATE event_image SET format = ?, width = ?, height = ?, size = ?, thumbnail = ? WHERE id = ?",
		string(f.Format), int64(f.Width), int64(f.Height), f.Size(), f.thumb, id); err != nil {
		return err
	}
	_, err = t.exec("INSERT INTO image_data (image_id, data) VALUES (?, ?)", id, f.data)
	return err
}

// UnembedImage drops the bytes of an embedded image that has an address,
// making it remote again: the undo of EmbedImage. A *FieldError says if
// it has no address to fall back on.
func (t *Tx) UnembedImage(id int64) error {
	old, err := t.Image(id)
	if err != nil {
		return err
	}
	if old.Remote() {
		return nil
	}
	if old.URL == "" {
		return fieldErr("url", "image %d has no address: its bytes are the only copy", id)
	}
	if _, err := t.exec("DELETE FROM image_data WHERE image_id = ?", id); err != nil {
		return err
	}
	return t.execOne("UPDATE event_image SET format = '', width = 0, height = 0, size = 0, thumbnail = NULL WHERE id = ?", id)
}

// Image returns an image's metadata and thumbnail, or ErrNotFound.
func (t *Tx) Image(id int64) (Image, error) {
	row, err := t.queryRow("SELECT "+imageColumns+" FROM event_image WHERE id = ?", id)
	if err != nil {
		return Image{}, err
	}
	return scanImage(row)
}

// EventImages returns an event's images in order, with their thumbnails
// but not their full bytes (see ImageData).
func (t *Tx) EventImages(eventID int64) ([]Image, error) {
	return queryAll(t, "SELECT "+imageColumns+" FROM event_image WHERE event_id = ? ORDER BY position, id", scanImage, eventID)
}

// ImageData returns the full bytes of an image; nil for a remote image not
// fetched yet. ErrNotFound if there is no such image.
func (t *Tx) ImageData(id int64) ([]byte, error) {
	row, err := t.queryRow("SELECT d.data FROM event_image i LEFT JOIN image_data d ON d.image_id = i.id WHERE i.id = ?", id)
	if err != nil {
		return nil, err
	}
	var b []byte
	if err := row.Scan(&b); err != nil {
		return nil, translate(err)
	}
	return b, nil
}

// RemoteImages returns every image not fetched yet, by event start, then
// place: what Make available offline fetches.
func (t *Tx) RemoteImages() ([]Image, error) {
	return queryAll(t, `SELECT i.id, i.event_id, i.position, i.caption, i.credit, i.alt, i.source_id, i.url, i.format,
		i.width, i.height, i.size, i.thumbnail FROM event_image i JOIN event e ON e.id = i.event_id
		WHERE i.format = '' ORDER BY e.start_s, e.id, i.position`, scanImage)
}

// SourceImages returns the images that name a source: read before
// DeleteSource (which leaves them without it) so that its undo can set
// the source back with UpdateImage.
func (t *Tx) SourceImages(sourceID int64) ([]Image, error) {
	return queryAll(t, "SELECT "+imageColumns+" FROM event_image WHERE source_id = ? ORDER BY id", scanImage, sourceID)
}

// FirstImages returns, for each event with a picture in the file, the id
// of the first of them (remote pictures are left out): what the timeline
// shows beside titles. It reads neither thumbnails nor bytes.
func (t *Tx) FirstImages() (map[int64]int64, error) {
	type pair struct{ event, image int64 }
	pairs, err := queryAll(t, "SELECT event_id, id FROM event_image WHERE format <> '' ORDER BY event_id, position DESC",
		func(sc interface{ Scan(...any) error }) (pair, error) {
			var p pair
			return p, sc.Scan(&p.event, &p.image)
		})
	if err != nil {
		return nil, err
	}
	first := make(map[int64]int64, len(pairs))
	for _, p := range pairs {
		first[p.event] = p.image // the last row of an event is its first picture
	}
	return first, nil
}

// ImageCounts returns how many images the chronology has in the file and
// how many are remote.
func (t *Tx) ImageCounts() (embedded, remote int, err error) {
	row, err := t.queryRow("SELECT count(*) FILTER (WHERE format <> ''), count(*) FILTER (WHERE format = '') FROM event_image")
	if err != nil {
		return 0, 0, err
	}
	err = translate(row.Scan(&embedded, &remote))
	return embedded, remote, err
}

// AddImage stores a picture as its event's last (see Tx.AddImage).
func (s *Store) AddImage(im *Image, f *ImageFile) error {
	err := s.Update(func(tx *Tx) error { return tx.AddImage(im, f) })
	if err != nil {
		im.ID = 0
	}
	return err
}

// UpdateImage stores an image's texts and place (see Tx.UpdateImage).
func (s *Store) UpdateImage(im *Image) error {
	return s.Update(func(tx *Tx) error { return tx.UpdateImage(im) })
}

// MoveImage moves an image among its event's (see Tx.MoveImage).
func (s *Store) MoveImage(id int64, position int) (int, error) {
	var to int
	err := s.Update(func(tx *Tx) error {
		var err error
		to, err = tx.MoveImage(id, position)
		return err
	})
	return to, err
}

// DeleteImage removes an image with its bytes; ErrNotFound if none.
func (s *Store) DeleteImage(id int64) error {
	return s.Update(func(tx *Tx) error { return tx.DeleteImage(id) })
}

// RestoreImage puts back a deleted image (see Tx.RestoreImage).
func (s *Store) RestoreImage(im Image, data []byte) error {
	return s.Update(func(tx *Tx) error { return tx.RestoreImage(im, data) })
}

// EmbedImage stores fetched bytes for a remote image (see Tx.EmbedImage).
func (s *Store) EmbedImage(id int64, f *ImageFile) error {
	return s.Update(func(tx *Tx) error { return tx.EmbedImage(id, f) })
}

// UnembedImage makes an embedded image with an address remote again.
func (s *Store) UnembedImage(id int64) error {
	return s.Update(func(tx *Tx) error { return tx.UnembedImage(id) })
}

// Image returns an image's metadata and thumbnail, or ErrNotFound.
func (s *Store) Image(id int64) (Image, error) {
	return view(s, func(tx *Tx) (Image, error) { return tx.Image(id) })
}

// EventImages returns an event's images in order, without their bytes.
func (s *Store) EventImages(eventID int64) ([]Image, error) {
	return view(s, func(tx *Tx) ([]Image, error) { return tx.EventImages(eventID) })
}

// ImageData returns the full bytes of an image (nil for a remote one).
func (s *Store) ImageData(id int64) ([]byte, error) {
	return view(s, func(tx *Tx) ([]byte, error) { return tx.ImageData(id) })
}

// RemoteImages returns every image not fetched yet.
func (s *Store) RemoteImages() ([]Image, error) { return view(s, (*Tx).RemoteImages) }

// FirstImages returns each event's first picture in the file (see
// Tx.FirstImages).
func (s *Store) FirstImages() (map[int64]int64, error) { return view(s, (*Tx).FirstImages) }

// ImageCounts returns how many images are in the file and how many remote.
func (s *Store) ImageCounts() (embedded, remote int, err error) {
	err = s.View(func(tx *Tx) error {
		embedded, remote, err = tx.ImageCounts()
		return err
	})
	return embedded, remote, err
}

// checkImages verifies every image, one at a time: a remote one has an
// address and no bytes; an embedded one's bytes are there, of its size
// and format, decode to its width and height, and its thumbnail decodes
// within ThumbnailSize; each event's images are at places 0, 1, 2…
func (s *Store) checkImages() ([]string, error) {
	var problems []string
	var ids []int64
	err := s.View(func(tx *Tx) error {
		var err error
		ids, err = queryAll(tx, "SELECT id FROM event_image ORDER BY id", scanInt64)
		if err != nil {
			return err
		}
		type place struct{ event, n, distinct, lo, hi int64 }
		places, err := queryAll(tx, `SELECT event_id, count(*), count(DISTINCT position), min(position), max(position)
			FROM event_image GROUP BY event_id ORDER BY event_id`,
			func(sc interface{ Scan(...any) error }) (place, error) {
				var p place
				return p, sc.Scan(&p.event, &p.n, &p.distinct, &p.lo, &p.hi)
			})
		if err != nil {
			return err
		}
		for _, p := range places {
			if p.distinct != p.n || p.lo != 0 || p.hi != p.n-1 {
				problems = append(problems, fmt.Sprintf("event %d: its %d images are not at places 0 to %d", p.event, p.n, p.n-1))
			}
		}
		orphans, err := queryAll(tx, "SELECT image_id FROM image_data WHERE image_id IN (SELECT id FROM event_image WHERE format = '')", scanInt64)
		if err != nil {
			return err
		}
		for _, id := range orphans {
			problems = append(problems, fmt.Sprintf("image %d: remote, yet bytes are stored for it", id))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	// One image per read, so a file of large pictures is never held whole.
	for _, id := range ids {
		err := s.View(func(tx *Tx) error {
			im, err := tx.Image(id)
			if err != nil {
				return err
			}
			data, err := tx.ImageData(id)
			if err != nil {
				return err
			}
			if p := checkImage(im, data); p != "" {
				problems = append(problems, fmt.Sprintf("image %d (event %d): %s", im.ID, im.EventID, p))
			}
			return nil
		})
		if err != nil && !errors.Is(err, ErrNotFound) {
			return nil, err
		}
	}
	return problems, nil
}

// checkImage returns what is wrong with a stored image, "" if nothing.
func checkImage(im Image, data []byte) string {
	if err := im.Validate(); err != nil {
		return err.Error()
	}
	if im.Remote() {
		if len(im.Thumbnail) > 0 || im.Size != 0 {
			return "remote, yet it has a thumbnail or a size"
		}
		return ""
	}
	if data == nil {
		return "its bytes are missing"
	}
	if int64(len(data)) != im.Size {
		return fmt.Sprintf("%d bytes stored where its size says %d", len(data), im.Size)
	}
	f, err := DecodeImageFile(fmt.Sprintf("image %d", im.ID), data, "")
	if err != nil {
		return err.Error()
	}
	if f.Format != im.Format || f.Width != im.Width || f.Height != im.Height {
		return fmt.Sprintf("the bytes are a %d × %d %s image where it says %d × %d %s",
			f.Width, f.Height, f.Format.Label(), im.Width, im.Height, im.Format.Label())
	}
	if len(im.Thumbnail) == 0 {
		return "its thumbnail is missing"
	}
	th, err := DecodeImage(im.Thumbnail)
	if err != nil {
		return "its thumbnail is damaged: " + err.Error()
	}
	if b := th.Bounds(); b.Dx() > ThumbnailSize || b.Dy() > ThumbnailSize {
		return fmt.Sprintf("its thumbnail is %d × %d, larger than %d pixels", b.Dx(), b.Dy(), ThumbnailSize)
	}
	return ""
}
