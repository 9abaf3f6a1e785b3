// Package entity finds names of persons, organisations, places and other
// entities in a text, resolves in-document aliases to the fullest name, and
// matches names across documents.
package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/text"
)

// unit is one word of the text as name recognition sees it.
type unit struct {
	start, end int
	norm       string // normWord of the word
	capital    bool   // first letter upper case
	upper      bool   // all letters upper case
	handle     bool   // @name
	possessive bool   // "Lopez’s", `Lopez"s`: the name ends here
	// gap is true when punctuation or a line break separates this word from
	// the previous one, so the two cannot belong to one name.
	gap bool
	// initial is true for the first word of a sentence, line or quotation,
	// where capitals say nothing about names.
	initial  bool
	headline bool // the word lies in a title-cased line
	// capsLine marks a word of a line written all in capitals, where
	// capitals say no more of a word than in a title-cased one.
	capsLine bool
}

type gazMatch struct {
	n     int
	entry *gazEntry
}

// Recognize finds entity mentions in text. sents are the sentences of text
// (text.Sentences); lang is "en" or "es" and selects the common-word list.
func Recognize(txt string, sents []model.Sentence, lang string) []model.Mention {
	toks := text.Tokenize(txt)
	units := buildUnits(txt, toks, sents)
	common := lex.common[lang]
	if common == nil {
		common = lex.common["en"]
	}
	markHeadlines(txt, units, common)
	endings := lex.adverbEndings[lang]
	if endings == nil {
		endings = lex.adverbEndings["en"]
	}
	r := recognizer{txt: txt, units: units, common: common, adverbEndings: endings, demonymEndings: lex.demonymEndings[lang], gaz: make([]gazMatch, len(units)),
		midCapital: map[string]bool{}, lower: map[string]bool{}}
	for _, u := range units {
		switch {
		case !u.capital:
			r.lower[u.norm] = true
		case !u.initial && !u.headline:
			r.midCapital[u.norm] = true
		}
	}
	for i := range units {
		r.gaz[i] = r.gazetteerAt(i)
	}
	for i := 0; i < len(units); {
		i = r.scanAt(i)
	}
	r.wireDatelines()
	if t := TaggerFor(lang); t != nil {
		r.combine(tagSpans(t, txt, toks, sents, lang))
	}
	r.qualifyBodies(lang)
	resolve(r.found, r.lower, lang)
	out := make([]model.Mention, len(r.found))
	for i, f := range r.found {
		out[i] = f.Mention
	}
	return out
}

// candidate is a mention under construction.
type candidate struct {
	model.Mention
	words []string // keyWords of the name, titles stripped
	known bool     // type comes from evidence, not a default
	// evidenced marks a guessed type some context supports ("in X", the
	// tagger's confident type), which the document's other mentions of
	// the name may follow.
	evidenced bool
}

type recognizer struct {
	txt           string
	units         []unit
	common        text.Set
	adverbEndings []string
	// demonymEndings are the language's (data/demonyms.txt).
	demonymEndings []string
	gaz            []gazMatch
	found          []candidate
	// midCapital holds words the document capitalizes where position does
	// not explain it; lower those it writes in lower case.
	midCapital, lower map[string]bool
	// offices are the byte spans of portfolios that name nothing
	// ("Foreign Affairs" in "Minister of Foreign Affairs").
	offices [][2]int
}

