// Package claim finds attributed assertions in analysed text — reported
// speech, "according to" attributions and quoted statements — with their
// claimant, stance and whether the report marks them as unverified, and
// scores how alike two claims are across reports and languages.
package claim

import (
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/text"
)

// Tuning of the attribution patterns, in tokens or words.
const (
	accordingWindow = 3 // "according to the ministry"
	thatWindow      = 8 // "said on Monday in the capital that ..."
	minClaimWords   = 3 // shorter content is not a checkable statement
)

// pronouns stand for the last person named before the sentence.
var pronouns = text.NewSet([]string{"he", "she", "el", "ella"}, false)

// Extract returns the claims of text in order: one per sentence with a
// reporting verb or attribution, plus each declarative quote not already
// inside one. sents, mentions and quotes index into text; words, if not
// nil, are the sentences' words (text.SentenceWords).
func Extract(s string, sents []model.Sentence, words []text.Words, mentions []model.Mention, quotes []model.Quote, lang string) []model.Claim {
	lr := rulesFor(lang)
	if len(words) != len(sents) {
		words = text.SentenceWords(s, sents)
	}
	mentions = model.SortedMentions(mentions)
	var claims []model.Claim
	var unconfirmed []map[string]bool // content terms of sentences saying "no confirmation"
	previous := -1                    // start of the previous sentence
	for si, sent := range sents {
		if sent.Start < 0 || sent.End > len(s) || sent.Start >= sent.End || sent.Start < previous {
			continue
		}
		contextStart := sent.Start
		if previous >= 0 {
			contextStart = previous
		}
		previous = sent.Start
		sc := newScan(s, sent, words[si], contextStart, lr, mentions, quotes)
		own := sc.reported()
		if lr.phrases.any(sc.words, kindUnconfirmed) {
			if len(own) > 0 {
				// "Local media reported that 40 were killed, a figure
				// the authorities did not confirm": the sentence's own
				// claim is what is unconfirmed, not every claim it shares
				// a word with.
				for k := range own {
					own[k].Hedged = true
				}
			} else {
				unconfirmed = append(unconfirmed, lr.commonTerms(s[sent.Start:sent.End]))
			}
		}
		claims = append(claims, own...)
	}
	claims = append(claims, quoteClaims(s, sents, quotes, claims, lr)...)
	sort.SliceStable(claims, func(i, j int) bool { return claims[i].Start < claims[j].Start })
	// A report that says something is unconfirmed hedges the claims about it.
	for i := range claims {
		if claims[i].Hedged || len(unconfirmed) == 0 {
			continue
		}
		terms := lr.commonTerms(claims[i].Text)
		for _, u := range unconfirmed {
			if overlaps(terms, u) {
				claims[i].Hedged = true
				break
			}
		}
	}
	return claims
}

func overlaps(a, b map[string]bool) bool {
	for t := range a {
		if b[t] {
			return true
		}
	}
	return false
}

// scan is one sentence's tokens, folded words and mentions.
type scan struct {
	text     string
	sent     model.Sentence
	rules    *langRules
	toks     []text.Token
	words    []string
	mentions []model.Mention // inside the sentence
	quotes   []model.Quote   // of the whole text, in order
	// body is where the sentence's text starts past an opening dateline
	// ("LIMA, 5 ene (EFE).-"), which no claim holds.
	body     int
	previous []model.Mention // all mentions before the sentence
	// contextStart is where the previous sentence starts, or the
	// sentence's own start when it is the first.
	contextStart int
}

func newScan(s string, sent model.Sentence, words text.Words, contextStart int, lr *langRules, all []model.Mention, quotes []model.Quote) *scan {
	before, inside := model.MentionsOf(all, sent)
	body := text.AfterDateline(s, sent.Start, sent.End)
	for len(inside) > 0 && inside[0].End <= body && body > sent.Start {
		inside = inside[1:] // a dateline's place speaks for no one
	}
	return &scan{text: s, sent: sent, rules: lr, toks: words.Tokens, words: words.Folded, mentions: inside, previous: before, contextStart: contextStart, quotes: quotes, body: body}
}

var stanceOf = map[string]string{
	kindSay: model.Asserts, kindHedgeSay: model.Asserts, kindAccording: model.Asserts,
	kindSupport: model.Supports, kindDispute: model.Disputes, kindDeny: model.Denies, kindDenyThat: model.Denies,
	kindSayThat: model.Asserts,
}

var verbKinds = []string{kindSay, kindSayThat, kindHedgeSay, kindSupport, kindDispute, kindDeny, kindDenyThat}

// reported finds the sentence's attributed statements: a reporting verb
// with its speaker and content, then each verb coordinated with it ("X
// insisted that A and denied that B"); else an "according to X"
// attribution, else a headline-style "X: content".
func (sc *scan) reported() []model.Claim {
	for i := range sc.words {
		p, end, ok := sc.rules.phrases.longest(sc.words, i, verbKinds...)
		if !ok || sc.rules.phrases.endsAt(sc.words, i, kindNotVerb) {
			continue
		}
		if cs := sc.fromVerb(p.kind, i, end); len(cs) > 0 {
			return sc.withRelative(sc.withRestating(sc.withCoordinated(cs, end), end), end)
		}
		// "told a news conference, adding that …": the first verb states
		// nothing, the one joined to it does.
		if claimant, _, ok := sc.speakerBefore(i); ok {
			if cs := sc.coordinatedClaims(claimant, end); len(cs) > 0 {
				return cs
			}
		}
	}
	for i := 1; i < len(sc.words); i++ {
		if sc.words[i-1] != "," {
			continue
		}
		if _, end, ok := sc.rules.phrases.longest(sc.words, i, kindGerundSay); ok {
			if cs := sc.fromGerund(i, end); len(cs) > 0 {
				return sc.withCoordinated(cs, end)
			}
		}
	}
	for i := range sc.words {
		if _, end, ok := sc.rules.phrases.longest(sc.words, i, kindAccording); ok {
			if c, ok := sc.fromAccording(i, end); ok {
				return sc.withRestating([]model.Claim{c}, end)
			}
		}
	}
	if c, ok := sc.fromSurvey(); ok {
		return []model.Claim{c}
	}
	if c, ok := sc.fromColon(); ok {
		return []model.Claim{c}
	}
	return nil
}

