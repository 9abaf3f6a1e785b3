package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storyline/storyline/internal/watch/watchtest"
)

type listedFeed struct {
	ID                int    `json:"id"`
	URL               string `json:"url"`
	Title             string `json:"title"`
	LastStatus        int    `json:"last_status"`
	LastError         string `json:"last_error"`
	ConsecutiveErrors int    `json:"consecutive_errors"`
	NextPoll          string `json:"next_poll"`
	LastFetch         string `json:"last_fetch"`
	Status            string `json:"status"`
}

func listFeeds(t *testing.T, db string) []listedFeed {
	t.Helper()
	out, errOut, code := runCLI(t, "feeds", "list", "--db", db, "--format", "json")
	if code != 0 {
		t.Fatalf("feeds list exited %d: %s", code, errOut)
	}
	var feeds []listedFeed
	if err := json.Unmarshal([]byte(out), &feeds); err != nil {
		t.Fatalf("feeds list --format json: %v\n%s", err, out)
	}
	return feeds
}

func TestFeedsSubscriptions(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "feeds.db")
	wp := watchtest.NewServer(t, watchtest.WordPress)
	atom := watchtest.NewServer(t, watchtest.SpanishAtom)
	wire := watchtest.NewServer(t, watchtest.JSONFeed)
	// The WordPress feed is found through the <link rel=alternate> of one
	// of its article pages.
	page := wp.URL + "/2026/01/06/council-approves-flood-funds/"
	out, errOut, code := runCLI(t, "feeds", "add", "--db", db, "--allow-private", page, atom.FeedURL(), wire.FeedURL())
	if code != 0 || strings.Count(out, "subscribed") != 3 || !strings.Contains(out, "Harbour Gazette") {
		t.Fatalf("feeds add exited %d\n%s%s", code, out, errOut)
	}
	out, _, code = runCLI(t, "feeds", "add", "--db", db, "--allow-private", wp.FeedURL())
	if code != 0 || !strings.HasPrefix(out, "already subscribed 1 ") {
		t.Errorf("adding the feed again: %d %q", code, out)
	}
	feeds := listFeeds(t, db)
	if len(feeds) != 3 || feeds[0].URL != wp.FeedURL() || feeds[1].Title != "Diario del Valle - Últimas noticias" || feeds[2].Title != "Mountain Wire" {
		t.Fatalf("listed %+v", feeds)
	}
	out, _, _ = runCLI(t, "feeds", "list", "--db", db)
	if strings.Count(out, "never fetched") != 3 {
		t.Errorf("text list:\n%s", out)
	}

	opml, errOut, code := runCLI(t, "feeds", "export", "--db", db)
	if code != 0 || strings.Count(opml, "xmlUrl=") != 3 || !strings.Contains(opml, `<opml version="2.0">`) {
		t.Fatalf("feeds export exited %d: %s\n%s", code, errOut, opml)
	}
	exported := filepath.Join(dir, "subs.opml")
	if err := os.WriteFile(exported, []byte(opml), 0o644); err != nil {
		t.Fatal(err)
	}

	out, errOut, code = runCLI(t, "feeds", "remove", "--db", db, "1", atom.FeedURL()+"?utm_source=x")
	if code != 0 || strings.Count(out, "removed") != 2 {
		t.Errorf("feeds remove exited %d: %s%s", code, out, errOut)
	}
	_, errOut, code = runCLI(t, "feeds", "remove", "--db", db, "1")
	if code != 1 || !strings.Contains(errOut, "no such feed") {
		t.Errorf("removing a removed feed: %d %q", code, errOut)
	}
	if feeds := listFeeds(t, db); len(feeds) != 1 || feeds[0].URL != wire.FeedURL() {
		t.Errorf("after removal: %+v", feeds)
	}

	out, errOut, code = runCLI(t, "feeds", "import", "--db", db, exported)
	if code != 0 || !strings.Contains(out, "2 new subscriptions, 1 already subscribed") {
		t.Errorf("feeds import exited %d: %s%s", code, out, errOut)
	}
	if feeds := listFeeds(t, db); len(feeds) != 3 {
		t.Errorf("after import: %+v", feeds)
	}
}

func TestFeedsErrors(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "feeds.db")
	srv := watchtest.NewServer(t, watchtest.JSONFeed)
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"feeds"}, 2, "no action given"},
		{[]string{"feeds", "subscribe"}, 2, `unknown action "subscribe"`},
		{[]string{"feeds", "add", "--db", db}, 2, "no URL given"},
		{[]string{"feeds", "add", "--db", db, srv.FeedURL()}, 1, "is a loopback address; use --allow-private"},
		{[]string{"feeds", "add", "--db", db, "--allow-private", srv.URL + "/missing"}, 1, "HTTP 404"},
		{[]string{"feeds", "add", "--db", db, "ftp://example.org/feed"}, 1, "only http and https"},
		{[]string{"feeds", "import", "--db", db, filepath.Join(dir, "missing.opml")}, 1, "missing.opml"},
		{[]string{"feeds", "list", "--db", db, "--format", "xml"}, 2, `unknown format "xml"`},
	}
	for _, tt := range tests {
		_, errOut, code := runCLI(t, tt.args...)
		if code != tt.code || !strings.Contains(errOut, tt.want) {
			t.Errorf("%q: exit %d, stderr %q; want %d and %q", tt.args, code, errOut, tt.code, tt.want)
		}
	}
}

func TestFeedsAndWatchHelp(t *testing.T) {
	tests := []struct {
		args []string
		want []string
	}{
		{[]string{"feeds", "--help"}, []string{"  add [--allow-private]", "  import FILE.opml", "  export\n", "  list [--format text|json]", "  remove URL|ID...", "stale, failing, not a feed", "feeds ACTION --help"}},
		{[]string{"feeds", "add", "--help"}, []string{"usage: storyline feeds add ", `<link rel="alternate">`, "-max-bytes", "-allow-private", "STORYLINE_ALLOW_PRIVATE"}},
		{[]string{"feeds", "list", "-h"}, []string{"usage: storyline feeds list [--format text|json]", "-format"}},
		{[]string{"watch", "--help"}, []string{"-once", "SIGINT/SIGTERM", "-stale-after", "-page-grace", "-max-bytes", "-workers", "-interval"}},
	}
	for _, tt := range tests {
		_, errOut, code := runCLI(t, tt.args...)
		if code != 0 {
			t.Errorf("%q exited %d", tt.args, code)
		}
		for _, w := range tt.want {
			if !strings.Contains(errOut, w) {
				t.Errorf("%q help lacks %q:\n%s", tt.args, w, errOut)
			}
		}
	}
}
