package claim

import (
	"sort"
	"strings"
	"testing"

	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/text"
)

// mentionsIn builds mentions for every whole-word occurrence of the given
// surface forms (form → "TYPE|Canonical"), longest forms first, the way the
// entity recogniser reports them.
func mentionsIn(s string, forms map[string]string) []model.Mention {
	names := make([]string, 0, len(forms))
	for n := range forms {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		if len(names[i]) != len(names[j]) {
			return len(names[i]) > len(names[j])
		}
		return names[i] < names[j]
	})
	taken := make([]bool, len(s)+1)
	var out []model.Mention
	for _, n := range names {
		typ, canon, _ := strings.Cut(forms[n], "|")
		if canon == "" {
			canon = n
		}
		for off := 0; ; {
			k := strings.Index(s[off:], n)
			if k < 0 {
				break
			}
			start := off + k
			off = start + len(n)
			if taken[start] || taken[off-1] || !wordBoundary(s, start, off) {
				continue
			}
			for p := start; p < off; p++ {
				taken[p] = true
			}
			out = append(out, model.Mention{Start: start, End: off, Text: n, Type: typ, Canonical: canon})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

func wordBoundary(s string, start, end int) bool {
	isWord := func(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' }
	return (start == 0 || !isWord(s[start-1])) && (end == len(s) || !isWord(s[end]))
}

var testEntities = map[string]string{
	"Gustavo Petro": "PER", "Petro": "PER|Gustavo Petro", "Reuters": "ORG", "CBS": "ORG",
	"Cancillería": "ORG|Colombian Foreign Ministry", "Donald Trump": "PER", "Trump": "PER|Donald Trump",
	"Caracas": "LOC", "Venezuela": "LOC", "Delcy Rodríguez": "PER", "Maduro": "PER|Nicolás Maduro",
	"Colombia": "LOC",
}

func TestExtract(t *testing.T) {
	tests := []struct {
		name string
		lang string
		text string
		want []model.Claim
	}{{
		name: "claimed that: hedged assertion",
		lang: "en",
		text: "Colombian President Gustavo Petro claimed that the Venezuelan capital, Caracas, is currently under missile attack.",
		want: []model.Claim{{Claimant: "Gustavo Petro", Stance: model.Asserts, Hedged: true,
			Text: "the Venezuelan capital, Caracas, is currently under missile attack"}},
	}, {
		name: "according to, content after the comma",
		lang: "en",
		text: "According to Reuters, the southern part of the city was left without electricity.",
		want: []model.Claim{{Claimant: "Reuters", Stance: model.Asserts,
			Text: "the southern part of the city was left without electricity"}},
	}, {
		name: "anonymous sources hedge",
		lang: "en",
		text: "Separately, CBS sources said the Trump administration was aware of the bombings.",
		want: []model.Claim{{Claimant: "CBS sources", Stance: model.Asserts, Hedged: true,
			Text: "the Trump administration was aware of the bombings"}},
	}, {
		name: "a quotation after a colon is what was said",
		lang: "en",
		text: `Petro said on Sunday: "Troops are crossing the border."`,
		want: []model.Claim{{Claimant: "Gustavo Petro", Stance: model.Asserts, Text: "Troops are crossing the border"}},
	}, {
		name: "una cita tras dos puntos es lo dicho",
		lang: "es",
		text: "Petro dijo el domingo: «Las tropas están cruzando la frontera».",
		want: []model.Claim{{Claimant: "Gustavo Petro", Stance: model.Asserts, Text: "Las tropas están cruzando la frontera"}},
	}, {
		name: "inversion",
		lang: "en",
		text: "Troops crossed the border overnight, said Petro.",
		want: []model.Claim{{Claimant: "Gustavo Petro", Stance: model.Asserts, Text: "Troops crossed the border overnight"}},
	}, {
		name: "confirmation supports",
		lang: "en",
		text: "Trump confirmed that Maduro had been captured.",
		want: []model.Claim{{Claimant: "Donald Trump", Stance: model.Supports, Text: "Maduro had been captured"}},
	}, {
		name: "pronoun subject takes the last person named",
		lang: "en",
		text: "Delcy Rodríguez spoke on television. She denied that her government would cooperate with Washington.",
		want: []model.Claim{{Claimant: "Delcy Rodríguez", Stance: model.Denies,
			Text: "her government would cooperate with Washington"}},
	}, {
		name: "document says there is no confirmation",
		lang: "en",
		text: "Petro said that Caracas is being bombed with missiles. There has been no official confirmation of the missile attacks.",
		want: []model.Claim{{Claimant: "Gustavo Petro", Stance: model.Asserts, Hedged: true,
			Text: "Caracas is being bombed with missiles"}},
	}, {
		name: "a wire's unverified figure",
		lang: "en",
		text: "Petro said 40 people were killed in the strikes. Reuters was unable to independently verify the toll of the strikes.",
		want: []model.Claim{{Claimant: "Gustavo Petro", Stance: model.Asserts, Hedged: true,
			Text: "40 people were killed in the strikes"}},
	}, {
		name: "a sentence's own claim is what it leaves unconfirmed",
		lang: "en",
		text: "Petro said 31 people were killed in the bombing. Local media reported that more than 40 people were killed in the bombing, a figure the authorities did not confirm.",
		want: []model.Claim{
			{Claimant: "Gustavo Petro", Stance: model.Asserts, Text: "31 people were killed in the bombing"},
			{Claimant: "Local media", Stance: model.Asserts, Hedged: true, Text: "more than 40 people were killed in the bombing"},
		},
	}, {
		name: "una cifra que no pudo ser verificada",
		lang: "es",
		text: "Petro dijo que 40 personas murieron en los bombardeos. La cifra de muertos en los bombardeos no pudo ser verificada.",
		want: []model.Claim{{Claimant: "Gustavo Petro", Stance: model.Asserts, Hedged: true,
			Text: "40 personas murieron en los bombardeos"}},
	}, {
		name: "Spanish denial",
		lang: "es",
		text: "La Cancillería negó que tropas colombianas hubieran cruzado la frontera.",
		want: []model.Claim{{Claimant: "Colombian Foreign Ministry", Stance: model.Denies,
			Text: "tropas colombianas hubieran cruzado la frontera"}},
	}, {
		name: "Spanish según with hedge",
		lang: "es",
		text: "Según Reuters, el presidente habría sido capturado en Caracas.",
		want: []model.Claim{{Claimant: "Reuters", Stance: model.Asserts, Hedged: true,
			Text: "el presidente habría sido capturado en Caracas"}},
	}, {
		name: "Spanish question",
		lang: "es",
		text: "Petro cuestionó que el ataque fuera legal.",
		want: []model.Claim{{Claimant: "Gustavo Petro", Stance: model.Disputes, Text: "el ataque fuera legal"}},
	}, {
		name: "relative pronoun after a prepositional object",
		lang: "en",
		text: "The remarks drew a response from Petro, who said that the accusations were slander.",
		want: []model.Claim{{Claimant: "Gustavo Petro", Stance: model.Asserts, Text: "the accusations were slander"}},
	}, {
		name: "an owner in an appositive does not speak",
		lang: "en",
		text: "Petro, Colombia’s first leftist leader, said the talks had failed.",
		want: []model.Claim{{Claimant: "Gustavo Petro", Stance: model.Asserts, Text: "the talks had failed"}},
	}, {
		name: "an object talked of is no statement",
		lang: "en",
		text: "Trump insisted on his immediate removal.",
	}, {
		name: "a time phrase before the statement keeps it",
		lang: "en",
		text: "Petro said on Monday the talks had failed.",
		want: []model.Claim{{Claimant: "Gustavo Petro", Stance: model.Asserts, Text: "on Monday the talks had failed"}},
	}, {
		name: "Spanish object talked of",
		lang: "es",
		text: "Petro advirtió sobre una guerra más amplia en la región.",
	}, {
		name: "a statement whose subject stands outside it",
		lang: "en",
		text: "Troops seized two boats, which Reuters said were carrying drugs.",
	}, {
		name: "a description speaks when no one holds its office",
		lang: "en",
		text: "The Venezuelan foreign minister said the talks had failed.",
		want: []model.Claim{{Claimant: "The Venezuelan foreign minister", Stance: model.Asserts, Text: "the talks had failed"}},
	}, {
		name: "Spanish description",
		lang: "es",
		text: "El ministro venezolano dijo que el diálogo había fracasado.",
		want: []model.Claim{{Claimant: "El ministro venezolano", Stance: model.Asserts, Text: "el diálogo había fracasado"}},
	}, {
		name: "no attribution, no claim",
		lang: "en",
		text: "Residents of the city took to the streets.",
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Extract(tc.text, text.Sentences(tc.text, tc.lang), nil, mentionsIn(tc.text, testEntities), nil, tc.lang)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d claims %+v, want %d", len(got), got, len(tc.want))
			}
			for i, g := range got {
				w := tc.want[i]
				if g.Text != w.Text || g.Claimant != w.Claimant || g.Stance != w.Stance || g.Hedged != w.Hedged {
					t.Errorf("claim %d:\n got %+v\nwant %+v", i, g, w)
				}
				if tc.text[g.Start:g.End] != g.Text {
					t.Errorf("claim %d span %d:%d is %q, not its text", i, g.Start, g.End, tc.text[g.Start:g.End])
				}
			}
		})
	}
}

// TestOfficeHolderSpeaks: "Colombia’s president said" is said by the
// person the text gave that office, else by the description, never by
// the country.
func TestOfficeHolderSpeaks(t *testing.T) {
	s := "Gustavo Petro spoke on Monday. Colombia’s first leftist president said the talks had failed."
	mentions := mentionsIn(s, testEntities)
	mentions[0].Role = "president"
	got := Extract(s, text.Sentences(s, "en"), nil, mentions, nil, "en")
	if len(got) != 1 || got[0].Claimant != "Gustavo Petro" || got[0].Text != "the talks had failed" {
		t.Fatalf("got %+v, want the talks had failed, claimed by Gustavo Petro", got)
	}
	// Of two presidents, the one named last speaks.
	two := "President Donald Trump called President Gustavo Petro. Petro thanked him. The president said the talks had failed."
	ms := mentionsIn(two, testEntities)
	ms[0].Role, ms[1].Role = "president", "president"
	if got := Extract(two, text.Sentences(two, "en"), nil, ms, nil, "en"); len(got) != 1 || got[0].Claimant != "Gustavo Petro" {
		t.Errorf("two presidents: got %+v, want the talks had failed, claimed by Gustavo Petro", got)
	}
	// A name the owner's phrase stands in apposition to speaks, not an
	// earlier holder of a like office.
	app := "Delcy Rodríguez became the interim leader. Gustavo Petro, Colombia’s first leftist leader, said he had sworn never to take up arms."
	ams := mentionsIn(app, testEntities)
	ams[0].Role = "leader"
	if got := Extract(app, text.Sentences(app, "en"), nil, ams, nil, "en"); len(got) != 1 || got[0].Claimant != "Gustavo Petro" {
		t.Errorf("apposition: got %+v, want he had sworn …, claimed by Gustavo Petro", got)
	}
	mentions[0].Role = ""
	got = Extract(s, text.Sentences(s, "en"), nil, mentions, nil, "en")
	if len(got) != 1 || got[0].Claimant != "Colombia’s first leftist president" {
		t.Errorf("with no office holder got %+v, want the description as claimant (the country does not speak)", got)
	}
}

func TestExtractQuotes(t *testing.T) {
	s := `“Warn the world: Venezuela has been attacked!” his post reads. “Is it true?” he asked. Petro wrote that "Caracas is under attack".`
	quote := func(body, speaker string) model.Quote {
		k := strings.Index(s, body)
		return model.Quote{Start: k, End: k + len(body), Text: body, Speaker: speaker, SpeakerStart: -1, SpeakerEnd: -1}
	}
	quotes := []model.Quote{
		quote("Warn the world: Venezuela has been attacked!", "Gustavo Petro"),
		quote("Is it true?", "Gustavo Petro"),
		quote("Caracas is under attack", "Gustavo Petro"),
	}
	got := Extract(s, text.Sentences(s, "en"), nil, mentionsIn(s, testEntities), quotes, "en")
	want := []string{"Warn the world: Venezuela has been attacked", `Caracas is under attack`}
	if len(got) != len(want) {
		t.Fatalf("got %d claims %+v, want %d", len(got), got, len(want))
	}
	for i, g := range got {
		if g.Text != want[i] || g.Claimant != "Gustavo Petro" {
			t.Errorf("claim %d = %q by %q, want %q by Gustavo Petro", i, g.Text, g.Claimant, want[i])
		}
	}
}

// TestQuotationPartlyReported: a quotation of two sentences whose second
// is a reported-speech claim ('…,” said Lena Marsh') leaves its first
// sentence to the quotation's own claim.
func TestQuotationPartlyReported(t *testing.T) {
	s := `"They shelled the school and the market. There were no soldiers there," said Lena Marsh, a nurse.`
	quotes := []model.Quote{quoteOf(s, "They shelled the school and the market. There were no soldiers there,", "Lena Marsh")}
	checkClaimLinesIn(t, "en", s, map[string]string{"Lena Marsh": "PER"}, quotes,
		"Lena Marsh: They shelled the school and the market\nLena Marsh: There were no soldiers there")
}

// TestParentheticalAttribution: "según X" or "according to X" set off by
// commas inside a clause attributes that clause, both its parts.
func TestParentheticalAttribution(t *testing.T) {
	entities := map[string]string{"Tarquela": "LOC", "Lodravo": "LOC"}
	tests := []struct{ lang, text, want string }{
		{"es", "Las tropas atacaron Lodravo, un ataque en el que, según Tarquela, murieron tres soldados.", "Tarquela: un ataque en el que, según Tarquela, murieron tres soldados"},
		{"en", "The strikes, according to Tarquela, hit only military sites near the border.", "Tarquela: The strikes, according to Tarquela, hit only military sites near the border"},
	}
	for _, tc := range tests {
		checkClaimLinesIn(t, tc.lang, tc.text, entities, nil, tc.want)
	}
}

// TestDialogueLine: a line of dialogue opened by a dash and closed by its
// speaker's verb ("—…—dijo Brand") is the quotation's claim, not one of
// the words before the verb.
func TestDialogueLine(t *testing.T) {
	s := "—Tarquela busca una excusa para escalar el conflicto —dijo Ivo Brand a la radio pública."
	body := "Tarquela busca una excusa para escalar el conflicto"
	checkClaimLinesIn(t, "es", s, map[string]string{"Ivo Brand": "PER", "Tarquela": "LOC"}, []model.Quote{quoteOf(s, body, "Ivo Brand")}, "Ivo Brand: "+body)
}

// TestQuotedDemand: words quoted as what someone asks for state nothing,
// in either language.
func TestQuotedDemand(t *testing.T) {
	tests := []struct{ lang, text, body string }{
		{"en", `Ana Ruiz demanded "an independent investigation into the shelling" on Tuesday.`, "an independent investigation into the shelling"},
		{"es", `Ana Ruiz exigió «una investigación independiente sobre el bombardeo» el martes.`, "una investigación independiente sobre el bombardeo"},
	}
	ruiz := map[string]string{"Ana Ruiz": "PER"}
	for _, tc := range tests {
		checkClaimLinesIn(t, tc.lang, tc.text, ruiz, []model.Quote{quoteOf(tc.text, tc.body, "Ana Ruiz")}, "")
		// The same words said are a claim.
		said := strings.Replace(strings.Replace(tc.text, "demanded", "said", 1), "exigió", "dijo", 1)
		checkClaimLinesIn(t, tc.lang, said, ruiz, []model.Quote{quoteOf(said, tc.body, "Ana Ruiz")}, "Ana Ruiz: "+tc.body)
	}
}

func TestSimilarity(t *testing.T) {
	petro := model.Claim{Text: "Caracas is being bombed with missiles"}
	tests := []struct {
		name    string
		b       string
		lang    string
		atLeast float64
		below   float64
	}{
		{"same claim, other words", "the Venezuelan capital, Caracas, is currently under missile attack", "en", 0.5, 1.01},
		{"shorter report", "Caracas is under attack", "en", 0.5, 1.01},
		// One key word in common while each side says more: related,
		// not the same statement.
		{"longer report about something else", "the United States had crossed a historic line by bombing Caracas during the operation to capture Maduro", "en", 0.2, 0.5},
		{"Spanish", "Caracas está siendo bombardeada con misiles", "es", 0.5, 1.01},
		{"unrelated", "the southern part of the city was left without electricity", "en", 0, 0.3},
		{"unrelated, same country", "Delcy Rodríguez is willing to cooperate with Washington", "en", 0, 0.3},
		{"unrelated, one shared name", "Caracas remained largely quiet on Sunday", "en", 0, 0.3},
	}
	for _, tc := range tests {
		got := Similarity(petro, model.Claim{Text: tc.b}, "en", tc.lang)
		if got < tc.atLeast || got >= tc.below {
			t.Errorf("%s: Similarity = %.2f, want in [%.2f, %.2f)", tc.name, got, tc.atLeast, tc.below)
		}
		if back := Similarity(model.Claim{Text: tc.b}, petro, tc.lang, "en"); back != got {
			t.Errorf("%s: not symmetric: %.2f vs %.2f", tc.name, got, back)
		}
	}
}

// TestExtractDenials covers what a denial denies: the proposition up to
// the next clause, or, when the verb's object only points back, the
// sentence with the one before it, marked RefersBack.
func TestExtractDenials(t *testing.T) {
	entities := map[string]string{
		"Ivo Brand": "PER", "Brand": "PER|Ivo Brand", "Defence Ministry": "ORG", "Norvia": "LOC",
		"Ministerio de Defensa": "ORG", "Cancillería": "ORG", "Tribunal Supremo": "ORG", "Supreme Court": "ORG",
		"Karvenia": "LOC", "Tarquela": "LOC",
	}
	tests := []struct {
		name, lang, text string
		want             []model.Claim // Text is checked for claims that do not refer back
	}{{
		name: "clause after the denied proposition is cut, and is a statement of its own",
		lang: "en",
		text: "The Defence Ministry denied that any of its aircraft had crossed the border and said its pilots had been grounded since May.",
		want: []model.Claim{
			{Claimant: "Defence Ministry", Stance: model.Denies, Text: "any of its aircraft had crossed the border"},
			{Claimant: "Defence Ministry", Stance: model.Asserts, Text: "its pilots had been grounded since May"},
		},
	}, {
		name: "pronoun subject of the denied clause is no reference",
		lang: "en",
		text: "The Defence Ministry denied it had sent any aircraft across the border.",
		want: []model.Claim{{Claimant: "Defence Ministry", Stance: model.Denies, Text: "it had sent any aircraft across the border"}},
	}, {
		name: "denied it refers back",
		lang: "en",
		text: "Ivo Brand said a Norvian drone had entered Kestran airspace on Friday. The Defence Ministry denied it the same day.",
		want: []model.Claim{
			{Claimant: "Ivo Brand", Stance: model.Asserts, Text: "a Norvian drone had entered Kestran airspace on Friday"},
			{Claimant: "Defence Ministry", Stance: model.Denies, RefersBack: true},
		},
	}, {
		name: "the claim, and another statement",
		lang: "en",
		text: "The Defence Ministry denied the claim, and radar logs showed no flights over the lake.",
		want: []model.Claim{{Claimant: "Defence Ministry", Stance: model.Denies, RefersBack: true}},
	}, {
		name: "a denied act in a verbal complement",
		lang: "en",
		text: "The Defence Ministry denied having fired on the village.",
		want: []model.Claim{{Claimant: "Defence Ministry", Stance: model.Denies, Text: "having fired on the village"}},
	}, {
		name: "Spanish denied act in an infinitive",
		lang: "es",
		text: "El Ministerio de Defensa negó haber atacado objetivos civiles y aseguró que sus tropas solo respondieron a disparos.",
		want: []model.Claim{
			{Claimant: "Ministerio de Defensa", Stance: model.Denies, Text: "haber atacado objetivos civiles"},
			{Claimant: "Ministerio de Defensa", Stance: model.Asserts, Text: "sus tropas solo respondieron a disparos"},
		},
	}, {
		name: "confirming the agreement confirms the claim before",
		lang: "en",
		text: "Ivo Brand said the union had reached a deal with the operator. The Defence Ministry confirmed the agreement in a statement.",
		want: []model.Claim{
			{Claimant: "Ivo Brand", Stance: model.Asserts, Text: "the union had reached a deal with the operator"},
			{Claimant: "Defence Ministry", Stance: model.Supports, RefersBack: true},
		},
	}, {
		name: "a verb coordinated after a denial that points back",
		lang: "es",
		text: "El portavoz, Ivo Brand, rechazó las acusaciones y aseguró que sus tropas solo respondieron a disparos.",
		want: []model.Claim{
			{Claimant: "Ivo Brand", Stance: model.Denies, RefersBack: true},
			{Claimant: "Ivo Brand", Stance: model.Asserts, Text: "sus tropas solo respondieron a disparos"},
		},
	}, {
		name: "a denied act in a gerund",
		lang: "en",
		text: "The Defence Ministry denied shelling the village near the border.",
		want: []model.Claim{{Claimant: "Defence Ministry", Stance: model.Denies, Text: "shelling the village near the border"}},
	}, {
		name: "Spanish denied act in a plain infinitive",
		lang: "es",
		text: "El Ministerio de Defensa niega atacar a los civiles del puerto.",
		want: []model.Claim{{Claimant: "Ministerio de Defensa", Stance: model.Denies, Text: "atacar a los civiles del puerto"}},
	}, {
		name: "a relative clause after the object has its own speaker",
		lang: "es",
		text: "Karvenia denunció 40 muertos en los bombardeos de Tarquela, que niega atacar a los civiles.",
		want: []model.Claim{
			{Claimant: "Karvenia", Stance: model.Asserts, Text: "40 muertos en los bombardeos de Tarquela"},
			{Claimant: "Tarquela", Stance: model.Denies, Text: "atacar a los civiles"},
		},
	}, {
		name: "an infinitive of intent after a denial is no statement",
		lang: "en",
		text: "The Defence Ministry refused to comment on the village.",
	}, {
		name: "rejected alone takes no object as a claim",
		lang: "en",
		text: "The Supreme Court rejected the appeal of the three defendants on Monday.",
	}, {
		name: "rejected that",
		lang: "en",
		text: "The Defence Ministry rejected suggestions that its troops had shelled the village.",
		want: []model.Claim{{Claimant: "Defence Ministry", Stance: model.Denies, Text: "its troops had shelled the village"}},
	}, {
		name: "Spanish denial cut before 'como'",
		lang: "es",
		text: "El Ministerio de Defensa negó que un dron hubiera entrado en el espacio aéreo de Kestra, como había afirmado Ivo Brand.",
		want: []model.Claim{{Claimant: "Ministerio de Defensa", Stance: model.Denies, Text: "un dron hubiera entrado en el espacio aéreo de Kestra"}},
	}, {
		name: "Spanish clitic refers back",
		lang: "es",
		text: "Brand dijo que un dron entró en el espacio aéreo de Kestra. El Ministerio de Defensa lo desmintió horas después.",
		want: []model.Claim{
			{Claimant: "Ivo Brand", Stance: model.Asserts, Text: "un dron entró en el espacio aéreo de Kestra"},
			{Claimant: "Ministerio de Defensa", Stance: model.Denies, RefersBack: true},
		},
	}, {
		name: "Spanish rejection of the accusations refers back",
		lang: "es",
		text: "La Cancillería rechazó las acusaciones.",
		want: []model.Claim{{Claimant: "Cancillería", Stance: model.Denies, RefersBack: true}},
	}, {
		name: "Spanish rejection with que",
		lang: "es",
		text: "La Cancillería rechazó que el grupo armado tenga bases en su territorio.",
		want: []model.Claim{{Claimant: "Cancillería", Stance: model.Denies, Text: "el grupo armado tenga bases en su territorio"}},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := Extract(tc.text, text.Sentences(tc.text, tc.lang), nil, mentionsIn(tc.text, entities), nil, tc.lang)
			sort.SliceStable(got, func(i, j int) bool { return got[i].End < got[j].End })
			if len(got) != len(tc.want) {
				t.Fatalf("got %d claims %+v, want %d", len(got), got, len(tc.want))
			}
			for i, g := range got {
				w := tc.want[i]
				if g.Claimant != w.Claimant || g.Stance != w.Stance || g.RefersBack != w.RefersBack || !w.RefersBack && g.Text != w.Text {
					t.Errorf("claim %d:\n got %+v\nwant %+v", i, g, w)
				}
				if tc.text[g.Start:g.End] != g.Text {
					t.Errorf("claim %d span %d:%d is %q, not its text", i, g.Start, g.End, tc.text[g.Start:g.End])
				}
				if w.RefersBack && g.End != len(strings.TrimRight(tc.text, ".")) {
					t.Errorf("claim %d refers back but its span %q does not run to the end of its sentence", i, g.Text)
				}
			}
		})
	}
}

