package data

import (
	"bytes"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/gif"
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"mime"
	"os"
	"path/filepath"
	"strings"

	xdraw "golang.org/x/image/draw"
	"golang.org/x/image/webp"
)

// Limits on a picture, checked before it is decoded: a small file can
// claim a huge image (a decompression bomb), and decoding it would take
// gigabytes.
const (
	MaxImageBytes  = 30 << 20   // bytes of the file
	MaxImagePixels = 50_000_000 // width × height
	ThumbnailSize  = 320        // the long side of a thumbnail, in pixels
)

// ImageFormat is the format of an embedded image; a remote image not yet
// fetched has none ("").
type ImageFormat string

// The formats a picture may have.
const (
	PNG  ImageFormat = "png"
	JPEG ImageFormat = "jpeg"
	GIF  ImageFormat = "gif" // its first frame is shown
	WebP ImageFormat = "webp"
)

var imageFormats = []struct {
	format     ImageFormat
	label      string
	mime       string
	extensions []string
}{
	{PNG, "PNG", "image/png", []string{".png"}},
	{JPEG, "JPEG", "image/jpeg", []string{".jpg", ".jpeg", ".jpe", ".jfif"}},
	{GIF, "GIF", "image/gif", []string{".gif"}},
	{WebP, "WebP", "image/webp", []string{".webp"}},
}

// ImageExtensions are the file name extensions of the formats, for file
// dialogs' filters.
func ImageExtensions() []string {
	var out []string
	for _, f := range imageFormats {
		out = append(out, f.extensions...)
	}
	return out
}

// Label is the format's name as people write it ("JPEG", "WebP").
func (f ImageFormat) Label() string {
	for _, v := range imageFormats {
		if v.format == f {
			return v.label
		}
	}
	if f == "" {
		return "remote"
	}
	return string(f)
}

// MIMEType is the format's media type ("image/png"), for data URIs and
// web pages.
func (f ImageFormat) MIMEType() string {
	for _, v := range imageFormats {
		if v.format == f {
			return v.mime
		}
	}
	return ""
}

// Valid reports whether f is one of the four formats.
func (f ImageFormat) Valid() bool { return f.MIMEType() != "" }

// ImageFormatOfName returns the format a file name's extension says;
// false for a name without one of the formats' extensions.
func ImageFormatOfName(name string) (ImageFormat, bool) {
	ext := strings.ToLower(filepath.Ext(name))
	for _, v := range imageFormats {
		for _, e := range v.extensions {
			if e == ext {
				return v.format, true
			}
		}
	}
	return "", false
}

// IsImageName reports whether a file name has a picture's extension.
func IsImageName(name string) bool {
	_, ok := ImageFormatOfName(name)
	return ok
}

// sniffImage tells the format from the first bytes, "" for none of the four.
func sniffImage(b []byte) ImageFormat {
	switch {
	case bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")):
		return PNG
	case bytes.HasPrefix(b, []byte("\xff\xd8\xff")):
		return JPEG
	case bytes.HasPrefix(b, []byte("GIF87a")), bytes.HasPrefix(b, []byte("GIF89a")):
		return GIF
	case len(b) >= 12 && string(b[:4]) == "RIFF" && string(b[8:12]) == "WEBP":
		return WebP
	}
	return ""
}

// what names what the bytes look like, for the message refusing them.
func what(b []byte) string {
	head := strings.ToLower(strings.TrimSpace(string(b[:min(len(b), 512)])))
	switch {
	case strings.HasPrefix(head, "<!doctype html"), strings.HasPrefix(head, "<html"):
		return "a web page"
	case strings.HasPrefix(head, "<svg"), strings.HasPrefix(head, "<?xml"):
		return "an SVG or XML file"
	case bytes.HasPrefix(b, []byte("%PDF")):
		return "a PDF document"
	case bytes.HasPrefix(b, []byte("BM")):
		return "a BMP image"
	}
	return "not a PNG, JPEG, GIF or WebP image"
}

