package timex

import (
	"cmp"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/storyline/storyline/internal/model"
)

// slots collect what a pattern's elements say about a time; the rule's
// normalizer turns them into a TIMEX3 value.
type slots struct {
	year, month, day, weekday int
	hour, minute              int
	hasTime                   bool
	ampm                      int // 1 am, 2 pm
	part                      string
	num                       float64
	century                   int // 19 in "nineteen ninety-six"
	hasNum, fuzzy             bool
	unit                      string
	rel                       int
	hasRel                    bool
	dayrel                    int
	hasDayrel                 bool
	season                    string
	ord                       int
	decade                    int
	shift                     int  // -1 earlier, +1 later
	fromRef                   bool // the shift counts from the reference date ("ago")
	fromAnchor                bool // the direction counts from the day in focus ("the following year")
	plural                    bool // the unit was plural ("weeks")
	yearCue                   bool // a word before a bare number asks for a year ("in 1612")
	holiday                   string
	// spanFrom and spanTo, one past a token index when set, are where a
	// pattern's "<" and ">" marks put the bounds of the span.
	spanFrom, spanTo int
}

func (s *slots) set(e entry) {
	switch e.class {
	case "MONTH", "MONTHW", "MON", "DAYMON":
		s.month = e.n
	case "WEEKDAY":
		s.weekday = e.n
	case "DAY":
		s.day = e.n
	case "YEAR":
		s.year = e.n
	case "YEARCUE":
		s.yearCue = true
	case "INT":
		s.num, s.hasNum = float64(e.n), true
	case "ORD", "LASTORD":
		s.ord = e.n
	case "PERIOD":
		// Only names the granularity when no unit came first: in "the
		// year-ago period" the unit is the year the period is shifted by.
		if s.unit == "" {
			s.unit = e.s
		}
	case "UNIT":
		if s.unit != "" && s.shift != 0 {
			// "the year-earlier quarter": the unit shifted by comes first.
			break
		}
		if (s.unit == unitQuarter || s.unit == unitHalf) && strings.HasPrefix(e.s, unitYear) {
			// "the first half of next year": the year only locates the half.
			break
		}
		// Plural units are marked "+pl" in the lexicon: "the coming weeks".
		s.unit, s.plural = strings.CutSuffix(e.s, "+pl")
	case "REL":
		s.rel, s.hasRel = e.n, true
	case "NOWREL":
		s.rel, s.hasRel, s.fromRef = e.n, true, true
	case "ANAPHOR":
		s.rel, s.hasRel, s.fromAnchor = e.n, true, true
	case "RELA":
		s.rel, s.hasRel, s.fromAnchor = e.n, true, true
	case "DAYREL", "DAYSHIFT", "EVE":
		// Adds up, so that "pasado mañana" is two days on; "la víspera"
		// (EVE) is the day before.
		s.dayrel, s.hasDayrel = s.dayrel+e.n, s.hasDayrel || e.class != "DAYSHIFT"
	case "PART":
		s.part = e.s
	case "SEASON", "SEASONW":
		s.season = e.s
	case "HOUR":
		s.hour, s.minute, s.hasTime = e.n, 0, true
	case "HHMM":
		// In "between 2300 and 0200 GMT" the span is the first.
		if !s.hasTime {
			s.hour, s.minute, s.hasTime = e.n/100, e.n%100, true
		}
	case "CLOCK", "DOTCLOCK":
		s.hour, s.minute, s.hasTime = e.n/100, e.n%100, true
	case "DAYPART":
		// "anoche" is "-1:NI": a day offset and a part of day.
		off, part, _ := strings.Cut(e.s, ":")
		n, _ := strconv.Atoi(off)
		s.dayrel, s.hasDayrel, s.part = n, true, part
	case "AMPM":
		s.ampm = e.n
	case "ISODATE":
		s.year, s.month, s.day = e.n/10000, e.n/100%100, e.n%100
	case "ISOMONTH":
		s.year, s.month = e.n/100, e.n%100
	case "CENTURYW":
		s.century = e.n
	case "DECADE":
		s.decade = e.n
	case "YEARRANGE":
		s.year = e.n
	case "FEW":
		s.fuzzy = true
	case "HALF":
		s.num += float64(e.n) / 100
	case "AGO":
		s.shift, s.fromRef = e.n, true
	case "LATER", "ADVSHIFT":
		s.shift = e.n
	case "HOLIDAY", "HOLIDAYD":
		s.holiday = e.s
	}
}

