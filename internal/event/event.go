// Package event finds events in analysed text: a trigger word from a
// per-language lexicon gives the PLOVER type, simple argument patterns
// around it give actors, targets and place, and the text's temporal
// expressions give the date the event happened.
package event

import (
	"cmp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/text"
)

// Window sizes, in tokens, of the local argument patterns.
const (
	negWindow     = 3 // negation this close before a trigger cancels it
	governWindow  = 5 // a trigger this close after "called for" is not done yet
	perfectWindow = 3 // "have (already) struck"
	placeWindow   = 3 // "in the capital Valmera"
)

// Extract returns the events doc reports, one per trigger type and
// sentence, in text order. sents, mentions and timexes index into doc;
// words, if not nil, are the sentences' words (text.SentenceWords).
// published and pubPrec date the document; they date an event only when
// its sentence is written as news of the moment ("have struck", "is being
// bombed", "this morning").
func Extract(doc string, sents []model.Sentence, words []text.Words, mentions []model.Mention, timexes []model.Timex,
	lang string, published time.Time, pubPrec model.Precision) []model.Event {
	rs := rulesFor(lang)
	if len(words) != len(sents) {
		words = text.SentenceWords(doc, sents)
	}
	mentions = model.SortedMentions(mentions)
	dates := documentDates(timexes, len(doc))
	durs := dayDurations(timexes, len(doc))
	times := timexSpans(timexes)
	pubDate := publicationDate(published, pubPrec)
	tolls := figureRulesFor(lang).toll

	var out []model.Event
	// The latest date of the current paragraph and of the paragraphs
	// before it; a vague one ("in recent months") leaves date empty, so
	// that the narrative's time is unknown rather than an older day's.
	var paraDate, docDate dated
	// The types of the events told in earlier sentences, and where the
	// current paragraph's events start in out.
	told := map[string]bool{}
	paraFirst := 0
	prevEnd := 0
	// headEnd is where the first paragraph (a headline, or the lede)
	// ends, once another has begun.
	headEnd, headCount := -1, 0
	// ledeCount is how many events the headline and the paragraph after
	// it tell, once that paragraph has ended.
	ledeCount := -1
	for si, s := range sents {
		if s.Start < prevEnd || s.End > len(doc) || s.Start >= s.End {
			continue
		}
		if strings.IndexByte(doc[prevEnd:s.Start], '\n') >= 0 {
			if headEnd < 0 {
				headEnd, headCount = prevEnd, len(out)
			}
			if paraDate.date != "" || paraDate.vague {
				docDate = paraDate
			}
			paraDate = dated{}
			paraFirst = len(out)
		}
		prevEnd = s.End
		sc := newSentenceScan(doc, s, words[si], rs, mentions)
		sc.tolls = tolls
		own := dates.within(s.Start, s.End)
		// A dateline's date is when the report was filed: the sentence's
		// own date, if it has one, dates its events.
		if body := own.within(sc.datelineEnd, s.End); sc.datelineEnd > 0 && len(body) > 0 {
			own = body
		}
		seen := map[string]bool{}
		first := len(out)
		var triggers []int
		for i := 0; i < len(sc.words); {
			p, end := rs.triggers.longest(sc.words, i)
			// "March 1" is a date, not a march; a dateline narrates nothing.
			if p == nil || times.covers(sc.toks[i].Start) || sc.toks[i].Start < sc.datelineEnd || sc.inLongName(i) {
				i++
				continue
			}
			// "condemned the attack" after the attack is the same attack.
			// A count of the dead ("el número de muertos") told after the
			// event it counts recalls it too, but says nothing of its day.
			counted := told[p.label] && sc.inToll(i)
			recalled := told[p.label] && i > 0 && (sc.rules.class("definite").endsAt(sc.words, i) || sc.datedOwner(i, times))
			if recalled && !counted {
				// "La cifra de fallecidos por la explosión del martes":
				// the event its headline told undated gets its day.
				if prior := lastOfType(p.label, out, nil); prior != nil && prior.Date == "" && prior.End <= headEnd {
					prior.Date, prior.Precision = chooseDate(sc, i, own, paraDate, docDate, pubDate, durs)
				}
			}
			typ, ok := p.label, p.label != noEvent && !recalled && !counted && !sc.noneAfter(end) && !sc.modalAfter(end)
			if ok && !sc.realized(i) {
				typ, ok = sc.intended(p.label, i)
			}
			if ok && !seen[typ] {
				seen[typ] = true
				ev := sc.event(typ, i, end)
				ev.Date, ev.Precision = chooseDate(sc, i, own, paraDate, docDate, pubDate, durs)
				out = append(out, ev)
				triggers = append(triggers, i)
			}
			i = end
		}
		if len(out) > first {
			sc.attachFigures(out[first:], triggers, out[paraFirst:first], out[:paraFirst], lang, times)
		} else {
			// "The death toll rose to 95": the count belongs to the
			// paragraph's last event of the kind it counts, else to the
			// headline's.
			head := out[:0]
			if headEnd >= 0 {
				head = out[:headCount]
			}
			sc.attachLooseFigures(out[paraFirst:], head, lang, times)
		}
		// A plan dated after publication ("se reúna el martes") does not
		// move the story's time: the last date not after it does.
		for k := len(own) - 1; k >= 0; k-- {
			if d := own[k]; d.vague || pubDate.date == "" || !after(d, pubDate) {
				paraDate = d
				break
			}
		}
		for typ := range seen {
			told[typ] = true
		}
		if headEnd >= 0 && ledeCount < 0 && strings.IndexByte(doc[s.End:min(len(doc), s.End+2)], '\n') >= 0 {
			ledeCount = len(out) // the lede's paragraph ends here
		}
	}
	return mergedHeadline(out, headCount, ledeCount)
}

// mergedHeadline folds an undated event of the headline (out[:head])
// into the lede's first dated event of its type (out[head:lede]), which
// tells what the headline announces ("Karvenia and Tarquela agree to
// ceasefire" … "agreed on Thursday to a ceasefire"): the lede's event
// takes the headline's counts and the parties it lacks.
func mergedHeadline(out []model.Event, head, lede int) []model.Event {
	if lede < 0 {
		lede = len(out)
	}
	merged := make([]bool, head)
	for i := range out[:head] {
		h := out[i]
		if h.Date != "" {
			continue
		}
		for j := head; j < lede; j++ {
			ev := &out[j]
			if ev.Type != h.Type || ev.Date == "" {
				continue
			}
			ev.Figures = append(ev.Figures, h.Figures...)
			if len(ev.Actors) == 0 {
				ev.Actors = h.Actors
			}
			if len(ev.Targets) == 0 {
				ev.Targets = h.Targets
			}
			if ev.Place == "" {
				ev.Place = h.Place
			}
			merged[i] = true
			break
		}
	}
	kept := out[:0]
	for i, ev := range out {
		if i >= head || !merged[i] {
			kept = append(kept, ev)
		}
	}
	return kept
}

