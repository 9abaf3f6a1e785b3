package text

import (
	"unicode"
	"unicode/utf8"
)

// TokenKind classifies a token.
type TokenKind uint8

// Token kinds.
const (
	Word   TokenKind = iota // letters, with inner apostrophes, hyphens and abbreviation dots
	Number                  // digits, with inner separators: 15,000  2026-01-03  17:53  3.5
	Handle                  // @name or #tag
	Punct                   // any other single non-space rune
)

// Token is a span of the text with its kind.
type Token struct {
	Start, End int
	Text       string
	Kind       TokenKind
}

// Tokenize splits s into tokens. Offsets are byte offsets into s.
func Tokenize(s string) []Token {
	toks := make([]Token, 0, len(s)/5)
	i := 0
	for i < len(s) {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case unicode.IsSpace(r):
			i += w
		case unicode.IsLetter(r) || unicode.IsMark(r):
			j := scanWord(s, i)
			toks = append(toks, Token{i, j, s[i:j], Word})
			i = j
		case unicode.IsDigit(r):
			j := scanNumber(s, i)
			toks = append(toks, Token{i, j, s[i:j], Number})
			i = j
		case (r == '@' || r == '#') && i+1 < len(s) && isWordRune(runeAt(s, i+1)):
			j := i + 1
			for j < len(s) {
				r2, w2 := utf8.DecodeRuneInString(s[j:])
				if !isWordRune(r2) && r2 != '_' {
					break
				}
				j += w2
			}
			toks = append(toks, Token{i, j, s[i:j], Handle})
			i = j
		default:
			toks = append(toks, Token{i, i + w, s[i : i+w], Punct})
			i += w
		}
	}
	return toks
}

func runeAt(s string, i int) rune {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
}

// scanWord reads letters and digits, joined by single apostrophes or
// hyphens, and single-letter abbreviation dots ("U.S.", "EE.UU.").
func scanWord(s string, i int) int {
	j := i
	for j < len(s) {
		r, w := utf8.DecodeRuneInString(s[j:])
		if isWordRune(r) {
			j += w
			continue
		}
		if (r == '\'' || r == '’' || r == '-' || r == '‐') && j+w < len(s) && unicode.IsLetter(runeAt(s, j+w)) {
			j += w
			continue
		}
		if r == '.' && isAbbrevDot(s, i, j) {
			j++
			continue
		}
		break
	}
	return j
}

// isAbbrevDot reports whether the '.' at j continues an abbreviation like
// "U.S." or "EE.UU.": the word so far is a short run of capitals split by
// dots, and either another letter follows or a dot already appeared.
func isAbbrevDot(s string, start, j int) bool {
	seg := j
	for seg > start && s[seg-1] != '.' {
		seg--
	}
	if j-seg > 2 || j == seg {
		return false
	}
	for _, r := range s[seg:j] {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	if j+1 < len(s) && unicode.IsUpper(runeAt(s, j+1)) {
		// "U.S" + ".S" pattern: only when the next segment is short too.
		k := j + 1
		n := 0
		for k < len(s) && unicode.IsUpper(runeAt(s, k)) {
			_, w := utf8.DecodeRuneInString(s[k:])
			k += w
			n++
		}
		return n <= 2 && k < len(s) && s[k] == '.'
	}
	return seg > start // closing dot of "U.S."
}

// scanNumber reads digits of any script, joined by single separators
// between ASCII digits ("15,000", "17:53", "2026-01-03").
func scanNumber(s string, i int) int {
	j := i
	for j < len(s) {
		r, w := utf8.DecodeRuneInString(s[j:])
		if unicode.IsDigit(r) {
			j += w
			continue
		}
		if (r == ',' || r == '.' || r == ':' || r == '/' || r == '-') && j+1 < len(s) && s[j+1] >= '0' && s[j+1] <= '9' {
			j++
			continue
		}
		break
	}
	return j
}
