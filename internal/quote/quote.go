// Package quote finds direct quotations in a text and attributes each to
// its speaker: a name, a pronoun or a description next to a reporting verb.
package quote

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/text"
)

// Attribution windows: how far from a quotation its speaker may be named.
const (
	windowBytes = 240
	// maxVerbGap is how many tokens may separate a reporting verb from the
	// quotation it introduces ("said during the rally on Monday:").
	maxVerbGap = 8
	// scareWords is the longest quotation kept without a reporting verb
	// being skipped as a scare quote.
	scareWords = 3
)

// Extract finds the direct quotations of txt with their speakers. mentions
// are the entity mentions of txt (entity.Recognize); lang selects the
// reporting-verb lexicon ("en" or "es").
func Extract(txt string, sents []model.Sentence, mentions []model.Mention, lang string) []model.Quote {
	lx := lexicons[lang]
	if lx == nil {
		lx = lexicons["en"]
	}
	spans := findQuotes(txt)
	if len(spans) == 0 {
		return nil
	}
	x := extractor{txt: txt, lx: lx, toks: text.Tokenize(txt), spans: spans, sents: sents}
	for _, m := range mentions {
		if !x.quoted(m.Start) {
			x.mentions = append(x.mentions, m)
		}
	}
	var out []model.Quote
	var prev *model.Quote
	prevClose := -1
	for _, s := range spans {
		start, end := trimQuote(txt, s.start, s.end)
		if start >= end {
			continue
		}
		q := model.Quote{Start: start, End: end, Text: txt[start:end], SpeakerStart: -1, SpeakerEnd: -1}
		if !s.dash && x.embedded(s) {
			// A fragment without a governing verb is a scare quote: a
			// short one is dropped, a longer one kept without a speaker.
			if sp, ok := x.fragmentSpeaker(s); ok {
				q.Speaker, q.SpeakerStart, q.SpeakerEnd = sp.name, sp.start, sp.end
			} else if wordCount(q.Text) <= scareWords {
				continue
			}
			out = append(out, q)
			prev, prevClose = &out[len(out)-1], s.close
			continue
		}
		sp, found := x.attribute(s)
		if found && sp.subjectless && sp.name == "" && prev != nil && s.open-prevClose <= lastSpeakerReach {
			// "“…”, afirmó." a paragraph or two after the last quotation:
			// its speaker goes on.
			sp.name = prev.Speaker
		}
		switch {
		case found:
			q.Speaker, q.SpeakerStart, q.SpeakerEnd = sp.name, sp.start, sp.end
		case s.dash || wordCount(q.Text) <= scareWords:
			continue
		case prev != nil && continues(txt, prevClose, s.open):
			// A further quotation in the same paragraph, or opening the next
			// one, continues the speaker.
			q.Speaker, q.SpeakerStart, q.SpeakerEnd = prev.Speaker, prev.SpeakerStart, prev.SpeakerEnd
		default:
			if sp, ok := x.previousSentence(s); ok {
				q.Speaker, q.SpeakerStart, q.SpeakerEnd = sp.name, sp.start, sp.end
			}
		}
		out = append(out, q)
		prev, prevClose = &out[len(out)-1], s.close
	}
	return out
}

// lastSpeakerReach bounds, in bytes, how far back the quotation whose
// speaker a subjectless verb continues may close.
const lastSpeakerReach = 1500

type extractor struct {
	txt      string
	lx       *lexicon
	toks     []text.Token
	spans    []span
	sents    []model.Sentence
	mentions []model.Mention // outside quotations, in text order
}

// speaker is a resolved speaker and where the text names it.
type speaker struct {
	name       string
	start, end int
	// subjectless marks a verb that carries its own subject ("agregó."):
	// with no person named in reach, the last speaker quoted may be it.
	subjectless bool
}

// candidate is a word or mention that may name a speaker.
type candidate struct {
	start, end int
	typ        string
	mention    *model.Mention // nil for pronouns, descriptions and titled names
	noun       string         // head noun of a description
	// name is a titled name the entity recognizer missed ("Mr. Hale").
	name string
	// gender is what a pronoun or title says of its referent ("m", "f").
	gender string
	// possessive marks a pronoun that owns a noun ("her statement").
	possessive bool
	// group names speakers around a name, as the text words it
	// ("Democratic leaders", "gobierno de Lopez").
	group string
}

func (x *extractor) quoted(i int) bool {
	k := sort.Search(len(x.spans), func(k int) bool { return x.spans[k].close > i })
	return k < len(x.spans) && x.spans[k].open <= i
}

