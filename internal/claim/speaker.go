package claim

// Finding who speaks: the subject before a reporting verb, the one after
// it when the statement comes first, and the source of an attribution.

import (
	"strings"

	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/text"
)

// speakerBefore returns the subject of a reporting verb at token i and
// where it starts: the nearest entity before it ("CBS sources" when a
// source noun right before the verb follows the entity), a bare source
// noun, or the last person named before the sentence when the subject is
// a pronoun.
func (sc *scan) speakerBefore(i int) (string, int, bool) {
	if j := sc.asideBefore(i); j >= 0 {
		// "Karvenian officials, speaking on condition of anonymity,
		// said": the subject stands before the aside.
		return sc.speakerBefore(j)
	}
	verbStart := sc.toks[i].Start
	var last *model.Mention
	// "a response from Lopez, who accused ...": the entity before the
	// relative pronoun speaks, whatever governs it.
	relative := i > 0 && sc.rules.phrases.endsAt(sc.words, i, kindRelative)
	if !relative && i > 1 && sc.rules.clauses.endsAt(sc.words, i, kindAux) {
		relative = sc.rules.phrases.endsAt(sc.words, i-1, kindRelative) // "which has claimed"
	}
	if !relative && i > 1 && sc.words[i-2] == "," && sc.rules.phrases.endsAt(sc.words, i, kindCommaRelative) {
		relative = true // "citó a Tarquela, que niega haber atacado"
	}
	for k := range sc.mentions {
		if m := &sc.mentions[k]; m.End <= verbStart && (relative || sc.canSpeak(*m)) {
			if last != nil && sc.parenthesized(*m) {
				continue // "Sen. Ana Ruiz (D-N.Y.) said"
			}
			last = m
		}
	}
	if k := sc.officeBefore(i); k >= 0 && (last == nil || sc.tokenAt(last.End) < k) {
		// "the Karvenian president said", "el ministro tarquelano dijo":
		// the person the text gave that office, else the description.
		if who, ok := sc.officeHolder(k, k+1); ok {
			return who, sc.toks[k].Start, true
		}
		from := sc.descriptionStart(k)
		return sc.text[sc.toks[from].Start:sc.toks[i-1].End], sc.toks[from].Start, true
	}
	if k := i - 1; k >= 0 {
		if _, end, ok := sc.rules.phrases.longest(sc.words, k, kindSource); ok && end == i {
			noun := sc.toks[k].Text
			if last != nil && sc.tokenAt(last.End) == k {
				return name(*last) + " " + noun, last.Start, true
			}
			// "Democratic party officials", "a senior administration official"
			from := sc.sourceStart(k)
			return sc.text[sc.toks[from].Start:sc.toks[k].End], sc.toks[from].Start, true
		}
	}
	if last != nil && text.OwnerAt(sc.text, last.End) {
		// "Tarquela’s first woman president ... said": the owner does not
		// speak; a name the owner's phrase stands in apposition to does
		// ("Ruiz, Tarquela’s first woman minister, said"), else the holder
		// of the office named after it, if the text gave one.
		if m, ok := sc.appositionHead(*last); ok {
			return name(m), m.Start, true
		}
		if who, ok := sc.officeHolder(sc.tokenAt(last.End), i); ok {
			return who, last.Start, true
		}
		owner := last
		last = nil
		for k := range sc.mentions {
			if m := &sc.mentions[k]; m.End <= owner.Start && sc.canSpeak(*m) {
				last = m
			}
		}
		if last == nil {
			if i-sc.tokenAt(owner.End) <= ownedReach {
				// "Ana Ruiz’s campaign said": what the owner owns speaks.
				return sc.text[owner.Start:sc.toks[i-1].End], owner.Start, true
			}
			return "", 0, false
		}
	}
	if last != nil {
		// "Karvenia and Tarquela agreed …, the foreign ministers of both
		// countries said": a described subject set off after the name is
		// the speaker.
		if from, ok := sc.subjectPhrase(i); ok && sc.toks[from].Start > last.End && sc.words[from-1] == "," && sc.describedGroup(from, i) {
			return sc.subjectText(from, i), sc.toks[from].Start, true
		}
		return name(*last), sc.titledStart(*last), true
	}
	if i > 0 && pronouns.Has(sc.words[i-1]) {
		for k := len(sc.previous) - 1; k >= 0; k-- {
			if sc.previous[k].Type == model.PER {
				return name(sc.previous[k]), sc.toks[i-1].Start, true
			}
		}
	}
	if from, ok := sc.subjectPhrase(i); ok {
		return sc.subjectText(from, i), sc.toks[from].Start, true
	}
	return "", 0, false
}

