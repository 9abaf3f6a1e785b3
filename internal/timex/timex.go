// Package timex finds temporal expressions in English and Spanish text and
// normalizes them to TIMEX3 values against a reference date, in the manner
// of HeidelTime: token patterns from per-language rule files select a
// normalization function, which reads the slots the pattern filled.
//
// The data for each language lives in data/LANG: lexicon.txt (month and
// weekday names, number words, units, modifiers), rules.txt (patterns) and
// tense.txt (cues that tell past from future).
package timex

import (
	"cmp"
	"sort"
	"strings"
	"time"

	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/text"
)

// Extract finds temporal expressions in text (UTF-8 byte offsets) and
// normalizes them against ref, the publication date. A zero ref leaves
// relative expressions underspecified ("XXXX-01-03", "XXXX-WXX-7"). Each
// sentence's tense decides which way a weekday or a month without a year
// points. sents may be nil, when the text is taken as one sentence.
func Extract(s string, sents []model.Sentence, lang string, ref time.Time) []model.Timex {
	l := languages[lang]
	if l == nil {
		l = languages["en"]
	}
	if len(sents) == 0 {
		sents = []model.Sentence{{Start: 0, End: len(s)}}
	}
	toks := l.tokenize(s)
	c := context{}
	if !ref.IsZero() {
		c.ref, c.hasRef = day(ref.Year(), int(ref.Month()), ref.Day()), true
	}
	var out []model.Timex
	seen := make([]int, len(l.rules))
	stamp := 0
	m := &matcher{lang: l}
	for _, sent := range sents {
		a := sort.Search(len(toks), func(i int) bool { return toks[i].start >= sent.Start })
		b := a
		for b < len(toks) && toks[b].end <= sent.End {
			b++
		}
		st := toks[a:b]
		m.toks = st
		var pend pendingCount
		endsQuarter := false // the last expression was a quarter an end date follows
		for i := 0; i < len(st); {
			stamp++
			bestEnd, bestRule := i, -1
			var bestSlots slots
			try := func(idx []int) {
				for _, r := range idx {
					if seen[r] == stamp {
						continue
					}
					seen[r] = stamp
					if nk := l.rules[r].next; nk != nil && (i+1 >= len(st) || !nk.admits(&st[i+1])) {
						continue
					}
					m.best = i
					m.reset()
					m.run(m.newCont(l.rules[r].pattern, 0, nil), i, slots{})
					if m.best > bestEnd || (m.best == bestEnd && m.best > i && r < bestRule) {
						bestEnd, bestRule, bestSlots = m.best, r, m.bestS
					}
				}
			}
			t := &st[i]
			try(l.byWord[t.low])
			numeric := false
			for _, e := range t.classes {
				try(l.byClass[e.class])
				switch e.class {
				case "INT", "NUMW", "MULT", "NUMA":
					numeric = true
				}
			}
			if numeric {
				try(l.byClass["NUM"])
			}
			if bestRule < 0 {
				i++
				continue
			}
			end, next := bestEnd, bestEnd
			if bestSlots.spanTo > 0 {
				// What follows the mark is context, read again for its own
				// expressions.
				end, next = bestSlots.spanTo-1, bestSlots.spanTo-1
			}
			if bestSlots.spanFrom > 0 {
				i = bestSlots.spanFrom - 1
			}
			next = max(next, i+1)
			for end > i+1 && st[end-1].kind == text.Punct {
				end--
			}
			r := l.rules[bestRule]
			if r.normalize == "range" {
				// Only the first day of "del 3 al 5 de enero" is emitted
				// here, with the month and year of the second; the second
				// day is matched on its own after the connector.
				if first, day, ok := firstDay(st, i, end); ok {
					bestSlots.day = day
					i, end, next = first, first+1, first+2
				}
			}
			if tx, ok := normalizeMatch(&c, l, r, &bestSlots, st, i, end, s); ok && !inTitle(st, i, end) {
				if pend.countsTo(st, i, tx.Value) {
					out[pend.index] = pend.resolve(out[pend.index], tx.Value, s)
				}
				pend = newPending(r, &bestSlots, st, end, len(out))
				out = append(out, tx)
				// A quarter compared with ("a year earlier", "the 1988
				// period") does not replace the quarter the text is about,
				// nor does the day that ends it ("the quarter ended Sept.
				// 30").
				quarter := strings.Contains(tx.Value, "-Q")
				if (!comparison[r.normalize] || !quarter) && !endsQuarter {
					c.noteValue(tx.Value)
				}
				endsQuarter = quarter && end < len(st) && hasClass(&st[end], "ENDED")
			}
			i = next
		}
	}
	return out
}

