package entity

import (
	"strings"

	"github.com/storyline/storyline/internal/model"
)

// resolve links the mentions of one document: a surname or a shorter form
// takes the fullest person name it abbreviates ("Lopez" → "Maria Lopez"),
// an acronym the name it spells, a handle the name it spells; guessed types
// follow the entity they join.
func resolve(ms []candidate) {
	// Persons with evidence (first name, title) anchor the shorter forms.
	for i := range ms {
		m := &ms[i]
		if m.words == nil || (m.known && m.Type != model.PER) {
			continue
		}
		best := -1
		for j := range ms {
			o := &ms[j]
			if o.Type != model.PER || !o.known || len(o.words) <= len(m.words) {
				continue
			}
			if shorterNameOf(m.words, o.words) && (best < 0 || len(o.words) > len(ms[best].words)) {
				best = j
			}
		}
		if best >= 0 {
			m.Type, m.Canonical, m.known = model.PER, ms[best].Canonical, true
		}
	}
	// Acronyms without a gazetteer entry: "Ejército de Liberación Nacional (ELN)".
	for i := range ms {
		m := &ms[i]
		if m.known || len(m.words) != 1 || !isAllUpper(m.Text) {
			continue
		}
		for j := range ms {
			if o := ms[j]; len(o.words) > 1 && isAcronymOf(m.words, o.words) {
				m.Type, m.Canonical, m.known = o.Type, o.Canonical, true
				break
			}
		}
	}
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
