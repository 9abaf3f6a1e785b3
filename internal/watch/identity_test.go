package watch

import (
	"context"
	"errors"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline/internal/fetch"
	"github.com/storyline/storyline/internal/ingest"
	"github.com/storyline/storyline/internal/pipeline"
	"github.com/storyline/storyline/internal/store"
	"github.com/storyline/storyline/internal/watch/watchtest"
)

// pageTexts are the main texts of the page fixtures, distinct full
// articles to put into hand-made feeds.
func pageTexts(t *testing.T, n int) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "pages", "*.html"))
	if err != nil || len(files) < n {
		t.Fatalf("%d page fixtures: %v", len(files), err)
	}
	var texts []string
	for _, f := range files[:n] {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		arts, err := ingest.Read(f, data, ingest.Options{})
		if err != nil || len(arts) != 1 {
			t.Fatalf("%s: %v", f, err)
		}
		texts = append(texts, arts[0].Text)
	}
	return texts
}

type rssItem struct{ guid, link, title, text string }

// serveRSS makes srv serve an RSS feed of items at its feed path.
func serveRSS(srv *watchtest.Server, title string, items ...rssItem) {
	var b strings.Builder
	fmt.Fprintf(&b, "<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>%s</title>\n", html.EscapeString(title))
	for _, it := range items {
		b.WriteString("<item>")
		if it.guid != "" {
			fmt.Fprintf(&b, "<guid isPermaLink=\"false\">%s</guid>", html.EscapeString(it.guid))
		}
		if it.link != "" {
			fmt.Fprintf(&b, "<link>%s</link>", html.EscapeString(it.link))
		}
		fmt.Fprintf(&b, "<title>%s</title><pubDate>Tue, 06 Jan 2026 10:00:00 GMT</pubDate><description>%s</description></item>\n",
			html.EscapeString(it.title), html.EscapeString(it.text))
	}
	b.WriteString("</channel></rss>\n")
	body := []byte(b.String())
	srv.Handle(watchtest.FeedPath, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Write(body)
	})
}

func TestGUIDsAreScopedPerFeedURLsAreGlobal(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	c := localClient(0)
	texts := pageTexts(t, 5)
	first := watchtest.NewServer(t, watchtest.JSONFeed)
	second := watchtest.NewServer(t, watchtest.JSONFeed)
	// Both feeds number their items "1" and "post-2"; the second's
	// "post-2" links to the page the first's "post-2" links to, under a
	// tracked mobile address.
	serveRSS(first, "First",
		rssItem{guid: "1", title: "One", text: texts[0]},
		rssItem{guid: "post-2", link: "https://news.example/2026/01/06/story-two/", title: "Two", text: texts[1]})
	serveRSS(second, "Second",
		rssItem{guid: "1", title: "Uno", text: texts[2]},
		rssItem{guid: "post-2", title: "Dos", text: texts[3]},
		rssItem{guid: "post-3", link: "http://m.news.example/2026/01/06/story-two?utm_source=feed", title: "Two again", text: texts[4]})
	subscribe(t, st, c, first.FeedURL(), second.FeedURL())
	// The feeds are polled at once: whichever stores the shared page
	// first, the other finds it known.
	added, known := 0, 0
	for _, p := range once(t, st, c) {
		if p.Err != nil {
			t.Errorf("poll: %v", p)
		}
		added += p.Added
		known += p.Known
	}
	if added != 4 || known != 1 {
		t.Errorf("%d items added, %d known; want every GUID new and the shared page once", added, known)
	}
	if n, _ := st.CountArticles(ctx); n != 4 {
		t.Errorf("%d articles stored, want 4", n)
	}
	var keys []string
	st.FeedItemKeys(ctx, func(k string) { keys = append(keys, k) })
	for _, want := range []string{
		"guid " + fetch.Canonical(first.FeedURL()) + " 1",
		"guid " + fetch.Canonical(second.FeedURL()) + " 1",
		"url https://news.example/2026/01/06/story-two",
	} {
		if !strings.Contains(strings.Join(keys, "\n")+"\n", want+"\n") {
			t.Errorf("key %q not remembered among %q", want, keys)
		}
	}
	// A new process knows them all.
	for _, p := range once(t, st, localClient(0)) {
		if p.Err != nil || p.Added != 0 {
			t.Errorf("second run: %v", p)
		}
	}
}

