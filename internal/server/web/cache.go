package web

import "sync"

// storyCache keeps values derived from one state of a story. A story
// changes as reports join it, so the key includes its report count and a
// new report makes the old entry unreachable; the map is emptied when full.
type storyCache[V any] struct {
	mu      sync.Mutex
	entries map[storyState]V
}

type storyState struct {
	story   int64
	reports int
}

// storyCacheSize bounds each cache; one entry is a few kilobytes.
const storyCacheSize = 1024

func (c *storyCache[V]) get(key storyState) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.entries[key]
	return v, ok
}

func (c *storyCache[V]) put(key storyState, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil || len(c.entries) >= storyCacheSize {
		c.entries = make(map[storyState]V)
	}
	c.entries[key] = v
}
