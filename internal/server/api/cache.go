package api

import (
	"net/http"
	"sync"
)

// storyCache keeps answers that read a whole story (its most important
// dates, its entities) until the story gains an article: its events,
// claims and mentions change only then. Answers across every story (the
// dyad of two entities) are kept until any report arrives.
type storyCache struct {
	mu      sync.Mutex
	entries map[string]cacheEntry
}

type cacheEntry struct {
	version int64 // the story's article count, or the newest report's id
	value   any
}

// maxCached bounds the cache; when full, an arbitrary entry makes room.
const maxCached = 512

// cached answers r from the cache while story has not grown, else from
// build. Answers of requests for stories that do not exist are not kept.
func (h *handler) cached(r *http.Request, story int64, build func() (any, error)) (any, error) {
	size, ok, err := h.st.StorySize(r.Context(), story)
	if err != nil || !ok {
		return build()
	}
	return h.cachedAt(r, int64(size), build)
}

// cachedEverywhere answers r from the cache while no report has arrived,
// else from build.
func (h *handler) cachedEverywhere(r *http.Request, build func() (any, error)) (any, error) {
	latest, err := h.st.LatestArticleID(r.Context())
	if err != nil {
		return nil, err
	}
	return h.cachedAt(r, latest, build)
}

// cachedAt answers r from the cache when it was answered at version, else
// from build.
func (h *handler) cachedAt(r *http.Request, version int64, build func() (any, error)) (any, error) {
	key := r.URL.Path + "?" + r.URL.RawQuery
	c := &h.cache
	c.mu.Lock()
	e, hit := c.entries[key]
	c.mu.Unlock()
	if hit && e.version == version {
		return e.value, nil
	}
	v, err := build()
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if len(c.entries) >= maxCached {
		for k := range c.entries {
			delete(c.entries, k)
			break
		}
	}
	c.entries[key] = cacheEntry{version: version, value: v}
	c.mu.Unlock()
	return v, nil
}
