package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/zalando/go-keyring"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"chronoscope/data"
	"chronoscope/data/pgsync"
)

// A shared chronology in the window: the window works on a local copy
// (an ordinary file in the user's cache folder), and a pgsync.Client on a
// connection of its own keeps the copy in step with the server. The
// window sees what the client applies as it sees any change made to its
// file elsewhere (watch.go), and the client sees the window's edits
// through the copy's journal.

// prefAuthor is the name a window signs its changes to shared
// chronologies with.
const prefAuthor = "author"

type sharedSession struct {
	target pgsync.Target
	path   string      // the local copy
	store  *data.Store // the client's own connection to it
	client *pgsync.Client
	cancel context.CancelFunc
	done   chan struct{} // closed when the client's Run returns
	// readOnly: the server lets this user only read; the window opens
	// the copy read-only.
	readOnly bool
}

func (s *sharedSession) stop() {
	s.cancel()
	select { // the client's work ends at once when cancelled; a dead network is not waited for
	case <-s.done:
	case <-time.After(2 * time.Second):
	}
	s.client.Close()
	s.store.Close()
}

// sharedCopyPath is where the local copy of a shared chronology lives.
func sharedCopyPath(t pgsync.Target) (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(t.String()))
	dir = filepath.Join(dir, "chronoscope", "shared")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	return filepath.Join(dir, hex.EncodeToString(sum[:8])+".chrono"), nil
}

func (ui *UI) author() string {
	return ui.App.Preferences().StringWithFallback(prefAuthor, defaultAuthor())
}

// OpenShared opens a shared chronology (postgres://…): its local copy
// when this machine has one (brought up to date once connected), a new
// copy from the server otherwise. The password is the URL's, PGPASSWORD,
// ~/.pgpass's or the system keyring's; failing those, the window asks.
// The author name is asked once.
func (ui *UI) OpenShared(raw string) {
	t, err := pgsync.ParseTarget(raw)
	if err != nil {
		ui.openFailed(err)
		return
	}
	ui.askAuthorOnce(func() { ui.openShared(t, keyringPassword(t), false) })
}

// keyringService is the name Chronoscope's passwords are kept under in
// the system keyring.
const keyringService = "Chronoscope"

// keyringAccount names a server's user in the keyring:
// user@host:port/database.
func keyringAccount(t pgsync.Target) string {
	u, err := url.Parse(t.URL)
	if err != nil {
		return t.URL
	}
	return u.User.Username() + "@" + u.Host + u.Path
}

// keyringPassword returns the password kept for the target, or "".
func keyringPassword(t pgsync.Target) string {
	p, err := keyring.Get(keyringService, keyringAccount(t))
	if err != nil {
		return ""
	}
	return p
}

func (ui *UI) openShared(t pgsync.Target, password string, remember bool) {
	author := ui.author()
	ui.filters.status.SetText("Connecting to " + pgsync.Redact(t.URL) + "…")
	// The client's news reach the window on its goroutine.
	onNotice := func(n pgsync.Notice) { ui.post(func() { ui.showNotice(n) }) }
	onChange := func() { ui.post(ui.checkElsewhere) } // at once, not at the next look
	ui.async(func() {
		sess, err := startShared(t, author, password, onNotice, onChange)
		fyne.Do(func() {
			if errors.Is(err, pgsync.ErrPassword) {
				ui.askPassword(t, password != "")
				return
			}
			if choose := (*pgsync.ChooseError)(nil); errors.As(err, &choose) {
				ui.chooseChronology(t, password, remember, choose.Names)
				return
			}
			if err != nil {
				ui.openFailed(err)
				return
			}
			if remember {
				if err := keyring.Set(keyringService, keyringAccount(t), password); err != nil {
					ui.showError(fmt.Errorf("the password could not be kept in the system keyring: %w", err))
				}
			}
			ui.pendingShared = sess
			ui.OpenFile(sess.path)
		})
	})
}

