package text

import (
	"regexp"
	"strings"
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
	head := strings.TrimSpace(s[:min(len(s), 200)])
	for _, re := range datelineRes {
		if m := re.FindStringSubmatch(head); m != nil {
			return strings.TrimSpace(m[re.SubexpIndex("outlet")])
		}
	}
	return ""
}
