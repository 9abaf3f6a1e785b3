package timex

import (
	"embed"
	"fmt"
	"strconv"
	"strings"

	"github.com/storyline/storyline/internal/text"
)

//go:embed data
var dataFS embed.FS

// lexicon maps lower-cased words to their classes. A word written with an
// initial capital in the data file only counts when capitalized in the text
// ("May" the month, not "may" the verb).
type lexicon struct {
	lower map[string][]entry // entries for lower-case tokens
	any   map[string][]entry // entries for capitalized tokens (a superset)
}

func (x *lexicon) lookup(low string, upper bool) []entry {
	if upper {
		return x.any[low]
	}
	return x.lower[low]
}

// numberShapeClasses are derived from digit tokens, not from the lexicon.
var numberShapeClasses = []string{"INT", "DAY", "HOUR", "YEAR", "ISODATE", "ISOMONTH", "CLOCK", "DOTCLOCK", "HHMM", "DECADE", "ORD", "FRACTION", "YEARRANGE", "NUM"}

// language is everything the engine knows about one language.
type language struct {
	code     string
	lex      lexicon
	rules    []*rule
	byWord   map[string][]int // first literal → rule indexes
	byClass  map[string][]int // first class → rule indexes
	dayFirst bool             // 03/01/2026 is 3 January
	tense    tenseCues
}

var languages = map[string]*language{}

func init() {
	for _, code := range []string{"en", "es"} {
		l, err := loadLanguage(code)
		if err != nil {
			panic("timex: " + err.Error())
		}
		languages[code] = l
	}
}

func readData(path string) ([]string, error) {
	b, err := dataFS.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return text.ReadLines(b), nil
}

func loadLanguage(code string) (*language, error) {
	l := &language{code: code, byWord: map[string][]int{}, byClass: map[string][]int{}}
	l.lex = lexicon{lower: map[string][]entry{}, any: map[string][]entry{}}
	classes := map[string]bool{}
	for _, c := range numberShapeClasses {
		classes[c] = true
	}
	lines, err := readData("data/" + code + "/lexicon.txt")
	if err != nil {
		return nil, err
	}
	for _, line := range lines {
		f := strings.Fields(line)
		if f[0] == "option" {
			if len(f) == 2 && f[1] == "dayfirst" {
				l.dayFirst = true
				continue
			}
			return nil, fmt.Errorf("%s lexicon: unknown option %q", code, line)
		}
		if len(f) < 3 || !isClassName(f[0]) {
			return nil, fmt.Errorf("%s lexicon: bad line %q", code, line)
		}
		e := entry{class: f[0]}
		if n, err := strconv.Atoi(strings.TrimPrefix(f[1], "+")); err == nil {
			e.n = n
		} else {
			e.s = f[1]
		}
		classes[e.class] = true
		for _, w := range f[2:] {
			low := strings.ToLower(w)
			l.lex.any[low] = append(l.lex.any[low], e)
			if w == low {
				l.lex.lower[low] = append(l.lex.lower[low], e)
			}
		}
	}
	if l.tense, err = loadTense("data/" + code + "/tense.txt"); err != nil {
		return nil, err
	}
	lines, err = readData("data/" + code + "/rules.txt")
	if err != nil {
		return nil, err
	}
	p := &ruleParser{macros: map[string][][]*node{}, classes: classes, file: code + "/rules.txt"}
	for n, line := range lines {
		p.line = n + 1
		f := strings.Fields(line)
		if strings.HasPrefix(f[0], "@") {
			if len(f) < 3 || f[1] != "=" {
				return nil, p.errorf("bad macro %q", line)
			}
			alts, _, err := p.parseAlternatives(f[2:], 0)
			if err != nil {
				return nil, err
			}
			p.macros[f[0][1:]] = alts
			continue
		}
		if len(f) < 3 {
			return nil, p.errorf("bad rule %q", line)
		}
		if !validType[f[0]] {
			return nil, p.errorf("unknown type %q", f[0])
		}
		if !strings.HasPrefix(f[1], "=") && normalizers[f[1]] == nil {
			return nil, p.errorf("unknown normalizer %q", f[1])
		}
		alts, end, err := p.parseAlternatives(f[2:], 0)
		if err != nil {
			return nil, err
		}
		if end < len(f)-2 {
			return nil, p.errorf("unbalanced ')'")
		}
		r := &rule{typ: f[0], normalize: f[1], line: p.line}
		if len(alts) == 1 {
			r.pattern = alts[0]
		} else {
			r.pattern = []*node{{alts: alts}}
		}
		keys := map[string]bool{}
		if firstKeys(r.pattern, keys) {
			return nil, p.errorf("pattern can match nothing")
		}
		r.next = followers(r.pattern)
		idx := len(l.rules)
		l.rules = append(l.rules, r)
		for k := range keys {
			if c, ok := strings.CutPrefix(k, "\x00"); ok {
				l.byClass[c] = append(l.byClass[c], idx)
			} else {
				l.byWord[k] = append(l.byWord[k], idx)
			}
		}
	}
	return l, nil
}

