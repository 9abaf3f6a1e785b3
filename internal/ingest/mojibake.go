package ingest

import (
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// mojibakeMarkers are the first characters of UTF-8 sequences wrongly
// read as Windows-1252: "Ã©" for "é", "â€™" for "’", "Â " for a no-break
// space. Text without them is left alone cheaply.
const mojibakeMarkers = "ÃÂâÅ"

// fixMojibake undoes UTF-8 text decoded as Windows-1252 ("BogotÃ¡" →
// "Bogotá"), word by word: a word is changed only when all its characters
// map back to single bytes and those bytes form valid, shorter UTF-8, which
// ordinary accented words ("São", "château") never do.
func fixMojibake(s string) string {
	if !strings.ContainsAny(s, mojibakeMarkers) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	last := 0
	for i := 0; i < len(s); {
		if s[i] == ' ' || s[i] == '\n' || s[i] == '\t' {
			i++
			continue
		}
		end := i
		for end < len(s) && s[end] != ' ' && s[end] != '\n' && s[end] != '\t' {
			end++
		}
		word := s[i:end]
		if strings.ContainsAny(word, mojibakeMarkers) {
			if fixed, ok := reencode(word); ok {
				b.WriteString(s[last:i])
				b.WriteString(fixed)
				last = end
			}
		}
		i = end
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// reencode maps each character of word back to its Windows-1252 byte and
// reads the bytes as UTF-8.
func reencode(word string) (string, bool) {
	buf := make([]byte, 0, len(word))
	for _, r := range word {
		if r < utf8.RuneSelf {
			buf = append(buf, byte(r))
			continue
		}
		c, ok := charmap.Windows1252.EncodeRune(r)
		if !ok {
			return "", false
		}
		buf = append(buf, c)
	}
	if len(buf) == len(word) || !utf8.Valid(buf) {
		return "", false
	}
	return string(buf), true
}
