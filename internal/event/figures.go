package event

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/text"
	"github.com/storyline/storyline/internal/timex"
)

// figureRules are one language's phrases around a count (data/figures/).
type figureRules struct {
	after, before, toll, qualifier, unit, link *phraseSet
	// tollVerb links a toll to its count from afar: "the death toll from
	// Tuesday's explosion at the port has risen to 95".
	tollVerb *phraseSet
	// numberWords may open a number in words (timex.NumberWords): only at
	// them, or right before them ("a hundred"), is a number read.
	numberWords map[string]bool
	// eventOf is the event type a kind of figure counts the victims of
	// ("killed": ASSAULT), preferred when the sentence has several.
	eventOf map[string]string
}

var figureKinds = map[string]bool{model.Killed: true, model.Wounded: true, model.Arrested: true, model.Missing: true, model.Displaced: true}

var qualifiers = map[string]bool{"min": true, "more": true, "less": true, "max": true, "about": true}

func parseFigureRules(data []byte) (*figureRules, error) {
	fr := &figureRules{after: newPhraseSet(), before: newPhraseSet(), toll: newPhraseSet(), qualifier: newPhraseSet(), unit: newPhraseSet(), link: newPhraseSet(), tollVerb: newPhraseSet()}
	sets := map[string]*phraseSet{"after": fr.after, "before": fr.before, "toll": fr.toll, "qualifier": fr.qualifier, "unit": fr.unit, "link": fr.link, "tollverb": fr.tollVerb}
	fr.eventOf = map[string]string{}
	for _, line := range text.ReadLines(data) {
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("line %q: want ROLE<TAB>LABEL<TAB>phrase", line)
		}
		if f[0] == "event" {
			if !figureKinds[f[1]] || !eventTypes[f[2]] {
				return nil, fmt.Errorf("line %q: want event<TAB>kind<TAB>TYPE", line)
			}
			fr.eventOf[f[1]] = f[2]
			continue
		}
		set := sets[f[0]]
		switch {
		case set == nil:
			return nil, fmt.Errorf("line %q: unknown role %q", line, f[0])
		case f[0] == "qualifier" && !qualifiers[f[1]], (f[0] == "after" || f[0] == "before" || f[0] == "toll") && !figureKinds[f[1]]:
			return nil, fmt.Errorf("line %q: unknown label %q", line, f[1])
		}
		elems := parsePhrase(f[2])
		if len(elems) == 0 {
			return nil, fmt.Errorf("line %q: empty phrase", line)
		}
		if err := set.add(&phrase{elems: elems, label: f[1]}); err != nil {
			return nil, fmt.Errorf("line %q: %v", line, err)
		}
	}
	return fr, nil
}

var figureRulesByLang = mustLoadFigureRules("en", "es")

func mustLoadFigureRules(langs ...string) map[string]*figureRules {
	out := map[string]*figureRules{}
	for _, l := range langs {
		b, err := dataFS.ReadFile("data/figures/" + l + ".txt")
		if err != nil {
			panic("event: missing figure file for " + l)
		}
		fr, err := parseFigureRules(b)
		if err != nil {
			panic("event: data/figures/" + l + ".txt: " + err.Error())
		}
		fr.numberWords = timex.NumberWords(l)
		out[l] = fr
	}
	return out
}

// figureReach is how many words may stand between a count and the word
// saying what it counts ("95 Palestinian civilians were killed"), or
// between a toll and its count ("the death toll rose to 95").
const figureReach = 4

// figures returns the counts of the dead, wounded, arrested, missing or
// displaced that the sentence gives, each with its token index.
func (sc *sentenceScan) figures(fr *figureRules, lang string, times spanList) ([]model.Figure, []int) {
	var out []model.Figure
	var at []int
	for k := 0; k < len(sc.words); k++ {
		value, next, ok := sc.count(fr, k, lang)
		if !ok || times.covers(sc.toks[k].Start) || next < len(sc.words) && fr.unit.has(sc.words, next) {
			continue
		}
		start, qualifier := k, ""
		for q := max(k-3, 0); q < k; q++ {
			if p, end := fr.qualifier.longest(sc.words, q); p != nil && end == k {
				start, qualifier = q, p.label
				break
			}
		}
		kind, end := sc.figureKind(fr, start, next)
		if kind == "" {
			continue
		}
		from, to := min(start, end), max(next, end)
		out = append(out, model.Figure{Kind: kind, Value: value, Qualifier: qualifier,
			Start: sc.toks[from].Start, End: sc.toks[to-1].End, Text: sc.text[sc.toks[from].Start:sc.toks[to-1].End]})
		at = append(at, k)
		k = next - 1
	}
	return out, at
}