// describedGroup reports whether the words [from, i) describe speakers
// with a definite determiner or a count and a noun ("the foreign
// ministers of both countries", "two diplomats"), not an aside ("then",
// "24", "also"), an apposition ("a supporter of …") or a poll's share
// ("79 percent of Democrats").
func (sc *scan) describedGroup(from, i int) bool {
	if i-from < 2 || sc.words[from] == "a" || sc.words[from] == "an" {
		return false
	}
	if sc.toks[from].Kind == text.Number {
		_, _, share := sc.rules.phrases.longest(sc.words, from+1, kindSurvey)
		return !share && sc.words[from+1] != "%" && sc.words[from+1] != "percent"
	}
	_, _, det := sc.rules.phrases.longest(sc.words, from, kindDeterminer)
	return det
}

// subjectText is the unnamed speaker whose subject phrase runs from token
// from to the verb at i, as the report describes it ("Some delegates at
// the convention said", "Police said"), without the adverbs before the
// verb ("Witnesses also reported") or a relative clause after it ("two
// officials who requested anonymity said").
func (sc *scan) subjectText(from, i int) string {
	last := i - 1
	for last > from && sc.rules.clauses.endsAt(sc.words, last+1, kindAdverbial) {
		last--
	}
	for k := from + 1; k < last; k++ {
		if _, _, ok := sc.rules.phrases.longest(sc.words, k, kindRelative); ok {
			last = k - 1
			break
		}
	}
	return sc.text[sc.toks[from].Start:sc.toks[last].End]
}

// titledStart returns where the subject holding mention m starts: before
// the capitalized title that gave m its role, and what qualifies that
// office ("RNC Chief of Staff Katie Walsh"), else at m.
func (sc *scan) titledStart(m model.Mention) int {
	if m.Role == "" {
		return m.Start
	}
	k := sc.tokenAt(m.Start)
	from := k
	for j := k - 1; j >= 0 && k-j <= maxTitleWords; j-- {
		t := sc.toks[j]
		if t.Kind != text.Word {
			break
		}
		if text.StartsLower(t.Text) {
			// A short joining word inside the title: "Chief of Staff".
			if len([]rune(t.Text)) > 3 || from != j+1 {
				break
			}
			continue
		}
		from = j
	}
	return sc.toks[from].Start
}

// maxTitleWords bounds the words of a title and its qualifier before a
// name.
const maxTitleWords = 6

// subjectAsideReach bounds the tokens of an aside between a subject and
// its verb.
const subjectAsideReach = 12

// asideBefore returns the comma opening an aside that ends right before
// the verb at token i and opens with a gerund or a relative pronoun
// (", speaking on condition of anonymity,", ", who asked not to be
// named,"), or -1.
func (sc *scan) asideBefore(i int) int {
	if i < 3 || sc.words[i-1] != "," {
		return -1
	}
	for k := i - 2; k >= 1 && k >= i-subjectAsideReach; k-- {
		if sc.toks[k].Kind == text.Punct {
			if sc.words[k] != "," {
				return -1
			}
			_, _, relative := sc.rules.phrases.longest(sc.words, k+1, kindRelative)
			if relative || sc.endsIn(k+1, sc.rules.gerunds) {
				return k
			}
			return -1
		}
	}
	return -1
}

// maxSubjectWords bounds an unnamed subject phrase before a reporting verb.
const maxSubjectWords = 12