// firstTruncated returns the first truncated item of a test server's
// feed and its page's path.
func firstTruncated(t *testing.T, srv *watchtest.Server) (ingest.FeedItem, string) {
	t.Helper()
	feed, _, err := fetchFeed(context.Background(), localClient(0), srv.FeedURL())
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range feed.Items {
		if it.Truncated && !it.Undated {
			u, err := url.Parse(it.URL)
			if err != nil {
				t.Fatal(err)
			}
			return it, u.Path
		}
	}
	t.Fatal("no truncated item")
	return ingest.FeedItem{}, ""
}

func TestRedirectedAndCanonicalPagesAreOneArticle(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	c := localClient(0)
	srv := watchtest.NewServer(t, watchtest.WordPress)
	it, path := firstTruncated(t, srv)
	// The item's address redirects to a short link, which serves the page;
	// the page names its canonical address on the outlet's own host.
	page := srv.Page(path)
	const moved = "/p/41235"
	srv.Handle(path, func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, moved, http.StatusMovedPermanently) })
	srv.Handle(moved, func(w http.ResponseWriter, r *http.Request) { w.Write(page) })
	subscribe(t, st, c, srv.FeedURL())
	p := once(t, st, c)[0]
	if p.Err != nil || p.Added != p.Items || len(p.Warnings) > 0 {
		t.Fatalf("first poll: %v %v", p, p.Warnings)
	}
	canonical := "https://harbourgazette.example" + path
	var keys []string
	st.FeedItemKeys(ctx, func(k string) { keys = append(keys, k) })
	joined := strings.Join(keys, "\n") + "\n"
	for _, want := range []string{urlKey(it.URL), urlKey(srv.URL + moved), urlKey(canonical)} {
		if !strings.Contains(joined, want+"\n") {
			t.Errorf("identity %q not remembered", want)
		}
	}
	before, _ := st.CountArticles(ctx)

	// Another feed lists the same article under its AMP, mobile and
	// redirected addresses, with GUIDs of its own: all known, none fetched.
	other := watchtest.NewServer(t, watchtest.JSONFeed)
	u, _ := url.Parse(canonical)
	serveRSS(other, "Aggregator",
		rssItem{guid: "a1", link: "https://amp." + u.Host + u.Path + "amp/?utm_source=twitter", title: "AMP", text: "Teaser […]"},
		rssItem{guid: "a2", link: "https://m." + u.Host + u.Path, title: "Mobile", text: "Teaser […]"},
		rssItem{guid: "a3", link: srv.URL + moved + "/", title: "Short link", text: "Teaser […]"})
	subscribe(t, st, c, other.FeedURL())
	pages := srv.Requests()
	p = once(t, st, c)[1]
	if p.Err != nil || p.Known != 3 || p.Added != 0 || len(p.Warnings) > 0 {
		t.Errorf("aggregator poll: %v %v", p, p.Warnings)
	}
	if srv.Requests() != pages+1 { // the first feed's 304
		t.Errorf("known items cost %d requests to the outlet", srv.Requests()-pages-1)
	}
	// The page fetched again at its short link is the same report.
	arts, _, err := FetchArticles(ctx, c, srv.URL+moved, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	stats := pipeline.Articles(ctx, pipeline.NewLinker(st), arts, pipeline.Options{})
	if stats.Added != 0 || stats.SameReport+stats.Unchanged != 1 {
		t.Errorf("page at its short link: %+v", stats)
	}
	if after, _ := st.CountArticles(ctx); after != before {
		t.Errorf("%d articles added by the variants", after-before)
	}
}

