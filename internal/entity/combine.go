package entity

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/text"
)

// span is a typed byte range of the text found by the tagger, with the
// tagger's scores for beginning a name of each type at its first word.
type span struct {
	start, end int
	typ        string
	begin      map[string]float64
}

// taggerToken maps typographic quotes to the ASCII ones of the newswire
// the tagger learned from.
var taggerToken = strings.NewReplacer("“", `"`, "”", `"`, "«", `"`, "»", `"`, "‘", "'", "’", "'", "—", "--", "–", "-")

// taggerForm is a token as the tagger learned it.
func taggerForm(w string) string {
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			return taggerToken.Replace(w)
		}
	}
	return w // ASCII: nothing to replace
}

// tagSpans runs the sequence tagger over the sentences of txt.
func tagSpans(t *Tagger, txt string, toks []text.Token, sents []model.Sentence, lang string) []span {
	var words [][]string
	var offsets [][][2]int
	ti := 0
	for _, s := range sents {
		var ws []string
		var offs [][2]int
		for ; ti < len(toks) && toks[ti].Start < s.End; ti++ {
			tk := toks[ti]
			if tk.Start < s.Start {
				continue
			}
			// A broken possessive (`Lopez"s`) is the newswire's "'s".
			if tk.Text == `"` && ti > 0 && toks[ti-1].End == tk.Start && ti+1 < len(toks) &&
				toks[ti+1].Start == tk.End && (toks[ti+1].Text == "s" || toks[ti+1].Text == "S") {
				ws = append(ws, "'s")
				offs = append(offs, [2]int{tk.Start, toks[ti+1].End})
				ti++
				continue
			}
			w := tk.Text
			if p := stripPossessive(w); len(p) < len(w) && p != "" {
				// The newswire writes the possessive as a token of its
				// own: "Karvenia 's Ostrander" is two names.
				ws = append(ws, taggerForm(p), "'s")
				offs = append(offs, [2]int{tk.Start, tk.Start + len(p)}, [2]int{tk.Start + len(p), tk.End})
				continue
			}
			ws = append(ws, taggerForm(w))
			offs = append(offs, [2]int{tk.Start, tk.End})
		}
		if len(ws) > 0 {
			words = append(words, ws)
			offsets = append(offsets, offs)
		}
	}
	var out []span
	var scores [][][numTags]float64
	for si, tags := range t.tagDoc(words, lang, &scores) {
		for _, c := range Chunks(tags) {
			// The text of a name leaves out the quotation marks the
			// tagger counts in it (see takeQuotes).
			for c.Start < c.End && words[si][c.Start] == `"` {
				c.Start++
			}
			for c.End > c.Start && words[si][c.End-1] == `"` {
				c.End--
			}
			if c.Start == c.End {
				continue
			}
			begin := map[string]float64{}
			for k := 1; k < numTags; k += 2 {
				begin[tagType(k)] = scores[si][c.Start][k]
			}
			out = append(out, span{offsets[si][c.Start][0], offsets[si][c.End-1][1], c.Type, begin})
		}
	}
	return out
}

// confidentMargin is how far, in model weight units, the tagger must prefer
// its type over the rules' guess to replace it. Beam-trained models score
// on a somewhat wider scale than the greedy ones this was first set for.
const confidentMargin = 1700

