package main

import (
	"bytes"
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storyline/storyline/internal/store"
	"github.com/storyline/storyline/internal/watch/watchtest"
)

func TestWatchOnceThenNotModified(t *testing.T) {
	db := filepath.Join(t.TempDir(), "watch.db")
	servers := []*watchtest.Server{
		watchtest.NewServer(t, watchtest.WordPress),
		watchtest.NewServer(t, watchtest.SpanishAtom),
		watchtest.NewServer(t, watchtest.JSONFeed),
	}
	args := []string{"feeds", "add", "--db", db, "--allow-private"}
	for _, s := range servers {
		args = append(args, s.FeedURL())
	}
	if _, errOut, code := runCLI(t, args...); code != 0 {
		t.Fatalf("feeds add: %s", errOut)
	}
	// The fixtures' items date from January 2026: not stale for this test.
	fresh := []string{"--stale-after", "876000h"}
	_, errOut, code := runCLI(t, append([]string{"watch", "--db", db, "--once", "--allow-private", "--host-delay", "0"}, fresh...)...)
	if code != 0 || strings.Count(errOut, ": 200, ") != 3 || !strings.Contains(errOut, "3 feeds polled, 54 new reports, 0 failed") {
		t.Fatalf("first watch --once exited %d:\n%s", code, errOut)
	}
	if n := countArticles(t, db); n != 54 {
		t.Errorf("%d articles stored from 54 items", n)
	}
	_, errOut, code = runCLI(t, append([]string{"watch", "--db", db, "--once", "--allow-private", "--host-delay", "0"}, fresh...)...)
	if code != 0 || strings.Count(errOut, ": 304 not modified") != 3 || !strings.Contains(errOut, "0 new reports") {
		t.Errorf("second watch --once exited %d:\n%s", code, errOut)
	}
	if n := countArticles(t, db); n != 54 {
		t.Errorf("%d articles after the second poll", n)
	}
	for _, f := range listFeeds(t, db) {
		if f.LastStatus != 304 || f.ConsecutiveErrors != 0 || f.LastError != "" || f.Status != "ok" || f.NextPoll <= f.LastFetch {
			t.Errorf("listed after polls: %+v", f)
		}
	}
}

func TestWatchFailingFeedsVisible(t *testing.T) {
	db := filepath.Join(t.TempDir(), "watch.db")
	refused := filepath.Join(t.TempDir(), "refused.db")
	broken := watchtest.NewServer(t, watchtest.JSONFeed)
	healthy := watchtest.NewServer(t, watchtest.SpanishAtom)
	for _, d := range []string{db, refused} {
		if _, errOut, code := runCLI(t, "feeds", "add", "--db", d, "--allow-private", broken.FeedURL(), healthy.FeedURL()); code != 0 {
			t.Fatalf("feeds add: %s", errOut)
		}
	}
	broken.Override(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusBadGateway) })

	// Without --allow-private every feed on 127.0.0.1 is refused, saying why.
	_, errOut, code := runCLI(t, "watch", "--db", refused, "--once")
	if code != 1 || strings.Count(errOut, "127.0.0.1 is a loopback address; use --allow-private to allow it") != 2 {
		t.Errorf("watch --once without --allow-private exited %d:\n%s", code, errOut)
	}
	// The environment allows them too.
	var out, stderr bytes.Buffer
	e := &env{stdout: &out, stderr: &stderr, stdin: strings.NewReader(""), getenv: func(k string) string {
		if k == "STORYLINE_ALLOW_PRIVATE" {
			return "1"
		}
		return ""
	}}
	code = run(context.Background(), e, []string{"watch", "--db", db, "--once", "--host-delay", "0"})
	if code != 1 || !strings.Contains(stderr.String(), "HTTP 502") || !strings.Contains(stderr.String(), "1 failed") {
		t.Errorf("watch --once with a failing feed exited %d:\n%s", code, stderr.String())
	}
	feeds := listFeeds(t, db)
	if feeds[0].LastStatus != 502 || feeds[0].ConsecutiveErrors != 1 || !strings.Contains(feeds[0].LastError, "HTTP 502") {
		t.Errorf("failing feed listed as %+v", feeds[0])
	}
	if feeds[1].LastStatus != 200 || feeds[1].ConsecutiveErrors != 0 {
		t.Errorf("healthy feed listed as %+v", feeds[1])
	}
	text, _, _ := runCLI(t, "feeds", "list", "--db", db)
	if !strings.Contains(text, "HTTP 502, 1 error in a row") || !strings.Contains(text, "HTTP 200, 0 errors in a row") || !strings.Contains(text, "last error: fetch ") {
		t.Errorf("feeds list:\n%s", text)
	}
}

func TestWatchUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "watch.db")
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"watch", "--db", db, "--once"}, 1, "no feeds subscribed"},
		{[]string{"watch", "--db", db, "--workers", "0"}, 2, "must be positive"},
		{[]string{"watch", "--db", db, "extra"}, 2, `unexpected argument "extra"`},
	}
	for _, tt := range tests {
		_, errOut, code := runCLI(t, tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.want) {
			t.Errorf("%q: exit %d, stderr %q", tt.args, code, errOut)
		}
	}
}

