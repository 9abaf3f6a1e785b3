package web

import (
	"context"

	"github.com/storyline/storyline/internal/store"
)

// chart is a conflict–cooperation series for a story's main pair of
// actors, drawn as inline SVG.
type chart struct {
	A, B string
}

// storyChart returns nil until the store can give the pair's series.
func (h *Handler) storyChart(ctx context.Context, events []store.Event) *chart {
	return nil
}
