package claim

import (
	"testing"

	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/text"
)

// stanceEntities are the names the stance tests' sentences mention.
var stanceEntities = map[string]string{
	"Marta Quiroga": "PER", "Quiroga": "PER|Marta Quiroga", "Ivo Brand": "PER", "Brand": "PER|Ivo Brand",
	"Interior Ministry": "ORG", "Pentagon": "ORG", "Senate": "ORG", "Norvia": "LOC", "Kestra": "LOC",
	"Ministerio del Interior": "ORG", "Tolosa": "LOC", "Norvian": "MISC",
}

// TestExtractStances covers what a denial needs to deny a claim — a
// proposition, not an act — who denies it and whose claim it is.
func TestExtractStances(t *testing.T) {
	tests := []struct {
		name, lang, text string
		want             []model.Claim
	}{{
		name: "denied on a weekday that",
		lang: "en",
		text: "Marta Quiroga denied on Tuesday that Norvian troops had entered Tolosa.",
		want: []model.Claim{{Claimant: "Marta Quiroga", Stance: model.Denies, Text: "Norvian troops had entered Tolosa"}},
	}, {
		name: "denied a named claimant's claim: the report tells both stances, in text order",
		lang: "en",
		text: "Marta Quiroga has denied Brand's claim that her government was arming the rebels.",
		want: []model.Claim{
			{Claimant: "Marta Quiroga", Stance: model.Denies, Text: "Brand's claim that her government was arming the rebels"},
			{Claimant: "Ivo Brand", Stance: model.Asserts, Text: "her government was arming the rebels"},
		},
	}, {
		name: "rejected claims by an organisation that",
		lang: "en",
		text: "Marta Quiroga rejected claims by the Interior Ministry that the border crossing had been closed.",
		want: []model.Claim{
			{Claimant: "Marta Quiroga", Stance: model.Denies, Text: "claims by the Interior Ministry that the border crossing had been closed"},
			{Claimant: "Interior Ministry", Stance: model.Asserts, Text: "the border crossing had been closed"},
		},
	}, {
		name: "rejected reports that",
		lang: "en",
		text: "The Senate rejected reports that the budget vote had been postponed.",
		want: []model.Claim{{Claimant: "Senate", Stance: model.Denies, Text: "the budget vote had been postponed"}},
	}, {
		name: "rejecting actions is no denial",
		lang: "en",
		text: "Marta Quiroga rejects all foreign actions that undermine the sovereignty of Kestra.",
	}, {
		name: "denying a thing is no denial of a claim",
		lang: "en",
		text: "Kestra denied visas to the delegation that arrived from Norvia on Monday.",
	}, {
		name: "coordinated verbs share their subject",
		lang: "en",
		text: "Marta Quiroga insisted that the talks would go ahead and has denied that the delegation was recalled.",
		want: []model.Claim{
			{Claimant: "Marta Quiroga", Stance: model.Asserts, Text: "the talks would go ahead"},
			{Claimant: "Marta Quiroga", Stance: model.Denies, Text: "the delegation was recalled"},
		},
	}, {
		name: "headline attribution with a colon",
		lang: "en",
		text: "Pentagon officials: two warships have been sent to the gulf.",
		want: []model.Claim{{Claimant: "Pentagon officials", Stance: model.Asserts, Text: "two warships have been sent to the gulf"}},
	}, {
		name: "a place before a colon is a dateline",
		lang: "en",
		text: "Tolosa: two warships have been sent to the gulf.",
	}, {
		name: "Spanish: negó con un día de la semana",
		lang: "es",
		text: "Marta Quiroga negó este martes que tropas norvias hubieran entrado en Tolosa.",
		want: []model.Claim{{Claimant: "Marta Quiroga", Stance: model.Denies, Text: "tropas norvias hubieran entrado en Tolosa"}},
	}, {
		name: "Spanish: desmintió rotundamente",
		lang: "es",
		text: "El Ministerio del Interior desmintió rotundamente que el paso fronterizo estuviera cerrado.",
		want: []model.Claim{{Claimant: "Ministerio del Interior", Stance: model.Denies, Text: "el paso fronterizo estuviera cerrado"}},
	}, {
		name: "Spanish: rechazó las versiones de que, with their owner",
		lang: "es",
		text: "Marta Quiroga rechazó las acusaciones de Brand de que su gobierno armaba a los rebeldes.",
		want: []model.Claim{
			{Claimant: "Marta Quiroga", Stance: model.Denies, Text: "acusaciones de Brand de que su gobierno armaba a los rebeldes"},
			{Claimant: "Ivo Brand", Stance: model.Asserts, Text: "su gobierno armaba a los rebeldes"},
		},
	}, {
		name: "Spanish: rechazar medidas no niega nada",
		lang: "es",
		text: "Marta Quiroga rechaza todas las medidas que violan la soberanía de Kestra.",
	}, {
		name: "Spanish: verbos coordinados",
		lang: "es",
		text: "Marta Quiroga aseguró que las conversaciones seguirán y negó que la delegación hubiera sido retirada.",
		want: []model.Claim{
			{Claimant: "Marta Quiroga", Stance: model.Asserts, Text: "las conversaciones seguirán"},
			{Claimant: "Marta Quiroga", Stance: model.Denies, Text: "la delegación hubiera sido retirada"},
		},
	}, {
		name: "a participle denying someone's accusations after a quote refers back to them",
		lang: "en",
		text: "Brand said the minister was hiding weapons. “I have never owned a rifle,” Marta Quiroga wrote, rejecting Brand's accusations.",
		want: []model.Claim{
			{Claimant: "Ivo Brand", Stance: model.Asserts, Text: "the minister was hiding weapons"},
			{Claimant: "Marta Quiroga", Stance: model.Denies, RefersBack: true, Of: "Ivo Brand"},
		},
	}, {
		name: "rejected the owner's claims: refers back to them",
		lang: "en",
		text: "Marta Quiroga rejected the accusations of the Interior Ministry on Monday.",
		want: []model.Claim{{Claimant: "Marta Quiroga", Stance: model.Denies, RefersBack: true, Of: "Interior Ministry"}},
	}, {
		name: "a place after a claim noun's complement owns nothing",
		lang: "en",
		text: "Marta Quiroga denied reports of an armed incursion near Tolosa.",
		want: []model.Claim{{Claimant: "Marta Quiroga", Stance: model.Denies, Text: "reports of an armed incursion near Tolosa"}},
	}, {
		name: "Spanish: rechazando las acusaciones de alguien",
		lang: "es",
		text: "«Nunca tuve un fusil», escribió Marta Quiroga, rechazando las acusaciones de Brand.",
		want: []model.Claim{{Claimant: "Marta Quiroga", Stance: model.Denies, RefersBack: true, Of: "Ivo Brand"}},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Extract(tc.text, text.Sentences(tc.text, tc.lang), nil, mentionsIn(tc.text, stanceEntities), nil, tc.lang)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d claims %+v, want %d", len(got), got, len(tc.want))
			}
			for i, g := range got {
				w := tc.want[i]
				if !w.RefersBack && g.Text != w.Text || g.Claimant != w.Claimant || g.Stance != w.Stance || g.RefersBack != w.RefersBack || g.Of != w.Of {
					t.Errorf("claim %d:\n got %+v\nwant %+v", i, g, w)
				}
				if tc.text[g.Start:g.End] != g.Text {
					t.Errorf("claim %d span %d:%d is %q, not its text", i, g.Start, g.End, tc.text[g.Start:g.End])
				}
			}
		})
	}
}

