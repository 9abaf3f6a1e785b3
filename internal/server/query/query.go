// Package query holds the rules the JSON API and the web UI both apply to
// query parameters, so that a value one refuses the other refuses too, in
// the same words. Each reader takes a value as typed (not empty) and gives
// what is wrong with it, "" when nothing is.
package query

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// ID reads a positive record id.
func ID(s string) (int64, string) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Sprintf("want a positive integer id, got %q", s)
	}
	return n, ""
}

// Count reads an integer from 0 to most.
func Count(s string, most int) (int, string) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > most {
		return 0, fmt.Sprintf("want an integer from 0 to %d, got %q", most, s)
	}
	return n, ""
}

// Date checks an ISO date at day, month or year precision, the precisions
// storyline stores.
func Date(s string) string {
	if !IsDate(s) {
		return fmt.Sprintf("want a date as YYYY-MM-DD, YYYY-MM or YYYY, got %q", s)
	}
	return ""
}

// IsDate accepts YYYY, YYYY-MM and YYYY-MM-DD with a real month and day.
func IsDate(s string) bool {
	layout := map[int]string{4: "2006", 7: "2006-01", 10: time.DateOnly}[len(s)]
	if layout == "" {
		return false
	}
	_, err := time.Parse(layout, s)
	return err == nil
}

// OneOf reads a value from a closed set whatever its case, giving the
// set's spelling of it.
func OneOf(s string, allowed []string) (string, string) {
	for _, a := range allowed {
		if strings.EqualFold(s, a) {
			return a, ""
		}
	}
	return "", fmt.Sprintf("want one of %s, got %q", strings.Join(allowed, ", "), s)
}
