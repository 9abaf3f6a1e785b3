package event

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/text"
)

// mentionsIn builds mentions for every occurrence of the given names, the
// way the entity recogniser would report them. Longer names win overlaps.
func mentionsIn(s string, entities map[string]string) []model.Mention {
	var out []model.Mention
	taken := make([]bool, len(s))
	names := make([]string, 0, len(entities))
	for n := range entities {
		names = append(names, n)
	}
	// Longest first, so "Gustavo Petro" is not also two shorter mentions.
	for i := range names {
		for j := i + 1; j < len(names); j++ {
			if len(names[j]) > len(names[i]) || len(names[j]) == len(names[i]) && names[j] < names[i] {
				names[i], names[j] = names[j], names[i]
			}
		}
	}
	for _, n := range names {
		typ, canon, _ := strings.Cut(entities[n], "|")
		for off := 0; ; {
			k := strings.Index(s[off:], n)
			if k < 0 {
				break
			}
			start := off + k
			off = start + len(n)
			if taken[start] || taken[off-1] {
				continue
			}
			for p := start; p < off; p++ {
				taken[p] = true
			}
			if canon == "" {
				canon = n
			}
			out = append(out, model.Mention{Start: start, End: off, Text: n, Type: typ, Canonical: canon})
		}
	}
	return out
}

// timexesIn builds DATE timexes for the first occurrence of each phrase.
func timexesIn(s string, values map[string]string) []model.Timex {
	var out []model.Timex
	for phrase, v := range values {
		if k := strings.Index(s, phrase); k >= 0 {
			out = append(out, model.Timex{Start: k, End: k + len(phrase), Text: phrase, Type: model.DATE, Value: v})
		}
	}
	return out
}

var pub = time.Date(2026, 1, 3, 14, 17, 0, 0, time.UTC)

