package store

import (
	"context"
	"database/sql"
	"time"
)

// Batch writes many reports through one SQLite transaction, each report
// inside its own savepoint: a report that fails is rolled back alone, so
// no half report is ever stored, while the cost of committing is shared.
// A crash loses at most the reports of the open batch, whole. Flush must
// be called when writing is done.
type Batch struct {
	s       *Store
	tx      *Tx
	n, max  int
	maxAge  time.Duration
	started time.Time
}

// NewBatch returns a batch committing after max reports or maxAge,
// whichever comes first; max 1 commits every report on its own.
func (s *Store) NewBatch(max int, maxAge time.Duration) *Batch {
	return &Batch{s: s, max: max, maxAge: maxAge}
}

// Update runs fn for one report inside a savepoint of the open transaction.
func (b *Batch) Update(ctx context.Context, fn func(*Tx) error) error {
	if b.tx == nil {
		// Begin without the caller's context: cancelling it must not abort
		// a transaction holding reports that completed.
		tx, err := b.s.db.BeginTx(context.Background(), nil)
		if err != nil {
			return err
		}
		b.tx, b.n, b.started = &Tx{tx: tx, stmts: map[string]*sql.Stmt{}}, 0, time.Now()
	}
	if _, err := b.tx.tx.Exec(`SAVEPOINT report`); err != nil {
		return b.abort(err)
	}
	if err := fn(b.tx); err != nil {
		if b.n == 0 {
			// The transaction holds no other report: end it rather than
			// keep the connection until a Flush a batch of one never needs.
			return b.abort(err)
		}
		if _, rerr := b.tx.tx.Exec(`ROLLBACK TO report`); rerr != nil {
			return b.abort(rerr)
		}
		if _, rerr := b.tx.tx.Exec(`RELEASE report`); rerr != nil {
			return b.abort(rerr)
		}
		return err
	}
	if _, err := b.tx.tx.Exec(`RELEASE report`); err != nil {
		return b.abort(err)
	}
	b.n++
	if b.n >= b.max || time.Since(b.started) >= b.maxAge {
		return b.Flush()
	}
	return nil
}

// Flush commits the open transaction, if any.
func (b *Batch) Flush() error {
	if b.tx == nil {
		return nil
	}
	tx := b.tx.tx
	b.tx = nil
	return tx.Commit()
}

// abort gives up the open transaction after an error of the database
// itself, losing the batch's reports rather than storing part of one.
func (b *Batch) abort(err error) error {
	if b.tx != nil {
		b.tx.tx.Rollback()
		b.tx = nil
	}
	return err
}
