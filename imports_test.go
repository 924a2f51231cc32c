package main

import (
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestImportRules checks the package map of the README: timeline and data
// never import each other (timeline imports nothing of ours but the leaf
// data/calendar), data/calendar imports nothing of ours, and only app
// wires data and timeline together.
func TestImportRules(t *testing.T) {
	deps := func(pkg string) []string {
		t.Helper()
		cmd := exec.Command("go", "list", "-deps", "-f", "{{.ImportPath}}", pkg)
		cmd.Env = os.Environ()
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		var ours []string
		for _, p := range strings.Fields(string(out)) {
			if (p == "chronoscope" || strings.HasPrefix(p, "chronoscope/")) && p != pkg {
				ours = append(ours, p)
			}
		}
		return ours
	}
	if got := deps("chronoscope/timeline"); !slices.Equal(got, []string{"chronoscope/data/calendar"}) {
		t.Errorf("timeline imports %v of ours, want only chronoscope/data/calendar", got)
	}
	if got := deps("chronoscope/data/calendar"); len(got) != 0 {
		t.Errorf("data/calendar imports %v of ours, want none", got)
	}
	for _, pkg := range []string{"chronoscope/data", "chronoscope/data/markup", "chronoscope/data/export",
		"chronoscope/data/timelinejs", "chronoscope/data/timelineproj", "chronoscope/data/csvimport", "chronoscope/data/pgsync"} {
		for _, p := range deps(pkg) {
			if p == "chronoscope/timeline" || p == "chronoscope/app" {
				t.Errorf("%s imports %s", pkg, p)
			}
		}
	}
	app := deps("chronoscope/app")
	if !slices.Contains(app, "chronoscope/timeline") || !slices.Contains(app, "chronoscope/data") {
		t.Errorf("app imports %v: it should wire timeline and data together", app)
	}
}