// ImageFile is a picture checked and made ready to store: its bytes, its
// format and size, and its thumbnail. Only ReadImageFile, LoadImageFile
// and DecodeImageFile make one, so a store never holds bytes that were
// not checked.
type ImageFile struct {
	Name          string // the file name, as errors give it
	Format        ImageFormat
	Width, Height int
	data, thumb   []byte
}

// Size is the number of bytes of the file.
func (f *ImageFile) Size() int64 { return int64(len(f.data)) }

// Thumbnail is the thumbnail made from the image (PNG or JPEG, at most
// ThumbnailSize pixels on its long side).
func (f *ImageFile) Thumbnail() []byte { return f.thumb }

// megabytes writes a byte count as "31.5 MB".
func megabytes(n int64) string {
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

// LoadImageFile reads and checks the picture at path (see DecodeImageFile);
// a file over MaxImageBytes is refused from its size, unread. Errors name
// the file.
func LoadImageFile(path string) (*ImageFile, error) {
	name := filepath.Base(path)
	f, err := os.Open(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() > MaxImageBytes {
		return nil, fmt.Errorf("%s: the file is %s, more than the %s a picture may have", name, megabytes(st.Size()), megabytes(MaxImageBytes))
	}
	return ReadImageFile(name, f, "")
}

// ReadImageFile reads a picture from r, at most MaxImageBytes of it, and
// checks it (see DecodeImageFile).
func ReadImageFile(name string, r io.Reader, declared string) (*ImageFile, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxImageBytes+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(b) > MaxImageBytes {
		return nil, fmt.Errorf("%s: the file is more than the %s a picture may have", name, megabytes(MaxImageBytes))
	}
	return DecodeImageFile(name, b, declared)
}

// DecodeImageFile checks the bytes of a picture named name and makes its
// thumbnail. declared is the media type a server sent with it ("" when
// none). It refuses, with an error naming the file: an empty file, one
// over MaxImageBytes, one that is not a PNG, JPEG, GIF or WebP image, one
// whose name's extension or declared type says another format, one of
// more than MaxImagePixels (checked from its header, before decoding),
// and damaged or truncated data. The ImageFile keeps b.
func DecodeImageFile(name string, b []byte, declared string) (*ImageFile, error) {
	if len(b) == 0 {
		return nil, fmt.Errorf("%s: the file is empty", name)
	}
	if len(b) > MaxImageBytes {
		return nil, fmt.Errorf("%s: the file is %s, more than the %s a picture may have", name, megabytes(int64(len(b))), megabytes(MaxImageBytes))
	}
	format := sniffImage(b)
	if declared != "" {
		mt, _, err := mime.ParseMediaType(declared)
		if err != nil {
			mt = strings.ToLower(strings.TrimSpace(declared))
		}
		claimed := ImageFormat("")
		for _, v := range imageFormats {
			if v.mime == mt || (v.format == JPEG && mt == "image/jpg") {
				claimed = v.format
			}
		}
		switch {
		case claimed != "" && format != "" && claimed != format:
			return nil, fmt.Errorf("%s: sent as %s but the data is a %s image", name, claimed.Label(), format.Label())
		case claimed == "" && mt != "application/octet-stream" && mt != "binary/octet-stream":
			return nil, fmt.Errorf("%s: sent as %q, not as a picture", name, declared)
		}
	}
	if format == "" {
		return nil, fmt.Errorf("%s: %s", name, what(b))
	}
	if named, ok := ImageFormatOfName(name); ok && named != format {
		return nil, fmt.Errorf("%s: its name says %s but the file is a %s image", name, named.Label(), format.Label())
	}
	cfg, err := decodeGuarded(func() (image.Config, error) { return decodeConfig(format, b) })
	if err != nil {
		return nil, fmt.Errorf("%s: the %s data is damaged or cut short (%v)", name, format.Label(), err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, fmt.Errorf("%s: the image is %d × %d pixels, which is empty", name, cfg.Width, cfg.Height)
	}
	if int64(cfg.Width)*int64(cfg.Height) > MaxImagePixels {
		return nil, fmt.Errorf("%s: the image is %d × %d pixels (%.0f megapixels), more than the %d megapixels a picture may have",
			name, cfg.Width, cfg.Height, float64(cfg.Width)*float64(cfg.Height)/1e6, MaxImagePixels/1_000_000)
	}
	img, err := decodeGuarded(func() (image.Image, error) { return decodeImage(format, b) })
	if err != nil {
		return nil, fmt.Errorf("%s: the %s data is damaged or cut short (%v)", name, format.Label(), err)
	}
	thumb, err := thumbnail(img)
	if err != nil {
		return nil, fmt.Errorf("%s: making its thumbnail: %w", name, err)
	}
	return &ImageFile{Name: name, Format: format, Width: cfg.Width, Height: cfg.Height, data: b, thumb: thumb}, nil
}

// decodeGuarded runs a decoder, turning a panic on hostile data into an
// error: no decoder's bug may take the app down.
func decodeGuarded[T any](fn func() (T, error)) (v T, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("the decoder failed: %v", r)
		}
	}()
	return fn()
}

func decodeConfig(f ImageFormat, b []byte) (image.Config, error) {
	r := bytes.NewReader(b)
	switch f {
	case PNG:
		return png.DecodeConfig(r)
	case JPEG:
		return jpeg.DecodeConfig(r)
	case GIF:
		return gif.DecodeConfig(r)
	case WebP:
		return webp.DecodeConfig(r)
	}
	return image.Config{}, fmt.Errorf("unknown format %q", f)
}

func decodeImage(f ImageFormat, b []byte) (image.Image, error) {
	r := bytes.NewReader(b)
	switch f {
	case PNG:
		return png.Decode(r)
	case JPEG:
		return jpeg.Decode(r)
	case GIF:
		return gif.Decode(r) // the first frame
	case WebP:
		return webp.Decode(r)
	}
	return nil, fmt.Errorf("unknown format %q", f)
}

// DecodeImage decodes the bytes of a stored picture (from ImageData or a
// thumbnail) for display, with the checks of DecodeImageFile's header:
// format and pixel count.
func DecodeImage(b []byte) (image.Image, error) {
	format := sniffImage(b)
	if format == "" {
		return nil, errors.New(what(b))
	}
	cfg, err := decodeGuarded(func() (image.Config, error) { return decodeConfig(format, b) })
	if err != nil {
		return nil, err
	}
	if int64(cfg.Width)*int64(cfg.Height) > MaxImagePixels {
		return nil, fmt.Errorf("%d × %d pixels is more than %d megapixels", cfg.Width, cfg.Height, MaxImagePixels/1_000_000)
	}
	return decodeGuarded(func() (image.Image, error) { return decodeImage(format, b) })
}

// thumbnail scales img to fit ThumbnailSize (never up) and encodes it:
// JPEG for an opaque image, PNG for one with transparency.
func thumbnail(img image.Image) ([]byte, error) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w <= 0 || h <= 0 {
		return nil, errors.New("the image is empty")
	}
	tw, th := w, h
	if w > ThumbnailSize || h > ThumbnailSize {
		if w >= h {
			tw, th = ThumbnailSize, max(1, (h*ThumbnailSize+w/2)/w)
		} else {
			tw, th = max(1, (w*ThumbnailSize+h/2)/h), ThumbnailSize
		}
	}
	dst := image.NewNRGBA(image.Rect(0, 0, tw, th))
	if tw == w && th == h {
		draw.Draw(dst, dst.Bounds(), img, b.Min, draw.Src)
	} else {
		xdraw.BiLinear.Scale(dst, dst.Bounds(), img, b, xdraw.Src, nil)
	}
	var out bytes.Buffer
	if dst.Opaque() {
		if err := jpeg.Encode(&out, dst, &jpeg.Options{Quality: 85}); err != nil {
			return nil, err
		}
	} else if err := png.Encode(&out, dst); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}
