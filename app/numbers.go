package app

import "chronoscope/data/calendar"

// groupDigits writes n with its thousands grouped by commas, as the
// window's English text does: 1,000,000 rather than 1000000 (the rule is
// calendar.Grouped's, which the timeline's year labels use too). The
// command line prints plain digits, for scripts.
func groupDigits(n int) string { return calendar.Grouped(int64(n)) }
