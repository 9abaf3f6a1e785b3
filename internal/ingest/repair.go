package ingest

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/storyline/storyline/internal/text"
)

var (
	boilerplateLines = text.NewSet(text.ReadLines(mustData("boilerplate.txt")), true)
	// Longest first so that "re" is tried before a shorter ending could
	// wrongly succeed.
	contractionEndings = sortedLongestFirst(dataWords("apostrophe.txt"))
)

func sortedLongestFirst(ws []string) []string {
	out := append([]string(nil), ws...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && len(out[j]) > len(out[j-1]); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// repairText cleans a report's body: unified line ends, NFC, invisible and
// control characters removed, boilerplate lines dropped, broken
// apostrophes mended, blank-line runs collapsed, lines and ends trimmed.
func repairText(s string) string {
	return repairLines(strings.Split(normalizeText(s), "\n"))
}

// normalizeText does the character-level repairs that do not depend on
// line structure: line ends, mojibake, NFC, invisible characters.
func normalizeText(s string) string {
	if strings.IndexByte(s, '\r') >= 0 {
		s = strings.ReplaceAll(s, "\r\n", "\n")
		s = strings.ReplaceAll(s, "\r", "\n")
	}
	s = fixMojibake(s)
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	if strings.IndexFunc(s, isInvisible) >= 0 {
		s = strings.Map(func(r rune) rune {
			if isInvisible(r) {
				return -1
			}
			return r
		}, s)
	}
	return s
}

// isInvisible reports characters that carry no text: controls other than
// tab and newline, zero-width marks and stray byte-order marks.
func isInvisible(r rune) bool {
	switch r {
	case '\n', '\t':
		return false
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', utf8.RuneError:
		return true
	}
	return unicode.IsControl(r)
}

// repairLines joins already normalized lines into repaired text.
func repairLines(lines []string) string {
	var b strings.Builder
	blank := false
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			blank = b.Len() > 0
			continue
		}
		if isBoilerplate(l) {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
			if blank {
				b.WriteByte('\n')
			}
		}
		blank = false
		b.WriteString(fixApostrophes(l))
	}
	return b.String()
}

// isBoilerplate reports page and reader chrome: a listed phrase, or a line
// without a single letter or digit (lone emoji, separators, bullets).
func isBoilerplate(line string) bool {
	if strings.IndexFunc(line, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) < 0 {
		return true
	}
	if len(line) > 48 {
		return false
	}
	return boilerplateLines.Has(strings.ToLower(strings.Join(strings.Fields(line), " ")))
}

// fixApostrophes mends apostrophes that arrived as straight double quotes
// or look-alike marks ("Lopez"s", "Norlandʼs"): the mark must sit between
// a letter and an English contraction ending that closes the word, which a
// real quotation mark never does.
func fixApostrophes(s string) string {
	if !strings.ContainsAny(s, "\"ʼ´") {
		return s
	}
	var b strings.Builder
	last := 0
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if (r == '"' || r == 'ʼ' || r == '´') && i > 0 {
			prev, _ := utf8.DecodeLastRuneInString(s[:i])
			if unicode.IsLetter(prev) && endsWithContraction(s[i+w:]) {
				b.WriteString(s[last:i])
				b.WriteString("’")
				last = i + w
			}
		}
		i += w
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

func endsWithContraction(rest string) bool {
	for _, e := range contractionEndings {
		if len(rest) < len(e) || !strings.EqualFold(rest[:len(e)], e) {
			continue
		}
		next, _ := utf8.DecodeRuneInString(rest[len(e):])
		if len(rest) == len(e) || !(unicode.IsLetter(next) || unicode.IsDigit(next)) {
			return true
		}
	}
	return false
}

// cleanTitle repairs a title and makes it one line.
func cleanTitle(s string) string {
	return fixApostrophes(strings.Join(strings.Fields(normalizeText(s)), " "))
}