func TestNarrates(t *testing.T) {
	tests := []struct {
		lang, sentence string
		want           bool
	}{
		{"en", "Explosives destroyed the Tamsin bridge on Saturday.", true},
		{"en", "Minister Ivo Brand said explosives destroyed the bridge.", false},
		{"en", "The two governments agreed to investigate the attack on the bridge.", false},
		{"en", "The bridge was allegedly destroyed by rebels.", false},
		{"es", "Los explosivos destruyeron el puente de Tamsin el sábado.", true},
		{"es", "Según la policía, los explosivos destruyeron el puente.", false},
	}
	for _, tc := range tests {
		if got := Narrates(tc.sentence, tc.lang); got != tc.want {
			t.Errorf("Narrates(%q) = %v, want %v", tc.sentence, got, tc.want)
		}
	}
}

// TestInvertedSubject: a reporting verb after its content, set off by a
// comma, takes the subject that follows it ("…, said the army
// spokesman"), past adverbials and the one spoken to; a clause after
// the verb is the content, not a subject.
func TestInvertedSubject(t *testing.T) {
	entities := map[string]string{
		"Ana Ruiz": "PER", "Tomás Vidal": "PER", "Lucía Benavides": "PER", "Efe": "ORG", "EFE": "ORG",
		"Varnholt Energía": "ORG", "Policía Nacional": "ORG", "Tarquela": "LOC", "Karvenia": "LOC", "Lodravo": "LOC",
	}
	tests := []struct{ lang, text, claimant, content string }{
		{"en", "The convoy was attacked near Lodravo by gunmen, said the army spokesman.", "the army spokesman", "The convoy was attacked near Lodravo by gunmen"},
		{"en", "Tarquela will close its border with Karvenia on Monday, said Ana Ruiz, the foreign minister.", "Ana Ruiz", "Tarquela will close its border with Karvenia on Monday"},
		{"en", "Ana Ruiz, the mayor, said Tarquela had closed the border.", "Ana Ruiz", "Tarquela had closed the border"},
		{"es", "Lodravo, 12 mar (EFE).- Tres obreros resultaron heridos en el puerto de Lodravo, indicó a Efe el alcalde de la localidad, Tomás Vidal.", "Tomás Vidal", "Tres obreros resultaron heridos en el puerto de Lodravo"},
		{"es", "La compañía prevé duplicar sus ventas en Tarquela, anunció hoy el presidente de Varnholt Energía, Lucía Benavides.", "Lucía Benavides", "La compañía prevé duplicar sus ventas en Tarquela"},
		{"es", "El Gobierno no negociará con los secuestradores, señaló el ministro del Interior.", "el ministro del Interior", "El Gobierno no negociará con los secuestradores"},
		{"es", "Las conversaciones con Tarquela fracasaron por falta de garantías, dijeron hoy fuentes diplomáticas.", "fuentes diplomáticas", "Las conversaciones con Tarquela fracasaron por falta de garantías"},
		{"es", "Los manifestantes cortaron tres carreteras, informó la Policía Nacional en un comunicado.", "Policía Nacional", "Los manifestantes cortaron tres carreteras"},
		{"es", "Ana Ruiz, alcaldesa de Lodravo, dijo que el puerto reabrirá el lunes.", "Ana Ruiz", "el puerto reabrirá el lunes"},
		// "según" with a reporting verb: the source follows the verb.
		{"es", "Según informaron a Efe fuentes de la Policía Nacional, el accidente ocurrió a las cinco de la tarde.", "fuentes de la Policía Nacional", "el accidente ocurrió a las cinco de la tarde"},
		{"es", "Karvenia ha convocado una conferencia para cambiar su imagen, según ha dicho el diputado Tomás Vidal.", "Tomás Vidal", "Karvenia ha convocado una conferencia para cambiar su imagen"},
		{"es", "En opinión de la presidenta de la asociación, Lucía Benavides, el cierre del puerto demuestra la fuerza de los armadores.", "Lucía Benavides", "el cierre del puerto demuestra la fuerza de los armadores"},
		// A day with its article or "este" is an adverbial before the subject.
		{"es", "Las tropas atacaron el puerto, según informó este lunes el ministerio de Salud.", "el ministerio de Salud", "Las tropas atacaron el puerto"},
		{"es", "Las tropas atacaron el puerto, dijo el martes por la noche el gobernador Tomás Vidal.", "Tomás Vidal", "Las tropas atacaron el puerto"},
		// "dicho" is a participle of saying only after an auxiliary.
		{"es", "Ana Ruiz dijo que las ventas crecieron un 9 por ciento más que en dicho mes de 1999.", "Ana Ruiz", "las ventas crecieron un 9 por ciento más que en dicho mes de 1999"},
	}
	for _, tc := range tests {
		got := Extract(tc.text, text.Sentences(tc.text, tc.lang), nil, mentionsIn(tc.text, entities), nil, tc.lang)
		if len(got) != 1 || got[0].Claimant != tc.claimant || got[0].Text != tc.content {
			t.Errorf("%q:\n got %+v\nwant %q claimed by %q", tc.text, got, tc.content, tc.claimant)
		}
	}
	// A quotation before the verb is the quotation's claim, not a
	// statement about the one spoken to.
	q := `"La situación es grave", dijo a EFE Ana Ruiz.`
	if got := Extract(q, text.Sentences(q, "es"), nil, mentionsIn(q, entities), nil, "es"); len(got) != 0 {
		t.Errorf("%q: got %+v, want no claim without the quote", q, got)
	}
}