func TestIngestURL(t *testing.T) {
	db := filepath.Join(t.TempDir(), "ingest.db")
	feed := watchtest.NewServer(t, watchtest.JSONFeed)
	site := watchtest.NewServer(t, watchtest.WordPress)
	page := site.URL + "/2026/01/05/central-bank-raises-rates/"
	_, errOut, code := runCLI(t, "ingest", "--db", db, "--allow-private", "--host-delay", "0", feed.FeedURL(), page)
	if code != 0 || !strings.Contains(errOut, "14 reports read: 14 new") || !strings.Contains(errOut, "1 report read: 1 new") {
		t.Fatalf("ingest of URLs exited %d:\n%s", code, errOut)
	}
	if n := countArticles(t, db); n != 15 {
		t.Errorf("%d articles stored", n)
	}
	if feed.Hits("/story/88003") != 1 {
		t.Errorf("the truncated item's page was fetched %d times", feed.Hits("/story/88003"))
	}
	_, errOut, code = runCLI(t, "ingest", "--db", db, feed.FeedURL())
	if code != 1 || !strings.Contains(errOut, "loopback address") {
		t.Errorf("ingest of a loopback URL without --allow-private exited %d: %s", code, errOut)
	}
}

func TestWatchOnceBrokenFeed(t *testing.T) {
	db := filepath.Join(t.TempDir(), "watch.db")
	srv := watchtest.NewServer(t, watchtest.Broken)
	if _, errOut, code := runCLI(t, "feeds", "add", "--db", db, "--allow-private", srv.FeedURL()); code != 0 {
		t.Fatalf("feeds add: %s", errOut)
	}
	// Five items, one of them an undated teaser whose page is missing: it
	// is kept as its teaser, with a warning, and the feed is fine.
	_, errOut, code := runCLI(t, "watch", "--db", db, "--once", "--allow-private", "--host-delay", "0")
	if code != 0 || !strings.Contains(errOut, ": 200, 5 items: 5 new") || !strings.Contains(errOut, "kept the teaser") ||
		!strings.Contains(errOut, "1 feed polled, 5 new reports, 0 failed") {
		t.Fatalf("watch --once exited %d:\n%s", code, errOut)
	}
	if n := countArticles(t, db); n != 5 {
		t.Errorf("%d articles stored from 5 items", n)
	}
	feeds := listFeeds(t, db)
	if len(feeds) != 1 || feeds[0].Status != "stale" || feeds[0].LastStatus != 200 || feeds[0].ConsecutiveErrors != 0 {
		t.Errorf("listed as %+v; want ok apart from its old items", feeds)
	}
	out, _, _ := runCLI(t, "export", "--db", db, "--format", "json")
	for _, title := range []string{"Café owners & growers protest export tax", "Minister says “no decision” yet on reservoir", "Road to the dam reopens", "Niños return to school in flooded district"} {
		if !strings.Contains(out, title) {
			t.Errorf("no article titled %q", title)
		}
	}
}

func TestWatchMaxBytesNamesURLLimitAndFlag(t *testing.T) {
	db := filepath.Join(t.TempDir(), "watch.db")
	big := watchtest.NewServer(t, watchtest.WordPress)
	small := watchtest.NewServer(t, watchtest.JSONFeed)
	if _, errOut, code := runCLI(t, "feeds", "add", "--db", db, "--allow-private", big.FeedURL(), small.FeedURL()); code != 0 {
		t.Fatalf("feeds add: %s", errOut)
	}
	_, errOut, code := runCLI(t, "watch", "--db", db, "--once", "--allow-private", "--host-delay", "0", "--max-bytes", "40960")
	want := "fetch " + big.FeedURL() + ": response larger than the 40 KiB limit (raise it with --max-bytes)"
	if code != 1 || !strings.Contains(errOut, want) || !strings.Contains(errOut, "2 feeds polled, 14 new reports, 1 failed") {
		t.Errorf("watch --once --max-bytes 40960 exited %d:\n%s\nwant %q", code, errOut, want)
	}
	if f := listFeeds(t, db)[0]; !strings.Contains(f.LastError, want) || f.Status != "failing" {
		t.Errorf("oversized feed listed as %+v", f)
	}
	// feeds add says the same.
	_, errOut, code = runCLI(t, "feeds", "add", "--db", db, "--allow-private", "--max-bytes", "1000", small.FeedURL())
	if code != 1 || !strings.Contains(errOut, small.FeedURL()+": response larger than the 1000 bytes limit (raise it with --max-bytes)") {
		t.Errorf("feeds add --max-bytes 1000 exited %d: %s", code, errOut)
	}
}