// fromSurvey builds the claim of a finding a sentence credits to a poll,
// survey or study in an opening phrase ("In a Meridian Wire poll, Ruiz held
// a nine-point lead"): the phrase's words after the preposition are
// the source, the rest of the sentence the claim.
func (sc *scan) fromSurvey() (model.Claim, bool) {
	if _, _, ok := sc.rules.phrases.longest(sc.words, 0, kindPrep); !ok {
		return model.Claim{}, false
	}
	comma := slices.Index(sc.words, ",")
	if comma < 2 || comma > maxSourceWords || comma+1 >= len(sc.toks) {
		return model.Claim{}, false
	}
	for k := 1; k < comma; k++ {
		if _, _, ok := sc.rules.phrases.longest(sc.words, k, kindSurvey); ok {
			source := sc.text[sc.toks[1].Start:sc.toks[comma-1].End]
			return sc.claim(source, kindSay, sc.toks[comma+1].Start, sc.sent.End)
		}
	}
	return model.Claim{}, false
}

// withCoordinated appends to the claims of a sentence's first reporting
// verb, which ends before token verbEnd, those of the verbs coordinated
// with it, which share its subject.
func (sc *scan) withCoordinated(cs []model.Claim, verbEnd int) []model.Claim {
	last := cs[len(cs)-1]
	from := sc.tokenAt(last.End)
	if last.RefersBack {
		// "rechazó las acusaciones y aseguró que …": a claim pointing
		// back spans its context, not what the verb governs.
		from = verbEnd
	}
	return append(cs, sc.coordinatedClaims(last.Claimant, from)...)
}

// coordinatedClaims returns the claims of the reporting verbs from token
// from on that are coordinated with a verb whose subject is claimant.
func (sc *scan) coordinatedClaims(claimant string, from int) []model.Claim {
	var cs []model.Claim
	for k := from; k < len(sc.words); k++ {
		kind, verb, end, ok := sc.coordinatedVerb(k)
		if !ok {
			continue
		}
		more := sc.complement(kind, claimant, sc.toks[k].Start, verb, end)
		if len(more) == 0 {
			continue
		}
		cs = append(cs, more...)
		// Go on after the new claim; a claim ending before the verb (a
		// parenthetical one cut at a clause boundary) must not send the
		// scan back to the same verb.
		k = max(k, sc.tokenAt(more[len(more)-1].End)-1)
	}
	return cs
}

// withRestating appends the stance of a contesting verb that closes a
// phrase renaming the statement after its attribution ("…, the governor
// said, a figure the army disputed"), looking from token from on: the
// statement contested is the last claim of cs, which ends at that
// attribution (see restated).
func (sc *scan) withRestating(cs []model.Claim, from int) []model.Claim {
	for k := from; k < len(sc.words); k++ {
		_, subject, ok := sc.rules.phrases.longest(sc.words, k, kindRestates)
		if !ok || sc.words[k-1] != "," {
			continue
		}
		// The contesting verb's subject is what stands between the phrase
		// and the verb: "the army".
		for v := subject + 1; v < len(sc.words) && v <= subject+maxRestatingSubject; v++ {
			p, _, ok := sc.rules.phrases.longest(sc.words, v, kindDispute, kindDeny)
			if ok && !sc.rules.phrases.endsAt(sc.words, v, kindNotVerb) {
				contested := cs[len(cs)-1]
				last := v - 1
				for last > subject && sc.endsIn(last, sc.rules.adverbEndings) {
					last-- // "Karvenia's government flatly denied"
				}
				contested.Claimant = sc.text[sc.toks[subject].Start:sc.toks[last].End]
				contested.Stance = stanceOf[p.kind]
				return append(cs, contested)
			}
		}
		break
	}
	return cs
}

// withRelative appends to cs the claims of a reporting verb in a relative
// clause about the object of the verb ending before token end, whose
// antecedent speaks: in "Karvenia denuncia 40 muertos en bombardeos de
// Tarquela, que niega atacar a civiles" Tarquela denies.
func (sc *scan) withRelative(cs []model.Claim, end int) []model.Claim {
	comma := sc.objectRelative(end)
	if comma < 0 {
		return cs
	}
	for v := comma + 2; v < len(sc.words) && v <= comma+3; v++ {
		p, vend, ok := sc.rules.phrases.longest(sc.words, v, verbKinds...)
		if ok && !sc.rules.phrases.endsAt(sc.words, v, kindNotVerb) {
			return append(cs, sc.fromVerb(p.kind, v, vend)...)
		}
	}
	return cs
}

// maxRestatingSubject bounds the words of the subject of a contesting
// verb in a restating phrase ("a figure the regional army command disputed").
const maxRestatingSubject = 5

// coordinatedVerb reports whether a conjunction at token k joins a
// reporting verb, perhaps after an auxiliary ("and has denied"), to the
// clause before it, or a comma a reporting gerund ("…, adding that"), and
// returns the verb's kind and token span.
func (sc *scan) coordinatedVerb(k int) (kind string, verb, end int, ok bool) {
	if sc.words[k] == "," && k+1 < len(sc.words) {
		if _, end, ok := sc.rules.phrases.longest(sc.words, k+1, kindGerundSay); ok {
			return kindSay, k + 1, end, true // "…, adding that …"
		}
	}
	_, next, ok := sc.rules.clauses.longest(sc.words, k, kindCoord)
	if !ok || next >= len(sc.words) {
		return "", 0, 0, false
	}
	if _, afterAux, aux := sc.rules.clauses.longest(sc.words, next, kindAux); aux && afterAux < len(sc.words) {
		next = afterAux
	}
	p, end, ok := sc.rules.phrases.longest(sc.words, next, verbKinds...)
	if !ok {
		return "", 0, 0, false
	}
	return p.kind, next, end, true
}

