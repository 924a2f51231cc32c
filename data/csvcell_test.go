package data_test

import (
	"testing"

	"chronoscope/data"
)

func TestGuardCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=1+1", "'=1+1"},
		{"+1", "'+1"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\r=1"},
		{"plain", "plain"},
		{"a=1", "a=1"},
		{"'quoted", "'quoted"},
		{"", ""},
		{"500 BCE", "500 BCE"},
	}
	for _, tt := range tests {
		got := data.GuardCell(tt.in)
		if got != tt.want {
			t.Errorf("GuardCell(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if back := data.UnguardCell(got); back != tt.in {
			t.Errorf("UnguardCell(%q) = %q, want %q back", got, back, tt.in)
		}
	}
	// A ' before anything else is the cell's own text.
	for _, s := range []string{"'quoted", "'", "'a=1"} {
		if got := data.UnguardCell(s); got != s {
			t.Errorf("UnguardCell(%q) = %q, want it unchanged", s, got)
		}
	}
}
