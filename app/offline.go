package app

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"path"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"chronoscope/data"
)

// Make available offline: the chronology's remote pictures are fetched
// into the file, so that a classroom without a network still shows them.
// Only on the user's request, over http and https only, each picture at
// most data.MaxImageBytes, checked as a file the user adds; a picture is
// stored whole or not at all, and a cancelled run stores none.

// fetchTimeout bounds the fetch of one picture, answer and body.
const fetchTimeout = 60 * time.Second

// fetchFailure is a picture that could not be fetched, and why.
type fetchFailure struct {
	Image data.Image
	Err   error
}

// fetchReport is what a run of Make available offline did.
type fetchReport struct {
	Total     int            // remote pictures when it began
	Fetched   []int64        // the pictures now in the file
	Failed    []fetchFailure // the others, with the reason
	Cancelled bool           // the user cancelled: nothing was kept
}

// pictureClient is the HTTP client of the fetches: timeout is per
// picture, and redirects may lead only to http or https addresses.
func pictureClient(timeout time.Duration) *http.Client {
	return &http.Client{
		Timeout: timeout,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 5 {
				return errors.New("too many redirects")
			}
			return data.CheckImageURL(req.URL.String())
		},
	}
}

// fetchPicture fetches one picture and checks it (data.ReadImageFile:
// size, declared type against its bytes, dimensions, damage).
func fetchPicture(ctx context.Context, client *http.Client, im data.Image) (*data.ImageFile, error) {
	if err := data.CheckImageURL(im.URL); err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, im.URL, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "image/png, image/jpeg, image/gif, image/webp")
	resp, err := client.Do(req)
	if err != nil {
		return nil, describeFetchError(err, client.Timeout)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("the server answered %s", resp.Status)
	}
	if resp.ContentLength > data.MaxImageBytes {
		return nil, fmt.Errorf("the picture is %.1f MB, more than the %d MB a picture may have", float64(resp.ContentLength)/(1<<20), data.MaxImageBytes>>20)
	}
	name := path.Base(resp.Request.URL.Path)
	if name == "/" || name == "." || name == "" {
		name = resp.Request.URL.Host
	}
	f, err := data.ReadImageFile(name, resp.Body, resp.Header.Get("Content-Type"))
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, describeFetchError(err, client.Timeout)
	}
	return f, nil
}

// describeFetchError says a timeout in words.
func describeFetchError(err error, timeout time.Duration) error {
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("no complete answer within %s", timeout)
	}
	return err
}

// fetchRemotePictures fetches every remote picture of s into the file,
// one at a time, calling progress before each (off the UI goroutine). A
// picture fetched is stored at once, whole; when ctx is cancelled the
// pictures this run stored are made remote again, so the file is as it
// was.
func fetchRemotePictures(ctx context.Context, s *data.Store, client *http.Client, progress func(done, total int, im data.Image)) (fetchReport, error) {
	ims, err := s.RemoteImages()
	if err != nil {
		return fetchReport{}, err
	}
	r := fetchReport{Total: len(ims)}
	for i, im := range ims {
		if ctx.Err() != nil {
			break
		}
		if progress != nil {
			progress(i, len(ims), im)
		}
		f, err := fetchPicture(ctx, client, im)
		if err == nil {
			err = s.EmbedImage(im.ID, f)
		}
		if ctx.Err() != nil {
			break
		}
		if err != nil {
			r.Failed = append(r.Failed, fetchFailure{im, err})
			continue
		}
		r.Fetched = append(r.Fetched, im.ID)
	}
	if ctx.Err() != nil {
		r.Cancelled = true
		var errs []error
		for _, id := range r.Fetched {
			if err := s.UnembedImage(id); err != nil && !errors.Is(err, data.ErrNotFound) {
				errs = append(errs, err)
			}
		}
		r.Fetched = nil
		if err := errors.Join(errs...); err != nil {
			return r, fmt.Errorf("cancelled, but some pictures stay in the file: %w", err)
		}
	}
	if progress != nil && !r.Cancelled {
		progress(len(ims), len(ims), data.Image{})
	}
	return r, nil
}

// summary says what a run did, for its closing dialog.
func (r fetchReport) summary() string {
	if r.Cancelled {
		return "Cancelled: no picture was added to the file."
	}
	if r.Total == 0 {
		return "Every picture is in the file already."
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d of %d pictures are now in the file.", len(r.Fetched), r.Total)
	if len(r.Failed) > 0 {
		b.WriteString("\n\nNot fetched:")
		for i, f := range r.Failed {
			if i == 12 {
				fmt.Fprintf(&b, "\n… and %d more", len(r.Failed)-i)
				break
			}
			fmt.Fprintf(&b, "\n• %s (%s): %v", pictureName(f.Image), f.Image.URL, f.Err)
		}
	}
	return b.String()
}

// MakeAvailableOffline fetches the chronology's remote pictures into the
// file, with a progress bar and Cancel, then says what could not be
// fetched and why.
func (ui *UI) MakeAvailableOffline() {
	if !ui.editable() {
		return
	}
	s := ui.store
	ctx, cancel := context.WithCancel(context.Background())
	bar := widget.NewProgressBar()
	label := widget.NewLabel("Looking for pictures not in the file…")
	label.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomWithoutButtons("Make pictures available offline", container.NewVBox(label, bar), ui.Window)
	cancelB := widget.NewButton("Cancel", cancel)
	d.SetButtons([]fyne.CanvasObject{cancelB})
	d.Resize(fyne.NewSize(480, 0))
	d.Show()
	ui.async(func() {
		r, err := fetchRemotePictures(ctx, s, pictureClient(fetchTimeout), func(done, total int, im data.Image) {
			fyne.Do(func() {
				bar.SetValue(float64(done) / float64(max(total, 1)))
				if done < total {
					label.SetText(fmt.Sprintf("Fetching %d of %d: %s", done+1, total, pictureName(im)))
				}
			})
		})
		cancel()
		fyne.Do(func() {
			d.Hide()
			if ui.store != s {
				return
			}
			if err != nil {
				ui.showError(err)
			}
			dialog.ShowInformation("Make pictures available offline", r.summary(), ui.Window)
			if len(r.Fetched) > 0 {
				ui.afterEdit()
			}
		})
	})
}
