package ingest

import (
	"bytes"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// feedMediaTypes are the link types that name a feed.
var feedMediaTypes = map[string]bool{
	"application/rss+xml":   true,
	"application/atom+xml":  true,
	"application/rdf+xml":   true,
	"application/feed+json": true,
	"application/json":      true,
	"text/xml":              true,
	"application/xml":       true,
}

// IsFeed reports whether data looks like an RSS, RDF, Atom or JSON Feed
// document rather than a web page.
func IsFeed(data []byte) bool {
	head := data[:min(len(data), 4096)]
	s, err := Decode(head)
	if err != nil {
		return false
	}
	if looksJSON(strings.TrimLeftFunc(s, isSpace)) {
		return strings.Contains(s, "jsonfeed.org/version")
	}
	return sniff("", s) == formatFeed
}

// FeedLinks returns the feeds a web page announces with <link
// rel="alternate" type="application/rss+xml" href="...">, resolved against
// pageURL (or the page's <base href>), in page order without repeats.
func FeedLinks(page []byte, pageURL string) []string {
	base, err := url.Parse(pageURL)
	if err != nil {
		base = &url.URL{}
	}
	var out []string
	seen := map[string]bool{}
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			switch atom.Lookup(name) {
			case atom.Body:
				return out // feeds are announced in the head
			case atom.Base:
				if href := attrs(z, hasAttr)["href"]; href != "" {
					if b, err := base.Parse(href); err == nil {
						base = b
					}
				}
			case atom.Link:
				a := attrs(z, hasAttr)
				if !hasToken(a["rel"], "alternate") || !feedMediaTypes[mediaType(a["type"])] || a["href"] == "" {
					continue
				}
				u, err := base.Parse(strings.TrimSpace(a["href"]))
				if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
					continue
				}
				if s := u.String(); !seen[s] {
					seen[s] = true
					out = append(out, s)
				}
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); atom.Lookup(name) == atom.Head {
				return out
			}
		}
	}
}

func attrs(z *html.Tokenizer, more bool) map[string]string {
	out := map[string]string{}
	for more {
		var k, v []byte
		k, v, more = z.TagAttr()
		out[strings.ToLower(string(k))] = string(v)
	}
	return out
}

func hasToken(list, want string) bool {
	for _, f := range strings.Fields(list) {
		if strings.EqualFold(f, want) {
			return true
		}
	}
	return false
}

func mediaType(v string) string {
	t, _, _ := strings.Cut(v, ";")
	return strings.ToLower(strings.TrimSpace(t))
}