// attribute finds the speaker of s from a reporting verb after the
// quotation ("…,” Lopez said") or before it ("Ruiz replied: “…”").
func (x *extractor) attribute(s span) (speaker, bool) {
	if sp, ok := x.dashCredit(s); ok {
		return sp, true
	}
	a, b := x.afterWindow(s)
	ti, tj := x.tokenRange(a, b)
	coordinated := x.coordinatedVerb(ti, tj)
	for t := ti; t < tj && !coordinated; t++ {
		if x.toks[t].Kind == text.Word && x.lx.breakers.Has(x.lower(t)) {
			break
		}
		if x.isVerb(t) {
			if _, named := x.nearestBefore(a, x.toks[t].Start); !named && x.lx.gerund(x.lower(t)) {
				break // "…,” adding that …: the speaker is named before the quotation
			}
			return x.verbSpeaker(a, t, b)
		}
		if n := x.sourceAt(t); n > 0 {
			if c, ok := x.firstAfter(x.toks[t+n-1].End, b); ok {
				return x.resolve(c)
			}
		}
	}
	if c, ok := x.trailingSubject(s, ti, tj); ok && !coordinated {
		return x.resolve(c)
	}
	if s.dash {
		return speaker{}, false
	}
	a, b = x.beforeWindow(s)
	ti, tj = x.tokenRange(a, b)
	for t := tj - 1; t >= ti && tj-t <= maxVerbGap+1; t-- {
		if x.isVerb(t) {
			return x.subjectSpeaker(a, t, b)
		}
	}
	for t := ti; t < tj; t++ {
		if n := x.sourceAt(t); n > 0 {
			if c, ok := x.firstAfter(x.toks[t+n-1].End, b); ok {
				return x.resolve(c)
			}
		}
	}
	if coordinated {
		if c, ok := x.firstSubject(a, b); ok {
			return x.resolve(c)
		}
	}
	if strings.HasSuffix(strings.TrimSpace(x.txt[a:b]), ":") {
		// A sentence introducing the quotation without a reporting verb
		// ("Hoff's letter makes a case:", "he demurred:") names its
		// speaker: the last person named, else its first candidate.
		if c, ok := x.lastPerson(a, b); ok {
			return x.resolve(c)
		}
		if c, ok := x.firstAfter(a, b); ok {
			return x.resolve(c)
		}
	}
	return speaker{}, false
}

// previousSentence finds the speaker of a quotation that opens a sentence
// with no attribution of its own from the sentence before it in the same
// paragraph, when that one reports speech ("Ruiz said she would stay.
// “We are not done.”").
func (x *extractor) previousSentence(s span) (speaker, bool) {
	a, _ := x.beforeWindow(s)
	if a == 0 || strings.TrimSpace(x.txt[a:s.open]) != "" || x.txt[a-1] == '\n' {
		return speaker{}, false
	}
	ps := x.sentenceStart(a - 1)
	if nl := strings.LastIndexByte(x.txt[ps:a], '\n'); nl >= 0 {
		ps += nl + 1
	}
	ti, tj := x.tokenRange(ps, a)
	for t := tj - 1; t >= ti; t-- {
		if x.isVerb(t) && !x.quoted(x.toks[t].Start) {
			return x.verbSpeaker(ps, t, a)
		}
	}
	return speaker{}, false
}

// verbSpeaker finds the subject of the reporting verb at token v within
// [a,b): the nearest candidate before it, else the bare words before it
// ("one senior official said"), else the first candidate after it, else
// the bare phrase after it.
func (x *extractor) verbSpeaker(a, v, b int) (speaker, bool) {
	if c, ok := x.insertedSubject(a, v); ok {
		return x.resolve(c)
	}
	c, ok := x.nearestBefore(a, x.toks[v].Start)
	if r := x.subjectRun(a, v); r < v && (!ok || c.end <= x.toks[r].Start) {
		// A clause of its own names an unknown speaker right before the
		// verb ("As the phone rang, the announcer said").
		return x.phrase(r, v), true
	}
	if ok {
		return x.resolve(c)
	}
	if sp, ok := x.phraseBefore(a, v); ok {
		return sp, true
	}
	if c, ok := x.firstAfterVerb(x.toks[v].End, b); ok {
		return x.resolve(c)
	}
	if sp, ok := x.phraseAfter(v, b); ok {
		return sp, true
	}
	if x.lx.nullSubject && x.opensClause(a, v) && x.closesClause(v) {
		// "También afirma que …": the verb's own subject, the last person named.
		sp, ok := x.resolve(candidate{start: x.toks[v].Start, end: x.toks[v].End, typ: model.PER})
		sp.subjectless = true
		return sp, ok
	}
	return speaker{}, false
}

