package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is one quotation in the text: the marks at open and close (close is
// the offset just after the closing mark) and the quoted text inside.
type span struct {
	open, start, end, close int
	// dash marks a Spanish dialogue quote ("—Texto —dijo X."), which only
	// counts when a reporting verb follows the closing dash.
	dash bool
}

// maxQuote bounds a quotation, so that a stray mark cannot swallow an article.
const maxQuote = 6000

var closers = map[rune]rune{'“': '”', '«': '»', '"': '"', '‘': '’', '„': '“'}

// doubledMarks are quotation marks typed as two characters: two apostrophes
// (as in some newswire archives) and TeX-style backticks.
var doubledMarks = map[string]string{"''": "''", "``": "''"}

// mixedClosers close a quotation opened with the other style of mark, as
// in copy edited by hand: “…" and "…”.
var mixedClosers = map[string]string{"“": `"`, `"`: "”"}

// findQuotes locates the quotations of txt in order. A quotation left open
// at the end of a paragraph continues when the next paragraph opens with the
// same mark, or with » after «.
func findQuotes(txt string) []span {
	var out []span
	for i := 0; i < len(txt); {
		if !markLead(txt[i]) {
			i++ // most bytes cannot open a mark: skip the map lookups
			continue
		}
		r, w := utf8.DecodeRuneInString(txt[i:])
		if r == '—' && paragraphStart(txt, i) {
			if s, ok := dashQuote(txt, i); ok {
				out = append(out, s)
				i = s.close
				continue
			}
		}
		opener := string(r)
		closer, ok := closers[r]
		closeMark := string(closer)
		if i+1 < len(txt) {
			if c, doubled := doubledMarks[txt[i:i+2]]; doubled {
				opener, closeMark, ok = txt[i:i+2], c, true
			}
		}
		if !ok || !opensAt(txt, i, opener) {
			i += w
			continue
		}
		if s, ok := closeQuote(txt, i, opener, closeMark); ok {
			out = append(out, s)
			i = s.close
			continue
		}
		i += w
	}
	return out
}

// markLead reports whether byte c may begin a quotation mark or a dash:
// the ASCII marks, or the lead byte of “ ‘ „ — (E2) and « (C2). Continuation
// bytes of other characters never match, so skipping them byte by byte
// stays on rune boundaries for every mark.
func markLead(c byte) bool {
	return c == '"' || c == '\'' || c == '`' || c == 0xE2 || c == 0xC2
}

// opensAt reports whether the mark r at i can open a quotation: not inside
// a word (`Lopez"s`, "rock’n’roll") and followed by text.
func opensAt(txt string, i int, mark string) bool {
	if i > 0 {
		p, _ := utf8.DecodeLastRuneInString(txt[:i])
		if (mark == `"` || mark == "‘" || mark == "''") && (unicode.IsLetter(p) || unicode.IsDigit(p)) {
			return false
		}
	}
	n, _ := utf8.DecodeRuneInString(txt[i+len(mark):])
	return n != utf8.RuneError && !unicode.IsSpace(n)
}

// closesAt reports whether the mark at j closes a quotation: straight and
// single marks between two letters are apostrophes.
func closesAt(txt string, j int, mark string) bool {
	p, _ := utf8.DecodeLastRuneInString(txt[:j])
	n, _ := utf8.DecodeRuneInString(txt[j+len(mark):])
	if mark == `"` || mark == "’" {
		if unicode.IsLetter(p) && unicode.IsLetter(n) {
			return false
		}
	}
	return !unicode.IsSpace(p)
}

// mistypedClose reports whether an opening mark at j stands for a closing
// one: glued to the word before it and followed by a space or line end
// ("Apparently not,“ he said").
func mistypedClose(txt string, j int, mark string) bool {
	p, _ := utf8.DecodeLastRuneInString(txt[:j])
	k := j + len(mark)
	return !unicode.IsSpace(p) && (k == len(txt) || txt[k] == ' ' || txt[k] == '\n')
}

func closeQuote(txt string, i int, opener, closer string) (span, bool) {
	start := i + len(opener)
	mixed := mixedClosers[opener]
	for j := start; j < len(txt) && j-i < maxQuote; {
		r, w := utf8.DecodeRuneInString(txt[j:])
		switch {
		case mixed != "" && strings.HasPrefix(txt[j:], mixed) && closesAt(txt, j, mixed):
			if j == start {
				return span{}, false
			}
			return span{open: i, start: start, end: j, close: j + len(mixed)}, true
		case strings.HasPrefix(txt[j:], closer) && closesAt(txt, j, closer):
			if j == start {
				return span{}, false
			}
			if closer == "''" && strings.HasPrefix(txt[j+2:], "'") {
				j++ // a single mark closes first, the doubled one last
			}
			return span{open: i, start: start, end: j, close: j + len(closer)}, true
		case strings.HasPrefix(txt[j:], opener) && opener != closer && mistypedClose(txt, j, opener):
			return span{open: i, start: start, end: j, close: j + len(opener)}, true
		case strings.HasPrefix(txt[j:], opener) && opener != closer:
			return span{}, false // opened again before closing: unbalanced
		case r == '\n':
			k := j
			for k < len(txt) && (txt[k] == '\n' || txt[k] == '\r' || txt[k] == ' ' || txt[k] == '\t') {
				k++
			}
			if strings.HasPrefix(txt[k:], opener) {
				j = k + len(opener)
				continue
			}
			if opener == "«" && strings.HasPrefix(txt[k:], "»") {
				// Spanish opens a continued paragraph with the closing
				// mark: "«…\n\n»…»".
				j = k + len("»")
				continue
			}
			return span{}, false
		}
		j += w
	}
	return span{}, false
}

// paragraphStart reports whether only spaces separate i from a line start.
func paragraphStart(txt string, i int) bool {
	line := txt[strings.LastIndexByte(txt[:i], '\n')+1 : i]
	return strings.TrimSpace(line) == ""
}

// dashQuote reads "—Texto —dijo X—": the quotation runs to the next
// spaced dash on the same line.
func dashQuote(txt string, i int) (span, bool) {
	start := i + len("—")
	if start >= len(txt) || txt[start] == ' ' {
		return span{}, false
	}
	line := txt[start:]
	if nl := strings.IndexByte(line, '\n'); nl >= 0 {
		line = line[:nl]
	}
	k := strings.Index(line, " —")
	if k <= 0 {
		return span{}, false
	}
	return span{open: i, start: start, end: start + k, close: start + k + len(" —"), dash: true}, true
}
