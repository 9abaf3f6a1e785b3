package quote

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/storyline/storyline/internal/sharedtest"

	"github.com/storyline/storyline/internal/entity"
	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/text"
)

// sharedPath locates a file of the shared evaluation folder, skipping the
// test when it is absent (and failing on CI, where it must be present).
func sharedPath(t testing.TB, parts ...string) string {
	t.Helper()
	return sharedtest.Path(t, parts...)
}

func extractText(s, lang string) []model.Quote {
	sents := text.Sentences(s, lang)
	return Extract(s, sents, entity.Recognize(s, sents, lang), lang)
}

func TestExtractExamples(t *testing.T) {
	type want struct{ text, speaker, speakerText string }
	tests := []struct {
		name, in, lang string
		want           []want
	}{
		{"name after", "Colombian President Gustavo Petro spoke. “We cannot lower our guard,” Petro said.", "en",
			[]want{{"We cannot lower our guard", "Gustavo Petro", "Petro"}}},
		{"verb first", "“Stop the slander against me, now,” stated Donald Trump hours later.", "en",
			[]want{{"Stop the slander against me, now", "Donald Trump", "Donald Trump"}}},
		{"pronoun", "Marco Rubio met reporters. “Friends do not bomb each other,” he said.", "en",
			[]want{{"Friends do not bomb each other", "Marco Rubio", "he"}}},
		{"before with colon", "Asked again, Donald Trump replied: “Sounds good to me.”", "en",
			[]want{{"Sounds good to me.", "Donald Trump", "Donald Trump"}}},
		{"straight quotes and broken possessive", `President Gustavo Petro"s message stated, "At this moment, they are bombing the city."`, "en",
			[]want{{"At this moment, they are bombing the city.", "Gustavo Petro", "Gustavo Petro"}}},
		{"post reads", "Gustavo Petro wrote on X.\n\n“Warn the world: the country has been attacked!” his post on X reads.", "en",
			[]want{{"Warn the world: the country has been attacked!", "Gustavo Petro", "his"}}},
		{"post on a platform the tagger names", "Ana Ruiz wrote on Telegram.\n\n“We will hold the line!” her post on Telegram reads.", "en",
			[]want{{"We will hold the line!", "Ana Ruiz", "her"}}},
		{"spanish post on a platform", "Ana Ruiz escribió en Telegram.\n\n«Resistiremos hasta el final», dice su mensaje en Telegram.", "es",
			[]want{{"Resistiremos hasta el final", "Ana Ruiz", "su"}}},
		{"scare quote skipped", "Demonstrators waved placards reading “Out Trump” in the square.", "en", nil},
		{"continuation in paragraph", "“I trust my people,” Gustavo Petro wrote. “The history of Colombia is with us.”", "en",
			[]want{{"I trust my people", "Gustavo Petro", "Gustavo Petro"}, {"The history of Colombia is with us.", "Gustavo Petro", "Gustavo Petro"}}},
		{"multi-paragraph", "Álvaro Uribe said: “The first part of it.\n\n“The second part, too.”", "en",
			[]want{{"The first part of it.\n\n“The second part, too.", "Álvaro Uribe", "Álvaro Uribe"}}},
		{"spanish guillemets", "«No vamos a bajar la guardia», dijo el presidente Gustavo Petro.", "es",
			[]want{{"No vamos a bajar la guardia", "Gustavo Petro", "Gustavo Petro"}}},
		{"spanish dash", "—No somos enemigos de nadie —dijo Gustavo Petro en Bogotá.", "es",
			[]want{{"No somos enemigos de nadie", "Gustavo Petro", "Gustavo Petro"}}},
		{"according to", "According to Gustavo Petro, “the border will stay open for everyone.”", "en",
			[]want{{"the border will stay open for everyone.", "Gustavo Petro", "Gustavo Petro"}}},
		{"title abbreviation before the name", "“We are not done,” Mr. Miranda said.", "en",
			[]want{{"We are not done", "Miranda", "Miranda"}}},
		{"doubled apostrophes", "''It is tight,'' said Bo Lee, a pollster.", "en",
			[]want{{"It is tight", "Bo Lee", "Bo Lee"}}},
		{"unnamed phrase before the verb", "“The state must act now,” the editorial board writes.", "en",
			[]want{{"The state must act now", "the editorial board", "the editorial board"}}},
		{"unnamed phrase after the verb", "“We basically got nothing,” said one owner of a small shop, who declined to be named.", "en",
			[]want{{"We basically got nothing", "one owner of a small shop", "one owner of a small shop"}}},
		{"colon closing the paragraph before", "Angela Ward stated:\n\n“The law is clear on this point.”", "en",
			[]want{{"The law is clear on this point.", "Angela Ward", "Angela Ward"}}},
		{"gerund takes the sentence subject", "Maria Lopez took to Twitter, writing: “The count is not over.”", "en",
			[]want{{"The count is not over.", "Maria Lopez", "Maria Lopez"}}},
		{"unnamed official before the verb", "“It is not a combat mission,” one senior official said, citing the Pentagon.", "en",
			[]want{{"It is not a combat mission", "one senior official", "one senior official"}}},
		{"next paragraph continues the speaker", "“We will win,” Ana Ruiz said.\n\n“The voters are with us.”", "en",
			[]want{{"We will win", "Ana Ruiz", "Ana Ruiz"}, {"The voters are with us.", "Ana Ruiz", "Ana Ruiz"}}},
		{"opening mark typed for the closing one", "Ben Carson was asked again. “Apparently not,“ he said.", "en",
			[]want{{"Apparently not", "Ben Carson", "he"}}},
		{"credit line after a dash", "“We deserve better than this.” ― Ana Ruiz\n“Vote.”\u00a0― Bo Lee", "en",
			[]want{{"We deserve better than this.", "Ana Ruiz", "Ana Ruiz"}, {"Vote.", "Bo Lee", "Bo Lee"}}},
		{"clause after the quote has its own verb", "Tom Hale spoke last, saying, “That makes me smart,” when Ana Ruiz blasted him.", "en",
			[]want{{"That makes me smart", "Tom Hale", "Tom Hale"}}},
		{"gerund after the quote keeps the speaker before", "In a statement, Ana Ruiz said: “The firm was healthy,” adding that its value rose.", "en",
			[]want{{"The firm was healthy", "Ana Ruiz", "Ana Ruiz"}}},
		{"unnamed subject of its own clause", "Ana Ruiz lost the vote. As the phone rang, the announcer said, “It is three in the morning.”", "en",
			[]want{{"It is three in the morning.", "the announcer", "the announcer"}}},
		{"appositive between name and verb", "“We are ready,” Bo Lee, a nurse from Ohio, said.", "en",
			[]want{{"We are ready", "Bo Lee", "Bo Lee"}}},
		{"possessive far from the verb is an owner", "Ana Ruiz filmed it. She urges her husband to leave the car and repeatedly says, “Do not do it.”", "en",
			[]want{{"Do not do it.", "Ana Ruiz", "She"}}},
		{"title before a name the recognizer missed", "Larry King hosts a show. ''We need money,'' Mr. King said.", "en",
			[]want{{"We need money", "Larry King", "Mr. King"}}},
		{"pronoun skips a person of the other gender", "Mary Smith met John Brown on Monday. “I will run,” she said.", "en",
			[]want{{"I will run", "Mary Smith", "she"}}},
		{"title gives the gender", "Mrs. Hale met Tom Brown. “It is done,” she said.", "en",
			[]want{{"It is done", "Hale", "she"}}},
		{"colon after a sentence names the person", "With Democratic leaders worried, President Tom Brown rolled out a message: “It is about me.”", "en",
			[]want{{"It is about me.", "Tom Brown", "Tom Brown"}}},
		{"spanish pronoun by gender", "María López habló con Juan Pérez. «Vamos a ganar», afirmó ella.", "es",
			[]want{{"Vamos a ganar", "María López", "ella"}}},
		{"spanish verb before", "El ministro Juan Pérez aseguró: «No habrá retrasos».", "es",
			[]want{{"No habrá retrasos", "Juan Pérez", "Juan Pérez"}}},
		{"spanish according to", "Según Ana Ruiz, «la frontera seguirá abierta».", "es",
			[]want{{"la frontera seguirá abierta", "Ana Ruiz", "Ana Ruiz"}}},
		{"spanish clause after the quote", "Juan Pérez señaló: «Es un error», cuando María López lo criticó.", "es",
			[]want{{"Es un error", "Juan Pérez", "Juan Pérez"}}},
		{"spanish title before a missed name", "«No hay acuerdo», dijo la Sra. Hale.", "es",
			[]want{{"No hay acuerdo", "Hale", "Sra. Hale"}}},
		{"mixed quotation marks", "“It is too early,\" said Ana Ruiz. \"We will see.” she added.", "en",
			[]want{{"It is too early", "Ana Ruiz", "Ana Ruiz"}, {"We will see.", "Ana Ruiz", "she"}}},
		{"second predicate after the quotation", "Ana Ruiz declared “What a night!” and said the count goes on.", "en",
			[]want{{"What a night!", "Ana Ruiz", "Ana Ruiz"}}},
		{"gerund subject is the person, not the medium", "Ana Ruiz was hurt. On Twitter, she answered by saying, “Stop lying.”", "en",
			[]want{{"Stop lying.", "Ana Ruiz", "she"}}},
		{"unresolved pronoun keeps its place", "“We are not leaving,” they said.", "en",
			[]want{{"We are not leaving", "", "they"}}},
		{"spanish second predicate", "Ana Ruiz criticó la «falta de respeto» y dijo que seguirá.", "es",
			[]want{{"falta de respeto", "Ana Ruiz", "Ana Ruiz"}}},
		{"appositive holding another name", "“It is an invasion,” Tom Hale, the attorney general of one of the states suing the EPA, said on Monday.", "en",
			[]want{{"It is an invasion", "Tom Hale", "Tom Hale"}}},
		{"gerund subject before an earlier quotation", "Tom Hale mocked Mrs. Ruiz's remark -- ''That is smart'' -- and, when questioned later, asserting, ''Of course, I pay.''", "en",
			[]want{{"That is smart", "Tom Hale", "Tom Hale"}, {"Of course, I pay.", "Tom Hale", "Tom Hale"}}},
		{"spanish gerund of a listed verb", "Ana Ruiz habló en la radio, afirmando: «No hay acuerdo todavía».", "es",
			[]want{{"No hay acuerdo todavía", "Ana Ruiz", "Ana Ruiz"}}},
		{"subject before an inserted clause", "The issue came up after Tom Hale, asked about the jailing of reporters under Mr. Lee, had said, ''We kill people too.''", "en",
			[]want{{"We kill people too.", "Tom Hale", "Tom Hale"}}},
		{"pronoun introducing with a colon", "Tom Hale spoke on the radio. Asked which county he liked best, he demurred: “Whichever one I am in.”", "en",
			[]want{{"Whichever one I am in.", "Tom Hale", "he"}}},
		{"comma-ended quotation names its speaker after it", "“France will always be France,” an angry Paul Martin retorted.", "en",
			[]want{{"France will always be France", "Paul Martin", "Paul Martin"}}},
		{"spanish comma-ended quotation", "«Francia siempre será Francia», un enojado Paul Martin contraatacó.", "es",
			[]want{{"Francia siempre será Francia", "Paul Martin", "Paul Martin"}}},
		{"spanish inserted clause", "«No hay acuerdo», Ana Ruiz, ministra de la Unión Europea, afirmó el lunes.", "es",
			[]want{{"No hay acuerdo", "Ana Ruiz", "Ana Ruiz"}}},
		{"speaker in the sentence before", "Tom Hale said he would stay on. “We are not done.”", "en",
			[]want{{"We are not done.", "Tom Hale", "Tom Hale"}}},
		{"spanish speaker in the sentence before", "Ana Ruiz aseguró que seguirá en el cargo. «No hemos terminado todavía».", "es",
			[]want{{"No hemos terminado todavía", "Ana Ruiz", "Ana Ruiz"}}},
		{"description linked by an appositive", "Ana Ruiz, a spokeswoman for the ministry, met Tom Hale. “There is no deal yet,” the spokeswoman said.", "en",
			[]want{{"There is no deal yet", "Ana Ruiz", "the spokeswoman"}}},
		{"spanish description linked by an appositive", "Ana Ruiz, portavoz del ministerio, se reunió con Tom Hale. «Todavía no hay acuerdo», dijo la portavoz.", "es",
			[]want{{"Todavía no hay acuerdo", "Ana Ruiz", "la portavoz"}}},
		{"description", "President Gustavo Petro spoke in Bogotá. “There are still things to discuss,” the Colombian president said.", "en",
			[]want{{"There are still things to discuss", "Gustavo Petro", "the Colombian president"}}},

		// A fragment inside reported speech belongs to the subject of the
		// verb that governs it, not to a name nearer to it.
		{"fragment after a gerund takes the subject of the verb before", "Maria Lopez stayed home. When asked whether she meant it, Ana Ruiz replied: “Of course,” before adding that Tom Hale should “pack his bags.”", "en",
			[]want{{"Of course", "Ana Ruiz", "Ana Ruiz"}, {"pack his bags.", "Ana Ruiz", "Ana Ruiz"}}},
		{"fragment after said goes to its subject, not the name after it", "Tom Hale said on Monday that the new minister, Ana Ruiz, was clearly “a fine choice.”", "en",
			[]want{{"a fine choice.", "Tom Hale", "Tom Hale"}}},
		{"fragment after a pronoun subject", "Maria Lopez left Lima on Monday. Later she said that the ruling by Judge Tom Hale had to “step aside.”", "en",
			[]want{{"step aside.", "Maria Lopez", "she"}}},
		{"fragment after a coordinated verb", "Tom Hale, who criticized the judge and warned that the country risked becoming “a failed state,” left early.", "en",
			[]want{{"a failed state", "Tom Hale", "Tom Hale"}}},
		{"fragment after a description", "In a letter, the ministry said Tom Hale’s words amounted to “undue pressure” on the courts.", "en",
			[]want{{"undue pressure", "the ministry", "the ministry"}}},
		{"fragment credited right after it", "Ana Ruiz said she stayed because “nobody else would do it,” she said.", "en",
			[]want{{"nobody else would do it", "Ana Ruiz", "she"}}},
		{"spanish fragment after que", "Ana Ruiz dijo el lunes en Lima que el ministro Tom Hale debería sin duda «pedir perdón».", "es",
			[]want{{"pedir perdón", "Ana Ruiz", "Ana Ruiz"}}},
		{"spanish fragment after a gerund", "Juan Pérez respondió: «Me parece bien», agregando que María López debe «cuidarse mucho».", "es",
			[]want{{"Me parece bien", "Juan Pérez", "Juan Pérez"}, {"cuidarse mucho", "Juan Pérez", "Juan Pérez"}}},

		// A fragment that no reporting verb governs is a term in quotation
		// marks: dropped when short, else kept without a speaker.
		{"scare quote before a later clause's verb", "Supporters marched to defend “national pride,” hours after Tom Hale said the talks had failed.", "en", nil},
		{"passive verb governs no fragment", "Tom Hale was mocked as “the man who sold the harbor for nothing” by the press.", "en",
			[]want{{"the man who sold the harbor for nothing", "", ""}}},
		{"plural noun spelled like a verb", "Ana Ruiz said the treaty binds both states and amounts to “a shared promise.”", "en",
			[]want{{"a shared promise.", "Ana Ruiz", "Ana Ruiz"}}},
		// A speaker is someone who can speak, named in full.
		{"initials cut from a name by the tagger", "Editor’s note: The U.S Embassy in Lima has issued an alert, warning citizens to avoid the march “because it may turn violent at any moment”.", "en",
			[]want{{"because it may turn violent at any moment", "U.S. Embassy", "U.S Embassy"}}},
		{"adjective before a noun for speakers", "Democratic leaders met on Monday. “We will not fund this war,” Democratic leaders said.", "en",
			[]want{{"We will not fund this war", "Democratic leaders", "Democratic leaders"}}},
		{"name before an organisation noun", "Tom Hale won the vote. The Hale administration has said it will “take over the port.”", "en",
			[]want{{"take over the port.", "Hale administration", "Hale administration"}}},
		{"a treaty does not speak", "Ana Ruiz signed the 1991 Peace Pact in Lima. “We kept our word,” the Peace Pact says.", "en",
			[]want{{"We kept our word", "", ""}}},
		{"spanish organisation of a person", "Tom Hale ganó la votación. «No habrá acuerdo», dijo el gobierno de Tom Hale.", "es",
			[]want{{"No habrá acuerdo", "gobierno de Tom Hale", "gobierno de Tom Hale"}}},
		{"spanish treaty does not speak", "Ana Ruiz firmó el Pacto de Paz en Lima. «Cumpliremos siempre nuestra palabra», dice el Pacto de Paz.", "es",
			[]want{{"Cumpliremos siempre nuestra palabra", "", ""}}},

		// A subject pronoun prefers a referent outside its own sentence's
		// possessors, and looks back no further than the paragraph before.
		{"pronoun skips an owner in its own sentence", "Tom Hale spoke at length on Monday. In the aftermath of John Brown’s arrest, he said Bo Lee had to “watch out.”", "en",
			[]want{{"watch out.", "Tom Hale", "he"}}},
		{"owner serves when no other referent is near", "Tom Hale’s speech ran long on Monday, when he described the plan as “a total failure.”", "en",
			[]want{{"a total failure.", "Tom Hale", "he"}}},
		{"pronoun does not reach past the paragraph before", "“We are not done,” Ana Ruiz told El Diario.\n\nThe vote was close.\n\nCritics doubt the count. “It was not fair,” they said.", "en",
			[]want{{"We are not done", "Ana Ruiz", "Ana Ruiz"}, {"It was not fair", "", "they"}}},
		{"naming verb governs a term", "Ana Ruiz called the plan “a blank check” on Monday.", "en",
			[]want{{"a blank check", "Ana Ruiz", "Ana Ruiz"}}},
		{"spanish naming verb", "Ana Ruiz calificó el plan de «cheque en blanco».", "es",
			[]want{{"cheque en blanco", "Ana Ruiz", "Ana Ruiz"}}},
		{"spanish addressee after the verb", `"La situación es grave y el puerto seguirá cerrado", dijo a EFE Ana Ruiz.`, "es",
			[]want{{"La situación es grave y el puerto seguirá cerrado", "Ana Ruiz", "Ana Ruiz"}}},
		{"spanish name set off after a description", `El director general de la Caja de Lodravo, Tomás Vidal, ha explicado hoy que los resultados "pueden considerarse muy positivos".`, "es",
			[]want{{"pueden considerarse muy positivos", "Tomás Vidal", "Tomás Vidal"}}},
		{"spanish verb carries its subject", "Ana Ruiz habló con la prensa en Lodravo.\n\n\"Tendrán que pagar el 55 por ciento de todos los activos\", agregó.", "es",
			[]want{{"Tendrán que pagar el 55 por ciento de todos los activos", "Ana Ruiz", "agregó"}}},
		{"spanish verb opening its clause carries its subject", "Ana Ruiz habló con la prensa.\n\nTambién afirma que \"la propuesta de cerrar el acceso al puerto es inadmisible\".", "es",
			[]want{{"la propuesta de cerrar el acceso al puerto es inadmisible", "Ana Ruiz", "afirma"}}},
		{"spanish subjectless verb continues the last speaker quoted", "\"El puerto reabrirá pronto\", dijo Tomás Vidal.\n\nSólo falta el visto bueno de las autoridades del puerto.\n\n\"Hoy tendremos una reunión con la comisión\", afirmó.", "es",
			[]want{{"El puerto reabrirá pronto", "Tomás Vidal", "Tomás Vidal"}, {"Hoy tendremos una reunión con la comisión", "Tomás Vidal", "afirmó"}}},
		{"spanish name a preposition governs", `El seleccionador apostó por la continuidad de su compañero en el Deportivo Lodravo, pero matizó que "en el fútbol a veces dependes de un gol".`, "es",
			[]want{{"en el fútbol a veces dependes de un gol", "El seleccionador", "El seleccionador"}}},
		{"spanish negation is the verb's", `El titular de Turismo no aclaró si se aprobará la tasa e insistió en que el proyecto está "abierto al diálogo con todos".`, "es",
			[]want{{"abierto al diálogo con todos", "El titular de Turismo", "El titular de Turismo"}}},
		{"a governed name with a relative clause speaks", "Ostrander criticised the port deal. The remarks drew a response from Ana Ruiz, who accused the governor of lying and warned that the region risked being treated as “servants of the capital” unless it united.", "en",
			[]want{{"servants of the capital", "Ana Ruiz", "Ana Ruiz"}}},
		{"spanish name in apposition after the verb's description", "Tomás Vidal visitó Lodravo el jueves.\n\n«No vamos a permitir que se repita», afirmó la ministra del Interior, Lucía Benavides, en una rueda de prensa.", "es",
			[]want{{"No vamos a permitir que se repita", "Lucía Benavides", "Lucía Benavides"}}},
		// A title may open the apposition, and a body inside the
		// description does not speak.
		{"spanish titled name in apposition", "«No vamos a permitir que nadie nos intimide», dijo el portavoz del Ejército karveniano, el coronel Tomás Vidal.", "es",
			[]want{{"No vamos a permitir que nadie nos intimide", "Tomás Vidal", "Tomás Vidal"}}},
		// Spanish opens a continued paragraph with the closing mark.
		{"spanish quotation over two paragraphs", "«Nuestras tropas están preparadas.\n\n»Cualquier agresión tendrá una respuesta», añadió el coronel Tomás Vidal.", "es",
			[]want{{"Nuestras tropas están preparadas.\n\n»Cualquier agresión tendrá una respuesta", "Tomás Vidal", "Tomás Vidal"}}},
		{"spanish scare quote", "Miles marcharon para defender la «soberanía nacional», horas después de que Ana Ruiz dijera que no habría acuerdo.", "es", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := extractText(tc.in, tc.lang)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d quotes %+v, want %d", len(got), got, len(tc.want))
			}
			for i, q := range got {
				w := tc.want[i]
				if q.Text != w.text || tc.in[q.Start:q.End] != q.Text {
					t.Errorf("quote %d text %q (offsets give %q), want %q", i, q.Text, tc.in[q.Start:q.End], w.text)
				}
				if q.Speaker != w.speaker {
					t.Errorf("quote %d speaker %q, want %q", i, q.Speaker, w.speaker)
				}
				if w.speakerText == "" {
					if q.SpeakerStart >= 0 {
						t.Errorf("quote %d speaker span %q, want none", i, tc.in[q.SpeakerStart:q.SpeakerEnd])
					}
				} else if q.SpeakerStart < 0 || tc.in[q.SpeakerStart:q.SpeakerEnd] != w.speakerText {
					t.Errorf("quote %d speaker span %d-%d, want %q", i, q.SpeakerStart, q.SpeakerEnd, w.speakerText)
				}
			}
		})
	}
}