func TestExtract(t *testing.T) {
	entities := map[string]string{
		"United States": "LOC", "US": "LOC|United States", "Venezuela": "LOC", "Caracas": "LOC",
		"Nicolás Maduro": "PER", "Maduro": "PER|Nicolás Maduro", "Gustavo Petro": "PER", "Petro": "PER|Gustavo Petro",
		"Marco Rubio": "PER", "Pete Hegseth": "PER", "Colombia": "LOC", "Bogotá": "LOC", "EE. UU.": "LOC|United States",
		"Reuters": "ORG", "EFE": "ORG", "Cúcuta": "LOC", "Vatican": "ORG",
		"Frente Popular de Tarquela": "ORG", "FPT": "ORG|Frente Popular de Tarquela", "LODRAVO": "LOC", "Ana Ruiz": "PER", "Karvenia": "LOC",
	}
	tests := []struct {
		name    string
		lang    string
		text    string
		timexes map[string]string
		want    []model.Event
	}{{
		name:    "dated strike with actor, target and place",
		lang:    "en",
		text:    "On January 3, the United States attacked Venezuela in Caracas.",
		timexes: map[string]string{"January 3": "2026-01-03"},
		want: []model.Event{{Type: "ASSAULT", Trigger: "attacked", Date: "2026-01-03", Precision: model.PrecisionDay,
			Actors: []string{"United States"}, Targets: []string{"Venezuela"}, Place: "Caracas"}},
	}, {
		name:    "passive with agent",
		lang:    "en",
		text:    "Maduro was captured by US forces on Saturday.",
		timexes: map[string]string{"Saturday": "2026-01-03"},
		want: []model.Event{{Type: "COERCE", Trigger: "captured", Date: "2026-01-03", Precision: model.PrecisionDay,
			Actors: []string{"United States"}, Targets: []string{"Nicolás Maduro"}}},
	}, {
		name: "present perfect lede takes the publication day",
		lang: "en",
		text: "They have attacked Venezuela.",
		want: []model.Event{{Type: "ASSAULT", Trigger: "attacked", Date: "2026-01-03", Precision: model.PrecisionDay,
			Targets: []string{"Venezuela"}}},
	}, {
		name: "simple past without a date stays undated",
		lang: "en",
		text: "The Americans attacked 25 ships in the Pacific Ocean.",
		want: []model.Event{{Type: "ASSAULT", Trigger: "attacked"}},
	}, {
		name:    "month precision and coordinated actors",
		lang:    "en",
		text:    "In November 2025, Marco Rubio and Pete Hegseth met senators.",
		timexes: map[string]string{"November 2025": "2025-11"},
		want: []model.Event{{Type: "CONSULT", Trigger: "met", Date: "2025-11", Precision: model.PrecisionMonth,
			Actors: []string{"Marco Rubio", "Pete Hegseth"}}},
	}, {
		name: "negated and hypothetical triggers are not events",
		lang: "en",
		text: "Colombia did not attack anyone. Trump said the US could strike Colombia.",
	}, {
		name: "demand governs the demanded act",
		lang: "en",
		text: "Petro called for a meeting of the OAS.",
		want: []model.Event{{Type: "REQUEST", Trigger: "called for", Actors: []string{"Gustavo Petro"}}},
	}, {
		name:    "date carried from the paragraph",
		lang:    "en",
		text:    "On December 16, three boats were attacked. At least eight people were killed.\nLater, Petro met Maduro.",
		timexes: map[string]string{"December 16": "2025-12-16"},
		want: []model.Event{
			{Type: "ASSAULT", Trigger: "attacked", Date: "2025-12-16", Precision: model.PrecisionDay, Targets: []string{"boats"}},
			{Type: "ASSAULT", Trigger: "killed", Date: "2025-12-16", Precision: model.PrecisionDay, Targets: []string{"people"},
				Figures: []model.Figure{{Kind: model.Killed, Value: 8, Qualifier: "min", Start: 43, End: 76, Text: "At least eight people were killed"}}},
			{Type: "CONSULT", Trigger: "met", Actors: []string{"Gustavo Petro"}, Targets: []string{"Nicolás Maduro"}},
		},
	}, {
		name:    "Spanish capture",
		lang:    "es",
		text:    "El 3 de enero, EE. UU. capturó a Maduro en Caracas.",
		timexes: map[string]string{"3 de enero": "2026-01-03"},
		want: []model.Event{{Type: "COERCE", Trigger: "capturó", Date: "2026-01-03", Precision: model.PrecisionDay,
			Actors: []string{"United States"}, Targets: []string{"Nicolás Maduro"}, Place: "Caracas"}},
	}, {
		name: "the hearer of a report is not what a passive befalls",
		lang: "en",
		text: "Doctors told Reuters that 12 people had been killed.",
		want: []model.Event{{Type: "ASSAULT", Trigger: "killed", Targets: []string{"people"},
			Figures: []model.Figure{{Kind: model.Killed, Value: 12, Start: 26, End: 51, Text: "12 people had been killed"}}}},
	}, {
		name: "the speaker is the subject of what is said",
		lang: "en",
		text: "Maduro said that he met Petro.",
		want: []model.Event{{Type: "CONSULT", Trigger: "met", Actors: []string{"Nicolás Maduro"}, Targets: []string{"Gustavo Petro"}}},
	}, {
		name: "a town of is a place, not a target",
		lang: "en",
		text: "Police arrested four men in the border town of Cúcuta.",
		want: []model.Event{{Type: "COERCE", Trigger: "arrested", Actors: []string{"police"}, Place: "Cúcuta",
			Figures: []model.Figure{{Kind: model.Arrested, Value: 4, Start: 7, End: 20, Text: "arrested four"}}}},
	}, {
		name: "a place after a preposition is spent",
		lang: "en",
		text: "Thousands marched through central Bogotá.",
		want: []model.Event{{Type: "PROTEST", Trigger: "marched", Place: "Bogotá"}},
	}, {
		name: "a mediator is not a target",
		lang: "en",
		text: "Petro held talks mediated by the Vatican.",
		want: []model.Event{{Type: "CONSULT", Trigger: "held talks", Actors: []string{"Gustavo Petro"}}},
	}, {
		name: "a name after a preposition is not the subject",
		lang: "en",
		text: "Petro flew to Caracas and met Maduro. He offered no concessions.",
		want: []model.Event{{Type: "CONSULT", Trigger: "met", Actors: []string{"Gustavo Petro"}, Targets: []string{"Nicolás Maduro"}}},
	}, {
		name: "a name after a preposition and an article is not the subject",
		lang: "en",
		text: "Maduro, who spoke at the Caracas airport, accused Colombia of aggression.",
		want: []model.Event{{Type: "ACCUSE", Trigger: "accused", Actors: []string{"Nicolás Maduro"}, Targets: []string{"Colombia"}}},
	}, {
		name: "Spanish hearer and place noun",
		lang: "es",
		text: "Médicos dijeron a EFE que 12 personas fueron asesinadas. La policía detuvo a cuatro hombres en la ciudad de Cúcuta.",
		want: []model.Event{
			{Type: "ASSAULT", Trigger: "asesinadas", Targets: []string{"personas"},
				Figures: []model.Figure{{Kind: model.Killed, Value: 12, Start: 27, End: 56, Text: "12 personas fueron asesinadas"}}},
			{Type: "COERCE", Trigger: "detuvo", Actors: []string{"policia"}, Place: "Cúcuta",
				Figures: []model.Figure{{Kind: model.Arrested, Value: 4, Start: 70, End: 85, Text: "detuvo a cuatro"}}},
		},
	}, {
		name: "what the subject is under befalls it",
		lang: "en",
		text: "Petro said on Monday that Caracas was under missile attack.",
		want: []model.Event{{Type: "ASSAULT", Trigger: "missile attack", Targets: []string{"Caracas"}}},
	}, {
		name: "what the subject faces befalls it",
		lang: "en",
		text: "Colombia faced numerous accusations on Monday.",
		want: []model.Event{{Type: "ACCUSE", Trigger: "accusations", Targets: []string{"Colombia"}}},
	}, {
		name: "Spanish attack suffered",
		lang: "es",
		text: "Cúcuta sufrió un ataque con drones el lunes.",
		want: []model.Event{{Type: "ASSAULT", Trigger: "ataque", Targets: []string{"Cúcuta"}}},
	}, {
		name: "a reported demand is the speaker's",
		lang: "en",
		text: "Colombia said on Tuesday that Venezuela must free the prisoners.",
		want: []model.Event{{Type: "REQUEST", Trigger: "must", Actors: []string{"Colombia"}, Targets: []string{"Venezuela"}}},
	}, {
		name: "an aside does not end the clause",
		lang: "en",
		text: "The Frente Popular de Tarquela (FPT) attacked Cúcuta.",
		want: []model.Event{{Type: "ASSAULT", Trigger: "attacked", Actors: []string{"Frente Popular de Tarquela"}, Targets: []string{"Cúcuta"}}},
	}, {
		name: "a gerund clause takes the main clause's subject",
		lang: "en",
		text: "Police in Cúcuta opened fire, arresting Maduro.",
		want: []model.Event{
			{Type: "ASSAULT", Trigger: "opened fire", Actors: []string{"police"}},
			{Type: "COERCE", Trigger: "arresting", Actors: []string{"police"}, Targets: []string{"Nicolás Maduro"}},
		},
	}, {
		name: "Spanish gerund clause",
		lang: "es",
		text: "Tropas de Colombia atacaron Cúcuta, capturando a Maduro.",
		want: []model.Event{
			{Type: "ASSAULT", Trigger: "atacaron", Actors: []string{"Colombia"}, Targets: []string{"Cúcuta"}},
			{Type: "COERCE", Trigger: "capturando", Actors: []string{"Colombia"}, Targets: []string{"Nicolás Maduro"}},
		},
	}, {
		name: "a stated intent to harm threatens",
		lang: "en",
		text: "Venezuela said it would attack Colombia.",
		want: []model.Event{{Type: "THREATEN", Trigger: "attack", Actors: []string{"Venezuela"}, Targets: []string{"Colombia"}}},
	}, {
		name: "a stated intent to talk agrees",
		lang: "en",
		text: "Petro said he would meet Maduro in Bogotá.",
		want: []model.Event{{Type: "AGREE", Trigger: "meet", Actors: []string{"Gustavo Petro"}, Targets: []string{"Nicolás Maduro"}, Place: "Bogotá"}},
	}, {
		name: "a conditional intent is not reported",
		lang: "en",
		text: "Venezuela said that if provoked it would attack Colombia.",
		want: nil,
	}, {
		name: "Spanish threat",
		lang: "es",
		text: "Venezuela amenazó con atacar a Colombia.",
		want: []model.Event{{Type: "THREATEN", Trigger: "amenazó", Actors: []string{"Venezuela"}, Targets: []string{"Colombia"}}},
	}, {
		name: "a name before a party noun says whose",
		lang: "en",
		text: "Boats were struck in raids by the US military.",
		want: []model.Event{{Type: "ASSAULT", Trigger: "struck", Actors: []string{"United States"}, Targets: []string{"boats"}}},
	}, {
		name: "a dateline's place is no party, and a closing attribution's speaker no target",
		lang: "en",
		text: "LODRAVO, March 3 (Reuters) - Police arrested a dock worker after a blast at the port, Mayor Ana Ruiz said.",
		want: []model.Event{
			{Type: "COERCE", Trigger: "arrested", Actors: []string{"police"}},
			{Type: "ASSAULT", Trigger: "blast"},
		},
	}, {
		name: "dying befalls the subject, and an adverb may part a passive",
		lang: "es",
		text: "Los policías resultaron también heridos. Los soldados murieron. Había policías heridos.",
		want: []model.Event{
			{Type: "ASSAULT", Trigger: "heridos", Targets: []string{"policias"}},
			{Type: "ASSAULT", Trigger: "murieron", Targets: []string{"soldados"}},
			{Type: "ASSAULT", Trigger: "heridos", Targets: []string{"policias"}},
		},
	}, {
		name: "Spanish progressive lede",
		lang: "es",
		text: "Caracas está siendo bombardeada.",
		want: []model.Event{{Type: "ASSAULT", Trigger: "bombardeada", Date: "2026-01-03", Precision: model.PrecisionDay,
			Targets: []string{"Caracas"}}},
	}, {
		name: "who tells is no party to what is told",
		lang: "es",
		text: "Según Ana Ruiz, el ejército atacó el puerto. Según Ana Ruiz, Karvenia atacó el puerto.",
		want: []model.Event{
			{Type: "ASSAULT", Trigger: "atacó", Actors: []string{"ejercito"}},
			{Type: "ASSAULT", Trigger: "atacó", Actors: []string{"Karvenia"}},
		},
	}, {
		name: "what is told with a subject of its own is not the speaker's act",
		lang: "en",
		text: "Ana Ruiz said that troops attacked the port. Venezuela said the strikes destroyed the port. Ana Ruiz said she met Marco Rubio.",
		want: []model.Event{
			{Type: "ASSAULT", Trigger: "attacked", Actors: []string{"troops"}},
			{Type: "ASSAULT", Trigger: "destroyed"},
			{Type: "CONSULT", Trigger: "met", Actors: []string{"Ana Ruiz"}, Targets: []string{"Marco Rubio"}},
		},
	}, {
		name: "civilians who block protest, a navy's blockade coerces",
		lang: "en",
		text: "Dock workers began the blockade of the port. The navy blockaded Venezuela.",
		want: []model.Event{
			{Type: "PROTEST", Trigger: "blockade", Actors: []string{"workers"}},
			{Type: "COERCE", Trigger: "blockaded", Actors: []string{"navy"}, Targets: []string{"Venezuela"}},
		},
	}, {
		name: "a place naming the event is no party to it",
		lang: "en",
		text: "The death toll from the Caracas market blast rose to 31.",
		want: []model.Event{{Type: "ASSAULT", Trigger: "blast", Figures: []model.Figure{
			{Kind: model.Killed, Value: 31, Start: 4, End: 55, Text: "death toll from the Caracas market blast rose to 31"}}}},
	}, {
		name: "a thing a relative pronoun refers to is no party, a party is",
		lang: "es",
		text: "La policía de Karvenia halló el artefacto que estalló en el mercado. Detuvo a los hombres armados que atacaron el puerto.",
		want: []model.Event{
			{Type: "ASSAULT", Trigger: "estalló"},
			{Type: "COERCE", Trigger: "Detuvo"},
			{Type: "ASSAULT", Trigger: "atacaron", Actors: []string{"hombres"}},
		},
	}, {
		name: "a quotation inside the sentence does not end the subject's clause",
		lang: "en",
		text: `Ana Ruiz demanded "an independent inquiry" and threatened to expel the FPT.`,
		want: []model.Event{
			{Type: "REQUEST", Trigger: "demanded", Actors: []string{"Ana Ruiz"}},
			{Type: "THREATEN", Trigger: "threatened", Actors: []string{"Ana Ruiz"}, Targets: []string{"Frente Popular de Tarquela"}},
		},
	}, {
		name: "the accused is the actor of the act they are accused of",
		lang: "en",
		text: "Karvenia accused rebel militias of shelling the village.",
		want: []model.Event{
			{Type: "ACCUSE", Trigger: "accused", Actors: []string{"Karvenia"}},
			{Type: "ASSAULT", Trigger: "shelling", Actors: []string{"militias"}},
		},
	}, {
		name: "a named accused acts",
		lang: "en",
		text: "Karvenia blamed Ana Ruiz for attacking the port.",
		want: []model.Event{
			{Type: "ACCUSE", Trigger: "blamed", Actors: []string{"Karvenia"}, Targets: []string{"Ana Ruiz"}},
			{Type: "ASSAULT", Trigger: "attacking", Actors: []string{"Ana Ruiz"}},
		},
	}, {
		name: "the accused acts, in Spanish",
		lang: "es",
		text: "Karvenia acusó a las milicias de bombardear la aldea.",
		want: []model.Event{
			{Type: "ACCUSE", Trigger: "acusó", Actors: []string{"Karvenia"}},
			{Type: "ASSAULT", Trigger: "bombardear", Actors: []string{"milicias"}},
		},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sents := text.Sentences(tc.text, tc.lang)
			got := Extract(tc.text, sents, nil, mentionsIn(tc.text, entities), timexesIn(tc.text, tc.timexes), tc.lang, pub, model.PrecisionMinute)
			for i := range got {
				got[i].Start, got[i].End = 0, 0
			}
			if len(got) != len(tc.want) {
				t.Fatalf("got %d events %+v, want %d %+v", len(got), got, len(tc.want), tc.want)
			}
			for i := range got {
				if !reflect.DeepEqual(got[i], tc.want[i]) {
					t.Errorf("event %d:\n got %+v\nwant %+v", i, got[i], tc.want[i])
				}
			}
		})
	}
}

