package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/storyline/storyline/internal/fetch"
)

// fetchedAt is when the fixture feeds are taken to have been fetched.
var fetchedAt = time.Date(2026, 1, 7, 12, 0, 0, 0, time.UTC)

func parseFixtureFeed(t testing.TB, name string) *Feed {
	t.Helper()
	data := readFixture(t, filepath.Join("testdata", "feeds", name))
	feed, err := ParseFeed(name, data, fetchedAt, Options{})
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return feed
}

func TestParseFeedFixtures(t *testing.T) {
	tests := []struct {
		file, title, site, lang string
		items, truncated        int
	}{
		{"wordpress.rss", "Harbour Gazette", "https://harbourgazette.example", "en", 22, 7},
		{"ultimas.atom", "Diario del Valle - Últimas noticias", "https://www.diariodelvalle.example/", "es", 18, 9},
		{"wire.json", "Mountain Wire", "https://mountainwire.example/", "en", 14, 3},
	}
	total := 0
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			feed := parseFixtureFeed(t, tt.file)
			if feed.Title != tt.title || feed.SiteURL != tt.site {
				t.Errorf("feed title %q site %q", feed.Title, feed.SiteURL)
			}
			if len(feed.Items) != tt.items {
				t.Fatalf("%d items, want %d", len(feed.Items), tt.items)
			}
			total += len(feed.Items)
			truncated := 0
			for i, it := range feed.Items {
				if it.Title == "" || it.URL == "" || it.Text == "" || it.ExternalID == "" {
					t.Errorf("item %d incomplete: title %q url %q id %q text %d bytes", i, it.Title, it.URL, it.ExternalID, len(it.Text))
				}
				if it.Published.IsZero() || it.Undated || it.FutureDated || it.Published.After(fetchedAt) {
					t.Errorf("item %d %q: published %v undated %v future %v", i, it.Title, it.Published, it.Undated, it.FutureDated)
				}
				if it.Lang != tt.lang || it.Outlet != tt.title {
					t.Errorf("item %d: lang %q outlet %q", i, it.Lang, it.Outlet)
				}
				if strings.Contains(it.Text, "appeared first on") {
					t.Errorf("item %d keeps its syndication footer: %q", i, it.Text)
				}
				if it.Truncated {
					truncated++
				} else if len(strings.Fields(it.Text)) < teaserWords {
					t.Errorf("item %d: full text of %d words", i, len(strings.Fields(it.Text)))
				}
			}
			if truncated != tt.truncated {
				t.Errorf("%d truncated items, want %d", truncated, tt.truncated)
			}
		})
	}
	if total < 50 {
		t.Errorf("only %d items across the fixtures", total)
	}
}

// TestMovedItemsKeepTheirIdentity re-serves the WordPress items under new
// links (www host, http, feed-proxy tracking parameters) and new GUIDs: the
// canonical URL still names each item once.
func TestMovedItemsKeepTheirIdentity(t *testing.T) {
	before := parseFixtureFeed(t, "wordpress.rss")
	after := parseFixtureFeed(t, "wordpress_moved.rss")
	if len(before.Items) != len(after.Items) {
		t.Fatalf("%d items before, %d after", len(before.Items), len(after.Items))
	}
	known := map[string]string{}
	for _, it := range before.Items {
		known[fetch.Canonical(it.URL)] = it.ExternalID
	}
	if len(known) != len(before.Items) {
		t.Fatalf("%d identities for %d items", len(known), len(before.Items))
	}
	for i, it := range after.Items {
		guid, ok := known[fetch.Canonical(it.URL)]
		if !ok {
			t.Errorf("item %d %q: %s is not a known article", i, it.Title, it.URL)
		}
		if guid == it.ExternalID || it.URL == before.Items[i].URL {
			t.Errorf("item %d: fixture did not move it (guid %q, url %q)", i, guid, it.URL)
		}
	}
}