// TestSpeakersThatCannotSpeak gives the mentions a tagger may produce
// (a thing, a pronoun, a bare adjective tagged as names) and checks that
// none of them speaks.
func TestSpeakersThatCannotSpeak(t *testing.T) {
	type mention struct{ text, typ string }
	tests := []struct {
		name, in, lang string
		mentions       []mention
		speaker        string
	}{
		{"a pact tagged as a person", "Tom Hale signed the Peace Pact in 1991. “We will keep every word of it,” the Peace Pact reads, he said.", "en",
			[]mention{{"Tom Hale", model.PER}, {"Peace Pact", model.PER}}, "Tom Hale"},
		{"a contraction tagged as a person", "Tom Hale spoke on Monday. I’d never seen “such a mess,” he said.", "en",
			[]mention{{"Tom Hale", model.PER}, {"I’d", model.PER}}, "Tom Hale"},
		{"a bare adjective tagged as an organisation", "The Senate met. “We will not fund it,” said a Democratic aide.", "en",
			[]mention{{"Senate", model.ORG}, {"Democratic", model.ORG}}, "a Democratic aide"},
		{"spanish pact tagged as a person", "Ana Ruiz firmó el Pacto de Paz. «Cumpliremos cada palabra del texto», dice el Pacto de Paz, según ella.", "es",
			[]mention{{"Ana Ruiz", model.PER}, {"Pacto de Paz", model.PER}}, "Ana Ruiz"},
		// A described organization is not whichever one the text named
		// last, such as the agency filing the report.
		{"a described organization, unnamed", "LODRAVO, March 4 (Reuters) - The foreign ministry denied that its troops had crossed the border, calling the reports “fabrications.”", "en",
			[]mention{{"Reuters", model.ORG}}, "The foreign ministry"},
		{"a described organization, named before", "The Tarquelan Foreign Ministry issued a statement. The ministry denied the reports, calling them “fabrications.”", "en",
			[]mention{{"Tarquelan Foreign Ministry", model.ORG}}, "Tarquelan Foreign Ministry"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var ms []model.Mention
			from := 0
			for _, m := range tc.mentions {
				for {
					i := strings.Index(tc.in[from:], m.text)
					if i < 0 {
						break
					}
					ms = append(ms, model.Mention{Start: from + i, End: from + i + len(m.text), Text: m.text, Type: m.typ, Canonical: m.text})
					from += i + len(m.text)
				}
				from = 0
			}
			sort.Slice(ms, func(i, j int) bool { return ms[i].Start < ms[j].Start })
			got := Extract(tc.in, text.Sentences(tc.in, tc.lang), ms, tc.lang)
			if len(got) != 1 {
				t.Fatalf("got %d quotes %+v, want 1", len(got), got)
			}
			if got[0].Speaker != tc.speaker {
				t.Errorf("speaker %q, want %q", got[0].Speaker, tc.speaker)
			}
		})
	}
}

