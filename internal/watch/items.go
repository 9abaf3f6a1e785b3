package watch

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/storyline/storyline/internal/fetch"
	"github.com/storyline/storyline/internal/ingest"
	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/store"
)

// item is one feed entry ready to store, with every identity it arrived
// under.
type item struct {
	article model.Article
	keys    []string
}

// Keys of the feed_items table: a canonical URL, global since one address
// is one article whichever feed lists it; or a GUID, scoped to its feed's
// canonical URL since feeds reuse short GUIDs ("1", "post-1").
func urlKey(u string) string { return "url " + fetch.Canonical(u) }
func guidKey(canonicalFeed, g string) string {
	return "guid " + canonicalFeed + " " + g
}

// itemKeys are the identities of a feed item: its canonical URL and its
// GUID within the feed.
func itemKeys(canonicalFeed string, it ingest.FeedItem) []string {
	var keys []string
	if it.URL != "" {
		keys = append(keys, urlKey(it.URL))
	}
	if it.ExternalID != "" {
		keys = append(keys, guidKey(canonicalFeed, it.ExternalID))
	}
	return keys
}

// itemSource names a report by its canonical URL, so that the same page
// arriving under a tracked or mobile address is the same source.
func itemSource(feedURL string, n int, it ingest.FeedItem) string {
	switch {
	case it.URL != "":
		return fetch.Canonical(it.URL)
	case it.ExternalID != "":
		return fetch.Canonical(feedURL) + "#" + it.ExternalID
	}
	return fetch.Canonical(feedURL) + "#" + strconv.Itoa(n)
}

// fullText fetches the page of a truncated item and returns the item with
// the page's main text. The feed's title, date and outlet are kept when
// given, being the outlet's own metadata; the page fills in what is
// missing. The page's final and canonical addresses are returned as
// further identities of the item.
func fullText(ctx context.Context, c *fetch.Client, it ingest.FeedItem, opts ingest.Options) (model.Article, []string, error) {
	resp, err := c.Get(ctx, fetch.Request{URL: it.URL})
	if err != nil {
		return model.Article{}, nil, err
	}
	return withPage(it, resp.Body, resp.URL, opts)
}

// withPage returns item it with the main text of page, served at pageURL.
func withPage(it ingest.FeedItem, page []byte, pageURL string, opts ingest.Options) (model.Article, []string, error) {
	arts, err := ingest.Read(pageURL, page, opts)
	if err != nil {
		return model.Article{}, nil, fmt.Errorf("page %s: %w", pageURL, err)
	}
	if len(arts) != 1 || arts[0].Text == "" {
		return model.Article{}, nil, fmt.Errorf("page %s: no article text found", pageURL)
	}
	p := arts[0]
	a := it.Article
	a.Text, a.Raw, a.Lang = p.Text, p.Raw, p.Lang
	if a.Title == "" {
		a.Title = p.Title
	}
	if a.Outlet == "" {
		a.Outlet = p.Outlet
	}
	if (it.Undated || a.PublishedPrecision == model.PrecisionNone) && p.PublishedPrecision != model.PrecisionNone {
		a.Published, a.PublishedPrecision = p.Published, p.PublishedPrecision
	}
	keys := []string{urlKey(pageURL)}
	if p.URL != "" {
		keys = append(keys, urlKey(p.URL))
	}
	return a, keys, nil
}

// itemReader turns a parsed feed into items to store.
type itemReader struct {
	client *fetch.Client
	opts   ingest.Options
	// known reports whether one of an item's identities is stored.
	known func([]string) bool
	// pageGrace is how long after its date a truncated item whose page is
	// missing (404, no text) is held back for the page to appear; 0 keeps
	// the teaser at once.
	pageGrace time.Duration
	now       time.Time
}

// read skips the items whose identity is already known and fetches the
// full text of truncated ones. A page that failed for a transient reason,
// or that is missing while its item is younger than pageGrace, holds its
// item back for the next poll (counted in deferred); otherwise a failed
// page leaves the teaser. Every page failure is returned in pageErrs.
func (r itemReader) read(ctx context.Context, feedURL string, feed *ingest.Feed) (items []item, skipped, deferred int, pageErrs []error) {
	canonicalFeed := fetch.Canonical(feedURL)
	for i, it := range feed.Items {
		keys := itemKeys(canonicalFeed, it)
		if r.known(keys) {
			skipped++
			// A moved item may bring a new key; remember it too.
			items = append(items, item{keys: keys})
			continue
		}
		a := it.Article
		if it.Truncated && it.URL != "" {
			full, more, err := fullText(ctx, r.client, it, r.opts)
			switch {
			case err == nil:
				a = full
				keys = append(keys, more...)
			case fetch.IsRetryable(err) || ctx.Err() != nil:
				deferred++
				pageErrs = append(pageErrs, fmt.Errorf("full text deferred: %w", err))
				continue
			case r.awaitsPage(it):
				deferred++
				pageErrs = append(pageErrs, fmt.Errorf("full text deferred until %s for the page to appear: %w",
					it.Published.Add(r.pageGrace).UTC().Format(time.RFC3339), err))
				continue
			default:
				pageErrs = append(pageErrs, fmt.Errorf("kept the teaser: %w", err))
			}
		}
		a.Source = itemSource(feedURL, i+1, it)
		items = append(items, item{article: a, keys: keys})
	}
	return items, skipped, deferred, pageErrs
}

// awaitsPage reports whether a truncated item whose page is missing is
// young enough to wait for it: outlets list items before their page is
// live. Only the feed's own date can bound the wait, since nothing about
// a held-back item is stored; an undated item keeps its teaser at once.
func (r itemReader) awaitsPage(it ingest.FeedItem) bool {
	if r.pageGrace <= 0 || it.Undated || it.FutureDated || it.Published.IsZero() {
		return false
	}
	return r.now.Before(it.Published.Add(r.pageGrace))
}

// storeItems lists what RememberFeedItems needs of items.
func storeItems(items []item) []store.FeedItem {
	out := make([]store.FeedItem, len(items))
	for i, it := range items {
		out[i] = store.FeedItem{Keys: it.keys, Source: it.article.Source}
	}
	return out
}
