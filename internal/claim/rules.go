package claim

import (
	"embed"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/storyline/storyline/internal/text"
)

//go:embed data/*.txt
var dataFS embed.FS

// Rule kinds of the per-language files; data/en.txt documents each.
const (
	kindSay         = "say"
	kindHedgeSay    = "hedgesay"
	kindSupport     = "support"
	kindDispute     = "dispute"
	kindDeny        = "deny"
	kindDenyThat    = "denythat"
	kindSayThat     = "saythat"
	kindAccording   = "according"
	kindThat        = "that"
	kindHedge       = "hedge"
	kindUnconfirmed = "unconfirmed"
	kindSource      = "source"
	kindFalse       = "false"
	kindStop        = "stop"
	kindSuffix      = "suffix"
	kindNotVerb     = "notverb"
	kindPrep        = "prep"
	kindRelative    = "relative"
	kindCut         = "cut"
	kindRefers      = "refers"
	kindClitic      = "clitic"
	kindAux         = "aux"
	kindOpen        = "open"
	kindClaimNoun   = "claimnoun"
	kindAdverbial   = "adverbial"
	kindCoord       = "coord"
	kindObject      = "object"
	kindVerbFirst   = "verbfirst"
	kindOffice      = "office"
	kindDeterminer  = "determiner"
	kindAddressee   = "addressee"
	kindOf          = "of"
	kindPostAdj     = "postadjective"
	kindIntro       = "intro"
	kindPronoun     = "pronoun"
	kindGerund      = "gerund"
	kindGerundSay   = "gerundsay"
	// kindDirective opens an order after a verb of telling ("him to");
	// kindDirectiveAfterName follows a name in one ("to", "not to").
	kindDirective          = "directive"
	kindDirectiveAfterName = "directivename"
	kindSurvey             = "survey"
	kindRestates           = "restates"
	kindVerbal             = "verbal"
	kindDemand             = "demand"
	kindVerbalEnding       = "verbalending"
	kindAdverbEnding       = "adverbending"
	kindCommaRelative      = "commarelative"
	kindAudience           = "audience"
)

var knownKinds = map[string]bool{
	kindSay: true, kindHedgeSay: true, kindSupport: true, kindDispute: true, kindDeny: true, kindDenyThat: true, kindSayThat: true,
	kindAccording: true, kindThat: true, kindHedge: true, kindUnconfirmed: true,
	kindSource: true, kindFalse: true, kindStop: true, kindSuffix: true, kindNotVerb: true, kindPrep: true, kindRelative: true,
	kindCut: true, kindRefers: true, kindClitic: true, kindAux: true, kindOpen: true,
	kindClaimNoun: true, kindAdverbial: true, kindCoord: true, kindObject: true, kindVerbFirst: true, kindOffice: true, kindDeterminer: true,
	kindAddressee: true, kindOf: true, kindPostAdj: true, kindIntro: true, kindPronoun: true, kindGerund: true, kindGerundSay: true,
	kindDirective: true, kindDirectiveAfterName: true, kindSurvey: true, kindRestates: true, kindVerbal: true, kindDemand: true, kindVerbalEnding: true, kindAdverbEnding: true, kindCommaRelative: true, kindAudience: true,
}

var clauseKinds = map[string]bool{
	kindCut: true, kindRefers: true, kindAux: true, kindClitic: true, kindOpen: true,
	kindClaimNoun: true, kindAdverbial: true, kindCoord: true,
}

// phrase is a folded token sequence with its rule kind.
type phrase struct {
	words []string
	kind  string
}

// phraseIndex finds phrases by their first word; phrases are short, so
// matching costs a map probe and a few comparisons per token.
type phraseIndex map[string][]phrase

// longest returns the longest phrase of one of kinds matching at
// words[i:], and the index after it; ok is false when none matches.
func (px phraseIndex) longest(words []string, i int, kinds ...string) (p phrase, end int, ok bool) {
	if i >= len(words) {
		return phrase{}, 0, false
	}
	for _, cand := range px[words[i]] {
		if len(kinds) > 0 && !contains(kinds, cand.kind) {
			continue
		}
		n := len(cand.words)
		if i+n > len(words) || (ok && n <= end-i) {
			continue
		}
		match := true
		for k := 1; k < n; k++ {
			if words[i+k] != cand.words[k] {
				match = false
				break
			}
		}
		if match {
			p, end, ok = cand, i+n, true
		}
	}
	return p, end, ok
}

// endsAt reports whether a phrase of kind ends just before words[i].
func (px phraseIndex) endsAt(words []string, i int, kind string) bool {
	for k := max(i-maxPhraseWords, 0); k < i; k++ {
		for _, cand := range px[words[k]] {
			if cand.kind == kind && k+len(cand.words) == i && slices.Equal(words[k:i], cand.words) {
				return true
			}
		}
	}
	return false
}

// maxPhraseWords bounds the phrases endsAt looks back for.
const maxPhraseWords = 4