// askPassword asks for the server's password, and opens the chronology
// with it; wrong says the last one was refused.
func (ui *UI) askPassword(t pgsync.Target, wrong bool) {
	ui.filters.status.SetText("")
	entry := widget.NewPasswordEntry()
	remember := widget.NewCheck("Remember in the system keyring", nil)
	msg := "The server asks for a password for " + pgsync.Redact(t.URL) + "."
	if wrong {
		msg = "The server refused that password for " + pgsync.Redact(t.URL) + "."
	}
	note := widget.NewLabel(msg)
	note.Wrapping = fyne.TextWrapWord
	d := dialog.NewForm("Password", "Connect", "Cancel",
		[]*widget.FormItem{widget.NewFormItem("", note), widget.NewFormItem("Password", entry), widget.NewFormItem("", remember)},
		func(ok bool) {
			if ok && entry.Text != "" {
				ui.openShared(t, entry.Text, remember.Checked)
			}
		}, ui.Window)
	d.Resize(fyne.NewSize(560, d.MinSize().Height))
	ui.passwordDialog = d
	d.Show()
	ui.passwordEntry, ui.rememberPassword = entry, remember
	ui.Window.Canvas().Focus(entry)
}

// chooseChronology asks which of the server's chronologies to open.
func (ui *UI) chooseChronology(t pgsync.Target, password string, remember bool, names []string) {
	ui.filters.status.SetText("")
	pick := widget.NewSelect(names, nil)
	pick.SetSelectedIndex(0)
	note := widget.NewLabel("The server holds several chronologies. Which one?")
	note.Wrapping = fyne.TextWrapWord
	d := dialog.NewForm("Open shared chronology", "Open", "Cancel",
		[]*widget.FormItem{widget.NewFormItem("", note), widget.NewFormItem("Chronology", pick)},
		func(ok bool) {
			if ok && pick.Selected != "" {
				t.Name = pick.Selected
				ui.openShared(t, password, remember)
			}
		}, ui.Window)
	d.Resize(fyne.NewSize(560, d.MinSize().Height))
	ui.chronologyPick = pick
	d.Show()
}

// askAuthorOnce asks, the first time, the name others will see on this
// window's changes to shared chronologies, then runs next.
func (ui *UI) askAuthorOnce(next func()) {
	if ui.App.Preferences().String(prefAuthor) != "" {
		next()
		return
	}
	entry := widget.NewEntry()
	entry.SetText(defaultAuthor())
	note := widget.NewLabel("Others see this name on your changes to shared chronologies.")
	note.Wrapping = fyne.TextWrapWord
	d := dialog.NewForm("Your name", "OK", "Cancel",
		[]*widget.FormItem{widget.NewFormItem("", note), widget.NewFormItem("Name", entry)},
		func(ok bool) {
			if name := strings.TrimSpace(entry.Text); ok && name != "" {
				ui.App.Preferences().SetString(prefAuthor, name)
				next()
			}
		}, ui.Window)
	d.Resize(fyne.NewSize(520, d.MinSize().Height))
	ui.authorEntry = entry
	d.Show()
	ui.Window.Canvas().Focus(entry)
}

// startShared makes or reuses the local copy and starts its client.
func startShared(t pgsync.Target, author, password string, onNotice func(pgsync.Notice), onChange func()) (*sharedSession, error) {
	path, err := sharedCopyPath(t)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
		st, err := pgsync.Clone(ctx, t, password, path)
		cancel()
		if err != nil {
			return nil, err
		}
		st.Close()
	}
	st, err := data.Open(path)
	if err != nil {
		return nil, err
	}
	c, err := pgsync.NewClient(st, password, author)
	if err != nil {
		st.Close()
		return nil, err
	}
	c.OnNotice, c.OnChange = onNotice, onChange
	// One sync before the window shows the copy: it is up to date, and
	// the window knows whether it may write. Offline, the copy opens as
	// it was, and the client keeps trying.
	first, cancelFirst := context.WithTimeout(context.Background(), 15*time.Second)
	err = c.Sync(first)
	cancelFirst()
	if errors.Is(err, pgsync.ErrPassword) {
		c.Close()
		st.Close()
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		c.Run(ctx)
		close(done)
	}()
	return &sharedSession{target: t, path: path, store: st, client: c, cancel: cancel, done: done, readOnly: c.Status().ReadOnly}, nil
}