// TestSimilarityNearMisses checks that one statement worded another way
// is the same claim, while statements sharing most words but differing in
// who, or what happened, stay apart.
func TestSimilarityNearMisses(t *testing.T) {
	const claimMatch = 0.5 // the linker's threshold for one claim
	tests := []struct {
		a, b      string
		aLang     string
		bLang     string
		sameClaim bool
	}{
		{"Norvian special forces were on the ground in Tolosa", "Norvian special forces were seen on the ground in Tolosa, raising fears of an escalation", "en", "en", true},
		{"Norvian special forces were on the ground in Tolosa", "Norvian special forces were on the ground in Tolosa during the raid", "en", "en", true},
		{"twelve civilians were killed in the shelling of Tolosa", "the shelling of Tolosa killed twelve civilians", "en", "en", true},
		{"twelve civilians were killed in the shelling of Tolosa", "doce civiles murieron en el bombardeo de Tolosa", "en", "es", true},
		{"Norvian special forces were on the ground in Tolosa", "Norvian special forces were withdrawn from Tolosa", "en", "en", false},
		{"twelve civilians were killed in the shelling of Tolosa", "twelve soldiers were killed in the shelling of Tolosa", "en", "en", false},
		{"twelve civilians were killed in the shelling of Tolosa", "twelve civilians were wounded in the shelling of Tolosa", "en", "en", false},
		{"a Norvian drone had entered Kestran airspace over the lake", "a Norvian drone was downed over the lake", "en", "en", false},
		{"the rebels had captured the mayor of Tolosa", "the rebels had released the mayor of Tolosa", "en", "en", false},
		{"doce civiles murieron en el bombardeo de Tolosa", "doce soldados murieron en el bombardeo de Tolosa", "es", "es", false},
		{"once niños murieron en el bombardeo de Tolosa", "once soldados murieron en el bombardeo de Tolosa", "es", "es", false},
		// A country is one term in either language.
		{"the United States attacked Tolosa", "EE. UU. atacó Tolosa", "en", "es", true},
		{"the Americans attacked Tolosa", "los estadounidenses atacaron Tolosa", "en", "es", true},
		// Figures must agree: a toll of 17 is not one of 18.
		{"the death toll from the blast at the port rose to 95", "la cifra de muertos por la explosión en el puerto ascendió a 95", "en", "es", true},
		{"the death toll from the blast at the port rose to 17", "la cifra de muertos por la explosión en el puerto ascendió a 18", "en", "es", false},
		{"12 people died in the blast at the port and 31 are missing", "17 people died in the blast at the port and 12 are missing", "en", "en", false},
		// Pronouns say nothing of what is claimed.
		{"Sounds good to me", "I don't know whether he is good or bad, so stop the slander against me", "en", "en", false},
	}
	for _, tc := range tests {
		got := Similarity(model.Claim{Text: tc.a}, model.Claim{Text: tc.b}, tc.aLang, tc.bLang)
		if same := got >= claimMatch; same != tc.sameClaim {
			t.Errorf("Similarity(%q, %q) = %.2f: same claim %v, want %v", tc.a, tc.b, got, same, tc.sameClaim)
		}
	}
}