// context is what a normalizer knows beyond the match: the reference date,
// the tense around the expression, and the last date the text mentioned.
type context struct {
	ref    time.Time
	hasRef bool
	tense  int
	// lead is the direction a word like "by" or "since" right before the
	// expression gives a month, tenseNone without one.
	lead      int
	anchor    time.Time
	hasAnchor bool
	// anchorQuarter is set when the last date mentioned was a quarter, so
	// that "a year earlier" keeps that granularity.
	anchorQuarter bool
	anchorYear    int // the year of the last value with one, 0 when none
	// anchorMonth is the first day of the month of the last day or month
	// mentioned, the anchor for "the following month".
	anchorMonth    time.Time
	hasAnchorMonth bool
	// topicQuarter is the first day of the quarter the text is about.
	topicQuarter    time.Time
	hasTopicQuarter bool
}

type normalizer func(c *context, s *slots) (typ, value string, ok bool)

// normalizers is initialized as a variable, not in init, so that the
// language files loaded by lexicon.go's init can refer to it.
var normalizers = map[string]normalizer{
	"date":       normDate,
	"rel":        normRel,
	"shift":      normShift,
	"duration":   normDuration,
	"set":        normSet,
	"decade":     normDecade,
	"year":       normYear,
	"bareyear":   normBareYear,
	"weekof":     normWeekOf,
	"range":      normDate,
	"ending":     normEnding,
	"vague":      normVague,
	"yearperiod": normYearPeriod,
	"compare":    normCompare,
}

// unitGranularity maps lexicon units to what they count.
const (
	unitDay     = "D"
	unitWeek    = "W"
	unitWeekend = "WE"
	unitMonth   = "M"
	unitQuarter = "Q"
	unitHalf    = "H"
	unitYear    = "Y"
	unitDecade  = "DE"
	unitCentury = "CE"
	unitHour    = "HR"
	unitMinute  = "MIN"
	unitSecond  = "SEC"
)

func day(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC) }

func daysIn(y, m int) int { return day(y, m+1, 0).Day() }

func fmtDay(t time.Time) string { return t.Format("2006-01-02") }

func fmtYear(y int) string { return fmt.Sprintf("%04d", y) }

func fmtMonth(y, m int) string { return fmt.Sprintf("%04d-%02d", y, m) }

func fmtWeek(t time.Time) string {
	y, w := t.ISOWeek()
	return fmt.Sprintf("%04d-W%02d", y, w)
}

// monthYear picks the year of a month (and day) the text gives without
// one: past tense looks back from the reference date, future forward, and
// with no tense the same year unless that lies over half a year ahead.
func monthYear(c *context, m, d int) int {
	y := c.ref.Year()
	if d == 0 {
		d = 1
		if m == int(c.ref.Month()) {
			return y
		}
	}
	cand := day(y, m, min(d, daysIn(y, m)))
	// Tense cues are noisy, so a date close to the reference date stays in
	// its year whatever the tense says.
	near := 62 * 24 * time.Hour
	tense := cmp.Or(c.lead, c.tense)
	if c.lead == tensePast {
		// Nothing after the reference date began "since" it.
		near = 0
	}
	switch tense {
	case tensePast:
		if cand.Sub(c.ref) > near {
			return y - 1
		}
	case tenseFuture:
		if c.ref.Sub(cand) > near {
			return y + 1
		}
	default:
		if cand.Sub(c.ref) > 183*24*time.Hour {
			return y - 1
		}
		if c.ref.Sub(cand) > 300*24*time.Hour {
			return y + 1
		}
	}
	return y
}

