package story

import (
	"context"
	"hash/maphash"

	"github.com/storyline/storyline/internal/store"
)

// entityKeys holds hashes of every lookup key the store knows entities by
// (their own keys and "key:" aliases), or more. Most names a report brings
// are new to the store, and a key not in the set needs no query to say so.
// It is reloaded when another writer commits, since its keys are then
// missing; keys of rolled-back records only cost a needless query.
type entityKeys struct {
	seed    maphash.Seed
	hashes  map[uint64]struct{}
	loaded  bool
	version int64
}

func newEntityKeys() *entityKeys {
	return &entityKeys{seed: maphash.MakeSeed(), hashes: map[uint64]struct{}{}}
}

// sync reloads the keys unless they were loaded at the store's current
// data version.
func (k *entityKeys) sync(ctx context.Context, tx *store.Tx) error {
	version, err := tx.DataVersion(ctx)
	if err != nil {
		return err
	}
	if k.loaded && version == k.version {
		return nil
	}
	clear(k.hashes)
	if err := tx.EntityKeys(ctx, k.add); err != nil {
		k.loaded = false
		return err
	}
	k.loaded, k.version = true, version
	return nil
}

func (k *entityKeys) add(key string) { k.hashes[maphash.String(k.seed, key)] = struct{}{} }

// mayExist reports whether some entity may be known by key.
func (k *entityKeys) mayExist(key string) bool {
	_, ok := k.hashes[maphash.String(k.seed, key)]
	return ok
}