// combine merges the tagger's spans into the rule-based candidates: a
// candidate typed by a default guess takes the type of the tagger span that
// covers it, or of the names the tagger splits it into ("Ana Ruiz of
// Peru"); one the tagger leaves out is dropped when nothing but its place
// at the start of a sentence capitalized it ("Satellite images showed"), and a
// tagger span no candidate overlaps becomes a mention when its words are
// capitalized where position does not explain it.
func (r *recognizer) combine(spans []span) {
	covered := make([]bool, len(spans))
	kept := make([]candidate, 0, len(r.found))
	for i := range r.found {
		c := &r.found[i]
		parts := r.taggerParts(c, spans)
		tagged := false
		for k, s := range spans {
			if s.end <= c.Start || s.start >= c.End {
				continue
			}
			covered[k], tagged = true, true
			if parts != nil {
				continue
			}
			// The type stays a guess, so that alias resolution may still
			// join the name to a person of the document.
			if !c.known && s.start <= c.Start && s.end >= c.End && s.begin[s.typ]-s.begin[c.Type] >= confidentMargin {
				c.Type, c.evidenced = s.typ, true
			}
		}
		switch {
		case parts != nil:
			kept = append(kept, parts...)
		case !tagged && r.capitalizedByPosition(c):
		default:
			kept = append(kept, *c)
		}
	}
	r.found = kept
	added := false
	for k, s := range spans {
		if covered[k] || r.inOffice(s.start, s.end) {
			continue
		}
		a, b := r.unitRange(s.start, s.end)
		if a >= b || !r.plainCapitals(a, b) {
			continue
		}
		if m, _ := r.titleTail(a, b); lex.titles.matchWords(r.norms(a, b)) == b-a || m == b-a {
			// A title alone ("Colonel" before a name the rules read
			// without it), or the end of one ("ministro de Defensa"),
			// names nobody.
			continue
		}
		r.emit(a, b, s.typ, "", "", true)
		added = true
	}
	if added {
		sort.SliceStable(r.found, func(i, j int) bool { return r.found[i].Start < r.found[j].Start })
	}
}

// inOffice reports whether the bytes [start, end) overlap a portfolio
// that names nothing.
func (r *recognizer) inOffice(start, end int) bool {
	for _, o := range r.offices {
		if start < o[1] && o[0] < end {
			return true
		}
	}
	return false
}

// taggerParts returns the mentions a candidate splits into when the tagger
// reads two or more names in it joined by words of affiliation
// (data/affiliations.txt), or nil: the rules' word tests ("Lucía" is a
// first name) do not see that "of the Red Cross" is another name. A
// gazetteer name is never split. The first part keeps the candidate's role.
func (r *recognizer) taggerParts(c *candidate, spans []span) []candidate {
	if c.Canonical != c.Text || !r.joinedByAffiliation(c) {
		return nil
	}
	var inside []span
	for _, s := range spans {
		if s.end <= c.Start || s.start >= c.End {
			continue
		}
		if s.start < c.Start || s.end > c.End {
			return nil
		}
		inside = append(inside, s)
	}
	if len(inside) == 1 && inside[0].start == c.Start && inside[0].end == c.End {
		return r.personOfPlace(c)
	}
	if len(inside) < 2 || inside[0].start != c.Start || inside[len(inside)-1].end != c.End {
		return nil
	}
	parts := make([]candidate, 0, len(inside))
	prev := -1
	for i, s := range inside {
		a, b := r.unitRange(s.start, s.end)
		if a >= b {
			return nil
		}
		for k := prev + 1; prev >= 0 && k < a; k++ {
			if !lex.affiliations.Has(r.units[k].norm) {
				return nil
			}
		}
		if prev >= 0 && a == prev+1 {
			if i == 1 {
				return nil // two names side by side are the rules' to read
			}
			// After the word of affiliation, names side by side are one
			// the tagger cut ("the Norwegian Refugee Council").
			// It takes the type of its longer part, the later on a tie.
			joined := &parts[len(parts)-1]
			if b-a >= len(joined.words) {
				joined.Type = s.typ
			}
			joined.End, joined.words = s.end, r.norms(r.unitRange(joined.Start, s.end))
			joined.Text = r.txt[joined.Start:s.end]
			joined.Canonical = joined.Text
			prev = b - 1
			continue
		}
		prev = b - 1
		name := r.txt[s.start:s.end]
		m := model.Mention{Start: s.start, End: s.end, Text: name, Type: s.typ, Canonical: name}
		if i == 0 && s.typ == model.PER {
			m.Role = c.Role
		}
		parts = append(parts, candidate{Mention: m, words: r.norms(a, b), evidenced: true})
	}
	return parts
}

