package story

import (
	"context"
	"testing"

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
		claim: seized, wantStatus: store.Denied, wantSources: 2,
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
			st := openStore(t)
			l := NewLinker(st)
			for _, r := range tc.reports {
				add(t, l, r)
			}
			claims, err := st.Claims(context.Background(), store.ClaimFilter{})
			if err != nil {
				t.Fatal(err)
			}
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
			ev(model.Asserts, "Carlos Ruiz", "outlet:a"), ev(model.Denies, "Juan Ortega", "outlet:b")}, store.Denied, 2},
		{"one claimant quoted twice, denied", []store.ClaimEvidence{
			ev(model.Asserts, "Carlos Ruiz", "outlet:a"), ev(model.Asserts, "Carlos Ruiz", "outlet:c"),
			ev(model.Denies, "Juan Ortega", "outlet:b")}, store.Denied, 2},
		{"one denier in two outlets", []store.ClaimEvidence{
			ev(model.Asserts, "Carlos Ruiz", "outlet:a"), ev(model.Denies, "Juan Ortega", "outlet:b"),
			ev(model.Denies, "Juan Ortega", "outlet:c")}, store.Denied, 2},
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
