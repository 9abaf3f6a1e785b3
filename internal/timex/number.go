package timex

import (
	"strings"
	"unicode"

	"github.com/storyline/storyline/internal/text"
)

// NumberWords returns the accent-folded, lower-case words that may open
// a number in lang ("eight", "hundred", "veintidos"; not the article of
// "a hundred"), for callers that look a token up before calling Number.
func NumberWords(lang string) map[string]bool {
	l := languages[lang]
	if l == nil {
		l = languages["en"]
	}
	out := map[string]bool{}
	for w, entries := range l.lex.lower {
		if startsNumber(entries) && !onlyClass(entries, "NUMA") {
			out[text.Fold(w)] = true
		}
	}
	return out
}

// numberSpan bounds how much of the text Number reads: enough for "two
// hundred and twenty-five thousand".
const numberSpan = 80

// Number reads the number that opens s, in digits ("95") or words
// ("eight", "a hundred", "doscientos diez"), and returns its value and
// the byte offset in s where it ends. The event package counts the dead
// and wounded with it, on the same number words as durations, calling it
// only at the words NumberWords lists.
func Number(s, lang string) (value float64, end int, ok bool) {
	l := languages[lang]
	if l == nil {
		l = languages["en"]
	}
	if len(s) > numberSpan {
		if cut := strings.LastIndexFunc(s[:numberSpan], unicode.IsSpace); cut > 0 {
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

func onlyClass(entries []entry, class string) bool {
	for _, e := range entries {
		if e.class != class {
			return false
		}
	}
	return len(entries) > 0
}