func TestParseDateValue(t *testing.T) {
	tests := []struct {
		in   string
		want string
		prec model.Precision
	}{
		{"2026-01-03", "2026-01-03", model.PrecisionDay},
		{"2026-01-03T14:17", "2026-01-03", model.PrecisionDay},
		{"2025-11", "2025-11", model.PrecisionMonth},
		{"2022", "2022", model.PrecisionYear},
		{"PRESENT_REF", "", model.PrecisionNone},
		{"2026-W01", "", model.PrecisionNone},
		{"XXXX-01-03", "", model.PrecisionNone},
		{"2026-13-40", "", model.PrecisionNone},
	}
	for _, tc := range tests {
		got, prec, _ := parseDateValue(tc.in)
		if got != tc.want || prec != tc.prec {
			t.Errorf("parseDateValue(%q) = %q %q, want %q %q", tc.in, got, prec, tc.want, tc.prec)
		}
	}
}

// TestIdiomsDenialsAndDates covers trigger words that report no event:
// light-verb idioms, denied statements, recalled events and month names.
func TestIdiomsDenialsAndDates(t *testing.T) {
	entities := map[string]string{
		"Colombia": "LOC", "Ecuador": "LOC", "Venezuela": "LOC", "Caracas": "LOC", "Maduro": "PER",
		"Valmera": "LOC", "Ruiz": "PER",
	}
	tests := []struct {
		name    string
		lang    string
		text    string
		timexes map[string]string
		want    []string // "TYPE trigger date"
	}{
		{"a tone struck is no attack", "en", "The minister struck a notably softer tone on Tuesday.", map[string]string{"Tuesday": "2025-12-30"}, nil},
		{"striking a balance", "en", "Ruiz is striking the right balance between the two camps.", nil, nil},
		{"a deal struck is an agreement", "en", "Colombia and Ecuador struck a deal on Friday.", map[string]string{"Friday": "2026-01-02"},
			[]string{"AGREE struck a deal 2026-01-02"}},
		{"a law struck down is rejected", "en", "The court struck down the law.", nil, []string{"REJECT struck down "}},
		{"what is denied did not happen", "en", "Venezuela denied reports that its troops attacked Colombia.", nil, nil},
		{"a denial with its claimant between", "en", "Ecuador rejected Colombia's claim that its troops attacked Valmera.", nil, []string{"REJECT rejected "}},
		{"Spanish denial with its claimant between", "es", "Ecuador rechazó la versión de Colombia de que sus tropas atacaron Valmera.", nil, []string{"REJECT rechazó "}},
		{"a passive denial denies nothing", "en", "Ruiz was denied bail after police arrested him.", nil, []string{"COERCE arrested "}},
		{"a denial stops at a semicolon", "en", "Ruiz denied any role; troops attacked Valmera.", nil, []string{"ASSAULT attacked "}},
		{"a month name is no march", "en", "Residents marched to the embassy on March 1.", map[string]string{"March 1": "2025-03-01"},
			[]string{"PROTEST marched 2025-03-01"}},
		{"those killed recalls an earlier event", "en", "Crowds chanted the names of those killed.", nil, nil},
		{"meeting a deadline is no meeting", "en", "Ecuador failed to meet the deadline.", nil, nil},
		{"shell companies", "en", "Ruiz ran shell companies in Caracas.", nil, nil},
		{"denied in Spanish", "es", "El canciller negó que el ejército atacara Colombia.", nil, nil},
		{"entre sí is no condition", "es", "Dos hermanos entre si fueron asesinados por paramilitares.", nil, []string{"ASSAULT asesinados "}},
		{"por sí mismo is no condition either", "es", "El ejército por si mismo atacó el puesto.", nil, []string{"ASSAULT atacó "}},
		{"a passive death", "es", "Una persona fue muerta por hombres armados en la vereda.", nil, []string{"ASSAULT muerta "}},
		{"de acuerdo con names a source", "es", "De acuerdo con la policía, el ejército capturó a Maduro.", nil, []string{"COERCE capturó "}},
		{"prices shoot up without shots", "es", "Los precios se dispararon en Caracas.", nil, nil},
		{"puesta en marcha", "es", "El gobierno puso en marcha un plan de vivienda.", nil, nil},
		{"a crisis breaks out, no bomb", "es", "La crisis que estalló en Caracas sigue abierta.", nil, nil},
		{"reaching an agreement", "es", "Colombia y Ecuador llegaron a un acuerdo el viernes.", map[string]string{"viernes": "2026-01-02"},
			[]string{"AGREE llegaron a un acuerdo 2026-01-02"}},
		{"a heart attack", "es", "Ruiz sufrió un ataque cardiaco.", nil, nil},
		{"the attack condemned is the attack told", "en", "Rebels attacked Valmera on Saturday. Ruiz condemned the attack.", map[string]string{"Saturday": "2025-12-27"},
			[]string{"ASSAULT attacked 2025-12-27", "ACCUSE condemned 2025-12-27"}},
		{"el ataque condenado es el ataque contado", "es", "Rebeldes atacaron Valmera el sábado. Ruiz condenó el ataque.", map[string]string{"sábado": "2025-12-27"},
			[]string{"ASSAULT atacaron 2025-12-27", "ACCUSE condenó 2025-12-27"}},
		{"an attack told first is told", "en", "The attack on Valmera killed four soldiers.", nil, []string{"ASSAULT attack "}},
		{"talks that could begin are not held", "en", "Ruiz said consultations could begin on Wednesday.", map[string]string{"Wednesday": "2026-01-07"}, nil},
		{"an attack that could have killed was made", "en", "The attack could have killed hundreds.", nil, []string{"ASSAULT attack "}},
		{"conversaciones que empezarán tienen fecha", "es", "Ruiz dijo que las conversaciones empezarán el miércoles.", map[string]string{"miércoles": "2026-01-07"}, []string{"CONSULT conversaciones 2026-01-07"}},
		{"conversaciones que podrían empezar", "es", "Ruiz dijo que las conversaciones podrían empezar el miércoles.", map[string]string{"miércoles": "2026-01-07"}, nil},
		{"tear gas is coercion", "en", "Police fired tear gas at the crowd on Saturday, injuring 15 people.", map[string]string{"Saturday": "2025-12-27"},
			[]string{"COERCE tear gas 2025-12-27", "ASSAULT injuring 2025-12-27"}},
		{"gases lacrimógenos", "es", "La policía dispersó a los manifestantes con gases lacrimógenos.", nil, []string{"PROTEST manifestantes ", "COERCE gases lacrimógenos "}},
		{"a deal reached is an agreement", "en", "Ruiz and the union reached a deal on Friday.", map[string]string{"Friday": "2026-01-02"}, []string{"AGREE reached a deal 2026-01-02"}},
		{"aid groups give no aid", "en", "Aid groups said the situation worsened in January.", map[string]string{"January": "2026-01"}, nil},
		{"las organizaciones de ayuda no dan ayuda", "es", "Las organizaciones de ayuda humanitaria dijeron que la situación empeoró en enero.", map[string]string{"enero": "2026-01"}, nil},
		{"a source asking anonymity requests nothing", "en", "Two officials who requested anonymity said rebels attacked Valmera.", nil, []string{"ASSAULT attacked "}},
		{"una fuente que pide el anonimato no pide nada", "es", "Dos funcionarios que pidieron el anonimato dijeron que rebeldes atacaron Valmera.", nil, []string{"ASSAULT atacaron "}},
		{"a negation reaches into a quotation", "es", `Ruiz advirtió que no tolerará "más ataques".`, nil, []string{"THREATEN advirtió "}},
		{"a modal reaches into a quotation in the sentence", "en", `Ruiz warned she would not tolerate "more attacks."`, nil, []string{"THREATEN warned "}},
		{"but not into a quotation set off by a colon", "en", `Ruiz said she would speak: "Rebels attacked Valmera."`, nil, []string{"ASSAULT attacked "}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sents := text.Sentences(tc.text, tc.lang)
			var got []string
			for _, ev := range Extract(tc.text, sents, nil, mentionsIn(tc.text, entities), timexesIn(tc.text, tc.timexes), tc.lang, pub, model.PrecisionMinute) {
				got = append(got, ev.Type+" "+ev.Trigger+" "+ev.Date)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("%q:\n got %q\nwant %q", tc.text, got, tc.want)
			}
		})
	}
}