// closesClause reports whether the reporting verb at token v has no
// subject after it: punctuation or a complementizer follows ("agregó.",
// "afirma que"), not a phrase that may name someone ("dice el Pacto").
func (x *extractor) closesClause(v int) bool {
	t := v + 1
	return t >= len(x.toks) || x.toks[t].Kind == text.Punct || x.lx.complementizers.Has(x.lower(t))
}

// opensClause reports whether only adverbs, conjunctions, negations and
// punctuation stand before the reporting verb at token v, back to the
// start of its sentence or to a, where the text after a quotation starts.
func (x *extractor) opensClause(a, v int) bool {
	ti, _ := x.tokenRange(max(a, x.sentenceStart(x.toks[v].Start)), x.toks[v].Start)
	for t := ti; t < v; t++ {
		if x.toks[t].Kind == text.Punct {
			continue
		}
		if w := x.lower(t); !x.lx.adverbs.Has(w) && !x.lx.conjunctions.Has(w) && !x.lx.negations.Has(w) && !x.lx.nonSpeakers.Has(w) {
			return false
		}
	}
	return true
}

// firstAfterVerb is the first candidate within [i,b) after a reporting
// verb, passing over the one spoken to ("dijo a Efe Ana Ruiz").
func (x *extractor) firstAfterVerb(i, b int) (candidate, bool) {
	return x.firstWhere(i, b, func(c candidate) bool { return !x.wordBeforeIn(c, x.lx.addressees) })
}

// insertedSubject finds the subject set off before an insertion that a
// comma closes right before the verb at v (auxiliaries aside): "…,” Ana
// Ruiz, a lawyer suing the EPA, said" and "after Ruiz, asked about Lee,
// had said". The subject is the candidate a comma directly follows, or a
// person's name that is the whole insertion ("the bank's director, Tomás
// Vidal, said").
func (x *extractor) insertedSubject(a, v int) (candidate, bool) {
	ti, _ := x.tokenRange(a, x.toks[v].Start)
	u := v - 1
	for u > ti && x.lx.auxiliaries.Has(x.lower(u)) {
		u--
	}
	if u <= ti || x.toks[u].Text != "," {
		return candidate{}, false
	}
	cs := x.candidates(x.toks[ti].Start, x.toks[u].Start)
	for k := u - 1; k > ti; k-- {
		if x.toks[k].Text != "," {
			continue
		}
		for _, c := range cs {
			if c.mention != nil && c.typ == model.PER && c.start == x.toks[k+1].Start && c.end == x.toks[u-1].End {
				// "El director general de la caja, Tomás Vidal, ha
				// explicado": the name set off names the description.
				return c, true
			}
		}
		for _, c := range cs {
			if c.end == x.toks[k-1].End && !c.possessive {
				return c, true
			}
		}
	}
	return candidate{}, false
}

// subjectSpeaker finds the speaker of a reporting verb at token v that
// introduces a quotation: for a gerund, the subject opening its sentence
// ("Ruiz took to Twitter, writing:"); else as verbSpeaker.
func (x *extractor) subjectSpeaker(a, v, b int) (speaker, bool) {
	if !x.lx.gerund(x.lower(v)) {
		return x.verbSpeaker(a, v, b)
	}
	// The subject may sit before an earlier quotation of the same sentence
	// ("Lopez mocked it -- ''…'' -- and, pressed later, asserting, ''…''").
	if c, ok := x.firstSubject(min(a, x.sentenceStart(x.toks[v].Start)), x.toks[v].Start); ok {
		return x.resolve(c)
	}
	return x.verbSpeaker(a, v, b)
}

// maxPhraseWords bounds a speaker phrase that names no known entity.
const maxPhraseWords = 8

// sentenceStart is the start of the sentence holding offset i, or i when
// no sentence is known there.
func (x *extractor) sentenceStart(i int) int {
	k := sort.Search(len(x.sents), func(k int) bool { return x.sents[k].End > i })
	if k < len(x.sents) && x.sents[k].Start <= i {
		return x.sents[k].Start
	}
	return i
}

// trailingReach is how many tokens after a quotation ending in a comma its
// speaker may open ("…,” an angry Ana Ruiz retorted").
const trailingReach = 4

// trailingSubject finds the speaker of a quotation whose text ends in a
// comma (or that a comma follows), so that its sentence goes on to name who spoke, with a verb the
// lexicon lacks: the first candidate among the next few tokens [ti,tj).
func (x *extractor) trailingSubject(s span, ti, tj int) (candidate, bool) {
	switch {
	case strings.HasSuffix(strings.TrimRight(x.txt[s.start:s.end], " "), ","):
	case ti < tj && x.toks[ti].Text == "," && x.toks[ti].Start == s.close:
		ti++ // "«…», replicó": the comma follows the closing mark
	default:
		return candidate{}, false
	}
	end := min(tj, ti+trailingReach)
	for t := ti; t < end; t++ {
		if x.toks[t].Kind != text.Word || x.isVerb(t) || x.lx.breakers.Has(x.lower(t)) || x.lx.conjunctions.Has(x.lower(t)) {
			end = t
			break
		}
	}
	if end <= ti {
		return candidate{}, false
	}
	var first candidate
	found := false
	for _, c := range x.candidates(x.toks[ti].Start, x.toks[end-1].End) {
		if !c.possessive && (!found || c.start < first.start) {
			first, found = c, true
		}
	}
	return first, found
}