// subjectPhrase returns where the words right before the reporting verb
// at token i start when they make its subject: a run of words opening the
// sentence or following a comma, not an introductory phrase, a pronoun or
// a clause's complementizer, at most maxSubjectWords long.
func (sc *scan) subjectPhrase(i int) (int, bool) {
	from := i
	for from > 0 && i-from < maxSubjectWords && (sc.toks[from-1].Kind == text.Word || sc.toks[from-1].Kind == text.Number) {
		if sc.coordAt(from - 1) {
			if from-1 == 0 || sc.words[from-2] == "," {
				// "And a number of voters said": the sentence's own
				// opener; "…, but two officials said": a clause's.
				break
			}
			return 0, false // "… and officials said": the subject is further back
		}
		from--
	}
	opened := from > 0 && sc.coordAt(from-1) && (from == 1 || sc.words[from-2] == ",")
	if from == i || from > 0 && sc.words[from-1] != "," && !opened {
		return 0, false
	}
	for from < i-1 && sc.adverbialAt(from) {
		from++ // "Ayer los manifestantes dijeron", "Yesterday officials said"
	}
	if sc.endsIn(from, sc.rules.gerunds) {
		return 0, false // "…, putting added pressure on": a verb phrase
	}
	for _, kind := range []string{kindPrep, kindIntro, kindPronoun, kindRelative} {
		if _, _, ok := sc.rules.phrases.longest(sc.words, from, kind); ok && !(kind == kindPrep && sc.toks[from+1].Kind == text.Number) {
			return 0, false // but "About 9 percent said"
		}
	}
	for k := from; k < i; k++ {
		// A clause of its own ("The issue was first reported by"), not a
		// subject.
		if _, _, ok := sc.rules.phrases.longest(sc.words, k, kindThat); ok {
			return 0, false
		}
		if _, _, ok := sc.rules.clauses.longest(sc.words, k, kindAux); ok {
			return 0, false
		}
	}
	return from, true
}

// adverbialAt reports whether a one-word adverbial stands at token k.
func (sc *scan) adverbialAt(k int) bool {
	_, end, ok := sc.rules.clauses.longest(sc.words, k, kindAdverbial)
	return ok && end == k+1
}

// coordAt reports whether a coordinating conjunction starts at token k.
func (sc *scan) coordAt(k int) bool {
	_, _, ok := sc.rules.clauses.longest(sc.words, k, kindCoord)
	return ok
}

// sourceStart returns where the description ending in the source noun at
// token k starts: at a determiner or owner within descriptionReach words
// (descriptionStart), else at the first of the words right before it that
// open no other phrase (a preposition, a conjunction, an auxiliary).
func (sc *scan) sourceStart(k int) int {
	if from := sc.descriptionStart(k); from < k {
		return from
	}
	from := k
	for j := k - 1; j >= 0 && j >= k-descriptionReach+1 && sc.toks[j].Kind == text.Word; j-- {
		_, _, prep := sc.rules.phrases.longest(sc.words, j, kindPrep, kindIntro, kindThat, kindPronoun, kindRelative)
		_, _, clause := sc.rules.clauses.longest(sc.words, j, kindCoord, kindAux, kindAdverbial)
		if prep || clause || sc.endsIn(j, sc.rules.gerunds) {
			break
		}
		from = j
	}
	return from
}

// parenthesized reports whether mention m stands alone in parentheses.
func (sc *scan) parenthesized(m model.Mention) bool {
	before := sc.text[sc.sent.Start:m.Start]
	open := strings.LastIndexByte(before, '(')
	if open < 0 || strings.LastIndexByte(before, ')') > open || strings.TrimSpace(before[open+1:]) != "" {
		return false
	}
	after := sc.text[m.End:sc.sent.End]
	closing := strings.IndexByte(after, ')')
	// "(D-N.Y.)": what the tagger left of the name may follow it inside.
	return closing >= 0 && !strings.ContainsAny(after[:closing], " (")
}

