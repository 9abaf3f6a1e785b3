package store

import (
	"context"
	"fmt"
	"time"
)

// Batch writes many reports through one SQLite transaction, sharing the
// cost of committing. A report that fails leaves nothing behind: the
// transaction is rolled back and the batch's earlier reports are written
// again in a new one. Failures are rare, and this costs far less than a
// savepoint around every report, which copies each page the report
// touches. A crash loses at most the reports of the open batch, whole.
// Flush must be called when writing is done.
type Batch struct {
	s  *Store
	tx *Tx
	// written are the reports in the open transaction, to write again
	// after a rollback.
	written    []func(*Tx) error
	max        int
	maxAge     time.Duration
	started    time.Time
	onRollback func()
}

// NewBatch returns a batch committing after max reports or maxAge,
// whichever comes first; max 1 commits every report on its own.
func (s *Store) NewBatch(max int, maxAge time.Duration) *Batch {
	return &Batch{s: s, max: max, maxAge: maxAge}
}

// OnRollback sets a function called whenever the open transaction is
// rolled back or fails to commit, before any report is written again: what
// a writer keeps in memory of the store may then be untrue.
func (b *Batch) OnRollback(f func()) { b.onRollback = f }

// Update runs fn for one report in the open transaction. fn may run again
// if a later report of the batch fails, so it must not depend on being run
// once, nor on a context that may be cancelled meanwhile.
func (b *Batch) Update(ctx context.Context, fn func(*Tx) error) error {
	if err := b.begin(); err != nil {
		return err
	}
	if err := fn(b.tx); err != nil {
		b.rollback()
		if rerr := b.rewrite(); rerr != nil {
			return fmt.Errorf("%w; and then, writing the batch's earlier reports again: %v", err, rerr)
		}
		return err
	}
	b.written = append(b.written, fn)
	if len(b.written) >= b.max || time.Since(b.started) >= b.maxAge {
		return b.Flush()
	}
	return nil
}

func (b *Batch) begin() error {
	if b.tx != nil {
		return nil
	}
	// Begin without the caller's context: cancelling it must not abort
	// a transaction holding reports that completed.
	tx, err := b.s.beginWrite(context.Background())
	if err != nil {
		return err
	}
	b.tx, b.written, b.started = tx, b.written[:0], time.Now()
	return nil
}

// rewrite writes the reports of a rolled-back transaction again.
func (b *Batch) rewrite() error {
	reports := b.written
	b.written = nil
	if len(reports) == 0 {
		return nil
	}
	if err := b.begin(); err != nil {
		return err
	}
	for _, fn := range reports {
		if err := fn(b.tx); err != nil {
			b.rollback()
			return err
		}
		b.written = append(b.written, fn)
	}
	return nil
}

// Flush commits the open transaction, if any.
func (b *Batch) Flush() error {
	if b.tx == nil {
		return nil
	}
	if err := b.tx.indexText(context.Background()); err != nil {
		b.rollback()
		b.written = b.written[:0]
		return err
	}
	tx := b.tx.tx
	b.tx, b.written = nil, b.written[:0]
	if err := tx.Commit(); err != nil {
		if b.onRollback != nil {
			b.onRollback()
		}
		return err
	}
	return nil
}

// rollback gives up the open transaction and everything written in it.
func (b *Batch) rollback() {
	if b.tx != nil {
		b.tx.tx.Rollback()
		b.tx = nil
	}
	if b.onRollback != nil {
		b.onRollback()
	}
}
