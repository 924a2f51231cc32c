package app

import (
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
)

// Pasting the path of a picture file (or several, one a line) adds it to
// the selected event, as dropping the file does (issue 16).

// hookPicturePaste makes Paste (Ctrl+V) outside a text field add the
// picture files whose paths the clipboard holds to the selected event.
// The timeline passes on the shortcuts it does not use, so Paste works
// while it has the focus too.
func (ui *UI) hookPicturePaste() {
	c := ui.Window.Canvas()
	c.AddShortcut(&fyne.ShortcutPaste{}, func(s fyne.Shortcut) {
		clip := ui.App.Clipboard()
		if p, ok := s.(*fyne.ShortcutPaste); ok && p.Clipboard != nil {
			clip = p.Clipboard
		}
		ui.pastePictures(clip.Content())
	})
	ui.timeline.tl.OnUnhandledShortcut = func(s fyne.Shortcut) {
		if sc, ok := c.(fyne.Shortcutable); ok {
			sc.TypedShortcut(s)
		}
	}
}

// pastePictures adds the picture files named in text, one path a line,
// to the selected event, through the same checks as the Add picture
// dialog. Text that is not a list of paths changes nothing and says so in
// the status bar.
func (ui *UI) pastePictures(text string) {
	if ui.store == nil || ui.presenting != nil {
		return
	}
	paths, err := picturePaths(text)
	if err != nil {
		ui.filters.status.SetText("Nothing pasted: " + err.Error())
		return
	}
	id, ok := ui.timeline.tl.Selected()
	if !ok {
		ui.showError(fmt.Errorf("select an event first: the pasted pictures (%s) are added to the selected event", baseNames(paths)))
		return
	}
	ui.addPictureFiles(id, paths)
}

// picturePaths reads the paths in pasted text: one a line, each absolute,
// a file:// address or starting with ~/, and may be in quotes (as file
// managers and shells copy them). An error says why text is not such a
// list.
func picturePaths(text string) ([]string, error) {
	var paths []string
	for line := range strings.Lines(text) {
		p := strings.TrimSpace(line)
		if len(p) >= 2 && (p[0] == '"' || p[0] == '\'') && p[len(p)-1] == p[0] {
			p = p[1 : len(p)-1]
		}
		switch {
		case p == "":
			continue
		case strings.HasPrefix(p, "file://"):
			u, err := url.Parse(p)
			if err != nil || (u.Host != "" && u.Host != "localhost") {
				return nil, fmt.Errorf("%q is not the address of a file on this computer", pastedText(p))
			}
			p = filepath.FromSlash(u.Path)
		case strings.HasPrefix(p, "~/"):
			home, err := os.UserHomeDir()
			if err != nil {
				return nil, err
			}
			p = filepath.Join(home, p[2:])
		}
		if !filepath.IsAbs(p) {
			return nil, fmt.Errorf("the clipboard holds %q, not the path of a picture file", pastedText(p))
		}
		paths = append(paths, filepath.Clean(p))
	}
	if len(paths) == 0 {
		return nil, errors.New("the clipboard holds no path of a picture file")
	}
	return paths, nil
}

// pastedText is pasted text as a message quotes it: at most 60 characters.
func pastedText(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:59]) + "…"
	}
	return s
}