// appositionHead returns the speakable name a comma sets before the
// mention m, whose phrase then stands in apposition to it ("Ruiz,
// Tarquela’s first woman minister, said").
func (sc *scan) appositionHead(m model.Mention) (model.Mention, bool) {
	k := sc.tokenAt(m.Start)
	if k < 2 || sc.words[k-1] != "," {
		return model.Mention{}, false
	}
	for j := len(sc.mentions) - 1; j >= 0; j-- {
		if h := sc.mentions[j]; h.End <= sc.toks[k-1].Start {
			if sc.tokenAt(h.End) == k-1 && h.Type == model.PER && sc.canSpeak(h) {
				return h, true
			}
			break
		}
	}
	return model.Mention{}, false
}

// ownedReach bounds the words of what an owner owns before a reporting
// verb ("Ana Ruiz’s re-election campaign said"), its possessive ending
// included.
const ownedReach = 4

// officeBefore returns the index of an office noun right before the
// reporting verb at i, or one word before it with a lower-case adjective
// between ("el ministro tarquelano dijo"); -1 if there is none.
func (sc *scan) officeBefore(i int) int {
	for k := i - 1; k >= 0 && k >= i-2; k-- {
		if _, end, ok := sc.rules.phrases.longest(sc.words, k, kindOffice); ok && end == k+1 {
			return k
		}
		if t := sc.toks[k]; t.Kind != text.Word || !text.StartsLower(t.Text) {
			return -1
		}
	}
	return -1
}

// descriptionReach is how many words before an office noun its
// description may start: "the country's new foreign minister".
const descriptionReach = 4

// descriptionStart returns where the description ending in the office
// noun at token k starts: at a determiner (the determiner kind) or an
// owner ("Tarquela’s") within descriptionReach words before it, else at
// the noun.
func (sc *scan) descriptionStart(k int) int {
	for j := k - 1; j >= 0 && j >= k-descriptionReach && sc.toks[j].Kind == text.Word; j-- {
		if _, _, ok := sc.rules.phrases.longest(sc.words, j, kindDeterminer); ok {
			return j
		}
		if w := sc.toks[j].Text; strings.HasSuffix(w, "’s") || strings.HasSuffix(w, "'s") {
			return j
		}
	}
	return k
}

// officeHolder returns the person the text gave an office that one of
// the words in tokens [from, to) names ("president"): of the people an
// earlier mention gave that role, the one named last before the sentence.
func (sc *scan) officeHolder(from, to int) (string, bool) {
	holders := map[string]bool{}
	for _, m := range sc.previous {
		if m.Type != model.PER || m.Role == "" {
			continue
		}
		office := m.Role[strings.LastIndexByte(m.Role, ' ')+1:]
		for t := from; t < to && t < len(sc.words); t++ {
			if sc.words[t] == office {
				holders[name(m)] = true
			}
		}
	}
	for k := len(sc.previous) - 1; k >= 0 && len(holders) > 0; k-- {
		if m := sc.previous[k]; m.Type == model.PER && holders[name(m)] {
			return name(m), true
		}
	}
	return "", false
}

// canSpeak reports whether m can be the subject of a reporting verb: not
// an adjective-like MISC mention ("Karvenian") nor the object of a
// preposition ("aboard Air Force One").
func (sc *scan) canSpeak(m model.Mention) bool {
	if m.Type == model.MISC {
		return false
	}
	k := sc.tokenAt(m.Start)
	if k > 0 && sc.rules.phrases.endsAt(sc.words, k, kindDeterminer) {
		k-- // "en el Deportivo Lodravo"
	}
	return k == 0 || !sc.rules.phrases.endsAt(sc.words, k, kindPrep)
}