// TestContextDates covers dates an event takes from outside its sentence:
// the publication month when an earlier paragraph dated the story to the
// week of publication, nothing after background or a vague time, and no
// year from another clause. The publication day is 3 January 2026.
func TestContextDates(t *testing.T) {
	entities := map[string]string{"Valmera": "LOC", "Ruiz": "PER"}
	tests := []struct {
		name    string
		lang    string
		text    string
		timexes map[string]string
		want    []string // "TYPE trigger date precision"
	}{
		{"this week's story gives its month", "en", "On January 2, troops attacked Valmera.\nPolice arrested Ruiz.",
			map[string]string{"January 2": "2026-01-02"},
			[]string{"ASSAULT attacked 2026-01-02 day", "COERCE arrested 2026-01 month"}},
		{"a plan after publication does not move the story's time", "en", "On January 2, troops attacked Valmera. Talks will start on January 5.\nPolice arrested Ruiz.",
			map[string]string{"January 2": "2026-01-02", "January 5": "2026-01-05"},
			[]string{"ASSAULT attacked 2026-01-02 day", "CONSULT Talks 2026-01-05 day", "COERCE arrested 2026-01 month"}},
		{"background dates nothing after it", "en", "On December 16, troops attacked Valmera.\nPolice arrested Ruiz.",
			map[string]string{"December 16": "2025-12-16"},
			[]string{"ASSAULT attacked 2025-12-16 day", "COERCE arrested  "}},
		{"a vague time is the event's own", "en", "On January 2, troops attacked Valmera. In recent months police arrested Ruiz.",
			map[string]string{"January 2": "2026-01-02", "recent months": "PXM"},
			[]string{"ASSAULT attacked 2026-01-02 day", "COERCE arrested  "}},
		{"a vague paragraph is no news of the moment", "en", "On January 2, troops attacked Valmera.\nIn recent months, tension grew. Troops have attacked Valmera.",
			map[string]string{"January 2": "2026-01-02", "recent months": "PXM"},
			[]string{"ASSAULT attacked 2026-01-02 day", "ASSAULT attacked  "}},
		{"a vague time in the clause is the event's", "es", "La investigación continuará durante los próximos días, y el juicio podría celebrarse dentro de 18 meses.",
			map[string]string{"los próximos días": "FUTURE_REF", "dentro de 18 meses": "2027-07"},
			[]string{"ACCUSE investigación  "}},
		{"a year in another clause", "en", "The case dates back to 2020, although Ruiz, arrested with him, kept silent.",
			map[string]string{"2020": "2020"},
			[]string{"COERCE arrested  "}},
		{"a year in the same clause", "en", "Police arrested Ruiz in 2020.",
			map[string]string{"2020": "2020"},
			[]string{"COERCE arrested 2020 year"}},
		{"a future marker in another clause plans nothing", "en", "Officials will rebuild the port after troops attacked Valmera on January 5.",
			map[string]string{"January 5": "2026-01-05"},
			[]string{"ASSAULT attacked  "}},
		{"a future marker in the clause allows a later date", "en", "Troops will leave Valmera; talks will start on January 5.",
			map[string]string{"January 5": "2026-01-05"},
			[]string{"CONSULT talks 2026-01-05 day"}},
		{"an anchored event is not the main clause's", "en", "Troops moved north on Tuesday, two days after an explosion at the dam.",
			map[string]string{"Tuesday": "2025-12-30"},
			[]string{"ASSAULT explosion  "}},
		{"an anchored event dated inside its phrase", "en", "Ruiz spoke on Tuesday after Sunday's explosion at the dam.",
			map[string]string{"Tuesday": "2025-12-30", "Sunday": "2025-12-28"},
			[]string{"ASSAULT explosion 2025-12-28 day"}},
		{"Spanish anchored event", "es", "El martes, tras la explosión en la represa, llegaron tropas.",
			map[string]string{"martes": "2025-12-30"},
			[]string{"ASSAULT explosión  "}},
		{"a dateline's date yields to the sentence's own", "en", "VALMERA, January 2 (Reuters) - Troops attacked the port of Valmera on Thursday, officials said.",
			map[string]string{"January 2": "2026-01-02", "Thursday": "2026-01-01"},
			[]string{"ASSAULT attacked 2026-01-01 day"}},
		{"a dateline's date dates a sentence with no other", "en", "VALMERA, January 2 (Reuters) - Troops attacked the port of Valmera, officials said.",
			map[string]string{"January 2": "2026-01-02"},
			[]string{"ASSAULT attacked 2026-01-02 day"}},
		{"Spanish dateline", "es", "Valmera, 2 ene (EFE).- Tropas atacaron el puerto de Valmera el jueves.",
			map[string]string{"2 ene": "2026-01-02", "jueves": "2026-01-01"},
			[]string{"ASSAULT atacaron 2026-01-01 day"}},
		{"Spanish month from this week's story", "es", "El 2 de enero, tropas atacaron Valmera.\nLa policía detuvo a Ruiz.",
			map[string]string{"2 de enero": "2026-01-02"},
			[]string{"ASSAULT atacaron 2026-01-02 day", "COERCE detuvo 2026-01 month"}},
		{"Spanish background", "es", "El 16 de diciembre, tropas atacaron Valmera.\nLa policía detuvo a Ruiz.",
			map[string]string{"16 de diciembre": "2025-12-16"},
			[]string{"ASSAULT atacaron 2025-12-16 day", "COERCE detuvo  "}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sents := text.Sentences(tc.text, tc.lang)
			var got []string
			for _, ev := range Extract(tc.text, sents, nil, mentionsIn(tc.text, entities), timexesIn(tc.text, tc.timexes), tc.lang, pub, model.PrecisionMinute) {
				got = append(got, ev.Type+" "+ev.Trigger+" "+ev.Date+" "+string(ev.Precision))
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("%q:\n got %q\nwant %q", tc.text, got, tc.want)
			}
		})
	}
}