// resolveWeekday finds the date of weekday wd (1 = Monday) around the
// reference date: rel -1 "last Friday" strictly before, rel +1 "next
// Friday" strictly after, otherwise by tense (past and none look back,
// counting the reference day itself).
func resolveWeekday(c *context, wd int, s *slots) time.Time {
	base := c.ref
	if s.fromAnchor && c.hasAnchor {
		// "The previous Friday" is the one before the day in focus.
		base = c.anchor
	}
	cur := int(base.Weekday())
	if cur == 0 {
		cur = 7
	}
	back := (cur - wd + 7) % 7
	fwd := (wd - cur + 7) % 7
	dir := c.tense
	if s.hasRel && s.rel != 0 {
		dir = s.rel
		if dir < 0 && back == 0 {
			back = 7
		}
		if dir > 0 && fwd == 0 {
			fwd = 7
		}
	}
	if dir == tenseFuture {
		return base.AddDate(0, 0, fwd)
	}
	return base.AddDate(0, 0, -back)
}

// resolveMonthDay finds the day of the month md nearest the reference
// date in the direction a word gives ("el próximo día 28"), else the
// tense's: this month's if it lies that way, else the month next to it.
func resolveMonthDay(c *context, md int, s *slots) time.Time {
	ref := c.ref
	dir := c.tense
	if s.hasRel && s.rel != 0 {
		dir = s.rel
	}
	step := -1
	if dir == tenseFuture {
		step = 1
	}
	first := time.Date(ref.Year(), ref.Month(), 1, 0, 0, 0, 0, time.UTC)
	if step > 0 && (md < ref.Day() || md == ref.Day() && s.hasRel) || step < 0 && (md > ref.Day() || md == ref.Day() && s.hasRel) {
		first = first.AddDate(0, step, 0)
	}
	// The nearest month that way holding the day: "el próximo día 31" in
	// June is July's.
	for md > daysIn(first.Year(), int(first.Month())) {
		first = first.AddDate(0, step, 0)
	}
	return first.AddDate(0, 0, md-1)
}