// invertedSubject returns the speaker of a reporting verb, words[i:end],
// that follows its content after a comma and comes before its subject:
// "…, said Ana Ruiz, the foreign minister", "…, said the army
// spokesman", "…, indicó hoy a Efe el alcalde de la localidad, Tomás
// Vidal". Adverbials and the one spoken to may come between; the subject,
// a name or a description (with a name in apposition, who then speaks),
// must close the sentence, up to an apposition or an adjunct. A clause
// after the verb ("Ruiz, the mayor, said the president lied") is no
// subject.
func (sc *scan) invertedSubject(i, end int) (string, bool) {
	if i == 0 || sc.words[i-1] != "," && !(i > 1 && sc.words[i-2] == "," && strings.ContainsAny(sc.words[i-1], `"”’'`)) {
		return "", false // but "may be “strategic,” said Ruiz"
	}
	k := sc.skipAdjuncts(end)
	if k >= len(sc.words) {
		return "", false
	}
	if _, after, ok := sc.rules.phrases.longest(sc.words, k, kindDeterminer); ok && after < len(sc.words) {
		if _, named := sc.mentionAt(after); named {
			k = after // "la Policía Nacional"
		}
	}
	if m, ok := sc.mentionAt(k); ok {
		if m.Type == model.MISC || !sc.subjectEnds(sc.tokenAt(m.End)) {
			return "", false
		}
		return name(m), true
	}
	return sc.describedSubject(k)
}

// skipAdjuncts returns the first token from k on that is not an
// adverbial ("hoy", "on Tuesday"), a comma, a medium ("en una nota") or
// the one spoken to ("a Efe", "a la prensa", "to reporters").
func (sc *scan) skipAdjuncts(k int) int {
	for k < len(sc.words) {
		if sc.words[k] == "," {
			k++
			continue
		}
		if _, next, ok := sc.rules.clauses.longest(sc.words, k, kindAdverbial); ok {
			k = next
			continue
		}
		// "dijo el martes el gobernador", "informó este lunes el ministerio".
		if _, next, ok := sc.rules.phrases.longest(sc.words, k, kindDeterminer); ok {
			if _, after, ok := sc.rules.clauses.longest(sc.words, next, kindAdverbial); ok {
				k = after
				continue
			}
		}
		if next, ok := sc.mediumAdjunct(k); ok {
			k = next // "en una nota", "a la prensa", "to reporters"
			continue
		}
		_, next, ok := sc.rules.phrases.longest(sc.words, k, kindAddressee)
		if !ok {
			return k
		}
		m, ok := sc.mentionAt(next)
		if !ok {
			return k
		}
		k = sc.tokenAt(m.End) // "a Efe"
	}
	return k
}

// mediumAdjunct reads a preposition, perhaps an article, and an adverbial
// noun from token k ("en una nota", "in a statement") and returns the
// token after them.
func (sc *scan) mediumAdjunct(k int) (int, bool) {
	_, next, ok := sc.rules.phrases.longest(sc.words, k, kindPrep)
	if !ok {
		return 0, false
	}
	if _, after, ok := sc.rules.phrases.longest(sc.words, next, kindDeterminer); ok {
		next = after
	}
	_, after, ok := sc.rules.clauses.longest(sc.words, next, kindAdverbial)
	return after, ok
}

// describedSubject reads an inverted subject described rather than named
// from token k, which must close the sentence (see subjectEnds). It
// returns a person's name in apposition ("el presidente de la empresa,
// Lucía Benavides"), else the person the text gave that office, else the
// description.
func (sc *scan) describedSubject(k int) (string, bool) {
	noun, e, ok := sc.description(k)
	if !ok {
		return "", false
	}
	if m, ok := sc.nameInApposition(e); ok && sc.subjectEnds(sc.tokenAt(m.End)) {
		return name(m), true
	}
	if !sc.subjectEnds(e) {
		return "", false
	}
	return sc.describedSpeaker(k, noun, e), true
}

// nameInApposition returns the person named right after a comma at
// token e, in apposition to the description before it.
func (sc *scan) nameInApposition(e int) (model.Mention, bool) {
	if e+1 >= len(sc.words) || sc.words[e] != "," {
		return model.Mention{}, false
	}
	m, ok := sc.mentionAt(e + 1)
	return m, ok && m.Type == model.PER
}