// TestAfterQuotation: a verb attributing a quotation makes no claim of
// its own, but what it adds in a that-clause is the quotation speaker's.
func TestAfterQuotation(t *testing.T) {
	s := "“The minister was lawfully elected,” the statement said, adding that any attempt to remove her broke the charter."
	start := len("“")
	end := strings.Index(s, ",”")
	quotes := []model.Quote{{Start: start, End: end, Text: s[start:end], Speaker: "Karvenian Foreign Ministry"}}
	got := Extract(s, text.Sentences(s, "en"), nil, nil, quotes, "en")
	var texts []string
	for _, c := range got {
		texts = append(texts, c.Claimant+": "+c.Text)
	}
	want := []string{
		"Karvenian Foreign Ministry: The minister was lawfully elected",
		"Karvenian Foreign Ministry: any attempt to remove her broke the charter",
	}
	if strings.Join(texts, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(texts, "\n"), strings.Join(want, "\n"))
	}
}

// TestCoordinatedVerbAfterCut: a second verb of the same subject after a
// clause boundary ("…, but said, “…”") is not an attribution set off by
// commas, and its claim, cut before that verb, must not send the scan back
// to it (this sentence once looped for ever).
func TestCoordinatedVerbAfterCut(t *testing.T) {
	s := "Ana Ruiz said the members will still meet for lunch, but said, “It’s time we change how we do it,” promising the club will return to its roots."
	got := Extract(s, text.Sentences(s, "en"), nil, mentionsIn(s, map[string]string{"Ana Ruiz": "PER"}), nil, "en")
	if len(got) == 0 || got[0].Text != "the members will still meet for lunch" || got[0].Claimant != "Ana Ruiz" {
		t.Fatalf("got %+v, want first the members will still meet for lunch, by Ana Ruiz", got)
	}
	for _, c := range got {
		if strings.HasPrefix(c.Text, "Ana Ruiz said") {
			t.Errorf("claim %q holds its own attribution", c.Text)
		}
	}
}