func normDate(c *context, s *slots) (string, string, bool) {
	if y, ok := spokenYear(s); ok && s.year == 0 {
		s.year = y
	}
	if s.holiday != "" {
		if !holidayDate(c, s) {
			return "", "", false
		}
		if s.day == 0 {
			return "", fmt.Sprintf("XXXX-%02d", s.month), true
		}
	}
	if s.decade > 0 {
		return "", strconv.Itoa(s.decade), true
	}
	if s.unit == unitCentury && s.ord > 0 {
		return "", fmt.Sprintf("%02d", s.ord-1), true
	}
	if (s.unit == unitQuarter || s.unit == unitHalf) && s.ord > 0 {
		return "", periodOfYear(c, s), true
	}
	if s.season != "" {
		return "", seasonValue(c, s), true
	}
	var date string
	var d time.Time
	haveDay := false
	switch {
	case s.year > 0 && s.month > 0 && s.day > 0:
		if !validDate(s.year, s.month, s.day) {
			return "", "", false
		}
		d, haveDay = day(s.year, s.month, s.day), true
	case s.month > 0 && s.day > 0:
		if s.day > 31 {
			return "", "", false
		}
		if !c.hasRef {
			date = fmt.Sprintf("XXXX-%02d-%02d", s.month, s.day)
			break
		}
		y, ok := yearNamed(c, s)
		if !ok {
			y = monthYear(c, s.month, s.day)
		}
		if s.day > daysIn(y, s.month) {
			return "", "", false
		}
		d, haveDay = day(y, s.month, s.day), true
	case s.hasDayrel:
		if !c.hasRef {
			if s.dayrel == 0 {
				return "", "PRESENT_REF", true
			}
			date = "XXXX-XX-XX"
			break
		}
		d, haveDay = c.ref.AddDate(0, 0, s.dayrel), true
	case s.weekday > 0:
		if !c.hasRef {
			date = fmt.Sprintf("XXXX-WXX-%d", s.weekday)
			break
		}
		d, haveDay = resolveWeekday(c, s.weekday, s), true
	case s.day > 0:
		// "El pasado día 12": a day of the month named without its month.
		if s.day > 31 {
			return "", "", false
		}
		if !c.hasRef {
			date = fmt.Sprintf("XXXX-XX-%02d", s.day)
			break
		}
		d, haveDay = resolveMonthDay(c, s.day, s), true
	case s.month > 0:
		y := s.year
		switch {
		case y > 0:
		case !c.hasRef:
			return "", fmt.Sprintf("XXXX-%02d", s.month), true
		case s.unit != "":
			var ok bool
			if y, ok = yearNamed(c, s); !ok {
				return "", "", false
			}
		case s.hasRel && s.rel == 0:
			y = c.ref.Year()
		case s.hasRel:
			y = c.ref.Year()
			if s.rel < 0 && s.month >= int(c.ref.Month()) {
				y--
			}
			if s.rel > 0 && s.month <= int(c.ref.Month()) {
				y++
			}
		default:
			y = monthYear(c, s.month, 0)
		}
		return "", fmtMonth(y, s.month), true
	case s.year > 0:
		return "", fmtYear(s.year), true
	case s.hasRel && (s.part != "" || s.hasTime):
		// "this morning", "esta tarde": today; "last night": yesterday.
		if !c.hasRef {
			date = "XXXX-XX-XX"
			break
		}
		base := c.ref
		if s.fromAnchor && c.hasAnchor {
			base = c.anchor
		}
		d, haveDay = base.AddDate(0, 0, s.rel), true
	case s.hasTime || s.part != "":
		// A bare clock time or part of day is on the day being told about.
		switch {
		case c.hasAnchor:
			d, haveDay = c.anchor, true
		case c.hasRef:
			d, haveDay = c.ref, true
		default:
			date = "XXXX-XX-XX"
		}
	default:
		return "", "", false
	}
	if haveDay {
		date = fmtDay(d)
	}
	if s.hasTime {
		h := s.hour
		if s.ampm == 2 && h < 12 {
			h += 12
		}
		if s.ampm == 1 && h == 12 {
			h = 0
		}
		if s.ampm == 0 && h < 12 && (s.part == "AF" || s.part == "EV" || (s.part == "NI" && h >= 6)) {
			h += 12
		}
		if h > 24 {
			return "", "", false
		}
		return model.TIME, fmt.Sprintf("%sT%02d:%02d", date, h, s.minute), true
	}
	if s.part != "" {
		return model.TIME, date + "T" + s.part, true
	}
	return "", date, true
}

// yearNamed reads the year a relative year gives a month or a day: "July
// last year", "el 3 de enero del año pasado". ok is false when no year was
// named that way.
func yearNamed(c *context, s *slots) (int, bool) {
	if s.unit != unitYear || !s.hasRel {
		return 0, false
	}
	return c.ref.Year() + s.rel, true
}

// holidayDate fills the date of a holiday: "12-25" is a fixed day,
// "11-4-4" the fourth Thursday of November and "05-5-1" the last Monday of
// May. The year is the one given, else the one before or after the
// reference date a direction word asks for ("last Thanksgiving"), else the
// one the month takes by tense; with no reference date only a fixed day is
// known, and of a moving one the month.
func holidayDate(c *context, s *slots) bool {
	h := s.holiday
	s.month = atoi(h[:2])
	fixed := len(h) == 5
	if s.month < 1 || s.month > 12 || (!fixed && len(h) != 6) {
		return false
	}
	dayIn := func(y int) int {
		if fixed {
			return atoi(h[3:])
		}
		nth, wd := int(h[3]-'0'), int(h[5]-'0')
		first := cmp.Or(int(day(y, s.month, 1).Weekday()), 7)
		d := 1 + (wd-first+7)%7 + 7*(nth-1)
		for d > daysIn(y, s.month) {
			d -= 7
		}
		return d
	}
	y := s.year
	switch {
	case y > 0:
	case !c.hasRef:
		if fixed {
			s.day = dayIn(2000)
		}
		return true
	case s.hasRel && s.rel != 0:
		y = c.ref.Year()
		if t := day(y, s.month, dayIn(y)); s.rel < 0 && !t.Before(c.ref) {
			y--
		} else if s.rel > 0 && !t.After(c.ref) {
			y++
		}
	default:
		y = monthYear(c, s.month, 15)
	}
	s.year, s.day = y, dayIn(y)
	return true
}