// personOfPlace splits a guessed candidate the tagger reads as one name
// where two or more plain capitalized words, none a head word or a
// gazetteer name, stand before a word of affiliation: "Octavio Reyes of
// Tarquela" is a person and where the person belongs, as bodies name
// themselves after a head word ("Bank of Karvenia", "Supreme Court of
// Justice") and places are in the gazetteer. What follows is typed by its
// own words; a single unknown word is the person's place.
func (r *recognizer) personOfPlace(c *candidate) []candidate {
	a, b := r.unitRange(c.Start, c.End)
	k := a
	for k < b && !lex.affiliations.Has(r.units[k].norm) {
		u := r.units[k]
		if !u.capital || r.gaz[k].n > 0 || lex.heads.suffix[u.norm] != "" || lex.heads.head[u.norm] != "" {
			return nil
		}
		k++
	}
	rest := k + 1
	for rest < b && !r.units[rest].capital && lex.connectors.Has(r.units[rest].norm) {
		rest++ // "of the Civic Alliance"
	}
	if k-a < 2 || rest >= b || !r.units[rest].capital {
		return nil
	}
	person := candidate{Mention: model.Mention{Start: c.Start, End: r.units[k-1].end, Type: model.PER, Role: c.Role}, words: r.norms(a, k), evidenced: true}
	person.Text = r.txt[person.Start:person.End]
	person.Canonical = person.Text
	start := r.units[rest].start
	place := candidate{Mention: model.Mention{Start: start, End: c.End, Text: r.txt[start:c.End], Canonical: r.txt[start:c.End]}, words: r.norms(rest, b)}
	switch g := r.gaz[rest]; {
	case g.n == b-rest:
		place.Type, place.Canonical, place.known = g.entry.Type, g.entry.Canonical, true
	default:
		place.Type, place.known = r.typeOf(rest, b)
		if !place.known && b-rest == 1 {
			place.Type, place.evidenced = model.LOC, true
		}
	}
	return []candidate{person, place}
}

// joinedByAffiliation reports whether a word of affiliation stands inside
// candidate c: the cheap test before matching it against the tagger's spans.
func (r *recognizer) joinedByAffiliation(c *candidate) bool {
	a, b := r.unitRange(c.Start, c.End)
	for k := a + 1; k < b-1; k++ {
		if lex.affiliations.Has(r.units[k].norm) {
			return true
		}
	}
	return false
}

// capitalizedByPosition reports whether candidate c is one word of a
// guessed type that starts a sentence and that the document capitalizes
// nowhere else.
func (r *recognizer) capitalizedByPosition(c *candidate) bool {
	a, b := r.unitRange(c.Start, c.End)
	return b == a+1 && !c.known && r.units[a].initial && !r.units[a].handle && !r.evidenced(a)
}

// unitRange finds the units spanning exactly the bytes [start, end).
func (r *recognizer) unitRange(start, end int) (int, int) {
	a := sort.Search(len(r.units), func(i int) bool { return r.units[i].start >= start })
	b := a
	for b < len(r.units) && r.units[b].end <= end {
		b++
	}
	if a >= len(r.units) || r.units[a].start != start || b == a || r.units[b-1].end != end {
		return 0, 0
	}
	return a, b
}

// plainCapitals reports whether units [a,b) could form a name by the rules'
// own word tests, with capitals not explained by position alone.
func (r *recognizer) plainCapitals(a, b int) bool {
	for i := a; i < b; i++ {
		if !r.nameWord(i) && (i == a || i == b-1 || r.units[i].capital || !lex.connectors.Has(r.units[i].norm)) {
			return false
		}
	}
	return !r.units[a].initial || r.evidenced(a)
}
