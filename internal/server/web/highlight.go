package web

import (
	"sort"
	"unicode/utf8"
)

// span is a stretch of an article's text that some record points to.
type span struct {
	Start, End int
	Kind       string // "event", "quote" or "claim"
	Label      string // what the mark stands for, for its title
	Link       string // where the record is shown
	Focus      bool   // the span the reader came to see
}

// segment is a piece of text, highlighted when Mark is set.
type segment struct {
	Text string
	Mark *span
}

// segments cuts text into plain and highlighted pieces. Offsets come from
// the database and may be stale or wrong, so spans outside the text are
// dropped, ends are moved back onto rune boundaries, and a span that
// overlaps an earlier one keeps only the part after it.
func segments(text string, spans []span) []segment {
	valid := make([]span, 0, len(spans))
	for _, s := range spans {
		s.Start, s.End = runeStart(text, s.Start), runeStart(text, s.End)
		if s.Start >= 0 && s.End > s.Start && s.End <= len(text) {
			valid = append(valid, s)
		}
	}
	sort.SliceStable(valid, func(i, j int) bool {
		if valid[i].Start != valid[j].Start {
			return valid[i].Start < valid[j].Start
		}
		// The focused span wins a tie, so the reader's target is marked.
		return valid[i].Focus && !valid[j].Focus
	})
	var out []segment
	at := 0
	for i := range valid {
		s := &valid[i]
		if s.Start < at {
			s.Start = at
		}
		if s.End <= s.Start {
			continue
		}
		if s.Start > at {
			out = append(out, segment{Text: text[at:s.Start]})
		}
		out = append(out, segment{Text: text[s.Start:s.End], Mark: s})
		at = s.End
	}
	if at < len(text) {
		out = append(out, segment{Text: text[at:]})
	}
	return out
}

// runeStart moves i back to the start of the rune it falls in; values
// outside [0, len(text)] are returned unchanged for the caller to drop.
func runeStart(text string, i int) int {
	if i <= 0 || i >= len(text) {
		return i
	}
	for i > 0 && !utf8.RuneStart(text[i]) {
		i--
	}
	return i
}