// fromVerb builds the claims of the reporting verb words[i:end]: "X said
// (that) content" or "content, said X". A verb attributing a quotation
// ("“...,” Lopez said") is left to the quote's own claim.
func (sc *scan) fromVerb(kind string, i, end int) []model.Claim {
	if before := sc.text[sc.sent.Start:sc.toks[i].Start]; i > 0 && (endsQuotation(before) && opensQuotation(before) || dashedLine(before)) {
		// "“…”, dijo a Efe Ana Ruiz" and "—…—dijo Brand": the
		// quotation's own claim; not "the plan may be “strategic,” said
		// Ruiz".
		return sc.afterQuotation(i, end)
	}
	if claimant, ok := sc.invertedSubject(i, end); ok {
		// "content, said the spokesman": the content precedes the verb.
		return one(sc.claim(claimant, kind, sc.sent.Start, sc.toks[i].Start))
	}
	claimant, speakerStart, ok := sc.speakerBefore(i)
	if !ok {
		return sc.afterQuotation(i, end)
	}
	if endsQuotation(sc.text[sc.sent.Start:sc.nameChainStart(speakerStart)]) {
		// "“...,” Lopez wrote, rejecting Ruiz's accusations": the quote
		// is Lopez's, but the denial after it is a statement of its own.
		if owner, ok := sc.ownedReference(end); ok && contests(kind) {
			return []model.Claim{sc.ownedClaim(claimant, kind, owner)}
		}
		return sc.afterQuotation(i, end)
	}
	return sc.complement(kind, claimant, speakerStart, i, end)
}

// fromGerund builds the claims of a reporting gerund after a comma whose
// clause has no reporting verb of its own ("Ruiz joked on Monday, saying
// he would root for the other team"): its subject is the clause's, the
// first name or subject phrase of the sentence, or the person a subject
// pronoun opening it stands for.
func (sc *scan) fromGerund(i, end int) []model.Claim {
	claimant, ok := "", false
	first := sc.tokenAt(sc.body) // "WASHINGTON (AP) — Ana Ruiz …"
	for _, m := range sc.mentions {
		if m.End > sc.toks[i].Start || m.Type == model.LOC || m.Type == model.MISC {
			continue
		}
		// The subject opens the clause, perhaps after capitalized titles
		// ("Sen. Ana Ruiz", "Democrat Ana Ruiz").
		for k := first; k < sc.tokenAt(m.Start); k++ {
			if t := sc.toks[k]; t.Kind == text.Word && text.StartsLower(t.Text) {
				return nil
			}
		}
		claimant, ok = name(m), true
		break
	}
	if !ok && first < len(sc.words) && pronouns.Has(sc.words[first]) {
		for k := len(sc.previous) - 1; k >= 0; k-- {
			if sc.previous[k].Type == model.PER {
				claimant, ok = name(sc.previous[k]), true
				break
			}
		}
	}
	if !ok {
		return nil
	}
	return sc.complement(kindSay, claimant, sc.toks[i].Start, i, end)
}

// afterQuotation returns the claims a reporting verb, words[i:end], that
// attributes a quotation before it goes on to make: none of its own, the
// quotation being its claim, but a reporting verb right after it says
// more in the quotation speaker's name, as does a that-clause after it
// ("“…,” the statement said, adding that …").
func (sc *scan) afterQuotation(i, end int) []model.Claim {
	q, ok := sc.quotationBefore(i)
	if !ok {
		return nil
	}
	for k := end; k < len(sc.words) && k <= end+1; k++ {
		if sc.words[k] == "," {
			continue
		}
		if p, verbEnd, ok := sc.rules.phrases.longest(sc.words, k, verbKinds...); ok {
			return sc.complement(p.kind, q.Speaker, sc.toks[k].Start, k, verbEnd)
		}
	}
	// "“…,” Ruiz told the paper, adding that …"
	for k := end; k < len(sc.words) && k <= end+hearerReach; k++ {
		if kind, verb, verbEnd, ok := sc.coordinatedVerb(k); ok {
			return sc.complement(kind, q.Speaker, sc.toks[k].Start, verb, verbEnd)
		}
	}
	if that, _ := sc.thatAfter(end); that >= 0 {
		// "said, adding that …"
		return sc.complement(kindSay, q.Speaker, sc.toks[i].Start, i, end)
	}
	return nil
}

// hearerReach bounds the words between a verb attributing a quotation
// and a reporting verb joined to it ("told El Tiempo, adding").
const hearerReach = 4

// quotationGap bounds the tokens between a quotation and the verb that
// attributes it ("” the foreign ministry’s statement said").
const quotationGap = 6

// quotationBefore returns the attributed quotation that ends in the
// sentence shortly before token i.
func (sc *scan) quotationBefore(i int) (model.Quote, bool) {
	for k := len(sc.quotes) - 1; k >= 0; k-- {
		q := sc.quotes[k]
		if q.End > sc.toks[i].Start || q.End < sc.sent.Start {
			continue
		}
		if q.Speaker == "" || i-sc.tokenAt(q.End) > quotationGap+1 {
			return model.Quote{}, false
		}
		return q, true
	}
	return model.Quote{}, false
}

// nameChainStart returns where the names right before pos start, as in
// "Norvia's Defence Ministry": a quotation before them is the speaker's.
func (sc *scan) nameChainStart(pos int) int {
	for k := len(sc.mentions) - 1; k >= 0; k-- {
		m := sc.mentions[k]
		if m.End > pos {
			continue
		}
		gap := strings.TrimSpace(sc.text[m.End:pos])
		if gap != "" && gap != "'s" && gap != "’s" {
			break
		}
		pos = m.Start
	}
	return pos
}

