package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline/storyline/internal/text"
)

// A fragment is a quotation woven into the syntax of its sentence: a word
// stands right before its opening mark ("said Lopez should “mind his
// words”"), or it opens in lower case after a comma. Its speaker is whoever
// the reporting verb governing its clause names, never merely the nearest
// name; a fragment that nothing governs is a term in quotation marks
// ("defend “core interests”") and has no speaker.

// embedded reports whether s is a fragment inside its sentence.
func (x *extractor) embedded(s span) bool {
	ss := x.sentenceStart(s.open)
	ti, tj := x.tokenRange(ss, s.open)
	if ti >= tj {
		return false
	}
	prev := x.toks[tj-1]
	if x.txt[prev.End:s.open] != "" && x.txt[prev.End:s.open] != " " {
		return false // a line break or other marks between: not one clause
	}
	switch {
	case prev.Kind == text.Word || prev.Kind == text.Number:
		return true
	case prev.Text == ",":
		r, _ := utf8.DecodeRuneInString(x.txt[s.start:])
		return unicode.IsLower(r)
	}
	return false
}

// fragmentSpeaker finds the speaker of the fragment s: the subject of the
// nearest reporting verb before it in its sentence, or the source a phrase
// such as "according to" names; else an attribution right after it
// ("…,” Ruiz said") or a verb it coordinates ("Ruiz called it “…” and
// said"). It reports false when nothing in the sentence governs the
// fragment.
func (x *extractor) fragmentSpeaker(s span) (speaker, bool) {
	if sp, ok := x.creditAfter(s); ok {
		return sp, true
	}
	ss := x.sentenceStart(s.open)
	ti, tj := x.tokenRange(ss, s.open)
	term := wordCount(x.txt[s.start:s.end]) <= scareWords
	for t := tj - 1; t >= ti; t-- {
		if x.quoted(x.toks[t].Start) {
			continue
		}
		if x.governingVerb(t, ti, term && tj-t <= namingReach) {
			return x.governingSubject(ss, t)
		}
		if n := x.sourceAt(t); n > 0 && t+n < tj {
			if c, ok := x.firstAfter(x.toks[t+n-1].End, s.open); ok {
				return x.resolve(c)
			}
		}
	}
	a, b := x.afterWindow(s)
	if ai, aj := x.tokenRange(a, b); x.coordinatedVerb(ai, aj) {
		// A second predicate after it: "criticó la «…» y dijo".
		if c, ok := x.firstSubject(ss, s.open); ok {
			return x.resolve(c)
		}
		return speaker{}, false
	}
	if sp, ok := x.attribute(s); ok && x.nearAfter(s, sp) {
		return sp, true
	}
	return speaker{}, false
}

// creditAfter finds the speaker a fragment ending in a comma credits right
// after it ("because “most people don’t know,” she said"), which takes
// precedence over a verb before it.
func (x *extractor) creditAfter(s span) (speaker, bool) {
	ti, tj := x.tokenRange(s.close, len(x.txt))
	commaAfter := ti < tj && x.toks[ti].Text == "," && x.toks[ti].Start == s.close
	if !commaAfter && !strings.HasSuffix(strings.TrimRight(x.txt[s.start:s.end], " "), ",") {
		return speaker{}, false
	}
	sp, ok := x.attribute(s)
	if ok && x.nearAfter(s, sp) {
		return sp, true
	}
	return speaker{}, false
}

// nearAfter reports whether sp is named right after s, not by the verb of
// a later clause ("“…,” sharply escalating a crisis after Ruiz said").
func (x *extractor) nearAfter(s span, sp speaker) bool {
	if sp.start < s.close {
		return false
	}
	ai, aj := x.tokenRange(s.close, sp.start)
	return aj-ai <= maxVerbGap
}

// namingReach is how many tokens may stand between a naming verb and the
// term it names ("likened the rules to “…”"); further on, the term
// belongs to another verb ("called on supporters to defend “…”").
const namingReach = 4

// governingVerb reports whether token t, after the sentence's first token
// ti, is a reporting verb that may govern a clause after it (or, for a
// short term, a naming verb): not passive ("are revealed as") and not a
// plural noun of the same spelling, which a conjunction follows
// ("sovereign states and").
func (x *extractor) governingVerb(t, ti int, term bool) bool {
	if !x.isVerb(t) && !(term && x.namingVerb(t, ti)) || (t > ti && x.lx.passives.Has(x.lower(t-1))) {
		return false
	}
	return t+1 >= len(x.toks) || !x.lx.conjunctions.Has(x.lower(t+1))
}

// governingSubject finds the subject of the reporting verb at token v, in
// the sentence starting at ss, without looking past the verb: what
// follows it is the reported clause, whose own subject ("said Lopez
// should") is not the speaker. A gerund ("…, adding that") and a verb
// joined by a conjunction ("… and warned that") share the subject of an
// earlier reporting verb in the sentence, else of the sentence.
func (x *extractor) governingSubject(ss, v int) (speaker, bool) {
	ss = x.clauseStart(ss, v)
	ti, _ := x.tokenRange(ss, x.toks[v].Start)
	shared := x.lx.gerund(x.lower(v)) || (v > ti && x.lx.conjunctions.Has(x.lower(v-1)))
	if shared {
		for t := v - 1; t >= ti; t-- {
			if !x.quoted(x.toks[t].Start) && x.governingVerb(t, ti, true) {
				return x.governingSubject(ss, t)
			}
		}
		if c, ok := x.firstSubject(ss, x.toks[v].Start); ok {
			return x.resolve(c)
		}
		return speaker{}, false
	}
	return x.verbSpeaker(ss, v, x.toks[v].End)
}

// clauseStart moves the sentence start ss past the last colon before token
// v outside quotations: a label ("Editor’s Note:") or an introduction
// before it has its own subject. A colon that opens a quotation ("Ruiz
// replied: “…”") stays inside the clause.
func (x *extractor) clauseStart(ss, v int) int {
	ti, _ := x.tokenRange(ss, x.toks[v].Start)
	for t := v - 1; t >= ti; t-- {
		if x.toks[t].Text == ":" && !x.quoted(x.toks[t].Start) && !x.quoted(x.toks[t+1].Start) {
			return x.toks[t].End
		}
	}
	return ss
}

// namingVerb reports whether token t is a verb that names a term ("call
// them “lone wolves”") with a subject of its own: a participle right after
// a punctuation mark is passive ("— dubbed “…” by a journalist").
func (x *extractor) namingVerb(t, ti int) bool {
	return x.toks[t].Kind == text.Word && x.lx.naming.Has(x.lower(t)) && t > ti && x.toks[t-1].Kind != text.Punct
}