func TestParseFeedBroken(t *testing.T) {
	feed := parseFixtureFeed(t, "broken.rss")
	if feed.Title != "Valley Post & Courier" {
		t.Errorf("feed title %q", feed.Title)
	}
	plusOne := time.FixedZone("", 3600)
	tests := []struct {
		title             string
		published         time.Time
		future, undated   bool
		truncated         bool
		textHas, urlQuery string
	}{
		{"Café owners & growers protest export tax", time.Date(2026, 1, 6, 10, 0, 0, 0, plusOne), false, false, false, "Growers & café owners blocked", "id=1&src=rss"},
		{"Minister says “no decision” yet on reservoir", time.Date(2026, 1, 6, 9, 15, 0, 0, plusOne), false, false, false, "there was “no decision” yet. The café", ""},
		{"Schedule for next week's hearings published", fetchedAt, true, false, false, "The schedule for the hearings", ""},
		{"Road to the dam reopens", time.Date(2026, 1, 6, 18, 0, 0, 0, time.UTC), false, true, true, "after repairs", ""},
		{"Niños return to school in flooded district", time.Date(2026, 1, 7, 7, 30, 0, 0, plusOne), false, false, false, "Children returned", ""},
	}
	if len(feed.Items) != len(tests) {
		t.Fatalf("%d items, want %d", len(feed.Items), len(tests))
	}
	for i, tt := range tests {
		it := feed.Items[i]
		if it.Title != tt.title {
			t.Errorf("item %d title %q, want %q", i, it.Title, tt.title)
		}
		wantPublished := tt.published
		if tt.undated {
			wantPublished = fetchedAt // the feed declares no date of its own
		}
		if !it.Published.Equal(wantPublished) || it.FutureDated != tt.future || it.Undated != tt.undated {
			t.Errorf("item %d: published %v future %v undated %v; want %v %v %v", i, it.Published, it.FutureDated, it.Undated, wantPublished, tt.future, tt.undated)
		}
		if it.Truncated != tt.truncated {
			t.Errorf("item %d truncated %v", i, it.Truncated)
		}
		if !strings.Contains(it.Text, tt.textHas) || strings.ContainsAny(it.Text, "\x01\x0b") {
			t.Errorf("item %d text %q, want it to hold %q", i, it.Text, tt.textHas)
		}
		if !strings.HasSuffix(it.URL, tt.urlQuery) {
			t.Errorf("item %d url %q", i, it.URL)
		}
	}
}