// complement builds the claims of what the reporting verb words[i:end],
// whose subject starts at speakerStart, introduces. A verb that denies or
// disputes needs a proposition: a that-clause ("denied on Sunday that",
// "rejected Ruiz's claim that"; not a relative clause, as in "rejected
// the plan that"), an object pointing back at a claim ("denied it"), or a
// claim noun as its object ("denied reports of ..."). When the denied
// claim's owner is named ("Ruiz's claim that ..."), the report also
// tells that the owner asserts it.
func (sc *scan) complement(kind, claimant string, speakerStart, i, end int) []model.Claim {
	contentStart, contentEnd := sc.sent.End, sc.sent.End
	if end < len(sc.toks) {
		contentStart = sc.toks[end].Start
	}
	contests := contests(kind)
	aside := sc.parenthetical(speakerStart, end)
	if that, next := sc.thatAfter(end); next >= 0 && (!contests || sc.propositional(i, end, that)) {
		c, ok := sc.claim(claimant, kind, sc.toks[next].Start, contentEnd)
		if !ok {
			return nil
		}
		if owner, ownerStart, named := sc.owner(i, end, that); contests && named && owner != claimant {
			// The denial's evidence is the owner's claim as the report
			// names it ("Ruiz's claim that ...", "claims by X that"):
			// one sentence may not give one claim two stances at one
			// offset.
			asserted := c
			asserted.Claimant, asserted.Stance = owner, model.Asserts
			c.Start = min(ownerStart, sc.toks[sc.claimNounAt(i, that)].Start)
			c.Text = sc.text[c.Start:c.End]
			return []model.Claim{asserted, c}
		}
		return []model.Claim{c}
	}
	if owner, ok := sc.ownedReference(end); ok && contests {
		return []model.Claim{sc.ownedClaim(claimant, kind, owner)}
	}
	switch {
	case kind == kindDenyThat && !sc.refersBack(i, end):
		return nil
	case kind == kindSayThat && !sc.bareClause(end):
		// "a poll found the economy had grown", not "found a body".
		return nil
	case aside && !sc.restated(end):
		// "A helicopter, he said, had crossed ...": the statement is the
		// whole sentence around the attribution.
		contentStart = sc.sent.Start
	case aside || sc.trailing(speakerStart, end):
		// "The plan will fail, the minister said on Tuesday." and "…, the
		// governor said, a figure the army disputed": the statement is
		// what the comma before the attribution closes.
		contentStart, contentEnd = sc.sent.Start, sc.toks[sc.tokenAt(speakerStart)-1].Start
	case contests && sc.rules.clauses.endsAt(sc.words, end, kindRefers):
		// "rejected the allegations in a statement": the verb phrase holds
		// what it contests, whatever adjunct follows.
		return []model.Claim{sc.reference(claimant, kind)}
	case end < len(sc.words) && sc.toks[end].Kind == text.Word && sc.onlyAdjuncts(end):
		// "…” Ruiz said in a phone interview": nothing said after the verb.
		return nil
	case sc.refersBack(i, end):
		return []model.Claim{sc.reference(claimant, kind)}
	case contests && sc.verbalComplement(end):
		// "negó haber atacado objetivos civiles": what is denied is that
		// the subject did it.
		return one(sc.claim(claimant, kind, sc.toks[end].Start, contentEnd))
	case contests && !sc.claimNounWithin(end, min(end+claimNounWindow, len(sc.words))) && !sc.bareClause(end):
		// "rejects all actions that ...": an act, not a statement, is rejected.
		return nil
	case sc.directive(end):
		// "told him to put them in a bag": an order, not a statement.
		return nil
	case sc.objectOnly(end):
		// "insisted on his removal", "described it as a crisis": a thing
		// talked of, not a statement.
		return nil
	}
	if comma := sc.objectRelative(end); comma >= 0 {
		// The relative clause after the object tells of it, or is
		// another's statement: "denuncia 40 muertos en bombardeos de
		// Tarquela, que niega atacar a civiles".
		contentEnd = sc.toks[comma].Start
	}
	return one(sc.claim(claimant, kind, contentStart, contentEnd))
}

// cutAt reports whether a clause of its own opens at token k (", mientras
// los equipos seguían", ", as rescuers pulled"): what follows is no part
// of the statement before.
func (sc *scan) cutAt(k int) bool {
	_, _, ok := sc.rules.clauses.longest(sc.words, k, kindCut)
	return ok
}

// verbalComplement reports whether a verbal complement standing for a
// statement opens at token end ("having fired", "haber atacado",
// "attacking civilians", "atacar a civiles").
func (sc *scan) verbalComplement(end int) bool {
	if end >= len(sc.words) {
		return false
	}
	if _, _, ok := sc.rules.phrases.longest(sc.words, end, kindVerbal); ok {
		return true
	}
	return text.StartsLower(sc.toks[end].Text) && sc.endsIn(end, sc.rules.verbalEndings)
}

// restated reports whether the comma at token end opens a phrase that
// renames the statement before the attribution ("…, the governor said, a
// figure the army disputed"): that statement ends at the attribution.
func (sc *scan) restated(end int) bool {
	_, _, ok := sc.rules.phrases.longest(sc.words, end+1, kindRestates)
	return ok
}

// trailing reports whether the attribution from speakerStart to the
// reporting verb ending before token end closes its sentence after a
// comma, perhaps with an adjunct ("…, Ruiz said on Tuesday in a
// statement."), and what comes before the comma is a statement, not an
// introductory phrase ("After the talks, Ruiz said …").
func (sc *scan) trailing(speakerStart, end int) bool {
	k := sc.tokenAt(speakerStart)
	if k < 2 || sc.words[k-1] != "," || !sc.onlyAdjuncts(end) {
		return false
	}
	_, _, intro := sc.rules.phrases.longest(sc.words, 0, kindPrep, kindIntro)
	return !intro
}

// maxTrailingAdjunct bounds the words of an adjunct closing a sentence
// after its attribution ("on Tuesday in an interview with a radio station").
const maxTrailingAdjunct = 8

// onlyAdjuncts reports whether the sentence ends at token end, or with an
// adjunct opening with a preposition or an adverbial and holding no clause
// (no complementizer, no auxiliary).
func (sc *scan) onlyAdjuncts(end int) bool {
	// A clause cut off after the attribution is another statement: "…,
	// the health office said, as rescuers pulled more bodies out".
	limit, words := len(sc.words), 0
	for k := end; k < limit; k++ {
		if sc.words[k] == "," {
			if sc.cutAt(k) {
				limit = k
			}
		} else if sc.toks[k].Kind != text.Punct {
			if words++; words > maxTrailingAdjunct {
				return false
			}
		}
	}
	if words == 0 {
		return true
	}
	// "…, the ministers said after talks mediated by the UN": an opening
	// word of an introductory phrase opens an adjunct here.
	_, _, prep := sc.rules.phrases.longest(sc.words, end, kindPrep, kindAddressee, kindIntro)
	_, _, adverbial := sc.rules.clauses.longest(sc.words, end, kindAdverbial)
	if _, next, ok := sc.rules.phrases.longest(sc.words, end, kindDeterminer); ok && !adverbial {
		_, _, adverbial = sc.rules.clauses.longest(sc.words, next, kindAdverbial) // "el martes"
	}
	if !prep && !adverbial {
		return false
	}
	for k := end; k < limit; k++ {
		if _, _, ok := sc.rules.phrases.longest(sc.words, k, kindThat); ok {
			return false
		}
		// "acusó a las milicias de bombardear": the act charged is a
		// clause, no adjunct.
		if _, next, ok := sc.rules.phrases.longest(sc.words, k, kindOf); ok && sc.verbalComplement(next) {
			return false
		}
		if _, _, ok := sc.rules.clauses.longest(sc.words, k, kindAux); ok {
			return false
		}
	}
	return true
}

