package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// numClasses counts the phrase classes: not a name, then the four types
// in tagNames order (PER, ORG, LOC, MISC).
const numClasses = 5

// classNames name the phrase classes in features.
var classNames = [numClasses]string{"O", "PER", "ORG", "LOC", "MISC"}

// labelLexicon is what labelled text says about names: how often the
// words of each name were that name, and how often something else. Its
// features tell the tagger "these words are usually an ORG elsewhere",
// across the whole name. Training counts it over the other folds of the
// data (jackknife), so that its features are as unreliable there as on
// unseen text.
type labelLexicon struct {
	phrases map[string]*[numClasses]uint32
	// prefixes holds every proper word prefix of a phrase key, so a scan
	// stops as soon as no longer phrase can match.
	prefixes map[string]bool
}

func newLabelLexicon() *labelLexicon {
	return &labelLexicon{phrases: map[string]*[numClasses]uint32{}, prefixes: map[string]bool{}}
}

// tagClass is the phrase class of BIO tag k.
func tagClass(k int) int { return (k + 1) / 2 }

// buildLabelLexicon counts the names of docs that start with a capital,
// and every occurrence of their words.
func buildLabelLexicon(docs []TaggedDoc) *labelLexicon {
	l := newLabelLexicon()
	type span struct{ end, class int }
	type sentenceSpans struct {
		words  []string
		chunks map[int]span
	}
	var sents []sentenceSpans
	for _, d := range docs {
		for _, s := range d {
			chunks := map[int]span{}
			for _, c := range Chunks(s.Tags) {
				chunks[c.Start] = span{c.End, tagClass(tagIndex("B-" + c.Type))}
				if startsUpper(s.Tokens[c.Start]) {
					l.addPhrase(s.Tokens[c.Start:c.End])
				}
			}
			sents = append(sents, sentenceSpans{s.Tokens, chunks})
		}
	}
	for _, s := range sents {
		word := func(j int) string { return s.words[j] }
		for i := range s.words {
			l.eachPhrase(len(s.words), word, i, func(end int, c *[numClasses]uint32) {
				class := 0
				if g, ok := s.chunks[i]; ok && g.end == end {
					class = g.class
				}
				c[class]++
			})
		}
	}
	return l
}

func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

func (l *labelLexicon) addPhrase(words []string) {
	key := strings.Join(words, " ")
	if l.phrases[key] == nil {
		l.phrases[key] = new([numClasses]uint32)
	}
	for i := 1; i < len(words); i++ {
		l.prefixes[strings.Join(words[:i], " ")] = true
	}
}

// eachPhrase calls f with the end and counts of every known phrase that
// starts at word i.
func (l *labelLexicon) eachPhrase(n int, word func(int) string, i int, f func(end int, c *[numClasses]uint32)) {
	key := word(i)
	for j := i + 1; ; j++ {
		if c := l.phrases[key]; c != nil {
			f(j, c)
		}
		if j >= n || !l.prefixes[key] {
			return
		}
		key += " " + word(j)
	}
}

// Feature values of shares and counts, bucketed so that features carry
// over between words of similar evidence.
func shareBucket(x, total uint32) string {
	switch {
	case x == total:
		return "all"
	case 2*x > total:
		return "most"
	case 5*x > total:
		return "some"
	}
	return "few"
}

func countBucket(n uint32) string {
	switch {
	case n == 1:
		return "1"
	case n == 2:
		return "2"
	case n <= 5:
		return "3-5"
	case n <= 20:
		return "6-20"
	}
	return "20+"
}

// phraseMatch is the longest known phrase covering a token: the token's
// place in it and the phrase's counts.
type phraseMatch struct {
	place  string // "B" first word, "I" a later one, "S" a phrase of one word
	counts *[numClasses]uint32
}

// phraseMatches finds, left to right, the longest known phrase starting at
// each capitalized word not inside an earlier one.
func (l *labelLexicon) phraseMatches(views []tokenView, out []phraseMatch) []phraseMatch {
	word := func(j int) string { return views[j].word }
	out = grow(out, len(views))
	clear(out)
	for i := 0; i < len(views); {
		if !views[i].capital {
			i++
			continue
		}
		end := 0
		var counts *[numClasses]uint32
		l.eachPhrase(len(views), word, i, func(e int, c *[numClasses]uint32) { end, counts = e, c })
		if end == 0 {
			i++
			continue
		}
		if end == i+1 {
			out[i] = phraseMatch{"S", counts}
		} else {
			out[i] = phraseMatch{"B", counts}
			for k := i + 1; k < end; k++ {
				out[k] = phraseMatch{"I", counts}
			}
		}
		i = end
	}
	return out
}

// phraseFeatures appends the features of a token's phrase match.
func phraseFeatures(f []uint64, m phraseMatch) []uint64 {
	if m.counts == nil {
		return f
	}
	total, top := uint32(0), 0
	for k, x := range m.counts {
		total += x
		if x > m.counts[top] {
			top = k
		}
	}
	for k, x := range m.counts {
		if x > 0 {
			f = append(f, feature(fLabelPhrase, m.place, classNames[k], shareBucket(x, total)))
		}
	}
	return append(f, feature(fLabelPhraseTop, m.place, classNames[top], countBucket(total)))
}
