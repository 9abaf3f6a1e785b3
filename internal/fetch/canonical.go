package fetch

import (
	_ "embed"
	"net/url"
	"sort"
	"strings"

	"github.com/storyline/storyline/internal/text"
)

//go:embed data/tracking.txt
var trackingData []byte

// trackingParams holds the exact names; trackingPrefixes the "utm_*" kind.
var trackingParams, trackingPrefixes = loadTracking(trackingData)

func loadTracking(data []byte) (map[string]bool, []string) {
	exact := map[string]bool{}
	var prefixes []string
	for _, line := range text.ReadLines(data) {
		name := strings.ToLower(line)
		if p, ok := strings.CutSuffix(name, "*"); ok {
			prefixes = append(prefixes, p)
			continue
		}
		exact[name] = true
	}
	return exact, prefixes
}

func isTrackingParam(name string) bool {
	name = strings.ToLower(name)
	if trackingParams[name] {
		return true
	}
	for _, p := range trackingPrefixes {
		if strings.HasPrefix(name, p) {
			return true
		}
	}
	return false
}

// hostVariantPrefixes are host labels that serve the same article in another
// form (desktop, mobile, AMP).
var hostVariantPrefixes = []string{"www.", "m.", "amp.", "mobile."}

// Canonical returns the identity of an article URL, so that variants of one
// address (http or https, "www." or mobile or AMP host, an /amp path,
// tracking parameters, parameter order, a fragment, a trailing slash) map to
// one string. Text that is not an absolute http(s) URL is returned trimmed.
func Canonical(rawURL string) string {
	raw := strings.TrimSpace(rawURL)
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return raw
	}
	scheme := strings.ToLower(u.Scheme)
	if scheme != "http" && scheme != "https" {
		return raw
	}
	host := strings.ToLower(u.Hostname())
	port := u.Port()
	if port == "80" || port == "443" {
		port = ""
	}
	for trimmed := true; trimmed; {
		trimmed = false
		for _, p := range hostVariantPrefixes {
			if rest, ok := strings.CutPrefix(host, p); ok && strings.Contains(rest, ".") {
				host, trimmed = rest, true
			}
		}
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]" // an IPv6 literal
	}
	if port != "" {
		host += ":" + port
	}
	path := canonicalPath(u.EscapedPath())
	out := "https://" + host + path
	if q := canonicalQuery(u.RawQuery); q != "" {
		out += "?" + q
	}
	// A query may end in spaces the caller's trimming would drop later.
	return strings.TrimSpace(out)
}

// canonicalPath drops AMP suffixes and trailing slashes, which serve the
// same article.
func canonicalPath(p string) string {
	for {
		before := p
		p = strings.TrimRight(p, "/")
		p = strings.TrimSuffix(p, "/amp")
		p = strings.TrimSuffix(p, ".amp")
		if p == before {
			return p
		}
	}
}

// canonicalQuery keeps the parameters that select content, sorted, in their
// original encoding.
func canonicalQuery(raw string) string {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return ""
	}
	var kept []string
	for _, pair := range strings.Split(raw, "&") {
		if pair = strings.TrimSpace(pair); pair == "" {
			continue
		}
		name, _, _ := strings.Cut(pair, "=")
		if decoded, err := url.QueryUnescape(name); err == nil {
			name = decoded
		}
		if isTrackingParam(name) {
			continue
		}
		kept = append(kept, pair)
	}
	sort.Strings(kept)
	return strings.Join(kept, "&")
}
