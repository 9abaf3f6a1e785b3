package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline/storyline/internal/model"
)

// possessiveMarks are what may stand between a possessive name and the
// next word: "Karvenia’s Foreign Ministry".
var possessiveMarks = map[string]bool{"'s": true, "’s": true, "'": true, "’": true, `"s`: true}

// qualifyBodies names a country's generic body after the country, so that
// one country's ministry is not another's: "Karvenia’s Foreign Ministry"
// is the Karvenian Foreign Ministry, "la Cancillería karvenia" the
// Cancillería de Karvenia, as a report that names the country inside the
// name already writes it. The document's other mentions of the same bare
// name follow, when it qualifies that name one way only.
func (r *recognizer) qualifyBodies(lang string) {
	qualified := map[string]string{} // key of the bare name → canonical
	ambiguous := map[string]bool{}
	var bare []int // the generic bodies no country qualifies
	for i := range r.found {
		c := &r.found[i]
		if !r.genericBody(c) {
			continue
		}
		canonical := ""
		if i > 0 {
			canonical = r.possessiveCountry(&r.found[i-1], c)
		}
		if canonical == "" && lang == "es" {
			canonical = r.demonymAfter(c)
		}
		k := strings.Join(c.words, " ")
		if canonical == "" {
			bare = append(bare, i)
			continue
		}
		c.Canonical = canonical
		if q, ok := qualified[k]; ok && q != canonical {
			ambiguous[k] = true
		}
		qualified[k] = canonical
	}
	for _, i := range bare {
		c := &r.found[i]
		k := strings.Join(c.words, " ")
		if q, ok := qualified[k]; ok && !ambiguous[k] {
			c.Canonical = q
		}
	}
}

// genericBody reports whether c is an organization a head word names
// (data/headwords.txt) and no place or people does: "Foreign Ministry",
// not "Ministerio de Defensa de Karvenia" nor a party's own name. Its
// canonical name is its own, or the gazetteer's guess of a country
// ("Congress" → "US Congress"), not another name ("FPT").
func (r *recognizer) genericBody(c *candidate) bool {
	if c.Type != model.ORG || len(c.words) == 0 || placeWords(c.words) {
		return false
	}
	if lex.heads.suffix[c.words[len(c.words)-1]] != model.ORG && lex.heads.head[c.words[0]] != model.ORG {
		return false
	}
	return c.Canonical == c.Text || placeWords(keyWords(c.Canonical))
}

// placeWords reports whether a word of words is a place or a people.
func placeWords(words []string) bool {
	for _, w := range words {
		if e := lex.gazetteer.byKey[w]; e != nil && (e.Type == model.LOC || e.Type == model.MISC) {
			return true
		}
	}
	return false
}

// possessiveCountry returns the canonical name of body c owned by the
// country prev names right before it ("Karvenia’s Foreign Ministry" →
// "Karvenian Foreign Ministry"), or "".
func (r *recognizer) possessiveCountry(prev, c *candidate) string {
	if prev.End > c.Start || !possessiveMarks[strings.TrimSpace(r.txt[prev.End:c.Start])] {
		return ""
	}
	e := lex.gazetteer.byKey[strings.Join(prev.words, " ")]
	if e == nil || e.Demonym == "" {
		return ""
	}
	return e.Demonym + " " + c.Text
}

// demonymAfter returns the canonical name of body c followed by a
// lower-case demonym ("la Cancillería karvenia" → "Cancillería de
// Karvenia"), or "".
func (r *recognizer) demonymAfter(c *candidate) string {
	rest := r.txt[c.End:]
	if !strings.HasPrefix(rest, " ") {
		return ""
	}
	rest = rest[1:]
	end := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsLetter(r) })
	if end < 0 {
		end = len(rest)
	}
	word := rest[:end]
	if first, _ := utf8.DecodeRuneInString(word); word == "" || !unicode.IsLower(first) {
		return ""
	}
	e := lex.gazetteer.byKey[normWord(word)]
	if e == nil || e.Type != model.MISC || e.Country == nil || e.Country.NameEs == "" {
		return ""
	}
	return c.Text + " de " + e.Country.NameEs
}
