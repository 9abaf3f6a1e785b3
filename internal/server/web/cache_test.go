package web

import "testing"

func TestStoryCache(t *testing.T) {
	var c storyCache[string]
	if _, ok := c.get(storyState{1, 3}); ok {
		t.Fatal("an empty cache answered")
	}
	c.put(storyState{1, 3}, "three reports")
	if v, ok := c.get(storyState{1, 3}); !ok || v != "three reports" {
		t.Errorf("got %q, %v", v, ok)
	}
	if _, ok := c.get(storyState{1, 4}); ok {
		t.Error("a story that gained a report got the old answer")
	}
	for i := range storyCacheSize + 1 {
		c.put(storyState{int64(i + 2), 1}, "x")
	}
	if len(c.entries) > storyCacheSize {
		t.Errorf("cache holds %d entries, more than %d", len(c.entries), storyCacheSize)
	}
}