func buildUnits(txt string, toks []text.Token, sents []model.Sentence) []unit {
	units := make([]unit, 0, len(toks)/2)
	si := 0
	sentStart := true
	gap := true
	prevEnd := 0
	dottedAfter := false // the previous word took its dot ("EE.")
	for ti := 0; ti < len(toks); ti++ {
		t := toks[ti]
		for si < len(sents) && t.Start >= sents[si].End {
			si++
			sentStart = true
		}
		if strings.ContainsRune(txt[prevEnd:t.Start], '\n') {
			gap, sentStart = true, true
		}
		prevEnd = t.End
		if t.Kind != text.Word && t.Kind != text.Handle {
			gap, dottedAfter = true, false
			if opensClause(t.Text) || spacedHyphen(txt, t) {
				sentStart = true
			}
			// A broken possessive (`Lopez"s`) ends the previous word's name.
			if t.Text == "\"" && len(units) > 0 && units[len(units)-1].end == t.Start &&
				ti+1 < len(toks) && toks[ti+1].Start == t.End && (toks[ti+1].Text == "s" || toks[ti+1].Text == "S") {
				units[len(units)-1].possessive = true
				ti++
				prevEnd = toks[ti].End
			}
			continue
		}
		u := unit{start: t.Start, end: t.End, handle: t.Kind == text.Handle, gap: gap, initial: sentStart}
		w := t.Text
		if p := stripPossessive(w); len(p) < len(w) {
			u.possessive = true
			u.end = t.Start + len(p)
			w = p
		}
		// "EE. UU.": a dot right after a short capital word is part of it
		// when another such word and dot come before or after it; alone
		// ("reported by the AP.") it ends the sentence.
		if dottedShort(toks, ti) && (dottedAfter || ti+2 < len(toks) && dottedShort(toks, ti+2)) {
			ti++
			u.end = toks[ti].End
			prevEnd = u.end
			dottedAfter = true
		} else {
			dottedAfter = false
		}
		r, _ := utf8.DecodeRuneInString(w)
		u.capital = unicode.IsUpper(r)
		u.upper = isAllUpper(w)
		u.norm = normWord(w)
		units = append(units, u)
		gap, sentStart = false, false
	}
	return units
}

// dottedShort reports whether toks[i] is a capital word of one or two
// letters with a dot right after it ("EE", "UU").
func dottedShort(toks []text.Token, i int) bool {
	return i+1 < len(toks) && toks[i].Kind == text.Word && len(toks[i].Text) <= 2 && isAllUpper(toks[i].Text) &&
		toks[i+1].Text == "." && toks[i+1].Start == toks[i].End
}

// opensClause reports whether a punctuation token starts a new clause whose
// first word is capitalized for that reason alone.
func opensClause(p string) bool {
	switch p {
	case "“", "\"", "«", "‘", ":", "—", "–", "(", "[", "•", "·", "¿", "¡":
		return true
	}
	return false
}

// spacedHyphen reports whether hyphen token t stands for a dash: spaced,
// or closing a wire dateline ("(Agency).- El Gobierno").
func spacedHyphen(txt string, t text.Token) bool {
	if t.Text != "-" || t.Start == 0 || t.End >= len(txt) || txt[t.End] != ' ' {
		return false
	}
	before := txt[t.Start-1]
	return before == ' ' || before == '.' || before == ')'
}

// markHeadlines flags words of title-cased lines ("Lopez Claims Valmera is
// Being Bombed"): lines not ending in a full stop where most longer words
// start with a capital, or ending in one where nearly all do and at least
// two are common words ("Ruiz Vows a Quick Vote. Lopez Objects."), as
// a sentence full of names has none.
func markHeadlines(txt string, units []unit, common text.Set) {
	for a := 0; a < len(units); {
		b := a + 1
		for b < len(units) && !lineBreakBefore(units, b) {
			b++
		}
		long, capital, commonCapital, upper := 0, 0, 0, 0
		for _, u := range units[a:b] {
			if len(u.norm) > 3 && !u.handle {
				long++
				if u.upper {
					upper++
				}
				if u.capital {
					capital++
					if common.Has(u.norm) {
						commonCapital++
					}
				}
			}
		}
		titled := capital*10 >= long*7
		if endsWithStop(txt, units[b-1].end) {
			titled = capital*10 >= long*9 && commonCapital >= 2
		}
		if (long >= 2 || (long == 1 && b-a <= 3)) && titled && b-a <= 25 {
			for i := a; i < b; i++ {
				units[i].headline = true
				units[i].capsLine = long >= 3 && upper == long
			}
		}
		a = b
	}
}