// coordinatedVerb reports whether the text after a quotation opens with a
// conjunction and a reporting verb ("“…” and then said"), whose subject is
// the one before the quotation.
func (x *extractor) coordinatedVerb(ti, tj int) bool {
	if ti >= tj || !x.lx.conjunctions.Has(x.lower(ti)) {
		return false
	}
	for t := ti + 1; t < tj && t <= ti+2; t++ {
		if x.isVerb(t) {
			return true
		}
	}
	return false
}

// subjectRun finds the noun phrase that opens a clause right before the
// reporting verb at v: words (and numbers, as in "the 34-year-old mother")
// back to a punctuation mark, opening with a determiner-like word. It
// returns v when there is none.
func (x *extractor) subjectRun(a, v int) int {
	ti, _ := x.tokenRange(a, x.toks[v].Start)
	r := v
	for r > ti && v-r < maxPhraseWords && (x.toks[r-1].Kind == text.Word || x.toks[r-1].Kind == text.Number || x.hyphenAt(r-1)) {
		r--
	}
	if r == v || r == ti || x.toks[r-1].Kind != text.Punct || !x.lx.phraseOpeners.Has(x.lower(r)) || x.lx.possessives.Has(x.lower(r)) || x.silentPhrase(r, v) {
		return v
	}
	if _, named := x.firstAfter(x.toks[r].Start, x.toks[v].Start); named {
		return v
	}
	return r
}

// hyphenAt reports whether token t is a hyphen glued to words on both sides.
func (x *extractor) hyphenAt(t int) bool {
	return x.toks[t].Text == "-" && t > 0 && t+1 < len(x.toks) && x.toks[t-1].End == x.toks[t].Start && x.toks[t].End == x.toks[t+1].Start
}

// dashCredit reads a credit line after a quotation that fills its
// paragraph: "“…” — Ana Ruiz, a teacher".
func (x *extractor) dashCredit(s span) (speaker, bool) {
	if !paragraphStart(x.txt, s.open) {
		return speaker{}, false
	}
	i := s.close
	for i < len(x.txt) {
		r, w := utf8.DecodeRuneInString(x.txt[i:])
		if r == '\n' || !unicode.IsSpace(r) {
			break
		}
		i += w // spaces, no-break ones included
	}
	n := 0
	for _, d := range []string{"―", "—", "–", "--", "-"} {
		if strings.HasPrefix(x.txt[i:], d) {
			n = len(d)
			break
		}
	}
	if n == 0 {
		return speaker{}, false
	}
	end := len(x.txt)
	if nl := strings.IndexByte(x.txt[i:], '\n'); nl >= 0 {
		end = i + nl
	}
	ti, tj := x.tokenRange(i+n, end)
	if ti >= tj || x.toks[ti].Kind != text.Word || !unicode.IsUpper([]rune(x.toks[ti].Text)[0]) {
		return speaker{}, false
	}
	if c, ok := x.firstAfter(x.toks[ti].Start, end); ok && c.start == x.toks[ti].Start {
		return x.resolve(c)
	}
	u := ti
	for u < tj && x.toks[u].Kind == text.Word && u-ti < maxPhraseWords {
		u++
	}
	return x.phrase(ti, u), true
}

// phraseBefore takes the words between the window start and the reporting
// verb at token v as its speaker ("…,” the editorial board writes).
func (x *extractor) phraseBefore(a, v int) (speaker, bool) {
	ti, _ := x.tokenRange(a, x.toks[v].Start)
	for ti < v && x.toks[ti].Kind == text.Punct {
		ti++
	}
	if ti < v && v-ti <= maxPhraseWords && x.allWords(ti, v) && x.opensPhrase(ti) && !x.lx.adverbs.Has(x.lower(ti)) && !x.lx.prepositions.Has(x.lower(ti)) && !x.silentPhrase(ti, v) {
		return x.phrase(ti, v), true
	}
	return speaker{}, false
}

