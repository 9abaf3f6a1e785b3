package event

import (
	"embed"
	"fmt"
	"strings"

	"github.com/storyline/storyline/internal/text"
)

//go:embed data/*.txt data/idioms/*.txt data/figures/*.txt
var dataFS embed.FS

// noEvent labels an idiom in which a trigger word names no event
// ("struck a softer tone"); it only outbids the trigger.
const noEvent = "NONE"

// maxGap is how many tokens a "..." in a phrase may skip.
const maxGap = 4

// element is one position of a phrase: an exact folded word, a prefix
// ("word*") or a gap ("...").
type element struct {
	word   string
	prefix bool
	gap    bool
}

// phrase is one lexicon entry with the label of its class or event type.
type phrase struct {
	elems []element
	label string
}

// phraseSet finds lexicon phrases in a folded token sequence. Phrases are
// indexed by their first word (exact) or by the first prefixLen bytes of a
// leading prefix, so a lookup costs one or two map probes per token.
type phraseSet struct {
	exact  map[string][]*phrase
	prefix map[string][]*phrase
}

const prefixLen = 4

func newPhraseSet() *phraseSet {
	return &phraseSet{exact: map[string][]*phrase{}, prefix: map[string][]*phrase{}}
}

func (ps *phraseSet) add(p *phrase) error {
	first := p.elems[0]
	switch {
	case first.gap:
		return fmt.Errorf("phrase may not start with a gap")
	case first.prefix:
		if len(first.word) < prefixLen {
			return fmt.Errorf("prefix %q shorter than %d bytes", first.word, prefixLen)
		}
		k := first.word[:prefixLen]
		ps.prefix[k] = append(ps.prefix[k], p)
	default:
		ps.exact[first.word] = append(ps.exact[first.word], p)
	}
	return nil
}

// longest returns the longest phrase matching at words[i:] and the index
// just past its last word, or nil.
func (ps *phraseSet) longest(words []string, i int) (*phrase, int) {
	var best *phrase
	bestEnd := -1
	try := func(cands []*phrase) {
		for _, p := range cands {
			if end := matchAt(p.elems, words, i); end > bestEnd {
				best, bestEnd = p, end
			}
		}
	}
	w := words[i]
	try(ps.exact[w])
	if len(w) >= prefixLen {
		try(ps.prefix[w[:prefixLen]])
	}
	return best, bestEnd
}

// has reports whether any phrase of the set matches at words[i:].
func (ps *phraseSet) has(words []string, i int) bool {
	p, _ := ps.longest(words, i)
	return p != nil
}

// endsAt reports whether a phrase of the set ends exactly at words[end-1].
// Phrases are short, so trying the few start positions before end is cheap.
func (ps *phraseSet) endsAt(words []string, end int) bool {
	for start := end - 1; start >= 0 && start >= end-4; start-- {
		for _, cands := range [][]*phrase{ps.exact[words[start]], ps.prefixCands(words[start])} {
			for _, p := range cands {
				if matchAt(p.elems, words, start) == end {
					return true
				}
			}
		}
	}
	return false
}

// covers reports whether a phrase of the set spans words[k], starting at
// most maxGap words before it.
func (ps *phraseSet) covers(words []string, k int) bool {
	for start := k; start >= 0 && start >= k-maxGap; start-- {
		if _, end := ps.longest(words, start); end > k {
			return true
		}
	}
	return false
}

func (ps *phraseSet) prefixCands(w string) []*phrase {
	if len(w) < prefixLen {
		return nil
	}
	return ps.prefix[w[:prefixLen]]
}

// matchAt returns the index after the match of elems at words[i:], or -1.
func matchAt(elems []element, words []string, i int) int {
	if len(elems) == 0 {
		return i
	}
	e := elems[0]
	if e.gap {
		best := -1
		for skip := 0; skip <= maxGap && i+skip <= len(words); skip++ {
			if end := matchAt(elems[1:], words, i+skip); end > best {
				best = end
			}
		}
		return best
	}
	if i >= len(words) {
		return -1
	}
	w := words[i]
	if w != e.word && !(e.prefix && strings.HasPrefix(w, e.word)) {
		return -1
	}
	return matchAt(elems[1:], words, i+1)
}

// ruleSet is one language's trigger lexicon and argument rules.
type ruleSet struct {
	triggers *phraseSet
	classes  map[string]*phraseSet // keyed by class name without '@'
	// participleSuffixes mark regular past participles ("-ed", "-ado").
	participleSuffixes []string
	// gerundSuffixes mark gerunds ("-ing", "-ando"), which open a clause
	// whose subject is its main clause's.
	gerundSuffixes []string
	// futureSuffixes mark the future tense of a verb ("-rán"), which, as
	// the future class does, lets an event carry a date after publication.
	futureSuffixes []string
}

// class returns the named rule class, empty when the file has none.
func (r *ruleSet) class(name string) *phraseSet {
	if ps := r.classes[name]; ps != nil {
		return ps
	}
	return newPhraseSet()
}