// describedSpeaker is the speaker the description in tokens [k, e) with
// its noun at token noun stands for: the person named right after the
// noun, else the person the text gave that office, else the description
// itself.
func (sc *scan) describedSpeaker(k, noun, e int) string {
	if m, ok := sc.mentionAt(noun + 1); ok && m.Type == model.PER && sc.tokenAt(m.End) <= e {
		return name(m)
	}
	if who, ok := sc.officeHolder(noun, noun+1); ok {
		return who
	}
	return sc.text[sc.toks[k].Start:sc.toks[e-1].End]
}

// description reads a speaker's description from token k: perhaps a
// determiner, an office or source noun ("the army spokesman", "fuentes
// diplomáticas", "el ministro del Interior") with what qualifies it, and
// returns the noun's token and the token after the description.
func (sc *scan) description(k int) (noun, e int, ok bool) {
	j := k
	if _, after, ok := sc.rules.phrases.longest(sc.words, j, kindDeterminer); ok {
		j = after
	}
	noun = -1
	for t := j; t < len(sc.words) && t < j+descriptionReach; t++ {
		if _, after, ok := sc.rules.phrases.longest(sc.words, t, kindOffice, kindSource); ok {
			noun, e = t, after
			break
		}
		if tok := sc.toks[t]; tok.Kind != text.Word || !text.StartsLower(tok.Text) {
			return 0, 0, false
		}
	}
	if noun < 0 {
		return 0, 0, false
	}
	if m, ok := sc.mentionAt(e); ok && m.Type == model.PER {
		return noun, sc.tokenAt(m.End), true // "el diputado Tomás Vidal"
	}
	e = sc.pastPostAdjectives(e)
	// "del Interior", "de Varnholt Energía", "de esa empresa", "of the army"
	for n := 0; n < maxOfPhrases && e+1 < len(sc.words); n++ {
		_, after, ok := sc.rules.phrases.longest(sc.words, e, kindOf)
		if !ok || after >= len(sc.words) {
			break
		}
		e = after
		if _, after, ok := sc.rules.phrases.longest(sc.words, e, kindDeterminer); ok && after < len(sc.words) {
			e = after
		} else if text.StartsLower(sc.toks[e].Text) && e+1 < len(sc.words) && sc.toks[e+1].Kind == text.Word {
			e++ // a demonstrative: "de esa empresa"
		}
		if m, ok := sc.mentionAt(e); ok {
			e = sc.tokenAt(m.End)
		} else if sc.toks[e].Kind == text.Word {
			e++
		}
		e = sc.pastPostAdjectives(e) // "de la Policía Municipal donostiarra"
	}
	return noun, e, true
}

// pastPostAdjectives returns the token after the adjectives, at most
// maxPostAdjectives of them, that follow a noun from token e on.
func (sc *scan) pastPostAdjectives(e int) int {
	for n := 0; n < maxPostAdjectives && e < len(sc.words) && text.StartsLower(sc.toks[e].Text) && sc.endsIn(e, sc.rules.postAdjectives); n++ {
		e++
	}
	return e
}

// Bounds of an inverted subject's description after its noun.
const (
	maxPostAdjectives = 2 // "el director médico", "fuentes militares oficiales"
	maxOfPhrases      = 2 // "el portavoz del Ministerio de Defensa"
)