// phraseAfter takes the words after the reporting verb at token v, up to a
// punctuation mark, as its speaker when they open like a noun phrase
// ("said one owner of a shop, …").
func (x *extractor) phraseAfter(v, b int) (speaker, bool) {
	u := v + 1
	for u < len(x.toks) && x.toks[u].End <= b && x.toks[u].Kind == text.Word && u-v <= maxPhraseWords {
		u++
	}
	if u == v+1 || x.lx.nonSpeakers.Has(x.lower(v+1)) {
		return speaker{}, false
	}
	if !x.opensPhrase(v+1) || x.silentPhrase(v+1, u) {
		return speaker{}, false
	}
	return x.phrase(v+1, u), true
}

// opensPhrase reports whether token t may open a speaker phrase: a
// determiner-like word or a capitalized one.
func (x *extractor) opensPhrase(t int) bool {
	return x.lx.phraseOpeners.Has(x.lower(t)) || unicode.IsUpper([]rune(x.toks[t].Text)[0])
}

func (x *extractor) allWords(i, j int) bool {
	for t := i; t < j; t++ {
		if x.toks[t].Kind != text.Word {
			return false
		}
	}
	return true
}

// phrase is the speaker named by tokens [i,j).
func (x *extractor) phrase(i, j int) speaker {
	for j-1 > i && x.lx.negations.Has(x.lower(j-1)) {
		j-- // "El titular de Turismo no aclaró": the negation is the verb's
	}
	a, b := x.toks[i].Start, x.toks[j-1].End
	return speaker{name: x.txt[a:b], start: a, end: b}
}

// afterWindow is the text after the closing mark up to the end of its
// clause: a line break, a sentence end or the next quotation.
func (x *extractor) afterWindow(s span) (int, int) {
	a := s.close
	b := min(len(x.txt), a+windowBytes)
	if k := x.nextQuote(a); k >= 0 && k < b {
		b = k
	}
	for i := a; i < b; i++ {
		switch c := x.txt[i]; c {
		case '\n':
			return a, i
		case '.', '!', '?':
			if i > a && (i+1 == len(x.txt) || x.txt[i+1] == ' ' || x.txt[i+1] == '\n') && !x.abbreviation(x.txt[a:i]) {
				return a, i
			}
		}
	}
	return a, b
}

// beforeWindow is the text before the opening mark back to the start of
// its sentence, line or the previous quotation.
func (x *extractor) beforeWindow(s span) (int, int) {
	b := s.open
	if lead := strings.TrimRight(x.txt[:b], " \t\r\n"); paragraphStart(x.txt, b) && strings.HasSuffix(lead, ":") {
		b = len(lead) // "Dr. Ward stated:" closing the paragraph before
	}
	a := max(0, b-windowBytes)
	for i := b - 1; i >= a; i-- {
		switch x.txt[i] {
		case '\n':
			return i + 1, b
		case '.', '!', '?':
			if i+1 < b && x.txt[i+1] == ' ' && !x.abbreviation(x.txt[a:i]) {
				return i + 1, b
			}
		}
	}
	if k := sort.Search(len(x.spans), func(k int) bool { return x.spans[k].close > s.open }); k > 0 && x.spans[k-1].close > a {
		a = x.spans[k-1].close
	}
	return a, b
}

// abbreviation reports whether the text before a dot ends in a capital
// initial ("U.S", "Washington D.C") or an abbreviated title ("Mr", "Gov"),
// which do not end a sentence.
func (x *extractor) abbreviation(before string) bool {
	n := len(before)
	if n >= 1 && unicode.IsUpper(rune(before[n-1])) && (n == 1 || before[n-2] == '.' || before[n-2] == ' ') {
		return true
	}
	word := before[strings.LastIndexFunc(before, func(r rune) bool { return !unicode.IsLetter(r) })+1:]
	return x.lx.abbreviations.Has(strings.ToLower(word))
}

func (x *extractor) nextQuote(i int) int {
	k := sort.Search(len(x.spans), func(k int) bool { return x.spans[k].open >= i })
	if k < len(x.spans) {
		return x.spans[k].open
	}
	return -1
}

func (x *extractor) tokenRange(a, b int) (int, int) {
	i := sort.Search(len(x.toks), func(k int) bool { return x.toks[k].Start >= a })
	j := sort.Search(len(x.toks), func(k int) bool { return x.toks[k].End > b })
	return i, max(i, j)
}

func (x *extractor) lower(t int) string { return strings.ToLower(x.toks[t].Text) }

// isVerb reports whether token t is a reporting verb, not a noun of the
// same spelling after a determiner ("one of the states").
func (x *extractor) isVerb(t int) bool {
	return x.toks[t].Kind == text.Word && x.lx.reportingVerb(x.lower(t)) &&
		(t == 0 || !x.lx.determiners.Has(x.lower(t-1)))
}

