package story

import (
	"context"
	"strings"
	"testing"

	"github.com/storyline/storyline/internal/claim"
	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/store"
)

func TestClaimStatusFromReports(t *testing.T) {
	const seized = "rebel fighters had seized the northern airport of Tolosa"
	const wounded = "twelve civilians were wounded in the shelling of Tolosa"
	tests := []struct {
		name        string
		reports     []report
		claim       string // text of the claim to check
		wantStatus  string
		wantSources int
	}{{
		name: "one claimant",
		reports: []report{
			{"a", "Daily Planet", "en", "Defence Minister Carlos Ruiz said that " + seized + "."},
		},
		claim: seized, wantStatus: store.Unconfirmed, wantSources: 1,
	}, {
		name: "asserted by one outlet, denied in another",
		reports: []report{
			{"a", "Daily Planet", "en", "Defence Minister Carlos Ruiz said that " + seized + "."},
			{"b", "Evening Star", "en", "Rebel commander Juan Ortega denied that " + seized + "."},
		},
		claim: seized, wantStatus: store.Disputed, wantSources: 2,
	}, {
		name: "denied only",
		reports: []report{
			{"b", "Evening Star", "en", "Rebel commander Juan Ortega denied on Sunday that " + seized + "."},
		},
		claim: seized, wantStatus: store.Denied, wantSources: 1,
	}, {
		name: "asserted by two, denied by a third",
		reports: []report{
			{"a", "Daily Planet", "en", "Defence Minister Carlos Ruiz said that " + seized + "."},
			{"b", "Valmera Herald", "en", "Mayor Ana Torres said that " + seized + "."},
			{"c", "Evening Star", "en", "Rebel commander Juan Ortega denied that " + seized + "."},
		},
		claim: seized, wantStatus: store.Disputed, wantSources: 3,
	}, {
		name: "reported by two independent outlets",
		reports: []report{
			{"a", "Daily Planet", "en", "Mayor Ana Torres said that " + wounded + "."},
			{"b", "Evening Star", "en", "The Red Cross said that " + wounded + "."},
		},
		claim: wounded, wantStatus: store.Corroborated, wantSources: 2,
	}, {
		name: "one claimant quoted by two outlets is one source",
		reports: []report{
			{"a", "Daily Planet", "en", "Mayor Ana Torres said that " + wounded + "."},
			{"b", "Evening Star", "en", "On Monday, Mayor Ana Torres said that " + wounded + "."},
		},
		claim: wounded, wantStatus: store.Unconfirmed, wantSources: 1,
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			claims := linkedClaims(t, tc.reports)
			var found []store.Claim
			for _, c := range claims {
				if c.Text == tc.claim {
					found = append(found, c)
				}
			}
			if len(found) != 1 {
				t.Fatalf("%d claims %q, want 1 (all: %+v)", len(found), tc.claim, claims)
			}
			c := found[0]
			if c.Status != tc.wantStatus || c.IndependentSources != tc.wantSources {
				t.Errorf("status %s with %d sources, want %s with %d", c.Status, c.IndependentSources, tc.wantStatus, tc.wantSources)
			}
			if len(c.Evidence) != len(tc.reports) {
				t.Errorf("%d pieces of evidence, want one per report (%d)", len(c.Evidence), len(tc.reports))
			}
		})
	}
}

