// Chronoscope is a desktop timeline visualiser: it opens a chronology
// (events, the actors involved, the sources behind each event) from a
// SQLite file and draws it as an interactive timeline.
//
// Run it with no arguments to open the default chronology, with a
// FILE.chrono to open that file, or with a command (list, generate, check,
// --version); see app.RunCommand.
package main

import (
	"os"

	"chronoscope/app"
)

func main() {
	args := os.Args[1:]
	if app.IsCommand(args) {
		os.Exit(app.RunCommand(args, os.Stdout, os.Stderr))
	}
	os.Exit(app.RunGUI(args))
}