// directive reports whether what follows the verb ending before token
// end tells someone to do something: a listed object and "to", or a name
// and "to" ("told Ruiz to leave").
func (sc *scan) directive(end int) bool {
	if _, _, ok := sc.rules.phrases.longest(sc.words, end, kindDirective); ok {
		return true
	}
	m, ok := sc.mentionAt(end)
	if !ok {
		return false
	}
	_, _, ok = sc.rules.phrases.longest(sc.words, sc.tokenAt(m.End), kindDirectiveAfterName)
	return ok
}

// objectReach is how far after a reporting verb's preposition a clause
// must show an auxiliary to be a statement: "said on Monday the talks had
// failed" is one, "insisted on his immediate removal" is not.
const objectReach = 6

// objectOnly reports whether what follows the verb ending before token end
// opens with a preposition of an object (the object kind) and holds no
// auxiliary within objectReach tokens.
func (sc *scan) objectOnly(end int) bool {
	if end >= len(sc.words) {
		return false
	}
	if _, _, ok := sc.rules.phrases.longest(sc.words, end, kindObject); !ok {
		return false
	}
	for k := end + 1; k < min(end+objectReach+1, len(sc.words)); k++ {
		if _, _, ok := sc.rules.clauses.longest(sc.words, k, kindAux); ok {
			return false
		}
	}
	return true
}

// bareClause reports whether a clause without a complementizer follows
// the verb ending before token end: an auxiliary shortly after it, before
// any relative pronoun ("denied its pilots had crossed", not "rejected
// the plan that was ...").
func (sc *scan) bareClause(end int) bool {
	for k := end + 1; k < min(end+claimNounWindow+1, len(sc.words)); k++ {
		if _, _, ok := sc.rules.phrases.longest(sc.words, k, kindThat); ok {
			return false
		}
		if _, _, ok := sc.rules.clauses.longest(sc.words, k, kindAux); ok {
			// "agreed to do so": an infinitive, not a clause.
			return sc.words[k-1] != "to"
		}
	}
	return false
}

func contests(kind string) bool {
	return stanceOf[kind] == model.Denies || stanceOf[kind] == model.Disputes
}

// ownedReference reports whether the object after the verb ending before
// token end is someone's claims, named and not spelled out ("Ruiz's
// accusations", "las acusaciones de Brand"), and returns whose: a
// statement that refers back to that claimant's claim. A that-clause
// after the noun, which spells them out, is looked for before.
func (sc *scan) ownedReference(end int) (string, bool) {
	noun := sc.claimNounAt(end, min(end+claimNounWindow+1, len(sc.words)))
	if noun < 0 {
		return "", false
	}
	m, ok := sc.ownerOf(noun, end, len(sc.toks))
	return name(m), ok
}

// ownerOf returns the entity whose claim the claim noun at token noun is,
// looking in tokens [from, to): one right before it ("Ruiz's claim") or
// right after it, behind a preposition and an article ("claims by the
// ministry", "las acusaciones de Brand").
func (sc *scan) ownerOf(noun, from, to int) (model.Mention, bool) {
	for _, m := range sc.mentions {
		if m.Type == model.MISC || m.Start < sc.toks[from].Start || to < len(sc.toks) && m.End > sc.toks[to].Start {
			continue
		}
		first, last := sc.tokenAt(m.Start), sc.tokenAt(m.End)
		if last <= noun && noun-last <= ownerGap || first > noun && first-noun-1 <= ownerGap {
			return m, true
		}
	}
	return model.Mention{}, false
}

// ownerGap is how many tokens may part a claim noun from its owner: a
// possessive ending, or a preposition and an article.
const ownerGap = 2

// claimNounWindow is how far into a denial's object a claim noun may come
// ("denied the latest reports of ...").
const claimNounWindow = 3

func one(c model.Claim, ok bool) []model.Claim {
	if !ok {
		return nil
	}
	return []model.Claim{c}
}

// propositional reports whether the words between the verb words[verb:end]
// and the complementizer at token that leave it introducing what a denial
// denies: nothing, a phrase holding a claim noun, perhaps in the verb
// phrase itself ("Ruiz's claim", "rejected claims by ..."), or an
// adverbial ending in a listed word, a number or a comma ("on Sunday", "in
// a statement on March 3,"). Any other word before "that" makes it a
// relative pronoun ("rejected the plan that ...").
func (sc *scan) propositional(verb, end, that int) bool {
	if that <= end || sc.claimNounWithin(verb, that) {
		return true
	}
	last := sc.words[that-1]
	if last == "," || isNumber(last) {
		return true
	}
	return sc.rules.clauses.endsAt(sc.words, that, kindAdverbial)
}

// claimNounWithin reports whether a claim noun starts in tokens [from, to).
func (sc *scan) claimNounWithin(from, to int) bool {
	return sc.claimNounAt(from, to) >= 0
}

// claimNounAt returns the first token in [from, to) where a claim noun
// starts, or -1.
func (sc *scan) claimNounAt(from, to int) int {
	for k := from; k < to; k++ {
		if _, _, ok := sc.rules.clauses.longest(sc.words, k, kindClaimNoun); ok {
			return k
		}
	}
	return -1
}

// owner returns the entity named between the verb words[verb:end] and a
// denial's that-clause at token that, when a claim noun says the clause
// is its claim ("Ruiz's claim that", "rechazó las acusaciones de Brand
// de que"), and where its mention starts.
func (sc *scan) owner(verb, end, that int) (string, int, bool) {
	noun := sc.claimNounAt(verb, that)
	if end >= that || noun < 0 {
		return "", 0, false
	}
	m, ok := sc.ownerOf(noun, end, that)
	return name(m), m.Start, ok
}