// TestAttributionShapes: reporting gerunds take their clause's subject,
// an unnamed source after "according to" is its phrase, a share of
// respondents is a subject, and a name in parentheses does not speak for
// the name before it.
func TestAttributionShapes(t *testing.T) {
	entities := map[string]string{"Ana Ruiz": "PER", "Tomás Vidal": "PER", "R-Ga": "ORG", "Lodravo": "LOC", "Tarquela": "LOC"}
	tests := []struct{ text, want string }{
		{"Ana Ruiz joked on Monday, saying she would now root for the visiting team.", "Ana Ruiz: she would now root for the visiting team"},
		{"LODRAVO (Reuters) - Ana Ruiz criticised the plan, arguing that the port would lose its trade.", "Ana Ruiz: the port would lose its trade"},
		{"Ana Ruiz said the port would reopen, adding that the ferries would sail on Monday.", "Ana Ruiz: the port would reopen\nAna Ruiz: the ferries would sail on Monday"},
		{"According to a recent poll of Lodravo voters, the mayor leads by nine points.", "a recent poll of Lodravo voters: the mayor leads by nine points"},
		{"Six in 10 say they want the port to stay open.", "Six in 10: they want the port to stay open"},
		{"In a recent poll of Lodravo voters, the mayor held a nine-point lead.", "a recent poll of Lodravo voters: the mayor held a nine-point lead"},
		{"In Lodravo, the mayor held a rally.", ""},
		{"About 9 percent said they had no preference.", "About 9 percent: they had no preference"},
		{"Yesterday the protesters said they would stay in the square.", "the protesters: they would stay in the square"},
		{"And a significant number of voters said they would stay home.", "a significant number of voters: they would stay home"},
		// A quoted fragment ends the statement; the quotation is not all of it.
		{"The plan may be “strategic,” said Ana Ruiz, a professor at the university.", "Ana Ruiz: The plan may be “strategic,”"},
		{"Sen. Tomás Vidal (R-Ga) said the vote would be close.", "Tomás Vidal: the vote would be close"},
		// A finding is a claim only with a clause: not "found a body".
		{"A poll found that the mayor leads by nine points.", "A poll: the mayor leads by nine points"},
		{"Police found a body in the river.", ""},
		// Nothing is said after the verb, or the subject is the one charged.
		{"“We will win,” Sen. Tomás Vidal (R-Ga), a member of the panel, said in a phone interview.", ""},
		{"Ana Ruiz has not been charged with any crime.", ""},
		// An infinitive is no clause: "agreed to do so" asserts nothing.
		{"Ana Ruiz said she was ready to step down, but had agreed to do so no sooner than next year.", "Ana Ruiz: she was ready to step down"},
		// Whom one spoke to is no statement; the verb joined to it states.
		{`"We are following several leads," Ana Ruiz told a news conference, adding that the bomb had been hidden in a cart.`, "Ana Ruiz: the bomb had been hidden in a cart"},
		// A demand joined to the statement is the speaker's act, not what was said.
		{"Ana Ruiz said the situation was deeply worrying and called on both sides to show restraint.", "Ana Ruiz: the situation was deeply worrying"},
		// An aside between the subject and its verb.
		{"Karvenian officials, speaking on condition of anonymity, said the troops had crossed the river.", "Karvenian officials: the troops had crossed the river"},
		{"Ana Ruiz, who asked not to be named, said the troops had crossed the river.", "Ana Ruiz: the troops had crossed the river"},
		// Speakers described after the statement speak, not the names in
		// it; an adjunct may follow them.
		{"Tarquela and Lodravo agreed on Thursday to a ceasefire, ending weeks of clashes, the foreign ministers of both countries said after talks in the capital.", "the foreign ministers of both countries: Tarquela and Lodravo agreed on Thursday to a ceasefire, ending weeks of clashes"},
		// The document an account comes from is not its source.
		{"According to a statement from the presidency, the border will remain closed.", "the presidency: the border will remain closed"},
		// A coordinator after a comma opens a clause with its own subject.
		{"Investigators have not determined the cause, but two officials familiar with the inquiry said a gas leak was the likely source.", "two officials familiar with the inquiry: a gas leak was the likely source"},
		// A phrase renaming what was said ends it.
		{"Local media reported that more than 40 people were killed, a figure the authorities did not confirm.", "Local media: more than 40 people were killed"},
		// A clause after the attribution is no part of the statement.
		{"The toll rose to 31 on Monday, the health office said, as rescuers pulled more bodies from the rubble.", "the health office: The toll rose to 31 on Monday"},
		// An order is no statement.
		{"Ana Ruiz told him to put the vials in a bag.", ""},
		{"Ana Ruiz told Tomás Vidal not to leave the port.", ""},
	}
	for _, tc := range tests {
		checkClaimLines(t, tc.text, entities, tc.want)
	}
}

