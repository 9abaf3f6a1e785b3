// Package store keeps articles, their analysis and the linked records in
// SQLite through a pure-Go driver. SQL is written by hand, one file per
// kind of record; schema changes are embedded, numbered migrations.
package store

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// Store is an open storyline database.
type Store struct {
	db *sql.DB // the one writer; also what writers read through
	// read serves the views: several connections, so that queries run
	// side by side and never wait behind a write batch (WAL readers see
	// the last commit).
	read *sql.DB
	path string
	// prepared holds the writer's statements across transactions: a
	// transaction preparing its own would parse every statement again for
	// each batch of reports. Statements can only be prepared for sharing
	// while no transaction holds the writer's one connection, so those a
	// transaction had to prepare itself wait in unshared until the next
	// one begins.
	preparedMu sync.Mutex
	prepared   map[string]*sql.Stmt
	unshared   map[string]bool
}

// maxPrepared bounds the statements kept across transactions; statements
// built for unusual row counts past it are prepared per transaction.
const maxPrepared = 1000

// beginWrite starts a write transaction, first preparing for sharing the
// statements the transactions before it prepared on their own.
func (s *Store) beginWrite(ctx context.Context) (*Tx, error) {
	s.preparedMu.Lock()
	for query := range s.unshared {
		if len(s.prepared) >= maxPrepared {
			break
		}
		// A statement that fails here fails again, with its error, in
		// the transaction that uses it.
		if st, err := s.db.PrepareContext(ctx, query); err == nil {
			s.prepared[query] = st
		}
	}
	clear(s.unshared)
	s.preparedMu.Unlock()
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	return &Tx{tx: tx, store: s, stmts: map[string]*sql.Stmt{}}, nil
}

// sharedStmt returns query prepared for sharing, or nil, noting that it
// is wanted.
func (s *Store) sharedStmt(query string) *sql.Stmt {
	s.preparedMu.Lock()
	defer s.preparedMu.Unlock()
	st, ok := s.prepared[query]
	if !ok && len(s.prepared) < maxPrepared {
		s.unshared[query] = true
	}
	return st
}

// Open opens (creating if needed) the database at path and brings its
// schema up to date.
func Open(path string) (*Store, error) {
	// SQLite says only "unable to open database file" when the folder is
	// missing.
	if dir := filepath.Dir(path); dir != "" {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			return nil, fmt.Errorf("database %s: no folder %s to keep it in", path, dir)
		}
	}
	// Foreign keys are declared but not enforced on every insert, which
	// costs the single writer a lookup per reference; the linker writes
	// only rows it just linked, and CheckReferences verifies that in tests.
	dsn := "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_pragma=busy_timeout(10000)&_pragma=cache_size(-65536)&_pragma=temp_store(MEMORY)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	// One writer at a time is all SQLite allows; a single connection also
	// keeps the page cache warm.
	db.SetMaxOpenConns(1)
	s := &Store{db: db, path: path, prepared: map[string]*sql.Stmt{}, unshared: map[string]bool{}}
	if err := s.migrate(context.Background()); err != nil {
		db.Close()
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	read, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)&_pragma=cache_size(-32768)&_pragma=query_only(1)")
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("open database %s: %w", path, err)
	}
	read.SetMaxOpenConns(readConns)
	read.SetMaxIdleConns(readConns)
	s.read = read
	return s, nil
}

// readConns is how many view queries may run at once.
const readConns = 4

// Close closes the database.
func (s *Store) Close() error {
	s.preparedMu.Lock()
	for _, st := range s.prepared {
		st.Close()
	}
	clear(s.prepared)
	s.preparedMu.Unlock()
	rerr := s.read.Close()
	if err := s.db.Close(); err != nil {
		return err
	}
	return rerr
}

// Path is the database file's path.
func (s *Store) Path() string { return s.path }

type migration struct {
	version int
	name    string
	sql     string
}

func loadMigrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a number", e.Name())
		}
		b, err := migrationFS.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		out = append(out, migration{v, e.Name(), string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

// migrate applies every embedded migration newer than the database's
// user_version, each in its own transaction.
func (s *Store) migrate(ctx context.Context) error {
	var current int
	if err := s.db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&current); err != nil {
		return fmt.Errorf("not a storyline database: %w", err)
	}
	migs, err := loadMigrations()
	if err != nil {
		return err
	}
	if n := len(migs); n > 0 && current > migs[n-1].version {
		return fmt.Errorf("schema version %d is newer than this storyline (%d); upgrade storyline", current, migs[n-1].version)
	}
	for _, m := range migs {
		if m.version <= current {
			continue
		}
		tx, err := s.db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

// CheckReferences reports rows whose references point nowhere.
func (s *Store) CheckReferences(ctx context.Context) error {
	rows, err := s.db.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return err
	}
	defer rows.Close()
	var broken []string
	for rows.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fk int
		if err := rows.Scan(&table, &rowid, &parent, &fk); err != nil {
			return err
		}
		broken = append(broken, fmt.Sprintf("%s row %d → %s", table, rowid.Int64, parent))
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(broken) > 0 {
		return fmt.Errorf("%d broken references: %s", len(broken), strings.Join(broken[:min(len(broken), 5)], "; "))
	}
	return nil
}

// SchemaVersion returns the database's migration version.
func (s *Store) SchemaVersion() (int, error) {
	var v int
	err := s.db.QueryRow("PRAGMA user_version").Scan(&v)
	return v, err
}

// Tx is one write transaction. Every write goes through a Tx so that a
// report and everything linked from it land together or not at all.
type Tx struct {
	tx    *sql.Tx
	store *Store
	// stmts holds the statements used in this transaction: one report
	// runs the same few statements for each of its mentions, quotes and
	// events, and parsing SQL is a large part of writing them.
	stmts map[string]*sql.Stmt
	// unindexed are the articles written in this transaction that the
	// full-text index does not hold yet; see indexText.
	unindexed []int64
	// nextID is, per table, the next id reserveID hands out, read from
	// the store at the first reservation: this transaction holds the
	// write lock, so no other writer takes ids meanwhile.
	nextID map[string]int64
}

// reserveID returns an id for a row of table (one of the linker's tables
// with an integer primary key) that this transaction will insert: the
// linker names a report's records before writing them all in one
// statement.
func (t *Tx) reserveID(ctx context.Context, table string) (int64, error) {
	next, ok := t.nextID[table]
	if !ok {
		if err := t.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) + 1 FROM `+table).Scan(&next); err != nil {
			return 0, err
		}
		if t.nextID == nil {
			t.nextID = map[string]int64{}
		}
	}
	t.nextID[table] = next + 1
	return next, nil
}

func (t *Tx) stmt(ctx context.Context, query string) (*sql.Stmt, error) {
	if st, ok := t.stmts[query]; ok {
		return st, nil
	}
	var st *sql.Stmt
	if shared := t.store.sharedStmt(query); shared != nil {
		// Bound to the transaction without parsing again: the writer
		// has one connection, where shared is prepared already.
		st = t.tx.StmtContext(ctx, shared)
	} else {
		var err error
		if st, err = t.tx.PrepareContext(ctx, query); err != nil {
			return nil, err
		}
	}
	t.stmts[query] = st
	return st, nil
}

// ExecContext runs a statement, prepared once per transaction.
func (t *Tx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	st, err := t.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.ExecContext(ctx, args...)
}

// QueryContext runs a query, prepared once per transaction.
func (t *Tx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	st, err := t.stmt(ctx, query)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// QueryRowContext runs a one-row query, prepared once per transaction.
func (t *Tx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	st, err := t.stmt(ctx, query)
	if err != nil {
		// Let the driver report the error through the Row.
		return t.tx.QueryRowContext(ctx, query, args...)
	}
	return st.QueryRowContext(ctx, args...)
}

// Update runs fn in a write transaction, committing if it returns nil.
func (s *Store) Update(ctx context.Context, fn func(*Tx) error) error {
	t, err := s.beginWrite(ctx)
	if err != nil {
		return err
	}
	if err := fn(t); err != nil {
		t.tx.Rollback()
		return err
	}
	if err := t.indexText(ctx); err != nil {
		t.tx.Rollback()
		return err
	}
	return t.tx.Commit()
}

// DataVersion changes whenever another connection commits to the
// database: while it stays the same, what a writer remembers of the store
// is still true.
func (t *Tx) DataVersion(ctx context.Context) (int64, error) {
	var v int64
	err := t.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v)
	return v, err
}

// queryer is what read helpers need, so they run both inside a Tx and on
// the Store.
type queryer interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}
