package ingest

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/text"
)

// A dateline here is the short line pages and readers print under a
// headline: a publication date or time, maybe with a byline, labels
// ("Published:", "Actualizado el"), a weekday, a zone and separators:
// "Published: Jan. 3, 2026 10:41 a.m. ET", "By Ana Ruiz | January 3, 2026",
// "Sábado, 3 de enero de 2026 - 14:05", "Updated 2 hours ago".

// datelineMaxBytes bounds a dateline; anything longer is prose.
const datelineMaxBytes = 120

// bylineMaxWords bounds the name in a byline.
const bylineMaxWords = 6

var (
	datelineLabelRe, datelineLabelLang = buildDatelineLabels()
	relativeTimeRes                    = dataPatterns("dateline_relative.txt")
	bylinePrefixRe, nameConnectors     = buildBylineRules()
	trailingZoneRe                     = buildTrailingZoneRe()
	weekdayNames                       = text.NewSet(dataWords("weekdays.txt"), true)
	datelineVocabulary                 = buildDatelineVocabulary()

	// datelineSeparatorRe parts a dateline's segments; a dash or slash only
	// with spaces around it, so dates such as 03-01-2026 stay whole.
	datelineSeparatorRe = regexp.MustCompile(`\s*[|·•;]\s*|\s+[-–—/]\s+`)
	// bylineEndRe is what may stand between a byline's name and the date.
	bylineEndRe  = regexp.MustCompile(`^\s*(?:[,|·•;:/–—-]\s*)?`)
	clockOnlyRe  = regexp.MustCompile(`(?i)^(?:a las\s+|a la\s+|at\s+)?(\d{1,2})[:.h](\d{2})(?::\d{2})?(?:\s*([ap])\.?\s?m\.?)?(?:\s*h(?:rs?)?\.?)?$`)
	numericDayRe = regexp.MustCompile(`(?i)^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:,?\s+(?:a las\s+|at\s+)?(\d{1,2})[:.h](\d{2})(?::\d{2})?(?:\s*([ap])\.?\s?m\.?)?(?:\s*h(?:rs?)?\.?)?)?$`)
)

func buildDatelineLabels() (*regexp.Regexp, map[string]string) {
	langs := map[string]string{}
	var labels []string
	for _, line := range text.ReadLines(mustData("dateline_labels.txt")) {
		lang, label, ok := strings.Cut(line, " ")
		if !ok {
			panic("ingest: bad dateline label line " + line)
		}
		label = strings.ToLower(strings.TrimSpace(label))
		langs[label] = lang
		labels = append(labels, label)
	}
	return regexp.MustCompile(`(?i)^(` + alternation(labels) + `)(?:\s*:\s*|\s+|$)`), langs
}

func buildBylineRules() (*regexp.Regexp, map[string]bool) {
	var prefixes []string
	connectors := map[string]bool{}
	for _, line := range text.ReadLines(mustData("dateline_bylines.txt")) {
		kind, rest, _ := strings.Cut(line, " ")
		switch kind {
		case "prefix":
			prefixes = append(prefixes, strings.TrimSpace(rest))
		case "connector":
			for _, w := range strings.Fields(rest) {
				connectors[w] = true
			}
		default:
			panic("ingest: bad byline line " + line)
		}
	}
	return regexp.MustCompile(`(?i)^(?:` + alternation(prefixes) + `)\s+`), connectors
}

// buildTrailingZoneRe matches a zone closing a segment: a listed name,
// maybe with an offset ("GMT+1"), or a bare numeric offset.
func buildTrailingZoneRe() *regexp.Regexp {
	zones := dataWords("dateline_zones.txt")
	for z := range feedZoneOffsets {
		zones = append(zones, z)
	}
	return regexp.MustCompile(`\s+\(?((?:` + alternation(zones) + `)(?:[+-]\d{1,2}(?::?\d{2})?)?|[+-]\d{2}:?\d{2})\)?$`)
}

// buildDatelineVocabulary gathers every run of letters a dateline without
// a byline may hold, lower case.
func buildDatelineVocabulary() map[string]bool {
	words := dataWords("dateline_words.txt")
	words = append(words, dataWords("weekdays.txt")...)
	words = append(words, dataWords("dateline_zones.txt")...)
	words = append(words, dataWords("dateline_labels.txt")...)
	for m := range monthNumbers {
		words = append(words, m)
	}
	for z := range feedZoneOffsets {
		words = append(words, z)
	}
	vocabulary := map[string]bool{}
	for _, w := range words {
		for _, run := range strings.FieldsFunc(strings.ToLower(w), isNotLetter) {
			vocabulary[run] = true
		}
	}
	return vocabulary
}

