package model

import (
	"math"
	"slices"
	"sort"
)

// Offsets throughout are UTF-8 byte offsets into the analysed text,
// half-open: Text[Start:End].

// Sentence is one sentence of the text.
type Sentence struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Entity types, as in CoNLL.
const (
	PER  = "PER"
	ORG  = "ORG"
	LOC  = "LOC"
	MISC = "MISC"
)

// Mention is one entity mention in the text.
type Mention struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Type  string `json:"type"`
	// Canonical is the fullest name this document (or the gazetteer) gives
	// the entity: "Maria Lopez" for "Lopez" or "President Lopez".
	Canonical string `json:"canonical"`
	// Role is a title or office the text attaches to the mention
	// ("president"), lower case; empty when none.
	Role string `json:"role,omitempty"`
}

// TIMEX3 types.
const (
	DATE     = "DATE"
	TIME     = "TIME"
	DURATION = "DURATION"
	SET      = "SET"
)

// Timex is a temporal expression normalized to a TIMEX3 value such as
// "2026-01-04", "2025-12", "P18M", "PRESENT_REF" or "2026-01-03T14:17".
type Timex struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	Type  string `json:"type"`
	Value string `json:"value"`
}

// Quote is a direct quotation with its speaker.
type Quote struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
	// Speaker is the resolved canonical name, else the description that
	// names the speaker ("the foreign ministry"); empty when unknown or
	// named only by a pronoun.
	Speaker string `json:"speaker"`
	// SpeakerStart and SpeakerEnd locate the mention that names the speaker
	// (a name, pronoun or description); both -1 when there is none.
	SpeakerStart int `json:"speaker_start"`
	SpeakerEnd   int `json:"speaker_end"`
}

// Event is one thing that happened, as one sentence reports it.
type Event struct {
	Start int `json:"start"`
	End   int `json:"end"`
	// Date is an ISO 8601 date at Precision ("2026-01-03", "2025-11"), or
	// empty when the text does not fix it.
	Date      string    `json:"date"`
	Precision Precision `json:"precision"`
	// Type is a PLOVER event type such as ASSAULT, ACCUSE or CONSULT.
	Type    string   `json:"type"`
	Trigger string   `json:"trigger"`
	Actors  []string `json:"actors"`
	Targets []string `json:"targets"`
	Place   string   `json:"place"`
	// Figures are the counts the sentence gives of the event's dead,
	// wounded or arrested, so that reports that disagree can be shown.
	Figures []Figure `json:"figures,omitempty"`
}

// Figure kinds: what a count counts.
const (
	Killed    = "killed"
	Wounded   = "wounded"
	Arrested  = "arrested"
	Missing   = "missing"
	Displaced = "displaced"
)

// Figure is a count a report gives: "at least 95 people were killed" is
// {Kind: killed, Value: 95, Qualifier: min}. Qualifier says how the value
// bounds the count: min ("at least"), more ("more than"), less
// ("nearly"), max ("up to"), about ("some"); empty when it is exact.
type Figure struct {
	Kind      string `json:"kind"`
	Value     int    `json:"value"`
	Qualifier string `json:"qualifier,omitempty"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Text      string `json:"text"`
}

// Claim stances toward a proposition.
const (
	Asserts  = "asserts"
	Supports = "supports"
	Disputes = "disputes"
	Denies   = "denies"
)

// Claim is an attributed assertion.
type Claim struct {
	Start    int    `json:"start"`
	End      int    `json:"end"`
	Text     string `json:"text"`
	Claimant string `json:"claimant"`
	Stance   string `json:"stance"`
	// Hedged is true when the report itself marks the claim as unverified
	// ("allegedly", "no official confirmation").
	Hedged bool `json:"hedged"`
	// RefersBack is true when the statement only points at an earlier
	// claim ("denied it", "rejected the allegation"): its span then holds
	// the sentence before it too, the context that names what it is about.
	RefersBack bool `json:"refers_back,omitempty"`
	// Of names whose claim a statement that refers back is about, when
	// the report says so ("rejecting Ruiz's accusations"); its span is
	// then its own sentence.
	Of string `json:"of,omitempty"`
}

// Analysis is everything analysis finds in one text.
type Analysis struct {
	Lang      string     `json:"lang"`
	Sentences []Sentence `json:"sentences"`
	Entities  []Mention  `json:"entities"`
	Timexes   []Timex    `json:"timexes"`
	Quotes    []Quote    `json:"quotes"`
	Events    []Event    `json:"events"`
	Claims    []Claim    `json:"claims"`
}

// SortedMentions returns mentions ordered by start, copying only when the
// caller's order differs.
func SortedMentions(ms []Mention) []Mention {
	if sort.SliceIsSorted(ms, func(i, j int) bool { return ms[i].Start < ms[j].Start }) {
		return ms
	}
	out := append([]Mention(nil), ms...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

// MentionsOf splits mentions sorted by start into those starting before
// the sentence and those starting inside it.
func MentionsOf(sorted []Mention, s Sentence) (before, inside []Mention) {
	lo := sort.Search(len(sorted), func(i int) bool { return sorted[i].Start >= s.Start })
	hi := lo
	for hi < len(sorted) && sorted[hi].Start < s.End {
		hi++
	}
	return sorted[:lo], sorted[lo:hi]
}

// disputeRatio is how many times apart two counts of one kind may be and
// still count the same thing.
const disputeRatio = 10

// SourcedFigure is a figure with the independent source that gives it.
type SourcedFigure struct {
	Source string
	Figure
}

// FigureDisputes returns the kinds of figure on which two sources
// disagree, in order of first appearance: two counts of one kind, from
// different sources, that no single number satisfies, reading "at least
// 8" as 8 or more, "more than 100" as 101 or more, "nearly 100" as 80 to
// 100, "up to 100" as 100 or fewer and "some 100" as 80 to 120 (95
// against "more than 100" dead disagree; "at least 8" against 12 do not).
// One source's counts never dispute each other: a toll it updates, or
// two incidents it tells of, are no disagreement; nor do counts more than
// disputeRatio times apart, which tell of different incidents merged on
// one day (11 killed in one town, 200,000 in the country).
func FigureDisputes(figures []SourcedFigure) []string {
	type bounds struct{ lo, hi float64 }
	boundsOf := func(f Figure) bounds {
		v := float64(f.Value)
		switch f.Qualifier {
		case "min":
			return bounds{v, math.Inf(1)}
		case "more":
			return bounds{v + 1, math.Inf(1)}
		case "less":
			return bounds{0.8 * v, v}
		case "max":
			return bounds{0, v}
		case "about":
			return bounds{0.8 * v, 1.2 * v}
		}
		return bounds{v, v}
	}
	var out []string
	for i, a := range figures {
		if slices.Contains(out, a.Kind) {
			continue
		}
		ba := boundsOf(a.Figure)
		for _, b := range figures[i+1:] {
			if b.Kind != a.Kind || b.Source == a.Source {
				continue
			}
			lo, hi := float64(min(a.Value, b.Value)), float64(max(a.Value, b.Value))
			if bb := boundsOf(b.Figure); max(ba.lo, bb.lo) > min(ba.hi, bb.hi) && hi <= disputeRatio*lo {
				out = append(out, a.Kind)
				break
			}
		}
	}
	return out
}
