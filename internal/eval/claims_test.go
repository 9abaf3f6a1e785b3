package eval

import (
	"strings"
	"testing"

	"github.com/storyline/storyline/internal/model"
)

func TestScoreClaims(t *testing.T) {
	txt := "Ana Ruiz said the port would reopen. The plan will fail, officials said. “We will win,” Bo Lee said."
	span := func(s string) []Span {
		i := strings.Index(txt, s)
		return []Span{{i, i + len(s)}}
	}
	doc := QuoteDoc{Name: "doc", Text: txt, Attributions: []Attribution{
		{Source: span("Ana Ruiz"), Cue: span("said the"), Content: span("the port would reopen")},
		{Source: span("officials"), Cue: span("said."), Content: span("The plan will fail")},
		{Source: span("Bo Lee"), Content: span("“We will win,”"), Direct: true},
	}}
	claimOf := func(content, claimant string) model.Claim {
		sp := span(content)[0]
		return model.Claim{Start: sp.Start, End: sp.End, Text: content, Claimant: claimant}
	}
	tests := []struct {
		name                        string
		preds                       []model.Claim
		found, named, right, attrib int
	}{
		{"nothing", nil, 0, 0, 0, 0},
		{"both found, the named one right", []model.Claim{
			claimOf("the port would reopen", "Ana Ruiz"),
			claimOf("The plan will fail", "officials"),
			claimOf("We will win", "Bo Lee"), // a direct quotation: attributed, not scored here
		}, 2, 1, 1, 3},
		{"a surname names the claimant", []model.Claim{claimOf("port would", "Ruiz")}, 1, 1, 1, 1},
		{"wrong claimant", []model.Claim{claimOf("the port would reopen", "Bo Lee")}, 1, 1, 0, 1},
		{"unattributed prediction", []model.Claim{claimOf("Ana Ruiz said", "Ana Ruiz")}, 0, 0, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := ScoreClaims([]QuoteDoc{doc}, func(string) []model.Claim { return tc.preds })
			if s.Indirect != 2 || s.Found != tc.found || s.Named != tc.named || s.RightClaimant != tc.right || s.Attributed != tc.attrib || s.Predicted != len(tc.preds) {
				t.Errorf("got %s, want found %d named %d right %d attributed %d", s, tc.found, tc.named, tc.right, tc.attrib)
			}
		})
	}
}

func TestSourceNames(t *testing.T) {
	for src, want := range map[string]string{
		"Top Republican Party donor Sheldon Adelson": "Top Republican Party|Sheldon Adelson",
		"He":              "",
		"The campaign’s":  "",
		"Sen. Ana Ruiz's": "Ana Ruiz",
		"Some delegates at the convention in Dayton": "Dayton",
	} {
		if got := strings.Join(sourceNames(src), "|"); got != want {
			t.Errorf("sourceNames(%q) = %q, want %q", src, got, want)
		}
	}
}
