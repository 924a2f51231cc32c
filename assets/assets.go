// Package assets embeds Chronoscope's resources: the app icon and the
// default chronology.
package assets

import (
	_ "embed"
)

// DefaultChronology is the default chronology (the 2014 Sony Pictures hack
// story) in Chronoscope's JSON format.
//
//go:embed sony-hack-2014.json
var DefaultChronology []byte

// DefaultName is the file name the default chronology is written to in the
// user's data directory.
const DefaultName = "sony-hack-2014.chrono"

// IconPNG is the app icon, 512×512 (icon.svg is its source).
//
//go:embed icon.png
var IconPNG []byte