// sourceAt returns the length of a source phrase ("according to") at token t.
func (x *extractor) sourceAt(t int) int {
	for _, p := range x.lx.sources {
		if t+len(p) > len(x.toks) {
			continue
		}
		ok := true
		for k, w := range p {
			if x.lower(t+k) != w {
				ok = false
				break
			}
		}
		if ok {
			return len(p)
		}
	}
	return 0
}

// candidates lists the possible speakers inside [a,b): PER and ORG mentions,
// pronouns and descriptions ("the Karvenian president").
func (x *extractor) candidates(a, b int) []candidate {
	var out []candidate
	k := sort.Search(len(x.mentions), func(k int) bool { return x.mentions[k].Start >= a })
	for ; k < len(x.mentions) && x.mentions[k].End <= b; k++ {
		if m := &x.mentions[k]; m.Type == model.PER || m.Type == model.ORG {
			if c, ok := x.mentionCandidate(m); ok {
				out = append(out, c)
			}
		}
	}
	ti, tj := x.tokenRange(a, b)
	for t := ti; t < tj; t++ {
		w := x.lower(t)
		if x.quoted(x.toks[t].Start) {
			continue
		}
		if typ, ok := x.lx.pronouns[w]; ok {
			out = append(out, candidate{start: x.toks[t].Start, end: x.toks[t].End, typ: typ,
				gender: x.lx.pronounGender[w], possessive: x.lx.possessives.Has(w)})
			continue
		}
		if g, ok := x.lx.honorifics[w]; ok {
			if c, ok := x.titledName(t, tj, g); ok {
				out = append(out, c)
			}
			continue
		}
		if !x.lx.determiners.Has(w) {
			continue
		}
		for u := t + 1; u < tj && u <= t+3 && x.toks[u].Kind == text.Word; u++ {
			if x.speakerMentionAt(x.toks[u].Start) {
				break // a name inside: "the Ruiz administration" is a group
			}
			if typ, ok := x.lx.describe[x.lower(u)]; ok {
				if x.mentionNear(x.toks[u].End) {
					break // a title before a name: "el presidente Maria Lopez"
				}
				if k := x.personInApposition(u, tj); k >= 0 {
					// "la ministra del Interior, Lucía Benavides,": the
					// person speaks, not a body the description names ("el
					// portavoz del Ejército, el coronel Tomás Vidal").
					out = slices.DeleteFunc(out, func(c candidate) bool {
						return c.mention != nil && c.start >= x.toks[t].Start && c.end <= x.mentions[k].Start
					})
					break
				}
				if g, ok := x.ownedGroup(u, tj, typ); ok {
					out = append(out, g)
					break
				}
				out = append(out, candidate{start: x.toks[t].Start, end: x.toks[u].End, typ: typ, noun: x.lower(u)})
				break
			}
		}
	}
	return out
}

// titledName reads an honorific at token t and the capitalized words after
// it ("Mr. Hale") that the entity recognizer left unnamed.
func (x *extractor) titledName(t, tj int, gender string) (candidate, bool) {
	u := t + 1
	if u < tj && x.toks[u].Text == "." {
		u++
	}
	first := u
	for u < tj && u-first < 3 && x.toks[u].Kind == text.Word && unicode.IsUpper([]rune(x.toks[u].Text)[0]) {
		u++
	}
	if u == first || x.speakerMentionAt(x.toks[first].Start) {
		return candidate{}, false
	}
	return candidate{start: x.toks[t].Start, end: x.toks[u-1].End, typ: model.PER,
		name: x.txt[x.toks[first].Start:x.toks[u-1].End], gender: gender}, true
}

// speakerMentionAt reports whether a person or organisation mention covers
// offset i.
func (x *extractor) speakerMentionAt(i int) bool {
	k := sort.Search(len(x.mentions), func(k int) bool { return x.mentions[k].End > i })
	return k < len(x.mentions) && x.mentions[k].Start <= i && (x.mentions[k].Type == model.PER || x.mentions[k].Type == model.ORG)
}

// appositionReach bounds the words that may finish a description before
// the comma of a name in apposition ("la ministra del Interior, Lucía").
const appositionReach = 5

// personInApposition returns the mention of the person's name a comma
// sets off after the description noun at token u and the few words
// finishing it, or -1.
func (x *extractor) personInApposition(u, tj int) int {
	for v := u + 1; v < tj && v <= u+appositionReach; v++ {
		if x.toks[v].Text == "," {
			// A title in lower case may come first: ", el coronel Tomás
			// Vidal"; the name then holds its role.
			w := v + 1
			for w < tj && w <= v+3 && x.toks[w].Kind == text.Word && text.StartsLower(x.toks[w].Text) {
				w++
			}
			if w >= tj {
				return -1
			}
			if k := x.mentionStarting(x.toks[w].Start); k >= 0 && x.mentions[k].Type == model.PER && (w == v+1 || x.mentions[k].Role != "") {
				return k
			}
			return -1
		}
		if x.toks[v].Kind != text.Word {
			return -1
		}
	}
	return -1
}

