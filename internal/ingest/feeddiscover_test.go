package ingest

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestFeedLinks(t *testing.T) {
	page := readFixture(t, filepath.Join("testdata", "feeds", "page_with_feeds.html"))
	got := FeedLinks(page, "https://harbourgazette.example/2026/01/06/ferry-service-resumes-after-storm/")
	want := []string{
		"https://harbourgazette.example/feed/",
		"https://harbourgazette.example/comments/feed/",
		"https://harbourgazette.example/2026/01/06/ferry-service-resumes-after-storm/feed/atom/",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("FeedLinks\n got %q\nwant %q", got, want)
	}
}

func TestIsFeed(t *testing.T) {
	tests := []struct {
		file string
		want bool
	}{
		{"wordpress.rss", true}, {"ultimas.atom", true}, {"wire.json", true}, {"broken.rss", true},
		{"page_with_feeds.html", false}, {"subscriptions.opml", false},
	}
	for _, tt := range tests {
		if got := IsFeed(readFixture(t, filepath.Join("testdata", "feeds", tt.file))); got != tt.want {
			t.Errorf("IsFeed(%s) = %v", tt.file, got)
		}
	}
}

func TestParseOPML(t *testing.T) {
	subs, err := ParseOPML(readFixture(t, filepath.Join("testdata", "feeds", "subscriptions.opml")))
	if err != nil {
		t.Fatal(err)
	}
	want := []Subscription{
		{"Diario del Valle - Últimas noticias", "https://www.diariodelvalle.example/rss/ultimas.xml", "https://www.diariodelvalle.example/", "Región"},
		{"Valley Post & Courier", "https://valleypost.example/feed/", "https://valleypost.example/", "Región"},
		{"Mountain Wire", "https://mountainwire.example/feed.json", "https://mountainwire.example/", "Wires/Americas"},
		{"Harbour Gazette", "https://harbourgazette.example/feed/", "https://harbourgazette.example", ""},
	}
	if !reflect.DeepEqual(subs, want) {
		t.Errorf("ParseOPML\n got %+v\nwant %+v", subs, want)
	}
	var buf bytes.Buffer
	if err := WriteOPML(&buf, "storyline feeds", subs, time.Date(2026, 1, 7, 12, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	again, err := ParseOPML(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	// One folder level survives the round trip: "Wires/Americas" is written
	// as a folder of that name.
	if !reflect.DeepEqual(again, want) {
		t.Errorf("round trip\n got %+v\nwant %+v\n%s", again, want, buf.String())
	}
	if !strings.Contains(buf.String(), `xmlUrl="https://mountainwire.example/feed.json"`) {
		t.Errorf("export lacks xmlUrl attributes:\n%s", buf.String())
	}
	if _, err := ParseOPML([]byte("<opml><body><outline text='folder'/></body></opml>")); err == nil {
		t.Error("an OPML without feeds parsed without error")
	}
}

func FuzzParseOPML(f *testing.F) {
	f.Add(readFixture(f, filepath.Join("testdata", "feeds", "subscriptions.opml")))
	f.Add([]byte(`<opml><body><outline xmlUrl="x"><outline text="&eacute;" xmlUrl="y">`))
	f.Fuzz(func(t *testing.T, data []byte) {
		subs, err := ParseOPML(data)
		if err == nil && len(subs) == 0 {
			t.Fatal("no subscriptions and no error")
		}
		for _, s := range subs {
			if s.FeedURL == "" {
				t.Fatalf("subscription without a feed URL: %+v", s)
			}
		}
	})
}

func FuzzFeedLinks(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "feeds", "*.html"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, "https://harbourgazette.example/a/b")
	}
	f.Fuzz(func(t *testing.T, page []byte, pageURL string) {
		for _, l := range FeedLinks(page, pageURL) {
			if !strings.HasPrefix(l, "http://") && !strings.HasPrefix(l, "https://") {
				t.Fatalf("non-http feed link %q", l)
			}
		}
	})
}
