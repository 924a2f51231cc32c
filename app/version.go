package app

import (
	"fmt"
	"runtime/debug"
)

// AppID is the application id, the same as in FyneApp.toml.
const AppID = "org.chronoscope.Chronoscope"

// Version is Chronoscope's version, the same as in FyneApp.toml.
const Version = "0.1.0"

// buildDate is the time the binary was built (UTC, RFC 3339), set by the
// Makefile at link time: -ldflags -X=chronoscope/app.buildDate=….
var buildDate string

// VersionLine returns "chronoscope VERSION (commit C, built D)": the commit
// as Go recorded it, and the build date set at link time (or, for a plain
// go build, the commit's date, said as such).
func VersionLine() string {
	commit, date, modified := "unknown", "unknown", false
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				commit = s.Value
				if len(commit) > 12 {
					commit = commit[:12]
				}
			case "vcs.time":
				date = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
	}
	if modified {
		commit += "+changes"
	}
	if buildDate != "" {
		return fmt.Sprintf("chronoscope %s (commit %s, built %s)", Version, commit, buildDate)
	}
	if date == "unknown" {
		return fmt.Sprintf("chronoscope %s (commit %s, build date unknown)", Version, commit)
	}
	return fmt.Sprintf("chronoscope %s (commit %s of %s)", Version, commit, date)
}
