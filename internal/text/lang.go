package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

var langOrder = []string{"en", "es", "fr", "pt", "de", "it"}

// stopLangs maps each function word of the detected languages to the set
// of languages it belongs to, bit i for langOrder[i]: one lookup a word.
// Languages beyond English and Spanish are detected so that they can be
// marked, not forced into English or Spanish.
var stopLangs = func() map[string]uint8 {
	m := map[string]uint8{}
	for i, l := range langOrder {
		for w := range NewSet(LoadWordList("stop_"+l+".txt"), true) {
			m[w] |= 1 << i
		}
	}
	return m
}()

// DetectLanguage returns the ISO 639-1 code of the language s is most
// likely written in, judged by function-word frequency over its first 2,000
// words, or "und" when the text is too short or has no recognisable
// function words.
func DetectLanguage(s string) string {
	var scores [8]int // by langOrder index, as stopLangs' bits
	words := 0
	for i := 0; i < len(s) && words < 2000; {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !unicode.IsLetter(r) {
			i += size
			continue
		}
		start := i
		for i < len(s) {
			r, size = utf8.DecodeRuneInString(s[i:])
			if !unicode.IsLetter(r) {
				break
			}
			i += size
		}
		words++
		langs := stopLangs[strings.ToLower(s[start:i])]
		for k := range langOrder {
			if langs&(1<<k) != 0 {
				scores[k]++
			}
		}
	}
	// Ties go to the earlier language in langOrder: short headlines share
	// function words ("de", "un") across Romance languages.
	best, bestScore := "und", 0
	for k, l := range langOrder {
		if scores[k] > bestScore {
			best, bestScore = l, scores[k]
		}
	}
	if bestScore < 2 || bestScore*10 < words {
		return "und"
	}
	return best
}

// Analysed reports whether storyline analyses text in lang.
func Analysed(lang string) bool { return lang == "en" || lang == "es" }
