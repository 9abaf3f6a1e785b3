package claim

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline/storyline/internal/entity"
	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/text"
)

// The denominator of Similarity is the smaller claim's term weight,
// bounded to [minDenominator, maxDenominator]: a one- or two-word claim
// must not match everything sharing its words, and two reports of one
// event each add details of their own ("the Venezuelan capital", "during
// the operation"), so most but not all of a long claim must be shared.
const (
	minDenominator = 3
	maxDenominator = 8
	// nameWeight is what a shared name counts: every claim of a story
	// names the same few actors and places, so names are weak evidence
	// that two statements say the same thing.
	nameWeight = 0.5
)

// Similarity scores how alike two claims' contents are, in [0,1]: the
// weight of shared content terms (stemmed, accent-folded, key words mapped
// to shared en/es concepts) over the smaller claim's. Shared names count
// only beside shared words, and never more than those words: two
// sentences about one dam and one country are not one statement. One
// shared word counts half unless one side has no other.
func Similarity(a, b model.Claim, aLang, bLang string) float64 {
	return TermSimilarity(ContentTerms(a.Text, aLang), ContentTerms(b.Text, bLang))
}

// Terms are a claim's content terms in sorted order, computed once so a
// linker can compare one claim with many cheaply.
type Terms struct {
	terms  []term
	weight float64
	words  int // terms that are not names
	// numbers are the figures the text gives, separators dropped
	// ("1,200" and "1.200" are "1200").
	numbers []string
}

type term struct {
	text string
	name bool
	// contrast holds the lines of data/contrast.txt the term's concept
	// is on.
	contrast contrastSet
}

// Concept returns the English–Spanish concept a word stands for
// (data/bilingual.txt), such as "=kill" for "killed" and "murieron", or ""
// if it stands for none.
func Concept(word, lang string) string {
	lr := rulesByLang[lang]
	if lr == nil {
		return ""
	}
	return lr.concepts[lr.stem(text.Fold(word))]
}

// ContentTerms returns the terms Similarity compares.
func ContentTerms(s, lang string) Terms {
	toks := text.Tokenize(s)
	set := rulesFor(lang).termsOf(toks, true)
	ts := Terms{terms: make([]term, 0, len(set))}
	for t, isName := range set {
		ts.terms = append(ts.terms, term{t, isName, contrastOf[t]})
		ts.weight += termWeight(isName)
		if !isName {
			ts.words++
		}
	}
	slices.SortFunc(ts.terms, func(a, b term) int { return strings.Compare(a.text, b.text) })
	for _, t := range toks {
		if t.Kind == text.Number {
			ts.numbers = append(ts.numbers, numberSeparators.Replace(t.Text))
		}
	}
	return ts
}

var numberSeparators = strings.NewReplacer(",", "", ".", "", " ", "")

// numbersDiffer reports whether both sides give figures and the side with
// fewer gives one the other lacks: a toll of 17 is not one of 18, nor are
// 12 dead and 31 missing 17 dead and 12 missing.
func numbersDiffer(a, b Terms) bool {
	if len(a.numbers) == 0 || len(b.numbers) == 0 {
		return false
	}
	if len(a.numbers) > len(b.numbers) {
		a, b = b, a
	}
	for _, x := range a.numbers {
		if !slices.Contains(b.numbers, x) {
			return true
		}
	}
	return false
}

func termWeight(isName bool) float64 {
	if isName {
		return nameWeight
	}
	return 1
}

// TermSimilarity is Similarity over precomputed terms.
func TermSimilarity(a, b Terms) float64 {
	if len(a.terms) == 0 || len(b.terms) == 0 {
		return 0
	}
	sharedWords, sharedNames := 0, 0
	// Contrast lines of the terms only one side holds.
	var onlyA, onlyB contrastSet
	for i, j := 0, 0; i < len(a.terms) || j < len(b.terms); {
		c := 0
		switch {
		case i == len(a.terms):
			c = 1
		case j == len(b.terms):
			c = -1
		default:
			c = strings.Compare(a.terms[i].text, b.terms[j].text)
		}
		switch {
		case c < 0:
			onlyA |= a.terms[i].contrast
			i++
		case c > 0:
			onlyB |= b.terms[j].contrast
			j++
		default:
			if a.terms[i].name || b.terms[j].name {
				sharedNames++
			} else {
				sharedWords++
			}
			i++
			j++
		}
	}
	if sharedWords == 0 || onlyA.meets(onlyB) || numbersDiffer(a, b) {
		return 0
	}
	words := float64(sharedWords)
	score := (words + min(float64(sharedNames)*nameWeight, words)) / min(max(min(a.weight, b.weight), minDenominator), maxDenominator)
	shared := sharedWords + sharedNames
	if sharedWords == 1 && (min(a.words, b.words) > 1 || len(a.terms) > shared && len(b.terms) > shared) {
		// One word in common, where each side says more: a sentence
		// about the dam's explosion is not the claim that it was
		// sabotaged, nor are Cuban troops in the capital American ones.
		score /= 2
	}
	return min(score, 1)
}

// Coverage is the share of the larger side's term weight that the two
// share: low when a long sentence holds a short claim's few generic words
// among many others ("ordered the border closed, a day after the attack
// … soldiers died" against "the strikes hit only military sites").
func Coverage(a, b Terms) float64 {
	shared := 0.0
	for i, j := 0, 0; i < len(a.terms) && j < len(b.terms); {
		switch c := strings.Compare(a.terms[i].text, b.terms[j].text); {
		case c < 0:
			i++
		case c > 0:
			j++
		default:
			shared += termWeight(a.terms[i].name || b.terms[j].name)
			i++
			j++
		}
	}
	if most := max(a.weight, b.weight); most > 0 {
		return shared / most
	}
	return 0
}

