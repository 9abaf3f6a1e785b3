package text

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline/storyline/internal/model"
)

// Fold lower-cases s, strips the accents of Latin letters and unifies
// apostrophes, so that "Lodrávo", "LODRAVO" and "lodravo" compare equal.
// Text already folded is returned without copying.
func Fold(s string) string {
	folded := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			folded = false
			break
		}
	}
	if folded {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = unicode.ToLower(r)
		if base, ok := unaccented[r]; ok {
			r = base
		}
		if r == '’' {
			r = '\''
		}
		b.WriteRune(r)
	}
	return b.String()
}

var unaccented = map[rune]rune{
	'á': 'a', 'à': 'a', 'â': 'a', 'ä': 'a', 'ã': 'a',
	'é': 'e', 'è': 'e', 'ê': 'e', 'ë': 'e',
	'í': 'i', 'ì': 'i', 'î': 'i', 'ï': 'i',
	'ó': 'o', 'ò': 'o', 'ô': 'o', 'ö': 'o', 'õ': 'o',
	'ú': 'u', 'ù': 'u', 'û': 'u', 'ü': 'u',
	'ñ': 'n', 'ç': 'c',
}

// Words are the tokens of one sentence, their offsets into the text, and
// Folded[i] the folded form of Tokens[i].
type Words struct {
	Tokens []Token
	Folded []string
}

// SentenceWords tokenizes each sentence of s once, for the analysis steps
// that scan sentences word by word; a sentence whose span lies outside s
// has no words.
func SentenceWords(s string, sents []model.Sentence) []Words {
	out := make([]Words, len(sents))
	for i, sent := range sents {
		if sent.Start < 0 || sent.End > len(s) || sent.Start >= sent.End {
			continue
		}
		toks := Tokenize(s[sent.Start:sent.End])
		folded := make([]string, len(toks))
		for k := range toks {
			toks[k].Start += sent.Start
			toks[k].End += sent.Start
			folded[k] = Fold(toks[k].Text)
		}
		out[i] = Words{toks, folded}
	}
	return out
}

// OwnerAt reports whether the name ending at byte end of s is followed by
// a possessive ("Tarquela’s army"): it owns what comes after it.
func OwnerAt(s string, end int) bool {
	rest := s[end:]
	return strings.HasPrefix(rest, "’s ") || strings.HasPrefix(rest, "'s ")
}

// StartsLower reports whether s begins with a lower-case letter.
func StartsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}
