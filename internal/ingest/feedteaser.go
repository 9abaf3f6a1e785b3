package ingest

import (
	"regexp"
	"strings"

	"github.com/storyline/storyline/internal/text"
)

// teaserWords is the length under which an item's text, when the item
// links to a page, is taken for a teaser: news articles run to several
// hundred words, feed summaries to a paragraph.
const teaserWords = 100

// teaserEnding matches the closing marks of a teaser ("…", "[…]", "Read
// more", "Seguir leyendo"): the data file's patterns joined into one, so
// the text is scanned once.
var teaserEnding = joinPatterns(text.ReadLines(mustData("feed_teasers.txt")))

func joinPatterns(lines []string) *regexp.Regexp {
	groups := make([]string, len(lines))
	for i, l := range lines {
		regexp.MustCompile(l) // name a bad line on its own
		groups[i] = "(?:" + l + ")"
	}
	return regexp.MustCompile(strings.Join(groups, "|"))
}

// teaserTail is how much of the text's end the endings are matched on, so
// the check costs the same for any length of text.
const teaserTail = 200

// looksTruncated reports text that is only a teaser of the page at link.
func looksTruncated(body, link string) bool {
	body = strings.TrimSpace(body)
	if body == "" {
		return link != ""
	}
	tail := body
	if len(tail) > teaserTail {
		start := len(tail) - teaserTail
		for start < len(tail) && tail[start]&0xC0 == 0x80 {
			start++ // keep to a rune boundary
		}
		tail = tail[start:]
	}
	if teaserEnding.MatchString(tail) {
		return true
	}
	return link != "" && wordCountBelow(body, teaserWords)
}

// wordCountBelow reports whether s has fewer than n words, stopping early.
func wordCountBelow(s string, n int) bool {
	words, inWord := 0, false
	for i := 0; i < len(s); i++ {
		space := s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r'
		if !space && !inWord {
			words++
			if words >= n {
				return false
			}
		}
		inWord = !space
	}
	return true
}
