package timex

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/storyline/storyline/internal/text"
)

// Tense of the verb nearest to an expression, enough to say which way a
// weekday or a month without a year points.
const (
	tenseNone   = 0
	tensePast   = -1
	tenseFuture = 1
)

// tenseCues are the words, word endings and word pairs that mark a tense,
// read from a language's tense.txt.
type tenseCues struct {
	words    map[string]int
	suffixes []suffixCue
	pairs    map[[2]string]int
	except   map[string]bool // words whose ending misleads ("need", "hundred")
	// passive holds the words after which a participle carries no tense of
	// its own: in "will be held" the tense is the auxiliary's.
	passive map[string]bool
	// A verb after a subordinator ("acordaron que se reúnan el sábado")
	// with a subjunctive ending points forward: subordinators names the
	// words that open such a clause, clitics the words that may stand
	// between, articles those that start a subject between ("que el
	// tribunal decida"), subjunctive the endings and pluralSubjunctive the
	// ones that still tell a verb from a noun after an article-like
	// pronoun ("que los detengan", not "que la policía").
	subordinators     map[string]bool
	clitics           map[string]bool
	articles          map[string]bool
	subjunctive       []suffixCue
	pluralSubjunctive []suffixCue
	// report holds past reporting verbs ("said", "dijo"): in "will leave
	// at 4 a.m. Thursday, Castro said" the report's tense is not the
	// event's, so they count only right before the expression ("said
	// Friday") or when no other cue is near.
	report map[string]bool
	// lead holds words that, right before a month or a day of one, say
	// which way it lies whatever the verbs say: a term still to come ("by
	// February", "effective June 1") or a start gone by ("since March"). A
	// weekday after them follows the tense ("had filed by Wednesday").
	lead map[string]int
	// A day that modifies a noun ("Saturday's vote", "la votación del
	// sábado") names an event the text already knows of, so it lies in
	// the past whatever verb governs the phrase. possessiveAfter holds the
	// tokens after the expression that mark it, possessiveBefore those
	// directly before it; possessiveNot the words before such a marker
	// that make it a plain preposition ("antes del sábado"), which leaves
	// the verb to decide; possessiveAhead, possessiveOccasion and
	// possessivePast the words before the phrase that turn it forward,
	// leave it to the verb or settle it as past (see possessiveTense).
	possessiveAfter    map[string]bool
	possessiveBefore   map[string]bool
	possessiveNot      map[string]bool
	possessiveAhead    map[string]bool
	possessiveOccasion map[string]bool
	possessivePast     map[string]bool
}

type suffixCue struct {
	suffix  string
	tense   int
	minStem int
}

