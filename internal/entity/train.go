package entity

import (
	"math"
	"math/rand/v2"
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
	// Progress, if set, is called after each epoch with the share of
	// training tokens tagged correctly during that epoch.
	Progress func(epoch int, accuracy float64)
}

// Train learns a tagger from documents tagged in IOB1 or BIO.
func Train(docs []TaggedDoc, opt TrainOptions) *Tagger {
	tr := &trainer{index: map[uint32]int32{}}
	order := make([]int, len(docs))
	for i := range order {
		order[i] = i
	}
	rng := rand.New(rand.NewPCG(opt.Seed, 1))
	for epoch := 1; epoch <= opt.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		correct, total := 0, 0
		for _, di := range order {
			doc := docs[di]
			words := make([][]string, len(doc))
			for i, s := range doc {
				words[i] = s.Tokens
			}
			ctx := newDocContext(words)
			sents := prepare(words, ctx, opt.Lang, opt.Clusters)
			for si, s := range sents {
				gold := goldTags(doc[si].Tags)
				decodeSentence(tr, s, ctx, false, nil, func(i int, feats, hist []uint64, best int) {
					tr.step++
					total++
					if best == gold[i] {
						correct++
						return
					}
					tr.update(feats, gold[i], 1)
					tr.update(hist, gold[i], 1)
					tr.update(feats, best, -1)
					tr.update(hist, best, -1)
				})
			}
		}
		if opt.Progress != nil {
			opt.Progress(epoch, float64(correct)/float64(max(total, 1)))
		}
	}
	t := tr.average()
	t.clusters = opt.Clusters
	t.finish()
	return t
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

func (tr *trainer) average() *Tagger {
	t := &Tagger{}
	step := float64(tr.step)
	for h, r := range tr.index {
		var q [numTags]int16
		nonzero := false
		for k := range q {
			i := int(r)*numTags + k
			avg := (tr.total[i] + float64(tr.step-tr.stamp[i])*tr.w[i]) / step
			v := math.Round(avg * WeightScale)
			v = max(min(v, math.MaxInt16), math.MinInt16)
			q[k] = int16(v)
			nonzero = nonzero || q[k] != 0
		}
		if nonzero {
			t.index.put(h, int32(len(t.weights)/numTags))
			t.weights = append(t.weights, q[:]...)
		}
	}
	return t
}
