package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// foldTable maps accented Latin letters to their base letters, so that
// "Tomás" and "Tomas" compare equal.
var foldTable = func() map[rune]rune {
	pairs := []string{
		"aáàâäãåāą", "AÁÀÂÄÃÅĀĄ", "eéèêëēęě", "EÉÈÊËĒĘĚ", "iíìîïī", "IÍÌÎÏĪİ",
		"oóòôöõøō", "OÓÒÔÖÕØŌ", "uúùûüūů", "UÚÙÛÜŪŮ", "nñń", "NÑŃ", "cçćč", "CÇĆČ",
		"sśšş", "SŚŠŞ", "zźżž", "ZŹŻŽ", "yýÿ", "YÝŸ", "rř", "RŘ", "lł", "LŁ", "gğ", "GĞ",
	}
	m := map[rune]rune{}
	for _, p := range pairs {
		runes := []rune(p)
		for _, r := range runes[1:] {
			m[r] = runes[0]
		}
	}
	return m
}()

// fold lower-cases s and strips accents.
func fold(s string) string {
	// Most words are plain ASCII: lower-case them without the rune table.
	ascii, lower := true, true
	for i := 0; i < len(s) && ascii; i++ {
		c := s[i]
		ascii = c < utf8.RuneSelf
		lower = lower && !('A' <= c && c <= 'Z')
	}
	if ascii {
		if lower {
			return s
		}
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if f, ok := foldTable[r]; ok {
			r = f
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// normWord is the matching form of one word: folded, without dots or
// apostrophes ("U.S." → "us", "EE." → "ee").
func normWord(w string) string {
	w = fold(w)
	if strings.ContainsAny(w, ".'’ʼ") {
		w = strings.Map(func(r rune) rune {
			switch r {
			case '.', '\'', '’', 'ʼ':
				return -1
			}
			return r
		}, w)
	}
	return w
}

// keyWords splits a name into matching words: possessive dropped, dots and
// apostrophes removed inside words, any other punctuation a separator.
func keyWords(name string) []string {
	name = stripPossessive(strings.TrimSpace(name))
	var words []string
	for _, f := range strings.FieldsFunc(name, func(r rune) bool {
		return !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '.' || r == '\'' || r == '’' || r == 'ʼ' || r == '@' || r == '_')
	}) {
		if w := normWord(f); w != "" {
			words = append(words, w)
		}
	}
	return words
}

// stripPossessive removes a trailing "'s" (any apostrophe, or a broken
// straight double quote as in `Lopez"s`).
func stripPossessive(s string) string {
	for _, suf := range []string{"'s", "’s", "ʼs", "\"s", "'S", "’S"} {
		if strings.HasSuffix(s, suf) && len(s) > len(suf) {
			return s[:len(s)-len(suf)]
		}
	}
	return s
}

// Key normalizes a name for matching across documents: lower case, accents
// removed, leading articles, titles and honorifics dropped
// ("President Tomás Ibarra" and "Tomas Ibarra" give the same key).
func Key(name string) string {
	return strings.Join(stripTitles(keyWords(name)), " ")
}

// stripTitles drops leading articles and honorifics, and everything up to
// the last title that still leaves a name behind ("Chilean President Ana
// Ruiz" → "ana ruiz").
func stripTitles(words []string) []string {
	for len(words) > 1 && (articles.Has(words[0]) || lex.honorifics.Has(words[0])) {
		words = words[1:]
	}
	cut := 0
	for i := 0; i < len(words)-1; i++ {
		if n := lex.titles.matchWords(words[i:]); n > 0 && i+n < len(words) {
			cut = i + n
			i += n - 1
		}
	}
	words = words[cut:]
	for len(words) > 1 && (articles.Has(words[0]) || lex.honorifics.Has(words[0])) {
		words = words[1:]
	}
	return words
}

// SameEntity reports whether two canonical names likely denote the same
// entity across documents: equal keys; the same gazetteer entry; one the
// acronym of the other; for persons, one the surname (or shorter form) of
// the other; a handle that spells the name ("@marialopez" ~ "Maria Lopez").
func SameEntity(a, b string, typ string) bool {
	wa, wb := stripTitles(keyWords(a)), stripTitles(keyWords(b))
	if len(wa) == 0 || len(wb) == 0 {
		return false
	}
	ka, kb := strings.Join(wa, " "), strings.Join(wb, " ")
	if ka == kb {
		return true
	}
	if ea, eb := lex.gazetteer.byKey[ka], lex.gazetteer.byKey[kb]; ea != nil && ea == eb {
		return true
	}
	if strings.HasPrefix(ka, "@") || strings.HasPrefix(kb, "@") {
		if strings.HasPrefix(kb, "@") {
			wa, wb = wb, wa
		}
		return handleMatches(wa[0], wb)
	}
	if isAcronymOf(wa, wb) || isAcronymOf(wb, wa) {
		return true
	}
	if typ == "PER" || typ == "" {
		if len(wa) > len(wb) {
			wa, wb = wb, wa
		}
		return shorterNameOf(wa, wb)
	}
	return false
}

// shorterNameOf reports whether short is a trailing part of long
// ("lopez" of "maria lopez"), or the first name and first surname of a
// name with two surnames ("tomas vidal" and "vidal" of "tomas vidal soto").
func shorterNameOf(short, long []string) bool {
	if len(short) >= len(long) {
		return false
	}
	if equalWords(short, long[len(long)-len(short):]) {
		return true
	}
	if len(long) != 3 {
		return false
	}
	if len(short) == 1 {
		return short[0] == long[1] // "vidal" of "tomas vidal soto"
	}
	return short[0] == long[0] && short[1] == long[1]
}

func equalWords(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// isAcronymOf reports whether the single word acr spells the initials of
// the content words of name ("oas" ~ "organization of american states").
func isAcronymOf(acr, name []string) bool {
	if len(acr) != 1 || len(name) < 2 {
		return false
	}
	return acronymLength(acr[0]) && initialsOf(name) == acr[0]
}

// acronymLength reports whether a word is as long as acronyms are.
func acronymLength(a string) bool {
	n := utf8.RuneCountInString(a)
	return n >= 2 && n <= 8
}

// initialsOf spells the first letters of a name's words, connectors left
// out ("frente popular de tarquela" → "fpt").
func initialsOf(name []string) string {
	var initials strings.Builder
	for _, w := range name {
		if lex.connectors.Has(w) {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		initials.WriteRune(r)
	}
	return initials.String()
}

// handleMatches reports whether a social-media handle spells the name:
// every word of the name appears in it, or the surname does and the rest
// is the start of the first name ("@jsmith" ~ "John Smith").
func handleMatches(handle string, name []string) bool {
	h := strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) {
			return r
		}
		return -1
	}, handle)
	if len(name) == 0 || len(h) < 3 {
		return false
	}
	all := true
	for _, w := range name {
		if len(w) >= 2 && !strings.Contains(h, w) {
			all = false
			break
		}
	}
	if all {
		return true
	}
	surname := name[len(name)-1]
	if len(surname) < 3 || len(name) < 2 {
		return false
	}
	i := strings.Index(h, surname)
	if i < 0 {
		return false
	}
	rest := h[:i] + h[i+len(surname):]
	return rest != "" && strings.HasPrefix(name[0], rest)
}

// CountryOf returns the English name of the gazetteer's country that
// name stands for, in English or Spanish: the country's own name ("EE.
// UU.", "Perú") or, with demonym true, its people's ("peruanos",
// "Peruvian"). It returns "" for anything else, capitals included.
func CountryOf(name string) (country string, demonym bool) {
	e := lex.gazetteer.byKey[strings.Join(keyWords(name), " ")]
	switch {
	case e == nil:
		return "", false
	case e.Country != nil:
		return e.Country.Canonical, true
	case e.IsCountry:
		return e.Canonical, false
	}
	return "", false
}