func TestMissingPageWaitsThenFullText(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	c := localClient(0)
	srv := watchtest.NewServer(t, watchtest.WordPress)
	it, path := firstTruncated(t, srv)
	subscribe(t, st, c, srv.FeedURL())
	srv.Handle(path, http.NotFound) // listed before its page is live
	w := New(st, Options{Client: c})
	clock := it.Published.Add(10 * time.Minute)
	w.now = func() time.Time { return clock }

	poll := func() Poll {
		polls, err := w.Once(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return polls[0]
	}
	p := poll()
	if p.Deferred != 1 || p.Added != p.Items-1 || !strings.Contains(fmt.Sprint(p.Err), "deferred until") || !strings.Contains(fmt.Sprint(p.Err), "404") {
		t.Fatalf("poll with the page missing: %v", p)
	}
	if p.Feed.ConsecutiveErrors != 1 || p.Feed.ETag != "" || !p.Feed.NextPoll.Equal(clock.Add(fetch.Backoff(1))) {
		t.Errorf("feed after holding an item back: %+v", p.Feed)
	}
	// Still missing: retried after the backoff, which grows.
	clock = p.Feed.NextPoll
	p = poll()
	if p.Deferred != 1 || p.Added != 0 || !p.Feed.NextPoll.Equal(clock.Add(fetch.Backoff(2))) {
		t.Fatalf("second try: %v", p)
	}
	// The page is live: the item is stored once, in full.
	srv.Handle(path, nil)
	clock = p.Feed.NextPoll
	p = poll()
	if p.Err != nil || p.Deferred != 0 || p.Added != 1 || p.Feed.ConsecutiveErrors != 0 {
		t.Fatalf("poll with the page back: %v", p)
	}
	a := storedBySource(t, st)[itemSource(srv.FeedURL(), 0, it)]
	if a == nil || len(a.Text) < 2*len(it.Text) {
		t.Errorf("stored %+v, want the page's full text", a)
	}
	if n, _ := st.CountArticles(ctx); n != p.Items {
		t.Errorf("%d articles for %d items", n, p.Items)
	}
}

func TestMissingPageTeaserKeptAfterGrace(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	c := localClient(0)
	srv := watchtest.NewServer(t, watchtest.WordPress)
	it, path := firstTruncated(t, srv)
	subscribe(t, st, c, srv.FeedURL())
	srv.Handle(path, func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusGone) })
	w := New(st, Options{Client: c})
	w.now = func() time.Time { return it.Published.Add(DefaultPageGrace + time.Minute) }
	polls, err := w.Once(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p := polls[0]
	if p.Err != nil || p.Added != p.Items || len(p.Warnings) != 1 || !strings.Contains(p.Warnings[0].Error(), "kept the teaser") || !strings.Contains(p.String(), "HTTP 410") {
		t.Fatalf("poll after the grace: %v", p)
	}
	source := itemSource(srv.FeedURL(), 0, it)
	teaser := storedBySource(t, st)[source]
	if teaser == nil || teaser.Text != it.Text {
		t.Fatalf("stored %+v, want the teaser", teaser)
	}
	// The page comes back: the stored report stays as it is (a stored
	// article is never rewritten, see README "Article pages"), and no
	// second report appears.
	srv.Handle(path, nil)
	for _, client := range []*fetch.Client{c, localClient(0)} {
		p := once(t, st, client)[0]
		if p.Err != nil || p.Added != 0 {
			t.Errorf("poll with the page back: %v", p)
		}
	}
	if n, _ := st.CountArticles(ctx); n != p.Items {
		t.Errorf("%d articles for %d items", n, p.Items)
	}
	if a := storedBySource(t, st)[source]; a.Text != teaser.Text {
		t.Errorf("stored report changed")
	}
}

