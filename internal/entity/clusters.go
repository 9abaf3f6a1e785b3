package entity

import (
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
)

// ClusterOptions control BuildClusters.
type ClusterOptions struct {
	Clusters   int // number of clusters
	MinCount   int // rarer words get no cluster
	MaxWords   int // most frequent words clustered
	Contexts   int // most frequent words used as left and right contexts
	Iterations int
	Seed       uint64
}

// BuildClusters groups words of unlabelled sentences that occur in similar
// contexts: k-means (cosine) over vectors of their left and right
// neighbours. Words are keyed by clusterKey.
func BuildClusters(sentences [][]string, opt ClusterOptions) map[string]uint16 {
	freq := map[string]int{}
	for _, s := range sentences {
		for _, w := range s {
			freq[clusterKey(w)]++
		}
	}
	words := make([]string, 0, len(freq))
	for w, n := range freq {
		if n >= opt.MinCount {
			words = append(words, w)
		}
	}
	sort.Slice(words, func(i, j int) bool {
		if freq[words[i]] != freq[words[j]] {
			return freq[words[i]] > freq[words[j]]
		}
		return words[i] < words[j]
	})
	words = words[:min(len(words), opt.MaxWords)]
	row := make(map[string]int, len(words))
	for i, w := range words {
		row[w] = i
	}
	nctx := min(opt.Contexts, len(words))
	// counts[i] maps context dimension → count for word i: left contexts
	// are 0..nctx-1, right ones nctx..2nctx-1.
	counts := make([]map[int32]float64, len(words))
	for i := range counts {
		counts[i] = map[int32]float64{}
	}
	for _, s := range sentences {
		for i, w := range s {
			r, ok := row[clusterKey(w)]
			if !ok {
				continue
			}
			if i > 0 {
				if c, ok := row[clusterKey(s[i-1])]; ok && c < nctx {
					counts[r][int32(c)]++
				}
			}
			if i+1 < len(s) {
				if c, ok := row[clusterKey(s[i+1])]; ok && c < nctx {
					counts[r][int32(nctx+c)]++
				}
			}
		}
	}
	type sparse struct {
		dims []int32
		vals []float64
	}
	vecs := make([]sparse, len(words))
	for i, m := range counts {
		var v sparse
		for d := range m {
			v.dims = append(v.dims, d)
		}
		slices.Sort(v.dims) // a fixed order keeps the sums, and so the clusters, reproducible
		norm := 0.0
		for _, d := range v.dims {
			x := math.Log1p(m[d])
			v.vals = append(v.vals, x)
			norm += x * x
		}
		norm = math.Sqrt(norm)
		for k := range v.vals {
			v.vals[k] /= norm
		}
		vecs[i] = v
	}
	k := min(opt.Clusters, len(words))
	dim := 2 * nctx
	centroids := make([][]float64, k)
	rng := rand.New(rand.NewPCG(opt.Seed, 2))
	perm := rng.Perm(len(words))
	for c := range centroids {
		centroids[c] = make([]float64, dim)
		for j, d := range vecs[perm[c]].dims {
			centroids[c][d] = vecs[perm[c]].vals[j]
		}
	}
	assign := make([]int, len(words))
	for it := 0; it < opt.Iterations; it++ {
		for i, v := range vecs {
			best, bestSim := 0, math.Inf(-1)
			for c, cen := range centroids {
				sim := 0.0
				for j, d := range v.dims {
					sim += cen[d] * v.vals[j]
				}
				if sim > bestSim {
					best, bestSim = c, sim
				}
			}
			assign[i] = best
		}
		for c := range centroids {
			clear(centroids[c])
		}
		for i, v := range vecs {
			cen := centroids[assign[i]]
			for j, d := range v.dims {
				cen[d] += v.vals[j]
			}
		}
		for _, cen := range centroids {
			norm := 0.0
			for _, x := range cen {
				norm += x * x
			}
			if norm = math.Sqrt(norm); norm > 0 {
				for d := range cen {
					cen[d] /= norm
				}
			}
		}
	}
	out := make(map[string]uint16, len(words))
	for i, w := range words {
		if len(vecs[i].dims) > 0 {
			out[w] = uint16(assign[i])
		}
	}
	return out
}

// clusterKey is the form under which words are clustered: lower case with
// digits as 0.
func clusterKey(w string) string { return digitsToZero(strings.ToLower(w)) }
