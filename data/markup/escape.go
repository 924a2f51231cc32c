package markup

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Escape writes text as Markdown that reads as the same text, and never as
// markup: a backslash goes before the characters of emphasis, code, links,
// footnote references, raw HTML, tables and strike-through; before an
// underscore unless it is inside a word (snake_case stays readable); before
// an ampersand that would start a character reference; and, at the start
// of a line, before a heading, quote, list, rule or fence marker ("2014."
// too, which would begin a numbered list).
func Escape(s string) string {
	var b []byte
	for i, r := range s {
		_, n := utf8.DecodeRuneInString(s[i:])
		b = appendEscaped(b, r, s[i+n:])
	}
	return string(b)
}

// appendEscaped appends r to the Markdown out as Escape writes it; rest is
// the text after r.
func appendEscaped(out []byte, r rune, rest string) []byte {
	escape := false
	switch r {
	case '\\', '*', '`', '[', ']', '<', '>', '|', '~':
		escape = true
	case '_':
		last, _ := utf8.DecodeLastRune(out)
		next, _ := utf8.DecodeRuneInString(rest)
		escape = !isWordRune(last) || !isWordRune(next)
	case '&':
		escape = startsReference(rest)
	case '#', '-', '+':
		head, ok := lineHead(out)
		escape = ok && len(head) == 0
	case '=': // a line of '=' under a paragraph makes it a heading
		head, ok := lineHead(out)
		line, _, _ := strings.Cut(rest, "\n")
		escape = ok && len(head) == 0 && strings.Trim(line, "= \t") == ""
	case '.', ')':
		head, ok := lineHead(out)
		escape = ok && len(head) > 0 && len(head) <= 9 && len(bytes.Trim(head, "0123456789")) == 0
	}
	if escape {
		out = append(out, '\\')
	}
	return utf8.AppendRune(out, r)
}

// lineHead returns what the last line of out holds past its indentation,
// list markers and opening emphasis or link brackets: empty when the next
// character begins the line for a Markdown reader. ok is false when the
// line is longer than a line start could be.
func lineHead(out []byte) (head []byte, ok bool) {
	line := out[bytes.LastIndexByte(out, '\n')+1:]
	if len(line) > 32 {
		return nil, false
	}
	for { // markers, several when lists open on one line ("- - 1. ")
		line = bytes.TrimLeft(line, " ")
		if len(line) >= 2 && (line[0] == '-' || line[0] == '+') && line[1] == ' ' {
			line = line[2:]
		} else if i := bytes.Index(line, []byte(". ")); i > 0 && len(bytes.Trim(line[:i], "0123456789")) == 0 {
			line = line[i+2:]
		} else {
			break
		}
	}
	return bytes.TrimLeft(line, "*["), true
}

// startsReference reports whether rest, after an '&', reads as a
// character reference (&amp; &#38; &#x26;).
func startsReference(rest string) bool {
	end := strings.IndexByte(rest, ';')
	if end < 1 || end > 32 {
		return false
	}
	for _, c := range rest[:end] {
		if c != '#' && (c > unicode.MaxASCII || !unicode.IsLetter(c) && !unicode.IsDigit(c)) {
			return false
		}
	}
	return true
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