func isNotLetter(r rune) bool { return !unicode.IsLetter(r) }

// onlyDatelineWords reports whether every run of letters in s is in the
// dateline vocabulary: a quick test that turns away headlines and prose.
func onlyDatelineWords(s string) bool {
	s = strings.ToLower(s)
	start := -1
	for i, r := range s {
		if unicode.IsLetter(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 && !datelineVocabulary[s[start:i]] {
			return false
		}
		start = -1
	}
	return start < 0 || datelineVocabulary[s[start:]]
}

// parsePublicationLine reads a line that holds a publication date or time and
// little else. ok is true for such a line even when it fixes no date (a
// relative time, an ambiguous numeric date); precision is then none.
func parsePublicationLine(line string) (time.Time, model.Precision, bool) {
	line = strings.TrimSpace(line)
	if len(line) < 3 || len(line) > datelineMaxBytes {
		return time.Time{}, model.PrecisionNone, false
	}
	if onlyDatelineWords(line) {
		return parseDatelineSegments(line)
	}
	m := bylinePrefixRe.FindStringIndex(line)
	if m == nil {
		return time.Time{}, model.PrecisionNone, false
	}
	// The name's end is unknown ("By Ana Ruiz January 3, 2026"): try each
	// word boundary, shortest name first.
	for _, end := range nameEnds(line[m[1]:]) {
		rest := line[m[1]+end:]
		rest = rest[len(bylineEndRe.FindString(rest)):]
		if rest == "" {
			break
		}
		if !onlyDatelineWords(rest) {
			continue
		}
		if t, p, ok := parseDatelineSegments(rest); ok {
			return t, p, true
		}
	}
	return time.Time{}, model.PrecisionNone, false
}

// isBylineOnly reports a line that is nothing but a byline: "By Ana Ruiz".
func isBylineOnly(line string) bool {
	m := bylinePrefixRe.FindStringIndex(line)
	if m == nil {
		return false
	}
	rest := line[m[1]:]
	ends := nameEnds(rest)
	return len(ends) > 0 && strings.TrimSpace(rest[ends[len(ends)-1]:]) == ""
}

// fieldAt returns the bounds of the field of s that starts at or after
// pos, past any run of sep, and ends before the next sep or at the end.
func fieldAt(s string, pos int, sep byte) (start, end int) {
	for pos < len(s) && s[pos] == sep {
		pos++
	}
	if i := strings.IndexByte(s[pos:], sep); i >= 0 {
		return pos, pos + i
	}
	return pos, len(s)
}

// nameEnds returns the byte offsets in s where a person's name could end:
// after each of its first words that is capitalized or a connector ("de",
// "van"), the first word capitalized.
func nameEnds(s string) []int {
	var ends []int
	pos := 0
	for n := 0; n < bylineMaxWords; n++ {
		var end int
		pos, end = fieldAt(s, pos, ' ')
		word := strings.TrimRight(s[pos:end], ",;|")
		if word == "" {
			break
		}
		r, _ := utf8.DecodeRuneInString(word)
		if !unicode.IsUpper(r) && (n == 0 || !nameConnectors[strings.ToLower(word)]) {
			break
		}
		if unicode.IsUpper(r) {
			ends = append(ends, pos+len(word))
		}
		pos = end
	}
	return ends
}

// parseDatelineSegments reads a dateline without a byline: every segment
// must be a label, date, time of day, relative time, weekday or zone, and
// one must be a date or time. The first date found is the one returned.
func parseDatelineSegments(s string) (time.Time, model.Precision, bool) {
	var (
		when      time.Time
		precision = model.PrecisionNone
		zone      string
		lang      string
		found     bool
		dayOnly   bool // the previous segment was a date without a clock
	)
	for _, seg := range datelineSeparatorRe.Split(s, -1) {
		seg, segLang := stripDatelineLabels(seg)
		if lang == "" {
			lang = segLang
		}
		if m := trailingZoneRe.FindStringSubmatchIndex(seg); m != nil {
			if zone == "" {
				zone = seg[m[2]:m[3]]
			}
			seg = seg[:m[0]]
		}
		wasDayOnly := dayOnly
		dayOnly = false
		if seg == "" || weekdayNames.Has(strings.ToLower(strings.TrimRight(seg, ".,"))) {
			continue
		}
		if t, p, ok := parseDatelineDate(seg, lang); ok {
			if !found || precision == model.PrecisionNone {
				when, precision = t, p
				dayOnly = p == model.PrecisionDay
			}
			found = true
			continue
		}
		if m := clockOnlyRe.FindStringSubmatch(seg); m != nil {
			if wasDayOnly {
				if t, ok := withClock(when, m[1], m[2], m[3]); ok {
					when, precision = t, model.PrecisionMinute
				}
			}
			found = true
			continue
		}
		if matchesAny(relativeTimeRes, seg) {
			found = true
			continue
		}
		return time.Time{}, model.PrecisionNone, false
	}
	if !found {
		return time.Time{}, model.PrecisionNone, false
	}
	if off := zoneOffset(zone); off != 0 && precision == model.PrecisionMinute && when.Location() == time.UTC {
		when = time.Date(when.Year(), when.Month(), when.Day(), when.Hour(), when.Minute(), 0, 0, time.FixedZone("", off))
	}
	return when, precision, true
}

// stripDatelineLabels removes the labels opening a segment ("Publicado
// el") and returns the rest with the language of the first label.
func stripDatelineLabels(seg string) (string, string) {
	seg = strings.TrimSpace(seg)
	lang := ""
	for i := 0; i < 3; i++ {
		m := datelineLabelRe.FindStringSubmatchIndex(seg)
		if m == nil {
			break
		}
		if lang == "" {
			lang = datelineLabelLang[strings.ToLower(seg[m[2]:m[3]])]
		}
		seg = seg[m[1]:]
	}
	return strings.TrimSpace(seg), lang
}

// parseDatelineDate reads one segment as a date, with the package's other
// date readers first. An all-numeric date whose day and month could be
// swapped is read by the label's language, else accepted without a date.
func parseDatelineDate(seg, lang string) (time.Time, model.Precision, bool) {
	if t, p, ok := parseTimestamp(seg); ok {
		return t, p, true
	}
	if t, p, ok := parseFeedDate(seg); ok {
		return t, p, true
	}
	m := numericDayRe.FindStringSubmatch(seg)
	if m == nil {
		return time.Time{}, model.PrecisionNone, false
	}
	first, _ := strconv.Atoi(m[1])
	second, _ := strconv.Atoi(m[2])
	year, _ := strconv.Atoi(m[3])
	day, mon := first, second
	switch {
	case first > 12:
	case second > 12 || lang == "en":
		day, mon = second, first
	case lang != "es" && first != second:
		return time.Time{}, model.PrecisionNone, true
	}
	t, ok := validDate(year, time.Month(mon), day, 0, 0)
	if !ok {
		return time.Time{}, model.PrecisionNone, false
	}
	if m[4] == "" {
		return t, model.PrecisionDay, true
	}
	if t, ok := withClock(t, m[4], m[5], m[6]); ok {
		return t, model.PrecisionMinute, true
	}
	return t, model.PrecisionDay, true
}

// withClock sets the time of day on a date: hour and minute as digits,
// ampm "a", "p" or "".
func withClock(day time.Time, hourDigits, minuteDigits, ampm string) (time.Time, bool) {
	hour, _ := strconv.Atoi(hourDigits)
	minute, _ := strconv.Atoi(minuteDigits)
	switch strings.ToLower(ampm) {
	case "p":
		if hour < 12 {
			hour += 12
		}
	case "a":
		if hour == 12 {
			hour = 0
		}
	}
	return validDate(day.Year(), day.Month(), day.Day(), hour, minute)
}

// dropLeadingDateline removes a dateline from the top of a report's text,
// where it may follow a copy of the title and one byline, and takes its
// date when the report has none. A dateline with nothing after it stays.
func dropLeadingDateline(a *model.Article) {
	s := a.Text
	pos := 0
	skippedByline := false
	for n := 0; n < 3 && pos < len(s); n++ {
		var end int
		pos, end = fieldAt(s, pos, '\n')
		line := strings.TrimSpace(s[pos:end])
		switch {
		case n == 0 && a.Title != "" && strings.EqualFold(line, a.Title):
		case !skippedByline && isBylineOnly(line):
			skippedByline = true
		default:
			t, p, ok := parsePublicationLine(line)
			if !ok {
				return
			}
			next := end
			for next < len(s) && (s[next] == '\n' || s[next] == ' ') {
				next++
			}
			if next >= len(s) {
				return
			}
			a.Text = s[:pos] + s[next:]
			if a.PublishedPrecision == model.PrecisionNone && p != model.PrecisionNone {
				a.Published, a.PublishedPrecision = t, p
			}
			return
		}
		pos = end
	}
}
