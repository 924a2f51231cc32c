package app

import (
	"fmt"
	"runtime/debug"
)

// AppID is the application id, the same as in FyneApp.toml.
const AppID = "org.chronoscope.Chronoscope"

// Version is Chronoscope's version, the same as in FyneApp.toml.
const Version = "0.1.0"

// VersionLine returns "chronoscope VERSION (commit C, built D)" with the
// commit and its date as Go recorded them when the binary was built.
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
	return fmt.Sprintf("chronoscope %s (commit %s, built %s)", Version, commit, date)
}
