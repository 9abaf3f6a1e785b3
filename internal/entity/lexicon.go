package entity

import (
	"embed"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/text"
)

//go:embed data/*.txt
var dataFS embed.FS

// gazEntry is one known entity: its type, canonical name and aliases.
type gazEntry struct {
	Type      string
	Canonical string
	// Demonym and NameEs are a country's English demonym and Spanish
	// name; Country is the country of a demonym's entry.
	Demonym, NameEs string
	Country         *gazEntry
	// IsCountry marks a country's own entry (not its capital's).
	IsCountry bool
}

// gazetteer maps the key of every alias (see keyWords) to its entry.
type gazetteer struct {
	byKey map[string]*gazEntry
	// prefixes holds every word prefix of a key, so a scan can stop as soon
	// as no longer alias can match.
	prefixes map[string]bool
	// upperOnly holds the keys of all-capital aliases ("UN", "WHO"), which
	// match only text written in capitals, never "Un" or "Who".
	upperOnly map[string]bool
}

func (g *gazetteer) add(typ, canonical string, aliases []string) *gazEntry {
	e := &gazEntry{Type: typ, Canonical: canonical}
	for _, a := range aliases {
		a = strings.TrimSpace(a)
		words := keyWords(a)
		if len(words) == 0 {
			continue
		}
		k := strings.Join(words, " ")
		if _, dup := g.byKey[k]; dup {
			continue // the first entry wins: countries before cities of the same name
		}
		g.byKey[k] = e
		if isAllUpper(a) {
			g.upperOnly[k] = true
		}
		for i := 1; i < len(words); i++ {
			g.prefixes[strings.Join(words[:i], " ")] = true
		}
	}
	return e
}

// phraseSet matches multi-word phrases (titles) on normalized words.
type phraseSet struct {
	roles  map[string]string // phrase key → role in English
	maxLen int
}

// matchWords returns the number of leading words of words that form the
// longest known phrase, or 0.
func (p *phraseSet) add(words []string, role string) {
	p.roles[strings.Join(words, " ")] = role
	p.maxLen = max(p.maxLen, len(words))
}

func (p phraseSet) matchWords(words []string) int {
	n, _ := p.match(words)
	return n
}

func (p phraseSet) match(words []string) (int, string) {
	for n := min(p.maxLen, len(words)); n > 0; n-- {
		if r, ok := p.roles[strings.Join(words[:n], " ")]; ok {
			return n, r
		}
	}
	return 0, ""
}

// headwords type a name by its first or last word.
type headwords struct {
	head, suffix map[string]string
}

type lexicon struct {
	gazetteer  gazetteer
	titles     phraseSet
	honorifics text.Set
	connectors text.Set
	// affiliations may stand between a name and the name of where its
	// bearer belongs (see taggerParts).
	affiliations text.Set
	firstNames   text.Set
	function     text.Set
	// numberWords ("One", "Tres") open no name the rules find; the tagger
	// does not see them, so the trained models keep their features.
	numberWords text.Set
	// nameArticles begin a name when capitalized mid-sentence before a
	// name word (see nameWord).
	nameArticles text.Set
	// portfolios are the titles a capitalized portfolio may finish (see
	// titleTail).
	portfolios text.Set
	common     map[string]text.Set
	// adverbEndings are, per language, the endings of adverbs.
	adverbEndings map[string][]string
	// demonymEndings are, per language, the endings that make a demonym
	// of a place name, as normWord spells them, sorted.
	demonymEndings map[string][]string
	heads          headwords
	// topics maps, per language, words to the topic they suggest.
	topics map[string]map[string]string
}

var articles = text.NewSet([]string{"the", "el", "la", "los", "las", "a", "an"}, false)

// coordinators join two separate names unless the gazetteer knows the whole.
var coordinators = text.NewSet([]string{"and", "y", "e", "&"}, false)

// locatives are prepositions after which an unknown single name is a
// place, unless one of holdings comes before them.
var locatives, holdings text.Set

// placeVerbs are the phrases before a place (data/placeverbs.txt), as
// normalized words joined by a space, and placeVerbLen their longest.
var (
	placeVerbs   text.Set
	placeVerbLen int
)

var lex = loadLexicon()

func readData(name string) []string {
	b, err := dataFS.ReadFile("data/" + name)
	if err != nil {
		panic("entity: missing embedded data file " + name)
	}
	return text.ReadLines(b)
}

// normEndings spells each language's endings as normWord spells words,
// once each and in sorted order, so that lookups over them are stable.
func normEndings(byLang map[string][]string) map[string][]string {
	out := map[string][]string{}
	for lang, endings := range byLang {
		var normed []string
		for _, e := range endings {
			normed = append(normed, normWord(e))
		}
		slices.Sort(normed)
		out[lang] = slices.Compact(normed)
	}
	return out
}

// readEndings reads a file of "language: endings" lines.
func readEndings(name string) map[string][]string {
	out := map[string][]string{}
	for _, line := range readData(name) {
		lang, endings, ok := strings.Cut(line, ":")
		if !ok {
			panic("entity: " + name + ": want \"language: endings\", got " + line)
		}
		out[strings.TrimSpace(lang)] = strings.Fields(endings)
	}
	return out
}

// readTopics reads a topic file: lines of "topic: words".
func readTopics(name string) map[string]string {
	out := map[string]string{}
	for _, line := range readData(name) {
		topic, ws, ok := strings.Cut(line, ":")
		if !ok {
			panic("entity: " + name + ": want \"topic: words\", got " + line)
		}
		for _, w := range strings.Fields(ws) {
			out[w] = strings.TrimSpace(topic)
		}
	}
	return out
}

