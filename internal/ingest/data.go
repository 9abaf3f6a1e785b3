package ingest

import (
	"embed"
	"regexp"
	"strings"

	"github.com/storyline/storyline/internal/text"
)

//go:embed data/*.txt
var dataFS embed.FS

func mustData(name string) []byte {
	b, err := dataFS.ReadFile("data/" + name)
	if err != nil {
		panic("ingest: missing embedded data file " + name)
	}
	return b
}

// dataWords returns the whitespace-separated entries of a data file.
func dataWords(name string) []string {
	var out []string
	for _, line := range text.ReadLines(mustData(name)) {
		out = append(out, strings.Fields(line)...)
	}
	return out
}

// dataPatterns compiles a data file holding one regular expression a line.
func dataPatterns(name string) []*regexp.Regexp {
	lines := text.ReadLines(mustData(name))
	out := make([]*regexp.Regexp, len(lines))
	for i, l := range lines {
		out[i] = regexp.MustCompile(l)
	}
	return out
}

func matchesAny(res []*regexp.Regexp, s string) bool {
	for _, re := range res {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}