// mentionNear reports whether a speaker mention starts right after i.
func (x *extractor) mentionNear(i int) bool {
	k := sort.Search(len(x.mentions), func(k int) bool { return x.mentions[k].Start >= i })
	return k < len(x.mentions) && x.mentions[k].Start-i <= 1 && (x.mentions[k].Type == model.PER || x.mentions[k].Type == model.ORG)
}

// possessiveReach is how many tokens may separate a possessive speaker
// from its verb ("her campaign statement said").
const possessiveReach = 3

// nearestBefore is the candidate ending closest before i, within [a,i),
// passing over the channel a statement went out on ("his post on X") and,
// while another candidate is there, a name a preposition governs
// ("el seleccionador apostó por su compañero en el Deportivo Lodravo y matizó").
func (x *extractor) nearestBefore(a, i int) (candidate, bool) {
	var best, governed candidate
	found, foundGoverned := false, false
	for _, c := range x.candidates(a, i) {
		if x.afterMedium(c) {
			continue
		}
		if c.possessive {
			if ci, cj := x.tokenRange(c.end, i); cj-ci > possessiveReach {
				continue
			}
		}
		if c.mention != nil && x.afterPreposition(c) {
			if !foundGoverned || c.end > governed.end {
				governed, foundGoverned = c, true
			}
			continue
		}
		if !found || c.end > best.end || (c.end == best.end && c.mention != nil) {
			best, found = c, true
		}
	}
	if !found {
		return governed, foundGoverned
	}
	return best, found
}

// afterPreposition reports whether candidate c follows a preposition,
// perhaps with an article between ("en el Deportivo Lodravo"), and no relative
// pronoun after it makes it a subject ("a response from Ruiz, who
// warned").
func (x *extractor) afterPreposition(c candidate) bool {
	if u, _ := x.tokenRange(c.end, c.end); u+1 < len(x.toks) && x.toks[u].Text == "," && x.lx.relatives.Has(x.lower(u+1)) {
		return false
	}
	t, _ := x.tokenRange(c.start, c.start)
	if t > 0 && x.lx.determiners.Has(x.lower(t-1)) {
		t--
	}
	return t > 0 && x.lx.prepositions.Has(x.lower(t-1))
}

// afterMedium reports whether candidate c follows a word that makes it a
// channel rather than a speaker ("on", "via").
func (x *extractor) afterMedium(c candidate) bool {
	return x.wordBeforeIn(c, x.lx.media)
}

// wordBeforeIn reports whether the word right before candidate c is in set.
func (x *extractor) wordBeforeIn(c candidate, set text.Set) bool {
	t, _ := x.tokenRange(c.start, c.start)
	return t > 0 && set.Has(x.lower(t-1))
}

// firstAfter is the first candidate starting within [i,b).
func (x *extractor) firstAfter(i, b int) (candidate, bool) {
	return x.firstWhere(i, b, func(candidate) bool { return true })
}

// firstWhere is the first candidate within [i,b) that keep accepts.
func (x *extractor) firstWhere(i, b int, keep func(candidate) bool) (candidate, bool) {
	var best candidate
	found := false
	for _, c := range x.candidates(i, b) {
		if keep(c) && (!found || c.start < best.start) {
			best, found = c, true
		}
	}
	return best, found
}

// lastPerson is the last person within [i,b): a mention or a pronoun
// that is not a possessive.
func (x *extractor) lastPerson(i, b int) (candidate, bool) {
	var best candidate
	found := false
	for _, c := range x.candidates(i, b) {
		if c.typ == model.PER && !c.possessive && c.noun == "" && (!found || c.start > best.start) {
			best, found = c, true
		}
	}
	return best, found
}

// firstSubject is the first person (a mention or pronoun) within [i,b),
// else the first candidate: a sentence's subject rather than the place
// or medium that opens it ("On Twitter, she responded").
func (x *extractor) firstSubject(i, b int) (candidate, bool) {
	var first, person candidate
	found, foundPerson := false, false
	for _, c := range x.candidates(i, b) {
		if !found || c.start < first.start {
			first, found = c, true
		}
		if c.typ == model.PER && !c.possessive && (!foundPerson || c.start < person.start) {
			person, foundPerson = c, true
		}
	}
	if foundPerson {
		return person, true
	}
	return first, found
}

