package data

import "strings"

// The spreadsheet formula guard, one rule for every CSV Chronoscope
// writes and reads: a cell starting with =, +, -, @, tab or carriage
// return is a formula to Excel, LibreOffice and Google Sheets, so it is
// written with a ' before it, and that ' is taken off again on import.

// formulaStarts are the first bytes that make a cell a formula.
const formulaStarts = "=+-@\t\r"

// GuardCell returns s with a ' before it when a spreadsheet would run it
// as a formula, so that it shows as text.
func GuardCell(s string) string {
	if s != "" && strings.IndexByte(formulaStarts, s[0]) >= 0 {
		return "'" + s
	}
	return s
}

// UnguardCell removes the ' that GuardCell (or another formula-safe
// writer) put before a cell.
func UnguardCell(s string) string {
	if len(s) >= 2 && s[0] == '\'' && strings.IndexByte(formulaStarts, s[1]) >= 0 {
		return s[1:]
	}
	return s
}