// contrastSet is a set of lines of data/contrast.txt, as bits.
type contrastSet uint64

const maxContrastLines = 64

func (s contrastSet) meets(t contrastSet) bool { return s&t != 0 }

// commonTerms returns the content terms of s without proper names, so
// that two sentences about different things in one country do not match.
func (lr *langRules) commonTerms(s string) map[string]bool {
	out := map[string]bool{}
	for t := range lr.terms(s, false) {
		out[t] = true
	}
	return out
}

// terms returns the content terms of s — stems or shared concepts of the
// words that are not stop words — each marked true when it is a name
// (capitalized). Upper-case abbreviations ("US") are kept even when they
// spell a stop word.
func (lr *langRules) terms(s string, withNames bool) map[string]bool {
	return lr.termsOf(text.Tokenize(s), withNames)
}

// termsOf is terms over the tokens of a text.
func (lr *langRules) termsOf(toks []text.Token, withNames bool) map[string]bool {
	out := map[string]bool{}
	titleCase := isTitleCase(toks)
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		if t.Kind != text.Word {
			continue
		}
		raw := strings.ReplaceAll(t.Text, ".", "")
		r, _ := utf8.DecodeRuneInString(raw)
		capital := unicode.IsUpper(r) && (!titleCase || raw == strings.ToUpper(raw))
		if capital && !withNames {
			continue
		}
		w := text.Fold(raw)
		if next := nextWord(toks, i); next > 0 {
			pair := w + " " + text.Fold(strings.ReplaceAll(toks[next].Text, ".", ""))
			c, ok := lr.pairConcepts[pair]
			if !ok && unicode.IsUpper(r) {
				c, ok = countryTerm(toks[i].Text+" "+toks[next].Text, true)
			}
			if ok {
				// "South America", "United States", "EE. UU.": the pair is
				// one term.
				i = next
				if isName, seen := out[c]; !seen || isName {
					out[c] = capital
				}
				continue
			}
		}
		if w == "" || lr.stop.Has(w) && !(capital && raw == strings.ToUpper(raw) && len(raw) > 1) {
			continue
		}
		term := lr.stem(w)
		if c, ok := lr.concepts[term]; ok {
			term = c
		} else if c, ok := lr.concepts[w]; ok {
			term = c
		} else if c, ok := countryTerm(raw, unicode.IsUpper(r)); ok {
			term = c
		} else if unicode.IsUpper(r) {
			// A name is no word to stem: "Tolosa" in either language.
			term = w
		}
		// A term is a name only if every occurrence is capitalized.
		if isName, seen := out[term]; !seen || isName {
			out[term] = capital
		}
	}
	return out
}

// nextWord returns the index of the word token after token i, past a
// full stop ("EE. UU."), or 0 if none follows.
func nextWord(toks []text.Token, i int) int {
	for k := i + 1; k < len(toks) && k <= i+2; k++ {
		switch {
		case toks[k].Kind == text.Word:
			return k
		case toks[k].Text != ".":
			return 0
		}
	}
	return 0
}

// countryTerm returns the term of the gazetteer's country a name or
// demonym stands for, in either language ("Peru", "Perú", "Peruvian" and
// "peruanos" give one), if it is one: capitalized, or a people's name
// (Spanish writes them in lower case).
func countryTerm(name string, capital bool) (string, bool) {
	country, demonym := entity.CountryOf(name)
	if country == "" || !capital && !demonym {
		return "", false
	}
	return "=" + strings.ToLower(strings.ReplaceAll(country, " ", "_")), true
}

// ClaimantKey returns what a claimant's name comes to in either language:
// its content terms, shared concepts standing for words ("Tarquela's
// defence ministry" and "el Ministerio de Defensa de Tarquela" give one
// key), read with the rules of the language whose stop words the name
// holds more of.
func ClaimantKey(name string) string {
	lang, most := "en", -1
	words := foldedWords(name)
	for _, l := range []string{"en", "es"} {
		stops := 0
		for _, w := range words {
			if rulesFor(l).stop.Has(w) {
				stops++
			}
		}
		if stops > most {
			lang, most = l, stops
		}
	}
	name = strings.NewReplacer("'s", "", "’s", "").Replace(name)
	terms := rulesFor(lang).terms(name, true)
	keys := make([]string, 0, len(terms))
	for t := range terms {
		if !strings.HasPrefix(t, "=") {
			// The two stemmers end a word differently ("Tarquela",
			// "tarquel"): its final vowels go.
			t = strings.TrimRight(t, "aeio")
		}
		keys = append(keys, t)
	}
	slices.Sort(keys)
	return strings.Join(keys, " ")
}

// isTitleCase reports whether most words are capitalized, as in English
// headlines, where capitals say nothing about names.
func isTitleCase(toks []text.Token) bool {
	words, capitals := 0, 0
	for _, t := range toks {
		if t.Kind != text.Word {
			continue
		}
		words++
		if r, _ := utf8.DecodeRuneInString(t.Text); unicode.IsUpper(r) {
			capitals++
		}
	}
	return words >= 4 && capitals*10 >= words*6
}

func firstRune(s string) (rune, int) { return utf8.DecodeRuneInString(s) }

func lastRune(s string) (rune, int) { return utf8.DecodeLastRuneInString(s) }

// Words returns the terms' texts, for indexing claims by term.
func (ts Terms) Words() []string {
	out := make([]string, len(ts.terms))
	for i, t := range ts.terms {
		out[i] = t.text
	}
	return out
}