// TestSeedQuotes checks the acceptance criterion: at least 80% of the gold
// quotes of the seed documents are found with the right speaker.
func TestSeedQuotes(t *testing.T) {
	b, err := os.ReadFile(sharedPath(t, "acceptance", "seeds.json"))
	if err != nil {
		t.Fatal(err)
	}
	var acc struct {
		Quotes []struct{ Doc, Starts, Speaker string } `json:"quotes"`
	}
	if err := json.Unmarshal(b, &acc); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(sharedPath(t, "seeds"))
	if err != nil {
		t.Fatal(err)
	}
	byDoc := map[string][]model.Quote{}
	for _, e := range entries {
		raw, err := os.ReadFile(filepath.Join(sharedPath(t, "seeds"), e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		byDoc[e.Name()[:3]] = extractText(string(raw), "en")
	}
	right := 0
	for _, g := range acc.Quotes {
		found, ok := false, false
		for _, q := range byDoc[g.Doc] {
			if strings.HasPrefix(q.Text, g.Starts) {
				found = true
				if entity.SameEntity(q.Speaker, g.Speaker, "") {
					ok = true
				} else {
					t.Logf("%s %q: speaker %q, want %q", g.Doc, g.Starts, q.Speaker, g.Speaker)
				}
			}
		}
		if ok {
			right++
		}
		if !found {
			t.Logf("%s %q: not found", g.Doc, g.Starts)
		}
	}
	t.Logf("%d of %d gold quotes with the right speaker", right, len(acc.Quotes))
	if right*10 < len(acc.Quotes)*8 {
		t.Errorf("only %d of %d gold quotes found with the right speaker (want 80%%)", right, len(acc.Quotes))
	}
}
