package ingest

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"

	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/text"
)

// canonicalURL finds a page's own address in its head: a canonical link or
// an Open Graph URL, with the attributes in either order.
var canonicalURL = regexp.MustCompile(`(?i)<(?:link[^>]*\brel=["']canonical["'][^>]*\bhref=["']([^"']+)["']|link[^>]*\bhref=["']([^"']+)["'][^>]*\brel=["']canonical["']|meta[^>]*\bproperty=["']og:url["'][^>]*\bcontent=["']([^"']+)["'])`)

// readHTML extracts a page's main text with readability, keeping its
// title, site name, publication time and address.
func readHTML(name, s string, opts Options) ([]model.Article, error) {
	page, err := readability.FromReader(strings.NewReader(s), nil)
	if err != nil {
		return nil, fmt.Errorf("html: %w", err)
	}
	if page.Node == nil {
		return nil, errors.New("html: no main text found")
	}
	var b strings.Builder
	if err := page.RenderText(&b); err != nil {
		return nil, fmt.Errorf("html: %w", err)
	}
	a := model.Article{
		Source: name,
		Title:  withoutSiteName(cleanTitle(page.Title()), page.SiteName()),
		Text:   repairText(b.String()),
		Raw:    s,
		Outlet: strings.TrimSpace(page.SiteName()),
	}
	if a.Text == "" {
		return nil, errors.New("html: no main text found")
	}
	if t, err := page.PublishedTime(); err == nil && t.Year() >= 1800 && t.Year() <= 2200 {
		a.Published, a.PublishedPrecision = t, model.PrecisionMinute
	}
	if m := canonicalURL.FindStringSubmatch(s[:min(len(s), 64<<10)]); m != nil {
		a.URL = html.UnescapeString(m[1] + m[2] + m[3])
	}
	dropLeadingDateline(&a)
	a.Lang = text.DetectLanguage(a.Title + "\n" + a.Text)
	inferDate(&a, opts)
	return []model.Article{a}, nil
}

// blockTags end a line when an HTML fragment is flattened to text.
var blockTags = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "h1": true, "h2": true, "h3": true,
	"h4": true, "h5": true, "h6": true, "blockquote": true, "tr": true, "section": true,
	"article": true, "figcaption": true, "pre": true, "ul": true, "ol": true, "table": true,
}

// skippedTags hold no readable text.
var skippedTags = map[string]bool{"script": true, "style": true, "noscript": true, "template": true, "iframe": true}

// htmlToText flattens an HTML fragment (a feed item's content) to text,
// one block element a paragraph. Text without markup passes unchanged.
func htmlToText(fragment string) string {
	if !strings.ContainsRune(fragment, '<') {
		return html.UnescapeString(fragment)
	}
	z := html.NewTokenizer(strings.NewReader(fragment))
	var b strings.Builder
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			tag, _ := z.TagName()
			if skippedTags[string(tag)] {
				skip++
			} else if blockTags[string(tag)] {
				b.WriteString("\n\n")
			}
		case html.EndTagToken:
			tag, _ := z.TagName()
			if skippedTags[string(tag)] {
				skip = max(skip-1, 0)
			} else if blockTags[string(tag)] {
				b.WriteString("\n\n")
			}
		}
	}
}

// titleSeparators part a page title from the site name appended to it.
var titleSeparators = []string{" | ", " - ", " – ", " — ", " :: ", " · "}

// withoutSiteName drops a trailing (or leading) site name from a page title.
func withoutSiteName(title, site string) string {
	site = strings.TrimSpace(site)
	if site == "" {
		return title
	}
	for _, sep := range titleSeparators {
		if rest, ok := strings.CutSuffix(title, sep+site); ok && rest != "" {
			return strings.TrimSpace(rest)
		}
		if rest, ok := strings.CutPrefix(title, site+sep); ok && rest != "" {
			return strings.TrimSpace(rest)
		}
	}
	return title
}