// figureKind says what the count in tokens [start, next) counts: a verb
// right before it (or a link word before), else a word after it within
// figureReach words and before any punctuation or other number, else a
// toll shortly before it. It returns the kind and the index of the token
// bounding the phrase on that side (after the word, or at the verb or
// toll).
func (sc *sentenceScan) figureKind(fr *figureRules, start, next int) (string, int) {
	for b := max(start-2, 0); b < start; b++ {
		if p, end := fr.before.longest(sc.words, b); p != nil && (end == start || end == start-1 && fr.link.has(sc.words, end)) {
			return p.label, b
		}
	}
	for k := next; k < len(sc.words) && k <= next+figureReach; k++ {
		if sc.toks[k].Kind != text.Word {
			break
		}
		if p, end := fr.after.longest(sc.words, k); p != nil {
			return p.label, end
		}
	}
	for b := max(start-figureReach-2, 0); b < start; b++ {
		if p, end := fr.toll.longest(sc.words, b); p != nil && end <= start {
			return p.label, sc.tollStart(fr, b, end)
		}
	}
	// A verb of the toll right before the count reaches back to the toll,
	// past no other number.
	for b := max(start-2, 0); b < start; b++ {
		if p, end := fr.tollVerb.longest(sc.words, b); p == nil || end != start {
			continue
		}
		from := max(b-tollReach, 0)
		for t := b - 1; t >= from; t-- {
			if sc.toks[t].Kind == text.Number {
				from = t + 1
				break
			}
		}
		// The first toll after any other number, and its longest form
		// ("death toll", not "toll").
		for t := from; t < b; t++ {
			if p, end := fr.toll.longest(sc.words, t); p != nil && end <= b {
				return p.label, t
			}
		}
	}
	return "", 0
}

// tollStart returns where the longest toll ending at end or later
// starts, at b or just before it: "death toll", not "toll".
func (sc *sentenceScan) tollStart(fr *figureRules, b, end int) int {
	for t := b - 1; t >= 0 && t >= b-2; t-- {
		if p, e := fr.toll.longest(sc.words, t); p != nil && e >= end {
			b = t
		}
	}
	return b
}

// tollReach is how many tokens a verb of the toll looks back for it.
const tollReach = 20

// count reads a count of people at token k: whole digits ("95", "1,200",
// "1.200") or number words; not part of a longer number ("2.5", "1990s").
func (sc *sentenceScan) count(fr *figureRules, k int, lang string) (int, int, bool) {
	t := sc.toks[k]
	if t.Kind == text.Number {
		v, ok := wholeNumber(t.Text)
		return v, k + 1, ok
	}
	head, _, _ := strings.Cut(sc.words[k], "-") // "twenty-four"
	if t.Kind != text.Word || !fr.numberWords[head] && (k+1 >= len(sc.words) || !fr.numberWords[sc.words[k+1]]) {
		return 0, 0, false
	}
	v, end, ok := timex.Number(sc.text[t.Start:sc.sent.End], lang)
	// One in words is mostly an article ("killed a man", "un herido").
	if !ok || v != float64(int(v)) || v < 2 {
		return 0, 0, false
	}
	next := sc.tokenAt(t.Start + end)
	return int(v), next, next > k
}

// wholeNumber parses digits with optional thousands separators ("1,200",
// "1.200", "15 000" is two tokens and left alone).
func wholeNumber(s string) (int, bool) {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == '.' })
	if len(parts) == 0 || len(parts[0]) > 3 && len(parts) > 1 {
		return 0, false
	}
	for _, p := range parts[1:] {
		if len(p) != 3 {
			return 0, false
		}
	}
	v, err := strconv.Atoi(strings.Join(parts, ""))
	return v, err == nil && v > 0
}

// attachFigures gives each figure of the sentence to the event whose
// trigger (at token triggers[n] for evs[n]) is nearest to it among the
// events of the type it counts the victims of. With none of that type in
// the sentence, the count belongs to the last such event told before, in
// the paragraph (para) or earlier (before): "opposition lawmakers put
// the number of dead at more than 100" counts the blast's dead, not an
// accusation's; failing that, to the nearest event.
func (sc *sentenceScan) attachFigures(evs []model.Event, triggers []int, para, before []model.Event, lang string, times spanList) {
	fr := figureRulesFor(lang)
	figs, at := sc.figures(fr, lang, times)
	for n, f := range figs {
		best, bestFits := -1, false
		for e := range evs {
			fits := evs[e].Type == fr.eventOf[f.Kind]
			if best < 0 || fits && !bestFits || fits == bestFits && abs(triggers[e]-at[n]) < abs(triggers[best]-at[n]) {
				best, bestFits = e, fits
			}
		}
		if !bestFits {
			if prior := lastOfType(fr.eventOf[f.Kind], para, before); prior != nil {
				prior.Figures = append(prior.Figures, f)
				continue
			}
		}
		evs[best].Figures = append(evs[best].Figures, f)
	}
}

// attachLooseFigures gives the figures of a sentence without events to
// the last event of the paragraph (para) of the type each counts, else
// to the headline's (head, the first paragraph's): "The death toll rose
// to 95". Another paragraph may be about another event.
func (sc *sentenceScan) attachLooseFigures(para, head []model.Event, lang string, times spanList) {
	if len(para) == 0 && len(head) == 0 {
		return
	}
	fr := figureRulesFor(lang)
	figs, _ := sc.figures(fr, lang, times)
	for _, f := range figs {
		if prior := lastOfType(fr.eventOf[f.Kind], para, head); prior != nil {
			prior.Figures = append(prior.Figures, f)
		}
	}
}

// lastOfType returns the last event of type typ in para, else in before.
func lastOfType(typ string, para, before []model.Event) *model.Event {
	for _, evs := range [][]model.Event{para, before} {
		for e := len(evs) - 1; e >= 0; e-- {
			if evs[e].Type == typ {
				return &evs[e]
			}
		}
	}
	return nil
}

func figureRulesFor(lang string) *figureRules {
	if fr := figureRulesByLang[lang]; fr != nil {
		return fr
	}
	return figureRulesByLang["en"]
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