// periodOfYear formats "the third quarter" or "the first half": the year
// given, else the reference year, moved back a year when the period has not
// begun yet and the sentence speaks of the past.
func periodOfYear(c *context, s *slots) string {
	n, per := s.ord, 4
	if s.unit == unitHalf {
		per = 2
	}
	if n > per {
		n = per
	}
	if s.year > 0 {
		return fmt.Sprintf("%04d-%s%d", s.year, s.unit, n)
	}
	if !c.hasRef {
		return fmt.Sprintf("XXXX-%s%d", s.unit, n)
	}
	y := c.ref.Year()
	startMonth := (n-1)*(12/per) + 1
	switch {
	case s.hasRel:
		// "last year's fourth quarter", "the first half of next year".
		y += s.rel
	case c.tense == tensePast && startMonth > int(c.ref.Month()):
		y--
	}
	return fmt.Sprintf("%04d-%s%d", y, s.unit, n)
}

// normEnding reads "the quarter ended Sept. 30": the quarter holding the
// middle of the three months up to the end month, so that a fiscal quarter
// ending July 31 is counted as the second. The year is the one given, else
// the one the month takes by tense. Other units ending on a day, "the year
// ended March 31", are spans of one unit.
func normEnding(c *context, s *slots) (string, string, bool) {
	if s.unit != unitQuarter {
		s.num, s.hasNum, s.fuzzy = 1, true, false
		_, v, ok := normDuration(c, s)
		return model.DURATION, v, ok
	}
	mid := (s.month+10)%12 + 1
	y := s.year
	switch {
	case y > 0:
	case !c.hasRef:
		return "", fmt.Sprintf("XXXX-Q%d", (mid-1)/3+1), true
	default:
		y = monthYear(c, s.month, s.day)
	}
	if mid > s.month {
		// A quarter ending in January is mostly the year before's.
		y--
	}
	return "", fmt.Sprintf("%04d-Q%d", y, (mid-1)/3+1), true
}

// seasonMonths gives the last month of each (northern) season, to tell
// whether "last summer" is this year's or last year's.
var seasonEnd = map[string]int{"SP": 5, "SU": 8, "FA": 11, "WI": 2}

func seasonValue(c *context, s *slots) string {
	if s.year > 0 {
		return fmt.Sprintf("%04d-%s", s.year, s.season)
	}
	if !c.hasRef {
		return "XXXX-" + s.season
	}
	y := c.ref.Year()
	m := int(c.ref.Month())
	end := seasonEnd[s.season]
	switch {
	case s.hasRel && s.rel < 0:
		if s.season == "WI" {
			if m <= end {
				y--
			}
		} else if m <= end {
			y--
		}
	case s.hasRel && s.rel > 0:
		if m > end-2 {
			y++
		}
	case !s.hasRel && c.tense == tensePast && s.season != "WI" && m < end-2:
		y--
	}
	return fmt.Sprintf("%04d-%s", y, s.season)
}