// properClasses are the classes of words that are capitalized anywhere.
var properClasses = []string{"MONTH", "MONTHW", "MON", "WEEKDAY", "HOLIDAY", "HOLIDAYD", "TZ", "AMPM"}

// inTitle reports whether st[from:to] reads as part of a name or title, "the
// “This Week” program", "VOA Today": every word capitalized though none
// needs to be and none opens the sentence, in a sentence that is no
// capitalized headline.
func inTitle(st []tok, from, to int) bool {
	// A capital after a full stop, even one the sentence splitter took for
	// an abbreviation's ("Co. Recently, ..."), opens a sentence.
	k := from - 1
	for k >= 0 && st[k].kind == text.Punct && strings.Contains("\"'`“”‘’(", st[k].low) {
		k--
	}
	if k < 0 || strings.ContainsAny(st[k].low, ".!?:") && st[k].kind == text.Punct {
		return false
	}
	words := 0
	for k := from; k < to; k++ {
		t := &st[k]
		if t.kind != text.Word {
			continue
		}
		if !t.upper {
			return false
		}
		for _, c := range properClasses {
			if hasClass(t, c) {
				return false
			}
		}
		words++
	}
	return words > 0 && !headline(st)
}

// headline reports whether most longer words of a sentence are
// capitalized, as in a title-case headline.
func headline(st []tok) bool {
	long, upper := 0, 0
	for k := range st {
		if st[k].kind == text.Word && len(st[k].low) > 3 {
			long++
			if st[k].upper {
				upper++
			}
		}
	}
	return long > 0 && 2*upper > long
}

// comparison names the normalizers of periods a text compares with ("a
// year earlier", "the 1988 period", "the corresponding period last year"),
// which leave the quarter in focus where it is.
var comparison = map[string]bool{"shift": true, "yearperiod": true, "compare": true}

// pendingCount is a count of units just extracted ("two days", "tres días
// después") that a date right after it may turn into a date: "two days
// after Jan. 2", "tres días después del 3 de enero".
type pendingCount struct {
	index  int // in the output
	next   int // the token after the count
	end    int // byte end of the count with its direction word
	days   int // signed, in days; months and years below
	months int
	ok     bool
}

func newPending(r *rule, sl *slots, st []tok, next, index int) pendingCount {
	if (r.normalize != "duration" && r.normalize != "shift") || !sl.hasNum || sl.fuzzy || sl.num != float64(int(sl.num)) {
		return pendingCount{}
	}
	p := pendingCount{index: index, next: next, end: st[next-1].end}
	dir := sl.shift
	if r.normalize == "duration" {
		// The direction word follows the count: "two days after".
		if next >= len(st) {
			return pendingCount{}
		}
		if e, ok := classOf(&st[next], "DAYSHIFT"); ok {
			dir = e.n
		}
		p.end, p.next = st[next].end, next+1
	}
	if dir == 0 {
		return pendingCount{}
	}
	n := int(sl.num) * dir
	switch sl.unit {
	case unitDay:
		p.days = n
	case unitWeek:
		p.days = 7 * n
	case unitMonth:
		p.months = n
	case unitYear:
		p.months = 12 * n
	default:
		return pendingCount{}
	}
	p.ok = true
	return p
}

// countsTo reports whether a day value found at token i follows the count
// with nothing but linking words between.
func (p *pendingCount) countsTo(st []tok, i int, value string) bool {
	if !p.ok || i < p.next || len(value) != 10 {
		return false
	}
	if _, err := time.Parse("2006-01-02", value); err != nil {
		return false
	}
	for k := p.next; k < i; k++ {
		if !hasClass(&st[k], "LINK") {
			return false
		}
	}
	return true
}

// resolve turns the count into the date it reaches from the day given.
func (p *pendingCount) resolve(tx model.Timex, value, s string) model.Timex {
	d, _ := time.Parse("2006-01-02", value)
	tx.Type, tx.Value = model.DATE, fmtDay(d.AddDate(0, p.months, p.days))
	tx.End = p.end
	tx.Text = s[tx.Start:tx.End]
	return tx
}