func words(lines []string) []string {
	var out []string
	for _, l := range lines {
		out = append(out, strings.Fields(l)...)
	}
	return out
}

// normSet builds a set of normalized words (folded, dots removed).
func normSet(ws []string) text.Set {
	s := text.Set{}
	for _, w := range ws {
		s[normWord(w)] = struct{}{}
	}
	return s
}

func loadLexicon() *lexicon {
	l := &lexicon{
		gazetteer:    gazetteer{byKey: map[string]*gazEntry{}, prefixes: map[string]bool{}, upperOnly: map[string]bool{}},
		titles:       phraseSet{roles: map[string]string{}},
		honorifics:   normSet(words(readData("honorifics.txt"))),
		connectors:   normSet(words(readData("connectors.txt"))),
		affiliations: normSet(words(readData("affiliations.txt"))),
		firstNames:   normSet(words(readData("firstnames.txt"))),
		function:     normSet(words(readData("function.txt"))),
		numberWords:  normSet(words(readData("numberwords.txt"))),
		nameArticles: normSet(words(readData("namearticles.txt"))),
		portfolios:   normSet(words(readData("portfolios.txt"))),
		common: map[string]text.Set{
			"en": normSet(words(readData("common_en.txt"))),
			"es": normSet(words(readData("common_es.txt"))),
		},
		adverbEndings:  readEndings("adverbs.txt"),
		demonymEndings: normEndings(readEndings("demonyms.txt")),
		heads:          headwords{head: map[string]string{}, suffix: map[string]string{}},
		topics:         map[string]map[string]string{"en": readTopics("topics_en.txt"), "es": readTopics("topics_es.txt")},
	}
	locatives = normSet(words(readData("locatives.txt")))
	holdings = normSet(words(readData("holdings.txt")))
	placeVerbs = text.Set{}
	for _, line := range readData("placeverbs.txt") {
		ws := keyWords(line)
		placeVerbs[strings.Join(ws, " ")] = struct{}{}
		placeVerbLen = max(placeVerbLen, len(ws))
	}
	for _, line := range readData("titles.txt") {
		phrase, role, ok := strings.Cut(line, "=")
		phrase = strings.TrimSpace(phrase)
		role = strings.TrimSpace(role)
		if !ok {
			role = strings.ToLower(phrase)
		}
		l.titles.add(keyWords(phrase), role)
		if strings.Contains(phrase, "-") {
			// A text keeps a hyphenated title one word: "Secretary-General".
			var ws []string
			for _, f := range strings.Fields(phrase) {
				ws = append(ws, normWord(f))
			}
			l.titles.add(ws, role)
		}
	}
	for _, line := range readData("headwords.txt") {
		f := strings.Fields(line)
		if len(f) < 3 {
			continue
		}
		m := l.heads.suffix
		if f[0] == "head" {
			m = l.heads.head
		}
		for _, w := range f[2:] {
			m[normWord(w)] = f[1]
		}
	}
	// Countries: ISO | English names | Spanish names | capitals | demonyms en | demonyms es.
	// Countries with Spanish demonyms, those most often in the news, come
	// first and win a name another shares: "American" is the United
	// States', not the Northern Mariana Islands', "Dutch" the
	// Netherlands'.
	var countries [][]string
	for _, line := range readData("countries.txt") {
		if f := strings.Split(line, "|"); len(f) >= 6 {
			countries = append(countries, f)
		}
	}
	sort.SliceStable(countries, func(i, j int) bool {
		return strings.TrimSpace(countries[i][5]) != "" && strings.TrimSpace(countries[j][5]) == ""
	})
	for _, f := range countries {
		names := append(splitNames(f[1]), splitNames(f[2])...)
		if len(names) == 0 {
			continue
		}
		country := l.gazetteer.add(model.LOC, names[0], names)
		country.IsCountry = true
		if es := splitNames(f[2]); len(es) > 0 {
			country.NameEs = es[0]
		}
		for _, c := range splitNames(f[3]) {
			l.gazetteer.add(model.LOC, c, []string{c})
		}
		dem := splitNames(f[4])
		if len(dem) > 0 {
			country.Demonym = dem[0]
		}
		for _, d := range dem {
			if strings.HasSuffix(d, "an") || strings.HasSuffix(d, "i") {
				dem = append(dem, d+"s") // "Karvenians", "Tarquelans"
			}
		}
		dem = append(dem, splitNames(f[5])...)
		if len(dem) > 0 {
			l.gazetteer.add(model.MISC, dem[0], dem).Country = country
		}
	}
	for _, line := range readData("gazetteer.txt") {
		typ, rest, ok := strings.Cut(line, "|")
		if !ok {
			continue
		}
		names := splitNames(rest)
		if len(names) > 0 {
			l.gazetteer.add(strings.TrimSpace(typ), names[0], names)
		}
	}
	return l
}

func splitNames(field string) []string {
	var out []string
	for _, n := range strings.Split(field, ";") {
		if n = strings.TrimSpace(n); n != "" {
			out = append(out, n)
		}
	}
	return out
}

// isAllUpper reports whether s has at least two letters and all of them are capitals.
func isAllUpper(s string) bool {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			if !unicode.IsUpper(r) {
				return false
			}
			n++
		}
	}
	return n >= 2
}

// HasTopics reports whether the tagger knows topic words of lang.
func HasTopics(lang string) bool { return len(lex.topics[lang]) > 0 }