// normRel handles "last week", "next month", "this year", "el año pasado".
func normRel(c *context, s *slots) (string, string, bool) {
	if s.season != "" || s.month > 0 || s.weekday > 0 {
		return normDate(c, s)
	}
	r := s.rel
	if s.plural {
		// "the coming weeks", "los últimos años": no one period.
		return "", fuzzyRef[max(-1, min(1, r))], true
	}
	if !c.hasRef {
		switch s.unit {
		case unitDay:
			return "", "XXXX-XX-XX", true
		case unitWeek, unitWeekend:
			return "", "XXXX-WXX", true
		case unitMonth:
			return "", "XXXX-XX", true
		case unitYear:
			return "", "XXXX", true
		}
		return "", "", false
	}
	ref := c.ref
	if s.fromAnchor && c.hasAnchor {
		ref = c.anchor
	}
	switch s.unit {
	case unitDay:
		// "the next day", "the previous day": counted from the day in focus.
		base := ref
		if c.hasAnchor {
			base = c.anchor
		}
		return "", fmtDay(base.AddDate(0, 0, r)), true
	case unitWeek:
		return "", fmtWeek(ref.AddDate(0, 0, 7*r)), true
	case unitWeekend:
		if r == 0 && c.tense == tensePast && ref.Weekday() != time.Saturday && ref.Weekday() != time.Sunday {
			// On a weekday, the weekend the text tells of in the past is
			// the one just gone, which belongs to the previous ISO week.
			r = -1
		}
		return "", fmtWeek(ref.AddDate(0, 0, 7*r)) + "-WE", true
	case unitMonth:
		if s.fromAnchor && c.hasAnchorMonth {
			ref = c.anchorMonth
		}
		t := day(ref.Year(), int(ref.Month())+r, 1)
		return "", fmtMonth(t.Year(), int(t.Month())), true
	case unitQuarter:
		// "the quarter" is the one the text is about, if it named one;
		// "the current quarter" the reference date's.
		if r == 0 && c.anchorQuarter && !s.fromRef {
			ref = c.anchor
		}
		q := (int(ref.Month())-1)/3 + r
		y := ref.Year() + floorDiv(q, 4)
		return "", fmt.Sprintf("%04d-Q%d", y, mod(q, 4)+1), true
	case unitHalf:
		h := (int(ref.Month())-1)/6 + r
		y := ref.Year() + floorDiv(h, 2)
		return "", fmt.Sprintf("%04d-H%d", y, mod(h, 2)+1), true
	case unitYear:
		if s.fromAnchor && c.anchorYear > 0 {
			return "", fmtYear(c.anchorYear + r), true
		}
		return "", fmtYear(ref.Year() + r), true
	case unitDecade:
		return "", strconv.Itoa(ref.Year()/10 + r), true
	case unitCentury:
		return "", fmt.Sprintf("%02d", ref.Year()/100+r), true
	}
	return "", "", false
}

// fuzzyRef names the vague past, present and future by direction.
var fuzzyRef = map[int]string{-1: "PAST_REF", 0: "PRESENT_REF", 1: "FUTURE_REF"}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func mod(a, b int) int { return a - floorDiv(a, b)*b }

// normShift handles "two days ago", "a year earlier", "hace dos semanas",
// "tres días después": the reference date (for "ago") or the day in focus
// moved by the amount, at the unit's granularity.
func normShift(c *context, s *slots) (string, string, bool) {
	if !s.hasNum && !s.fuzzy && !s.plural {
		// "A year earlier" without the article: "the year-ago quarter".
		s.num, s.hasNum = 1, true
	}
	if s.fuzzy || !s.hasNum {
		if s.shift < 0 {
			return "", "PAST_REF", true
		}
		return "", "FUTURE_REF", true
	}
	base, ok := c.ref, c.hasRef
	if !s.fromRef && c.hasAnchor {
		base, ok = c.anchor, true
	}
	if !ok {
		return "", "", false
	}
	n := int(math.Round(s.num)) * s.shift
	switch s.unit {
	case unitDay:
		return "", fmtDay(base.AddDate(0, 0, n)), true
	case unitWeek:
		return "", fmtWeek(base.AddDate(0, 0, 7*n)), true
	case unitMonth:
		t := day(base.Year(), int(base.Month())+n, 1)
		return "", fmtMonth(t.Year(), int(t.Month())), true
	case unitQuarter:
		q := (int(base.Month())-1)/3 + n
		return "", fmt.Sprintf("%04d-Q%d", base.Year()+floorDiv(q, 4), mod(q, 4)+1), true
	case unitYear:
		// After a quarter, "a year earlier" and "a year ago" mean that
		// quarter of the year before.
		if c.anchorQuarter {
			q := (int(c.anchor.Month()) - 1) / 3
			return "", fmt.Sprintf("%04d-Q%d", c.anchor.Year()+n, q+1), true
		}
		return "", fmtYear(base.Year() + n), true
	case unitDecade:
		return "", fmtYear(base.Year() + 10*n), true
	case unitHour, unitMinute:
		if !s.fromRef && (s.unit == unitMinute || math.Mod(s.num, 24) != 0) {
			// "An hour later" tells how long after, not a clock time: the
			// day in focus has none. Whole days of hours still reach a day.
			_, v, ok := normDuration(c, s)
			return model.DURATION, v, ok
		}
		if !c.hasRef {
			return "", "", false
		}
		d := time.Duration(n) * time.Hour
		if s.unit == unitMinute {
			d = time.Duration(n) * time.Minute
		}
		return model.TIME, c.ref.Add(d).Format("2006-01-02T15:04"), true
	}
	return "", "", false
}