// firstDay finds the first token of st[from:to] that can be a day of the
// month, returning its index and day number.
func firstDay(st []tok, from, to int) (int, int, bool) {
	for k := from; k < to; k++ {
		if e, ok := classOf(&st[k], "DAY"); ok {
			return k, e.n, true
		}
	}
	return 0, 0, false
}

func normalizeMatch(c *context, l *language, r *rule, sl *slots, st []tok, from, to int, s string) (model.Timex, bool) {
	if r.typ == "NONE" {
		return model.Timex{}, false
	}
	typ, value := r.typ, ""
	if v, ok := strings.CutPrefix(r.normalize, "="); ok {
		value = v
	} else {
		c.tense = cmp.Or(l.tense.possessiveTense(st, from, to), l.tense.tenseNear(st, from, to))
		c.lead = l.tense.leadBefore(st, from)
		t, v, ok := normalizers[r.normalize](c, sl)
		if !ok {
			return model.Timex{}, false
		}
		if t != "" && typ != model.SET {
			typ = t
		}
		value = v
	}
	start, end := st[from].start, st[to-1].end
	return model.Timex{Start: start, End: end, Text: s[start:end], Type: typ, Value: value}, true
}

// noteValue keeps the last day (or quarter) the text mentioned, the anchor
// for "two days later" and "a year earlier", the last month, the anchor for
// "the following month", and the last year, the anchor for "the following
// year".
func (c *context) noteValue(v string) {
	if len(v) >= 4 && isDigits(v[:4]) {
		c.anchorYear = atoi(v[:4])
	}
	if len(v) >= 7 && isDigits(v[:4]) && v[4] == '-' && isDigits(v[5:7]) && (len(v) == 7 || v[7] == '-') {
		if m := atoi(v[5:7]); m >= 1 && m <= 12 {
			c.anchorMonth, c.hasAnchorMonth = day(atoi(v[:4]), m, 1), true
		}
	}
	if len(v) >= 10 && isDigits(v[:4]) && v[4] == '-' && isDigits(v[5:7]) && v[7] == '-' && isDigits(v[8:10]) {
		if t, err := time.Parse("2006-01-02", v[:10]); err == nil {
			c.anchor, c.hasAnchor, c.anchorQuarter = t, true, false
		}
		return
	}
	if len(v) == 7 && isDigits(v[:4]) && v[4:6] == "-Q" && v[6] >= '1' && v[6] <= '4' {
		// The quarter a report is about is the latest one over by the
		// reference date; an earlier one named later is an aside ("after
		// a flat second quarter"), a later one an outlook.
		q := day(atoi(v[:4]), int(v[6]-'1')*3+1, 1)
		if !c.hasTopicQuarter || (q.After(c.topicQuarter) && (!c.hasRef || !q.AddDate(0, 3, 0).After(c.ref))) {
			c.topicQuarter, c.hasTopicQuarter = q, true
		}
		c.anchor = c.topicQuarter
		c.hasAnchor, c.anchorQuarter = true, true
	}
}

func isDigits(s string) bool { return allDigits(s) }

// DocumentDate guesses a report's publication date from its text when no
// metadata gives one: a dateline ("VALMERA, Jan 3 (Reuters) -", "SAN LUCIÁN, 3
// de enero de 2026.-"), or else the first date with day, month and year in
// the first few sentences. A dateline without a year takes the first year
// the opening mentions; with none, the latest such day not after written
// (when the report was written or read: "LIMA, 4 mar (EFE)" read on 2026-03-10
// is 2026-03-04, read in January 2026 it is 2025-03-04), and with written
// zero it does not count. ok is false when nothing fits.
func DocumentDate(s, lang string, written time.Time) (time.Time, model.Precision, bool) {
	const window = 4000
	if len(s) > window {
		cut := strings.LastIndexAny(s[:window], " \n")
		if cut <= 0 {
			cut = window
			for cut > 0 && !isRuneStart(s[cut]) {
				cut--
			}
		}
		s = s[:cut]
	}
	sents := text.Sentences(s, lang)
	if len(sents) > 6 {
		sents = sents[:6]
	}
	txs := Extract(s, sents, lang, time.Time{})
	year := 0
	for _, tx := range txs {
		if len(tx.Value) >= 4 && isDigits(tx.Value[:4]) {
			year = atoi(tx.Value[:4])
			break
		}
	}
	for i, tx := range txs {
		if !isDateline(s, tx) {
			continue
		}
		v := tx.Value
		if strings.HasPrefix(v, "XXXX-") && year > 0 {
			v = fmtYear(year) + v[4:]
		} else if strings.HasPrefix(v, "XXXX-") && !written.IsZero() {
			v = fmtYear(latestYear(v[4:], written)) + v[4:]
		}
		if t, p, ok := parseValue(v); ok && (p == model.PrecisionDay || p == model.PrecisionMinute) {
			t, p = withClock(s, txs, i, t, p)
			return t, p, true
		}
	}
	for i, tx := range txs {
		if t, p, ok := parseValue(tx.Value); ok && (p == model.PrecisionDay || p == model.PrecisionMinute) {
			t, p = withClock(s, txs, i, t, p)
			return t, p, true
		}
	}
	return time.Time{}, model.PrecisionNone, false
}

