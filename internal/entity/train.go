package entity

import (
	"math"
	"math/rand/v2"
	"slices"
)

// trainer holds averaged-perceptron weights while training.
type trainer struct {
	index map[uint32]int32
	// w are the current weights, total their sum over all steps up to
	// stamp, so averages are kept lazily.
	w, total []float64
	stamp    []int32
	step     int32
}

func (tr *trainer) row(f uint64, create bool) int {
	h := fold32(f)
	r, ok := tr.index[h]
	if !ok {
		if !create {
			return -1
		}
		r = int32(len(tr.index))
		tr.index[h] = r
		tr.w = append(tr.w, make([]float64, numTags)...)
		tr.total = append(tr.total, make([]float64, numTags)...)
		tr.stamp = append(tr.stamp, make([]int32, numTags)...)
	}
	return int(r)
}

func (tr *trainer) addScores(scores *[numTags]float64, feats []uint64) {
	for _, f := range feats {
		if r := tr.row(f, false); r >= 0 {
			for k := range scores {
				scores[k] += tr.w[r*numTags+k]
			}
		}
	}
}

func (tr *trainer) update(feats []uint64, tag int, delta float64) {
	for _, f := range feats {
		i := tr.row(f, true)*numTags + tag
		tr.total[i] += float64(tr.step-tr.stamp[i]) * tr.w[i]
		tr.stamp[i] = tr.step
		tr.w[i] += delta
	}
}

// TrainOptions control Train.
type TrainOptions struct {
	Lang   string
	Epochs int
	Seed   uint64
	// Clusters are word classes (see BuildClusters), kept in the model.
	Clusters map[string]uint16
	// LabelFolds, if above 1, adds label lexicon features: each document
	// sees the counts of the other documents in LabelFolds folds, and the
	// model keeps the counts of all.
	LabelFolds int
	// Runs, if above 1, is how many trainings, each with its own document
	// order (seeds Seed, Seed+1, ...), the model averages.
	Runs int
	// MinWeight drops the feature rows whose largest weight is below it
	// (in units of 1/WeightScale): the many features of bagged runs that
	// barely count slow the lookups of all.
	MinWeight int16
	// Bag trains each of several runs on its own bootstrap sample of the
	// documents (bagging): the runs differ more, and their mean generalizes
	// better.
	Bag bool
	// NameRuns adds the features of the run of capitalized words a token
	// is in and of its neighbours' clusters with its shape.
	NameRuns bool
	// StackFolds, if above 1, adds a stacked second pass (see firstPass)
	// that learns from first-pass tags jackknifed over StackFolds folds,
	// each fold's tagger the mean of StackRuns trainings.
	StackFolds, StackRuns int
	// Progress, if set, is called after each epoch with the share of
	// training tokens tagged correctly during that epoch.
	Progress func(epoch int, accuracy float64)
}

// Train learns a tagger from documents tagged in IOB1 or BIO.
func Train(docs []TaggedDoc, opt TrainOptions) *Tagger {
	t := trainPass(docs, opt, nil)
	if opt.StackFolds > 1 {
		first := jackknifeTags(docs, opt)
		t.stacked = trainPass(docs, opt, first)
		t.stacked.clusters, t.stacked.labels = t.clusters, t.labels
		t.stacked.finish()
	}
	return t
}

// jackknifeTags tags each document with a first-pass tagger trained on the
// StackFolds-1 folds without it.
func jackknifeTags(docs []TaggedDoc, opt TrainOptions) [][][]int {
	out := make([][][]int, len(docs))
	foldOpt := opt
	foldOpt.StackFolds, foldOpt.Runs, foldOpt.Progress = 0, max(opt.StackRuns, 1), nil
	for f := range opt.StackFolds {
		var others []TaggedDoc
		for i, d := range docs {
			if i%opt.StackFolds != f {
				others = append(others, d)
			}
		}
		t := trainPass(others, foldOpt, nil)
		for i := f; i < len(docs); i += opt.StackFolds {
			words := make([][]string, len(docs[i]))
			for j, s := range docs[i] {
				words[j] = s.Tokens
			}
			ctx := newDocContext(words, opt.Lang)
			ctx.labels, ctx.nameRuns = t.labels, t.nameRuns
			buf := new(tagBuffer)
			out[i], _ = t.decode(words, ctx, opt.Lang, nil, buf)
		}
	}
	return out
}

