package quote

import (
	"embed"
	"strings"

	"github.com/storyline/storyline/internal/text"
)

//go:embed data/*.txt
var dataFS embed.FS

// lexicon holds one language's attribution words, read from data/<lang>.txt.
type lexicon struct {
	verbs       text.Set
	sources     [][]string        // phrases before a speaker: "according to"
	pronouns    map[string]string // pronoun → entity type it stands for
	describe    map[string]string // noun → entity type it describes
	determiners text.Set
	// abbreviations are words whose dot does not end a sentence ("Mr.").
	abbreviations text.Set
	// phraseOpeners may open an unnamed speaker phrase after a verb
	// ("said one owner"); nonSpeakers never do ("said Monday").
	phraseOpeners, nonSpeakers text.Set
	// gerundEndings mark verb forms whose subject opens the sentence.
	gerundEndings []string
	// gerundForms maps a gerund ending to the endings of listed verb forms
	// of the same stem ("asserting" is a verb because "asserted" is).
	gerundForms map[string][]string
	// breakers open a new clause after a quotation ("…,” when Lopez
	// asked): a reporting verb beyond them has another quotation.
	breakers text.Set
	// possessives are pronouns that name a speaker only right before the
	// verb ("her statement said"), not as an object's owner far from it.
	possessives text.Set
	// conjunctions right after a quotation join a second predicate to the
	// subject before it ("She declared “…” and said").
	conjunctions text.Set
	// auxiliaries may stand between an insertion and its verb ("had said").
	auxiliaries text.Set
	// passives before a reporting verb make it passive ("are revealed as").
	passives text.Set
	// silent words open or close names that cannot speak ("Harbour Accord");
	// modifiers are adjectives that name no speaker alone ("Democratic");
	// ofs join an organisation noun to its owner ("gobierno de Lopez").
	silent, modifiers, ofs text.Set
	// notNames never open a name, though a tagger may take them for one.
	notNames text.Set
	// media are words after which a name is the channel a statement went
	// out on, not its speaker ("her post on Telegram reads").
	media text.Set
	// addressees are prepositions of the one spoken to: a name after one
	// following the verb is not the speaker ("dijo a Efe Ana Ruiz").
	addressees text.Set
	// adverbs open a clause ("También afirma que"), never a speaker phrase.
	adverbs text.Set
	// nullSubject: the language's verbs carry their subject, so a
	// reporting verb opening its clause speaks for the last person named.
	nullSubject bool
	// complementizers open the clause a verb introduces ("que", "that").
	complementizers text.Set
	// negations before a verb belong to it, not to its subject.
	negations text.Set
	// prepositions govern names that are not the subject before a verb.
	prepositions text.Set
	// relatives open a relative clause whose subject is the name before.
	relatives text.Set
	// naming verbs put a term in quotation marks ("call them “…”").
	naming text.Set
	// honorifics precede a name and may give its gender ("Mr.", "Sra.");
	// pronounGender gives the gender a pronoun refers to ("she" → f).
	honorifics, pronounGender map[string]string
}

// reportingVerb reports whether w is a listed reporting verb or the
// gerund of one.
func (l *lexicon) reportingVerb(w string) bool {
	if l.verbs.Has(w) {
		return true
	}
	for end, forms := range l.gerundForms {
		if stem, ok := strings.CutSuffix(w, end); ok && stem != "" {
			for _, f := range forms {
				if l.verbs.Has(stem + f) {
					return true
				}
			}
		}
	}
	return false
}

func (l *lexicon) gerund(w string) bool {
	for _, e := range l.gerundEndings {
		if strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}

var lexicons = map[string]*lexicon{"en": loadLexicon("en"), "es": loadLexicon("es")}

// firstNameGender maps a lower-case first name to its usual gender ("m" or
// "f"), read from data/names.txt; it serves every language.
var firstNameGender = loadNames()

func loadNames() map[string]string {
	b, err := dataFS.ReadFile("data/names.txt")
	if err != nil {
		panic("quote: missing embedded data file names.txt")
	}
	out := map[string]string{}
	for _, line := range text.ReadLines(b) {
		f := strings.Fields(strings.ToLower(line))
		for _, w := range f[1:] {
			out[w] = f[0]
		}
	}
	return out
}

func loadLexicon(lang string) *lexicon {
	b, err := dataFS.ReadFile("data/" + lang + ".txt")
	if err != nil {
		panic("quote: missing embedded data file for " + lang)
	}
	l := &lexicon{pronouns: map[string]string{}, describe: map[string]string{}, gerundForms: map[string][]string{}, honorifics: map[string]string{}, pronounGender: map[string]string{}}
	// Word-list kinds: each line adds its words to the kind's set.
	sets := map[string]*text.Set{
		"verb": &l.verbs, "determiner": &l.determiners, "opener": &l.phraseOpeners, "nonspeaker": &l.nonSpeakers,
		"breaker": &l.breakers, "conjunction": &l.conjunctions, "auxiliary": &l.auxiliaries, "notname": &l.notNames,
		"medium": &l.media, "addressee": &l.addressees, "preposition": &l.prepositions, "relative": &l.relatives, "adverb": &l.adverbs,
		"negation": &l.negations, "complementizer": &l.complementizers, "naming": &l.naming, "silent": &l.silent,
		"modifier": &l.modifiers, "of": &l.ofs, "passive": &l.passives, "possessive": &l.possessives, "abbreviation": &l.abbreviations,
	}
	for _, set := range sets {
		*set = text.Set{}
	}
	for _, line := range text.ReadLines(b) {
		f := strings.Fields(strings.ToLower(line))
		if set, ok := sets[f[0]]; ok {
			for _, w := range f[1:] {
				(*set)[w] = struct{}{}
			}
			continue
		}
		switch {
		case f[0] == "source" && len(f) > 1:
			l.sources = append(l.sources, f[1:])
		case f[0] == "pronoun" && len(f) > 1:
			for _, w := range f[2:] {
				l.pronouns[w] = strings.ToUpper(f[1])
			}
		case f[0] == "describe" && len(f) > 1:
			for _, w := range f[2:] {
				l.describe[w] = strings.ToUpper(f[1])
			}
		case f[0] == "gerundof" && len(f) > 2:
			l.gerundForms[f[1]] = f[2:]
		case f[0] == "nullsubject":
			l.nullSubject = true
		case f[0] == "gerund":
			l.gerundEndings = append(l.gerundEndings, f[1:]...)
		case f[0] == "honorific" && len(f) > 1:
			for _, w := range f[2:] {
				l.honorifics[w] = strings.Trim(f[1], "-")
			}
		case f[0] == "gender" && len(f) > 1:
			for _, w := range f[2:] {
				l.pronounGender[w] = f[1]
			}
		}
	}
	return l
}
