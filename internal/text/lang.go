package text

import (
	"strings"
	"unicode"
)

// Analysed languages. Others are detected so that they can be marked, not
// forced into English or Spanish.
var langStops = map[string]Set{
	"en": NewSet(LoadWordList("stop_en.txt"), true),
	"es": NewSet(LoadWordList("stop_es.txt"), true),
	"fr": NewSet(LoadWordList("stop_fr.txt"), true),
	"pt": NewSet(LoadWordList("stop_pt.txt"), true),
	"de": NewSet(LoadWordList("stop_de.txt"), true),
	"it": NewSet(LoadWordList("stop_it.txt"), true),
}

var langOrder = []string{"en", "es", "fr", "pt", "de", "it"}

// DetectLanguage returns the ISO 639-1 code of the language s is most
// likely written in, judged by function-word frequency, or "und" when the
// text is too short or has no recognisable function words.
func DetectLanguage(s string) string {
	scores := map[string]int{}
	words := 0
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if words >= 2000 {
			break
		}
		words++
		w := strings.ToLower(f)
		for _, l := range langOrder {
			if langStops[l].Has(w) {
				scores[l]++
			}
		}
	}
	// Ties go to the earlier language in langOrder: short headlines share
	// function words ("de", "un") across Romance languages.
	best, bestScore := "und", 0
	for _, l := range langOrder {
		if sc := scores[l]; sc > bestScore {
			best, bestScore = l, sc
		}
	}
	if bestScore < 2 || bestScore*10 < words {
		return "und"
	}
	return best
}

// Analysed reports whether storyline analyses text in lang.
func Analysed(lang string) bool { return lang == "en" || lang == "es" }
