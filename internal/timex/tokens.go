package timex

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline/storyline/internal/text"
)

// tok is one token of the matcher's stream: text.Tokenize output with
// hyphenated words split ("third-quarter" → third, quarter), joining hyphens
// dropped, "a.m."-style abbreviations merged and number suffixes ("1990s",
// "3rd", "3pm") attached, so that patterns see one token per meaningful unit.
type tok struct {
	start, end int
	low        string // lower-cased text
	upper      bool   // starts with an upper-case letter
	kind       text.TokenKind
	classes    []entry // lexicon classes of the word, or those derived from a number
}

// entry is one class a token belongs to, with its value: MONTH 1, UNIT "D".
type entry struct {
	class string
	n     int
	s     string
}

// tokenize builds the matcher's token stream for s.
func (l *language) tokenize(s string) []tok {
	raw := text.Tokenize(s)
	out := make([]tok, 0, len(raw))
	for i := 0; i < len(raw); i++ {
		t := raw[i]
		glued := func(j int) bool { return j < len(raw) && raw[j].Start == raw[j-1].End }
		switch t.Kind {
		case text.Word:
			// Single letters joined by dots: "a.m.", "p.m".
			if n := utf8.RuneCountInString(t.Text); n == 1 && glued(i+1) && raw[i+1].Text == "." && glued(i+2) && raw[i+2].Kind == text.Word && len(raw[i+2].Text) == 1 {
				end := i + 2
				if glued(end+1) && raw[end+1].Text == "." {
					end++
				}
				w := strings.ToLower(s[t.Start:raw[end].End])
				if !strings.HasSuffix(w, ".") {
					w += "."
				}
				out = append(out, l.wordTok(t.Start, raw[end].End, w, s[t.Start:raw[end].End]))
				i = end
				continue
			}
			out = l.appendWord(out, s, t)
		case text.Number:
			// A suffix glued to a number: "1990s", "3rd", "3pm".
			if glued(i+1) && raw[i+1].Kind == text.Word {
				suf := strings.ToLower(raw[i+1].Text)
				if cl, ok := numberSuffix(t.Text, suf); ok {
					out = append(out, tok{start: t.Start, end: raw[i+1].End, low: strings.ToLower(s[t.Start:raw[i+1].End]), kind: text.Number, classes: cl})
					i++
					continue
				}
				if suf == "am" || suf == "pm" {
					out = append(out, tok{start: t.Start, end: t.End, low: t.Text, kind: text.Number, classes: l.numberClasses(t.Text)})
					out = append(out, l.wordTok(raw[i+1].Start, raw[i+1].End, suf, raw[i+1].Text))
					i++
					continue
				}
			}
			// "1990's", "1980’s": a decade with an apostrophe.
			if glued(i+1) && (raw[i+1].Text == "'" || raw[i+1].Text == "’") && glued(i+2) && strings.EqualFold(raw[i+2].Text, "s") {
				if cl, ok := numberSuffix(t.Text, "s"); ok {
					out = append(out, tok{start: t.Start, end: raw[i+2].End, low: strings.ToLower(s[t.Start:raw[i+2].End]), kind: text.Number, classes: cl})
					i += 2
					continue
				}
			}
			out = append(out, tok{start: t.Start, end: t.End, low: t.Text, kind: text.Number, classes: l.numberClasses(t.Text)})
		case text.Punct:
			// A hyphen inside "10-year" or "mid-1990s" joins; it is not a token.
			if (t.Text == "-" || t.Text == "‐") && i > 0 && glued(i) && glued(i+1) {
				continue
			}
			// "'90s", "’98": an apostrophe glued to a number abbreviates a year.
			if (t.Text == "'" || t.Text == "’") && glued(i+1) && raw[i+1].Kind == text.Number && len(raw[i+1].Text) == 2 {
				nt := raw[i+1]
				end := nt.End
				var cl []entry
				if glued(i+2) && raw[i+2].Kind == text.Word && strings.ToLower(raw[i+2].Text) == "s" {
					end = raw[i+2].End
					cl = []entry{{class: "DECADE", n: 190 + atoi(nt.Text)/10}}
					i++
				} else {
					cl = []entry{{class: "YEAR", n: 1900 + atoi(nt.Text)}}
				}
				out = append(out, tok{start: t.Start, end: end, low: s[t.Start:end], kind: text.Number, classes: cl})
				i++
				continue
			}
			out = append(out, tok{start: t.Start, end: t.End, low: t.Text, kind: text.Punct})
		default:
			out = append(out, tok{start: t.Start, end: t.End, low: t.Text, kind: t.Kind})
		}
	}
	return out
}