// TestDescribedSources: a source noun speaks with its description, a
// dateline's place speaks for no one, and a party code in parentheses
// does not stand for the name before it.
func TestDescribedSources(t *testing.T) {
	entities := map[string]string{"LODRAVO": "LOC", "Ana Ruiz": "PER", "Tomás Vidal": "PER", "D-N": "ORG", "Karvenia": "LOC"}
	tests := []struct{ text, want string }{
		{"Karvenian party officials said the caucus would begin at noon.", "Karvenian party officials: the caucus would begin at noon"},
		{"A senior administration official said the talks had stalled.", "A senior administration official: the talks had stalled"},
		{"LODRAVO ― Ana Ruiz’s campaign said it is looking for a new chair.", "Ana Ruiz’s campaign: it is looking for a new chair"},
		{"Rep. Tomás Vidal (D-N.Y.) said the vote would be close.", "Tomás Vidal: the vote would be close"},
		// A relative clause describes the speakers; they are the words before it.
		{"Troops shelled the port, two officials who requested anonymity said.", "two officials: Troops shelled the port"},
		// A quotation closing the statement keeps its closing mark.
		{`Ana Ruiz said she would not tolerate "more attacks".`, `Ana Ruiz: she would not tolerate "more attacks"`},
	}
	for _, tc := range tests {
		checkClaimLines(t, tc.text, entities, tc.want)
	}
}

