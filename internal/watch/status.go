package watch

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/storyline/storyline/internal/fetch"
	"github.com/storyline/storyline/internal/ingest"
	"github.com/storyline/storyline/internal/store"
)

// DefaultStaleAfter is how long a feed may go without a newer item before
// it is listed as stale: news feeds add items daily.
const DefaultStaleAfter = 7 * 24 * time.Hour

// ErrNotAFeed is why a poll failed when the feed URL answered with
// something else: a web page, an empty body.
var ErrNotAFeed = errors.New("not a feed")

// NotAFeedError describes what came instead of the feed.
type NotAFeedError struct {
	URL    string
	Status int
	// What is "an empty body", "an HTML page" or the content type.
	What string
	// Announced is the first feed an HTML page names, if any.
	Announced string
}

func (e *NotAFeedError) Error() string {
	msg := fmt.Sprintf("fetch %s: HTTP %d with %s: %v", e.URL, e.Status, e.What, ErrNotAFeed)
	if e.Announced != "" {
		msg += fmt.Sprintf(" (the page names the feed %s; subscribe to that)", e.Announced)
	}
	return msg
}

func (e *NotAFeedError) Unwrap() error { return ErrNotAFeed }

// notAFeed describes a successful answer whose body is no feed, or returns
// nil when the body looks like one.
func notAFeed(resp *fetch.Response) error {
	if ingest.IsFeed(resp.Body) {
		return nil
	}
	e := &NotAFeedError{URL: resp.URL, Status: resp.Status, What: "an empty body"}
	switch ct := http.DetectContentType(resp.Body); {
	case len(strings.TrimSpace(string(resp.Body[:min(len(resp.Body), 512)]))) == 0:
	case strings.HasPrefix(ct, "text/html"):
		e.What = "an HTML page"
		if links := ingest.FeedLinks(resp.Body, resp.URL); len(links) > 0 {
			e.Announced = links[0]
		}
	default:
		e.What = fmt.Sprintf("%d bytes of %s", len(resp.Body), strings.TrimSuffix(ct, "; charset=utf-8"))
	}
	return e
}

// stalePrefix opens the note a healthy but stale feed keeps in its
// LastError, which is how the state outlives the process.
const stalePrefix = "stale: "

// staleNote says why feed is stale at now, or "" when it is not: it lists
// no items, or none dated within staleAfter. Undated items give no
// evidence either way.
func staleNote(feed *ingest.Feed, now time.Time, staleAfter time.Duration) string {
	if len(feed.Items) == 0 {
		return stalePrefix + "the feed lists no items"
	}
	var newest time.Time
	for _, it := range feed.Items {
		if !it.Undated && !it.FutureDated && it.Published.After(newest) {
			newest = it.Published
		}
	}
	if newest.IsZero() || now.Sub(newest) <= staleAfter {
		return ""
	}
	return fmt.Sprintf("%sthe newest item is from %s, nothing newer for over %s", stalePrefix, newest.UTC().Format("2006-01-02"), days(staleAfter))
}

func days(d time.Duration) string {
	if n := int(d / (24 * time.Hour)); n > 1 && d%(24*time.Hour) == 0 {
		return fmt.Sprintf("%d days", n)
	}
	return d.String()
}

// Feed statuses, as Status names them.
const (
	StatusNew      = "new"
	StatusOK       = "ok"
	StatusStale    = "stale"
	StatusFailing  = "failing"
	StatusNotAFeed = "not a feed"
)

// Status names the state of a subscription for listings: new (never
// polled), ok, stale (answers, but with nothing new for long), failing
// (its last poll failed; it is retried with backoff) or not a feed (it
// answers with a web page or an empty body).
func Status(f store.Feed) string {
	switch {
	case f.LastFetch.IsZero():
		return StatusNew
	case f.ConsecutiveErrors > 0 && strings.Contains(f.LastError, ": "+ErrNotAFeed.Error()):
		return StatusNotAFeed
	case f.ConsecutiveErrors > 0:
		return StatusFailing
	case strings.HasPrefix(f.LastError, stalePrefix):
		return StatusStale
	}
	return StatusOK
}