func loadTense(path string) (tenseCues, error) {
	c := tenseCues{words: map[string]int{}, pairs: map[[2]string]int{}, except: map[string]bool{}, passive: map[string]bool{},
		subordinators: map[string]bool{}, clitics: map[string]bool{}, articles: map[string]bool{}, report: map[string]bool{}, lead: map[string]int{},
		possessiveAfter: map[string]bool{}, possessiveBefore: map[string]bool{}, possessiveNot: map[string]bool{}, possessiveAhead: map[string]bool{},
		possessiveOccasion: map[string]bool{}, possessivePast: map[string]bool{}}
	lines, err := readData(path)
	if err != nil {
		return c, err
	}
	tenseOf := map[string]int{"PAST": tensePast, "FUTURE": tenseFuture}
	wordSets := map[string]map[string]bool{
		"EXCEPT": c.except, "PASSIVE": c.passive, "SUBORDINATOR": c.subordinators, "CLITIC": c.clitics, "ARTICLE": c.articles,
		"POSSESSIVE_AFTER": c.possessiveAfter, "POSSESSIVE_BEFORE": c.possessiveBefore,
		"POSSESSIVE_NOT": c.possessiveNot, "POSSESSIVE_AHEAD": c.possessiveAhead,
		"POSSESSIVE_OCCASION": c.possessiveOccasion, "POSSESSIVE_PAST": c.possessivePast,
	}
	for _, line := range lines {
		f := strings.Fields(line)
		if len(f) < 2 {
			return c, fmt.Errorf("%s: bad line %q", path, line)
		}
		kind, rest := f[0], f[1:]
		switch {
		case wordSets[kind] != nil:
			for _, w := range rest {
				wordSets[kind][w] = true
			}
		case kind == "REPORT":
			for _, w := range rest {
				c.report[w] = true
				c.words[w] = tensePast
			}
		case strings.HasPrefix(kind, "LEAD_"):
			t, ok := tenseOf[strings.TrimPrefix(kind, "LEAD_")]
			if !ok {
				return c, fmt.Errorf("%s: bad line %q", path, line)
			}
			for _, w := range rest {
				c.lead[w] = t
			}
		case kind == "SUBJUNCTIVE_SUFFIX":
			for _, w := range rest {
				c.subjunctive = append(c.subjunctive, suffixCue{suffix: w, tense: tenseFuture, minStem: 2})
			}
		case kind == "SUBJUNCTIVE_PLURAL_SUFFIX":
			for _, w := range rest {
				c.pluralSubjunctive = append(c.pluralSubjunctive, suffixCue{suffix: w, tense: tenseFuture, minStem: 2})
			}
		case strings.HasSuffix(kind, "_SUFFIX"):
			t, ok := tenseOf[strings.TrimSuffix(kind, "_SUFFIX")]
			if !ok {
				return c, fmt.Errorf("%s: bad line %q", path, line)
			}
			for _, w := range rest {
				c.suffixes = append(c.suffixes, suffixCue{suffix: w, tense: t, minStem: 3})
			}
		case strings.HasSuffix(kind, "_PAIR"):
			t, ok := tenseOf[strings.TrimSuffix(kind, "_PAIR")]
			if !ok || len(rest) != 2 {
				return c, fmt.Errorf("%s: bad line %q", path, line)
			}
			c.pairs[[2]string{rest[0], rest[1]}] = t
		default:
			t, ok := tenseOf[kind]
			if !ok {
				return c, fmt.Errorf("%s: bad line %q", path, line)
			}
			for _, w := range rest {
				c.words[w] = t
			}
		}
	}
	return c, nil
}

// cueAt returns the tense toks[i] marks, if any.
func (c *tenseCues) cueAt(toks []tok, i int) int {
	t := c.ownCue(toks, i)
	if t == tensePast && i > 0 && c.passive[toks[i-1].low] {
		return tenseNone
	}
	return t
}

func (c *tenseCues) ownCue(toks []tok, i int) int {
	w := toks[i].low
	if toks[i].kind != text.Word {
		return tenseNone
	}
	// A pair outweighs its first word: "were planning" looks ahead.
	if i+1 < len(toks) {
		if t, ok := c.pairs[[2]string{w, toks[i+1].low}]; ok {
			return t
		}
	}
	if t, ok := c.words[w]; ok {
		return t
	}
	if c.except[w] {
		return tenseNone
	}
	if t := suffixTense(w, c.suffixes); t != tenseNone {
		return t
	}
	if len(c.subjunctive) > 0 {
		return c.subjunctiveAt(toks, i)
	}
	return tenseNone
}

func suffixTense(w string, cues []suffixCue) int {
	for _, s := range cues {
		if len(w) >= len(s.suffix)+s.minStem && strings.HasSuffix(w, s.suffix) {
			return s.tense
		}
	}
	return tenseNone
}