// checkClaimLines extracts the English claims of s, with the given
// entities, and compares them, "claimant: text" a line, with want.
func checkClaimLines(t *testing.T, s string, entities map[string]string, want string) {
	t.Helper()
	checkClaimLinesIn(t, "en", s, entities, nil, want)
}

// checkClaimLinesIn is checkClaimLines in a language, with quotes found.
func checkClaimLinesIn(t *testing.T, lang, s string, entities map[string]string, quotes []model.Quote, want string) {
	t.Helper()
	var lines []string
	for _, c := range Extract(s, text.Sentences(s, lang), nil, mentionsIn(s, entities), quotes, lang) {
		lines = append(lines, c.Claimant+": "+c.Text)
	}
	if got := strings.Join(lines, "\n"); got != want {
		t.Errorf("%q:\n got %q\nwant %q", s, got, want)
	}
}

// quoteOf is the quotation of body in s by speaker.
func quoteOf(s, body, speaker string) model.Quote {
	k := strings.Index(s, body)
	return model.Quote{Start: k, End: k + len(body), Text: body, Speaker: speaker, SpeakerStart: -1, SpeakerEnd: -1}
}

// TestRestatedStatement: a phrase renaming the statement after its
// attribution ("…, the governor said, a figure the army disputed") ends
// the statement at the attribution, and a contesting verb closing the
// phrase contests that statement.
func TestRestatedStatement(t *testing.T) {
	tests := []struct{ lang, text, want string }{
		{"en", "Troops shelled the port on Tuesday, killing 12 people, the governor said, a figure the army disputed.",
			"asserts the governor: Troops shelled the port on Tuesday, killing 12 people\ndisputes the army: Troops shelled the port on Tuesday, killing 12 people"},
		{"en", "Troops shelled the port on Tuesday, the governor said, which the regional army command denied.",
			"asserts the governor: Troops shelled the port on Tuesday\ndenies the regional army command: Troops shelled the port on Tuesday"},
		// A restating phrase that contests nothing only ends the statement.
		{"en", "Twelve people died in the shelling, the governor said, a figure higher than the army's.",
			"asserts the governor: Twelve people died in the shelling"},
		// An attribution set off by commas inside its statement still has
		// the whole sentence for its statement.
		{"en", "The shelling, the governor said, killed twelve people.",
			"asserts the governor: The shelling, the governor said, killed twelve people"},
		{"es", "Las tropas bombardearon el puerto el martes y mataron a doce civiles, según dijo el gobernador, una cifra que el ejército negó.",
			"asserts el gobernador: Las tropas bombardearon el puerto el martes y mataron a doce civiles\ndenies el ejército: Las tropas bombardearon el puerto el martes y mataron a doce civiles"},
		{"es", "Las tropas bombardearon el puerto el martes, dijo el gobernador, lo que el ejército cuestionó.",
			"asserts el gobernador: Las tropas bombardearon el puerto el martes\ndisputes el ejército: Las tropas bombardearon el puerto el martes"},
		// An adverb before the contesting verb is no part of its subject.
		{"en", "The governor said troops shelled the port, an accusation the army flatly denied.",
			"asserts The governor: troops shelled the port\ndenies the army: troops shelled the port"},
		// A verb phrase holding what it contests denies it, whatever
		// adjunct follows; one joined after a statement denies too.
		{"en", "The army rejected the allegations in a statement on Monday.",
			"denies The army: The army rejected the allegations in a statement on Monday"},
		{"en", "The ministry said none of its units had left the country and called the allegations \"a fabrication\".",
			"denies The ministry: The ministry said none of its units had left the country and called the allegations \"a fabrication\"\nasserts The ministry: none of its units had left the country"},
		{"es", "El ministerio aseguró que ninguna de sus unidades salió del país y calificó las acusaciones de \"una invención\".",
			"denies El ministerio: El ministerio aseguró que ninguna de sus unidades salió del país y calificó las acusaciones de \"una invención\"\nasserts El ministerio: ninguna de sus unidades salió del país"},
	}
	for _, tc := range tests {
		var lines []string
		for _, c := range Extract(tc.text, text.Sentences(tc.text, tc.lang), nil, nil, nil, tc.lang) {
			lines = append(lines, c.Stance+" "+c.Claimant+": "+c.Text)
		}
		if got := strings.Join(lines, "\n"); got != tc.want {
			t.Errorf("%q:\n got %q\nwant %q", tc.text, got, tc.want)
		}
	}
}