// endsWithStop reports whether the line continuing at i ends in a full stop.
func endsWithStop(txt string, i int) bool {
	rest := txt[i:]
	if nl := strings.IndexByte(rest, '\n'); nl >= 0 {
		rest = rest[:nl]
	}
	rest = strings.TrimRight(rest, " \t\r”’\"»)")
	return strings.HasSuffix(rest, ".")
}

func lineBreakBefore(units []unit, i int) bool { return units[i].initial && units[i].gap }

// gazetteerAt finds the longest gazetteer alias starting at unit i.
func (r *recognizer) gazetteerAt(i int) gazMatch {
	u := r.units[i]
	if !u.capital || u.handle {
		return gazMatch{}
	}
	var best gazMatch
	key := u.norm
	for j := i; ; {
		if e := lex.gazetteer.byKey[key]; e != nil && r.units[j].capital && (!lex.gazetteer.upperOnly[key] || r.allUpper(i, j+1)) {
			best = gazMatch{j - i + 1, e}
		}
		if r.units[j].possessive || !lex.gazetteer.prefixes[key] {
			break
		}
		j++
		if j >= len(r.units) || r.units[j].gap {
			break
		}
		key += " " + r.units[j].norm
	}
	return best
}

func (r *recognizer) allUpper(a, b int) bool {
	for _, u := range r.units[a:b] {
		if !u.upper && len(u.norm) > 1 {
			return false
		}
	}
	return true
}

// nameWord reports whether unit i may continue a name.
func (r *recognizer) nameWord(i int) bool {
	u := r.units[i]
	if u.capital && r.nameArticle(i) {
		return true
	}
	if !u.capital || u.handle || lex.function.Has(u.norm) {
		return false
	}
	// "Karvenia-style" describes; it does not name.
	if h := strings.LastIndexAny(r.txt[u.start:u.end], "-‐"); h >= 0 && h+1 < u.end-u.start {
		if c, _ := utf8.DecodeRuneInString(r.txt[u.start+h+1:]); unicode.IsLower(c) {
			return false
		}
	}
	return !u.headline || r.evidenced(i)
}

// nameArticle reports whether unit i is an article that begins a name:
// capitalized where the sentence does not explain it, or right after an
// opening parenthesis as in a dateline's "(La Nación)", and right before a
// name word ("el diario La Nación", "en El Salvador").
func (r *recognizer) nameArticle(i int) bool {
	u := r.units[i]
	afterParen := u.start > 0 && r.txt[u.start-1] == '('
	if (u.initial && !afterParen) || u.headline || u.upper || !lex.nameArticles.Has(u.norm) || i+1 >= len(r.units) || r.units[i+1].gap {
		return false
	}
	next := r.units[i+1]
	return next.capital && !next.handle && !lex.function.Has(next.norm)
}

// evidenced reports whether something beyond its capital marks unit i as
// part of a name.
func (r *recognizer) evidenced(i int) bool {
	u := r.units[i]
	if r.gaz[i].n > 0 || u.upper && !u.capsLine || lex.firstNames.Has(u.norm) || r.midCapital[u.norm] {
		return true
	}
	// The word after a first name is a surname: "Maria Lopez".
	return i > 0 && !u.gap && r.units[i-1].capital && lex.firstNames.Has(r.units[i-1].norm)
}

// commonWord reports whether unit i is an ordinary word that sentence
// position alone may have capitalized.
func (r *recognizer) commonWord(i int) bool {
	n := r.units[i].norm
	if r.evidenced(i) {
		return false
	}
	return r.common.Has(n) || lex.function.Has(n) || lex.numberWords.Has(n) || r.lower[n] || r.units[i].headline || r.adverb(n)
}