func TestParseFeedZeroFetchKeepsDates(t *testing.T) {
	data := readFixture(t, filepath.Join("testdata", "feeds", "broken.rss"))
	feed, err := ParseFeed("broken.rss", data, time.Time{}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if it := feed.Items[2]; it.FutureDated || it.Published.Year() != 2099 {
		t.Errorf("future item changed without a fetch time: %v", it.Published)
	}
	if it := feed.Items[3]; it.Undated || !it.Published.IsZero() {
		t.Errorf("undated item got a date without a fetch time: %v", it.Published)
	}
}

func TestParseFeedDate(t *testing.T) {
	tests := []struct {
		in   string
		want string // RFC 3339, "" when unreadable
	}{
		{"mar, 06 ene 2026 10:00:00 +0100", "2026-01-06T10:00:00+01:00"},
		{"Tue, 6 Jan 2026 09:15:00 GMT+1", "2026-01-06T09:15:00+01:00"},
		{"miércoles, 07-ene-26 07:30 CET", "2026-01-07T07:30:00+01:00"},
		{"martes 6 de enero de 2026 10:00 -05:00", "2026-01-06T10:00:00-05:00"},
		{"sáb, 03 dic 2025 23:59:59 UTC-03:00", "2025-12-03T23:59:59-03:00"},
		{"6 Jan 2026 10:00 EST", "2026-01-06T10:00:00-05:00"},
		{"6 Jan 2026 10:00 XYZ", "2026-01-06T10:00:00Z"},
		{"31 feb 2026 10:00 +0000", ""},
		{"06 foo 2026 10:00 +0000", ""},
		{"yesterday", ""},
	}
	for _, tt := range tests {
		got, _, ok := parseFeedDate(tt.in)
		gotS := ""
		if ok {
			gotS = got.Format(time.RFC3339)
		}
		if gotS != tt.want {
			t.Errorf("parseFeedDate(%q) = %q, want %q", tt.in, gotS, tt.want)
		}
	}
}

func TestLooksTruncated(t *testing.T) {
	long := strings.Repeat("The council met again on Monday to discuss the plan. ", 25)
	tests := []struct {
		text, link string
		want       bool
	}{
		{long, "https://a.example/1", false},
		{long + "Continue reading →", "https://a.example/1", true},
		{long + "Continue reading Council meets again", "https://a.example/1", true},
		{long + "and then the mayor […]", "https://a.example/1", true},
		{long + "and then the mayor [...]", "", true},
		{long + "Seguir leyendo", "https://a.example/1", true},
		{long + "Leer más »", "https://a.example/1", true},
		{"Short brief from the wire service.", "https://a.example/1", true},
		{"Short brief from the wire service.", "", false},
		{"", "https://a.example/1", true},
		{long + "He said he would read more.", "https://a.example/1", false},
	}
	for i, tt := range tests {
		if got := looksTruncated(tt.text, tt.link); got != tt.want {
			t.Errorf("case %d (%q…): got %v", i, tt.text[max(0, len(tt.text)-30):], got)
		}
	}
}

func TestReadKeepsFeedItemsAsArticles(t *testing.T) {
	data := readFixture(t, filepath.Join("testdata", "feeds", "ultimas.atom"))
	arts, err := Read("ultimas.atom", data, Options{})
	if err != nil || len(arts) != 18 {
		t.Fatalf("%d articles, err %v", len(arts), err)
	}
	if arts[0].Source != "ultimas.atom#1" || arts[0].Lang != "es" {
		t.Errorf("first article %+v", arts[0])
	}
}

func FuzzParseFeed(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "feeds", "*"))
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`<rss><channel><item><title>T &amp &nbsp;</title><pubDate>lun, 05 ene 2026 25:00 +9999</pubDate></item></channel></rss>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		feed, err := ParseFeed("fuzz", data, fetchedAt, Options{})
		if err != nil {
			return
		}
		if len(feed.Items) == 0 {
			t.Fatal("no items and no error")
		}
		for _, it := range feed.Items {
			if it.Title == "" && it.Text == "" {
				t.Fatal("item with neither title nor text")
			}
			if !utf8.ValidString(it.Title) || !utf8.ValidString(it.Text) {
				t.Fatalf("invalid UTF-8 in %q", it.Title)
			}
			if it.Published.IsZero() || it.Published.After(fetchedAt) {
				t.Fatalf("published %v with fetch time %v", it.Published, fetchedAt)
			}
		}
	})
}

func BenchmarkParseFeed(b *testing.B) {
	data := readFixture(b, filepath.Join("testdata", "feeds", "wordpress.rss"))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := ParseFeed("wordpress.rss", data, fetchedAt, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestParseFeedLeniency covers breakage seen in the wild, one format each:
// HTML entities and bare ampersands in Atom and RDF, a control character
// inside a JSON string, unclosed HTML inside RSS.
func TestParseFeedLeniency(t *testing.T) {
	tests := []struct {
		name, doc            string
		title, url, textWant string
		published            string
	}{
		{"atom entities", `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>D & V&nbsp;</title><entry><title>Caf&eacute; & más</title><link href="https://a.example/1?a=1&b=2"/><id>x</id><published>lun, 05 ene 2026 10:00:00 -0300</published><content type="html">Texto &amp; m&aacute;s & otros</content></entry></feed>`,
			"Café & más", "https://a.example/1?a=1&b=2", "Texto & más & otros", "2026-01-05T10:00:00-03:00"},
		{"rdf entities", `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="x"><title>R</title></channel><item rdf:about="https://a.example/2"><title>Tom & Jerry&hellip;</title><link>https://a.example/2</link><dc:date>2026-01-05T10:00:00Z</dc:date><description>Body &mdash; text</description></item></rdf:RDF>`,
			"Tom & Jerry…", "https://a.example/2", "Body — text", "2026-01-05T10:00:00Z"},
		{"json control", "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"J\",\"items\":[{\"id\":\"1\",\"url\":\"https://a.example/3\",\"title\":\"Port\x01 reopens\",\"content_text\":\"Body\",\"date_published\":\"2026-01-05T10:00:00Z\"}]}",
			"Port reopens", "https://a.example/3", "Body", "2026-01-05T10:00:00Z"},
		{"rss unclosed html", `<rss version="2.0"><channel><title>X</title><item><title>A <b>bold</b> & broken<br> title</title><link>https://a.example/4</link><pubDate>Mon, 05 Jan 2026 10:00:00 EST</pubDate><description><p>Unclosed <b>tags & stuff</description></item></channel></rss>`,
			"A bold & broken title", "https://a.example/4", "Unclosed tags & stuff", "2026-01-05T10:00:00-05:00"},
		{"latin-1 declared", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><rss version=\"2.0\"><channel><title>Diario</title><item><title>Se reanud\xf3 el servicio</title><link>https://a.example/5</link><pubDate>lun, 05 ene 2026 10:00:00 -0500</pubDate><description>El puerto volvi\xf3 a operar.</description></item></channel></rss>",
			"Se reanudó el servicio", "https://a.example/5", "El puerto volvió a operar.", "2026-01-05T10:00:00-05:00"},
		{"windows-1252 declared utf-8", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>Diario</title><item><title>\x93Ni un paso atr\xe1s\x94</title><link>https://a.example/6</link><pubDate>2026-01-05T10:00:00Z</pubDate><description>Dijo el ministro \x96 otra vez.</description></item></channel></rss>",
			"“Ni un paso atrás”", "https://a.example/6", "Dijo el ministro – otra vez.", "2026-01-05T10:00:00Z"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			feed, err := ParseFeed(tt.name, []byte(tt.doc), fetchedAt, Options{})
			if err != nil {
				t.Fatal(err)
			}
			it := feed.Items[0]
			if it.Title != tt.title || it.URL != tt.url || it.Text != tt.textWant || it.Published.Format(time.RFC3339) != tt.published {
				t.Errorf("got %q %q %q %s", it.Title, it.URL, it.Text, it.Published.Format(time.RFC3339))
			}
		})
	}
}