// trainPass trains one pass of a tagger; first, if not nil, holds the
// first pass's tags of every document, and the tagger learns to be the
// second pass.
func trainPass(docs []TaggedDoc, opt TrainOptions, first [][][]int) *Tagger {
	// labels[i] is the label lexicon document i sees: that of the other
	// folds.
	var labels []*labelLexicon
	if opt.LabelFolds > 1 {
		folds := make([]*labelLexicon, opt.LabelFolds)
		for f := range folds {
			var others []TaggedDoc
			for i, d := range docs {
				if i%opt.LabelFolds != f {
					others = append(others, d)
				}
			}
			folds[f] = buildLabelLexicon(others)
		}
		labels = make([]*labelLexicon, len(docs))
		for i := range labels {
			labels[i] = folds[i%opt.LabelFolds]
		}
	}
	runs := max(opt.Runs, 1)
	sums := map[uint32]*[numTags]float64{}
	for run := range runs {
		seed := opt.Seed + uint64(run)
		sample := make([]int, len(docs))
		for i := range sample {
			sample[i] = i
		}
		if opt.Bag && runs > 1 {
			sample = bootstrap(len(docs), seed)
		}
		tr := &trainer{index: map[uint32]int32{}}
		tr.train(docs, sample, labels, first, opt, seed)
		tr.addAverages(sums)
	}
	t := quantize(sums, runs, opt.MinWeight)
	t.clusters, t.nameRuns = opt.Clusters, opt.NameRuns
	if labels != nil {
		t.labels = buildLabelLexicon(docs)
	}
	t.finish()
	return t
}

// bootstrap draws n document indexes with replacement.
func bootstrap(n int, seed uint64) []int {
	rng := rand.New(rand.NewPCG(seed, 3))
	out := make([]int, n)
	for i := range out {
		out[i] = rng.IntN(n)
	}
	return out
}

// train runs the epochs of one training over the documents of sample, in
// the order seed gives; labels, if not nil, holds the label lexicon of
// each document, and first, if not nil, its first-pass tags.
func (tr *trainer) train(docs []TaggedDoc, sample []int, labels []*labelLexicon, first [][][]int, opt TrainOptions, seed uint64) {
	order := slices.Clone(sample)
	rng := rand.New(rand.NewPCG(seed, 1))
	for epoch := 1; epoch <= opt.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		correct, total := 0, 0
		for _, di := range order {
			doc := docs[di]
			words := make([][]string, len(doc))
			for i, s := range doc {
				words[i] = s.Tokens
			}
			ctx := newDocContext(words, opt.Lang)
			if labels != nil {
				ctx.labels = labels[di]
			}
			ctx.nameRuns = opt.NameRuns
			if first != nil {
				ctx.firstPass = newFirstPass(words, first[di])
			}
			sents := prepare(words, ctx, opt.Lang, opt.Clusters)
			for si, s := range sents {
				gold := goldTags(doc[si].Tags)
				pred := tr.learnSentence(s, gold, ctx)
				for i := range gold {
					if pred[i] == gold[i] {
						correct++
					}
				}
				total += len(gold)
			}
		}
		if opt.Progress != nil {
			opt.Progress(epoch, float64(correct)/float64(max(total, 1)))
		}
	}
}

// goldTags converts IOB1 or BIO tags to BIO tag indexes.
func goldTags(tags []string) []int {
	out := make([]int, len(tags))
	prev := "O"
	for i, t := range tags {
		out[i] = tagIndex(toBIO(t, prev))
		prev = t
	}
	return out
}

// WeightScale maps averaged weights to int16; weights below one unit are
// dropped, which prunes features that hardly ever fired.
const WeightScale = 100

// addAverages adds the averaged weights of every feature to sums.
func (tr *trainer) addAverages(sums map[uint32]*[numTags]float64) {
	step := float64(tr.step)
	for h, r := range tr.index {
		sum := sums[h]
		if sum == nil {
			sum = new([numTags]float64)
			sums[h] = sum
		}
		for k := range sum {
			i := int(r)*numTags + k
			sum[k] += (tr.total[i] + float64(tr.step-tr.stamp[i])*tr.w[i]) / step
		}
	}
}

