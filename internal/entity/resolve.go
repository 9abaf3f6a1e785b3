package entity

import (
	"slices"
	"strings"

	"github.com/storyline/storyline/internal/text"

	"github.com/storyline/storyline/internal/model"
)

// resolve links the mentions of one document: a surname or a shorter form
// takes the fullest person name it abbreviates ("Lopez" → "Maria Lopez"),
// an acronym the name it spells, a handle the name it spells; guessed types
// follow the entity they join, and the document's other mentions of the
// same name (agreeTypes).
func resolve(ms []candidate, lower map[string]bool, lang string) {
	common := lex.common[lang]
	// Persons with evidence (first name, title) anchor the shorter forms,
	// and a person's full name the shorter forms read as persons.
	for i := range ms {
		m := &ms[i]
		if m.words == nil || (m.known && m.Type != model.PER) {
			continue
		}
		best, guessed, ambiguous := -1, -1, false
		for j := range ms {
			o := &ms[j]
			if o.Type != model.PER || len(o.words) <= len(m.words) || !shorterNameOf(m.words, o.words) {
				continue
			}
			switch {
			case o.known:
				if best < 0 || len(o.words) > len(ms[best].words) {
					best = j
				}
			case m.Type == model.PER && guessable(o.words, m.words, common):
				// Two names the tagger read as persons' join too ("Lena
				// Marsh, a nurse, … Marsh said"), when no name with
				// evidence does, only one full name fits, and it
				// introduces the short form: a "Quist" named before
				// "Dora Quist" is not her, and neither "Year Lena Marsh"
				// nor a headline's "Ruiz Refuses" is a name.
				if guessed >= 0 && ms[guessed].Canonical != o.Canonical {
					ambiguous = true
				}
				if guessed < 0 || o.Start < ms[guessed].Start {
					guessed = j
				}
			}
		}
		if best < 0 && !ambiguous && guessed >= 0 && ms[guessed].Start < firstStart(ms, m.words) {
			best = guessed
		}
		if best >= 0 {
			m.Type, m.Canonical, m.known = model.PER, ms[best].Canonical, true
		}
	}
	// Acronyms without a gazetteer entry: "Frente Popular de Tarquela (FPT)".
	var initials []string // of the names of two or more words, spelled once
	for i := range ms {
		m := &ms[i]
		if m.known || len(m.words) != 1 || !isAllUpper(m.Text) || !acronymLength(m.words[0]) {
			continue
		}
		if initials == nil {
			initials = make([]string, len(ms))
			for j, o := range ms {
				if len(o.words) > 1 {
					initials[j] = initialsOf(o.words)
				}
			}
		}
		for j, o := range ms {
			if initials[j] == m.words[0] {
				m.Type, m.Canonical, m.known = o.Type, o.Canonical, true
				break
			}
		}
	}
	// A name written in capitals (a dateline's "VARNHOLT") is the one the
	// document writes in mixed case.
	for i := range ms {
		m := &ms[i]
		if m.words == nil || !isAllUpper(m.Text) {
			continue
		}
		for _, o := range ms {
			if o.words != nil && !isAllUpper(o.Text) && slices.Equal(o.words, m.words) {
				m.Canonical = o.Canonical
				if !m.known {
					m.Type = o.Type
				}
				break
			}
		}
	}
	agreeTypes(ms)
	demonyms(ms, lower, lang)
	// Handles: "@marialopez" spells "Maria Lopez".
	for i := range ms {
		m := &ms[i]
		if m.words != nil {
			continue
		}
		m.Canonical = m.Text
		handle := normWord(strings.TrimPrefix(m.Text, "@"))
		for j := range ms {
			o := ms[j]
			if o.words == nil || len(o.words) < 2 || (o.Type != model.PER && o.Type != model.ORG) {
				continue
			}
			if handleMatches(handle, keyWords(o.Canonical)) {
				m.Type, m.Canonical = o.Type, o.Canonical
				break
			}
		}
	}
}

