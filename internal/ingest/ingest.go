// Package ingest turns inputs of any kind (plain text, feed-reader dumps,
// HTML pages, RSS/Atom/JSON feeds, JSON Lines; files, directories or stdin)
// into model.Articles with repaired text, keeping each report's raw input.
package ingest

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/storyline/storyline/internal/model"
	"github.com/storyline/storyline/internal/text"
)

// DefaultMaxBytes is the per-input size limit when Options.MaxBytes is 0.
const DefaultMaxBytes = 20 << 20

// Options tune how inputs are read.
type Options struct {
	// MaxBytes limits each input file or stream; DefaultMaxBytes when 0.
	MaxBytes int64
	// InferDate, when set, finds a publication date in a report's text when
	// no header or metadata gives one, near the time the input was written
	// (see Written). nil means no inference.
	InferDate func(text, lang string, written time.Time) (time.Time, model.Precision, bool)
	// Written is when the input was written: a file's modification time.
	// Zero means now, as for a stream, a fetched page or a feed. A
	// dateline without a year ("LIMA, 4 mar (EFE)") is the latest such day
	// not after it.
	Written time.Time
}

func (o Options) maxBytes() int64 {
	if o.MaxBytes <= 0 {
		return DefaultMaxBytes
	}
	return o.MaxBytes
}

// Result is what one input (one file, one stdin stream) produced.
type Result struct {
	Input    string // the path or "-" as given, for messages
	Articles []model.Article
	// Err is non-nil when this input failed, wholly or in part; Articles
	// may still hold what was recovered.
	Err error
}

// Errors that callers may test for with errors.Is.
var (
	ErrEmpty    = errors.New("empty")
	ErrBinary   = errors.New("looks like binary data")
	ErrTooLarge = errors.New("too large")
)

// InputError names the input a failure belongs to.
type InputError struct {
	Input string
	Err   error
}

func (e *InputError) Error() string { return "input " + e.Input + ": " + e.Err.Error() }
func (e *InputError) Unwrap() error { return e.Err }

func inputErr(name string, err error) error { return &InputError{Input: name, Err: err} }

// Walk reads each input (a file, a directory walked recursively in sorted
// order, or "-" for stdin) and calls fn once per file or stream.
func Walk(inputs []string, stdin io.Reader, opts Options, fn func(Result)) {
	for _, in := range inputs {
		if in == "-" {
			fn(readStream("-", stdin, opts))
			continue
		}
		info, err := os.Stat(in)
		if err != nil {
			fn(Result{Input: in, Err: inputErr(in, describeOpenErr(err))})
			continue
		}
		if !info.IsDir() {
			fn(readFile(in, opts))
			continue
		}
		walkDir(in, opts, fn)
	}
}

// projectDocs are the names of the files a folder keeps about itself
// (README.md, LICENSE, CHANGELOG.txt): never reports, unless named one by
// one.
var projectDocs = []string{"readme", "license", "licence", "changelog", "copying", "notice", "authors", "contributing"}

func isProjectDoc(name string) bool {
	base := strings.ToLower(strings.TrimSuffix(name, filepath.Ext(name)))
	return slices.Contains(projectDocs, base)
}

func walkDir(root string, opts Options, fn func(Result)) {
	found := false
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			fn(Result{Input: path, Err: inputErr(path, describeOpenErr(err))})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		// Hidden entries (.git, editor state) are never reports.
		if path != root && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		if isProjectDoc(d.Name()) {
			return nil
		}
		if !d.Type().IsRegular() {
			// Follow symlinks to files, but never into directories: that
			// could loop.
			info, err := os.Stat(path)
			if err != nil || !info.Mode().IsRegular() {
				return nil
			}
		}
		found = true
		fn(readFile(path, opts))
		return nil
	})
	if err != nil {
		fn(Result{Input: root, Err: inputErr(root, err)})
		return
	}
	if !found {
		fn(Result{Input: root, Err: inputErr(root, errors.New("directory holds no files"))})
	}
}

func describeOpenErr(err error) error {
	var pe *fs.PathError
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return errors.New("no such file or directory")
	case errors.Is(err, fs.ErrPermission):
		return errors.New("permission denied")
	case errors.As(err, &pe):
		return pe.Err
	}
	return err
}

func readFile(path string, opts Options) Result {
	f, err := os.Open(path)
	if err != nil {
		return Result{Input: path, Err: inputErr(path, describeOpenErr(err))}
	}
	defer f.Close()
	if info, err := f.Stat(); err == nil && opts.Written.IsZero() {
		opts.Written = info.ModTime()
	}
	return readStream(path, f, opts)
}

func readStream(name string, r io.Reader, opts Options) Result {
	if r == nil {
		return Result{Input: name, Err: inputErr(name, errors.New("no stream to read"))}
	}
	limit := opts.maxBytes()
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return Result{Input: name, Err: inputErr(name, fmt.Errorf("read failed: %w", describeOpenErr(err)))}
	}
	arts, err := Read(name, data, opts)
	return Result{Input: name, Articles: arts, Err: err}
}

// Read parses one in-memory input; name serves format sniffing (by its
// extension, as a hint) and messages.
func Read(name string, data []byte, opts Options) ([]model.Article, error) {
	if limit := opts.maxBytes(); int64(len(data)) > limit {
		return nil, inputErr(name, fmt.Errorf("%w: over the %s limit per input", ErrTooLarge, formatBytes(limit)))
	}
	s, err := Decode(data)
	if err != nil {
		return nil, inputErr(name, err)
	}
	var arts []model.Article
	switch sniff(name, s) {
	case formatHTML:
		arts, err = readHTML(name, s, opts)
	case formatFeed:
		arts, err = readFeed(name, s, opts)
	case formatJSON:
		arts, err = readJSON(name, s, opts)
	default:
		arts = readText(name, s, opts)
	}
	if err != nil {
		err = inputErr(name, err)
	}
	for i := range arts {
		if arts[i].Outlet == "" {
			arts[i].Outlet = text.DatelineCredit(arts[i].Text)
		}
	}
	if len(arts) == 0 && err == nil {
		err = inputErr(name, errors.New("no report text found"))
	}
	return arts, err
}

func formatBytes(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// itemSource names the n-th (1-based) report of a multi-report input.
func itemSource(name string, n, total int) string {
	if total <= 1 {
		return name
	}
	return fmt.Sprintf("%s#%d", name, n)
}
