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

// findQuotes locates the quotations of txt in order. A quotation left open
// at the end of a paragraph continues when the next paragraph opens with the
// same mark.
func findQuotes(txt string) []span {
	var out []span
	for i := 0; i < len(txt); {
		r, w := utf8.DecodeRuneInString(txt[i:])
		if r == '—' && paragraphStart(txt, i) {
			if s, ok := dashQuote(txt, i); ok {
				out = append(out, s)
				i = s.close
				continue
			}
		}
		closer, ok := closers[r]
		if !ok || !opensAt(txt, i, r) {
			i += w
			continue
		}
		if s, ok := closeQuote(txt, i, r, closer); ok {
			out = append(out, s)
			i = s.close
			continue
		}
		i += w
	}
	return out
}

// opensAt reports whether the mark r at i can open a quotation: not inside
// a word (`Petro"s`, "rock’n’roll") and followed by text.
func opensAt(txt string, i int, r rune) bool {
	if i > 0 {
		p, _ := utf8.DecodeLastRuneInString(txt[:i])
		if (r == '"' || r == '‘') && (unicode.IsLetter(p) || unicode.IsDigit(p)) {
			return false
		}
	}
	n, _ := utf8.DecodeRuneInString(txt[i+utf8.RuneLen(r):])
	return n != utf8.RuneError && !unicode.IsSpace(n)
}

// closesAt reports whether the mark at j closes a quotation: straight and
// single marks between two letters are apostrophes.
func closesAt(txt string, j int, mark rune) bool {
	p, _ := utf8.DecodeLastRuneInString(txt[:j])
	n, _ := utf8.DecodeRuneInString(txt[j+utf8.RuneLen(mark):])
	if mark == '"' || mark == '’' {
		if unicode.IsLetter(p) && unicode.IsLetter(n) {
			return false
		}
	}
	return !unicode.IsSpace(p)
}

func closeQuote(txt string, i int, opener, closer rune) (span, bool) {
	start := i + utf8.RuneLen(opener)
	for j := start; j < len(txt) && j-i < maxQuote; {
		r, w := utf8.DecodeRuneInString(txt[j:])
		switch {
		case r == closer && closesAt(txt, j, r):
			if j == start {
				return span{}, false
			}
			return span{open: i, start: start, end: j, close: j + w}, true
		case r == opener && opener != closer:
			return span{}, false // opened again before closing: unbalanced
		case r == '\n':
			k := j
			for k < len(txt) && (txt[k] == '\n' || txt[k] == '\r' || txt[k] == ' ' || txt[k] == '\t') {
				k++
			}
			if n, nw := utf8.DecodeRuneInString(txt[k:]); k < len(txt) && n == opener {
				j = k + nw
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
