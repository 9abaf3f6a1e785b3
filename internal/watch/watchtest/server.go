// Package watchtest serves the feed fixtures of internal/ingest and the
// article pages of internal/watch over HTTP, as an outlet's site would, for
// tests of polling.
package watchtest

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// Fixture is a feed file and the origins its links point to; the server
// rewrites those to its own address so that the items' pages are served
// by it too.
type Fixture struct {
	File    string
	Origins []string
}

// The feed fixtures: WordPress RSS with truncated items, the same items
// moved to tracked URLs with new GUIDs, a Spanish Atom feed and a JSON Feed.
var (
	WordPress      = Fixture{"wordpress.rss", []string{"http://www.harbourgazette.example", "https://harbourgazette.example"}}
	WordPressMoved = Fixture{"wordpress_moved.rss", []string{"http://www.harbourgazette.example", "https://harbourgazette.example"}}
	SpanishAtom    = Fixture{"ultimas.atom", []string{"https://www.diariodelvalle.example"}}
	JSONFeed       = Fixture{"wire.json", []string{"https://mountainwire.example"}}
	// Broken is RSS as found in the wild: bad entities, stray control
	// characters, a wrong charset, Spanish and future dates, an undated
	// teaser whose page is missing.
	Broken = Fixture{"broken.rss", []string{"https://valleypost.example"}}
)

// FeedPath is where a Server serves its feed.
const FeedPath = "/feed"

// Server serves one feed at FeedPath, answering conditional requests with
// 304, and the article pages of internal/watch/testdata/pages by path.
type Server struct {
	*httptest.Server
	t testing.TB

	mu          sync.Mutex
	feed        []byte
	contentType string
	hits        map[string]int
	conditional int
	override    http.HandlerFunc
	paths       map[string]http.HandlerFunc
	before      func(*http.Request)
}

// dir is this package's directory, so fixtures are found from any test.
func dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(file)
}

// NewServer starts a server for f, closed when the test ends.
func NewServer(t testing.TB, f Fixture) *Server {
	t.Helper()
	s := &Server{t: t, hits: map[string]int{}, paths: map[string]http.HandlerFunc{}}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(s.Close)
	s.Serve(f)
	return s
}

// FeedURL is the feed's address.
func (s *Server) FeedURL() string { return s.URL + FeedPath }

// Serve switches the feed to f.
func (s *Server) Serve(f Fixture) {
	s.t.Helper()
	data, err := os.ReadFile(filepath.Join(dir(), "..", "..", "ingest", "testdata", "feeds", f.File))
	if err != nil {
		s.t.Fatal(err)
	}
	body := string(data)
	for _, o := range f.Origins {
		body = strings.ReplaceAll(body, o, s.URL)
	}
	ct := "application/rss+xml; charset=utf-8"
	switch filepath.Ext(f.File) {
	case ".atom":
		ct = "application/atom+xml; charset=utf-8"
	case ".json":
		ct = "application/feed+json"
	}
	s.mu.Lock()
	s.feed, s.contentType = []byte(body), ct
	s.mu.Unlock()
}

// Override makes h answer every request instead (nil restores the feed).
func (s *Server) Override(h http.HandlerFunc) {
	s.mu.Lock()
	s.override = h
	s.mu.Unlock()
}

// Handle makes h answer the requests for path instead (nil restores the
// fixtures), for a page that moved, vanished or came back.
func (s *Server) Handle(path string, h http.HandlerFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if h == nil {
		delete(s.paths, path)
		return
	}
	s.paths[path] = h
}

// Page is the fixture page served at path, as the server serves it.
func (s *Server) Page(path string) []byte {
	s.t.Helper()
	page, err := os.ReadFile(pageFile(path))
	if err != nil {
		s.t.Fatal(err)
	}
	return page
}

// pageFile is the fixture file of the page at path.
func pageFile(path string) string {
	name := strings.ReplaceAll(strings.Trim(path, "/"), "/", "-")
	if !strings.HasSuffix(name, ".html") {
		name += ".html"
	}
	return filepath.Join(dir(), "..", "testdata", "pages", name)
}

// Before makes f run on each request before it is answered (nil for none).
func (s *Server) Before(f func(*http.Request)) {
	s.mu.Lock()
	s.before = f
	s.mu.Unlock()
}

// Hits is how many requests path received.
func (s *Server) Hits(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits[path]
}

// Requests is how many requests the server received in all.
func (s *Server) Requests() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, h := range s.hits {
		n += h
	}
	return n
}

// Conditional is how many feed requests carried a validator.
func (s *Server) Conditional() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conditional
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.hits[r.URL.Path]++
	override, before, feed, ct := s.override, s.before, s.feed, s.contentType
	if h := s.paths[r.URL.Path]; h != nil && override == nil {
		override = h
	}
	if r.URL.Path == FeedPath && (r.Header.Get("If-None-Match") != "" || r.Header.Get("If-Modified-Since") != "") {
		s.conditional++
	}
	s.mu.Unlock()
	if before != nil {
		before(r)
	}
	if override != nil {
		override(w, r)
		return
	}
	if r.URL.Path == FeedPath {
		sum := sha256.Sum256(feed)
		etag := `"` + hex.EncodeToString(sum[:8]) + `"`
		w.Header().Set("ETag", etag)
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("Content-Type", ct)
		w.Write(feed)
		return
	}
	if strings.Contains(r.URL.Path, "..") {
		http.NotFound(w, r)
		return
	}
	page, err := os.ReadFile(pageFile(r.URL.Path))
	if err != nil {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Write(page)
}
