package timex

import (
	"fmt"
	"strings"
)

// A rule file line is "TYPE NORMALIZER PATTERN...". A pattern is a sequence
// of elements separated by spaces:
//
//	word         a literal token (compared lower-cased)
//	CLASS        a token of a lexicon class (MONTH) or number shape (YEAR)
//	a|b|CLASS    any one of several atoms
//	elem?        an optional element
//	( x y | z )  a group of alternative sequences; ")?" makes it optional
//	@name        a macro defined on a line "@name = PATTERN"
//	<            the span starts here: what comes before must match but
//	             stays outside ("for < UNIT" gives "years" in "for years")
//	>            the span ends here: what follows must match but stays
//	             outside, and is read again ("the year > ended")
//
// Macros may hold top-level "|" alternatives.

type node struct {
	lits     []string
	classes  []string
	alts     [][]*node // non-nil for a group
	optional bool
	mark     byte // '<' or '>' for a span boundary, else 0
}

type rule struct {
	typ       string
	normalize string // a normalizer name, or "=VALUE" for a fixed value
	pattern   []*node
	line      int
	// next, when set, lists what the token after the first can be, so that
	// most attempts fail before the matcher runs.
	next *nextKeys
}

// nextKeys are the literals and classes a token must show to continue a
// match.
type nextKeys struct {
	words, classes map[string]bool
}

// followers computes a rule's nextKeys: known only when its first element
// is one plain token (not a number, which may span several) and the rest
// cannot match nothing.
func followers(pattern []*node) *nextKeys {
	if len(pattern) < 2 {
		return nil
	}
	first := pattern[0]
	if first.mark != 0 || first.alts != nil || first.optional {
		return nil
	}
	for _, c := range first.classes {
		if c == "NUM" {
			return nil
		}
	}
	keys := map[string]bool{}
	if firstKeys(pattern[1:], keys) {
		return nil
	}
	nk := &nextKeys{words: map[string]bool{}, classes: map[string]bool{}}
	for k := range keys {
		if c, ok := strings.CutPrefix(k, "\x00"); ok {
			nk.classes[c] = true
		} else {
			nk.words[k] = true
		}
	}
	return nk
}

// admits reports whether t can start what follows a rule's first token.
func (nk *nextKeys) admits(t *tok) bool {
	if nk.words[t.low] {
		return true
	}
	for _, e := range t.classes {
		if nk.classes[e.class] {
			return true
		}
		if nk.classes["NUM"] && numberStart[e.class] {
			return true
		}
	}
	return false
}

// numberStart holds the classes a number can begin with.
var numberStart = map[string]bool{"INT": true, "NUMW": true, "MULT": true, "NUMA": true}

type ruleParser struct {
	macros  map[string][][]*node
	classes map[string]bool
	file    string
	line    int
}

func (p *ruleParser) errorf(format string, args ...any) error {
	return fmt.Errorf("%s:%d: %s", p.file, p.line, fmt.Sprintf(format, args...))
}

// parseAlternatives reads sequences separated by "|" up to a closing ")"
// or the end of fields, returning the index after what it read.
func (p *ruleParser) parseAlternatives(fields []string, i int) ([][]*node, int, error) {
	var alts [][]*node
	var cur []*node
	for i < len(fields) {
		f := fields[i]
		switch {
		case f == "|":
			alts = append(alts, cur)
			cur = nil
			i++
			continue
		case f == ")" || f == ")?":
			return append(alts, cur), i, nil
		case f == "<" || f == ">":
			cur = append(cur, &node{mark: f[0]})
		case f == "(":
			sub, j, err := p.parseAlternatives(fields, i+1)
			if err != nil {
				return nil, 0, err
			}
			if j >= len(fields) {
				return nil, 0, p.errorf("unclosed group")
			}
			cur = append(cur, &node{alts: sub, optional: fields[j] == ")?"})
			i = j + 1
			continue
		case strings.HasPrefix(f, "@") && len(f) > 1:
			name := strings.TrimSuffix(f[1:], "?")
			m, ok := p.macros[name]
			if !ok {
				return nil, 0, p.errorf("unknown macro %q", name)
			}
			cur = append(cur, &node{alts: m, optional: strings.HasSuffix(f, "?")})
		default:
			n, err := p.parseAtom(f)
			if err != nil {
				return nil, 0, err
			}
			cur = append(cur, n)
		}
		i++
	}
	return append(alts, cur), i, nil
}