func TestStatus(t *testing.T) {
	ev := func(stance, claimant, origin string) store.ClaimEvidence {
		return store.ClaimEvidence{Stance: stance, Claimant: claimant, Origin: origin}
	}
	tests := []struct {
		name        string
		evidence    []store.ClaimEvidence
		wantStatus  string
		wantSources int
	}{
		{"no evidence", nil, store.Unconfirmed, 0},
		{"one assertion", []store.ClaimEvidence{ev(model.Asserts, "Ana Torres", "outlet:a")}, store.Unconfirmed, 1},
		{"same claimant in two outlets", []store.ClaimEvidence{
			ev(model.Asserts, "Ana Torres", "outlet:a"), ev(model.Asserts, "Ana Torres", "outlet:b")}, store.Unconfirmed, 1},
		{"one claimant in two languages' words", []store.ClaimEvidence{
			ev(model.Asserts, "Norvia's defence ministry", "outlet:a"), ev(model.Asserts, "Ministerio de Defensa de Norvia", "outlet:b")}, store.Unconfirmed, 1},
		{"two claimants", []store.ClaimEvidence{
			ev(model.Asserts, "Ana Torres", "outlet:a"), ev(model.Asserts, "Red Cross", "outlet:b")}, store.Corroborated, 2},
		{"assertion and an outlet's own supporting report", []store.ClaimEvidence{
			ev(model.Asserts, "Ana Torres", "outlet:a"), ev(model.Supports, "", "outlet:b")}, store.Corroborated, 2},
		{"two unattributed reports of one wire", []store.ClaimEvidence{
			ev(model.Supports, "", "wire:ap"), ev(model.Supports, "", "wire:ap")}, store.Unconfirmed, 1},
		{"two unattributed reports of two origins", []store.ClaimEvidence{
			ev(model.Supports, "", "wire:ap"), ev(model.Supports, "", "outlet:b")}, store.Corroborated, 2},
		{"denied only: the denier is one source", []store.ClaimEvidence{ev(model.Denies, "Juan Ortega", "outlet:a")}, store.Denied, 1},
		{"one assertion, one denial", []store.ClaimEvidence{
			ev(model.Asserts, "Carlos Ruiz", "outlet:a"), ev(model.Denies, "Juan Ortega", "outlet:b")}, store.Disputed, 2},
		{"one claimant quoted twice, denied", []store.ClaimEvidence{
			ev(model.Asserts, "Carlos Ruiz", "outlet:a"), ev(model.Asserts, "Carlos Ruiz", "outlet:c"),
			ev(model.Denies, "Juan Ortega", "outlet:b")}, store.Disputed, 2},
		{"one denier in two outlets", []store.ClaimEvidence{
			ev(model.Asserts, "Carlos Ruiz", "outlet:a"), ev(model.Denies, "Juan Ortega", "outlet:b"),
			ev(model.Denies, "Juan Ortega", "outlet:c")}, store.Disputed, 2},
		{"a claimant taking back a claim", []store.ClaimEvidence{
			ev(model.Asserts, "Carlos Ruiz", "outlet:a"), ev(model.Denies, "Carlos Ruiz", "outlet:b")}, store.Denied, 1},
		{"an outlet reporting a claim and its denial", []store.ClaimEvidence{
			ev(model.Supports, "", "outlet:a"), ev(model.Denies, "", "outlet:a")}, store.Denied, 1},
		{"two assertions, one denial", []store.ClaimEvidence{
			ev(model.Asserts, "Carlos Ruiz", "outlet:a"), ev(model.Supports, "", "outlet:c"),
			ev(model.Denies, "Juan Ortega", "outlet:b")}, store.Disputed, 3},
		{"explicit dispute", []store.ClaimEvidence{
			ev(model.Asserts, "Carlos Ruiz", "outlet:a"), ev(model.Disputes, "Juan Ortega", "outlet:b")}, store.Disputed, 2},
		{"dispute beats corroboration", []store.ClaimEvidence{
			ev(model.Asserts, "Carlos Ruiz", "outlet:a"), ev(model.Asserts, "Ana Torres", "outlet:b"),
			ev(model.Disputes, "", "outlet:c")}, store.Disputed, 3},
		{"unknown stance ignored", []store.ClaimEvidence{ev("confuses", "X", "outlet:a")}, store.Unconfirmed, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			status, n := Status(tc.evidence)
			if status != tc.wantStatus || n != tc.wantSources {
				t.Errorf("Status = %s, %d; want %s, %d", status, n, tc.wantStatus, tc.wantSources)
			}
		})
	}
}

