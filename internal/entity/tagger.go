package entity

import (
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// tagNames are the BIO labels of the sequence tagger; a model stores weights
// in this order.
var tagNames = []string{"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"}

const numTags = 9

func tagIndex(t string) int {
	for i, n := range tagNames {
		if n == t {
			return i
		}
	}
	return -1
}

// tagType is the entity type of tag i, "" for O.
func tagType(i int) string {
	if i == 0 {
		return ""
	}
	return tagNames[i][2:]
}

// Tagger labels tokens with BIO entity tags: left-to-right beam decoding
// with an averaged perceptron over hashed features.
type Tagger struct {
	index   rowTable // feature hash → row of weights
	weights []int16  // numTags per row, quantized
	// clusters are word classes learned from unlabelled text (clusterKey
	// → class), features that reach words training never saw.
	clusters map[string]uint16
	// labels is the lexicon of the labelled training text, nil if the
	// model has none.
	labels *labelLexicon
	// transitions holds, per previous two tags, the scores their features
	// give every tag: they do not depend on the words.
	transitions [numTags * numTags][numTags]float64
	words       *wordCache
	// nameRuns tells whether the model has the name-run features (see
	// nameRuns) and those of its neighbours' clusters with a word's shape.
	nameRuns bool
	// stacked, if not nil, tags the document again knowing what this
	// tagger decided (see firstPass); it shares the clusters and labels.
	stacked *Tagger
}

// finish precomputes what decoding reuses.
func (t *Tagger) finish() {
	t.words = newWordCache()
	for prev2 := range numTags {
		for prev := range numTags {
			var s [numTags]float64
			t.addScores(&s, []uint64{feature(fPrevTag, tagNames[prev]), feature(fPrevTags, tagNames[prev2], tagNames[prev])})
			t.transitions[prev2*numTags+prev] = s
		}
	}
}

// feature template ids: each feature hashes its id with its value, so equal
// strings under different templates stay apart.
const (
	fBias byte = iota + 1
	fWord
	fLower
	fShape
	fShortShape
	fPrefix // fPrefix+n for prefixes of n runes, n = 1..4
	_
	_
	_
	_
	fSuffix // likewise
	_
	_
	_
	_
	fPrev1
	fPrev2
	fNext1
	fNext2
	fShapePrev
	fShapeNext
	fBigramPrev
	fBigramNext
	fFirst
	fHeadline
	fGazetteer
	fFirstName
	fMidCapital
	fSeenLower
	fShortPrev
	fShortNext
	fCommon
	fHyphenTail
	fCluster
	fClusterPrev
	fClusterNext
	fClusterShape
	fPrevWordShape
	fShapeNextWord
	fPrevTag
	fPrevTags
	fPrevTagWord
	fPrevTagShape
	fDocMemory
	fPrevTagsWord
	fLabelPhrase
	fLabelPhraseTop
	fTopic
	fTopicPrev
	fTopicNext
	fTopicShape
	fNameRun
	fRunFirst
	fRunLast
	fClusterNearShape
	fStackTag
	fStackTags
	fStackPhrase
	fStackWord
	fStackWithin
)

const fnvOffset, fnvPrime = 14695981039346656037, 1099511628211

func hashString(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

func feature(id byte, parts ...string) uint64 {
	h := (fnvOffset ^ uint64(id)) * fnvPrime
	for _, p := range parts {
		h = hashString(h, p)
		h = (h ^ 0xff) * fnvPrime // separator
	}
	return h
}

// fold32 keeps the index small; a rare collision only adds a stray weight.
func fold32(h uint64) uint32 { return uint32(h ^ h>>32) }

// tokenView is what feature extraction needs of one token.
type tokenView struct {
	word, folded, lower, shape, short string
	norm                              string // normWord of the word
	cluster                           string // class of the word, "" if unknown
	capital, upper                    bool
}

// docContext holds document-wide evidence: words the document capitalizes
// where sentence position does not explain it, and words it writes in
// lower case.
type docContext struct {
	midCapital, lowerSeen map[string]bool
	// memory is the type last given to a capitalized word in the document.
	memory map[string]string
	// labels, if not nil, is the lexicon of labelled text to consult.
	labels *labelLexicon
	// topic is the topic the document's words suggest (data/topics_*.txt),
	// "" if none: in a sports report place names often stand for teams.
	topic string
	// firstPass, when a stacked second pass tags the document, is what
	// the first decided.
	firstPass *firstPass
	// nameRuns turns on the features the model's nameRuns stands for.
	nameRuns bool
	// beam is how decoding searches (see taggingBeams).
	beam beamSearch
}

func newDocContext(doc [][]string, lang string) *docContext {
	c := &docContext{midCapital: map[string]bool{}, lowerSeen: map[string]bool{}, memory: map[string]string{}, beam: beamSearch{width: TrainBeamWidth}}
	topicWords := map[string]int{}
	topics := lex.topics[lang]
	for _, s := range doc {
		for i, w := range s {
			r, _ := utf8.DecodeRuneInString(w)
			switch {
			case unicode.IsLower(r):
				c.lowerSeen[w] = true
				if t, ok := topics[w]; ok {
					topicWords[t]++
				}
			case unicode.IsUpper(r) && i > 0 && !isAllUpper(w):
				c.midCapital[strings.ToLower(w)] = true
			case isAllUpper(w):
				if t, ok := topics[strings.ToLower(w)]; ok {
					topicWords[t]++
				}
			}
		}
	}
	best := minTopicWords - 1
	for t, n := range topicWords {
		if n > best || n == best && t < c.topic {
			best, c.topic = n, t
		}
	}
	return c
}

// minTopicWords is how many words of a topic make a document of that topic.
const minTopicWords = 3

func viewOf(w string, clusters map[string]uint16) tokenView {
	r, _ := utf8.DecodeRuneInString(w)
	folded := strings.ToLower(w)
	v := tokenView{word: w, folded: folded, lower: digitsToZero(folded), norm: normWord(w), capital: unicode.IsUpper(r), upper: isAllUpper(w)}
	v.shape, v.short = shapes(w)
	if c, ok := clusters[v.lower]; ok {
		v.cluster = clusterName(c)
	}
	return v
}

// digitsToZero maps all ASCII digits to 0 so numbers share features.
func digitsToZero(s string) string {
	if strings.IndexAny(s, "123456789") < 0 {
		return s
	}
	b := []byte(s)
	for i, c := range b {
		if c >= '1' && c <= '9' {
			b[i] = '0'
		}
	}
	return string(b)
}

// shapes returns the word shape (Xxxxx → Xxxxx truncated) and its short form
// with runs collapsed (Xx).
func shapes(w string) (string, string) {
	var long, short []byte
	var last byte
	for _, r := range w {
		c := byte('-')
		switch {
		case unicode.IsUpper(r):
			c = 'X'
		case unicode.IsLetter(r):
			c = 'x'
		case unicode.IsDigit(r):
			c = 'd'
		case r < utf8.RuneSelf:
			c = byte(r)
		}
		if len(long) < 6 {
			long = append(long, c)
		}
		if c != last {
			short = append(short, c)
			last = c
		}
	}
	return string(long), string(short)
}

// wordFeatures appends the features of a token that depend on its word
// alone, whatever its sentence.
func wordFeatures(f []uint64, v tokenView) []uint64 {
	f = append(f, feature(fBias), feature(fWord, v.word), feature(fLower, v.lower),
		feature(fShape, v.shape), feature(fShortShape, v.short))
	n := 0
	for j := range v.lower {
		if j > 0 && n < 4 {
			n++
			f = append(f, feature(fPrefix+byte(n), v.lower[:j]))
		}
	}
	n = 0
	for j := len(v.lower) - 1; j > 0 && n < 4; j-- {
		if utf8.RuneStart(v.lower[j]) {
			n++
			f = append(f, feature(fSuffix+byte(n), v.lower[j:]))
		}
	}
	if v.cluster != "" {
		f = append(f, feature(fCluster, v.cluster), feature(fClusterShape, v.cluster, v.short))
	}
	if v.capital && lex.firstNames.Has(v.norm) {
		f = append(f, feature(fFirstName))
	}
	if h := strings.LastIndexByte(v.lower, '-'); h > 0 && h+1 < len(v.lower) {
		f = append(f, feature(fHyphenTail, v.lower[h+1:]))
	}
	return f
}

// contextFeatures computes, for every token of a sentence, the features
// that depend on its neighbours and its document but not on earlier
// decisions.
func contextFeatures(views []tokenView, doc *docContext, lang string, buf *featureBuffer) [][]uint64 {
	headline := true
	for _, v := range views {
		if v.capital && !v.upper && len(v.word) > 1 {
			headline = false
		}
	}
	gaz := gazetteerTags(views)
	var runs []nameRun
	if doc.nameRuns {
		runs = nameRuns(views, buf.runs)
		buf.runs = runs
	}
	var phrases []phraseMatch
	if doc.labels != nil {
		phrases = doc.labels.phraseMatches(views, buf.phrases)
		buf.phrases = phrases
	}
	common := lex.common[lang]
	at := func(i int) tokenView {
		switch {
		case i < 0:
			return tokenView{lower: "<s>", shape: "<s>", short: "<s>"}
		case i >= len(views):
			return tokenView{lower: "</s>", shape: "</s>", short: "</s>"}
		}
		return views[i]
	}
	out, backing := buf.take(len(views))
	for i, v := range views {
		f := backing[i*perToken : i*perToken : (i+1)*perToken]
		p1, p2, n1, n2 := at(i-1), at(i-2), at(i+1), at(i+2)
		f = append(f, feature(fPrev1, p1.lower), feature(fPrev2, p2.lower), feature(fNext1, n1.lower), feature(fNext2, n2.lower),
			feature(fShapePrev, p1.short, v.short), feature(fShapeNext, v.short, n1.short),
			feature(fBigramPrev, p1.lower, v.lower), feature(fBigramNext, v.lower, n1.lower),
			feature(fShortPrev, p1.short), feature(fShortNext, n1.short),
			feature(fPrevWordShape, p1.lower, v.short), feature(fShapeNextWord, v.short, n1.lower))
		if p1.cluster != "" {
			f = append(f, feature(fClusterPrev, p1.cluster))
		}
		if n1.cluster != "" {
			f = append(f, feature(fClusterNext, n1.cluster))
		}

		if runs != nil {
			f = nameRunFeatures(f, runs[i], views, v, [...]tokenView{p2, p1, n1, n2})
		}
		if i == 0 {
			f = append(f, feature(fFirst, v.short))
		}
		if headline {
			f = append(f, feature(fHeadline, v.short))
		}
		if gaz[i] != "" {
			f = append(f, feature(fGazetteer, gaz[i]))
		}
		if v.capital && doc.midCapital[v.folded] {
			f = append(f, feature(fMidCapital, boolString(i == 0)))
		}
		if v.capital && doc.lowerSeen[v.folded] {
			f = append(f, feature(fSeenLower, boolString(i == 0)))
		}
		if doc.topic != "" && v.capital {
			f = append(f, feature(fTopic, doc.topic, gaz[i]), feature(fTopicPrev, doc.topic, p1.lower),
				feature(fTopicNext, doc.topic, n1.lower), feature(fTopicShape, doc.topic, v.short))
		}
		if v.capital && common != nil && common.Has(v.norm) {
			f = append(f, feature(fCommon, boolString(i == 0)))
		}
		if doc.labels != nil {
			f = phraseFeatures(f, phrases[i])
		}
		out[i] = f
	}
	return out
}

// sentenceFeatures computes all the features of every token of a sentence
// that do not depend on earlier decisions: what training learns from.
func sentenceFeatures(words []string, doc *docContext, lang string, clusters map[string]uint16) ([][]uint64, []tokenView) {
	views := make([]tokenView, len(words))
	for i, w := range words {
		views[i] = viewOf(w, clusters)
	}
	out := contextFeatures(views, doc, lang, &featureBuffer{})
	for i, v := range views {
		out[i] = append(wordFeatures(nil, v), out[i]...)
	}
	return out, views
}

// clusterNames spell cluster ids without allocating per token.
var clusterNames = func() []string {
	out := make([]string, 1024)
	for i := range out {
		out[i] = strconv.Itoa(i)
	}
	return out
}()

func clusterName(c uint16) string {
	if int(c) < len(clusterNames) {
		return clusterNames[c]
	}
	return strconv.Itoa(int(c))
}

func boolString(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

// gazetteerTags marks tokens covered by a gazetteer name with B-/I- and its type.
func gazetteerTags(views []tokenView) []string {
	out := make([]string, len(views))
	for i := 0; i < len(views); {
		if !views[i].capital {
			i++
			continue
		}
		best, typ := 0, ""
		key := views[i].norm
		for j := i; ; {
			if e := lex.gazetteer.byKey[key]; e != nil && (!lex.gazetteer.upperOnly[key] || views[j].upper) {
				best, typ = j-i+1, e.Type
			}
			j++
			if !lex.gazetteer.prefixes[key] || j >= len(views) {
				break
			}
			key += " " + views[j].norm
		}
		if best == 0 {
			i++
			continue
		}
		out[i] = "B-" + typ
		for k := i + 1; k < i+best; k++ {
			out[k] = "I-" + typ
		}
		i += best
	}
	return out
}

// historyFeatures are the features of token i of s that depend on the
// tags already chosen.
func historyFeatures(buf []uint64, s sentence, i, prev, prev2 int, doc *docContext) []uint64 {
	word, short := s.words[i], s.views[i].short
	buf = append(buf[:0], feature(fPrevTag, tagNames[prev]), feature(fPrevTags, tagNames[prev2], tagNames[prev]),
		feature(fPrevTagWord, tagNames[prev], word), feature(fPrevTagShape, tagNames[prev], short),
		prevTagsWord(s, i, prev, prev2))
	if t, ok := doc.memory[word]; ok {
		buf = append(buf, feature(fDocMemory, t))
	}
	return buf
}

// prevTagsWord pairs the previous two tags with the previous word, so that
// a name's type tells the type of the next across "(" or "y": "PLAYER (
// TEAM )" against "CITY ( COUNTRY )".
func prevTagsWord(s sentence, i, prev, prev2 int) uint64 {
	w := "<s>"
	if i > 0 {
		w = s.views[i-1].lower
	}
	return feature(fPrevTagsWord, tagNames[prev2], tagNames[prev], w)
}

// remember records the types the document gave its capitalized words.
func (c *docContext) remember(words []string, tags []int) {
	for i, w := range words {
		if r, _ := utf8.DecodeRuneInString(w); unicode.IsUpper(r) {
			c.memory[w] = tagType(tags[i])
		}
	}
}

// addScores adds the features' weights to scores; the sum is taken in
// integers, which is exact, so it does not depend on the order.
func (t *Tagger) addScores(scores *[numTags]float64, feats []uint64) {
	var sums [numTags]int32
	t.addWeights(&sums, feats)
	for k, v := range sums {
		scores[k] += float64(v)
	}
}

// addWeights sums the features' weights in integers, cheaper for the many
// static features of a token.
func (t *Tagger) addWeights(sums *[numTags]int32, feats []uint64) {
	for _, f := range feats {
		row, ok := t.index.get(fold32(f))
		if !ok {
			continue
		}
		w := (*[numTags]int16)(t.weights[int(row)*numTags:])
		for k := range sums {
			sums[k] += int32(w[k])
		}
	}
}

// allowed reports whether tag k may follow tag prev in BIO.
func allowed(prev, k int) bool {
	return tagNames[k][0] != 'I' || (prev != 0 && tagNames[prev][2:] == tagNames[k][2:])
}

// sentence is a sentence with its static features.
type sentence struct {
	words []string
	feats [][]uint64
	views []tokenView
	// scores, if not nil, are the word-only features of each token,
	// summed; feats then holds only the others.
	scores []*wordScore
}

// prepare computes every feature of every sentence, as training needs.
func prepare(doc [][]string, ctx *docContext, lang string, clusters map[string]uint16) []sentence {
	out := make([]sentence, len(doc))
	for i, words := range doc {
		feats, views := sentenceFeatures(words, ctx, lang, clusters)
		if ctx.firstPass != nil {
			ctx.firstPass.addFeatures(feats, views, i)
		}
		out[i] = sentence{words: words, feats: feats, views: views}
	}
	return out
}

// prepareCached is prepare for tagging: word-only features come summed
// from the word cache, and every slice from buf.
func (t *Tagger) prepareCached(doc [][]string, ctx *docContext, lang string, buf *tagBuffer) []sentence {
	n := 0
	for _, words := range doc {
		n += len(words)
	}
	buf.features.reset(n)
	views, scores := grow(buf.views, n), grow(buf.scores, n)
	buf.views, buf.scores = views, scores
	out := grow(buf.sentences, len(doc))
	buf.sentences = out
	for i, words := range doc {
		sv, ss := views[:len(words):len(words)], scores[:len(words):len(words)]
		views, scores = views[len(words):], scores[len(words):]
		for j, w := range words {
			ss[j] = t.words.score(t, w)
			sv[j] = ss[j].view
		}
		out[i] = sentence{words: words, feats: contextFeatures(sv, ctx, lang, &buf.features), views: sv, scores: ss}
	}
	return out
}

// perToken is the room for context features each token gets in a
// featureBuffer; a token that outgrows it only costs an append.
const perToken = 48

// featureBuffer hands out the feature lists of a document's tokens from
// backing arrays reused from one document to the next.
type featureBuffer struct {
	lists   [][]uint64
	backing []uint64
	phrases []phraseMatch // of the sentence at hand
	runs    []nameRun
}

// reset makes room for n tokens.
func (b *featureBuffer) reset(n int) {
	b.lists, b.backing = grow(b.lists, n)[:0], grow(b.backing, n*perToken)[:0]
}

// take returns the lists and backing of the next n tokens.
func (b *featureBuffer) take(n int) ([][]uint64, []uint64) {
	if len(b.lists)+n > cap(b.lists) || len(b.backing)+n*perToken > cap(b.backing) {
		// Not reset for this many: a fresh buffer of its own.
		return make([][]uint64, n), make([]uint64, n*perToken)
	}
	l, k := len(b.lists), len(b.backing)
	b.lists, b.backing = b.lists[:l+n], b.backing[:k+n*perToken]
	return b.lists[l : l+n : l+n], b.backing[k : k+n*perToken : k+n*perToken]
}

// tagBuffer is the scratch space of tagging one document.
type tagBuffer struct {
	features featureBuffer
	views    []tokenView
	scores   []*wordScore
	// stackedScores are the word scores of a sentence under a stacked
	// pass.
	stackedScores []*wordScore
	sentences     []sentence
	steps         [][maxBeam]hypothesis
	sizes         []int
	scoresOf      [][maxBeam][numTags]float64
}

var tagBuffers = sync.Pool{New: func() any { return new(tagBuffer) }}

// grow returns s with length n, reusing its array when it is large enough.
func grow[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// TagDoc labels every sentence of a document with BIO tags.
func (t *Tagger) TagDoc(doc [][]string, lang string) [][]string {
	return t.tagDoc(doc, lang, nil)
}

// tagDoc is TagDoc that also reports, when scored is not nil, the scores
// of every tag at every token, sentence by sentence.
func (t *Tagger) tagDoc(doc [][]string, lang string, scored *[][][numTags]float64) [][]string {
	ctx := newDocContext(doc, lang)
	ctx.labels, ctx.nameRuns, ctx.beam = t.labels, t.nameRuns, taggingBeam(lang)
	buf := tagBuffers.Get().(*tagBuffer)
	defer tagBuffers.Put(buf)
	tags, sents := t.decode(doc, ctx, lang, scored, buf)
	if t.stacked != nil {
		second := *ctx
		second.memory = map[string]string{}
		t.stacked.retag(doc, sents, tags, &second, scored, buf)
	}
	out := make([][]string, len(doc))
	for si, st := range tags {
		if quotedNamesTakeMarks[lang] {
			takeQuotes(doc[si], st)
		}
		out[si] = make([]string, len(st))
		for i, k := range st {
			out[si][i] = tagNames[k]
		}
	}
	return out
}

// quotedNamesTakeMarks holds the languages whose training text counts the
// quotation marks around a name in it: CoNLL-2002 Spanish does, at least
// in the later half of its training split and in its development split,
// CoNLL-2003 English does not.
var quotedNamesTakeMarks = map[string]bool{"es": true}

// takeQuotes widens every name standing alone between quotation marks
// (`" Daily News "`) to take them in. The Spanish tagger learned both
// ways, the first half of its training text leaving the marks out.
func takeQuotes(words []string, tags []int) {
	for _, c := range chunkIndexes(tags) {
		if c.Start == 0 || c.End == len(words) || words[c.Start-1] != `"` || words[c.End] != `"` ||
			tags[c.Start-1] != 0 || tags[c.End] != 0 {
			continue
		}
		begin := tagIndex("B-" + c.Type)
		tags[c.Start-1], tags[c.Start], tags[c.End] = begin, begin+1, begin+1
	}
}

// decode tags every sentence of a document with tag indexes, adding
// their scores to scored if it is not nil; it returns the sentences too,
// whose features a stacked pass reuses.
func (t *Tagger) decode(doc [][]string, ctx *docContext, lang string, scored *[][][numTags]float64, buf *tagBuffer) ([][]int, []sentence) {
	sents := t.prepareCached(doc, ctx, lang, buf)
	out := make([][]int, len(doc))
	for si, s := range sents {
		var sentScores [][numTags]float64
		if scored != nil {
			sentScores = make([][numTags]float64, len(s.words))
			*scored = append(*scored, sentScores)
		}
		out[si] = t.beamSentence(s, ctx, sentScores, buf)
	}
	return out, sents
}

// retag, the stacked pass, tags again the sentences of a document whose
// names the first pass typed unlike elsewhere in the document (see
// firstPass.unsettled), replacing their tags, and their scores if scored
// is not nil. The others keep their first-pass tags: the second pass
// mostly agrees there, and skipping them keeps tagging fast. It reuses the
// first pass's features of sents, which do not depend on the model.
func (t *Tagger) retag(doc [][]string, sents []sentence, tags [][]int, ctx *docContext, scored *[][][numTags]float64, buf *tagBuffer) {
	first := newFirstPass(doc, tags)
	ctx.firstPass = first
	for si, s := range sents {
		if !first.unsettled(s.words, si) {
			// The document memory sees every sentence, as in training.
			ctx.remember(s.words, tags[si])
			continue
		}
		buf.stackedScores = grow(buf.stackedScores, len(s.words))
		for i, w := range s.words {
			buf.stackedScores[i] = t.words.score(t, w)
		}
		s.scores = buf.stackedScores
		first.addFeatures(s.feats, s.views, si)
		var sentScores [][numTags]float64
		if scored != nil {
			sentScores = (*scored)[si]
		}
		tags[si] = t.beamSentence(s, ctx, sentScores, buf)
	}
}

// Rows is the number of feature rows in the model, those of a stacked
// pass included.
func (t *Tagger) Rows() int {
	if t.stacked != nil {
		return t.index.n + t.stacked.Rows()
	}
	return t.index.n
}

// beamSearch is how beamSentence searches: it keeps at most width partial
// taggings, and, if margin is above 0, only those scoring within margin
// (in weight units, see WeightScale) of the best.
type beamSearch struct {
	width  int
	margin float64
}

// taggingBeams are the beams of the languages' models. Both learn with a
// beam of TrainBeamWidth. The English one tags better with a wider beam
// (eng.testa over seeds 1 to 3: 0.931, 0.930, 0.931 against 0.928, 0.929,
// 0.928 with 2; unseen names 0.834 against 0.826 for seed 1; 3 gives
// 0.930, 6 no more than 4); its margin, at which the tags stay those of
// the full beam, keeps it about as fast as the narrow one. The Spanish
// one does not (0.829 with 4), and its stacked pass changes its tags with
// margins up to 7000.
var taggingBeams = map[string]beamSearch{"en": {4, 5000}}

// maxBeam bounds a beam's width, sizing its arrays.
const maxBeam = 4

// TaggingBeam is the width of the beam tagging text of lang.
func TaggingBeam(lang string) int {
	return taggingBeam(lang).width
}

func taggingBeam(lang string) beamSearch {
	if b, ok := taggingBeams[lang]; ok {
		return b
	}
	return beamSearch{width: TrainBeamWidth}
}

// hypothesis is one partial tagging in the beam.
type hypothesis struct {
	score       float64
	parent      int // index of the previous hypothesis in its step
	prev, prev2 int // its last two tags
}

// beamSentence tags s left to right, keeping the best partial taggings
// ctx.beam allows (by summed scores); an I- tag only continues a name of its
// type. It scores the same features as historyFeatures, split by what
// they depend on.
func (t *Tagger) beamSentence(s sentence, ctx *docContext, scored [][numTags]float64, buf *tagBuffer) []int {
	n := len(s.words)
	buf.steps, buf.sizes = grow(buf.steps, n), grow(buf.sizes, n)
	steps, sizes := buf.steps, buf.sizes
	var scoresOf [][maxBeam][numTags]float64
	if scored != nil {
		buf.scoresOf = grow(buf.scoresOf, n)
		scoresOf = buf.scoresOf
	}
	width, margin := ctx.beam.width, ctx.beam.margin
	beam := [maxBeam]hypothesis{{parent: -1}}
	size := 1
	for i, w := range s.words {
		var sums [numTags]int32
		if s.scores != nil {
			sums = s.scores[i].scores
		}
		t.addWeights(&sums, s.feats[i])
		if m, ok := ctx.memory[w]; ok {
			t.addWeights(&sums, []uint64{feature(fDocMemory, m)})
		}
		var base [numTags]float64
		for k, x := range sums {
			base[k] = float64(x)
		}
		// Scores of the features pairing the previous tag with this word.
		var byPrev [numTags][numTags]float64
		var done [numTags]bool
		var next [maxBeam]hypothesis
		nextSize := 0
		for hi := range size {
			h := beam[hi]
			if !done[h.prev] {
				done[h.prev] = true
				t.addScores(&byPrev[h.prev], []uint64{feature(fPrevTagWord, tagNames[h.prev], w), feature(fPrevTagShape, tagNames[h.prev], s.views[i].short)})
			}
			tr := &t.transitions[h.prev2*numTags+h.prev]
			var scores [numTags]float64
			for k := range scores {
				scores[k] = base[k] + byPrev[h.prev][k] + tr[k]
			}
			t.addScores(&scores, []uint64{prevTagsWord(s, i, h.prev, h.prev2)})
			if scored != nil {
				scoresOf[i][hi] = scores
			}
			for k := range scores {
				if !allowed(h.prev, k) {
					continue
				}
				c := hypothesis{score: h.score + scores[k], parent: hi, prev: k, prev2: h.prev}
				// Insert into the sorted top width.
				j := nextSize
				if j == width {
					if c.score <= next[width-1].score {
						continue
					}
					j--
				} else {
					nextSize++
				}
				for j > 0 && next[j-1].score < c.score {
					next[j] = next[j-1]
					j--
				}
				next[j] = c
			}
		}
		for margin > 0 && nextSize > 1 && next[nextSize-1].score < next[0].score-margin {
			nextSize--
		}
		beam, size = next, nextSize
		steps[i], sizes[i] = next, nextSize
	}
	tags := make([]int, n)
	h := 0
	for i := n - 1; i >= 0; i-- {
		tags[i] = steps[i][h].prev
		parent := steps[i][h].parent
		if scored != nil {
			scored[i] = scoresOf[i][parent]
		}
		h = parent
	}
	ctx.remember(s.words, tags)
	return tags
}

// nameRun is a token's place in a run of capitalized words, which may
// hold lower-case connectors ("Ministerio de Economía y Hacienda"): "B"
// its first word, "I" a later one, "C" a connector, "" outside any run.
type nameRun struct {
	place      string
	start, end int
}

// nameRunFeatures appends the features of a token's run of capitalized
// words, r: its place, the run's first and last words and their head-word
// types (data/headwords.txt), and the clusters of the token's neighbours
// at -2..+2 with its shape.
func nameRunFeatures(f []uint64, r nameRun, views []tokenView, v tokenView, near [4]tokenView) []uint64 {
	if r.place != "" {
		first, last := views[r.start], views[r.end-1]
		f = append(f, feature(fNameRun, r.place, lex.heads.head[first.norm], lex.heads.suffix[last.norm]),
			feature(fRunFirst, r.place, first.lower), feature(fRunLast, r.place, last.lower))
	}
	for k, n := range near {
		if n.cluster != "" {
			f = append(f, feature(fClusterNearShape, clusterNames[k], n.cluster, v.short))
		}
	}
	return f
}

// nameRuns finds the runs of capitalized words of a sentence; function
// words ("El", "Pero") neither start nor make a run.
func nameRuns(views []tokenView, out []nameRun) []nameRun {
	out = grow(out, len(views))
	clear(out)
	inName := func(j int) bool {
		return j < len(views) && views[j].capital && !lex.function.Has(views[j].norm)
	}
	for i := 0; i < len(views); {
		if !inName(i) {
			i++
			continue
		}
		end := i + 1
		for {
			if inName(end) {
				end++
				continue
			}
			// Up to two connectors ("de la") followed by a name word.
			k := end
			for k < end+2 && k < len(views) && !views[k].capital && lex.connectors.Has(views[k].norm) {
				k++
			}
			if k > end && inName(k) {
				end = k + 1
				continue
			}
			break
		}
		for j := i; j < end; j++ {
			place := "I"
			switch {
			case j == i:
				place = "B"
			case !views[j].capital:
				place = "C"
			}
			out[j] = nameRun{place, i, end}
		}
		i = end
	}
	return out
}