func TestFeedThatIsNoFeedOrStaleIsVisible(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	c := localClient(0)
	html := watchtest.NewServer(t, watchtest.WordPress)
	empty := watchtest.NewServer(t, watchtest.JSONFeed)
	stale := watchtest.NewServer(t, watchtest.SpanishAtom)
	subscribe(t, st, c, html.FeedURL(), empty.FeedURL(), stale.FeedURL())
	page := html.Page("/2026/01/06/council-approves-flood-funds/")
	html.Handle(watchtest.FeedPath, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.Write(page)
	})
	empty.Handle(watchtest.FeedPath, func(w http.ResponseWriter, r *http.Request) {})
	feed, _, err := fetchFeed(ctx, c, stale.FeedURL())
	if err != nil {
		t.Fatal(err)
	}
	var newest time.Time
	for _, it := range feed.Items {
		if it.Published.After(newest) {
			newest = it.Published
		}
	}
	w := New(st, Options{Client: c})
	w.now = func() time.Time { return newest.Add(DefaultStaleAfter + time.Hour) }
	polls, err := w.Once(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		poll       Poll
		status     string
		errHas     string
		notAFeed   bool
		staleNoted bool
	}{
		{polls[0], StatusNotAFeed, "HTTP 200 with an HTML page: not a feed (the page names the feed " + html.FeedURL(), true, false},
		{polls[1], StatusNotAFeed, "HTTP 200 with an empty body: not a feed", true, false},
		{polls[2], StatusStale, "", false, true},
	}
	for i, tt := range tests {
		if got := errors.Is(tt.poll.Err, ErrNotAFeed); got != tt.notAFeed || !strings.Contains(fmt.Sprint(tt.poll.Err), tt.errHas) {
			t.Errorf("poll %d: %v", i, tt.poll)
		}
		if (tt.poll.Stale != "") != tt.staleNoted {
			t.Errorf("poll %d stale %q", i, tt.poll.Stale)
		}
		f, err := st.FeedByID(ctx, tt.poll.Feed.ID)
		if err != nil {
			t.Fatal(err)
		}
		if Status(*f) != tt.status {
			t.Errorf("feed %d stored as %q (%+v), want %q", i, Status(*f), f, tt.status)
		}
	}
	if !strings.Contains(polls[2].String(), "stale: the newest item is from "+newest.UTC().Format("2006-01-02")) {
		t.Errorf("stale poll logged as %q", polls[2])
	}
	// Unchanged (304), it stays stale; a fresh item makes it ok.
	polls, _ = w.Once(ctx)
	if f, _ := st.FeedByID(ctx, polls[2].Feed.ID); polls[2].Feed.LastStatus != 304 || Status(*f) != StatusStale || polls[2].Stale == "" {
		t.Errorf("stale feed after a 304: %v", polls[2])
	}
	w.now = func() time.Time { return newest.Add(time.Hour) }
	stale.Serve(watchtest.JSONFeed)
	polls, _ = w.Once(ctx)
	if f, _ := st.FeedByID(ctx, polls[2].Feed.ID); Status(*f) != StatusOK || f.LastError != "" {
		t.Errorf("fresh feed: %v, %+v", polls[2], f)
	}
}

func TestStatusOfFeeds(t *testing.T) {
	now := time.Date(2026, 1, 6, 10, 0, 0, 0, time.UTC)
	tests := []struct {
		feed store.Feed
		want string
	}{
		{store.Feed{}, StatusNew},
		{store.Feed{LastFetch: now, LastStatus: 200}, StatusOK},
		{store.Feed{LastFetch: now, LastStatus: 304, LastError: "stale: the feed lists no items"}, StatusStale},
		{store.Feed{LastFetch: now, LastStatus: 502, ConsecutiveErrors: 2, LastError: "fetch x: HTTP 502 (retryable)"}, StatusFailing},
		{store.Feed{LastFetch: now, LastStatus: 200, ConsecutiveErrors: 1, LastError: (&NotAFeedError{URL: "x", Status: 200, What: "an empty body"}).Error()}, StatusNotAFeed},
	}
	for _, tt := range tests {
		if got := Status(tt.feed); got != tt.want {
			t.Errorf("Status(%+v) = %q, want %q", tt.feed, got, tt.want)
		}
	}
}

func TestPageIngestedBeforeItsFeedItemIsOneArticle(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	c := localClient(0)
	srv := watchtest.NewServer(t, watchtest.JSONFeed)
	const path = "/2026/01/04/mining-company-halts-operations/"
	arts, _, err := FetchArticles(ctx, c, srv.URL+path, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if stats := pipeline.Articles(ctx, pipeline.NewLinker(st), arts, pipeline.Options{}); stats.Added != 1 {
		t.Fatalf("page ingest: %+v", stats)
	}
	// The feed then lists that page, under a tracked address and with a
	// text of its own (the outlet's summary), beside a new item.
	texts := pageTexts(t, 3)
	serveRSS(srv, "Outlet",
		rssItem{guid: "9", link: srv.URL + path + "?utm_source=rss", title: "Mining company halts operations", text: texts[2]},
		rssItem{guid: "10", title: "Other", text: texts[1]})
	subscribe(t, st, c, srv.FeedURL())
	p := once(t, st, c)[0]
	if p.Err != nil || p.Known != 1 || p.Added != 1 {
		t.Errorf("poll: %v", p)
	}
	if n, _ := st.CountArticles(ctx); n != 2 {
		t.Errorf("%d articles, want the page and the new item", n)
	}
	var keys []string
	st.FeedItemKeys(ctx, func(k string) { keys = append(keys, k) })
	if !strings.Contains(strings.Join(keys, "\n"), "guid "+fetch.Canonical(srv.FeedURL())+" 9") {
		t.Errorf("the page's item keys were not remembered: %q", keys)
	}
}