// adverb reports whether a word ends as the language's adverbs do, with
// enough of a stem before the ending ("Finally", not "Sally").
func (r *recognizer) adverb(n string) bool {
	for _, e := range r.adverbEndings {
		if len(n) >= len(e)+3 && strings.HasSuffix(n, e) {
			return true
		}
	}
	return false
}

// scanAt recognises the name starting at unit i, if any, and returns the
// index of the next unit to look at.
func (r *recognizer) scanAt(i int) int {
	u := r.units[i]
	if u.handle {
		r.found = append(r.found, candidate{Mention: model.Mention{Start: u.start, End: u.end, Text: r.txt[u.start:u.end], Type: model.PER}})
		return i + 1
	}
	if r.gaz[i].n == 0 && !r.nameWord(i) {
		return i + 1
	}
	j := i
	for j < len(r.units) {
		if g := r.gaz[j]; g.n > 0 {
			j += g.n
		} else if r.nameWord(j) {
			j++
		} else {
			break
		}
		if r.units[j-1].possessive || j >= len(r.units) || r.units[j].gap {
			break
		}
		k := j
		for k < len(r.units) && k-j < 2 && !r.units[k].capital && lex.connectors.Has(r.units[k].norm) &&
			!coordinators.Has(r.units[k].norm) && !r.units[k].gap {
			k++
		}
		if k > j && k < len(r.units) && !r.units[k].gap && (r.gaz[k].n > 0 || r.nameWord(k)) {
			j = k
		} else if k > j || !(r.gaz[j].n > 0 || r.nameWord(j)) {
			break
		}
	}
	if j == i {
		return i + 1
	}
	r.splitRun(i, j)
	return j
}

// splitRun turns the capitalized run [a,b) into mentions: sentence-initial
// common words dropped, leading places and demonyms split off ("U.S." in
// "U.S. President Donald Ruiz"), titles turned into a role.
func (r *recognizer) splitRun(a, b int) {
	role := r.roleBefore(a)
	if role == "" {
		role = r.appositiveRole(a, b)
	}
	// "el ministro de Defensa": the capitalized words finish the title.
	if m, tailRole := r.titleTail(a, b); m > 0 {
		a += m
		role = tailRole
	}
	for a < b {
		// Words capitalized only by their position.
		for a < b && (r.units[a].initial || r.units[a].headline) && r.commonWord(a) && lex.titles.matchWords(r.norms(a, min(b, a+lex.titles.maxLen))) == 0 && !r.nameArticle(a) {
			a++
		}
		for a < b && !r.units[a].capital {
			a++
		}
		for b > a && !r.units[b-1].capital {
			b--
		}
		if a >= b || r.loneHeadWord(a, b) {
			return
		}
		if g := r.gaz[a]; g.n > 0 && (a+g.n == b || r.splitsAfter(a, g, b)) {
			r.emit(a, a+g.n, g.entry.Type, g.entry.Canonical, "", true)
			a += g.n
			continue
		}
		// "President of the Republic of Karvenia" describes an office.
		if n := lex.titles.matchWords(r.norms(a, min(b, a+lex.titles.maxLen))); n > 0 && (a+n == b || !r.units[a+n].capital) {
			// "Minister of Foreign Affairs Ana Ruiz": the office ends
			// where a first name starts; places in it are named.
			if k := r.officeEnd(a+n, b); k > 0 {
				role = lex.titles.roles[r.key(a, a+n)]
				r.emitPlaces(a+n, k)
				a = k
				continue
			}
			// "Minister of Foreign Affairs": a portfolio of plain words
			// names nothing; a body ("of the Lodravo Institute") or a
			// place in the gazetteer does.
			c := a + n
			for c < b && !r.units[c].capital {
				c++
			}
			if c < b && r.gaz[c].n == 0 && !r.headed(c, b) {
				r.emitPlaces(c, b)
				r.offices = append(r.offices, [2]int{r.units[c].start, r.units[b-1].end})
				return
			}
			a += n
			continue
		}
		if n := r.titleLen(a, b); n > 0 {
			role = lex.titles.roles[r.key(a, a+n)]
			a += n
			continue
		}
		if lex.honorifics.Has(r.units[a].norm) && a+1 < b {
			a++
			r.emit(a, b, model.PER, "", role, true)
			return
		}
		if b-a == 1 && utf8.RuneCountInString(r.units[a].norm) < 2 {
			return // a lone letter: "M" of "M-19"
		}
		if k := r.personAfterBody(a, b); k > a {
			// "la diputada de la Alianza Cívica Ana Quist": a body's
			// name, then its member's.
			typ, known := r.typeOf(a, k)
			r.emit(a, k, typ, "", "", known)
			a = k
			continue
		}
		if k := r.titleInside(a, b); k > a {
			// "Lodravo Mayor Tomás Vidal": what comes before the title
			// qualifies the office; the person follows it.
			typ, known := r.typeOf(a, k)
			if !known && typ == model.PER {
				typ = r.qualifierType(a, k)
			}
			r.emit(a, k, typ, "", "", known)
			a = k
			continue
		}
		typ, known := r.typeOf(a, b)
		evidenced := false
		if !known && b-a == 1 && !r.units[a].upper && r.placeBefore(a) {
			typ, evidenced = model.LOC, true
		}
		if role != "" {
			typ, known = model.PER, true
		}
		r.emit(a, b, typ, "", role, known)
		r.found[len(r.found)-1].evidenced = evidenced
		return
	}
}