// TestTitledSubjectAside: an attribution set off by commas whose subject
// is a title and the name it gives a role ("That, RNC Chief of Staff
// Katie Walsh explained, is by design") still claims its sentence; the
// subject starts at the title's qualifier.
func TestTitledSubjectAside(t *testing.T) {
	s := "The fund holds little cash. That, Karvenian Army Chief of Staff Dora Quist explained, is by design."
	mentions := mentionsIn(s, map[string]string{"Karvenian Army": "ORG", "Dora Quist": "PER"})
	for i := range mentions {
		if mentions[i].Text == "Dora Quist" {
			mentions[i].Role = "chief of staff"
		}
	}
	var lines []string
	for _, c := range Extract(s, text.Sentences(s, "en"), nil, mentions, nil, "en") {
		lines = append(lines, c.Claimant+": "+c.Text)
	}
	want := "Dora Quist: That, Karvenian Army Chief of Staff Dora Quist explained, is by design"
	if got := strings.Join(lines, "\n"); got != want {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

// TestChargedActIsNoAdjunct: what one is accused of is a clause after the
// accused, not an adjunct, so the phrase before the comma ("Dos días
// antes,") is no statement.
func TestChargedActIsNoAdjunct(t *testing.T) {
	checkClaimLinesIn(t, "es", "Dos días antes, Tarquela acusó a las milicias de bombardear una aldea.",
		map[string]string{"Tarquela": "LOC"}, nil, "Tarquela: a las milicias de bombardear una aldea")
}

// TestAccordingBeforeCut: an attribution set off by commas and followed by
// a clause of its own ("…, según informó X, mientras …") claims what comes
// before it.
func TestAccordingBeforeCut(t *testing.T) {
	checkClaimLinesIn(t, "es", "La cifra de fallecidos ascendió a 95, según informó la Oficina de Salud, mientras los equipos de rescate seguían buscando supervivientes.",
		map[string]string{"Oficina de Salud": "ORG"}, nil, "Oficina de Salud: La cifra de fallecidos ascendió a 95")
}

// TestInvertedDescribedSubject: a Spanish subject after its verb, described
// and followed by an adjunct ("informaron los cancilleres de ambos países
// tras las conversaciones"), speaks, not a name inside the statement.
func TestInvertedDescribedSubject(t *testing.T) {
	checkClaimLinesIn(t, "es", "Tarquela y Lodravo acordaron un alto el fuego, informaron los cancilleres de ambos países tras las conversaciones.",
		map[string]string{"Tarquela": "LOC", "Lodravo": "LOC"}, nil, "los cancilleres de ambos países: Tarquela y Lodravo acordaron un alto el fuego")
}

// TestNoIndependentConfirmation: a report saying there was no independent
// confirmation of an event hedges the claims about it.
func TestNoIndependentConfirmation(t *testing.T) {
	s := "Tarquela said that Karvenian troops attacked a police post. There was no independent confirmation of the raid."
	cs := Extract(s, text.Sentences(s, "en"), nil, mentionsIn(s, map[string]string{"Tarquela": "LOC", "Karvenian": "MISC"}), nil, "en")
	if len(cs) != 1 || !cs[0].Hedged {
		t.Errorf("claims %+v, want one, hedged", cs)
	}
}