// latestYear returns the year in which the month and day of monthDay
// ("-03-04", perhaps with a time after) fall last on or before written,
// with a day's grace for time zones.
func latestYear(monthDay string, written time.Time) int {
	y := written.Year()
	if t, _, ok := parseValue(fmtYear(y) + monthDay); ok && t.After(written.Add(24*time.Hour)) {
		return y - 1
	}
	return y
}

// withClock adds the time of day that directly follows the date txs[i] on
// the same line ("8 January 2026 at 17:53", "3 de enero de 2026, 14:17").
func withClock(s string, txs []model.Timex, i int, t time.Time, p model.Precision) (time.Time, model.Precision) {
	if p != model.PrecisionDay || i+1 >= len(txs) {
		return t, p
	}
	next := txs[i+1]
	gap := s[txs[i].End:next.Start]
	if len(gap) > 10 || strings.ContainsAny(gap, "\n.;") {
		return t, p
	}
	v := next.Value
	if rest, ok := strings.CutPrefix(v, "XXXX-XX-XX"); ok {
		v = fmtDay(t) + rest
	}
	clock, q, ok := parseValue(v)
	if !ok || q != model.PrecisionMinute || !strings.HasPrefix(v, fmtDay(t)) {
		return t, p
	}
	return clock, q
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }

// isDateline reports whether tx follows a capitalized place and a comma at
// the start of a line and is followed by a source or a dash: "VALMERA, Jan
// 3 (Reuters) -", "SAN LUCIÁN, 3 de enero de 2026.-".
func isDateline(s string, tx model.Timex) bool {
	lineStart := strings.LastIndexByte(s[:tx.Start], '\n') + 1
	head := strings.TrimSpace(s[lineStart:tx.Start])
	if head == "" || len(head) > 60 || !strings.HasSuffix(head, ",") {
		return false
	}
	upper := 0
	for _, r := range head {
		if r >= 'A' && r <= 'Z' || r == 'Á' || r == 'É' || r == 'Í' || r == 'Ó' || r == 'Ú' || r == 'Ñ' {
			upper++
		}
	}
	tail := strings.TrimLeft(s[tx.End:min(len(s), tx.End+40)], " .")
	// A place in capitals, or one capitalized before the agency in
	// parentheses ("Lodravo, 12 mar (EFE).-").
	if upper < 2 && !(upper == 1 && strings.HasPrefix(tail, "(")) {
		return false
	}
	return tail == "" || strings.HasPrefix(tail, "(") || strings.HasPrefix(tail, "-") ||
		strings.HasPrefix(tail, "—") || strings.HasPrefix(tail, "–") || strings.HasPrefix(tail, "/") ||
		strings.HasPrefix(tail, "\n")
}

// parseValue reads a fully specified TIMEX3 day or minute value.
func parseValue(v string) (time.Time, model.Precision, bool) {
	if len(v) == 16 {
		if t, err := time.Parse("2006-01-02T15:04", v); err == nil {
			return t, model.PrecisionMinute, true
		}
	}
	if len(v) >= 10 {
		if t, err := time.Parse("2006-01-02", v[:10]); err == nil {
			return t, model.PrecisionDay, true
		}
	}
	return time.Time{}, model.PrecisionNone, false
}