// subjunctiveAt returns tenseFuture when toks[i] reads as a subjunctive
// verb opening a subordinate clause: right after the subordinator and at
// most two clitics, after an article-like pronoun, or after a subject of
// an article and one word.
func (c *tenseCues) subjunctiveAt(toks []tok, i int) int {
	w := toks[i].low
	j := i - 1
	for k := 0; k < 2 && j >= 0 && c.clitics[toks[j].low]; k++ {
		j--
	}
	switch {
	case j < 0:
		return tenseNone
	case c.subordinators[toks[j].low]:
		return suffixTense(w, c.subjunctive)
	case j >= 1 && c.articles[toks[j].low] && c.subordinators[toks[j-1].low]:
		return suffixTense(w, c.pluralSubjunctive)
	case j >= 2 && c.articles[toks[j-1].low] && c.subordinators[toks[j-2].low]:
		return suffixTense(w, c.subjunctive)
	}
	return tenseNone
}

// cueWindow bounds how far from an expression tenseNear looks, which keeps
// the cost per expression constant however long the sentence.
const cueWindow = 20

// reportReach is how far before an expression a reporting verb still
// gives its tense: "said Friday", "said on Friday".
const reportReach = 2

// tenseNear returns the tense of the cue nearest to the span [from, to) of
// the sentence toks, preferring the earlier cue on ties. A reporting verb
// further away only counts when no other cue is in reach.
func (c *tenseCues) tenseNear(toks []tok, from, to int) int {
	weak := tenseNone
	// A quotation mark between a cue and the expression parts two
	// speakers' tenses: in '"We will not go back," Holm told reporters
	// on Tuesday' Tuesday is past.
	backOpen, aheadOpen := true, true
	for d := 1; d <= cueWindow; d++ {
		if i := from - d; i >= 0 && backOpen && isQuoteMark(toks[i]) {
			backOpen = false
		}
		if i := to + d - 1; i < len(toks) && aheadOpen && isQuoteMark(toks[i]) {
			aheadOpen = false
		}
		if i := from - d; i >= 0 && backOpen {
			if t := c.cueAt(toks, i); t != tenseNone {
				if d <= reportReach || !c.report[toks[i].low] {
					return t
				}
				weak = cmp.Or(weak, t)
			}
		}
		if i := to + d - 1; i < len(toks) && aheadOpen {
			if t := c.cueAt(toks, i); t != tenseNone {
				if !c.report[toks[i].low] {
					return t
				}
				weak = cmp.Or(weak, t)
			}
		}
		if from-d < 0 && to+d-1 >= len(toks) {
			break
		}
	}
	return weak
}

func isQuoteMark(t tok) bool {
	switch t.low {
	case `"`, "“", "”", "«", "»", "''", "``":
		return true
	}
	return false
}

// leadBefore returns the direction a lead word directly before the span
// starting at toks[from] gives, tenseNone without one.
func (c *tenseCues) leadBefore(toks []tok, from int) int {
	if from == 0 {
		return tenseNone
	}
	return c.lead[toks[from-1].low]
}

// possessiveReach bounds how far before a possessive day the word that
// decides its direction may stand: "in the aftermath of Saturday's vote",
// "de cara a la votación del domingo".
const possessiveReach = 4

// possessiveTense gives the direction of an expression st[from:to] that
// modifies a noun as a possessive ("Saturday's vote", "la votación del
// sábado"). The nearest deciding word before it settles it: one looking
// ahead ("ahead of Sunday's vote") points forward, one of occasion ("at
// Thursday's session", "en la sesión del jueves") leaves it to the verb,
// and anything else (an object, "after", "in the aftermath of") makes it
// the past event. It returns tenseNone for no possessive or an occasion.
func (c *tenseCues) possessiveTense(toks []tok, from, to int) int {
	start := from
	switch {
	case to < len(toks) && c.possessiveAfter[toks[to].low]:
	case from > 0 && c.possessiveBefore[toks[from-1].low] && (from < 2 || !c.possessiveNot[toks[from-2].low]):
		start = from - 1
	default:
		return tenseNone
	}
	for k := start - 1; k >= 0 && k >= start-possessiveReach; k-- {
		switch w := toks[k].low; {
		case c.possessiveAhead[w]:
			return tenseFuture
		case c.possessiveOccasion[w]:
			return tenseNone
		case c.possessivePast[w]:
			return tensePast
		}
	}
	return tensePast
}