func isNumber(w string) bool {
	for _, r := range w {
		if r < '0' || r > '9' {
			return false
		}
	}
	return w != ""
}

// fromColon builds the claim of a headline-style attribution: a person,
// an organisation or a source noun opening the sentence, then a colon and
// the statement ("Pentagon officials: troops are in the capital"). A place
// before a colon is a dateline, not a speaker.
func (sc *scan) fromColon() (model.Claim, bool) {
	k := slices.Index(sc.words, ":")
	if k <= 0 || k > maxColonSpeaker || k+1 >= len(sc.toks) {
		return model.Claim{}, false
	}
	claimant, _, ok := sc.speakerBefore(k)
	if !ok {
		return model.Claim{}, false
	}
	_, _, source := sc.rules.phrases.longest(sc.words, k-1, kindSource)
	person := false
	for _, m := range sc.mentions {
		if m.End <= sc.toks[k].Start && (m.Type == model.PER || m.Type == model.ORG) {
			person = true
		}
	}
	if !source && !person {
		return model.Claim{}, false
	}
	return sc.claim(claimant, kindSay, sc.toks[k+1].Start, sc.sent.End)
}

// maxColonSpeaker bounds the tokens a speaker before a colon may take.
const maxColonSpeaker = 5

// parenthetical reports whether the attribution from speakerStart to the
// verb ending before token end is set off by commas inside the sentence.
func (sc *scan) parenthetical(speakerStart, end int) bool {
	k := sc.tokenAt(speakerStart)
	if _, _, coordinated := sc.rules.clauses.longest(sc.words, k, kindCoord); coordinated {
		return false // ", but said, “…”": a second verb of the same subject
	}
	if end+1 < len(sc.toks) && strings.ContainsAny(sc.toks[end+1].Text, `"“«‘`) {
		return false // "As the phone rang, the announcer said, “…”": a quotation's
	}
	if end < len(sc.words) {
		if sc.cutAt(end) {
			return false // "…, the office said, as rescuers pulled …": a clause of its own follows
		}
	}
	return k > 1 && sc.words[k-1] == "," && end < len(sc.words) && sc.words[end] == ","
}

// refersBack reports whether the reporting verb at token i, ending before
// token end and followed by no complementizer, takes an object that only
// points at an earlier statement: a clitic before the verb ("lo negó"),
// one inside the verb phrase ("rechazó las acusaciones"),
// a pronoun or noun after it ("it", "the claim", "any role") that is not
// the subject of a clause ("denied it had ..."), or a conjunction, when
// the verb closes a relative clause ("which X denied and ...").
func (sc *scan) refersBack(i, end int) bool {
	if i > 0 && sc.rules.clauses.endsAt(sc.words, i, kindClitic) || sc.rules.clauses.endsAt(sc.words, end, kindRefers) {
		// "lo negó", or a verb phrase holding its object ("rejected the claim").
		return true
	}
	if end >= len(sc.words) {
		return false
	}
	_, next, ok := sc.rules.clauses.longest(sc.words, end, kindRefers)
	if !ok {
		return false
	}
	if next < len(sc.words) {
		_, _, aux := sc.rules.clauses.longest(sc.words, next, kindAux)
		return !aux
	}
	return true
}

// reference is the claim of a statement that refers back: its span runs
// from the start of the previous sentence, which usually says what "it"
// is, to the end of its own.
func (sc *scan) reference(claimant, kind string) model.Claim {
	start, end := trimSpan(sc.text, sc.contextStart, sc.sent.End)
	return model.Claim{
		Start: start, End: end, Text: sc.text[start:end], Claimant: claimant, Stance: stanceOf[kind],
		Hedged: kind == kindHedgeSay || sc.rules.phrases.any(sc.words, kindHedge), RefersBack: true,
	}
}

// ownedClaim is the claim of a statement that refers back to an owner's
// claims ("rejecting Ruiz's accusations"): the owner, not the sentence
// before, says what it is about, so its span is its own sentence, whose
// words (a quoted retort) tell which of the owner's claims it answers.
func (sc *scan) ownedClaim(claimant, kind, owner string) model.Claim {
	ref := sc.reference(claimant, kind)
	ref.Start, ref.End = trimSpan(sc.text, sc.sent.Start, sc.sent.End)
	ref.Text, ref.Of = sc.text[ref.Start:ref.End], owner
	return ref
}

// thatAfter returns where a complementizer shortly after the verb ending
// at end starts ("said on Monday, March 2, that") and the token after it,
// or -1, -1.
func (sc *scan) thatAfter(end int) (that, next int) {
	for k := end; k < end+thatWindow && k < len(sc.words); k++ {
		if _, next, ok := sc.rules.phrases.longest(sc.words, k, kindThat); ok && next < len(sc.toks) {
			if sc.relativeAfterObject(end, k) {
				break
			}
			return k, next
		}
		if _, _, _, ok := sc.coordinatedVerb(k); ok {
			break // "said the port would reopen, adding that": the next verb's
		}
	}
	return -1, -1
}

// relativeAfterObject reports whether the "that" at token k opens a
// relative clause about what follows the verb ending before token end:
// "denuncia 40 muertos en bombardeos de Tarquela, que niega …", "acusó a
// Tarquela, que niega …", not what was said. An aside set off on both
// sides ("dijo, sin embargo, que") is no object.
func (sc *scan) relativeAfterObject(end, k int) bool {
	if k <= end+1 || sc.words[k-1] != "," || sc.words[end] == "," {
		return false
	}
	_, _, ok := sc.rules.phrases.longest(sc.words, k, kindCommaRelative)
	return ok
}

// objectRelative returns the comma that opens a relative clause after the
// object starting at token end (see relativeAfterObject): the first comma
// after it; -1 if that opens none.
func (sc *scan) objectRelative(end int) int {
	comma := slices.Index(sc.words[min(end, len(sc.words)):], ",")
	if comma < 0 || end+comma+1 >= len(sc.words) || !sc.relativeAfterObject(end, end+comma+1) {
		return -1
	}
	return end + comma
}

