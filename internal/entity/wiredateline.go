package entity

import (
	"sort"
	"strings"

	"github.com/storyline/storyline/internal/model"
)

// wireDateMaxBytes bounds what may stand between a wire dateline's place
// and its source: a comma and a short date (", 4 de marzo", ", Jan. 3").
const wireDateMaxBytes = 24

// wireSourceMaxWords bounds the source's name in a dateline's parentheses.
const wireSourceMaxWords = 6

// wireDatelines types the names of the wire datelines that open lines:
// "LIMA, 4 de marzo (El Mirador) –", "KARVENIA CITY (Harbor Wire) -",
// "Ciudad de Tarquela, 3 ene (Prensa Sur).-". The place is a place and
// the words in the parentheses, the agency or paper, one organization,
// whatever the words would say alone.
func (r *recognizer) wireDatelines() {
	added := false
	for a := range r.units {
		if (a > 0 && !lineBreakBefore(r.units, a)) || !r.units[a].capital {
			continue
		}
		p, upper := a, true
		for p < len(r.units) && (p == a || !r.units[p].gap) && (r.units[p].capital || lex.connectors.Has(r.units[p].norm)) {
			upper = upper && (r.units[p].upper || !r.units[p].capital)
			p++
		}
		for p > a && !r.units[p-1].capital {
			p--
		}
		if p >= len(r.units) {
			continue
		}
		// A place in capitals may stand right before the source; one in
		// mixed case needs the date after it, or it could be a byline.
		open := strings.IndexByte(r.txt[r.units[p-1].end:r.units[p].start], '(')
		if open >= 0 && upper && strings.TrimSpace(r.txt[r.units[p-1].end:r.units[p-1].end+open]) == "" {
			open += r.units[p-1].end
		} else if open = r.dateBeforeSource(p); open < 0 {
			continue
		}
		s, e, ok := r.sourceInParens(open)
		if !ok {
			continue
		}
		r.replaceFound(r.units[a].start, r.units[e-1].end)
		canonical := ""
		if g := r.gaz[a]; g.n == p-a && g.entry.Type == model.LOC {
			canonical = g.entry.Canonical
		}
		r.emit(a, p, model.LOC, canonical, "", true)
		r.emit(s, e, model.ORG, "", "", true)
		added = true
	}
	if added {
		sort.SliceStable(r.found, func(i, j int) bool { return r.found[i].Start < r.found[j].Start })
	}
}

// dateBeforeSource returns the byte offset of the opening parenthesis of
// a source after the comma and short date that follow the place ending
// before unit p, or -1.
func (r *recognizer) dateBeforeSource(p int) int {
	from := r.units[p-1].end
	rest := r.txt[from:min(len(r.txt), from+wireDateMaxBytes+2)]
	if !strings.HasPrefix(rest, ",") {
		return -1
	}
	open := strings.IndexByte(rest, '(')
	if open < 0 || strings.ContainsAny(rest[:open], "\n;:!?()") {
		return -1
	}
	return from + open
}

// sourceInParens reads the parentheses opening at byte open: the units
// [s,e) of a name of capitalized words and connectors, and a closing
// parenthesis followed by a dash (maybe after a full stop, "(EFE).-").
func (r *recognizer) sourceInParens(open int) (s, e int, ok bool) {
	s = r.unitAt(open + 1)
	if s < 0 {
		return 0, 0, false
	}
	e = s
	for e < len(r.units) && e-s < wireSourceMaxWords && (e == s || !r.units[e].gap) &&
		(r.units[e].capital || lex.connectors.Has(r.units[e].norm)) {
		e++
	}
	if e == s || !r.units[e-1].capital {
		return 0, 0, false
	}
	after := strings.TrimLeft(r.txt[r.units[e-1].end:], " ")
	if !strings.HasPrefix(after, ")") {
		return 0, 0, false
	}
	after = strings.TrimLeft(strings.TrimPrefix(strings.TrimPrefix(after, ")"), "."), " ")
	if !strings.HasPrefix(after, "-") && !strings.HasPrefix(after, "–") && !strings.HasPrefix(after, "—") {
		return 0, 0, false
	}
	// An English article before the name is no part of it ("(The
	// Monitor)"); a Spanish one is (see nameArticle).
	for s < e-1 && lex.function.Has(r.units[s].norm) && !r.nameArticle(s) {
		s++
	}
	return s, e, true
}

// unitAt returns the index of the unit starting at byte pos, or -1.
func (r *recognizer) unitAt(pos int) int {
	i := sort.Search(len(r.units), func(i int) bool { return r.units[i].start >= pos })
	if i == len(r.units) || r.units[i].start != pos {
		return -1
	}
	return i
}

// replaceFound drops the candidates found so far that overlap [start,end).
func (r *recognizer) replaceFound(start, end int) {
	kept := r.found[:0]
	for _, c := range r.found {
		if c.End <= start || c.Start >= end {
			kept = append(kept, c)
		}
	}
	r.found = kept
}