func TestWatchInterruptedMidPollLeavesCompleteReports(t *testing.T) {
	db := filepath.Join(t.TempDir(), "watch.db")
	srv := watchtest.NewServer(t, watchtest.WordPress)
	if _, errOut, code := runCLI(t, "feeds", "add", "--db", db, "--allow-private", srv.FeedURL()); code != 0 {
		t.Fatalf("feeds add: %s", errOut)
	}
	// SIGINT arrives (the context is cancelled, as main does on a signal)
	// while an article page is being fetched: once under --once, once
	// under a long-running watch.
	for _, args := range [][]string{
		{"watch", "--db", db, "--once", "--allow-private", "--host-delay", "0"},
		{"watch", "--db", db, "--allow-private", "--host-delay", "0"},
	} {
		ctx, cancel := context.WithCancel(context.Background())
		pages := 0
		srv.Before(func(r *http.Request) {
			if r.URL.Path == watchtest.FeedPath {
				return
			}
			if pages++; pages == 2 {
				cancel()
				<-r.Context().Done()
			}
		})
		var out, stderr bytes.Buffer
		e := &env{stdout: &out, stderr: &stderr, stdin: strings.NewReader(""), getenv: func(string) string { return "" }}
		code := run(ctx, e, args)
		cancel()
		if code > 1 || !strings.Contains(stderr.String(), "every report stored so far is complete") || !strings.Contains(stderr.String(), "interrupted") {
			t.Errorf("%q exited %d:\n%s", args, code, stderr.String())
		}
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	bg := context.Background()
	if err := st.CheckReferences(bg); err != nil {
		t.Error(err)
	}
	stories, err := st.Stories(bg)
	if err != nil {
		t.Fatal(err)
	}
	complete := 0
	for _, s := range stories {
		arts, err := st.Articles(bg, s.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range arts {
			if a.Text == "" || a.Title == "" || len(a.Analysis.Sentences) == 0 || a.ContentHash == "" {
				t.Errorf("incomplete article %d from %s", a.ID, a.Source)
				continue
			}
			complete++
		}
	}
	n, _ := st.CountArticles(bg)
	if n == 0 || complete != n || n >= 22 {
		t.Errorf("%d articles stored, %d complete and in a story; want some of the 22, all complete", n, complete)
	}
	f := listFeeds(t, db)[0]
	if f.ConsecutiveErrors != 0 || f.Status != "ok" && f.Status != "stale" {
		t.Errorf("interrupted feed listed as %+v; want it due again, not failing", f)
	}
	// The next run stores the rest.
	srv.Before(nil)
	_, errOut, code := runCLI(t, "watch", "--db", db, "--once", "--allow-private", "--host-delay", "0")
	if code != 0 || countArticles(t, db) != 22 {
		t.Errorf("watch after the interruption exited %d, %d articles:\n%s", code, countArticles(t, db), errOut)
	}
}

func TestFeedsListShowsFeedsThatStoppedWorking(t *testing.T) {
	db := filepath.Join(t.TempDir(), "watch.db")
	page := watchtest.NewServer(t, watchtest.WordPress)
	fresh := watchtest.NewServer(t, watchtest.JSONFeed)
	if _, errOut, code := runCLI(t, "feeds", "add", "--db", db, "--allow-private", page.FeedURL(), fresh.FeedURL()); code != 0 {
		t.Fatalf("feeds add: %s", errOut)
	}
	// The first outlet now serves its home page where the feed was.
	home := page.Page("/2026/01/06/council-approves-flood-funds/")
	page.Handle(watchtest.FeedPath, func(w http.ResponseWriter, r *http.Request) { w.Write(home) })
	_, errOut, code := runCLI(t, "watch", "--db", db, "--once", "--allow-private", "--host-delay", "0", "--stale-after", "876000h")
	if code != 1 || !strings.Contains(errOut, "HTTP 200 with an HTML page: not a feed") || strings.Contains(errOut, "stale") {
		t.Errorf("watch --once exited %d:\n%s", code, errOut)
	}
	feeds := listFeeds(t, db)
	if feeds[0].Status != "not a feed" || feeds[0].ConsecutiveErrors != 1 || feeds[1].Status != "ok" {
		t.Errorf("listed as %+v", feeds)
	}
	text, _, _ := runCLI(t, "feeds", "list", "--db", db)
	if !strings.Contains(text, "[not a feed]") || !strings.Contains(text, "[ok]") {
		t.Errorf("feeds list:\n%s", text)
	}
	// With the default threshold, the fixtures' January items are old.
	fresh.Serve(watchtest.SpanishAtom)
	_, errOut, _ = runCLI(t, "watch", "--db", db, "--once", "--allow-private", "--host-delay", "0")
	if !strings.Contains(errOut, "stale: the newest item is from 2026-01-") || !strings.Contains(errOut, "1 stale (see storyline feeds list)") {
		t.Errorf("watch --once of an old feed:\n%s", errOut)
	}
	text, _, _ = runCLI(t, "feeds", "list", "--db", db)
	if !strings.Contains(text, "[stale]") || !strings.Contains(text, "      stale: the newest item is from") {
		t.Errorf("feeds list:\n%s", text)
	}
}
