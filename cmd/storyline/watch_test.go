package main

import (
	"bytes"
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

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
	_, errOut, code := runCLI(t, "watch", "--db", db, "--once", "--allow-private", "--host-delay", "0")
	if code != 0 || strings.Count(errOut, ": 200, ") != 3 || !strings.Contains(errOut, "3 feeds polled, 54 new reports, 0 failed") {
		t.Fatalf("first watch --once exited %d:\n%s", code, errOut)
	}
	if n := countArticles(t, db); n != 54 {
		t.Errorf("%d articles stored from 54 items", n)
	}
	_, errOut, code = runCLI(t, "watch", "--db", db, "--once", "--allow-private", "--host-delay", "0")
	if code != 0 || strings.Count(errOut, ": 304 not modified") != 3 || !strings.Contains(errOut, "0 new reports") {
		t.Errorf("second watch --once exited %d:\n%s", code, errOut)
	}
	if n := countArticles(t, db); n != 54 {
		t.Errorf("%d articles after the second poll", n)
	}
	for _, f := range listFeeds(t, db) {
		if f.LastStatus != 304 || f.ConsecutiveErrors != 0 || f.LastError != "" || f.NextPoll <= f.LastFetch {
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
