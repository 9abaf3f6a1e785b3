// Package model holds the records that flow through storyline:
// articles from ingest, their analysis, and the linked views built from them.
// It has no behaviour beyond small helpers, so every stage can share it.
package model

import "time"

// Precision says how finely a date or time is known.
type Precision string

// Date precisions, coarsest last. An unknown date is a zero time with
// PrecisionNone, never a guess.
const (
	PrecisionMinute Precision = "minute"
	PrecisionDay    Precision = "day"
	PrecisionMonth  Precision = "month"
	PrecisionYear   Precision = "year"
	PrecisionNone   Precision = ""
)

// Article is one report as ingest produced it.
type Article struct {
	// Source names where the report came from: a file path (with "#n" for
	// the n-th item of a multi-item file), a URL, or "-" for stdin.
	Source string
	// ExternalID is the input's own identifier (a JSON Lines "id", a feed GUID).
	ExternalID string
	URL        string
	Outlet     string
	Title      string
	// Text is the repaired body text; analysis offsets point into it.
	Text string
	// Raw is the input exactly as read, kept so repairs can be audited.
	Raw                string
	Published          time.Time
	PublishedPrecision Precision
	// Lang is an ISO 639-1 code ("en", "es"), "und" when undetermined, or
	// another code when detected but not analysed.
	Lang string
}

// FormatDate formats t at precision p as ISO 8601, or "" when unknown.
func FormatDate(t time.Time, p Precision) string {
	switch p {
	case PrecisionMinute:
		return t.Format("2006-01-02T15:04")
	case PrecisionDay:
		return t.Format("2006-01-02")
	case PrecisionMonth:
		return t.Format("2006-01")
	case PrecisionYear:
		return t.Format("2006")
	}
	return ""
}
