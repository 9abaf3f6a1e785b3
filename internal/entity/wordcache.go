package entity

import (
	"hash/maphash"
	"strings"
	"sync"
)

// wordScore is a word's view with the summed weights of its word-only
// features. Weights are integers, so the sums are exact and a cached word
// scores exactly as a fresh one.
type wordScore struct {
	view   tokenView
	scores [numTags]int32
}

const (
	wordCacheShards = 32
	// wordCacheShardSize bounds memory: a full shard is emptied and
	// refilled with the words now in use.
	wordCacheShardSize = 4096
)

// wordCache remembers the word scores of a tagger. Most tokens of a news
// stream are words seen before, and their word-only features are about
// half of all feature lookups.
type wordCache struct {
	seed   maphash.Seed
	shards [wordCacheShards]struct {
		mu    sync.RWMutex
		words map[string]*wordScore
	}
}

func newWordCache() *wordCache {
	c := &wordCache{seed: maphash.MakeSeed()}
	for i := range c.shards {
		c.shards[i].words = make(map[string]*wordScore)
	}
	return c
}

// score returns the view and word scores of w under tagger t.
func (c *wordCache) score(t *Tagger, w string) *wordScore {
	sh := &c.shards[maphash.String(c.seed, w)%wordCacheShards]
	sh.mu.RLock()
	ws, ok := sh.words[w]
	sh.mu.RUnlock()
	if ok {
		return ws
	}
	// The cache outlives the article: keep none of its text alive.
	w = strings.Clone(w)
	ws = &wordScore{view: viewOf(w, t.clusters)}
	var feats [24]uint64
	t.addWeights(&ws.scores, wordFeatures(feats[:0], ws.view))
	sh.mu.Lock()
	if len(sh.words) >= wordCacheShardSize {
		clear(sh.words)
	}
	sh.words[w] = ws
	sh.mu.Unlock()
	return ws
}