// emitPlaces names the gazetteer entries inside the words [a,b) of an
// office ("Prime Minister of Peru").
func (r *recognizer) emitPlaces(a, b int) {
	for p := a; p < b; p++ {
		if g := r.gaz[p]; g.n > 0 && p+g.n <= b {
			r.emit(p, p+g.n, g.entry.Type, g.entry.Canonical, "", true)
			p += g.n - 1
		}
	}
}

// officeEnd returns where a person's first name starts after the words
// [a,b) that finish a title's office, a connector and capitalized words
// ("of" + "Foreign Affairs" + "Ana Ruiz"), or 0 if none does.
func (r *recognizer) officeEnd(a, b int) int {
	if r.units[a].capital || !lex.connectors.Has(r.units[a].norm) {
		return 0
	}
	for k := a + 1; k < b; k++ {
		u := r.units[k]
		switch {
		case u.gap:
			return 0
		case !u.capital:
			if !lex.connectors.Has(u.norm) {
				return 0
			}
		case lex.firstNames.Has(u.norm):
			if k == a+1 || !r.units[k-1].capital {
				return 0
			}
			return k
		}
	}
	return 0
}

// qualifierType guesses the type of the words [a,b) before a title
// ("Lodravo Mayor", "Karvenian Defence Minister"): a place, or a people
// when one word ends as the language's demonyms do; never a person.
func (r *recognizer) qualifierType(a, b int) string {
	if b-a == 1 && r.demonymShaped(r.units[a].norm) {
		return model.MISC
	}
	return model.LOC
}