// spanList holds the byte spans of the text's temporal expressions,
// sorted by start and not overlapping.
type spanList [][2]int

func timexSpans(timexes []model.Timex) spanList {
	out := make(spanList, 0, len(timexes))
	for _, t := range timexes {
		out = append(out, [2]int{t.Start, t.End})
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

// covers reports whether pos lies inside one of the spans.
func (sl spanList) covers(pos int) bool {
	k := sort.Search(len(sl), func(i int) bool { return sl[i][0] > pos }) - 1
	return k >= 0 && pos < sl[k][1]
}

// presentRef is the TIMEX3 value of "now", "currently".
const presentRef = "PRESENT_REF"

// dated is a timex value parsed to a date at a precision, or a vague
// time that places the narrative nowhere we can date.
type dated struct {
	start, end int
	date       string
	prec       model.Precision
	vague      bool
}

type datedList []dated

// documentDates parses the DATE and TIME timexes that fix a day, month
// or year; vaguer ones ("recent months", "this week") stay with an empty
// date: they date nothing but move the narrative away from older dates.
// PRESENT_REF ("now") keeps the narrative where it is.
func documentDates(timexes []model.Timex, textLen int) datedList {
	var out datedList
	for _, t := range timexes {
		if t.Type != model.DATE && t.Type != model.TIME {
			continue
		}
		if t.Start < 0 || t.End > textLen {
			continue
		}
		if d, p, ok := parseDateValue(t.Value); ok {
			out = append(out, dated{start: t.Start, end: t.End, date: d, prec: p})
		} else if t.Value != presentRef {
			out = append(out, dated{start: t.Start, end: t.End, vague: true})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].start < out[j].start })
	return out
}

// within returns the dates starting in [start, end).
func (dl datedList) within(start, end int) datedList {
	lo := sort.Search(len(dl), func(i int) bool { return dl[i].start >= start })
	hi := sort.Search(len(dl), func(i int) bool { return dl[i].start >= end })
	return dl[lo:hi]
}

// parseDateValue reads the calendar part of a TIMEX3 value: "2026-01-03",
// "2026-01-03T14:17", "2026-01" or "2026". Anything vaguer (weeks,
// seasons, PRESENT_REF, unknown digits) is not a date of an event.
func parseDateValue(v string) (string, model.Precision, bool) {
	if i := strings.IndexByte(v, 'T'); i >= 0 {
		v = v[:i]
	}
	layouts := []struct {
		layout string
		prec   model.Precision
	}{{"2006-01-02", model.PrecisionDay}, {"2006-01", model.PrecisionMonth}, {"2006", model.PrecisionYear}}
	for _, l := range layouts {
		if len(v) != len(l.layout) {
			continue
		}
		if _, err := time.Parse(l.layout, v); err == nil {
			return v, l.prec, true
		}
	}
	return "", model.PrecisionNone, false
}

// publicationDate is the publication date at day precision at most: an
// event is dated by day, never by minute.
func publicationDate(published time.Time, prec model.Precision) dated {
	if published.IsZero() {
		return dated{}
	}
	if prec == model.PrecisionMinute {
		prec = model.PrecisionDay
	}
	return dated{date: model.FormatDate(published, prec), prec: prec}
}

// chooseDate dates the trigger at token i: the sentence's own date nearest
// the trigger, else for a trigger anchored by a count of days the day
// they give (anchoredDate), else the paragraph's latest date, else the
// publication date when the sentence is news of the moment, else the
// publication month when an earlier paragraph last dated the story to
// that week (the day is unknown but the time frame is not), else nothing.
func chooseDate(sc *sentenceScan, i int, own datedList, para, doc, pub dated, durs []dayDuration) (string, model.Precision) {
	// Only a future marker in the trigger's own clause counts: "said it will
	// rebuild the port after Saturday's blast" plans nothing for Saturday.
	cs, ce := sc.clauseStart(i), sc.clauseEnd(i)
	future := sc.hasClass("future", cs, ce) || sc.hasFutureVerb(cs, ce)
	usable := func(d dated) bool {
		// A date after publication is a plan, not an event, unless the
		// sentence says so in the future tense.
		return d.date != "" && (future || pub.date == "" || !after(d, pub))
	}
	trigPos := sc.toks[i].Start
	clauseFrom, clauseTo := sc.byteSpan(cs, ce)
	anchor := sc.anchorBefore(i)
	for _, d := range own {
		if anchor >= d.start && anchor < d.end {
			anchor = -1 // "Dos días antes, ...": the anchor ends a date
		}
	}
	best, bestDist, vagueDist := dated{}, -1, -1
	for _, d := range own {
		if d.vague && d.start >= clauseFrom && d.start < clauseTo {
			if dist := abs(d.start - trigPos); vagueDist < 0 || dist < vagueDist {
				vagueDist = dist
			}
		}
		if !usable(d) {
			continue
		}
		// A year alone dates only its own clause: in "this dates back to
		// 2019, although his aide, arrested with him, ..." 2019 is no arrest's.
		if d.prec == model.PrecisionYear && (d.start < clauseFrom || d.start >= clauseTo) {
			continue
		}
		// "On Tuesday, two days after an explosion": the explosion is
		// dated only inside its own phrase ("after Sunday's explosion").
		if anchor >= 0 && d.start < anchor {
			continue
		}
		if dist := abs(d.start - trigPos); bestDist < 0 || dist < bestDist {
			best, bestDist = d, dist
		}
	}
	// A vague time in the trigger's own clause, nearer than any date, is
	// the event's: "continuará durante los próximos días, y el juicio
	// podría celebrarse dentro de 18 meses".
	if vagueDist >= 0 && (bestDist < 0 || vagueDist < bestDist) {
		return "", model.PrecisionNone
	}
	if bestDist >= 0 {
		return best.date, best.prec
	}
	if anchor >= 0 {
		if d, ok := sc.anchoredDate(anchor, own, para, pub, durs); ok {
			return d, model.PrecisionDay
		}
	}
	// The sentence's own time, if vague, is the event's: no older date.
	for _, d := range own {
		if d.vague {
			return "", model.PrecisionNone
		}
	}
	if usable(para) {
		return para.date, para.prec
	}
	if para.vague {
		// The paragraph has moved to a vague time: "in recent months ...
		// has repeatedly attacked" is no news of the moment.
		return "", model.PrecisionNone
	}
	if pub.date != "" && sc.isNewsOfTheMoment(i) {
		return pub.date, pub.prec
	}
	if recent(doc, pub) {
		return pub.date[:len("2006-01")], model.PrecisionMonth
	}
	return "", model.PrecisionNone
}

// anchorWords bounds the words of an anchor phrase ("después de que").
const anchorWords = 3

// dayDuration is a duration of whole days in the text ("two days").
type dayDuration struct{ start, end, days int }

// dayDurations returns the durations of days or weeks among timexes.
func dayDurations(timexes []model.Timex, textLen int) []dayDuration {
	var out []dayDuration
	for _, t := range timexes {
		if t.Type != model.DURATION || t.Start < 0 || t.End > textLen || len(t.Value) < 3 || t.Value[0] != 'P' {
			continue
		}
		n, err := strconv.Atoi(t.Value[1 : len(t.Value)-1])
		if err != nil || n <= 0 {
			continue
		}
		switch t.Value[len(t.Value)-1] {
		case 'D':
			out = append(out, dayDuration{t.Start, t.End, n})
		case 'W':
			out = append(out, dayDuration{t.Start, t.End, 7 * n})
		}
	}
	return out
}

// anchoredDate dates a trigger whose phrase opens with the anchor at byte
// anchor from the day of its main clause and the days between them: in
// "troops moved north on Tuesday, two days after an explosion at the dam"
// the explosion was on Sunday ("before" counts forward). The main
// clause's day is its own, or the paragraph's.
func (sc *sentenceScan) anchoredDate(anchor int, own datedList, para, pub dated, durs []dayDuration) (string, bool) {
	a := sc.tokenAt(anchor)
	// The count stands before the whole anchor phrase: "dos días después
	// de que".
	for k := a - 1; k >= 0 && k >= a-anchorWords; k-- {
		if _, end := sc.rules.class("anchor").longest(sc.words, k); end == a+1 {
			a = k
		}
	}
	var days int
	for _, d := range durs {
		if a > 0 && d.end == sc.toks[a-1].End {
			days = d.days
		}
	}
	if days == 0 {
		return "", false
	}
	main := dated{}
	for _, d := range own {
		if d.start < anchor && d.prec == model.PrecisionDay && (pub.date == "" || !after(d, pub)) {
			main = d
		}
	}
	if main.date == "" && para.prec == model.PrecisionDay {
		main = para
	}
	day, err := time.Parse("2006-01-02", main.date)
	if err != nil {
		return "", false
	}
	sign := -1
	if sc.rules.class("anchorlater").has(sc.words, a) {
		sign = 1
	}
	d := dated{date: day.AddDate(0, 0, sign*days).Format("2006-01-02"), prec: model.PrecisionDay}
	if pub.date != "" && after(d, pub) {
		return "", false // a day after publication is a plan, not an event
	}
	return d.date, true
}

// recentWindow is how close before publication an earlier paragraph's date
// must lie for the story to be still telling that week's news.
const recentWindow = 7 * 24 * time.Hour

// recent reports whether d is a day at most recentWindow before the
// publication day and in its month: the narrative is about the news of
// the moment, so its undated events fall in the publication month. A
// paragraph of background ("took office in August 2022", "on December
// 16") dates nothing after it.
func recent(d, pub dated) bool {
	if d.prec != model.PrecisionDay || pub.prec != model.PrecisionDay || d.date[:7] != pub.date[:7] {
		return false
	}
	day, err1 := time.Parse("2006-01-02", d.date)
	pubDay, err2 := time.Parse("2006-01-02", pub.date)
	return err1 == nil && err2 == nil && !day.After(pubDay) && pubDay.Sub(day) <= recentWindow
}

// anchorReach is how many tokens may stand between a temporal anchor and
// the trigger it governs: "after the US air strike".
const anchorReach = 3

// anchorBefore returns the byte offset of a temporal anchor ("after",
// "before", "tras") that opens the phrase of the trigger at i, or -1: the
// sentence's dates before it date the main clause, not this event.
func (sc *sentenceScan) anchorBefore(i int) int {
	from := sc.clauseStart(i)
	if from == 0 || i-from > anchorReach || !sc.rules.class("anchor").endsAt(sc.words, from) {
		return -1
	}
	return sc.toks[from-1].Start
}

// byteSpan returns the byte span of tokens [from, to) of the sentence, the
// sentence's own bounds standing for its first and past its last token.
func (sc *sentenceScan) byteSpan(from, to int) (int, int) {
	start, end := sc.sent.Start, sc.sent.End
	if from > 0 {
		start = sc.toks[from].Start
	}
	if to < len(sc.toks) {
		end = sc.toks[to].Start
	}
	return start, end
}

// after reports whether d lies after pub at the coarser of their precisions.
func after(d, pub dated) bool {
	n := len(d.date)
	if len(pub.date) < n {
		n = len(pub.date)
	}
	return d.date[:n] > pub.date[:n]
}

// sentenceScan holds one sentence's tokens with their folded forms and the
// entity mentions inside it.
type sentenceScan struct {
	text     string
	sent     model.Sentence
	rules    *ruleSet
	toks     []text.Token
	words    []string
	mentions []model.Mention
	// datelineEnd is where the text after a dateline opening the sentence
	// starts, or 0.
	datelineEnd int
	// tolls are the language's nouns of a count of victims (data/figures).
	tolls *phraseSet
}

func newSentenceScan(s string, sent model.Sentence, words text.Words, rs *ruleSet, all []model.Mention) *sentenceScan {
	_, inside := model.MentionsOf(all, sent)
	// A dateline's place is where the report was filed, no party.
	datelineEnd := 0
	if body := text.AfterDateline(s, sent.Start, sent.End); body > sent.Start {
		datelineEnd = body
		for len(inside) > 0 && inside[0].End <= datelineEnd {
			inside = inside[1:]
		}
	}
	return &sentenceScan{text: s, sent: sent, rules: rs, toks: words.Tokens, words: words.Folded, mentions: inside, datelineEnd: datelineEnd}
}

// hasClass reports whether a phrase of the class starts in words[from:to).
func (sc *sentenceScan) hasClass(name string, from, to int) bool {
	ps := sc.rules.class(name)
	for k := max(from, 0); k < to && k < len(sc.words); k++ {
		if ps.has(sc.words, k) {
			return true
		}
	}
	return false
}

// hasModal reports whether a modal phrase starts in words[from:to), but
// not one inside a phrase of the notmodal class ("entre si", "each other"
// in Spanish, is no "if"; nor is "por si mismo").
func (sc *sentenceScan) hasModal(from, to int) bool {
	modal, notModal := sc.rules.class("modal"), sc.rules.class("notmodal")
	for k := max(from, 0); k < to && k < len(sc.words); k++ {
		if modal.has(sc.words, k) && !notModal.covers(sc.words, k) {
			return true
		}
	}
	return false
}

// clauseStart returns the index just after the last barrier before i.
func (sc *sentenceScan) clauseStart(i int) int {
	barrier := sc.rules.class("barrier")
	for k := i - 1; k >= 0; k-- {
		if sc.words[k] == ")" {
			if open := sc.asideOther(k); open >= 0 {
				k = open
				continue
			}
		}
		if open := sc.runningQuoteOpen(k); open >= 0 {
			k = open
			continue
		}
		if barrier.has(sc.words, k) {
			return k + 1
		}
	}
	return 0
}

// quoteReach bounds a quotation inside running text that a clause reads
// through.
const quoteReach = 25

// runningQuoteOpen returns the index of the quotation mark opening the
// quotation that the mark at k closes, when the quotation is part of the
// running sentence, a word on either side of it ('demanded "an inquiry"
// and warned'); -1 otherwise.
func (sc *sentenceScan) runningQuoteOpen(k int) int {
	if !isQuoteMark(sc.words[k]) || k == 0 || k+1 >= len(sc.toks) || sc.toks[k+1].Kind != text.Word ||
		sc.toks[k-1].End != sc.toks[k].Start || sc.toks[k].End == sc.toks[k+1].Start {
		return -1
	}
	for j := k - 1; j >= 1 && j >= k-quoteReach; j-- {
		if isQuoteMark(sc.words[j]) {
			if sc.toks[j-1].Kind == text.Word && sc.toks[j-1].End < sc.toks[j].Start {
				return j
			}
			return -1
		}
	}
	return -1
}

// asideReach bounds a parenthetical aside the clause reads through: "The
// Union of Dockworkers (UDW) announced".
const asideReach = 8

// asideOther returns the index of the parenthesis that pairs with the
// one at k (scanning back from a ")" or forward from a "("), when the
// short aside between holds no other barrier; -1 otherwise.
func (sc *sentenceScan) asideOther(k int) int {
	step, want := 0, ""
	switch sc.words[k] {
	case ")":
		step, want = -1, "("
	case "(":
		step, want = 1, ")"
	default:
		return -1
	}
	barrier := sc.rules.class("barrier")
	for j := k + step; j >= 0 && j < len(sc.words) && j != k+step*(asideReach+1); j += step {
		if sc.words[j] == want {
			return j
		}
		if barrier.has(sc.words, j) {
			return -1
		}
	}
	return -1
}

// deniedBefore reports whether a denial stands before i with no ";"
// between: it reaches through "that" and commas. A passive "was denied
// bail" denies nothing the sentence reports.
func (sc *sentenceScan) deniedBefore(i int) bool {
	deny, passive := sc.rules.class("deny"), sc.rules.class("passive")
	for k := i - 1; k >= 0 && sc.words[k] != ";"; k-- {
		if deny.has(sc.words, k) && (k == 0 || !passive.has(sc.words, k-1)) {
			return true
		}
	}
	return false
}

// clauseEnd returns the index of the first barrier at or after i.
func (sc *sentenceScan) clauseEnd(i int) int {
	barrier := sc.rules.class("barrier")
	for k := i; k < len(sc.words); k++ {
		if sc.words[k] == "(" {
			if closing := sc.asideOther(k); closing >= 0 {
				k = closing
				continue
			}
		}
		if barrier.has(sc.words, k) || sc.words[k] == "," && k+1 < len(sc.words) && (sc.isGerund(k+1) || sc.attributionFrom(k)) {
			return k
		}
	}
	return len(sc.words)
}

// attributionReach bounds the tokens of an attribution closing a
// sentence: ", Mayor Ana Ruiz said on Saturday.", ", informó la alcaldesa".
const attributionReach = 12

// attributionFrom reports whether the comma at token k opens the
// attribution that closes the sentence: a verb of telling in the few
// tokens left, all words, whose names are speakers, not targets.
func (sc *sentenceScan) attributionFrom(k int) bool {
	if len(sc.words)-k > attributionReach {
		return false
	}
	tell := sc.rules.class("tell")
	for j := k + 1; j < len(sc.words); j++ {
		if tell.has(sc.words, j) {
			return true
		}
		if sc.toks[j].Kind == text.Punct {
			return false
		}
	}
	return false
}

// noneAfter reports whether the trigger ending before token end has a
// negated object: "offered no evidence", "reached no agreement".
func (sc *sentenceScan) noneAfter(end int) bool {
	return end < len(sc.words) && sc.rules.class("none").has(sc.words, end)
}

// modalAfter reports whether the trigger ending before token end is the
// subject of a modal verb, "talks could resume", "los ataques
// podrían continuar": not yet done. A perfect after it ("the attack could
// have killed hundreds") tells of a done act.
func (sc *sentenceScan) modalAfter(end int) bool {
	if end >= len(sc.words) {
		return false
	}
	_, to := sc.rules.class("modalafter").longest(sc.words, end)
	return to > end && !sc.rules.class("perfect").has(sc.words, to)
}

// realized reports whether the trigger at i reports something that
// happened: not negated, not hypothetical, not merely demanded or planned.
func (sc *sentenceScan) realized(i int) bool {
	if sc.negated(i) {
		return false
	}
	if sc.hasModal(sc.modalStart(i), i) {
		return false
	}
	// What a speaker denies did not happen, however many clauses down:
	// "denied the claim that she is willing to negotiate".
	if sc.deniedBefore(i) {
		return false
	}
	// "those killed in the blast" recalls an event told of elsewhere.
	if sc.rules.class("reference").endsAt(sc.words, i) && sc.isParticiple(i) {
		return false
	}
	if i > 0 && sc.rules.class("infinitive").has(sc.words, i-1) {
		return false
	}
	// "called for talks", but not "the war against terrorism, has refused".
	for k := i - 1; k >= 0 && k >= i-governWindow && sc.words[k] != ","; k-- {
		if sc.rules.class("governs").endsAt(sc.words, k+1) {
			return false
		}
	}
	return true
}

// negated reports whether a negation stands within negWindow tokens
// before i, quotation marks not counted: 'no tolerará «más ataques»'.
func (sc *sentenceScan) negated(i int) bool {
	from := i
	for n := 0; n < negWindow && from > 0; {
		from--
		if !isQuoteMark(sc.words[from]) {
			n++
		}
	}
	return sc.hasClass("neg", from, i)
}

// modalStart returns where the irrealis words that cancel the trigger at i
// may start: its clause, and the clause a quotation holding it runs on
// from when the quotation is part of that sentence ('would not tolerate
// "more attacks"'), not a statement set off by a comma or a colon.
func (sc *sentenceScan) modalStart(i int) int {
	from := sc.clauseStart(i)
	for from >= 2 && isQuoteMark(sc.words[from-1]) && sc.toks[from-2].Kind == text.Word {
		from = sc.clauseStart(from - 1)
	}
	return from
}

func isQuoteMark(w string) bool {
	switch w {
	case `"`, "“", "”", "«", "»":
		return true
	}
	return false
}

// intentReach is how many words may stand between a stated intention and
// its trigger: "would tighten the naval blockade".
const intentReach = 3

// intended returns the type of the statement of intent that an unrealized
// trigger of type typ at i makes ("vowed to fight" threatens, "would
// allow" agrees), and whether it makes one: an intention must stand
// shortly before the trigger, with no negation, denial or condition.
func (sc *sentenceScan) intended(typ string, i int) (string, bool) {
	to, ok := intents[typ]
	if !ok || sc.negated(i) || sc.deniedBefore(i) || sc.hasClass("conditional", sc.clauseStart(i), i) {
		return "", false
	}
	intent := sc.rules.class("intent")
	for k := i; k >= 1 && k >= i-intentReach; k-- {
		if intent.endsAt(sc.words, k) {
			return to, true
		}
		if sc.toks[k-1].Kind != text.Word {
			break
		}
	}
	return "", false
}

// isNewsOfTheMoment reports whether the trigger at i is in the present
// perfect or progressive, or its sentence carries a lede adverb.
func (sc *sentenceScan) isNewsOfTheMoment(i int) bool {
	if sc.hasClass("lede", 0, len(sc.words)) {
		return true
	}
	// The auxiliary may open the trigger phrase itself ("has sent troops").
	return sc.hasClass("perfect", max(i-perfectWindow, sc.clauseStart(i)), i+1)
}

// inLongName reports whether token k lies inside a name of several words:
// the Security Council (el Consejo de Seguridad) or the Defense Ministry
// names a body, not a meeting or an act.
func (sc *sentenceScan) inLongName(k int) bool {
	pos := sc.toks[k].Start
	for _, m := range sc.mentions {
		if m.Start <= pos && pos < m.End && strings.ContainsRune(m.Text, ' ') {
			return true
		}
	}
	return false
}

// hasFutureVerb reports whether a lower-case word of tokens [from, to) ends
// like a verb in the future tense.
func (sc *sentenceScan) hasFutureVerb(from, to int) bool {
	for k := max(from, 0); k < to && k < len(sc.toks); k++ {
		w := sc.toks[k].Text
		if r, _ := utf8.DecodeRuneInString(w); !unicode.IsLower(r) {
			continue
		}
		for _, suf := range sc.rules.futureSuffixes {
			if len(w) > len(suf)+2 && strings.HasSuffix(w, suf) {
				return true
			}
		}
	}
	return false
}

// isParticiple reports whether the word is a past participle.
func (sc *sentenceScan) isParticiple(k int) bool {
	if sc.rules.class("participle").has(sc.words, k) {
		return true
	}
	for _, suf := range sc.rules.participleSuffixes {
		if strings.HasSuffix(sc.words[k], suf) {
			return true
		}
	}
	return false
}

// event builds the event of the trigger words[i:end].
func (sc *sentenceScan) event(typ string, i, end int) model.Event {
	ev := model.Event{
		Start:   sc.sent.Start,
		End:     sc.sent.End,
		Type:    typ,
		Trigger: sc.text[sc.toks[i].Start:sc.toks[end-1].End],
	}
	if sc.inToll(i) {
		// "Asciende a 95 la cifra de muertos en Varnholt": a count,
		// whose dead nobody in the clause killed.
		_, ev.Place = sc.argumentsAfter(end, sc.clauseEnd(end))
		return ev
	}
	cs, ce := sc.clauseStart(i), sc.clauseEnd(end)
	if sc.rules.class("demand").has(sc.words, i) {
		if tell := sc.reportOf(cs, i); tell >= 0 {
			// "Karvenia said that Tarquela must return the ship": the
			// speaker demands, the subject of "must" is asked.
			ev.Actors = sc.argumentBefore(sc.clauseStart(tell), tell)
			ev.Targets = sc.argumentBefore(max(cs, tell+1), i)
			return ev
		}
	}
	qualified := sc.nounBefore(i) && sc.rules.class("adjectival").has(sc.words, i)
	passive := sc.passiveBefore(i) && sc.isParticiple(i) || qualified || sc.undergoes(i)
	// An argument before "which/who" is the subject of the clause it opens;
	// before the "that" of a verb of telling, the speaker is also the
	// subject of what is said ("the minister announced that he will resign"),
	// but neither the speaker nor the hearer ("told Reuters that") is what
	// a passive there befalls.
	if cs > 0 && sc.rules.class("relative").has(sc.words, cs-1) {
		tell := sc.tellBefore(cs - 1)
		if tell < 0 && sc.antecedentNamed(cs-1) || tell >= 0 && !passive && !sc.mentionBetween(tell+1, cs-1) && !sc.ownSubject(cs, i) {
			cs = sc.clauseStart(cs - 1)
		}
	} else if tell := sc.reportOf(cs, i); tell >= 0 && sc.ownSubject(tell+1, i) {
		// "Karvenia said the strikes killed 40": the speaker is no party
		// to what is told when what is told has a subject of its own.
		cs = tell + 1
	}
	before := sc.argumentBefore(cs, i)
	if comma := sc.adjunctComma(cs, i); comma >= 0 {
		before = sc.subjectOf(cs, comma)
	}
	if accused := sc.accusedOf(cs, i); accused != nil {
		before = accused
	}
	after, place := sc.argumentsAfter(end, ce)
	if owner, ok := sc.ownerUndergoes(i); ok && !passive {
		// "Ruiz's arrest": the owner is arrested, by someone unnamed.
		ev.Targets = []string{owner}
		ev.Place = place
		return ev
	}
	if qualified {
		// "los prisioneros capturados": the noun qualified undergoes it.
		before = sc.nounAt(i - 1)
	}
	if passive {
		ev.Targets = before
		ev.Actors = sc.agent(end, ce)
	} else {
		ev.Actors = before
		ev.Targets = after
	}
	ev.Place = place
	// "Dock workers began the blockade": civilians who block protest.
	if ev.Type == "COERCE" && len(ev.Actors) > 0 && sc.rules.class("obstruct").has(sc.words, i) && sc.rules.class("civil").has(ev.Actors[:1], 0) {
		ev.Type = "PROTEST"
	}
	return ev
}

// ownerUndergoes returns the name owning the noun trigger at i when the
// noun is one of what befalls its owner ("Ruiz's arrest", "the
// president's killing", class patientnoun).
func (sc *sentenceScan) ownerUndergoes(i int) (string, bool) {
	if i < 1 || !sc.rules.class("patientnoun").has(sc.words, i) {
		return "", false
	}
	for _, m := range sc.mentions {
		// The possessive ending is the name's last token or one of its own.
		if k := sc.tokenAt(m.End); text.OwnerAt(sc.text, m.End) && k >= i-1 && k <= i {
			return name(m), true
		}
	}
	return "", false
}

// datedOwner reports whether a day in the possessive stands right before
// token i ("Tuesday's explosion"): the event is one told before.
func (sc *sentenceScan) datedOwner(i int, times spanList) bool {
	owner := i - 1
	if !strings.HasSuffix(sc.toks[owner].Text, "'s") && !strings.HasSuffix(sc.toks[owner].Text, "’s") {
		return false
	}
	if len(sc.toks[owner].Text) == 2 && owner > 0 {
		owner-- // the ending a token of its own
	}
	return times.covers(sc.toks[owner].Start)
}

// inToll reports whether the trigger at i is the noun of a toll ("la
// cifra de muertos", "the number of dead"; data/figures).
func (sc *sentenceScan) inToll(i int) bool {
	if sc.tolls == nil {
		return false
	}
	for b := max(i-3, 0); b <= i; b++ {
		if p, end := sc.tolls.longest(sc.words, b); p != nil && i < end {
			return true
		}
	}
	return false
}

// accusedOf returns the one accused of the act at trigger i when an
// accusation in its clause names them before it ("accused the militias
// of shelling", "acusó a las milicias de bombardear"), none if it names
// nobody, or nil when no accusation governs the act.
func (sc *sentenceScan) accusedOf(cs, i int) []string {
	if i == 0 || !sc.rules.class("chargedact").has(sc.words, i-1) {
		return nil
	}
	accusation := -1
	for k := cs; k < i-1; k++ {
		if p, end := sc.rules.triggers.longest(sc.words, k); p != nil && p.label == "ACCUSE" && end < i {
			accusation = end
		}
	}
	if accusation < 0 {
		return nil
	}
	// The accuser is no actor of the act, even when the accused is
	// unnamed.
	return append([]string{}, sc.argumentBefore(accusation, i-1)...)
}

// ownSubject reports whether the words [from, to) before a trigger open
// with a subject of their own: a name, a party noun, or a phrase opening
// with an article or a number ("the strikes", "40 people"); not a pronoun
// or a possessive ("it will return", "their forces had"), which stand for
// the speaker, nor an adjunct ("on Tuesday").
func (sc *sentenceScan) ownSubject(from, to int) bool {
	for from < to && (sc.words[from] == "," || sc.rules.class("relative").has(sc.words, from)) {
		from++
	}
	if from >= to {
		return false
	}
	return sc.mentionBetween(from, from+1) || sc.rules.class("party").has(sc.words, from) ||
		sc.rules.class("definite").has(sc.words, from) || sc.toks[from].Kind == text.Number
}

// antecedentNamed reports whether what a relative pronoun at token k
// refers to is a party: a name or a party noun ends right before it (a
// comma between), not a thing ("el artefacto que estalló").
func (sc *sentenceScan) antecedentNamed(k int) bool {
	if k > 0 && sc.words[k-1] == "," {
		k--
	}
	// Up to two qualifying words may follow the party: "hombres armados
	// que", "the gunmen in uniform who".
	for j := k; j >= 0 && j >= k-antecedentReach; j-- {
		if sc.nameEndsBefore(j) || j > 0 && sc.rules.class("party").has(sc.words, j-1) {
			return true
		}
		if j == 0 || sc.toks[j-1].Kind != text.Word {
			return false
		}
	}
	return false
}

// antecedentReach bounds the words between a relative pronoun's party and
// the pronoun.
const antecedentReach = 2

// adjunctComma returns the index of the comma that opens a gerund clause
// whose gerunds include the trigger at i ("opened fire, killing one
// person and arresting 12"), or -1: the trigger's subject is then the
// main clause's. A noun in the clause ("likening it to the Nazi bombing")
// keeps its own.
func (sc *sentenceScan) adjunctComma(cs, i int) int {
	if i == 0 || sc.words[i-1] != "," && !(sc.isGerund(i) && sc.rules.class("and").has(sc.words, i-1)) {
		return -1
	}
	for k := i; k > cs; k-- {
		if sc.words[k-1] == "," {
			if sc.isGerund(k) {
				return k - 1
			}
			return -1
		}
	}
	return -1
}

// isGerund reports whether token k is a gerund: lower case, with a gerund
// ending, and not a word of the nongerund class ("according", "comando").
func (sc *sentenceScan) isGerund(k int) bool {
	if r, _ := utf8.DecodeRuneInString(sc.toks[k].Text); !unicode.IsLower(r) || sc.rules.class("nongerund").has(sc.words, k) {
		return false
	}
	for _, suf := range sc.rules.gerundSuffixes {
		if len(sc.words[k]) > len(suf)+2 && strings.HasSuffix(sc.words[k], suf) {
			return true
		}
	}
	return false
}

// subjectOf returns the first argument of tokens [from, to): the first
// entity not after a preposition, with those coordinated to it, else the
// first party noun, else the first entity after a preposition.
func (sc *sentenceScan) subjectOf(from, to int) []string {
	lo, hi := sc.toks[from].Start, sc.toks[to].Start
	oblique := -1
	for j, m := range sc.mentions {
		if m.Start < lo || m.End > hi || sc.sourceAt(sc.tokenAt(m.Start)) {
			continue
		}
		if sc.obliqueAt(sc.tokenAt(m.Start)) {
			if oblique < 0 {
				oblique = j
			}
			continue
		}
		// The owner is not the subject: "Tarquela’s Foreign Ministry".
		if text.OwnerAt(sc.text, m.End) && j+1 < len(sc.mentions) && sc.mentions[j+1].End <= hi {
			continue
		}
		names := []string{name(m)}
		for ; j+1 < len(sc.mentions) && sc.mentions[j+1].End <= hi && sc.coordinated(sc.mentions[j], sc.mentions[j+1]); j++ {
			names = append(names, name(sc.mentions[j+1]))
		}
		return dedupe(names)
	}
	for k := from; k < to; k++ {
		if sc.rules.class("party").has(sc.words, k) {
			return []string{sc.words[k]}
		}
	}
	if oblique >= 0 {
		return []string{name(sc.mentions[oblique])}
	}
	return nil
}

// undergoReach is how many words may stand between a word of undergoing
// and its trigger: "faced fresh accusations", "suffered a missile
// attack".
const undergoReach = 2

// undergoes reports whether the trigger at i is something its subject
// undergoes, as in a passive: a phrase of the undergo class covers its
// start ("under attack", "under missile attack") or ends at most
// undergoReach words before it ("faced accusations").
func (sc *sentenceScan) undergoes(i int) bool {
	undergo := sc.rules.class("undergo")
	for k := i; k >= 0 && k >= i-undergoReach-1; k-- {
		if _, end := undergo.longest(sc.words, k); end > i || end >= 0 && end <= i && sc.wordsOnly(end, i) {
			return true
		}
	}
	return false
}

// nounAt returns the name ending at token k, or the party noun there.
func (sc *sentenceScan) nounAt(k int) []string {
	if j := sc.mentionEndingAt(k); j >= 0 {
		return []string{name(sc.mentions[j])}
	}
	return []string{sc.words[k]}
}

// nounBefore reports whether a name or a party noun stands right before
// token i: a participle of the adjectival class there qualifies it ("tres
// personas heridas", "los policías muertos"), and what it says befalls it.
func (sc *sentenceScan) nounBefore(i int) bool {
	if i == 0 || sc.toks[i-1].Kind != text.Word {
		return false
	}
	return sc.rules.class("party").has(sc.words, i-1) || sc.nameEndsBefore(i)
}

// passiveBefore reports whether a passive auxiliary stands right before
// token i, perhaps with adverbs between ("resultaron hoy heridas", "were
// also killed").
func (sc *sentenceScan) passiveBefore(i int) bool {
	between := sc.rules.class("passiveadverb")
	k := i - 1
	for k > 0 && between.has(sc.words, k) {
		k--
	}
	return k >= 0 && sc.rules.class("passive").has(sc.words, k)
}

// wordsOnly reports whether tokens [from, to) are all words.
func (sc *sentenceScan) wordsOnly(from, to int) bool {
	for k := from; k < to; k++ {
		if sc.toks[k].Kind != text.Word {
			return false
		}
	}
	return true
}

// reportOf returns the index of the verb of telling whose report holds
// the trigger at i: in its clause before it ("said Tarquela must"), or just
// before the "that" opening that clause ("said on Tuesday that Tarquela
// must"); -1 if there is none.
func (sc *sentenceScan) reportOf(cs, i int) int {
	tell := sc.rules.class("tell")
	for k := i - 1; k >= cs; k-- {
		if tell.has(sc.words, k) {
			return k
		}
	}
	if cs > 0 && sc.rules.class("relative").has(sc.words, cs-1) {
		return sc.tellBefore(cs - 1)
	}
	return -1
}

// tellReach is how far before "that" a verb of telling makes the words
// between its hearer: "told the state news agency that".
const tellReach = 5

// tellBefore returns the index of a verb of telling shortly before the
// relative word at k, in the same clause, or -1.
func (sc *sentenceScan) tellBefore(k int) int {
	tell, barrier := sc.rules.class("tell"), sc.rules.class("barrier")
	for j := k - 1; j >= 0 && j >= k-tellReach && !barrier.has(sc.words, j); j-- {
		if tell.has(sc.words, j) {
			return j
		}
	}
	return -1
}

// mentionBetween reports whether an entity mention starts in tokens
// [from, to).
func (sc *sentenceScan) mentionBetween(from, to int) bool {
	for k := from; k < to; k++ {
		if sc.mentionIndexAt(k) >= 0 {
			return true
		}
	}
	return false
}

// mentionIndexAt returns the index in sc.mentions of the mention starting
// at token k, or -1.
func (sc *sentenceScan) mentionIndexAt(k int) int {
	pos := sc.toks[k].Start
	j := sort.Search(len(sc.mentions), func(n int) bool { return sc.mentions[n].Start >= pos })
	if j < len(sc.mentions) && sc.mentions[j].Start == pos {
		return j
	}
	return -1
}

// tokenAt returns the index of the first token starting at or after pos.
func (sc *sentenceScan) tokenAt(pos int) int {
	return sort.Search(len(sc.toks), func(n int) bool { return sc.toks[n].Start >= pos })
}

func name(m model.Mention) string {
	if m.Canonical != "" {
		return m.Canonical
	}
	return m.Text
}

// argumentBefore returns the entity closest before the trigger in the
// clause, with entities coordinated to it ("Ruiz and Torres"), or a
// party noun ("police") when no entity is named.
func (sc *sentenceScan) argumentBefore(from, i int) []string {
	lo, hi := sc.toks[0].Start, sc.toks[i].Start
	if from < len(sc.toks) {
		lo = sc.toks[from].Start
	}
	// A name after a preposition is no subject: in "Ruiz flew to Lima and
	// declared an emergency" Ruiz declared it. Nor is a name in an aside
	// after the subject's own ("the Union of Dockworkers (UDW)").
	last, lastOblique, lastAside := -1, -1, -1
	for j, m := range sc.mentions {
		if m.Start >= lo && m.End <= hi {
			switch k := sc.tokenAt(m.Start); {
			case sc.sourceAt(k):
				// "Según Marsh, el hospital recibió 60 heridos": who
				// tells is no party to what is told.
			case sc.obliqueAt(k):
				lastOblique = j
			case k > 0 && sc.words[k-1] == "(":
				lastAside = j
			default:
				last = j
			}
		}
	}
	if last < 0 {
		// The first party of the clause is its subject: "soldiers backed by
		// police fired", "police in Lodravo opened fire"; a name right
		// before it says whose ("actions by the US military").
		for k := from; k < i; k++ {
			// "Según las autoridades, la riada dejó 16 muertos": who tells
			// is no party.
			if sc.rules.class("party").has(sc.words, k) && !sc.nameEndsBefore(k) && !sc.sourceAt(k) {
				return []string{sc.words[k]}
			}
		}
		last = lastOblique
		// "the death toll from the Varnholt market blast": a place
		// naming the event is no party to it, nor is where it happens
		// ("In Lodravo, a state of emergency is in force").
		if last >= 0 && sc.mentions[last].Type == model.LOC && (sc.wordsOnly(sc.tokenAt(sc.mentions[last].End), i) && i-sc.tokenAt(sc.mentions[last].End) <= 1 || sc.locativeAt(sc.tokenAt(sc.mentions[last].Start))) {
			last = -1
		}
	}
	if last < 0 {
		last = lastAside
	}
	if last < 0 {
		return nil
	}
	names := []string{name(sc.mentions[last])}
	for j := last; j > 0 && sc.mentions[j-1].Start >= lo; j-- {
		if !sc.coordinated(sc.mentions[j-1], sc.mentions[j]) || sc.sourceAt(sc.tokenAt(sc.mentions[j-1].Start)) {
			break
		}
		names = append([]string{name(sc.mentions[j-1])}, names...)
	}
	return dedupe(names)
}

// locativeAt reports whether a preposition saying where stands before
// token k ("in Lodravo", "en el puerto"), not one saying from where.
func (sc *sentenceScan) locativeAt(k int) bool {
	if k > 1 && sc.rules.class("definite").has(sc.words, k-1) {
		k--
	}
	return k > 0 && sc.rules.class("locative").endsAt(sc.words, k)
}

// nameEndsBefore reports whether an entity mention ends right before
// token k.
func (sc *sentenceScan) nameEndsBefore(k int) bool {
	return k > 0 && sc.mentionEndingAt(k-1) >= 0
}

// mentionEndingAt returns the index of the mention ending with token k, or
// -1.
func (sc *sentenceScan) mentionEndingAt(k int) int {
	end := sc.toks[k].End
	j := sort.Search(len(sc.mentions), func(n int) bool { return sc.mentions[n].End >= end })
	if j < len(sc.mentions) && sc.mentions[j].End == end {
		return j
	}
	return -1
}

// obliqueAt reports whether a preposition stands right before token k,
// or before an article right before it ("in the Alto Valle flood").
func (sc *sentenceScan) obliqueAt(k int) bool {
	if k > 1 && sc.rules.class("definite").has(sc.words, k-1) {
		k--
	}
	if k == 0 {
		return false
	}
	for _, c := range [...]string{"place", "target", "by", "oblique"} {
		if sc.rules.class(c).has(sc.words, k-1) {
			return true
		}
		// One lower-case modifier between: "through central Port Aveline".
		if k > 1 && sc.toks[k-1].Kind == text.Word && text.StartsLower(sc.toks[k-1].Text) && sc.rules.class(c).has(sc.words, k-2) {
			return true
		}
	}
	return false
}

// sourceAt reports whether the name at token k follows a phrase that
// names the source of what is told ("according to", "según").
func (sc *sentenceScan) sourceAt(k int) bool {
	if k > 1 && sc.rules.class("definite").has(sc.words, k-1) {
		k--
	}
	if k > 0 && sc.rules.class("source").endsAt(sc.words, k) {
		return true
	}
	// Anywhere in a source phrase up to its comma: "Según fuentes
	// militares citadas por la agencia EFE, …".
	for j := k - 1; j >= 0 && sc.words[j] != "," && k-j <= sourceReach; j-- {
		if sc.rules.class("source").has(sc.words, j) {
			return true
		}
	}
	return false
}

// sourceReach bounds the words of a source phrase ("según fuentes
// militares citadas por la agencia EFE").
const sourceReach = 8

// coordinated reports whether only a conjunction separates a and b.
func (sc *sentenceScan) coordinated(a, b model.Mention) bool {
	k, stop := sc.tokenAt(a.End), sc.tokenAt(b.Start)
	if stop-k != 1 {
		return false
	}
	return sc.rules.class("and").has(sc.words, k)
}

// argumentsAfter returns the target entities after the trigger up to the
// clause end, and the first place named after a place preposition in the
// rest of the sentence.
func (sc *sentenceScan) argumentsAfter(end, clauseEnd int) (targets []string, place string) {
	placePrep, targetPrep, locus := sc.rules.class("place"), sc.rules.class("target"), sc.rules.class("locus")
	sawLocus := false
	for k := end; k < len(sc.words); k++ {
		if locus.has(sc.words, k) {
			sawLocus = true
		}
		if !placePrep.has(sc.words, k) {
			if k < clauseEnd && len(targets) == 0 {
				if j := sc.mentionIndexAt(k); j >= 0 && (k == end || targetPrep.has(sc.words, k-1) || !sc.prepositionBefore(k) && !sc.agentBefore(k)) {
					m := sc.mentions[j]
					if m.Type == model.LOC && sc.placeNounBefore(k) {
						// "in the border town of Ipiales": a place, not a target.
						place = cmp.Or(place, name(m))
						continue
					}
					targets = append(targets, name(m))
				}
			}
			continue
		}
		for n := k + 1; n <= k+placeWindow && n < len(sc.words); n++ {
			if p, _ := sc.rules.triggers.longest(sc.words, n); p != nil {
				break // "en bombardeos de Tarquela": an act, not a place
			}
			j := sc.mentionIndexAt(n)
			if j < 0 {
				continue
			}
			m := sc.mentions[j]
			if m.Type == model.LOC && place == "" {
				place = name(m)
				// "strikes on targets in Karvenia": Karvenia is struck.
				if sawLocus && len(targets) == 0 && k < clauseEnd {
					targets = append(targets, place)
				}
			}
			// The name after the preposition is spent: "marched through
			// central Quito" names no target.
			k = sc.tokenAt(m.End) - 1
			break
		}
	}
	return targets, place
}

// placeNounBefore reports whether "town of", "ciudad de" or the like
// stands right before token k.
func (sc *sentenceScan) placeNounBefore(k int) bool {
	return k >= 2 && sc.rules.class("placenoun").endsAt(sc.words, k)
}

// agentBefore reports whether "by" stands right before token k or before
// its article: "talks mediated by the Vatican" names the mediator, not a
// target.
func (sc *sentenceScan) agentBefore(k int) bool {
	by := sc.rules.class("by")
	return k > 0 && by.has(sc.words, k-1) || k > 1 && by.has(sc.words, k-2) && sc.rules.class("definite").has(sc.words, k-1)
}

// prepositionBefore reports whether token k-1 is a place preposition, so
// that the entity at k is a place rather than a target.
func (sc *sentenceScan) prepositionBefore(k int) bool {
	return k > 0 && sc.rules.class("place").has(sc.words, k-1)
}

// agent returns the entity after "by" in a passive clause.
func (sc *sentenceScan) agent(end, clauseEnd int) []string {
	by := sc.rules.class("by")
	for k := end; k < clauseEnd; k++ {
		if !by.has(sc.words, k) {
			continue
		}
		for n := k + 1; n <= k+placeWindow && n < clauseEnd; n++ {
			if j := sc.mentionIndexAt(n); j >= 0 {
				return []string{name(sc.mentions[j])}
			}
			if sc.rules.class("party").has(sc.words, n) {
				return []string{sc.words[n]}
			}
		}
		return nil
	}
	return nil
}

func dedupe(names []string) []string {
	out := names[:0]
	seen := map[string]bool{}
	for _, n := range names {
		if !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	return out
}
