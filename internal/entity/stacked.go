package entity

import "strings"

// A stacked second pass (after Krishnan and Manning 2006): a second tagger
// sees, beside the usual features, what the first pass decided across the
// whole document, later sentences included: the type the document mostly
// gives a word and a phrase, and the longer name a word belongs to
// elsewhere. It mends the names the first pass typed one way here and
// another way there. It learns from first-pass tags of training documents
// the first pass never saw (jackknife), so that they are as wrong there as
// on new text.

// firstPass is what the first pass decided about one document.
type firstPass struct {
	tags [][]int // per sentence, BIO tag indexes
	// words counts the classes given to each capitalized word (folded).
	words map[string]*[numClasses]uint16
	// phrases counts the types given to each name's words, for names
	// found at least once.
	phrases map[string]*[numClasses]uint16
	// within is, per capitalized word, the longest name of two words or
	// more it is part of, and that name's type.
	within map[string]nameOf
}

// nameOf is a name's length in words and its class.
type nameOf struct{ length, class int }

func newFirstPass(doc [][]string, tags [][]int) *firstPass {
	p := &firstPass{tags: tags, words: map[string]*[numClasses]uint16{}, phrases: map[string]*[numClasses]uint16{}, within: map[string]nameOf{}}
	count := func(m map[string]*[numClasses]uint16, key string, class int) {
		c := m[key]
		if c == nil {
			c = new([numClasses]uint16)
			m[key] = c
		}
		c[class]++
	}
	for si, words := range doc {
		st := tags[si]
		for i, w := range words {
			if startsUpper(w) {
				count(p.words, strings.ToLower(w), tagClass(st[i]))
			}
		}
		for _, c := range chunkIndexes(st) {
			class := tagClass(st[c.Start])
			count(p.phrases, joinWords(words[c.Start:c.End]), class)
			if c.End-c.Start < 2 {
				continue
			}
			for _, w := range words[c.Start:c.End] {
				if k := strings.ToLower(w); startsUpper(w) && p.within[k].length < c.End-c.Start {
					p.within[k] = nameOf{c.End - c.Start, class}
				}
			}
		}
	}
	return p
}

// chunkIndexes are the names of a BIO tag index sequence.
func chunkIndexes(tags []int) []Chunk {
	var out []Chunk
	for i := 0; i < len(tags); {
		if tags[i] == 0 {
			i++
			continue
		}
		j := i + 1
		for j < len(tags) && tags[j] != 0 && tagNames[tags[j]][0] == 'I' && tagType(tags[j]) == tagType(tags[i]) {
			j++
		}
		out = append(out, Chunk{i, j, tagType(tags[i])})
		i = j
	}
	return out
}

// addFeatures appends the first-pass features of every token of sentence
// si to feats.
func (p *firstPass) addFeatures(feats [][]uint64, views []tokenView, si int) {
	tags := p.tags[si]
	tagAt := func(i int) string {
		if i < 0 || i >= len(tags) {
			return "-"
		}
		return tagNames[tags[i]]
	}
	chunks := chunkIndexes(tags)
	ci := 0
	for i, v := range views {
		f := append(feats[i], feature(fStackTag, tagAt(i)), feature(fStackTags, tagAt(i-1), tagAt(i), tagAt(i+1)))
		for ci < len(chunks) && chunks[ci].End <= i {
			ci++
		}
		inName := ci < len(chunks) && chunks[ci].Start <= i
		if inName {
			c := chunks[ci]
			if counts := p.phrases[joinViews(views[c.Start:c.End])]; counts != nil {
				place := "I"
				if i == c.Start {
					place = "B"
				}
				top, share := majority(counts)
				f = append(f, feature(fStackPhrase, place, classNames[top], share))
			}
		}
		if v.capital {
			if counts := p.words[v.folded]; counts != nil {
				top, share := majority(counts)
				f = append(f, feature(fStackWord, classNames[top], share, tagAt(i)))
			}
			if n, ok := p.within[v.folded]; ok {
				own := 0
				if inName {
					own = chunks[ci].End - chunks[ci].Start
				}
				if own < n.length {
					f = append(f, feature(fStackWithin, classNames[n.class], tagAt(i)))
				}
			}
		}
		feats[i] = f
	}
}

// majority is the most frequent class of counts and its share, bucketed.
func majority(counts *[numClasses]uint16) (int, string) {
	top, total := 0, uint32(0)
	for k, x := range counts {
		total += uint32(x)
		if x > counts[top] {
			top = k
		}
	}
	return top, shareBucket(uint32(counts[top]), total)
}

func joinWords(ws []string) string {
	n := 0
	for _, w := range ws {
		n += len(w) + 1
	}
	b := make([]byte, 0, n)
	for i, w := range ws {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, w...)
	}
	return string(b)
}

func joinViews(vs []tokenView) string {
	n := 0
	for _, v := range vs {
		n += len(v.word) + 1
	}
	b := make([]byte, 0, n)
	for i, v := range vs {
		if i > 0 {
			b = append(b, ' ')
		}
		b = append(b, v.word...)
	}
	return string(b)
}

// unsettled reports whether sentence si of the document has a capitalized
// word the first pass typed there unlike (or no more often than) its
// other occurrences in the document. On the Spanish development split
// these are a sixth of the sentences, and the second pass changes little
// elsewhere: it mends a name typed against the rest of the document, not
// one typed as there.
func (p *firstPass) unsettled(words []string, si int) bool {
	tags := p.tags[si]
	for i, w := range words {
		if !startsUpper(w) || lex.function.Has(normWord(w)) {
			continue
		}
		if counts := p.words[strings.ToLower(w)]; counts != nil {
			here := counts[tagClass(tags[i])]
			if elsewhere := sum(counts) - here; elsewhere > 0 && elsewhere >= here {
				return true
			}
		}
	}
	return false
}

func sum(counts *[numClasses]uint16) uint16 {
	n := uint16(0)
	for _, x := range counts {
		n += x
	}
	return n
}