// opensQuotation reports whether s opens with a quotation mark.
func opensQuotation(s string) bool {
	s = strings.TrimLeft(s, " \t\n")
	return strings.HasPrefix(s, "''") || strings.HasPrefix(s, "``") || s != "" && strings.ContainsRune(`"“«‘`, []rune(s)[0])
}

// quotationEnd moves end back to the close of a quotation that opens the
// statement [start, end) when only an adjunct follows it: in 'dijo «una
// investigación independiente» el martes' what was said is the
// quotation, not the day after it.
func (sc *scan) quotationEnd(start, end int) int {
	body := strings.TrimLeft(sc.text[start:end], " ")
	i := slices.IndexFunc(quotePairs[:], func(p quotePair) bool { return strings.HasPrefix(body, p.open) })
	if i < 0 {
		return end
	}
	closing := quotePairs[i].close
	from := end - len(body) + len(quotePairs[i].open)
	k := strings.Index(sc.text[from:end], closing)
	if k < 0 {
		return end
	}
	if after := sc.tokenAt(from + k + len(closing)); after < len(sc.toks) && sc.toks[after].Start < end && !sc.onlyAdjuncts(after) {
		return end
	}
	return from + k
}

// dashedLine reports whether s is a line of dialogue up to its speaker's
// verb: opened and closed by a dash ("—Tarquela busca una excusa —").
func dashedLine(s string) bool {
	s = strings.TrimSpace(s)
	return len(s) > len("——") && strings.HasPrefix(s, "—") && strings.HasSuffix(s, "—")
}

// endsQuotation reports whether s ends with a closing quotation mark,
// perhaps followed by a comma.
func endsQuotation(s string) bool {
	s = strings.TrimRight(s, " \t\n")
	s = strings.TrimSuffix(s, ",")
	r, _ := lastRune(s)
	if strings.ContainsRune(`"”»’`, r) || strings.HasSuffix(s, "''") {
		return true
	}
	return strings.HasSuffix(s, `,"`) || strings.HasSuffix(s, ",”")
}

// fromAccording builds the claim of "according to X, content" or
// "content, according to X".
func (sc *scan) fromAccording(i, end int) (model.Claim, bool) {
	claimant, after, found := sc.accordingSource(end)
	if !found {
		return model.Claim{}, false
	}
	var contentStart, contentEnd int
	if i == 0 || sc.words[i-1] == "," && i == 1 {
		// Content after the attribution, from the comma that closes it.
		k := after
		for k < len(sc.words) && sc.words[k] != "," {
			k++
		}
		if k+1 >= len(sc.toks) {
			return model.Claim{}, false
		}
		contentStart, contentEnd = sc.toks[k+1].Start, sc.sent.End
	} else if i > 1 && sc.words[i-1] == "," && after+1 < len(sc.words) && sc.words[after] == "," && sc.toks[after+1].Kind == text.Word && !sc.restated(after) && !sc.cutAt(after) {
		// "un ataque en el que, según Tarquela, murieron tres soldados":
		// the attribution set off inside a clause attributes that
		// clause, which runs on after it.
		k := i - 1
		for k > 0 && sc.words[k-1] != "," {
			k--
		}
		// The clause ends where its part after the attribution does.
		c, ok := sc.claim(claimant, kindAccording, sc.toks[after+1].Start, sc.sent.End)
		if !ok {
			return c, false
		}
		c.Start = max(sc.toks[k].Start, min(sc.body, c.End))
		c.Text = sc.text[c.Start:c.End]
		return c, true
	} else {
		contentStart, contentEnd = sc.sent.Start, sc.toks[i].Start
	}
	return sc.claim(claimant, kindAccording, contentStart, contentEnd)
}

// claim trims the content span and sets stance and hedging.
func (sc *scan) claim(claimant, kind string, start, end int) (model.Claim, bool) {
	end = sc.clauseEnd(start, end)
	end = sc.quotationEnd(start, end)
	start, end = trimSpan(sc.text, start, end)
	start = max(start, min(sc.body, end)) // no dateline in what is claimed
	start = quotationAfterColon(sc.text, start, end)
	if end-start <= 0 || len(strings.Fields(sc.text[start:end])) < minClaimWords {
		return model.Claim{}, false
	}
	content := sc.words[sc.tokenAt(start):sc.tokenAt(end)]
	// "told a news conference, adding that …": whom one spoke to is no
	// statement.
	if _, after, ok := sc.rules.phrases.longest(content, 0, kindAudience); ok && after == len(content) {
		return model.Claim{}, false
	}
	// "boats which the military said were carrying drugs": a statement
	// whose subject stands outside it cannot be read alone (English; a
	// Spanish verb carries its subject).
	if _, _, ok := sc.rules.phrases.longest(content, 0, kindVerbFirst); ok {
		return model.Claim{}, false
	}
	stance := stanceOf[kind]
	if stance == model.Asserts && sc.rules.phrases.any(content, kindFalse) {
		stance = model.Denies
	}
	return model.Claim{
		Start: start, End: end, Text: sc.text[start:end], Claimant: claimant, Stance: stance,
		Hedged: kind == kindHedgeSay || sc.rules.phrases.any(sc.words, kindHedge),
	}, true
}

// clauseEnd returns where the statement starting at start ends: before
// the first clause boundary (", and", ", saying", "; ", ", como") or
// coordinated reporting verb ("and denied") that opens another statement,
// else at end.
func (sc *scan) clauseEnd(start, end int) int {
	for k := sc.tokenAt(start); k < len(sc.toks) && sc.toks[k].Start < end; k++ {
		if sc.toks[k].Start <= start {
			continue
		}
		if sc.cutAt(k) {
			return sc.toks[k].Start
		}
		if sc.words[k] == "," && sc.restated(k) {
			// "more than 40 people were killed, a figure the authorities
			// did not confirm": the phrase renames what was said.
			return sc.toks[k].Start
		}
		if _, _, _, ok := sc.coordinatedVerb(k); ok {
			return sc.toks[k].Start
		}
	}
	return end
}

// tokenAt returns the index of the first token starting at or after pos.
func (sc *scan) tokenAt(pos int) int {
	return sort.Search(len(sc.toks), func(n int) bool { return sc.toks[n].Start >= pos })
}

func name(m model.Mention) string {
	if m.Canonical != "" {
		return m.Canonical
	}
	return m.Text
}