// TestDenialsJoinWhatTheyDeny adds a claim and then a denial or another
// report, and checks which claims exist afterwards, with their stances.
func TestDenialsJoinWhatTheyDeny(t *testing.T) {
	const drone = "a Norvian drone had entered Kestran airspace over the lake on Friday"
	const bridge = "the Tamsin bridge had been blown up with explosives"
	// Every report opens with the story's context, so that the linker
	// puts them in one story; claims are matched within a story.
	const lead = "Kestra and Norvia traded accusations over Lake Orun on Sunday.\n"
	const leadES = "Kestra y Norvia intercambiaron acusaciones por el lago Orun el domingo.\n"
	asserted := report{"a", "Daily Planet", "en", lead + "Interior Minister Paulo Serrat said that " + drone + "."}
	tests := []struct {
		name    string
		reports []report
		want    map[string][]string // claim text → its evidence stances, in order
		status  string              // of every claim in want, unless own says otherwise
		sources int
		// own holds the status and sources of claims that differ.
		own map[string]wantedStatus
	}{{
		name: "paraphrased denial",
		reports: []report{asserted,
			{"b", "Evening Star", "en", lead + "Norvia's Defence Ministry denied that any of its aircraft had crossed the border, which it said had been closed since May."}},
		want:   map[string][]string{drone: {model.Asserts, model.Denies}},
		status: store.Disputed, sources: 2,
	}, {
		name: "Spanish denial through the bilingual lexicon",
		reports: []report{asserted,
			{"b", "El Correo", "es", leadES + "El Ministerio de Defensa de Norvia negó que alguno de sus aviones hubiera cruzado la frontera."}},
		want:   map[string][]string{drone: {model.Asserts, model.Denies}},
		status: store.Disputed, sources: 2,
	}, {
		name: "Spanish 'desmintió'",
		reports: []report{asserted,
			{"b", "El Correo", "es", leadES + "El Gobierno de Norvia desmintió que un dron suyo hubiera entrado en el espacio aéreo de Kestra."}},
		want:   map[string][]string{drone: {model.Asserts, model.Denies}},
		status: store.Disputed, sources: 2,
	}, {
		name: "denial referring back to the sentence before it",
		reports: []report{asserted,
			{"b", "Evening Star", "en", lead + "The allegation that a Norvian drone entered Kestran airspace over the lake on Friday strained ties. Norvia's Defence Ministry denied the claim, and radar logs showed no flights over the lake that night."}},
		want:   map[string][]string{drone: {model.Asserts, model.Denies}},
		status: store.Disputed, sources: 2,
	}, {
		name: "independent support against a denial is a dispute",
		reports: []report{asserted,
			{"b", "Evening Star", "en", lead + "Norvia's Defence Ministry denied that any of its aircraft had crossed the border."},
			{"c", "Lake Times", "en", lead + "Fisherman Tomas Veld said that " + drone + "."}},
		want:   map[string][]string{drone: {model.Asserts, model.Denies, model.Asserts}},
		status: store.Disputed, sources: 3,
	}, {
		name: "who refers back does not deny their own statement",
		reports: []report{asserted,
			{"b", "Evening Star", "en", lead + "The allegation that a Norvian drone entered Kestran airspace over the lake on Friday strained ties. Norvia's Defence Ministry dismissed the claim and said its patrols had seen nothing over the lake."}},
		want: map[string][]string{drone: {model.Asserts, model.Denies},
			"its patrols had seen nothing over the lake": {model.Asserts}},
		status: store.Disputed, sources: 2,
		own: map[string]wantedStatus{"its patrols had seen nothing over the lake": {store.Unconfirmed, 1}},
	}, {
		name: "a bare reference to nothing founds no claim",
		reports: []report{
			{"b", "Evening Star", "en", lead + "Norvia's Defence Ministry denied the claim, and radar logs showed no flights over the lake that night."}},
		want: map[string][]string{},
	}, {
		name: "an unrelated sentence naming the same bridge does not support",
		reports: []report{
			{"a", "Daily Planet", "en", "Interior Minister Paulo Serrat said that " + bridge + "."},
			{"b", "Evening Star", "en", "Kestra and Norvia agreed on Sunday to reopen the Tamsin bridge to trucks, officials announced on Monday.\nTrucks crossed the Tamsin bridge on Monday."}},
		// The agreement is a claim of its own, not support for the blast.
		want:   map[string][]string{bridge: {model.Asserts}, "Kestra and Norvia agreed on Sunday to reopen the Tamsin bridge to trucks": {model.Asserts}},
		status: store.Unconfirmed, sources: 1,
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			claims := linkedClaims(t, tc.reports)
			if len(claims) != len(tc.want) {
				t.Fatalf("%d claims, want %d: %+v", len(claims), len(tc.want), claims)
			}
			for _, c := range claims {
				want, ok := tc.want[c.Text]
				if !ok {
					t.Fatalf("unexpected claim %q (%s)", c.Text, c.Status)
				}
				var got []string
				for _, e := range c.Evidence {
					got = append(got, e.Stance)
				}
				if strings.Join(got, ",") != strings.Join(want, ",") {
					t.Errorf("claim %q: stances %v, want %v (evidence %+v)", c.Text, got, want, c.Evidence)
				}
				wantStatus := wantedStatus{tc.status, tc.sources}
				if own, ok := tc.own[c.Text]; ok {
					wantStatus = own
				}
				if c.Status != wantStatus.status || c.IndependentSources != wantStatus.sources {
					t.Errorf("claim %q: %s with %d sources, want %s with %d", c.Text, c.Status, c.IndependentSources, wantStatus.status, wantStatus.sources)
				}
			}
		})
	}
}