// appendWord adds a word token, split at inner hyphens, with a possessive
// ending as a token of its own so that "Friday's" still names a day.
func (l *language) appendWord(out []tok, s string, t text.Token) []tok {
	for _, poss := range []string{"'s", "’s"} {
		if stem, ok := strings.CutSuffix(t.Text, poss); ok && stem != "" {
			out = l.appendWord(out, s, text.Token{Start: t.Start, End: t.Start + len(stem), Text: stem, Kind: t.Kind})
			return append(out, tok{start: t.Start + len(stem), end: t.End, low: poss, kind: text.Word})
		}
	}
	if !strings.ContainsAny(t.Text, "-‐") {
		return append(out, l.wordTok(t.Start, t.End, strings.ToLower(t.Text), t.Text))
	}
	start := t.Start
	for i := t.Start; i <= t.End; {
		w := 0
		switch {
		case i == t.End:
		case s[i] == '-':
			w = 1
		case strings.HasPrefix(s[i:], "‐"):
			w = len("‐")
		default:
			i++
			continue
		}
		if i > start {
			out = append(out, l.wordTok(start, i, strings.ToLower(s[start:i]), s[start:i]))
		}
		if w == 0 {
			break
		}
		i += w
		start = i
	}
	return out
}

func (l *language) wordTok(start, end int, low, orig string) tok {
	r, _ := utf8.DecodeRuneInString(orig)
	up := unicode.IsUpper(r)
	t := tok{start: start, end: end, low: low, upper: up, kind: text.Word}
	t.classes = l.lex.lookup(low, up)
	return t
}

// numberSuffix reads "1990s" as a decade and "3rd" as an ordinal.
func numberSuffix(num, suf string) ([]entry, bool) {
	if !allDigits(num) {
		return nil, false
	}
	n := atoi(num)
	switch suf {
	case "s":
		if len(num) == 4 && n%10 == 0 {
			return []entry{{class: "DECADE", n: n / 10}}, true
		}
		if len(num) == 2 && n%10 == 0 {
			return []entry{{class: "DECADE", n: 190 + n/10}}, true
		}
	case "st", "nd", "rd", "th", "º", "°", "o", "a":
		if n >= 1 && n <= 31 {
			return []entry{{class: "DAY", n: n}, {class: "ORD", n: n}}, true
		}
		if n > 31 && n < 1000 {
			return []entry{{class: "ORD", n: n}}, true
		}
	}
	return nil, false
}

