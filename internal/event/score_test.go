package event

import "testing"

func TestScoreCoversEveryType(t *testing.T) {
	// Every type events carry must have a weight, or the
	// conflict–cooperation series would silently drop its events.
	for typ := range eventTypes {
		if _, ok := Score(typ); !ok {
			t.Errorf("%s has no score", typ)
		}
	}
	for typ := range scores {
		if !IsType(typ) {
			t.Errorf("score for %s, which is no PLOVER type", typ)
		}
	}
}

func TestScoreSigns(t *testing.T) {
	tests := []struct {
		typ  string
		sign int
	}{
		{"ASSAULT", -1}, {"THREATEN", -1}, {"ACCUSE", -1}, {"SANCTION", -1},
		{"AID", 1}, {"AGREE", 1}, {"COOPERATE", 1}, {"CONSULT", 1},
	}
	for _, tt := range tests {
		s, ok := Score(tt.typ)
		if !ok || (tt.sign < 0) != (s < 0) {
			t.Errorf("Score(%s) = %v, %v; want sign %d", tt.typ, s, ok, tt.sign)
		}
	}
	if a, _ := Score("ASSAULT"); a > -8 {
		t.Errorf("ASSAULT = %v, want the scale's violent end", a)
	}
	if _, ok := Score("NOT_A_TYPE"); ok {
		t.Error("unknown type has a score")
	}
}

func TestParseScoresRejectsBadLines(t *testing.T) {
	for _, bad := range []string{"ASSAULT", "ASSAULT\tbig", "AID\t11"} {
		if _, err := parseScores([]byte(bad)); err == nil {
			t.Errorf("parseScores(%q) gave no error", bad)
		}
	}
}
