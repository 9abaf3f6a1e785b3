package timex

import "testing"

func TestNumber(t *testing.T) {
	tests := []struct {
		in, lang string
		want     float64
		end      int
	}{
		{"95 people", "en", 95, 2},
		{"eight people were killed", "en", 8, 5},
		{"twenty-four dead", "en", 24, 11},
		{"a hundred soldiers", "en", 100, 9},
		{"doscientos diez heridos", "es", 210, 15},
		{"doce muertos", "es", 12, 4},
	}
	for _, tc := range tests {
		v, end, ok := Number(tc.in, tc.lang)
		if !ok || v != tc.want || end != tc.end {
			t.Errorf("Number(%q) = %v, %d, %v; want %v, %d", tc.in, v, end, ok, tc.want, tc.end)
		}
	}
	for _, in := range []string{"people", "the 95", ""} {
		if _, _, ok := Number(in, "en"); ok {
			t.Errorf("Number(%q) read a number", in)
		}
	}
}