var validType = map[string]bool{"DATE": true, "TIME": true, "DURATION": true, "SET": true, "NONE": true}

// number reads a number at toks[pos]: digits ("18", "2 1/2") or words
// ("twenty-four", "veintidós", "a hundred", "dos mil"), returning its value
// and the index after it.
func (l *language) number(toks []tok, pos int) (float64, int, bool) {
	t := &toks[pos]
	if len(t.classes) == 0 {
		return 0, 0, false
	}
	if e, ok := classOf(t, "INT"); ok {
		v := float64(e.n)
		end := pos + 1
		if end < len(toks) {
			if f, ok := classOf(&toks[end], "FRACTION"); ok {
				v += float64(f.n) / 100
				end++
			}
		}
		return v, end, true
	}
	total, cur := 0.0, 0.0
	i := pos
	seen := false
	if _, ok := classOf(t, "NUMA"); ok {
		// "a year", "an hour", "un año"; "a hundred", "a couple".
		i++
		switch {
		case i < len(toks) && hasClass(&toks[i], "MULT"):
		case i < len(toks) && hasClass(&toks[i], "NUMW"):
			// "a two-year plan": the number starts after the article.
			return 0, 0, false
		default:
			return 1, i, true
		}
	}
	// last is the previous number word and lastMult the previous
	// multiplier, so that "twenty four" and "hundred thousand" join while
	// "one one" and "thousand thousand" do not.
	last, lastMult := -1, 0
	for i < len(toks) {
		tk := &toks[i]
		if e, ok := classOf(tk, "NUMW"); ok {
			if !joinsNumber(last, e.n) {
				break
			}
			cur += float64(e.n)
			seen, last, lastMult = true, e.n, 0
			i++
			continue
		}
		if e, ok := classOf(tk, "MULT"); ok {
			if lastMult >= e.n {
				break
			}
			if cur == 0 {
				cur = 1
			}
			cur *= float64(e.n)
			if e.n >= 1000 {
				total += cur
				cur = 0
			}
			seen, last, lastMult = true, -1, e.n
			i++
			continue
		}
		if seen && hasClass(tk, "NUMAND") && i+1 < len(toks) {
			if e, ok := classOf(&toks[i+1], "NUMW"); ok && joinsNumber(last, e.n) {
				i++
				continue
			}
		}
		break
	}
	if !seen {
		return 0, 0, false
	}
	return total + cur, i, true
}

// joinsNumber reports whether number word n can follow the number word
// last (-1 when none or after a multiplier): tens take units ("twenty
// four"), whole hundreds take less than a hundred ("doscientos diez").
func joinsNumber(last, n int) bool {
	switch {
	case last < 0:
		return true
	case last >= 20 && last < 100 && last%10 == 0:
		return n < 10
	case last >= 100 && last%100 == 0:
		return n < 100
	}
	return false
}

func classOf(t *tok, class string) (entry, bool) {
	for _, e := range t.classes {
		if e.class == class {
			return e, true
		}
	}
	return entry{}, false
}

func hasClass(t *tok, class string) bool {
	_, ok := classOf(t, class)
	return ok
}
