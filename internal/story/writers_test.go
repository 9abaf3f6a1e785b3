package story

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/storyline/storyline/internal/store"
)

// TestTwoWritersShareClaims checks that a linker whose story indexes are
// warm still sees what another process stored meanwhile: the claim the
// other writer added is matched, not duplicated.
func TestTwoWritersShareClaims(t *testing.T) {
	const wounded = "twelve civilians were wounded in the shelling of Tolosa"
	path := filepath.Join(t.TempDir(), "shared.db")
	open := func() *store.Store {
		st, err := store.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { st.Close() })
		return st
	}
	first, second := open(), open()
	l1, l2 := NewLinker(first), NewLinker(second)

	// Both linkers learn the story first.
	add(t, l1, report{"a", "Daily Planet", "en", attackEN})
	add(t, l2, report{"b", "Evening Star", "en", attackEN + " The port reopened on Sunday."})

	add(t, l1, report{"c", "Daily Planet", "en", attackEN + "\nMayor Ana Torres said that " + wounded + "."})
	add(t, l2, report{"d", "Valmera Herald", "en", attackEN + "\nThe Red Cross said that " + wounded + "."})

	claims, err := second.Claims(context.Background(), store.ClaimFilter{})
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range claims {
		if c.Text == wounded {
			n++
			if c.Status != store.Corroborated {
				t.Errorf("claim %q is %s, want corroborated across the two writers", c.Text, c.Status)
			}
		}
	}
	if n != 1 {
		t.Errorf("%d claims %q, want 1: the second writer did not see the first's", n, wounded)
	}
}
