package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

var (
	_ fyne.Tappable      = (*iconButton)(nil)
	_ desktop.Cursorable = (*iconButton)(nil)
)

// iconButton is an icon that does something when clicked, for the mouse
// only: unlike a widget.Button it is not a Tab stop, for actions that
// have their own key.
type iconButton struct {
	widget.BaseWidget
	icon     fyne.Resource
	OnTapped func()
}

func newIconButton(icon fyne.Resource, tapped func()) *iconButton {
	b := &iconButton{icon: icon, OnTapped: tapped}
	b.ExtendBaseWidget(b)
	return b
}

func (b *iconButton) CreateRenderer() fyne.WidgetRenderer {
	icon := widget.NewIcon(theme.NewThemedResource(b.icon))
	return widget.NewSimpleRenderer(container.NewPadded(icon))
}

// Tapped runs OnTapped.
func (b *iconButton) Tapped(*fyne.PointEvent) {
	if b.OnTapped != nil {
		b.OnTapped()
	}
}

// Cursor shows a pointer over the icon.
func (b *iconButton) Cursor() desktop.Cursor { return desktop.PointerCursor }
