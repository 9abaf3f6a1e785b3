package query

import "testing"

func TestReaders(t *testing.T) {
	dates := []struct {
		in string
		ok bool
	}{
		{"2026", true}, {"2026-03", true}, {"2026-03-31", true},
		{"2026-02-30", false}, {"2026-13", false}, {"26-03-01", false}, {"yesterday", false},
	}
	for _, tc := range dates {
		if got := Date(tc.in) == ""; got != tc.ok {
			t.Errorf("Date(%q) accepted %v, want %v", tc.in, got, tc.ok)
		}
	}
	if n, problem := ID("42"); n != 42 || problem != "" {
		t.Errorf("ID(42) = %d, %q", n, problem)
	}
	for _, bad := range []string{"0", "-3", "x", "4.2"} {
		if _, problem := ID(bad); problem == "" {
			t.Errorf("ID(%q) accepted", bad)
		}
	}
	if n, problem := Count("5", 5); n != 5 || problem != "" {
		t.Errorf("Count(5, 5) = %d, %q", n, problem)
	}
	if _, problem := Count("6", 5); problem != `want an integer from 0 to 5, got "6"` {
		t.Errorf("Count(6, 5) problem %q", problem)
	}
	if v, problem := OneOf("assault", []string{"ASSAULT", "PROTEST"}); v != "ASSAULT" || problem != "" {
		t.Errorf("OneOf(assault) = %q, %q", v, problem)
	}
	if _, problem := OneOf("riot", []string{"ASSAULT", "PROTEST"}); problem != `want one of ASSAULT, PROTEST, got "riot"` {
		t.Errorf("OneOf(riot) problem %q", problem)
	}
}