var ruleClasses = []string{"neg", "modal", "infinitive", "passive", "by", "chargedact", "locative", "patientnoun", "place", "target",
	"barrier", "relative", "future", "party", "governs", "participle", "locus", "and",
	"perfect", "lede", "deny", "reference", "anchor", "definite", "tell", "placenoun", "oblique", "none", "undergo", "demand", "nongerund", "intent", "conditional", "notmodal", "passiveadverb", "adjectival", "modalafter", "source", "civil", "obstruct", "anchorlater"}

// parseRules reads a rule file and the idiom file of its language, both
// "KIND<TAB>phrase" lines; idioms may also be of the kind NONE.
func parseRules(data, idioms []byte) (*ruleSet, error) {
	rs := &ruleSet{triggers: newPhraseSet(), classes: map[string]*phraseSet{}}
	known := map[string]bool{}
	for _, c := range ruleClasses {
		rs.classes[c] = newPhraseSet()
		known[c] = true
	}
	if err := rs.addLines(data, known, false); err != nil {
		return nil, err
	}
	if err := rs.addLines(idioms, known, true); err != nil {
		return nil, fmt.Errorf("idioms: %v", err)
	}
	return rs, nil
}

// addLines adds the rule lines of one file; idioms admits the kind NONE.
func (rs *ruleSet) addLines(data []byte, known map[string]bool, idioms bool) error {
	for _, line := range text.ReadLines(data) {
		kind, body, ok := strings.Cut(line, "\t")
		if !ok {
			return fmt.Errorf("line %q: want KIND<TAB>phrase", line)
		}
		elems := parsePhrase(strings.TrimSpace(body))
		if len(elems) == 0 {
			return fmt.Errorf("line %q: empty phrase", line)
		}
		if kind == "@suffix-participle" {
			rs.participleSuffixes = append(rs.participleSuffixes, text.Fold(strings.TrimSpace(body)))
			continue
		}
		if kind == "@suffix-future" {
			// Matched with accents: "atacarán" is future, "atacaran" not.
			rs.futureSuffixes = append(rs.futureSuffixes, strings.ToLower(strings.TrimSpace(body)))
			continue
		}
		if kind == "@suffix-gerund" {
			rs.gerundSuffixes = append(rs.gerundSuffixes, text.Fold(strings.TrimSpace(body)))
			continue
		}
		p := &phrase{elems: elems, label: kind}
		target := rs.triggers
		if name, isClass := strings.CutPrefix(kind, "@"); isClass {
			if !known[name] {
				return fmt.Errorf("line %q: unknown rule class %q", line, kind)
			}
			target = rs.classes[name]
		} else if !eventTypes[kind] && !(idioms && kind == noEvent) {
			return fmt.Errorf("line %q: unknown event type %q", line, kind)
		}
		if err := target.add(p); err != nil {
			return fmt.Errorf("line %q: %v", line, err)
		}
	}
	return nil
}

// parsePhrase splits a lexicon phrase into elements, tokenizing each field
// the way text is tokenized so that both sides agree.
func parsePhrase(s string) []element {
	var out []element
	for _, f := range strings.Fields(s) {
		if f == "..." || f == "…" {
			out = append(out, element{gap: true})
			continue
		}
		prefix := strings.HasSuffix(f, "*")
		f = strings.TrimSuffix(f, "*")
		toks := text.Tokenize(f)
		for i, t := range toks {
			out = append(out, element{word: text.Fold(t.Text), prefix: prefix && i == len(toks)-1})
		}
	}
	return out
}

// IsType reports whether t is one of the PLOVER types events carry.
func IsType(t string) bool { return eventTypes[t] }

// eventTypes are the PLOVER categories of the 2021 CAMEO-to-PLOVER table.
var eventTypes = map[string]bool{
	"AGREE": true, "CONSULT": true, "SUPPORT": true, "COOPERATE": true, "AID": true,
	"CONCEDE": true, "RETREAT": true, "ACCUSE": true, "REQUEST": true, "REJECT": true,
	"THREATEN": true, "PROTEST": true, "MOBILIZE": true, "SANCTION": true, "COERCE": true,
	"ASSAULT": true,
}

var rulesByLang = mustLoadRules("en", "es")

func mustLoadRules(langs ...string) map[string]*ruleSet {
	out := map[string]*ruleSet{}
	for _, l := range langs {
		b, err := dataFS.ReadFile("data/" + l + ".txt")
		if err != nil {
			panic("event: missing rule file for " + l)
		}
		idioms, err := dataFS.ReadFile("data/idioms/" + l + ".txt")
		if err != nil {
			panic("event: missing idiom file for " + l)
		}
		rs, err := parseRules(b, idioms)
		if err != nil {
			panic("event: data/" + l + ".txt: " + err.Error())
		}
		out[l] = rs
	}
	return out
}

// rulesFor returns the rules for lang, English for languages without rules.
func rulesFor(lang string) *ruleSet {
	if rs := rulesByLang[lang]; rs != nil {
		return rs
	}
	return rulesByLang["en"]
}
