package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline/storyline/internal/model"
)

var (
	abbrevs = map[string]Set{
		"en": NewSet(LoadWordList("abbrev_en.txt"), false),
		"es": NewSet(LoadWordList("abbrev_es.txt"), false),
	}
	// Titles never end a sentence, whatever follows them.
	titleAbbrevs = NewSet([]string{"Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Gov", "Sen", "Rep", "Rev", "Hon", "Sr", "Sra", "Srta", "Dra", "Lic", "Ing", "Gral", "Cnel", "Tte", "St", "No", "Nº"}, false)
)

// Sentences splits s into sentences: at terminal punctuation followed by a
// plausible sentence start, and at line breaks that end a paragraph or a
// line that is complete on its own (headlines, list items). Spans exclude
// surrounding white space.
func Sentences(s, lang string) []model.Sentence {
	abbr := abbrevs[lang]
	if abbr == nil {
		abbr = abbrevs["en"]
	}
	var out []model.Sentence
	start := 0
	emit := func(end int) {
		a, b := trimSpan(s, start, end)
		if a < b {
			out = append(out, model.Sentence{Start: a, End: b})
		}
		start = end
	}
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\n':
			if lineBreakEnds(s, start, i) {
				emit(i)
			}
		case r == '.' || r == '!' || r == '?' || r == '…':
			end := i + w
			for end < len(s) {
				r2, w2 := utf8.DecodeRuneInString(s[end:])
				if r2 == '.' || r2 == '!' || r2 == '?' || isClosing(r2) {
					end += w2
					continue
				}
				break
			}
			if r == '.' && isAbbreviation(s, i, abbr) && !startsSentenceStrongly(s, end) {
				i = end
				continue
			}
			if sentenceStartsAt(s, end) {
				emit(end)
			}
			i = end
			continue
		}
		i += w
	}
	emit(len(s))
	return out
}

func isClosing(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', '»', ')', ']':
		return true
	}
	return false
}

// sentenceStartsAt reports whether, after white space, s[i:] begins like a
// sentence: an upper-case letter, a digit, an opening quote or bracket, or
// Spanish opening marks.
func sentenceStartsAt(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	j := i
	for j < len(s) {
		r, w := utf8.DecodeRuneInString(s[j:])
		if !unicode.IsSpace(r) {
			break
		}
		j += w
	}
	if j == i {
		return false // "3.5", "U.S.-led": no space, no break
	}
	if j >= len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[j:])
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\"“‘'«¿¡([—–-", r)
}

// startsSentenceStrongly reports whether the word after an abbreviation is
// a capitalized function word ("The", "He", "El"), which a title or name
// rarely is: "in the U.S. The".
func startsSentenceStrongly(s string, i int) bool {
	j := i
	for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
		j++
	}
	if j == i || j >= len(s) {
		return j >= len(s) || (j < len(s) && s[j] == '\n')
	}
	k := j
	for k < len(s) {
		r, w := utf8.DecodeRuneInString(s[k:])
		if !unicode.IsLetter(r) {
			break
		}
		k += w
	}
	w := s[j:k]
	if w == "" || !unicode.IsUpper(runeAt(s, j)) {
		return false
	}
	return sentenceOpeners.Has(w)
}

var sentenceOpeners = NewSet(strings.Fields("The He She It They We I But And In On At A An This That These Those There His Her Its Their Our After Before When While However Meanwhile El La Los Las Él Ella Ellos Pero Y En Un Una Este Esta Según Sin Con"), false)

// isAbbreviation reports whether the period at i closes a known
// abbreviation or a single capital initial ("J. Smith").
func isAbbreviation(s string, i int, abbr Set) bool {
	j := i
	for j > 0 {
		r, w := utf8.DecodeLastRuneInString(s[:j])
		if !(unicode.IsLetter(r) || r == '.' || (r == ' ' && j-w > 0 && s[j-w-1] == '.' && abbrTail(s[:j-w]))) {
			break
		}
		j -= w
	}
	word := strings.TrimLeft(s[j:i], ".")
	if word == "" {
		return false
	}
	if abbr.Has(word) || titleAbbrevs.Has(word) {
		return true
	}
	if utf8.RuneCountInString(word) == 1 && unicode.IsUpper(runeAt(word, 0)) {
		return true
	}
	return false
}

// abbrTail reports whether s ends with a two-letter capital segment, so
// "EE. UU." is read as one abbreviation.
func abbrTail(s string) bool {
	n := 0
	for n < 3 && len(s) > 0 {
		r, w := utf8.DecodeLastRuneInString(s)
		if !unicode.IsUpper(r) {
			break
		}
		s = s[:len(s)-w]
		n++
	}
	return n == 2
}

// lineBreakEnds decides whether the newline at i ends a sentence. Blank
// lines always do; a single newline does unless the line runs on into a
// lower-case continuation (hard-wrapped prose).
func lineBreakEnds(s string, start, i int) bool {
	j := i + 1
	for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\r') {
		j++
	}
	if j >= len(s) || s[j] == '\n' {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[j:])
	if !unicode.IsLower(r) {
		return true
	}
	// Lower-case continuation: keep joining unless the line already ended
	// with terminal punctuation.
	k := i
	for k > start && (s[k-1] == ' ' || s[k-1] == '\r') {
		k--
	}
	if k == start {
		return true
	}
	last, _ := utf8.DecodeLastRuneInString(s[:k])
	return strings.ContainsRune(".!?:", last)
}

func trimSpan(s string, a, b int) (int, int) {
	for a < b {
		r, w := utf8.DecodeRuneInString(s[a:])
		if !unicode.IsSpace(r) {
			break
		}
		a += w
	}
	for b > a {
		r, w := utf8.DecodeLastRuneInString(s[:b])
		if !unicode.IsSpace(r) {
			break
		}
		b -= w
	}
	return a, b
}