// stopShared ends the shared session, if any (another file is opened).
func (ui *UI) stopShared() {
	if ui.shared != nil {
		ui.shared.stop()
		ui.shared = nil
	}
}

// sharedStatusText says how the shared copy stands, for the status bar.
func sharedStatusText(s pgsync.Status, now time.Time) string {
	var parts []string
	switch {
	case !s.Online && s.Pending > 0:
		parts = append(parts, fmt.Sprintf("Offline — %d change%s to send", s.Pending, plural(s.Pending)))
	case !s.Online:
		parts = append(parts, "Offline")
	case s.Pending > 0:
		parts = append(parts, fmt.Sprintf("Shared — sending %d change%s", s.Pending, plural(s.Pending)))
	default:
		parts = append(parts, "Shared")
	}
	if s.ReadOnly {
		parts = append(parts, "read-only")
	}
	if len(s.Others) > 0 {
		parts = append(parts, "with "+strings.Join(s.Others, ", "))
	}
	if !s.LastChange.IsZero() {
		parts = append(parts, "last change "+s.LastChange.Format("15:04:05"))
	}
	return strings.Join(parts, " · ")
}

// updateSharedStatus shows the shared copy's state under the filters.
func (ui *UI) updateSharedStatus() {
	if ui.shared == nil {
		ui.sharedStatus.Hide()
		return
	}
	ui.sharedStatus.SetText(sharedStatusText(ui.shared.client.Status(), time.Now()))
	ui.sharedStatus.Show()
}

// showNotice tells the user about a change that met someone else's.
func (ui *UI) showNotice(n pgsync.Notice) {
	dialog.ShowInformation("Shared chronology", n.Message, ui.Window)
}

// showOpenSharedDialog asks for a shared chronology's URL.
func (ui *UI) showOpenSharedDialog() {
	entry := widget.NewEntry()
	entry.SetPlaceHolder("postgres://user@host/db?sslmode=require&chronology=NAME")
	d := dialog.NewForm("Open shared chronology", "Open", "Cancel",
		[]*widget.FormItem{widget.NewFormItem("Server URL", entry)}, func(ok bool) {
			if ok && strings.TrimSpace(entry.Text) != "" {
				ui.OpenShared(strings.TrimSpace(entry.Text))
			}
		}, ui.Window)
	d.Resize(fyne.NewSize(640, d.MinSize().Height))
	d.Show()
	ui.Window.Canvas().Focus(entry)
}

// showShareDialog publishes the open chronology to a server and opens the
// shared copy.
func (ui *UI) showShareDialog() {
	if ui.store == nil {
		return
	}
	entry := widget.NewEntry()
	entry.SetPlaceHolder("postgres://user@host/db?sslmode=require")
	name := widget.NewEntry()
	name.SetText(ui.title)
	d := dialog.NewForm("Share on server", "Share", "Cancel",
		[]*widget.FormItem{widget.NewFormItem("Server URL", entry), widget.NewFormItem("Name", name)}, func(ok bool) {
			if !ok || strings.TrimSpace(entry.Text) == "" {
				return
			}
			t, err := pgsync.ParseTarget(strings.TrimSpace(entry.Text))
			if err != nil {
				ui.showError(err)
				return
			}
			t.Name = strings.TrimSpace(name.Text)
			s := ui.store
			ui.askAuthorOnce(func() { ui.share(s, t) })
		}, ui.Window)
	d.Resize(fyne.NewSize(640, d.MinSize().Height))
	d.Show()
	ui.Window.Canvas().Focus(entry)
}

// share publishes s to the target and opens the shared copy.
func (ui *UI) share(s *data.Store, t pgsync.Target) {
	author := ui.author()
	ui.async(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Minute)
		defer cancel()
		published, err := pgsync.Publish(ctx, s, t, keyringPassword(t), author)
		fyne.Do(func() {
			if err != nil {
				ui.showError(err)
				return
			}
			t.Name = published
			ui.openShared(t, keyringPassword(t), false)
		})
	})
}
