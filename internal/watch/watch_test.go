package watch

import (
	"context"
	"errors"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/storyline/storyline/internal/fetch"
	"github.com/storyline/storyline/internal/ingest"
	"github.com/storyline/storyline/internal/store"
	"github.com/storyline/storyline/internal/watch/watchtest"
)

func openStore(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "watch.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// localClient may reach the test servers on 127.0.0.1, without delays.
func localClient(maxBytes int64) *fetch.Client {
	return fetch.New(fetch.Options{AllowPrivate: true, HostDelay: -1, MaxBytes: maxBytes, Timeout: 20 * time.Second})
}

func subscribe(t testing.TB, st *store.Store, c *fetch.Client, urls ...string) {
	t.Helper()
	for _, u := range urls {
		if _, _, err := Subscribe(context.Background(), st, c, u, ingest.Options{}); err != nil {
			t.Fatal(err)
		}
	}
}

func once(t testing.TB, st *store.Store, c *fetch.Client) []Poll {
	t.Helper()
	polls, err := New(st, Options{Client: c, OnError: func(err error) { t.Errorf("store: %v", err) }}).Once(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return polls
}

func storedBySource(t testing.TB, st *store.Store) map[string]*store.StoredArticle {
	t.Helper()
	ctx := context.Background()
	stories, err := st.Stories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*store.StoredArticle{}
	for _, s := range stories {
		arts, err := st.Articles(ctx, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range arts {
			out[a.Source] = a
		}
	}
	return out
}

func TestOnceIngestsEveryItemWithFullTextThenGets304(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	c := localClient(0)
	servers := []*watchtest.Server{
		watchtest.NewServer(t, watchtest.WordPress),
		watchtest.NewServer(t, watchtest.SpanishAtom),
		watchtest.NewServer(t, watchtest.JSONFeed),
	}
	for _, s := range servers {
		subscribe(t, st, c, s.FeedURL())
	}
	items, reports := 0, 0
	for _, p := range once(t, st, c) {
		if p.Err != nil || len(p.Warnings) > 0 || p.Deferred > 0 {
			t.Errorf("%v (warnings %v)", p, p.Warnings)
		}
		if p.Feed.LastStatus != 200 || p.Feed.ConsecutiveErrors != 0 || p.Feed.ETag == "" {
			t.Errorf("feed state after the first poll: %+v", p.Feed)
		}
		items += p.Items
		reports += p.Added + p.SameReport
	}
	if items < 50 || reports != items {
		t.Fatalf("%d items in the feeds, %d stored", items, reports)
	}
	// Every truncated item was stored with its page's full text.
	stored := storedBySource(t, st)
	truncated := 0
	for _, s := range servers {
		feed, _, err := fetchFeed(ctx, c, s.FeedURL())
		if err != nil {
			t.Fatal(err)
		}
		for i, it := range feed.Items {
			a := stored[itemSource(s.FeedURL(), i+1, it)]
			if a == nil {
				t.Errorf("item %q not stored under its URL", it.URL)
				continue
			}
			if !it.Truncated {
				continue
			}
			truncated++
			if len(a.Text) < 2*len(it.Text) || strings.Contains(a.Text, "[…]") || strings.Contains(a.Text, "Read more") {
				t.Errorf("truncated item %q stored with %d bytes of text (teaser %d): %q", it.URL, len(a.Text), len(it.Text), a.Text)
			}
			if a.Title != it.Title || a.Outlet != it.Outlet {
				t.Errorf("page of %q changed title %q or outlet %q", it.URL, a.Title, a.Outlet)
			}
		}
	}
	if truncated < 10 {
		t.Errorf("only %d truncated items checked", truncated)
	}

	// A second run (a new process) asks conditionally, gets 304s and
	// stores nothing.
	before, _ := st.CountArticles(ctx)
	requests := 0
	for _, s := range servers {
		requests += s.Requests()
	}
	for _, p := range once(t, st, localClient(0)) {
		if p.Err != nil || p.Feed.LastStatus != 304 || p.Added != 0 {
			t.Errorf("second poll: %v", p)
		}
	}
	after, _ := st.CountArticles(ctx)
	if after != before {
		t.Errorf("second poll stored %d articles", after-before)
	}
	for _, s := range servers {
		requests -= s.Requests()
		if s.Conditional() != 1 {
			t.Errorf("%s: %d conditional requests, want 1", s.URL, s.Conditional())
		}
	}
	if requests != -len(servers) {
		t.Errorf("second poll made %d requests, want one per feed", -requests)
	}
	if err := st.CheckReferences(ctx); err != nil {
		t.Error(err)
	}
}

// fetchFeed parses a test server's feed as the poller sees it.
func fetchFeed(ctx context.Context, c *fetch.Client, u string) (*ingest.Feed, *fetch.Response, error) {
	resp, err := c.Get(ctx, fetch.Request{URL: u})
	if err != nil {
		return nil, nil, err
	}
	feed, err := ingest.ParseFeed(u, resp.Body, resp.FetchedAt, ingest.Options{})
	return feed, resp, err
}

func TestMovedItemsAreNotDuplicated(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	c := localClient(0)
	srv := watchtest.NewServer(t, watchtest.WordPress)
	subscribe(t, st, c, srv.FeedURL())
	first := once(t, st, c)
	if first[0].Err != nil || first[0].Added == 0 {
		t.Fatalf("first poll: %v", first[0])
	}
	before, _ := st.CountArticles(ctx)
	pages := srv.Requests()

	srv.Serve(watchtest.WordPressMoved)
	p := once(t, st, c)[0]
	if p.Err != nil || p.Feed.LastStatus != 200 {
		t.Fatalf("poll of the moved feed: %v", p)
	}
	if p.Added != 0 || p.Known != p.Items {
		t.Errorf("moved items: %d added, %d known of %d", p.Added, p.Known, p.Items)
	}
	after, _ := st.CountArticles(ctx)
	if after != before {
		t.Errorf("moved items created %d articles", after-before)
	}
	if got := srv.Requests() - pages; got != 1 {
		t.Errorf("moved items cost %d requests, want the feed alone", got)
	}
	// The new GUIDs are remembered: a third poll of the same feed finds
	// them known by GUID alone.
	var keys []string
	st.FeedItemKeys(ctx, func(k string) { keys = append(keys, k) })
	feedGUIDs := "guid " + fetch.Canonical(srv.FeedURL()) + " "
	if !containsPrefix(keys, feedGUIDs+"https://harbourgazette.example/archives/") && !containsPrefix(keys, feedGUIDs+srv.URL+"/archives/") {
		t.Errorf("new GUIDs not remembered: %d keys", len(keys))
	}
}

func containsPrefix(xs []string, prefix string) bool {
	for _, x := range xs {
		if strings.HasPrefix(x, prefix) {
			return true
		}
	}
	return false
}

func TestRetryAfterIsHonoured(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	c := localClient(0)
	limited := watchtest.NewServer(t, watchtest.JSONFeed)
	healthy := watchtest.NewServer(t, watchtest.SpanishAtom)
	subscribe(t, st, c, limited.FeedURL(), healthy.FeedURL())
	limited.Override(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(http.StatusTooManyRequests)
	})
	hits := limited.Requests()
	start := time.Now()
	polls := once(t, st, c)
	var ra *fetch.RetryAfterError
	if !errors.As(polls[0].Err, &ra) || polls[0].Feed.LastStatus != 429 || polls[0].Feed.ConsecutiveErrors != 1 {
		t.Fatalf("rate-limited poll: %v", polls[0])
	}
	if polls[0].Feed.NextPoll.Before(start.Add(3599 * time.Second)) {
		t.Errorf("next poll %v is before the Retry-After", polls[0].Feed.NextPoll)
	}
	if polls[1].Err != nil || polls[1].Added == 0 {
		t.Errorf("the other feed: %v", polls[1])
	}
	// Neither this watcher nor a new process asks the host again early.
	for _, client := range []*fetch.Client{c, localClient(0)} {
		p := once(t, st, client)[0]
		if !p.Skipped || p.Err == nil || !strings.Contains(p.String(), "backing off") {
			t.Errorf("poll during Retry-After: %v", p)
		}
	}
	if got := limited.Requests() - hits; got != 1 {
		t.Errorf("rate-limited host asked %d times, want once", got)
	}
	f, _ := st.FeedByCanonicalURL(ctx, fetch.Canonical(limited.FeedURL()))
	if f.LastStatus != 429 || f.ConsecutiveErrors != 1 || !strings.Contains(f.LastError, "429") {
		t.Errorf("stored state %+v", f)
	}
}

func TestOversizedFeedFailsOthersIngested(t *testing.T) {
	st := openStore(t)
	const limit = 40 << 10 // the WordPress fixture is larger; the others smaller
	c := localClient(limit)
	big := watchtest.NewServer(t, watchtest.WordPress)
	small := watchtest.NewServer(t, watchtest.JSONFeed)
	subscribe(t, st, localClient(0), big.FeedURL(), small.FeedURL())
	polls := once(t, st, c)
	if !errors.Is(polls[0].Err, fetch.ErrTooLarge) || !strings.Contains(polls[0].Err.Error(), "40 KiB limit") {
		t.Errorf("oversized feed: %v", polls[0])
	}
	if polls[0].Feed.LastStatus != 0 || polls[0].Feed.ConsecutiveErrors != 1 {
		t.Errorf("oversized feed state: %+v", polls[0].Feed)
	}
	if polls[1].Err != nil || polls[1].Added != polls[1].Items {
		t.Errorf("other feed: %v", polls[1])
	}
}

func TestPrivateAddressRefused(t *testing.T) {
	st := openStore(t)
	srv := watchtest.NewServer(t, watchtest.JSONFeed)
	subscribe(t, st, localClient(0), srv.FeedURL())
	hits := srv.Requests()
	p := once(t, st, fetch.New(fetch.Options{HostDelay: -1}))[0]
	var blocked *fetch.BlockedAddressError
	if !errors.As(p.Err, &blocked) || !strings.Contains(p.Err.Error(), "loopback") || !strings.Contains(p.Err.Error(), "--allow-private") {
		t.Errorf("poll of 127.0.0.1 without AllowPrivate: %v", p)
	}
	if srv.Requests() != hits {
		t.Error("the refused server was contacted")
	}
	if _, _, err := Discover(context.Background(), fetch.New(fetch.Options{}), srv.FeedURL(), ingest.Options{}); !errors.As(err, &blocked) {
		t.Errorf("Discover on 127.0.0.1: %v", err)
	}
}

func TestRunStopsOnCancel(t *testing.T) {
	st := openStore(t)
	c := localClient(0)
	srv := watchtest.NewServer(t, watchtest.SpanishAtom)
	subscribe(t, st, c, srv.FeedURL())
	ctx, cancel := context.WithCancel(context.Background())
	polled := make(chan Poll, 1)
	w := New(st, Options{Client: c, Log: func(p Poll) { polled <- p }})
	done := make(chan error, 1)
	go func() { done <- w.Run(ctx) }()
	p := <-polled
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if p.Err != nil || p.Added != p.Items {
		t.Errorf("poll under Run: %v", p)
	}
	f, _ := st.FeedByCanonicalURL(context.Background(), fetch.Canonical(srv.FeedURL()))
	if !f.NextPoll.After(time.Now().Add(DefaultInterval - time.Minute)) {
		t.Errorf("next poll %v not one interval ahead", f.NextPoll)
	}
}

func TestDiscoverFollowsAlternateLink(t *testing.T) {
	srv := watchtest.NewServer(t, watchtest.WordPress)
	// Every page fixture announces the site's feed at /feed.
	feedURL, feed, err := Discover(context.Background(), localClient(0), srv.URL+"/2026/01/06/council-approves-flood-funds/", ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if feedURL != srv.FeedURL() || feed.Title != "Harbour Gazette" {
		t.Errorf("Discover = %q, %q", feedURL, feed.Title)
	}
	if _, _, err := Discover(context.Background(), localClient(0), srv.URL+"/nowhere", ingest.Options{}); err == nil {
		t.Error("Discover of a missing page succeeded")
	}
}

func BenchmarkOnceNewItems(b *testing.B) {
	c := localClient(0)
	servers := []*watchtest.Server{
		watchtest.NewServer(b, watchtest.WordPress),
		watchtest.NewServer(b, watchtest.SpanishAtom),
		watchtest.NewServer(b, watchtest.JSONFeed),
	}
	items := 0
	for b.Loop() {
		b.StopTimer()
		st := openStore(b)
		for _, s := range servers {
			subscribe(b, st, c, s.FeedURL())
		}
		b.StartTimer()
		polls, err := New(st, Options{Client: c}).Once(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		for _, p := range polls {
			items += p.Items
			if p.Err != nil {
				b.Fatal(p)
			}
		}
	}
	b.ReportMetric(float64(items)/b.Elapsed().Seconds(), "items/s")
}

func TestShutdownDuringPageFetchesStoresWholeReports(t *testing.T) {
	ctx := context.Background()
	st := openStore(t)
	c := localClient(0)
	srv := watchtest.NewServer(t, watchtest.WordPress)
	subscribe(t, st, c, srv.FeedURL())
	pollCtx, cancel := context.WithCancel(ctx)
	// Shutdown begins while the first article page is being fetched.
	srv.Before(func(r *http.Request) {
		if r.URL.Path != watchtest.FeedPath {
			cancel()
			<-r.Context().Done()
		}
	})
	w := New(st, Options{Client: c})
	polls, err := w.Once(pollCtx)
	if !errors.Is(err, context.Canceled) || len(polls) != 1 {
		t.Fatalf("Once = %v, %v", polls, err)
	}
	p := polls[0]
	truncated := 7 // of the WordPress fixture's 22 items
	if !p.Interrupted || p.Added != p.Items-truncated || p.Feed.ConsecutiveErrors != 0 || p.Feed.ETag != "" || p.Feed.NextPoll.After(time.Now()) {
		t.Fatalf("interrupted poll: %v, state %+v", p, p.Feed)
	}
	if n, _ := st.CountArticles(ctx); n != p.Added {
		t.Errorf("%d articles stored, %d reported", n, p.Added)
	}
	if err := st.CheckReferences(ctx); err != nil {
		t.Error(err)
	}
	stored := storedBySource(t, st)
	for _, a := range stored {
		if a.Text == "" || a.StoryID == 0 || len(a.Analysis.Sentences) == 0 {
			t.Errorf("incomplete report stored from %s", a.Source)
		}
	}
	if len(stored) != p.Added {
		t.Errorf("%d reports in stories, %d stored", len(stored), p.Added)
	}
	// The next run reads the whole feed again and stores the rest.
	srv.Before(nil)
	p = once(t, st, c)[0]
	if p.Err != nil || p.Feed.LastStatus != 200 || p.Added != truncated || p.Known != p.Items-truncated {
		t.Errorf("poll after the interruption: %v", p)
	}
}