// TestCoverage: a long sentence holding a short claim's few words among
// many of its own covers little of itself with them; a restatement covers
// much.
func TestCoverage(t *testing.T) {
	claim := ContentTerms("the strikes hit only military sites", "en")
	long := ContentTerms("The government ordered the border crossings closed on Friday, a day after the attack on the town of Lodravo, in which three soldiers died and seven were wounded.", "en")
	same := ContentTerms("The strikes hit only military sites in the north, the ministry said.", "en")
	if got := Coverage(claim, long); got >= 0.25 {
		t.Errorf("coverage of a long unrelated sentence = %.2f, want below 0.25", got)
	}
	if got := Coverage(claim, same); got < 0.25 {
		t.Errorf("coverage of a restatement = %.2f, want at least 0.25", got)
	}
}

// TestClaimantKey: one claimant's names in English and Spanish share a
// key; others' do not.
func TestClaimantKey(t *testing.T) {
	same := [][2]string{
		{"Norvia's defence ministry", "el Ministerio de Defensa de Norvia"},
		{"the army", "el ejército"},
		{"Police", "la Policía"},
		{"the Norvian health ministry", "Ministerio de Salud norviano"},
	}
	for _, p := range same {
		if a, b := ClaimantKey(p[0]), ClaimantKey(p[1]); a != b {
			t.Errorf("ClaimantKey(%q) = %q, ClaimantKey(%q) = %q: want one key", p[0], a, p[1], b)
		}
	}
	different := [][2]string{
		{"Norvia's defence ministry", "Kestra's defence ministry"},
		{"the health ministry", "the defence ministry"},
	}
	for _, p := range different {
		if ClaimantKey(p[0]) == ClaimantKey(p[1]) {
			t.Errorf("%q and %q share a key", p[0], p[1])
		}
	}
}

// TestCountryTerms: a country's names and demonyms in both languages give
// one term; the United Nations and South America give none of the
// United States.
func TestCountryTerms(t *testing.T) {
	tests := []struct{ text, lang, want string }{
		{"EE. UU. atacó", "es", "=united_states"},
		{"los estadounidenses atacaron", "es", "=united_states"},
		{"American troops attacked", "en", "=united_states"},
		{"the United States attacked", "en", "=united_states"},
		{"the United Nations and South America", "en", ""},
		{"las Naciones Unidas y América Latina", "es", ""},
	}
	for _, tc := range tests {
		terms := ContentTerms(tc.text, tc.lang)
		got := ""
		for _, tm := range terms.terms {
			if tm.text == "=united_states" {
				got = tm.text
			}
		}
		if got != tc.want {
			t.Errorf("%q: United States term %q, want %q (terms %+v)", tc.text, got, tc.want, terms.terms)
		}
	}
}
