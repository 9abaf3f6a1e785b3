package fetch

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCanonical(t *testing.T) {
	tests := []struct{ in, want string }{
		{"http://www.Example.com/news/story-1/?utm_source=rss&utm_medium=feed#comments", "https://example.com/news/story-1"},
		{"https://m.example.com/news/story-1", "https://example.com/news/story-1"},
		{"https://amp.example.com/news/story-1/amp/", "https://example.com/news/story-1"},
		{"https://example.com/news/story-1.amp", "https://example.com/news/story-1"},
		{"https://example.com:443/a?b=2&a=1&fbclid=XYZ&gclid=1&mc_cid=2&mc_eid=3&ref=home&cmpid=rss", "https://example.com/a?a=1&b=2"},
		{"https://example.com/search?q=caf%C3%A9&UTM_Campaign=x", "https://example.com/search?q=caf%C3%A9"},
		{"http://example.com:8080/x/", "https://example.com:8080/x"},
		{"https://example.com/", "https://example.com"},
		{"https://www.m.example.com/a", "https://example.com/a"},
		{"https://m.com/a", "https://m.com/a"},
		{"https://[2001:db8::1]:8443/a/", "https://[2001:db8::1]:8443/a"},
		{"  mailto:someone@example.com ", "mailto:someone@example.com"},
		{"not a url", "not a url"},
		{"/relative/path", "/relative/path"},
	}
	for _, tt := range tests {
		if got := Canonical(tt.in); got != tt.want {
			t.Errorf("Canonical(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestCanonicalFixtureVariants reads groups of URLs that name one article
// and must all have the same identity.
func TestCanonicalFixtureVariants(t *testing.T) {
	groups := readVariantGroups(t)
	if len(groups) < 5 {
		t.Fatalf("only %d groups in fixture", len(groups))
	}
	seen := map[string]int{}
	for i, g := range groups {
		want := Canonical(g[0])
		for _, u := range g[1:] {
			if got := Canonical(u); got != want {
				t.Errorf("group %d: %q -> %q, want %q", i, u, got, want)
			}
		}
		if j, dup := seen[want]; dup {
			t.Errorf("groups %d and %d share identity %q", j, i, want)
		}
		seen[want] = i
	}
}

// readVariantGroups reads testdata/url_variants.txt: blank-line separated
// groups of URLs.
func readVariantGroups(t testing.TB) [][]string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "url_variants.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var groups [][]string
	var cur []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			if len(cur) > 0 {
				groups = append(groups, cur)
			}
			cur = nil
			continue
		}
		if !strings.HasPrefix(line, "#") {
			cur = append(cur, line)
		}
	}
	if len(cur) > 0 {
		groups = append(groups, cur)
	}
	return groups
}

func FuzzCanonical(f *testing.F) {
	for _, g := range readVariantGroups(f) {
		for _, u := range g {
			f.Add(u)
		}
	}
	f.Fuzz(func(t *testing.T, raw string) {
		once := Canonical(raw)
		// Input that is not a parseable http(s) URL comes back trimmed;
		// anything rewritten must be stable and fragment-free.
		if once != strings.TrimSpace(raw) {
			if twice := Canonical(once); twice != once {
				t.Fatalf("not idempotent: %q -> %q -> %q", raw, once, twice)
			}
			if strings.Contains(once, "#") {
				t.Fatalf("fragment kept: %q", once)
			}
		}
	})
}

func BenchmarkCanonical(b *testing.B) {
	groups := readVariantGroups(b)
	var urls []string
	for _, g := range groups {
		urls = append(urls, g...)
	}
	for b.Loop() {
		for _, u := range urls {
			Canonical(u)
		}
	}
}