// durationUnits maps units to their TIMEX3 designator and whether they sit
// after the "T".
var durationUnits = map[string]struct {
	code string
	time bool
	mult int
}{
	unitDay:     {"D", false, 1},
	unitWeek:    {"W", false, 1},
	unitWeekend: {"D", false, 2},
	unitMonth:   {"M", false, 1},
	unitQuarter: {"M", false, 3},
	unitHalf:    {"M", false, 6},
	unitYear:    {"Y", false, 1},
	unitDecade:  {"Y", false, 10},
	unitCentury: {"Y", false, 100},
	unitHour:    {"H", true, 1},
	unitMinute:  {"M", true, 1},
	unitSecond:  {"S", true, 1},
}

// smaller gives the unit a fraction of a unit is expressed in, and how many
// of it make one: half a year is P6M.
var smaller = map[string]struct {
	unit string
	n    float64
}{
	unitYear:   {unitMonth, 12},
	unitMonth:  {unitDay, 30},
	unitWeek:   {unitDay, 7},
	unitDay:    {unitHour, 24},
	unitHour:   {unitMinute, 60},
	unitMinute: {unitSecond, 60},
}

// normDecade reads a decade written as a number: "los años 90" and "la
// década de 1980" are the 1990s and the 1980s; a two-digit decade is in the
// twentieth century.
func normDecade(_ *context, s *slots) (string, string, bool) {
	n := int(s.num)
	switch {
	case !s.hasNum || float64(n) != s.num || n%10 != 0:
		return "", "", false
	case n >= 10 && n < 100:
		return "", strconv.Itoa(190 + n/10), true
	case n >= 1000 && n < 3000:
		return "", strconv.Itoa(n / 10), true
	}
	return "", "", false
}

// normYear reads a year written as a number: "the year two thousand",
// "nineteen ninety-six".
func normYear(_ *context, s *slots) (string, string, bool) {
	if y, ok := spokenYear(s); ok {
		return "", fmtYear(y), true
	}
	n := int(s.num)
	if s.century != 0 {
		// "twenty thousand": a count, not a century and its year.
		return "", "", false
	}
	if !s.hasNum || float64(n) != s.num || n < 1000 || n > 2999 {
		return "", "", false
	}
	return "", fmtYear(n), true
}

// normBareYear reads a number standing alone as a year only when it is
// near the reference date (a century and a half back, half a century on),
// or further back after a word that asks for a year: "1000 troops" or
// "resolution 1441" in a 2003 report name no year, "in 1612" does.
func normBareYear(c *context, s *slots) (string, string, bool) {
	lo, hi := 1800, 2099
	if c.hasRef {
		lo, hi = c.ref.Year()-150, c.ref.Year()+50
	}
	if s.yearCue {
		lo = 1000
	}
	if s.year < lo || s.year > hi {
		return "", "", false
	}
	return "", fmtYear(s.year), true
}

