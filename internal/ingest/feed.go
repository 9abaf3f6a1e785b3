package ingest

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/text"
)

// Feed is a parsed RSS, RDF, Atom or JSON Feed document.
type Feed struct {
	Title string `json:"title,omitempty"`
	// SiteURL is the site the feed belongs to; FeedURL the feed's own
	// address when it declares one.
	SiteURL string `json:"site_url,omitempty"`
	FeedURL string `json:"feed_url,omitempty"`
	// Lang is the declared language ("es-ES") as given, "" when absent;
	// each item's Lang is detected from its text.
	Lang    string     `json:"lang,omitempty"`
	Updated time.Time  `json:"updated,omitzero"`
	Items   []FeedItem `json:"items"`
}

// FeedItem is one entry as a report, with what a poller needs besides.
type FeedItem struct {
	model.Article
	// Truncated marks text that looks like a teaser of the page at URL
	// (empty, ending in "…", "[…]", "Read more", "Seguir leyendo", or much
	// shorter than an article): the poller should fetch the page.
	Truncated bool `json:"truncated,omitempty"`
	// FutureDated marks an item dated after the fetch time; its Published
	// is clamped to the fetch time, since no report is published ahead of
	// being served and a future date would sort it above everything.
	FutureDated bool `json:"future_dated,omitempty"`
	// Undated marks an item whose feed gave no readable date; Published is
	// then the feed's own update time, else the fetch time.
	Undated bool `json:"undated,omitempty"`
}

// ParseFeed reads a feed fetched at fetched. It is lenient where feeds in
// the wild break parsers: control characters, HTML entities and bare
// ampersands in XML, wrong or missing charsets, Spanish and odd dates.
// Every returned item has a title or text; items dated after fetched are
// clamped to it and undated ones get the feed's or the fetch time, each
// with its flag. A zero fetched leaves dates as the feed gives them.
func ParseFeed(name string, data []byte, fetched time.Time, opts Options) (*Feed, error) {
	if limit := opts.maxBytes(); int64(len(data)) > limit {
		return nil, inputErr(name, fmt.Errorf("%w: over the %s limit per input", ErrTooLarge, formatBytes(limit)))
	}
	s, err := Decode(data)
	if err != nil {
		return nil, inputErr(name, err)
	}
	feed, err := parseFeed(name, s, fetched, opts)
	if err != nil {
		return nil, inputErr(name, err)
	}
	return feed, nil
}

// readFeed reads a feed file for Read: one report per item.
func readFeed(name, s string, opts Options) ([]model.Article, error) {
	feed, err := parseFeed(name, s, time.Time{}, opts)
	if err != nil {
		return nil, err
	}
	arts := make([]model.Article, len(feed.Items))
	for i, it := range feed.Items {
		arts[i] = it.Article
	}
	return arts, nil
}

func parseFeed(name, s string, fetched time.Time, opts Options) (*Feed, error) {
	parsed, err := gofeed.NewParser().ParseString(forceUTF8Prolog(withoutXMLControls(s)))
	if err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	feed := &Feed{
		Title:   cleanTitle(htmlToText(parsed.Title)),
		SiteURL: strings.TrimSpace(parsed.Link),
		FeedURL: strings.TrimSpace(parsed.FeedLink),
		Lang:    strings.TrimSpace(parsed.Language),
	}
	for _, t := range []*time.Time{parsed.UpdatedParsed, parsed.PublishedParsed} {
		if t != nil && feed.Updated.IsZero() {
			feed.Updated = *t
		}
	}
	for _, it := range parsed.Items {
		if it == nil {
			continue
		}
		item, ok := feedItem(it, feed.Title)
		if !ok {
			continue
		}
		feed.Items = append(feed.Items, item)
	}
	if len(feed.Items) == 0 {
		return nil, errors.New("feed: no items with text")
	}
	for i := range feed.Items {
		it := &feed.Items[i]
		it.Source = itemSource(name, i+1, len(feed.Items))
		inferDate(&it.Article, opts)
		settleDate(it, feed.Updated, fetched)
	}
	return feed, nil
}

func feedItem(it *gofeed.Item, outlet string) (FeedItem, bool) {
	body := it.Content
	if strings.TrimSpace(htmlToText(body)) == "" {
		body = it.Description
	}
	bodyText, footerOutlet := withoutFooters(repairText(htmlToText(body)))
	if outlet == "" {
		outlet = footerOutlet
	}
	link := strings.TrimSpace(it.Link)
	if link == "" && len(it.Links) > 0 {
		link = strings.TrimSpace(it.Links[0])
	}
	a := model.Article{
		ExternalID: strings.TrimSpace(it.GUID),
		URL:        link,
		Outlet:     outlet,
		Title:      cleanTitle(htmlToText(it.Title)),
		Text:       bodyText,
		Raw:        body,
	}
	if a.Text == "" && a.Title == "" {
		return FeedItem{}, false
	}
	if a.Raw == "" {
		a.Raw = it.Title
	}
	a.Published, a.PublishedPrecision = itemTime(it)
	dropLeadingDateline(&a)
	a.Lang = text.DetectLanguage(a.Title + "\n" + a.Text)
	return FeedItem{Article: a, Truncated: looksTruncated(a.Text, a.URL)}, true
}

// settleDate clamps future dates and fills missing ones, relative to the
// fetch time; a zero fetched leaves the item as the feed dated it.
func settleDate(it *FeedItem, feedUpdated, fetched time.Time) {
	if fetched.IsZero() {
		return
	}
	if it.PublishedPrecision == model.PrecisionNone {
		it.Undated = true
		it.Published, it.PublishedPrecision = fetched, model.PrecisionMinute
		if !feedUpdated.IsZero() && !feedUpdated.After(fetched) {
			it.Published = feedUpdated
		}
		return
	}
	if it.Published.After(fetched) {
		it.FutureDated = true
		it.Published = fetched.In(it.Published.Location())
	}
}

// itemTime prefers the declared publication string, which keeps the
// outlet's own UTC offset, over the parser's normalized times. The lenient
// RFC 822 reader goes first: the standard one reads zone names such as
// "EST" or "GMT+1" as UTC.
func itemTime(it *gofeed.Item) (time.Time, model.Precision) {
	for _, s := range []string{it.Published, it.Updated} {
		if t, p, ok := parseFeedDate(s); ok {
			return t, p
		}
		if t, p, ok := parseTimestamp(s); ok {
			return t, p
		}
	}
	for _, t := range []*time.Time{it.PublishedParsed, it.UpdatedParsed} {
		if t != nil {
			return *t, model.PrecisionMinute
		}
	}
	return time.Time{}, model.PrecisionNone
}

// withoutFooters drops trailing syndication footers ("The post … appeared
// first on …"), which are not the report's text, and returns the outlet the
// last one names.
func withoutFooters(s string) (string, string) {
	outlet := ""
	for {
		s = strings.TrimRight(s, " \t\n")
		i := strings.LastIndexByte(s, '\n')
		line := strings.TrimSpace(s[i+1:])
		o, ok := footerOutlet(line)
		if !ok {
			return s, outlet
		}
		if outlet == "" {
			outlet = o
		}
		s = s[:max(i, 0)]
	}
}

// withoutXMLControls drops control characters that XML forbids and that
// sloppy feed generators still emit; the XML parser would reject the feed.
func withoutXMLControls(s string) string {
	if strings.IndexFunc(s, isXMLControl) < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if isXMLControl(r) {
			return -1
		}
		return r
	}, s)
}

func isXMLControl(r rune) bool { return r < 0x20 && r != '\t' && r != '\n' && r != '\r' }
