package timex

import (
	"strings"
	"unicode"
)

// numberSpan bounds how much of the text Number reads: enough for "two
// hundred and twenty-five thousand".
const numberSpan = 80

// Number reads the number that opens s, in digits ("95") or words
// ("eight", "a hundred", "doscientos diez"), and returns its value and
// the byte offset in s where it ends. The event package counts the dead
// and wounded with it, on the same number words as durations.
func Number(s, lang string) (value float64, end int, ok bool) {
	l := languages[lang]
	if l == nil {
		l = languages["en"]
	}
	// Most words are no number: look the first one up before tokenizing.
	first := s
	if i := strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '-' }); i >= 0 {
		first = s[:i]
	}
	if !startsNumber(l.lex.lookup(strings.ToLower(first), false)) && !allDigits(first) {
		return 0, 0, false
	}
	if len(s) > numberSpan {
		cut := strings.LastIndexFunc(s[:numberSpan], unicode.IsSpace)
		if cut > 0 {
			s = s[:cut]
		}
	}
	toks := l.tokenize(s)
	if len(toks) == 0 || toks[0].start != 0 {
		return 0, 0, false
	}
	v, next, ok := l.number(toks, 0)
	if !ok || next == 0 {
		return 0, 0, false
	}
	return v, toks[next-1].end, true
}

func startsNumber(entries []entry) bool {
	for _, e := range entries {
		if numberStart[e.class] {
			return true
		}
	}
	return false
}