// any reports whether a phrase of kind starts anywhere in words.
func (px phraseIndex) any(words []string, kind string) bool {
	for i := range words {
		if _, _, ok := px.longest(words, i, kind); ok {
			return true
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// langRules are one language's claim rules and similarity resources.
type langRules struct {
	phrases phraseIndex
	// clauses holds the phrases that shape a statement once found (cut,
	// refers, aux, clitic, open, claimnoun, adverbial, coord), apart, so that the many of them starting
	// with common words do not slow the search for reporting verbs.
	clauses  phraseIndex
	stop     text.Set
	suffixes []string // longest first
	// postAdjectives are endings of adjectives that may follow a noun
	// ("fuentes diplomáticas"); none in a language that puts them before.
	postAdjectives []string
	gerunds        []string // gerund endings
	// verbalEndings end the verb forms that open a verbal complement
	// after a verb of denying ("denied attacking", "niega atacar").
	// adverbEndings end adverbs ("flatly", "rotundamente").
	adverbEndings []string
	verbalEndings []string
	concepts      map[string]string
	// pairConcepts are the concepts of two folded words together
	// ("united states"), keyed by the words joined by a space.
	pairConcepts map[string]string
}

func parseRules(data []byte) (*langRules, error) {
	lr := &langRules{phrases: phraseIndex{}, clauses: phraseIndex{}, stop: text.Set{}, concepts: map[string]string{}, pairConcepts: map[string]string{}}
	for _, line := range text.ReadLines(data) {
		kind, body, ok := strings.Cut(line, "\t")
		body = strings.TrimSpace(body)
		if !ok || body == "" {
			return nil, fmt.Errorf("line %q: want KIND<TAB>phrase", line)
		}
		if !knownKinds[kind] {
			return nil, fmt.Errorf("line %q: unknown kind %q", line, kind)
		}
		words := foldedWords(body)
		switch kind {
		case kindSuffix:
			lr.suffixes = append(lr.suffixes, text.Fold(body))
		case kindPostAdj:
			lr.postAdjectives = append(lr.postAdjectives, text.Fold(body))
		case kindGerund:
			lr.gerunds = append(lr.gerunds, text.Fold(body))
		case kindVerbalEnding:
			lr.verbalEndings = append(lr.verbalEndings, text.Fold(body))
		case kindAdverbEnding:
			lr.adverbEndings = append(lr.adverbEndings, text.Fold(body))
		case kindStop:
			for _, w := range words {
				lr.stop[w] = struct{}{}
			}
		default:
			if len(words) == 0 {
				return nil, fmt.Errorf("line %q: no words", line)
			}
			index := lr.phrases
			if clauseKinds[kind] {
				index = lr.clauses
			}
			index[words[0]] = append(index[words[0]], phrase{words: words, kind: kind})
		}
	}
	sort.SliceStable(lr.suffixes, func(i, j int) bool { return len(lr.suffixes[i]) > len(lr.suffixes[j]) })
	return lr, nil
}

// foldedWords tokenizes s as text is tokenized and folds each token.
func foldedWords(s string) []string {
	toks := text.Tokenize(s)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = text.Fold(t.Text)
	}
	return out
}

// parseBilingual reads CONCEPT<TAB>lang<TAB>words lines into the concept
// maps of each language, keyed by stemmed word.
func parseBilingual(data []byte, byLang map[string]*langRules) error {
	for _, line := range text.ReadLines(data) {
		f := strings.SplitN(line, "\t", 3)
		if len(f) != 3 {
			return fmt.Errorf("line %q: want CONCEPT<TAB>lang<TAB>words", line)
		}
		lr := byLang[f[1]]
		if lr == nil {
			return fmt.Errorf("line %q: unknown language %q", line, f[1])
		}
		for _, w := range strings.Fields(f[2]) {
			if first, second, pair := strings.Cut(w, "+"); pair {
				lr.pairConcepts[text.Fold(first)+" "+text.Fold(second)] = "=" + f[0]
				continue
			}
			lr.concepts[lr.stem(text.Fold(w))] = "=" + f[0]
		}
	}
	return nil
}

var rulesByLang = mustLoad("en", "es")

// contrastOf maps concept terms ("=kill") to the lines of
// data/contrast.txt they are on.
var contrastOf = mustLoadContrasts()

func mustLoadContrasts() map[string]contrastSet {
	b, err := dataFS.ReadFile("data/contrast.txt")
	if err != nil {
		panic("claim: missing data/contrast.txt")
	}
	known := map[string]bool{}
	for _, lr := range rulesByLang {
		for _, c := range lr.concepts {
			known[c] = true
		}
		for _, c := range lr.pairConcepts {
			known[c] = true
		}
	}
	lines := text.ReadLines(b)
	if len(lines) > maxContrastLines {
		panic("claim: data/contrast.txt: more lines than a contrastSet holds")
	}
	out := map[string]contrastSet{}
	for n, line := range lines {
		for _, concept := range strings.Fields(line) {
			if !known["="+concept] {
				panic("claim: data/contrast.txt: unknown concept " + concept)
			}
			out["="+concept] |= 1 << n
		}
	}
	return out
}

func mustLoad(langs ...string) map[string]*langRules {
	out := map[string]*langRules{}
	for _, l := range langs {
		b, err := dataFS.ReadFile("data/" + l + ".txt")
		if err != nil {
			panic("claim: missing rule file for " + l)
		}
		lr, err := parseRules(b)
		if err != nil {
			panic("claim: data/" + l + ".txt: " + err.Error())
		}
		for _, w := range text.LoadWordList("stop_" + l + ".txt") {
			lr.stop[text.Fold(w)] = struct{}{}
		}
		out[l] = lr
	}
	b, err := dataFS.ReadFile("data/bilingual.txt")
	if err != nil {
		panic("claim: missing data/bilingual.txt")
	}
	if err := parseBilingual(b, out); err != nil {
		panic("claim: data/bilingual.txt: " + err.Error())
	}
	return out
}

// rulesFor returns the rules of lang, English for languages without rules.
func rulesFor(lang string) *langRules {
	if lr := rulesByLang[lang]; lr != nil {
		return lr
	}
	return rulesByLang["en"]
}

// minStem is the shortest stem a suffix may leave.
const minStem = 3

// stem strips the longest listed suffix that leaves a stem of minStem
// bytes; crude, but the same on both sides of a comparison.
func (lr *langRules) stem(w string) string {
	for _, suf := range lr.suffixes {
		if len(w)-len(suf) >= minStem && strings.HasSuffix(w, suf) {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}
