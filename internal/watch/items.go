package watch

import (
	"context"
	"fmt"
	"strconv"

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

// Keys of the feed_items table: a canonical URL or a GUID.
func urlKey(u string) string  { return "url " + fetch.Canonical(u) }
func guidKey(g string) string { return "guid " + g }

// itemKeys are the identities of a feed item: its canonical URL and GUID.
func itemKeys(it ingest.FeedItem) []string {
	var keys []string
	if it.URL != "" {
		keys = append(keys, urlKey(it.URL))
	}
	if it.ExternalID != "" {
		keys = append(keys, guidKey(it.ExternalID))
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

// feedItems turns a parsed feed into items to store, skipping those whose
// identity is already known and fetching the full text of truncated ones.
// A page that failed for a transient reason holds its item back for the
// next poll (counted in deferred); one that cannot be fetched at all
// leaves the teaser. Every page failure is returned in pageErrs.
func feedItems(ctx context.Context, c *fetch.Client, feedURL string, feed *ingest.Feed, known func([]string) bool, opts ingest.Options) (items []item, skipped, deferred int, pageErrs []error) {
	for i, it := range feed.Items {
		keys := itemKeys(it)
		if known(keys) {
			skipped++
			// A moved item may bring a new key; remember it too.
			items = append(items, item{keys: keys})
			continue
		}
		a := it.Article
		if it.Truncated && it.URL != "" {
			full, more, err := fullText(ctx, c, it, opts)
			switch {
			case err == nil:
				a = full
				keys = append(keys, more...)
			case fetch.IsRetryable(err) || ctx.Err() != nil:
				deferred++
				pageErrs = append(pageErrs, fmt.Errorf("full text deferred: %w", err))
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

// storeItems lists what RememberFeedItems needs of items.
func storeItems(items []item) []store.FeedItem {
	out := make([]store.FeedItem, len(items))
	for i, it := range items {
		out[i] = store.FeedItem{Keys: it.keys, Source: it.article.Source}
	}
	return out
}
