package entity

import "testing"

// TestRecognizeUsesTagger checks names no lexicon lists: the rules alone
// would guess a person for each; the tagger types them.
func TestRecognizeUsesTagger(t *testing.T) {
	tests := []struct {
		in, lang string
		want     map[string]string
	}{
		{"Shares of Gazprom fell.", "en", map[string]string{"Gazprom": "ORG"}},
		{"Shares in Volkswagen rose 3 percent in Frankfurt on Monday.", "en", map[string]string{"Volkswagen": "ORG", "Frankfurt": "LOC"}},
		{"Officials met the mayor of Smolensk on Monday, Reuters reported.", "en", map[string]string{"Smolensk": "LOC", "Reuters": "ORG"}},
		{"Los directivos de Telefónica viajaron el lunes.", "es", map[string]string{"Telefónica": "ORG"}},
		// The tagger counts the quotation marks in the name; its text does not.
		{"Según el diario “Clarín”, los directivos de Telefónica viajaron el lunes.", "es", map[string]string{"Clarín": "ORG", "Telefónica": "ORG"}},
	}
	for _, tt := range tests {
		got := map[string]string{}
		for _, m := range recognizeText(tt.in, tt.lang) {
			got[m.Text] = m.Type
		}
		for name, typ := range tt.want {
			if got[name] != typ {
				t.Errorf("%q: %s typed %q, want %s (all: %v)", tt.in, name, got[name], typ, got)
			}
		}
	}
}