// normWeekOf reads "the week of March 6", "la semana del 6 de marzo": the
// week holding that day.
func normWeekOf(c *context, s *slots) (string, string, bool) {
	_, v, ok := normDate(c, s)
	if !ok {
		return "", "", false
	}
	d, err := time.Parse("2006-01-02", v)
	if err != nil {
		return "", "XXXX-WXX", true
	}
	return "", fmtWeek(d), true
}

// spokenYear reads a year said as two numbers, its century and the rest:
// "nineteen ninety-six", "twenty twenty".
func spokenYear(s *slots) (int, bool) {
	lo := int(s.num)
	if s.century == 0 || !s.hasNum || float64(lo) != s.num || lo < 10 || lo > 99 {
		return 0, false
	}
	return s.century*100 + lo, true
}

func normDuration(c *context, s *slots) (string, string, bool) {
	u, ok := durationUnits[s.unit]
	if !ok {
		return "", "", false
	}
	prefix := "P"
	if u.time {
		prefix = "PT"
	}
	if s.fuzzy || !s.hasNum {
		if s.unit == unitDecade || s.unit == unitCentury {
			return "", prefix + "X" + map[string]string{unitDecade: "DE", unitCentury: "CE"}[s.unit], true
		}
		return "", prefix + "X" + u.code, true
	}
	whole := math.Floor(s.num)
	frac := s.num - whole
	v := prefix
	if whole > 0 {
		v += strconv.Itoa(int(whole)*u.mult) + u.code
	}
	if frac > 0 {
		sm, ok := smaller[s.unit]
		if !ok {
			return "", "", false
		}
		su := durationUnits[sm.unit]
		if su.time && !u.time {
			v += "T"
		}
		v += strconv.Itoa(int(math.Round(frac*sm.n))) + su.code
	}
	if v == prefix {
		return "", "", false
	}
	return "", v, true
}

// normYearPeriod reads "the 1988 quarter", "the 1989 period": the quarter
// the text is about, in the year given, or the year itself when the text
// named no quarter.
func normYearPeriod(c *context, s *slots) (string, string, bool) {
	if s.year == 0 {
		return "", "", false
	}
	if s.unit == unitYear || !c.anchorQuarter {
		return "", fmtYear(s.year), true
	}
	return "", fmt.Sprintf("%04d-Q%d", s.year, (int(c.anchor.Month())-1)/3+1), true
}

// normCompare reads "the corresponding period last year": the quarter in
// focus a year before, or the year before the reference date's when the
// text named no quarter.
func normCompare(c *context, _ *slots) (string, string, bool) {
	switch {
	case c.anchorQuarter:
		return "", fmt.Sprintf("%04d-Q%d", c.anchor.Year()-1, (int(c.anchor.Month())-1)/3+1), true
	case c.hasRef:
		return "", fmtYear(c.ref.Year() - 1), true
	}
	return "", "", false
}

// normVague reads a bare plural unit, "for years", as an unspecified
// number of them; a singular one ("for half") is no duration.
func normVague(c *context, s *slots) (string, string, bool) {
	if !s.plural {
		return "", "", false
	}
	return normDuration(c, s)
}

// normSet handles "every Monday" (XXXX-WXX-1), "each July" (XXXX-07),
// "every two weeks" (P2W), "cada año" (P1Y).
func normSet(c *context, s *slots) (string, string, bool) {
	switch {
	case s.weekday > 0:
		v := fmt.Sprintf("XXXX-WXX-%d", s.weekday)
		if s.part != "" {
			v += "T" + s.part
		}
		return "", v, true
	case s.month > 0:
		return "", fmt.Sprintf("XXXX-%02d", s.month), true
	case s.season != "":
		return "", "XXXX-" + s.season, true
	case s.part != "":
		return "", "XXXX-XX-XXT" + s.part, true
	}
	if !s.hasNum {
		s.num, s.hasNum = 1, true
	}
	return normDuration(c, s)
}
