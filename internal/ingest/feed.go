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

// readFeed reads an RSS, Atom or JSON Feed document, one report per item.
func readFeed(name, s string, opts Options) ([]model.Article, error) {
	feed, err := gofeed.NewParser().ParseString(forceUTF8Prolog(withoutXMLControls(s)))
	if err != nil {
		return nil, fmt.Errorf("feed: %w", err)
	}
	outlet := strings.TrimSpace(feed.Title)
	arts := make([]model.Article, 0, len(feed.Items))
	for _, it := range feed.Items {
		if it == nil {
			continue
		}
		body := it.Content
		if strings.TrimSpace(body) == "" {
			body = it.Description
		}
		a := model.Article{
			ExternalID: strings.TrimSpace(it.GUID),
			URL:        strings.TrimSpace(it.Link),
			Outlet:     outlet,
			Title:      cleanTitle(htmlToText(it.Title)),
			Text:       repairText(htmlToText(body)),
			Raw:        body,
		}
		if a.Text == "" && a.Title == "" {
			continue
		}
		if a.Raw == "" {
			a.Raw = it.Title
		}
		a.Published, a.PublishedPrecision = itemTime(it)
		a.Lang = text.DetectLanguage(a.Title + "\n" + a.Text)
		arts = append(arts, a)
	}
	if len(arts) == 0 {
		return nil, errors.New("feed: no items with text")
	}
	for i := range arts {
		arts[i].Source = itemSource(name, i+1, len(arts))
		inferDate(&arts[i], opts)
	}
	return arts, nil
}

// itemTime prefers the declared publication string, which keeps the
// outlet's own UTC offset, over the parser's normalized times.
func itemTime(it *gofeed.Item) (time.Time, model.Precision) {
	if t, p, ok := parseTimestamp(it.Published); ok {
		return t, p
	}
	for _, t := range []*time.Time{it.PublishedParsed, it.UpdatedParsed} {
		if t != nil {
			return *t, model.PrecisionMinute
		}
	}
	return time.Time{}, model.PrecisionNone
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
