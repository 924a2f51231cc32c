package app

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"chronoscope/data"
)

// quickLine is what a quick-add line says: a date, a title, the actors
// (@name or @"two words", with an optional :role), the tags (#tag), the
// certainty (!confirmed) and a link to the source, with the quote from it
// in double quotes right after the link.
type quickLine struct {
	Start     data.Date
	Zone      string
	Title     string
	Actors    []quickActor
	Tags      []string
	Certainty data.Certainty // "" when the line names none
	URL       string
	Quote     string
}

// quickActor is an actor named on a quick-add line, with its role.
type quickActor struct {
	Name, Role string
}

// maxDateWords is how many words a date may take ("22 Dec 2014 16:15 UTC").
const maxDateWords = 5

// parseQuickLine reads a quick-add line such as
//
//	2014-12-22 16:15 UTC North Korea drops off the internet @"North Korea" #outage !confirmed
//
// The date comes first, in any form data.ParseDate reads (the longest run
// of words that is a date); the title is the other words, in order.
func parseQuickLine(line string) (quickLine, error) {
	var q quickLine
	var words []string
	afterURL := false
	for _, tok := range quickTokens(line) {
		quoted := len(tok) >= 2 && tok[0] == '"' && tok[len(tok)-1] == '"'
		switch {
		case afterURL && quoted && q.Quote == "":
			q.Quote = unquote(tok)
		case len(tok) > 1 && tok[0] == '@':
			name, role, _ := cutUnquoted(tok[1:], ':')
			a := quickActor{Name: unquote(name), Role: unquote(role)}
			if a.Name == "" {
				return q, fmt.Errorf("%q names no actor", tok)
			}
			q.Actors = append(q.Actors, a)
		case len(tok) > 1 && tok[0] == '#':
			if t := unquote(tok[1:]); t != "" && !containsFold(q.Tags, t) {
				q.Tags = append(q.Tags, t)
			}
		case len(tok) > 1 && tok[0] == '!':
			c, err := certaintyNamed(tok[1:])
			if err != nil {
				return q, err
			}
			q.Certainty = c
		case strings.HasPrefix(tok, "https://") || strings.HasPrefix(tok, "http://"):
			if err := data.CheckURL(tok); err != nil {
				return q, err
			}
			q.URL = tok
			afterURL = true
			continue
		default:
			words = append(words, tok)
		}
		afterURL = false
	}
	n := 0 // words of the date
	for i := min(len(words), maxDateWords); i > 0; i-- {
		d, zone, err := data.ParseDate(strings.Join(words[:i], " "))
		if err == nil {
			q.Start, q.Zone, n = d, zone, i
			break
		}
	}
	if n == 0 {
		return q, errors.New("start with a date: 2014, Dec 2014, 2014-12-22 or 2014-12-22 16:15 UTC")
	}
	q.Title = strings.Join(words[n:], " ")
	if q.Title == "" {
		return q, errors.New("a title follows the date")
	}
	return q, nil
}

// quickTokens splits a line at spaces, except inside double quotes.
func quickTokens(line string) []string {
	var toks []string
	var cur strings.Builder
	quoted := false
	for _, r := range line {
		switch {
		case r == '"':
			quoted = !quoted
			cur.WriteRune(r)
		case !quoted && (r == ' ' || r == '\t'):
			if cur.Len() > 0 {
				toks = append(toks, cur.String())
				cur.Reset()
			}
		default:
			cur.WriteRune(r)
		}
	}
	if cur.Len() > 0 {
		toks = append(toks, cur.String())
	}
	return toks
}

// cutUnquoted cuts s at the first sep outside double quotes.
func cutUnquoted(s string, sep byte) (before, after string, found bool) {
	quoted := false
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			quoted = !quoted
		case sep:
			if !quoted {
				return s[:i], s[i+1:], true
			}
		}
	}
	return s, "", false
}

// unquote drops the double quotes of a name ("North Korea" or one still
// being typed) and the spaces around it.
func unquote(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(s, `"`, ""))
}

// certaintyNamed is the certainty a word names, or the only one it begins
// ("conf" is confirmed).
func certaintyNamed(word string) (data.Certainty, error) {
	word = strings.ToLower(word)
	var found []data.Certainty
	for _, c := range data.Certainties {
		if string(c) == word {
			return c, nil
		}
		if strings.HasPrefix(string(c), word) {
			found = append(found, c)
		}
	}
	if len(found) == 1 {
		return found[0], nil
	}
	return "", fmt.Errorf("!%s is not a certainty: confirmed, reported, claimed, disputed or denied", word)
}

func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

// linkHost is the host a link points to, without "www.": the publisher a
// source made from a pasted link starts with.
func linkHost(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(u.Hostname(), "www.")
}