func (p *ruleParser) parseAtom(f string) (*node, error) {
	n := &node{}
	if len(f) > 1 && strings.HasSuffix(f, "?") {
		n.optional = true
		f = f[:len(f)-1]
	}
	for _, a := range strings.Split(f, "|") {
		if a == "" {
			return nil, p.errorf("empty alternative in %q", f)
		}
		if isClassName(a) {
			if !p.classes[a] {
				return nil, p.errorf("unknown class %q", a)
			}
			n.classes = append(n.classes, a)
			continue
		}
		n.lits = append(n.lits, strings.ToLower(a))
	}
	return n, nil
}

func isClassName(s string) bool {
	if len(s) < 2 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if (s[i] < 'A' || s[i] > 'Z') && s[i] != '_' {
			return false
		}
	}
	return true
}

// firstKeys lists the literals and classes a match of seq can start with.
func firstKeys(seq []*node, keys map[string]bool) (nullable bool) {
	for _, n := range seq {
		var canBeEmpty bool
		if n.mark != 0 {
			continue
		}
		if n.alts != nil {
			for _, a := range n.alts {
				if firstKeys(a, keys) {
					canBeEmpty = true
				}
			}
		} else {
			for _, l := range n.lits {
				keys[l] = true
			}
			for _, c := range n.classes {
				keys["\x00"+c] = true
			}
		}
		if !n.optional && !canBeEmpty {
			return false
		}
	}
	return true
}

// cont is the rest of a pattern still to match after a group's branch: the
// matcher's explicit continuation stack.
type cont struct {
	seq  []*node
	k    int
	next *cont
}

type matcher struct {
	toks  []tok
	lang  *language
	best  int
	bestS slots
	// conts holds the continuations of the current match attempt, so that
	// they are not allocated one by one; reset starts a new attempt.
	conts []cont
}

// reset forgets the continuations of the previous match attempt, which
// nothing refers to any longer.
func (m *matcher) reset() { m.conts = m.conts[:0] }

// newCont returns a continuation stored in the current block. A full
// block is left to the continuations pointing into it and a new one
// begun.
func (m *matcher) newCont(seq []*node, k int, next *cont) *cont {
	if len(m.conts) == cap(m.conts) {
		m.conts = make([]cont, 0, max(64, 2*cap(m.conts)))
	}
	m.conts = append(m.conts, cont{seq: seq, k: k, next: next})
	return &m.conts[len(m.conts)-1]
}

// run matches the continuation at token pos, recording the longest end.
func (m *matcher) run(c *cont, pos int, sl slots) {
	for c != nil && c.k >= len(c.seq) {
		c = c.next
	}
	if c == nil {
		if pos > m.best {
			m.best, m.bestS = pos, sl
		}
		return
	}
	n := c.seq[c.k]
	rest := m.newCont(c.seq, c.k+1, c.next)
	if n.mark != 0 {
		// Stored one past the position, so that zero means unmarked.
		if n.mark == '<' {
			sl.spanFrom = pos + 1
		} else {
			sl.spanTo = pos + 1
		}
		m.run(rest, pos, sl)
		return
	}
	if n.optional {
		m.run(rest, pos, sl)
	}
	if n.alts != nil {
		for _, a := range n.alts {
			m.run(m.newCont(a, 0, rest), pos, sl)
		}
		return
	}
	if pos >= len(m.toks) {
		return
	}
	t := &m.toks[pos]
	for _, l := range n.lits {
		if t.low == l {
			m.run(rest, pos+1, sl)
			break
		}
	}
	for _, cl := range n.classes {
		if cl == "NUM" {
			if v, end, ok := m.lang.number(m.toks, pos); ok {
				s2 := sl
				s2.num, s2.hasNum = v, true
				m.run(rest, end, s2)
			}
			continue
		}
		for _, e := range t.classes {
			if e.class == cl {
				s2 := sl
				s2.set(e)
				m.run(rest, pos+1, s2)
				break
			}
		}
	}
}