// agreeTypes gives the mentions of a name whose type is a guess the type
// the document's other mentions of that name support: the type of its
// mentions typed by evidence (a gazetteer entry, a head word, a first
// name), else the type most of its guessed mentions with some support
// have ("in Karvenia" makes a place of every "Karvenia" of the report).
func agreeTypes(ms []candidate) {
	keys := make([]string, len(ms))
	votes := map[typeVote]int{}
	for i, m := range ms {
		if m.words == nil {
			continue
		}
		keys[i] = strings.Join(m.words, " ")
		if m.known || m.evidenced {
			votes[typeVote{keys[i], m.Type, m.known}]++
		}
	}
	if len(votes) == 0 {
		return
	}
	for i := range ms {
		m := &ms[i]
		if m.known || m.words == nil {
			continue
		}
		typ, voted := mostVoted(votes, keys[i], true)
		if !voted {
			typ, _ = mostVoted(votes, keys[i], false)
		}
		if typ != "" {
			m.Type = typ
		}
	}
}

// typeVote is a mention's say on its name's type, by evidence (known) or
// by a supported guess.
type typeVote struct {
	name, typ string
	known     bool
}

var entityTypes = [...]string{model.PER, model.ORG, model.LOC, model.MISC}

// mostVoted is the type with the most votes of the kind for the name, ""
// on a tie at the top; voted tells whether the name has any such vote.
func mostVoted(votes map[typeVote]int, name string, known bool) (typ string, voted bool) {
	best, tied := 0, false
	for _, t := range entityTypes {
		n := votes[typeVote{name, t, known}]
		switch {
		case n == 0:
		case n > best:
			best, typ, tied = n, t, false
		case n == best:
			tied = true
		}
	}
	if tied {
		return "", true
	}
	return typ, best > 0
}

// demonyms types as MISC a one-word name of guessed type that is another
// one-word name of the document with a demonym ending ("Karvenian" beside
// "Karvenia"), and makes a place of that name if its type was a guess too,
// as a lower-case word of the document with such an ending does (Spanish
// writes "las fuerzas karvenianas"). lower holds the document's lower-case
// words, normalized as names' words are.
func demonyms(ms []candidate, lower map[string]bool, lang string) {
	endings := lex.demonymEndings[lang]
	// places are the one-word names that may be places: typed so, or of
	// guessed type.
	places := map[string]bool{}
	for _, m := range ms {
		if len(m.words) == 1 && len(m.words[0]) >= 4 && (m.Type == model.LOC || !m.known) {
			places[m.words[0]] = true
		}
	}
	if len(places) == 0 || len(endings) == 0 {
		return
	}
	// A demonym is a place, or a place without its last vowels, with an
	// ending: look its possible bases up rather than trying every place.
	stems := map[string]string{}
	for p := range places {
		if stem := strings.TrimRight(p, "aeiou"); stem != p {
			stems[stem] = p
			// "Karvenia" → "karveniano": only the last vowel goes.
			stems[p[:len(p)-1]] = p
		}
	}
	// placeOf returns the place w is a demonym of, or "".
	placeOf := func(w string) string {
		for _, e := range endings {
			base, ok := strings.CutSuffix(w, e)
			if !ok {
				continue
			}
			p := base
			if !places[p] {
				p = stems[base]
			}
			if p != "" && p != w {
				return p
			}
		}
		return ""
	}
	found := map[string]bool{}
	for i := range ms {
		m := &ms[i]
		if m.known || len(m.words) != 1 {
			continue
		}
		if p := placeOf(m.words[0]); p != "" {
			m.Type, m.known = model.MISC, true
			found[p] = true
		}
	}
	if slices.Contains(lex.demonymEndings["lowercase"], lang) {
		for w := range lower {
			if p := placeOf(w); p != "" {
				found[p] = true
			}
		}
	}
	for i := range ms {
		if m := &ms[i]; !m.known && len(m.words) == 1 && found[m.words[0]] {
			m.Type = model.LOC
		}
	}
}

// firstStart returns where the first mention of the name of words starts.
func firstStart(ms []candidate, words []string) int {
	first := -1
	for _, m := range ms {
		if equalWords(m.words, words) && (first < 0 || m.Start < first) {
			first = m.Start
		}
	}
	return first
}

// guessable reports whether long, a person's name known only from the
// tagger, may stand for short: it ends in short, and the words before are
// no common words.
func guessable(long, short []string, common text.Set) bool {
	head := len(long) - len(short)
	if !equalWords(short, long[head:]) {
		return false
	}
	for _, w := range long[:head] {
		if common.Has(w) {
			return false
		}
	}
	return true
}