// quantize makes a tagger of the mean of runs trainings' summed weights,
// keeping the rows with a weight of at least minWeight units (1 at least).
func quantize(sums map[uint32]*[numTags]float64, runs int, minWeight int16) *Tagger {
	t := &Tagger{}
	for h, sum := range sums {
		var q [numTags]int16
		largest := int16(0)
		for k, x := range sum {
			v := math.Round(x / float64(runs) * WeightScale)
			v = max(min(v, math.MaxInt16), math.MinInt16+1)
			q[k] = int16(v)
			largest = max(largest, q[k], -q[k])
		}
		if largest >= max(minWeight, 1) {
			t.index.put(h, int32(len(t.weights)/numTags))
			t.weights = append(t.weights, q[:]...)
		}
	}
	return t
}

// TrainBeamWidth is the beam of training: a wider one scored lower on the
// development splits.
const TrainBeamWidth = 2

// trainHypothesis is one partial tagging in the training beam.
type trainHypothesis struct {
	score       float64
	parent      int
	prev, prev2 int
	gold        bool // whether it is the gold tagging so far
}

// learnSentence tags s with a beam under the current weights, as tagging
// does, and where the gold tagging first falls out of the beam (early
// update) or loses at the end, moves the weights toward the gold prefix
// and away from the best one. It returns the tags decoded, which the
// document remembers as it would when tagging.
func (tr *trainer) learnSentence(s sentence, gold []int, ctx *docContext) []int {
	n := len(s.words)
	steps := make([][]trainHypothesis, n)
	beam := []trainHypothesis{{parent: -1, gold: true}}
	violation := -1
	var hist []uint64
	for i := range s.words {
		var base [numTags]float64
		tr.addScores(&base, s.feats[i])
		next := make([]trainHypothesis, 0, TrainBeamWidth)
		for hi, h := range beam {
			hist = historyFeatures(hist, s, i, h.prev, h.prev2, ctx)
			scores := base
			tr.addScores(&scores, hist)
			for k, x := range scores {
				if !allowed(h.prev, k) {
					continue
				}
				c := trainHypothesis{score: h.score + x, parent: hi, prev: k, prev2: h.prev, gold: h.gold && k == gold[i]}
				j := len(next)
				if j == TrainBeamWidth {
					if c.score <= next[j-1].score {
						continue
					}
					j--
				} else {
					next = append(next, c)
				}
				for j > 0 && next[j-1].score < c.score {
					next[j] = next[j-1]
					j--
				}
				next[j] = c
			}
		}
		steps[i], beam = next, next
		if violation < 0 && !slices.ContainsFunc(next, func(h trainHypothesis) bool { return h.gold }) {
			violation = i
		}
	}
	pred := backtrack(steps, n-1)
	tr.step++
	switch {
	case violation >= 0:
		tr.updatePath(s, gold, backtrack(steps, violation), ctx)
	case !slices.Equal(pred, gold):
		tr.updatePath(s, gold, pred, ctx)
	}
	ctx.remember(s.words, pred)
	return pred
}

// backtrack returns the tags of the best hypothesis at step last.
func backtrack(steps [][]trainHypothesis, last int) []int {
	tags := make([]int, last+1)
	h := 0
	for i := last; i >= 0; i-- {
		tags[i] = steps[i][h].prev
		h = steps[i][h].parent
	}
	return tags
}

// updatePath adds the features of the gold tags and subtracts those of
// pred over the length of pred.
func (tr *trainer) updatePath(s sentence, gold, pred []int, ctx *docContext) {
	var hist []uint64
	goldPrev, goldPrev2, predPrev, predPrev2 := 0, 0, 0, 0
	for i, p := range pred {
		g := gold[i]
		if g != p || goldPrev != predPrev || goldPrev2 != predPrev2 {
			if g != p {
				tr.update(s.feats[i], g, 1)
				tr.update(s.feats[i], p, -1)
			}
			tr.update(historyFeatures(hist, s, i, goldPrev, goldPrev2, ctx), g, 1)
			hist = historyFeatures(hist, s, i, predPrev, predPrev2, ctx)
			tr.update(hist, p, -1)
		}
		goldPrev2, goldPrev = goldPrev, g
		predPrev2, predPrev = predPrev, p
	}
}
