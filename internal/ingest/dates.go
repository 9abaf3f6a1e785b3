package ingest

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/text"
)

var (
	monthNumbers = loadMonths()
	dateLineRes  = buildDateLineRes()
)

func loadMonths() map[string]time.Month {
	out := map[string]time.Month{}
	for _, line := range text.ReadLines(mustData("months.txt")) {
		f := strings.Fields(line)
		n, err := strconv.Atoi(f[0])
		if err != nil || n < 1 || n > 12 {
			panic("ingest: bad month line " + line)
		}
		for _, name := range f[1:] {
			out[strings.ToLower(name)] = time.Month(n)
		}
	}
	return out
}

// alternation joins words longest first, so "sept" wins over "sep".
func alternation(words []string) string {
	ws := append([]string(nil), words...)
	sort.Slice(ws, func(i, j int) bool {
		if len(ws[i]) != len(ws[j]) {
			return len(ws[i]) > len(ws[j])
		}
		return ws[i] < ws[j]
	})
	for i, w := range ws {
		ws[i] = regexp.QuoteMeta(w)
	}
	return strings.Join(ws, "|")
}

// buildDateLineRes compiles the shapes of a line that holds nothing but a
// publication date and maybe a time, as feed readers print under a
// headline: "8 January 2026 at 17:53", "January 8, 2026, 5:53 pm",
// "jueves, 8 de enero de 2026 a las 17:53", "2026-01-08 17:53".
func buildDateLineRes() []*regexp.Regexp {
	months := make([]string, 0, len(monthNumbers))
	for m := range monthNumbers {
		months = append(months, m)
	}
	month := `(?P<month>` + alternation(months) + `)\.?`
	weekday := `(?:(?:` + alternation(dataWords("weekdays.txt")) + `)\.?,?\s+)?`
	clock := `(?:\s*(?:,|at|a las|a la|@|-|–|—|·|\|)?\s*(?P<hour>\d{1,2})[:.h](?P<minute>\d{2})(?::\d{2})?(?:\s*(?P<ampm>[ap])\.?\s?m\.?)?(?:\s*h(?:rs?)?\.?)?(?:\s+(?:UTC|GMT|[A-Z]{3,4})(?:[+-]\d{1,2})?)?)?`
	day := `(?P<day>\d{1,2})(?:st|nd|rd|th|º|°)?`
	year := `(?P<year>\d{4})`
	shapes := []string{
		`^` + weekday + day + `\s+(?:de\s+)?` + month + `,?\s+(?:de\s+|del\s+)?` + year + clock + `$`,
		`^` + weekday + month + `\s+` + day + `,?\s+` + year + clock + `$`,
		`^(?P<year>\d{4})-(?P<mon>\d{2})-(?P<day>\d{2})(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::\d{2})?)?$`,
	}
	out := make([]*regexp.Regexp, len(shapes))
	for i, s := range shapes {
		out[i] = regexp.MustCompile(`(?i)` + s)
	}
	return out
}

// parseDateLine reads a line that is only a date, with or without a time
// of day. Times without a zone are kept as wall-clock times in UTC.
func parseDateLine(line string) (time.Time, model.Precision, bool) {
	line = strings.TrimSpace(line)
	if len(line) < 8 || len(line) > 64 || line[0] > '9' && !isLetterByte(line[0]) {
		return time.Time{}, model.PrecisionNone, false
	}
	for _, re := range dateLineRes {
		m := re.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		g := func(name string) string {
			if i := re.SubexpIndex(name); i >= 0 {
				return m[i]
			}
			return ""
		}
		year, _ := strconv.Atoi(g("year"))
		dayN, _ := strconv.Atoi(g("day"))
		var mon time.Month
		if name := g("month"); name != "" {
			mon = monthNumbers[strings.ToLower(name)]
		} else {
			n, _ := strconv.Atoi(g("mon"))
			mon = time.Month(n)
		}
		day, ok := validDate(year, mon, dayN, 0, 0)
		if !ok || g("hour") == "" {
			return day, model.PrecisionDay, ok
		}
		t, ok := withClock(day, g("hour"), g("minute"), g("ampm"))
		return t, model.PrecisionMinute, ok
	}
	return time.Time{}, model.PrecisionNone, false
}

func isLetterByte(c byte) bool { return c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= 0x80 }

func validDate(year int, mon time.Month, day, hour, minute int) (time.Time, bool) {
	if year < 1800 || year > 2200 || mon < 1 || mon > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 {
		return time.Time{}, false
	}
	t := time.Date(year, mon, day, hour, minute, 0, 0, time.UTC)
	if t.Day() != day {
		return time.Time{}, false
	}
	return t, true
}

// timestampLayouts are the machine formats found in metadata, feeds and
// JSON Lines, with the precision each one carries.
var timestampLayouts = []struct {
	layout    string
	precision model.Precision
}{
	{time.RFC3339Nano, model.PrecisionMinute},
	{"2006-01-02T15:04:05Z0700", model.PrecisionMinute},
	{"2006-01-02T15:04Z07:00", model.PrecisionMinute},
	{"2006-01-02T15:04:05", model.PrecisionMinute},
	{"2006-01-02T15:04", model.PrecisionMinute},
	{"2006-01-02 15:04:05Z07:00", model.PrecisionMinute},
	{"2006-01-02 15:04:05 -0700", model.PrecisionMinute},
	{"2006-01-02 15:04:05", model.PrecisionMinute},
	{"2006-01-02 15:04", model.PrecisionMinute},
	{time.RFC1123Z, model.PrecisionMinute},
	{time.RFC1123, model.PrecisionMinute},
	{"Mon, 2 Jan 2006 15:04:05 -0700", model.PrecisionMinute},
	{"Mon, 2 Jan 2006 15:04:05 MST", model.PrecisionMinute},
	{"2 Jan 2006 15:04:05 -0700", model.PrecisionMinute},
	{"2006-01-02", model.PrecisionDay},
	{"2006/01/02", model.PrecisionDay},
	{"2006-01", model.PrecisionMonth},
	{"2006", model.PrecisionYear},
}

// parseTimestamp reads a date from metadata: ISO 8601 and RFC 1123 forms,
// else the human forms of date lines. Precision follows what was given.
func parseTimestamp(s string) (time.Time, model.Precision, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}, model.PrecisionNone, false
	}
	for _, l := range timestampLayouts {
		if t, err := time.Parse(l.layout, s); err == nil {
			if t.Year() < 1800 || t.Year() > 2200 {
				return time.Time{}, model.PrecisionNone, false
			}
			return t, l.precision, true
		}
	}
	return parseDateLine(s)
}

// isoDateToken matches a date header's value: an ISO date, maybe with time.
var isoDateToken = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?`)