// resolve names a candidate: a mention by its canonical name, a pronoun or
// description by the nearest earlier mention of its type (for descriptions,
// preferably one whose role is the described office).
func (x *extractor) resolve(c candidate) (speaker, bool) {
	if c.mention != nil {
		return speaker{name: x.mentionName(c.mention), start: c.start, end: c.end}, true
	}
	if c.group != "" {
		return speaker{name: c.group, start: c.start, end: c.end}, true
	}
	k := sort.Search(len(x.mentions), func(k int) bool { return x.mentions[k].End > c.start })
	if c.name != "" {
		return speaker{name: x.fullName(c.name, k), start: c.start, end: c.end}, true
	}
	var fallback *model.Mention
	reach := 0
	if c.noun == "" {
		reach = x.pronounReach(c.start)
	}
	for k--; k >= 0 && x.mentions[k].End > reach; k-- {
		m := &x.mentions[k]
		if m.Type != c.typ || !x.speakerAlone(m) {
			continue
		}
		if c.gender != "" && x.genderOf(k) != "" && x.genderOf(k) != c.gender {
			continue // "she" after a man's name
		}
		if c.noun == "" && !c.possessive && x.possessorBefore(m, c.start) {
			if fallback == nil {
				fallback = m // a subject pronoun prefers another referent
			}
			continue
		}
		if c.noun == "" || strings.Contains(m.Role, c.noun) || x.appositiveNames(m, c.noun) ||
			c.typ == model.ORG && strings.Contains(strings.ToLower(m.Text), c.noun) {
			return speaker{name: x.mentionName(m), start: c.start, end: c.end}, true
		}
		// An organization described ("the ministry") is not whichever
		// organization the text named last (the agency filing the report).
		if fallback == nil && (c.noun == "" || c.typ == model.PER) {
			fallback = m
		}
	}
	if fallback != nil {
		return speaker{name: x.mentionName(fallback), start: c.start, end: c.end}, true
	}
	if c.noun != "" {
		// The text names the speaker only by description: the
		// description is the name ("the foreign ministry").
		return speaker{name: x.txt[c.start:c.end], start: c.start, end: c.end}, true
	}
	// The text names the speaker only by pronoun: keep where, with the
	// name unknown.
	return speaker{name: "", start: c.start, end: c.end}, true
}

// appositiveReach bounds the appositive read after a name.
const appositiveReach = 100

// appositiveNames reports whether the appositive right after mention m
// holds the noun ("Ana Ruiz, a spokeswoman for the ministry,"), which
// links a later "the spokeswoman" to it.
func (x *extractor) appositiveNames(m *model.Mention, noun string) bool {
	rest := x.txt[m.End:min(len(x.txt), m.End+appositiveReach)]
	if !strings.HasPrefix(rest, ", ") {
		return false
	}
	rest = rest[2:]
	if k := strings.IndexAny(rest, ",.;\n"); k >= 0 {
		rest = rest[:k]
	}
	for _, w := range strings.Fields(strings.ToLower(rest)) {
		if w == noun {
			return true
		}
	}
	return false
}

// fullName is the canonical name of the last mention before mention k
// whose name ends with the surname ("Larry Hale" for "Mr. Hale"), else the
// surname itself.
func (x *extractor) fullName(surname string, k int) string {
	for k--; k >= 0; k-- {
		if m := x.mentions[k]; m.Type == model.PER && strings.HasSuffix(m.Canonical, surname) &&
			(len(m.Canonical) == len(surname) || m.Canonical[len(m.Canonical)-len(surname)-1] == ' ') {
			return m.Canonical
		}
	}
	return surname
}

// genderOf is the gender of mention k, from an honorific right before it
// ("Mrs. Lopez") or its first name; "" when neither tells.
func (x *extractor) genderOf(k int) string {
	m := x.mentions[k]
	before := strings.TrimRight(x.txt[max(0, m.Start-8):m.Start], ". ")
	if g, ok := x.lx.honorifics[strings.ToLower(before[strings.LastIndexAny(before, " \n")+1:])]; ok && g != "" {
		return g
	}
	first, _, _ := strings.Cut(m.Canonical, " ")
	return firstNameGender[strings.ToLower(first)]
}

// trimQuote drops surrounding spaces and a trailing comma from the quoted text.
func trimQuote(txt string, a, b int) (int, int) {
	for a < b && unicode.IsSpace(rune(txt[a])) {
		a++
	}
	for b > a && (unicode.IsSpace(rune(txt[b-1])) || txt[b-1] == ',') {
		b--
	}
	return a, b
}

// continues reports whether a quotation opening at open follows the one
// closing at prevClose in the same paragraph or opens the next paragraph.
func continues(txt string, prevClose, open int) bool {
	gap := txt[prevClose:open]
	nl := strings.IndexByte(gap, '\n')
	if nl < 0 {
		return true
	}
	return strings.TrimSpace(gap[nl:]) == ""
}

func wordCount(s string) int { return len(strings.Fields(s)) }
