package ingest

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/text"
)

// feedZoneOffsets maps zone abbreviations to their offset in seconds.
var feedZoneOffsets = loadZones()

func loadZones() map[string]int {
	out := map[string]int{}
	for _, line := range text.ReadLines(mustData("feed_zones.txt")) {
		f := strings.Fields(line)
		off, ok := parseNumericZone(f[1])
		if len(f) != 2 || !ok {
			panic("ingest: bad zone line " + line)
		}
		out[strings.ToUpper(f[0])] = off
	}
	return out
}

// rfc822Like matches the RFC 822 shape feeds use, in any language and with
// the usual slips: "mar, 06 ene 2026 10:00:00 +0100", "6 Jan 26 10:00
// GMT+1", "Tuesday, 06-Jan-2026 10:00 CET", "martes 6 de enero de 2026
// 10:00 -05:00".
var rfc822Like = regexp.MustCompile(`^(?:\pL+\.?,?\s+)?(\d{1,2})(?:\s+de)?[\s-]+(\pL+)\.?(?:\s+de)?[\s-]+(\d{4}|\d{2}),?\s+(?:a las\s+|at\s+)?(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(?:h\s*)?([+-]\d{2}:?\d{2}|[A-Za-z]{1,5}(?:[+-]\d{1,2}(?::?\d{2})?)?)?$`)

// parseFeedDate reads feed dates that parseTimestamp does not: RFC 822
// dates with Spanish (or other listed) month names, two-digit years, named
// or "GMT+1" zones. A zone it does not know is read as UTC.
func parseFeedDate(s string) (time.Time, model.Precision, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 10 || len(s) > 64 {
		return time.Time{}, model.PrecisionNone, false
	}
	m := rfc822Like.FindStringSubmatch(s)
	if m == nil {
		return time.Time{}, model.PrecisionNone, false
	}
	mon, ok := monthNumbers[strings.ToLower(m[2])]
	if !ok {
		return time.Time{}, model.PrecisionNone, false
	}
	day, _ := strconv.Atoi(m[1])
	year, _ := strconv.Atoi(m[3])
	if len(m[3]) == 2 {
		year += 2000
		if year > time.Now().Year()+1 {
			year -= 100
		}
	}
	hour, _ := strconv.Atoi(m[4])
	minute, _ := strconv.Atoi(m[5])
	sec, _ := strconv.Atoi(m[6])
	t, ok := validDate(year, mon, day, hour, minute)
	if !ok || sec > 60 {
		return time.Time{}, model.PrecisionNone, false
	}
	offset := zoneOffset(m[7])
	t = time.Date(year, mon, day, hour, minute, min(sec, 59), 0, time.FixedZone("", offset))
	return t, model.PrecisionMinute, true
}

// zoneOffset reads "+0100", "-05:00", "CET", "GMT+1", "UTC-03:00".
func zoneOffset(z string) int {
	if z == "" {
		return 0
	}
	if off, ok := parseNumericZone(z); ok {
		return off
	}
	name, rest := z, ""
	if i := strings.IndexAny(z, "+-"); i > 0 {
		name, rest = z[:i], z[i:]
	}
	base := feedZoneOffsets[strings.ToUpper(name)]
	if rest == "" {
		return base
	}
	sign := 1
	if rest[0] == '-' {
		sign = -1
	}
	hours, minutes, _ := strings.Cut(rest[1:], ":")
	if len(hours) > 2 && minutes == "" {
		hours, minutes = hours[:len(hours)-2], hours[len(hours)-2:]
	}
	h, _ := strconv.Atoi(hours)
	mm, _ := strconv.Atoi(minutes)
	if h > 14 || mm > 59 {
		return base
	}
	return base + sign*(h*3600+mm*60)
}

// parseNumericZone reads "+0100" or "-05:00" as seconds east of UTC.
func parseNumericZone(z string) (int, bool) {
	if len(z) < 5 || (z[0] != '+' && z[0] != '-') {
		return 0, false
	}
	digits := strings.Replace(z[1:], ":", "", 1)
	if len(digits) != 4 {
		return 0, false
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n/100 > 14 || n%100 > 59 {
		return 0, false
	}
	off := (n/100)*3600 + (n%100)*60
	if z[0] == '-' {
		off = -off
	}
	return off, true
}
