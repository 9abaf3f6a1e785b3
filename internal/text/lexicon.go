// Package text holds the language-level building blocks every analysis step
// shares: tokens, sentences, language identification and the small word
// lists behind them, one data file per language.
package text

import (
	"bufio"
	"embed"
	"strings"
)

//go:embed data/*.txt
var dataFS embed.FS

// LoadWordList reads an embedded list file: one or more whitespace-separated
// entries per line, '#' starting a comment. Entries keep their case.
func LoadWordList(name string) []string {
	return parseList(mustRead(dataFS, "data/"+name), false)
}

// ReadLines returns the non-empty, non-comment lines of data, trimmed.
// Packages with their own embedded rule files use it so that every data
// file in the project follows one format.
func ReadLines(data []byte) []string {
	return parseList(data, true)
}

func parseList(data []byte, wholeLines bool) []string {
	var out []string
	sc := bufio.NewScanner(strings.NewReader(string(data)))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if wholeLines {
			out = append(out, line)
			continue
		}
		out = append(out, strings.Fields(line)...)
	}
	return out
}

func mustRead(fs embed.FS, name string) []byte {
	b, err := fs.ReadFile(name)
	if err != nil {
		panic("text: missing embedded data file " + name)
	}
	return b
}

// Set is a string set built from a word list.
type Set map[string]struct{}

// NewSet returns a set of words, optionally lower-cased.
func NewSet(words []string, lower bool) Set {
	s := make(Set, len(words))
	for _, w := range words {
		if lower {
			w = strings.ToLower(w)
		}
		s[w] = struct{}{}
	}
	return s
}

// Has reports whether w is in the set.
func (s Set) Has(w string) bool {
	_, ok := s[w]
	return ok
}