// trimSpan narrows [start, end) past white space, quotation marks and
// trailing punctuation.
func trimSpan(s string, start, end int) (int, int) {
	const cut = " \t\r\n\"'“”‘’«»,;:.!¡—–-"
	for start < end {
		r, w := firstRune(s[start:end])
		if !strings.ContainsRune(cut, r) {
			break
		}
		start += w
	}
	trimmedEnd := end
	for end > start {
		r, w := lastRune(s[start:end])
		if !strings.ContainsRune(cut, r) {
			break
		}
		end -= w
	}
	// A quotation in the running sentence that closes the statement keeps
	// its closing mark: 'would not tolerate "more attacks"'.
	if opening, closing := quoteLeftOpen(s[start:end]); closing != "" {
		r, _ := lastRune(strings.TrimRight(s[start:start+opening], " "))
		if k := strings.Index(s[end:trimmedEnd], closing); k >= 0 && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			end += k + len(closing)
		}
	}
	return start, end
}

// quotePair is a quotation's opening and closing marks.
type quotePair struct{ open, close string }

var quotePairs = [...]quotePair{{"“", "”"}, {"«", "»"}, {`"`, `"`}}

// quoteLeftOpen returns the offset of the mark opening a quotation that s
// leaves open and the mark that would close it; closing is "" when every
// quotation closes.
func quoteLeftOpen(s string) (opening int, closing string) {
	for _, p := range quotePairs {
		opens, closes := strings.Count(s, p.open), strings.Count(s, p.close)
		if p.open == p.close && opens%2 == 1 || p.open != p.close && opens > closes {
			return strings.LastIndex(s, p.open), p.close
		}
	}
	return 0, ""
}

// quotationAfterColon moves start past a phrase that introduces a
// quotation with a colon ("on Sunday: “They are shelling the port”"): what
// was said is the quotation.
func quotationAfterColon(s string, start, end int) int {
	colon := strings.IndexByte(s[start:end], ':')
	if colon < 0 {
		return start
	}
	rest := strings.TrimLeft(s[start+colon+1:end], " ")
	r, _ := firstRune(rest)
	if !strings.ContainsRune("\"“‘«'", r) {
		return start
	}
	next, _ := trimSpan(s, end-len(rest), end)
	return next
}

// quoteClaims turns declarative quotes with a known speaker into claims,
// unless a reported-speech claim already contains them.
func quoteClaims(s string, sents []model.Sentence, quotes []model.Quote, have []model.Claim, lr *langRules) []model.Claim {
	var out []model.Claim
	for _, q := range quotes {
		if q.Speaker == "" || q.Start < 0 || q.End > len(s) || q.Start >= q.End {
			continue
		}
		for _, part := range uncoveredSentences(sents, have, q.Start, q.End) {
			start, end := trimSpan(s, part[0], part[1])
			body := s[start:end]
			if len(strings.Fields(body)) < minClaimWords || strings.ContainsAny(body, "?¿") || lr.askedFor(s, sents, start) {
				continue
			}
			words := foldedWords(body)
			stance := model.Asserts
			if lr.phrases.any(words, kindFalse) {
				stance = model.Denies
			}
			hedged := false
			if k := sentenceOf(sents, start); k >= 0 {
				hedged = lr.phrases.any(foldedWords(s[sents[k].Start:sents[k].End]), kindHedge)
			}
			out = append(out, model.Claim{Start: start, End: end, Text: body, Claimant: q.Speaker, Stance: stance, Hedged: hedged})
		}
	}
	return out
}

// uncoveredSentences returns the runs of the quotation [start, end),
// whole sentences of it, that no claim overlaps: in '“They bombed a school.
// There were no soldiers there,” said a nurse' the second sentence is the
// nurse's reported-speech claim and the first is left to the quotation.
func uncoveredSentences(sents []model.Sentence, claims []model.Claim, start, end int) [][2]int {
	if !covered(claims, start, end) {
		return [][2]int{{start, end}}
	}
	var out [][2]int
	open := -1
	for _, sent := range sents {
		from, to := max(sent.Start, start), min(sent.End, end)
		if from >= to {
			continue
		}
		if covered(claims, from, to) {
			open = -1
			continue
		}
		if open >= 0 {
			out[len(out)-1][1] = to
		} else {
			open = len(out)
			out = append(out, [2]int{from, to})
		}
	}
	return out
}

// askedFor reports whether the quotation whose words start at start is
// what a verb right before it asks for ('demanded "an independent
// inquiry"', 'exigió «una investigación»'): words quoted, no statement.
func (lr *langRules) askedFor(s string, sents []model.Sentence, start int) bool {
	k := sentenceOf(sents, start)
	if k < 0 {
		return false
	}
	before := strings.TrimRight(s[sents[k].Start:start], " ")
	r, w := lastRune(before)
	if !strings.ContainsRune("\"“«‘", r) {
		return false
	}
	words := foldedWords(before[:len(before)-w])
	return lr.phrases.endsAt(words, len(words), kindDemand)
}

func covered(claims []model.Claim, start, end int) bool {
	for _, c := range claims {
		if c.Start < end && start < c.End {
			return true
		}
	}
	return false
}

// sentenceOf returns the index of the sentence containing pos, or -1.
func sentenceOf(sents []model.Sentence, pos int) int {
	k := sort.Search(len(sents), func(i int) bool { return sents[i].End > pos })
	if k < len(sents) && sents[k].Start <= pos {
		return k
	}
	return -1
}

// Narrates reports whether a sentence tells what happened as fact, so
// that it can support a claim about it: not when it attributes what it
// says to someone ("X said that ...", "según X"), which restates a claim,
// nor when it hedges or leaves the matter open ("allegedly", "to
// investigate the attack").
func Narrates(sentence, lang string) bool {
	lr := rulesFor(lang)
	words := foldedWords(sentence)
	for i := range words {
		if _, _, open := lr.clauses.longest(words, i, kindOpen); open {
			return false
		}
		p, _, ok := lr.phrases.longest(words, i, notNarrationKinds...)
		if ok && !(stanceOf[p.kind] != "" && lr.phrases.endsAt(words, i, kindNotVerb)) {
			return false
		}
	}
	return true
}

var notNarrationKinds = append([]string{kindAccording, kindHedge}, verbKinds...)