// endsIn reports whether token k is a word with one of the endings, a
// stem of more than two letters before it.
func (sc *scan) endsIn(k int, endings []string) bool {
	if sc.toks[k].Kind != text.Word {
		return false
	}
	for _, suf := range endings {
		if w := sc.words[k]; len(w) > len(suf)+2 && strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// subjectEnds reports whether an inverted subject may end before token
// e: at the sentence's end or a punctuation mark, or before an adjunct's
// preposition ("in a statement", "en un comunicado").
func (sc *scan) subjectEnds(e int) bool {
	if e >= len(sc.words) {
		return true
	}
	if sc.toks[e].Kind == text.Punct {
		// Not a hyphen or an apostrophe inside a word ("EB-5").
		return strings.Contains(",.;:()!?", sc.words[e])
	}
	// "informaron los cancilleres tras las conversaciones": an adjunct.
	_, _, ok := sc.rules.phrases.longest(sc.words, e, kindPrep, kindIntro)
	return ok
}

// accordingSource reads the source an attribution ending before token end
// names ("according to the ministry", "según informaron a Efe fuentes de
// la Policía", "según ha dicho el diputado"): past a reporting verb, adverbials and the one spoken to, a
// name or a description, else the first name shortly after. It returns
// the source and the token after it.
func (sc *scan) accordingSource(end int) (string, int, bool) {
	k := end
	if _, after, ok := sc.rules.clauses.longest(sc.words, k, kindAux); ok {
		if _, verbEnd, ok := sc.rules.phrases.longest(sc.words, after, kindSay); ok {
			k = verbEnd // "según ha señalado"
		}
	}
	if _, after, ok := sc.rules.phrases.longest(sc.words, k, kindSay); ok {
		k = after // "según informaron", "según ha dicho"
	}
	if k = sc.skipAdjuncts(k); k < len(sc.words) {
		if _, after, ok := sc.rules.phrases.longest(sc.words, k, kindPrep, kindOf); ok && k > end && after < len(sc.words) {
			k = after // "according to a statement from the presidency"
		}
		if _, after, ok := sc.rules.phrases.longest(sc.words, k, kindDeterminer); ok {
			if _, named := sc.mentionAt(after); named {
				k = after
			}
		}
		if m, ok := sc.mentionAt(k); ok && sc.subjectEnds(sc.tokenAt(m.End)) {
			return name(m), sc.tokenAt(m.End), true
		}
		if noun, e, ok := sc.description(k); ok {
			if m, ok := sc.nameInApposition(e); ok {
				// "En opinión de la presidenta de la asociación, Lucía
				// Benavides, …"
				return name(m), sc.tokenAt(m.End), true
			}
			return sc.describedSpeaker(k, noun, e), e, true
		}
		if _, ok := sc.mentionAt(k); ok {
			return sc.sourcePhrase(end, k) // "a New York Times poll released last week"
		}
	}
	if m, ok := sc.mentionAfter(end, end+accordingWindow); ok {
		return name(m), sc.tokenAt(m.End), true
	}
	return sc.sourcePhrase(end, k)
}

// sourcePhrase reads an unnamed source from token k ("according to a
// recent poll of Indiana voters"): the words up to the next punctuation
// mark that ends a phrase, at most maxSourceWords of them.
func (sc *scan) sourcePhrase(end, k int) (string, int, bool) {
	if k < end {
		k = end
	}
	if _, _, ok := sc.rules.phrases.longest(sc.words, k, kindPronoun); ok {
		return "", 0, false // "según ellos": whom it stands for is not read here
	}
	e := k
	for e < len(sc.words) && e-k < maxSourceWords && !(sc.toks[e].Kind == text.Punct && strings.Contains(",.;:()!?", sc.words[e])) {
		e++
	}
	if e == k || e-k >= maxSourceWords {
		return "", 0, false
	}
	return sc.text[sc.toks[k].Start:sc.toks[e-1].End], e, true
}

// maxSourceWords bounds an unnamed source after "according to".
const maxSourceWords = 20

// mentionAfter returns the first mention starting in tokens [from, to).
func (sc *scan) mentionAfter(from, to int) (model.Mention, bool) {
	if from >= len(sc.toks) {
		return model.Mention{}, false
	}
	lo := sc.toks[from].Start
	hi := sc.sent.End
	if to < len(sc.toks) {
		hi = sc.toks[to].Start
	}
	for _, m := range sc.mentions {
		if m.Start >= lo && m.Start < hi {
			return m, true
		}
	}
	return model.Mention{}, false
}

// mentionAt returns the mention starting at token k.
func (sc *scan) mentionAt(k int) (model.Mention, bool) {
	if k >= len(sc.toks) {
		return model.Mention{}, false
	}
	for _, m := range sc.mentions {
		if m.Start == sc.toks[k].Start {
			return m, true
		}
	}
	return model.Mention{}, false
}
