package quote

import (
	"sort"
	"strings"
	"unicode"

	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/text"
)

// A speaker must be able to speak: a person, an organisation, or a group
// or office named around one. Entity taggers also hand over names of
// things ("Harbour Accord"), bare adjectives ("Democratic") and names cut at
// an abbreviation's dot ("S Embassy" from "U.S Embassy"); these rules keep
// them from standing as speakers.

// mentionCandidate turns a person or organisation mention into a speaker
// candidate: a group when a noun for speakers follows it ("Democratic
// leaders", "Ruiz administration") but no name does ("Senate leader
// Ana Ruiz"), nothing when it cannot speak.
func (x *extractor) mentionCandidate(m *model.Mention) (candidate, bool) {
	if !x.nameOfSpeaker(m) {
		return candidate{}, false
	}
	if t := x.tokenAt(m.End + 1); t >= 0 && x.txt[m.End] == ' ' && x.speakerNoun(t) && !x.mentionNear(x.toks[t].End) {
		return candidate{start: m.Start, end: x.toks[t].End, typ: m.Type, group: x.txt[m.Start:x.toks[t].End]}, true
	}
	if !x.speakerAlone(m) {
		return candidate{}, false
	}
	return candidate{start: x.initialsBefore(m.Start), end: m.End, typ: m.Type, mention: m}, true
}

// nameOfSpeaker reports whether mention m may name a speaker, alone or
// before a noun: not a thing ("Harbour Accord") nor a pronoun the tagger took
// for a name ("I’d" opening a sentence).
func (x *extractor) nameOfSpeaker(m *model.Mention) bool {
	words := strings.Fields(strings.ToLower(m.Text))
	if len(words) == 0 || x.lx.silent.Has(words[0]) || x.lx.silent.Has(words[len(words)-1]) {
		return false
	}
	first, _, _ := strings.Cut(strings.ReplaceAll(words[0], "’", "'"), "'")
	return !x.lx.notNames.Has(first)
}

// speakerAlone reports whether mention m names a speaker by itself: a
// name, not a bare adjective ("Democratic").
func (x *extractor) speakerAlone(m *model.Mention) bool {
	return x.nameOfSpeaker(m) && !x.lx.modifiers.Has(strings.ToLower(m.Text))
}

// speakerNoun reports whether token t is a lower-case noun that names
// speakers, in the singular or plural ("leader", "officials").
func (x *extractor) speakerNoun(t int) bool {
	w := x.toks[t].Text
	if x.toks[t].Kind != text.Word || !unicode.IsLower([]rune(w)[0]) {
		return false
	}
	_, ok := x.lx.describe[w]
	if !ok {
		_, ok = x.lx.describe[strings.TrimSuffix(w, "s")]
	}
	return ok
}

// tokenAt is the index of the token starting at offset i, or -1.
func (x *extractor) tokenAt(i int) int {
	t, _ := x.tokenRange(i, i)
	if t < len(x.toks) && x.toks[t].Start == i {
		return t
	}
	return -1
}

// initialsBefore extends a name starting at i back over capital initials
// glued to it ("U." before "S Embassy").
func (x *extractor) initialsBefore(i int) int {
	j := i
	for j >= 2 && x.txt[j-1] == '.' && isUpperASCII(x.txt[j-2]) && (j == 2 || !isLetterASCII(x.txt[j-3])) {
		j -= 2
	}
	return j
}

// mentionName is the canonical name of mention m, with the initials the tagger
// cut from it restored and each initial closed by its dot ("U.S. Embassy").
func (x *extractor) mentionName(m *model.Mention) string {
	j := x.initialsBefore(m.Start)
	if j == m.Start {
		return m.Canonical
	}
	full := x.txt[j:m.Start] + m.Canonical
	if len(m.Canonical) > 1 && isUpperASCII(m.Canonical[0]) && m.Canonical[1] == ' ' {
		full = x.txt[j:m.Start] + m.Canonical[:1] + "." + m.Canonical[1:]
	}
	return full
}

func isUpperASCII(c byte) bool  { return c >= 'A' && c <= 'Z' }
func isLetterASCII(c byte) bool { return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' }

// ownedGroup reads an organisation noun at token u that a person owns
// ("el gobierno de Lopez"): the group the noun and the name make.
func (x *extractor) ownedGroup(u, tj int, typ string) (candidate, bool) {
	if typ != model.ORG || u+2 >= tj || !x.lx.ofs.Has(x.lower(u+1)) {
		return candidate{}, false
	}
	k := x.mentionStarting(x.toks[u+2].Start)
	if k < 0 || x.mentions[k].Type != model.PER {
		return candidate{}, false
	}
	m := x.mentions[k]
	return candidate{start: x.toks[u].Start, end: m.End, typ: typ, group: x.txt[x.toks[u].Start:m.End]}, true
}

// mentionStarting is the index of the mention starting at offset i, or -1.
func (x *extractor) mentionStarting(i int) int {
	k := sort.Search(len(x.mentions), func(k int) bool { return x.mentions[k].Start >= i })
	if k < len(x.mentions) && x.mentions[k].Start == i {
		return k
	}
	return -1
}

// pronounReach is how far back a pronoun at i looks for its referent: to
// the start of the paragraph before its own. A name further back belongs
// to another part of the story ("They argue" after the critics, not the
// paper quoted three paragraphs earlier).
func (x *extractor) pronounReach(i int) int {
	j := strings.LastIndexByte(x.txt[:i], '\n')
	for j > 0 && (x.txt[j-1] == '\n' || x.txt[j-1] == '\r') {
		j--
	}
	if j <= 0 {
		return 0
	}
	return strings.LastIndexByte(x.txt[:j], '\n') + 1
}

// possessorBefore reports whether mention m owns a noun ("Ortega’s
// arrest") in the sentence of a subject pronoun at i: an owner in the
// same sentence is less likely the subject than a referent before it
// ("After Ortega’s arrest, he said" after a paragraph on
// Ruiz), so it serves only when no other referent is in reach.
func (x *extractor) possessorBefore(m *model.Mention, i int) bool {
	if m.Start < x.sentenceStart(i) {
		return false
	}
	return text.OwnerAt(x.txt, m.End)
}

// silentPhrase reports whether tokens [i,j) name a thing that cannot
// speak: their last word is a silent one ("the peace pact"), or, past its
// determiners, their first capitalized word is ("el Pacto de Paz").
func (x *extractor) silentPhrase(i, j int) bool {
	if x.lx.silent.Has(x.lower(j - 1)) {
		return true
	}
	for t := i; t < j; t++ {
		if !x.lx.phraseOpeners.Has(x.lower(t)) {
			return unicode.IsUpper([]rune(x.toks[t].Text)[0]) && x.lx.silent.Has(x.lower(t))
		}
	}
	return false
}
