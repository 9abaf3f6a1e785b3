package text

import (
	"regexp"
	"strings"
	"unicode"
)

// datelineRes are the datelines that credit a report's outlet or agency
// (data/datelines.txt).
var datelineRes = func() []*regexp.Regexp {
	lines := ReadLines(mustRead(dataFS, "data/datelines.txt"))
	out := make([]*regexp.Regexp, len(lines))
	for i, l := range lines {
		out[i] = regexp.MustCompile(l)
	}
	return out
}()

// DatelineCredit is the outlet or agency a report's opening dateline
// credits ("WASHINGTON (Reuters) -", "LIMA, 5 ene (EFE).-"), or "".
func DatelineCredit(s string) string {
	credit, _ := Dateline(s)
	return credit
}

// Dateline finds a crediting dateline at the start of s and returns its
// credit and where the text after it starts; "" and 0 if there is none.
func Dateline(s string) (credit string, end int) {
	lead := len(s) - len(strings.TrimLeft(s, " \t\r\n"))
	head := s[lead:min(len(s), lead+200)]
	if !strings.Contains(head, ")") {
		return "", 0 // every crediting dateline has its credit in parentheses
	}
	for _, re := range datelineRes {
		if m := re.FindStringSubmatchIndex(head); m != nil {
			o := 2 * re.SubexpIndex("outlet")
			end = lead + m[1]
			end += len(s[end:]) - len(strings.TrimLeft(s[end:], " \t\r\n"))
			return strings.TrimSpace(head[m[o]:m[o+1]]), end
		}
	}
	return "", 0
}

// DatelineEnd returns where the text after a dateline opening s starts:
// one crediting an agency (Dateline), or a place in capitals and a dash
// ("PHILADELPHIA — "); 0 if there is none.
func DatelineEnd(s string) int {
	if _, end := Dateline(s); end > 0 {
		return end
	}
	for _, dash := range []string{" — ", " – ", " ― ", " - ", " -- "} {
		k := strings.Index(s[:min(len(s), maxDatelinePlace+len(dash))], dash)
		if k < 3 {
			continue
		}
		if place := s[:k]; strings.ToUpper(place) == place && strings.IndexFunc(place, unicode.IsUpper) >= 0 {
			return k + len(dash)
		}
	}
	return 0
}

// maxDatelinePlace bounds the place of a dateline, in bytes.
const maxDatelinePlace = 40

// AfterDateline returns where the text of s[start:end] begins past a
// dateline opening a line there (DatelineEnd), else start.
func AfterDateline(s string, start, end int) int {
	lead := strings.TrimRight(s[:start], " \t")
	if lead != "" && !strings.HasSuffix(lead, "\n") {
		return start
	}
	return start + DatelineEnd(s[start:end])
}