// TestAnchoredDates: an event anchored to its main clause's day by a
// count of days takes the day they give ("after" counts back, "before"
// forward); without the count it stays undated.
func TestAnchoredDates(t *testing.T) {
	tests := []struct{ lang, text, day, dur, durValue, want string }{
		{"en", "Troops moved north on Tuesday, two days after an explosion at the dam.", "Tuesday", "two days", "P2D", "ASSAULT explosion 2025-12-28"},
		{"es", "El martes, dos días después del ataque, las tropas avanzaron.", "martes", "dos días", "P2D", "ASSAULT ataque 2025-12-28"},
		{"es", "El martes, dos días después de que los rebeldes atacaran el puerto, llegaron las tropas.", "martes", "dos días", "P2D", "ASSAULT atacaran 2025-12-28"},
		{"en", "On Tuesday, one day before the strike, troops moved north.", "Tuesday", "one day", "P1D", "ASSAULT strike 2025-12-31"},
		{"en", "On Tuesday, one week before the strike, troops moved north.", "Tuesday", "one week", "P1W", "ASSAULT strike "},
		{"en", "Troops moved north on Tuesday, after an explosion at the dam.", "Tuesday", "", "", "ASSAULT explosion "},
	}
	for _, tc := range tests {
		timexes := timexesIn(tc.text, map[string]string{tc.day: "2025-12-30"})
		if tc.dur != "" {
			k := strings.Index(tc.text, tc.dur)
			timexes = append(timexes, model.Timex{Start: k, End: k + len(tc.dur), Text: tc.dur, Type: model.DURATION, Value: tc.durValue})
		}
		var got []string
		for _, ev := range Extract(tc.text, text.Sentences(tc.text, tc.lang), nil, nil, timexes, tc.lang, pub, model.PrecisionMinute) {
			got = append(got, ev.Type+" "+ev.Trigger+" "+ev.Date)
		}
		if strings.Join(got, "; ") != tc.want {
			t.Errorf("%q: got %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestAnchorInsideDate: an anchor word that ends a date of its own ("Dos
// días antes," "Two days before,") is that date, not an event's anchor.
func TestAnchorInsideDate(t *testing.T) {
	tests := []struct{ lang, text, date, want string }{
		{"es", "Dos días antes, Tarquela había acusado a las milicias de bombardear una aldea.", "Dos días antes", "ACCUSE había acusado 2025-12-28; ASSAULT bombardear 2025-12-28"},
		{"en", "Two days before, Karvenia accused the militias.", "Two days before", "ACCUSE accused 2025-12-28"},
	}
	for _, tc := range tests {
		var got []string
		timexes := timexesIn(tc.text, map[string]string{tc.date: "2025-12-28"})
		for _, ev := range Extract(tc.text, text.Sentences(tc.text, tc.lang), nil, nil, timexes, tc.lang, pub, model.PrecisionMinute) {
			got = append(got, ev.Type+" "+ev.Trigger+" "+ev.Date)
		}
		if strings.Join(got, "; ") != tc.want {
			t.Errorf("%q: got %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestToldActs: who reports or denounces an act is no party to it, who
// receives threats does not make them, the owner of an arrest is
// arrested, and the place an event happens in is no party to it.
func TestToldActs(t *testing.T) {
	entities := map[string]string{"Karvenia": "LOC", "Ana Ruiz": "PER", "EFE": "ORG"}
	tests := []struct{ lang, text, want string }{
		// A source phrase runs to its comma: the agency citing sources is
		// no party either.
		{"es", "Según fuentes militares citadas por la agencia EFE, dos batallones se desplegaron el lunes.", "MOBILIZE desplegaron [] []"},
		{"es", "La fiscalía de Karvenia denunció el asesinato de un maestro.", "ACCUSE denunció [Karvenia] []; ASSAULT asesinato [] []"},
		{"es", "Ana Ruiz denunció que viene recibiendo amenazas contra su vida.", "ACCUSE denunció [Ana Ruiz] []; THREATEN amenazas [] []"},
		// Calling something a false accusation accuses nobody.
		{"es", "«Es una acusación falsa y peligrosa», dijo Ana Ruiz.", ""},
		// A phrase renaming what was just told is no new accusation.
		{"en", "Ana Ruiz said Karvenia shelled the port, an accusation the army denied.", "ASSAULT shelled [Karvenia] []"},
		{"es", "Ana Ruiz dijo que Karvenia bombardeó el puerto, una acusación que el ejército negó.", "ASSAULT bombardeó [Karvenia] []"},
		// A name after a preposition and a modifier is no subject.
		{"en", "Thousands of people marched through central Karvenia, demanding that the government resign.", "PROTEST marched [people] []; REQUEST demanding [people] []"},
		// A participle qualifying a noun befalls that noun.
		{"es", "Karvenia liberó a los prisioneros capturados en la frontera.", "RETREAT liberó [Karvenia] []; COERCE capturados [] [prisioneros]"},
		// Who tells is no party, named or not.
		{"es", "Según las autoridades, la riada del domingo dejó 16 muertos.", "ASSAULT muertos [] []"},
		// A passive infinitive tells nothing done.
		{"en", "Ana Ruiz said they will not allow the police to be murdered.", ""},
		// A count of the dead names no killer.
		{"es", "Diputados de la oposición elevaron el número de muertos a cien.", "ASSAULT muertos [] []"},
		// What befalls an owner ("Ruiz's arrest") makes the owner its target.
		{"en", "Karvenia confirmed Ana Ruiz's arrest.", "COERCE arrest [] [Ana Ruiz]"},
		// Where an event happens is no party to it.
		{"en", "In Karvenia, a state of emergency has been declared.", "COERCE state of emergency [] []"},
	}
	for _, tc := range tests {
		var got []string
		for _, ev := range Extract(tc.text, text.Sentences(tc.text, tc.lang), nil, mentionsIn(tc.text, entities), nil, tc.lang, pub, model.PrecisionMinute) {
			got = append(got, fmt.Sprintf("%s %s %v %v", ev.Type, ev.Trigger, ev.Actors, ev.Targets))
		}
		if strings.Join(got, "; ") != tc.want {
			t.Errorf("%q: got %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestHeadlineDatedByItsRecall: an event a headline tells undated takes
// the day of the body's sentence that tells it again with its article.
func TestHeadlineDatedByItsRecall(t *testing.T) {
	text0 := "Una explosión en el puerto de Varnholt deja 12 muertos\n\nLa explosión del martes destruyó tres almacenes."
	var got []string
	for _, ev := range Extract(text0, text.Sentences(text0, "es"), nil, nil, timexesIn(text0, map[string]string{"martes": "2025-12-30"}), "es", pub, model.PrecisionMinute) {
		got = append(got, ev.Type+" "+ev.Trigger+" "+ev.Date)
	}
	if want := "ASSAULT explosión 2025-12-30"; strings.Join(got, "; ") != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// TestHeadlineDatedByItsLede: an event the headline tells undated is the
// lede's event of its type, which tells it with its day.
func TestHeadlineDatedByItsLede(t *testing.T) {
	text0 := "Karvenia and Tarquela agree to truce\n\nKarvenia and Tarquela agreed on Thursday to a truce along their border.\n\nThey had agreed to talks before."
	var got []string
	for _, ev := range Extract(text0, text.Sentences(text0, "en"), nil, nil, timexesIn(text0, map[string]string{"Thursday": "2025-12-25"}), "en", pub, model.PrecisionMinute) {
		got = append(got, ev.Type+" "+ev.Trigger+" "+ev.Date)
	}
	want := "AGREE agreed 2025-12-25; RETREAT truce 2025-12-25; AGREE agreed "
	if strings.Join(got, "; ") != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