// demonymShaped reports whether word w ends as the language's demonyms
// do, with a stem of four letters or more before; one-letter endings
// ("n", "i") end too many places' names to count.
func (r *recognizer) demonymShaped(w string) bool {
	for _, e := range r.demonymEndings {
		if len(e) > 1 && len(w) >= len(e)+4 && strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

// titleInside returns where a title starts inside the run [a,b) with a
// person's name after it, or a: a first name ("Lodravo Mayor Tomás
// Vidal"), or two or three words that end the run, none a head word or
// gazetteer name ("Karvenian President Lena Marsh", not "Karvenian
// General Hospital").
func (r *recognizer) titleInside(a, b int) int {
	for k := a + 1; k < b; k++ {
		if r.units[k].gap {
			return a
		}
		n := r.titleLen(k, b)
		if n == 0 {
			continue
		}
		if lex.firstNames.Has(r.units[k+n].norm) || r.plainName(k+n, b) {
			return k
		}
	}
	return a
}

// personAfterBody returns where a person's name starts after a body's
// name in the run [a,b), or a: a first name opening two or three plain
// words that end the run, after a name with a head word ("Alianza Cívica
// Ana Quist", "the Civic Alliance Ana Quist").
func (r *recognizer) personAfterBody(a, b int) int {
	for k := a + 2; k <= b-2; k++ {
		if lex.firstNames.Has(r.units[k].norm) && r.units[k-1].capital && r.plainName(k, b) && r.headed(a, k) {
			return k
		}
	}
	return a
}

// plainName reports whether [a,b) is two or three capitalized words that
// could be a person's name: none a head word or gazetteer name.
func (r *recognizer) plainName(a, b int) bool {
	if b-a < 2 || b-a > 3 {
		return false
	}
	for i := a; i < b; i++ {
		u := r.units[i]
		if !u.capital || r.gaz[i].n > 0 || lex.heads.suffix[u.norm] != "" || lex.heads.head[u.norm] != "" {
			return false
		}
	}
	return true
}

// loneHeadWord reports whether [a,b) is a head word alone that only its
// place capitalizes, a common noun: "Police used tear gas", where the
// report never writes "Police" mid-sentence.
func (r *recognizer) loneHeadWord(a, b int) bool {
	n := r.units[a].norm
	return b == a+1 && r.units[a].initial && r.gaz[a].n == 0 && !r.midCapital[n] &&
		(lex.heads.suffix[n] != "" || lex.heads.head[n] != "")
}

// titleLen is the length of a title at the start of [a,b) that leaves a
// name after it, or 0.
func (r *recognizer) titleLen(a, b int) int {
	n := lex.titles.matchWords(r.norms(a, min(b, a+lex.titles.maxLen)))
	if n == 0 || a+n >= b || !r.units[a+n].capital {
		return 0
	}
	return n
}

// roleBefore finds a lower-case title right before unit a ("interim
// president Ana Torres", "el canciller Julián Esterri").
func (r *recognizer) roleBefore(a int) string {
	if a == 0 || r.units[a].gap {
		return ""
	}
	for n := min(lex.titles.maxLen, a); n > 0; n-- {
		if r.units[a-n].gap && n > 1 {
			continue
		}
		ok := true
		for _, u := range r.units[a-n+1 : a] {
			if u.gap {
				ok = false
			}
		}
		if !ok {
			continue
		}
		if role, found := lex.titles.roles[r.key(a-n, a)]; found {
			return role
		}
	}
	return ""
}

// appositiveRole finds, for the run [a,b) set off by commas (or ending
// its sentence), a title that ends in the comma right before it and does
// not open the sentence: "la ministra del Interior, Lucía Benavides,",
// "the country's foreign minister, Ana Torres.", "the UN
// Secretary-General, Ana Ruiz,". Without the closing mark the
// name likely starts a clause ("after meeting the president, Ana Torres
// said").
func (r *recognizer) appositiveRole(a, b int) string {
	if a == 0 || strings.TrimSpace(r.txt[r.units[a-1].end:r.units[a].start]) != "," {
		return ""
	}
	if after := strings.TrimLeft(r.txt[r.units[b-1].end:], " "); after != "" && !strings.ContainsAny(after[:1], ",.;)") {
		return ""
	}
	// The longest title wins: "foreign minister", not "minister".
	longest := ""
	for s := a - 1; s >= max(a-lex.titles.maxLen-1, 0); s-- {
		if role, ok := r.titleRole(s, a); ok && (!r.units[s].capital || !r.units[s].initial) {
			longest = role
		}
		if r.units[s].gap {
			break
		}
	}
	return longest
}

// titleTail returns how many words at the start of the run [a,b) finish
// a title the lower-case words right before it begin ("ministro de" +
// "Defensa"), and that title's role; 0 when none does. The office is no
// name; a name after it takes the role.
func (r *recognizer) titleTail(a, b int) (int, string) {
	if a == 0 || r.units[a].gap {
		return 0, ""
	}
	for n := 1; n <= lex.titles.maxLen && n <= a; n++ {
		before := r.units[a-n]
		if before.capital || (before.gap && n > 1) {
			break
		}
		for m := min(b-a, lex.titles.maxLen+1-n); m > 0; m-- {
			if role, ok := r.titleRole(a-n, a+m); ok {
				return m, role
			}
		}
		if before.gap {
			break
		}
	}
	return r.portfolioTail(a, b)
}

// titleRole looks the words [a,b) up as a title, also without a people's
// adjective after its first or last word ("el ministro karveniano de
// Defensa", "la canciller karveniana", "el ministro de Defensa
// karveniano"), and returns the title's role.
func (r *recognizer) titleRole(a, b int) (string, bool) {
	if role, ok := lex.titles.roles[r.key(a, b)]; ok {
		return role, true
	}
	if b-a < 2 {
		return "", false
	}
	if r.demonymAdjective(b - 1) {
		// "el ministro de Defensa karveniano"
		if role, ok := lex.titles.roles[r.key(a, b-1)]; ok {
			return role, true
		}
	}
	if !r.demonymAdjective(a + 1) {
		return "", false
	}
	words := append(r.norms(a, a+1), r.norms(a+2, b)...)
	role, ok := lex.titles.roles[strings.Join(words, " ")]
	return role, ok
}

// demonymAdjective reports whether unit i is a lower-case word ending as
// the language's demonyms do ("karveniano", "estadounidense"), which
// Spanish puts after a title.
func (r *recognizer) demonymAdjective(i int) bool {
	u := r.units[i]
	return !u.capital && !u.gap && r.demonymShaped(u.norm)
}

// portfolioOf are the words that join a title to its portfolio.
var portfolioOf = text.NewSet([]string{"de", "del"}, false)

// portfolioTail returns how many words at the start of the run [a,b) name
// the portfolio of a title that takes one ("ministro de" + "Comercio",
// "ministra de Industria y" + "Comercio", data/portfolios.txt), and the
// title's role; 0 when none does. The portfolio ends before a first name;
// a longer run without one is left whole, since where the name starts is
// unknown, and a known place is no portfolio.
func (r *recognizer) portfolioTail(a, b int) (int, string) {
	if r.units[a].gap {
		return 0, ""
	}
	// Walk back over earlier portfolio words: "de Industria y".
	j := a - 1
	for j >= 2 && coordinators.Has(r.units[j].norm) && r.units[j-1].capital && !r.units[j].gap && !r.units[j-1].gap {
		j -= 2
	}
	if j < 1 || r.units[j].gap || !portfolioOf.Has(r.units[j].norm) {
		return 0, ""
	}
	title := r.units[j-1]
	if j >= 2 && r.demonymAdjective(j-1) {
		title = r.units[j-2] // "el ministro karveniano de" + "Defensa"
	}
	if title.capital || !lex.portfolios.Has(title.norm) {
		return 0, ""
	}
	// A place is no portfolio: "el ministro de Karvenia".
	for k := a; k < b; k++ {
		if r.gaz[k].n > 0 || lex.heads.suffix[r.units[k].norm] == model.LOC || lex.heads.head[r.units[k].norm] == model.LOC {
			return 0, ""
		}
	}
	m := 0
	for k := a + 1; k < b && m == 0; k++ {
		if lex.firstNames.Has(r.units[k].norm) {
			m = k - a
		}
	}
	if m == 0 && b-a <= 2 {
		m = b - a
	}
	if m == 0 {
		return 0, ""
	}
	return m, lex.titles.roles[title.norm]
}

// splitsAfter reports whether a run [a,b) that opens with gazetteer name g
// holds two names: a place or demonym before a person or title ("U.S.
// President Donald Ruiz"), not one longer name ("United Nations Charter",
// "Karvenian Foreign Ministry", "Karvenia Airport").
func (r *recognizer) splitsAfter(a int, g gazMatch, b int) bool {
	if r.headed(a, b) {
		return false
	}
	if g.entry.Type == model.LOC || g.entry.Type == model.MISC {
		return true
	}
	rest := a + g.n
	// An acronym names a body whole: in "dijo a EFE Lena Marsh" the name
	// after it is another's.
	if r.allUpper(a, rest) && !r.allUpper(rest, b) {
		return true
	}
	// A title ending the run is an office of the body: "UN Secretary-General".
	if lex.titles.matchWords(r.norms(rest, b)) == b-rest {
		return true
	}
	return r.titleLen(rest, b) > 0 || lex.honorifics.Has(r.units[rest].norm) || lex.firstNames.Has(r.units[rest].norm)
}

// headed reports whether [a,b) ends in a word that heads a name of any
// type, or opens with one that heads an organization's.
func (r *recognizer) headed(a, b int) bool {
	return lex.heads.suffix[r.units[b-1].norm] != "" || lex.heads.head[r.units[a].norm] == model.ORG
}

// typeOf types a name from its own words; known is false for a guess.
func (r *recognizer) typeOf(a, b int) (typ string, known bool) {
	// A headword alone names too ("the Cancillería"), unless the text also
	// uses it as an ordinary word.
	single := b-a == 1 && r.lower[r.units[a].norm]
	// A people's name ends in its demonym: "Latin Americans".
	if e := lex.gazetteer.byKey[r.units[b-1].norm]; e != nil && e.Type == model.MISC && e.Country != nil && !single {
		return model.MISC, true
	}
	suffix, head := lex.heads.suffix[r.units[b-1].norm], lex.heads.head[r.units[a].norm]
	// What a body's name ends in is its business: "Ministry of War".
	if suffix == model.MISC && head == model.ORG {
		suffix = ""
	}
	if suffix != "" && !single {
		return suffix, true
	}
	if head != "" && !single {
		return head, true
	}
	if b-a > 1 && lex.firstNames.Has(r.units[a].norm) {
		return model.PER, true
	}
	if b-a == 1 && r.units[a].upper {
		return model.ORG, false
	}
	for i := a; i < b; i++ {
		if !r.units[i].capital {
			return model.ORG, false // "Cartel de los Soles"
		}
	}
	return model.PER, false
}

// placeBefore reports whether a locative preposition precedes unit a
// ("in Lodravo", "en Lodravo"), not after a holding ("shares in"), or a
// verb before a place (data/placeverbs.txt: "viajó a Lodravo", "invaded
// Lodravo").
func (r *recognizer) placeBefore(a int) bool {
	for n := 1; n <= placeVerbLen && n <= a && !r.units[a-n+1].gap; n++ {
		if placeVerbs.Has(r.key(a-n, a)) {
			return true // "viajó a Lodravo", "invaded Lodravo"
		}
	}
	return a > 0 && !r.units[a].gap && locatives.Has(r.units[a-1].norm) &&
		(a < 2 || r.units[a-1].gap || !holdings.Has(r.units[a-2].norm))
}

func (r *recognizer) norms(a, b int) []string {
	out := make([]string, 0, b-a)
	for _, u := range r.units[a:b] {
		out = append(out, u.norm)
	}
	return out
}

func (r *recognizer) key(a, b int) string { return strings.Join(r.norms(a, b), " ") }

func (r *recognizer) emit(a, b int, typ, canonical, role string, known bool) {
	start, end := r.units[a].start, r.units[b-1].end
	name := r.txt[start:end]
	if canonical == "" {
		canonical = name
	}
	r.found = append(r.found, candidate{
		Mention: model.Mention{Start: start, End: end, Text: name, Type: typ, Canonical: canonical, Role: role},
		words:   r.norms(a, b),
		known:   known,
	})
}