// numberClasses derives the classes of a digit token from its shape.
func (l *language) numberClasses(s string) []entry {
	if allDigits(s) {
		n := atoi(s)
		var cl []entry
		if len(s) <= 7 {
			cl = append(cl, entry{class: "INT", n: n})
		}
		if len(s) <= 2 && n >= 1 && n <= 31 {
			cl = append(cl, entry{class: "DAY", n: n})
		}
		if len(s) <= 2 && n <= 24 {
			cl = append(cl, entry{class: "HOUR", n: n})
		}
		if len(s) == 4 && n >= 1000 && n <= 2999 {
			cl = append(cl, entry{class: "YEAR", n: n})
		}
		if len(s) == 4 && n/100 <= 23 && n%100 <= 59 {
			// "1410 GMT": rules ask for a zone after it.
			cl = append(cl, entry{class: "HHMM", n: n})
		}
		return cl
	}
	parts := splitDigits(s)
	if parts == nil {
		if strings.ContainsAny(s, ",") {
			// 15,000: a quantity, never a date.
			if n, ok := parseThousands(s); ok {
				return []entry{{class: "INT", n: n}}
			}
		}
		return nil
	}
	seps := separators(s)
	switch {
	case seps == "-" && len(parts) == 3 && len(parts[0]) == 4:
		y, m, d := atoi(parts[0]), atoi(parts[1]), atoi(parts[2])
		if validDate(y, m, d) {
			return []entry{{class: "ISODATE", n: y*10000 + m*100 + d}}
		}
	case seps == "-" && len(parts) == 2 && len(parts[0]) == 4 && len(parts[1]) == 2:
		y, m := atoi(parts[0]), atoi(parts[1])
		if m >= 1 && m <= 12 {
			return []entry{{class: "ISOMONTH", n: y*100 + m}}
		}
	case (seps == "/" || seps == "." || seps == "-") && len(parts) == 3 && len(parts[2]) >= 2:
		a, b, y := atoi(parts[0]), atoi(parts[1]), atoi(parts[2])
		if len(parts[2]) == 2 {
			y += 1900
			if y < 1950 {
				y += 100
			}
		}
		m, d := a, b
		if l.dayFirst {
			m, d = b, a
		}
		if validDate(y, m, d) && len(parts[0]) <= 2 && len(parts[1]) <= 2 {
			return []entry{{class: "ISODATE", n: y*10000 + m*100 + d}}
		}
	case (seps == ":" || seps == ".") && len(parts) == 2 && len(parts[1]) == 2 && len(parts[0]) <= 2:
		h, m := atoi(parts[0]), atoi(parts[1])
		if h <= 24 && m < 60 {
			// "5.30" is as likely a price as a time: rules ask for more.
			class := "CLOCK"
			if seps == "." {
				class = "DOTCLOCK"
			}
			return []entry{{class: class, n: h*100 + m}}
		}
	case seps == ":" && len(parts) == 3 && len(parts[0]) <= 2:
		h, m := atoi(parts[0]), atoi(parts[1])
		if h <= 24 && m < 60 {
			return []entry{{class: "CLOCK", n: h*100 + m}}
		}
	case seps == "/" && len(parts) == 2 && parts[0] == "1" && (parts[1] == "2" || parts[1] == "4"):
		return []entry{{class: "FRACTION", n: 100 / atoi(parts[1])}}
	case seps == "-" && len(parts) == 2 && len(parts[0]) == 4 && len(parts[1]) == 4:
		return []entry{{class: "YEARRANGE", n: atoi(parts[0])}}
	}
	return nil
}

func splitDigits(s string) []string {
	var parts []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			if i == start {
				return nil
			}
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	if start >= len(s) {
		return nil
	}
	return append(parts, s[start:])
}

// separators returns the separator characters of a digit token when they
// are all the same one, else "?".
func separators(s string) string {
	sep := ""
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < '0' || c > '9' {
			if sep != "" && sep != string(c) {
				return "?"
			}
			sep = string(c)
		}
	}
	return sep
}

func parseThousands(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ',' {
			continue
		}
		if c < '0' || c > '9' || n > 1e9 {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, true
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// atoi parses a short run of digits; callers check the shape first.
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s) && i < 9; i++ {
		if s[i] < '0' || s[i] > '9' {
			return n
		}
		n = n*10 + int(s[i]-'0')
	}
	return n
}

func validDate(y, m, d int) bool {
	if y < 1000 || y > 2999 || m < 1 || m > 12 || d < 1 {
		return false
	}
	return d <= daysIn(y, m)
}