// wantedStatus is a claim's status and its number of independent sources.
type wantedStatus struct {
	status  string
	sources int
}

// TestStancesAcrossReports links a few reports of one story and checks
// each resulting claim: its claimant, status and evidence stances.
func TestStancesAcrossReports(t *testing.T) {
	const lead = "Kestra and Norvia traded accusations over Lake Orun on Sunday.\n"
	const leadES = "Kestra y Norvia intercambiaron acusaciones por el lago Orun el domingo.\n"
	const drone = "a Norvian drone had entered Kestran airspace over the lake on Friday"
	asserted := report{"a", "Daily Planet", "en", lead + "Interior Minister Paulo Serrat said that " + drone + "."}
	type wantClaim struct {
		claimant, status string
		stances          []string
	}
	tests := []struct {
		name    string
		reports []report
		want    map[string]wantClaim // by claim text
	}{{
		name: "asserted, then denied in another outlet: disputed",
		reports: []report{asserted,
			{"b", "Evening Star", "en", lead + "Norvia's Defence Ministry denied on Saturday that a Norvian drone had entered Kestran airspace."}},
		want: map[string]wantClaim{drone: {"Paulo Serrat", store.Disputed, []string{model.Asserts, model.Denies}}},
	}, {
		name: "denied first: the denier is not the claimant, the later assertion names one",
		reports: []report{
			{"b", "Evening Star", "en", lead + "Norvia's Defence Ministry denied on Saturday that " + drone + "."},
			asserted},
		want: map[string]wantClaim{drone: {"Paulo Serrat", store.Disputed, []string{model.Denies, model.Asserts}}},
	}, {
		name: "asserted by two independent outlets in other words: corroborated",
		reports: []report{asserted,
			{"c", "Lake Times", "en", lead + "Coast guard officials: a Norvian drone entered Kestran airspace above the lake on Friday night."}},
		want: map[string]wantClaim{drone: {"Paulo Serrat", store.Corroborated, []string{model.Asserts, model.Asserts}}},
	}, {
		name: "denial of a claim never asserted: denied, unattributed",
		reports: []report{
			{"b", "Evening Star", "en", lead + "Norvia's Defence Ministry denied on Saturday that " + drone + "."}},
		want: map[string]wantClaim{drone: {"", store.Denied, []string{model.Denies}}},
	}, {
		name: "denial naming whose claim it is: that claimant, who asserts it",
		reports: []report{
			{"b", "Evening Star", "en", lead + "Norvia's Defence Ministry rejected Paulo Serrat's claim that " + drone + "."}},
		want: map[string]wantClaim{drone: {"Paulo Serrat", store.Disputed, []string{model.Asserts, model.Denies}}},
	}, {
		name: "Spanish denial of the English claim, naming its owner",
		reports: []report{asserted,
			{"d", "El Correo", "es", leadES + "El Ministerio de Defensa de Norvia rechazó las acusaciones de Paulo Serrat de que un dron norvio hubiera entrado en el espacio aéreo de Kestra."}},
		want: map[string]wantClaim{drone: {"Paulo Serrat", store.Disputed, []string{model.Asserts, model.Asserts, model.Denies}}},
	}, {
		name: "rejecting actions denies no claim",
		reports: []report{asserted,
			{"b", "Evening Star", "en", lead + "Norvia's Defence Ministry rejects all Kestran actions that violate the treaty on the lake."}},
		want: map[string]wantClaim{drone: {"Paulo Serrat", store.Unconfirmed, []string{model.Asserts}}},
	}, {
		name: "rejecting someone's accusations disputes that claimant's claim in the report",
		reports: []report{
			{"e", "Lake Times", "en", lead + "Interior Minister Paulo Serrat said that Norvian smugglers run weapons across the lake. Serrat also said the talks would resume in March. “Our officers never touch weapons,” Norvia's Defence Ministry wrote, rejecting Serrat's accusations."}},
		want: map[string]wantClaim{
			"Norvian smugglers run weapons across the lake": {"Paulo Serrat", store.Disputed, []string{model.Asserts, model.Denies}},
			"the talks would resume in March":               {"Paulo Serrat", store.Unconfirmed, []string{model.Asserts}},
		},
	}, {
		name: "near miss: who was killed keeps two claims apart",
		reports: []report{
			{"a", "Daily Planet", "en", lead + "Interior Minister Paulo Serrat said that twelve civilians were killed in the shelling of the harbour."},
			{"b", "Evening Star", "en", lead + "Mayor Ana Torres said that twelve soldiers were killed in the shelling of the harbour."}},
		want: map[string]wantClaim{
			"twelve civilians were killed in the shelling of the harbour": {"Paulo Serrat", store.Unconfirmed, []string{model.Asserts}},
			"twelve soldiers were killed in the shelling of the harbour":  {"Ana Torres", store.Unconfirmed, []string{model.Asserts}},
		},
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			claims := linkedClaims(t, tc.reports)
			if len(claims) != len(tc.want) {
				t.Fatalf("%d claims, want %d: %+v", len(claims), len(tc.want), claims)
			}
			for _, c := range claims {
				w, ok := tc.want[c.Text]
				if !ok {
					t.Fatalf("unexpected claim %q by %q (%s)", c.Text, c.Claimant, c.Status)
				}
				var stances []string
				for _, e := range c.Evidence {
					stances = append(stances, e.Stance)
				}
				if c.Claimant != w.claimant || c.Status != w.status || strings.Join(stances, ",") != strings.Join(w.stances, ",") {
					t.Errorf("claim %q: by %q, %s, stances %v; want by %q, %s, stances %v",
						c.Text, c.Claimant, c.Status, stances, w.claimant, w.status, w.stances)
				}
			}
		})
	}
}

// linkedClaims links the reports into a new store and returns its claims.
func linkedClaims(t *testing.T, reports []report) []store.Claim {
	t.Helper()
	st := openStore(t)
	l := NewLinker(st)
	for _, r := range reports {
		add(t, l, r)
	}
	claims, err := st.Claims(context.Background(), store.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return claims
}

// TestNarrationSupports: a narrated sentence supports a claim it is about,
// not one whose few generic words it holds among many of its own.
func TestNarrationSupports(t *testing.T) {
	c := claim.ContentTerms("the strikes hit only military sites", "en")
	about := claim.ContentTerms("The strikes hit only military sites in the north on Monday.", "en")
	other := claim.ContentTerms("The government ordered the border crossings closed on Friday, a day after the attack on the town of Lodravo, in which three soldiers died and seven were wounded.", "en")
	if !supports(c, about) {
		t.Error("a narration of the claim does not support it")
	}
	if supports(c, other) {
		t.Error("a long sentence sharing two generic words supports the claim")
	}
}
