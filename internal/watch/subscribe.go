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

// Discover fetches rawURL: a feed is parsed as is; a web page is searched
// for the feeds it announces (<link rel="alternate">) and the first one is
// fetched instead. It returns the feed's URL and the parsed feed.
func Discover(ctx context.Context, c *fetch.Client, rawURL string, opts ingest.Options) (string, *ingest.Feed, error) {
	resp, err := c.Get(ctx, fetch.Request{URL: rawURL})
	if err != nil {
		return "", nil, err
	}
	feedURL := rawURL
	if !ingest.IsFeed(resp.Body) {
		links := ingest.FeedLinks(resp.Body, resp.URL)
		if len(links) == 0 {
			return "", nil, fmt.Errorf("%s is neither a feed nor a page announcing one", rawURL)
		}
		feedURL = links[0]
		if resp, err = c.Get(ctx, fetch.Request{URL: feedURL}); err != nil {
			return "", nil, fmt.Errorf("feed announced by %s: %w", rawURL, err)
		}
	}
	feed, err := ingest.ParseFeed(feedURL, resp.Body, resp.FetchedAt, opts)
	if err != nil {
		return "", nil, err
	}
	return feedURL, feed, nil
}

// Subscribe fetches rawURL once to check it (see Discover) and subscribes
// its feed under the feed's own title. It returns the subscription and
// whether it is new.
func Subscribe(ctx context.Context, st *store.Store, c *fetch.Client, rawURL string, opts ingest.Options) (*store.Feed, bool, error) {
	feedURL, feed, err := Discover(ctx, c, rawURL, opts)
	if err != nil {
		return nil, false, err
	}
	return AddSubscription(ctx, st, ingest.Subscription{FeedURL: feedURL, Title: feed.Title, SiteURL: feed.SiteURL}, time.Now())
}

// AddSubscription subscribes sub without fetching it (an OPML import),
// unless a feed with the same canonical URL is already subscribed.
func AddSubscription(ctx context.Context, st *store.Store, sub ingest.Subscription, now time.Time) (*store.Feed, bool, error) {
	f := &store.Feed{
		URL: sub.FeedURL, CanonicalURL: fetch.Canonical(sub.FeedURL),
		Title: sub.Title, SiteURL: sub.SiteURL, Category: sub.Category, AddedAt: now,
	}
	id, isNew, err := st.AddFeed(ctx, f)
	if err != nil {
		return nil, false, fmt.Errorf("subscribing %s: %w", sub.FeedURL, err)
	}
	stored, err := st.FeedByID(ctx, id)
	return stored, isNew, err
}

// FetchArticles fetches one URL for a one-off ingest: a feed gives its
// items, with the full text of truncated ones; a page gives its main text.
// Each report is named by its canonical URL. warnings lists items kept
// as their teaser or left out because their page failed.
func FetchArticles(ctx context.Context, c *fetch.Client, rawURL string, opts ingest.Options) (arts []model.Article, warnings []error, err error) {
	resp, err := c.Get(ctx, fetch.Request{URL: rawURL})
	if err != nil {
		return nil, nil, err
	}
	if ingest.IsFeed(resp.Body) {
		feed, err := ingest.ParseFeed(rawURL, resp.Body, resp.FetchedAt, opts)
		if err != nil {
			return nil, nil, err
		}
		// A one-off ingest has no later poll to wait for a missing page.
		reader := itemReader{client: c, opts: opts, known: func([]string) bool { return false }}
		items, _, _, pageErrs := reader.read(ctx, rawURL, feed)
		for _, it := range items {
			arts = append(arts, it.article)
		}
		return arts, pageErrs, nil
	}
	arts, err = ingest.Read(resp.URL, resp.Body, opts)
	if err != nil {
		return nil, nil, err
	}
	for i := range arts {
		if arts[i].URL == "" {
			arts[i].URL = resp.URL
		}
		arts[i].Source = fetch.Canonical(rawURL)
		if len(arts) > 1 {
			arts[i].Source += "#" + strconv.Itoa(i+1)
		}
	}
	return arts, nil, nil
}
