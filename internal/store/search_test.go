package store_test

import (
	"context"
	"strings"
	"testing"

	"github.com/storyline/storyline/internal/store"
)

// TestSearchOutletIgnoresCase: a reader types an outlet's name as it comes
// to mind, and "reuters" is the same outlet as "Reuters".
func TestSearchOutletIgnoresCase(t *testing.T) {
	st := openDemo(t)
	ctx := context.Background()
	all, err := st.Search(ctx, store.SearchQuery{Text: "dam OR presa"})
	if err != nil {
		t.Fatal(err)
	}
	if len(all.Facets.Outlet) == 0 || all.Facets.Outlet[0].Value == "" {
		t.Fatalf("no named outlet among the demo hits: %+v", all.Facets.Outlet)
	}
	outlet := all.Facets.Outlet[0]
	for _, typed := range []string{outlet.Value, strings.ToLower(outlet.Value), strings.ToUpper(outlet.Value)} {
		res, err := st.Search(ctx, store.SearchQuery{Text: "dam OR presa", Outlet: typed, Limit: 100})
		if err != nil {
			t.Fatalf("outlet=%q: %v", typed, err)
		}
		if res.Total != outlet.Count {
			t.Errorf("outlet=%q: %d hits, want the facet's %d", typed, res.Total, outlet.Count)
		}
		for _, h := range res.Hits {
			if !strings.EqualFold(h.Outlet, outlet.Value) {
				t.Errorf("outlet=%q: hit %d is from %q", typed, h.ID, h.Outlet)
			}
		}
	}
	if res, err := st.Search(ctx, store.SearchQuery{Text: "dam OR presa", Outlet: outlet.Value + "x"}); err != nil || res.Total != 0 {
		t.Errorf("outlet=%q: %d hits, %v; want none", outlet.Value+"x", res.Total, err)
	}
}
