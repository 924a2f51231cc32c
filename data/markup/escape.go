package markup

import (
	"bytes"
	"strings"
	"unicode"
	"unicode/utf8"

	"chronoscope/data"
)

// Escape writes text as Markdown that reads as the same text, and never as
// markup: a backslash goes before the characters of emphasis, code, links,
// footnote references, raw HTML, tables and strike-through; before an
// underscore unless it is inside a word (snake_case stays readable); before
// an ampersand that would start a character reference; and, at the start
// of a line, before a heading, quote, list, rule or fence marker ("2014."
// too, which would begin a numbered list), where the line's indentation,
// which no reader shows, is left out (it could make a code block). A word
// holding an address that a Markdown reader links by itself and
// data.CheckURL refuses is code, as HTML writes such an address.
func Escape(s string) string {
	var b []byte
	for i := 0; i < len(s); {
		if i == 0 || strings.IndexByte(" \t\n", s[i-1]) >= 0 { // a word starts
			word := s[i:]
			if end := strings.IndexAny(word, " \t\n"); end >= 0 {
				word = word[:end]
			}
			if refusedAddress(word) {
				b = appendCodeSpan(b, word)
				i += len(word)
				continue
			}
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		lineStart := len(b) == 0 || b[len(b)-1] == '\n'
		if !lineStart || r != ' ' && r != '\t' {
			b = appendEscaped(b, r, s[i+n:])
		}
		i += n
	}
	return string(b)
}

// refusedAddress reports whether word holds an address a Markdown reader
// links by itself (GitHub's: scheme://…, www.…, name@host), to the word's
// end, that data.CheckURL refuses.
func refusedAddress(word string) bool {
	for i := 0; i < len(word); i++ {
		var addr string
		switch {
		case strings.HasPrefix(word[i:], "://"):
			start := schemeStart(word, i)
			if start == i {
				continue
			}
			addr = word[start:]
		case len(word)-i >= 4 && strings.EqualFold(word[i:i+4], "www."):
			addr = "http://" + word[i:]
		case word[i] == '@':
			start := i
			for start > 0 && (isSchemeByte(word[start-1]) || strings.IndexByte("!#$%&'*/=?^_`{|}~", word[start-1]) >= 0) {
				start--
			}
			if start == i {
				continue
			}
			addr = "mailto:" + word[start:]
		default:
			continue
		}
		if data.CheckURL(addr) != nil {
			return true
		}
	}
	return false
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
