// Command storyline turns news reports about a developing story into a
// sourced account of it: a dated timeline, quotes, claims and their status.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"syscall"

	"github.com/storyline/storyline/internal/export"
	"github.com/storyline/storyline/internal/store"
)

// command is one subcommand; each lives in its own file.
type command struct {
	name    string
	usage   string // argument synopsis
	summary string
	run     func(ctx context.Context, env *env, args []string) error
}

var commands = map[string]*command{}

func register(c *command) { commands[c.name] = c }

// env is what subcommands share: output streams and the global options.
type env struct {
	stdout, stderr io.Writer
	stdin          io.Reader
	getenv         func(string) string
}

// usageError is a mistake on the command line: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// errFailed signals that the command already reported its failures.
var errFailed = errors.New("failed")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// Ingesting allocates many short-lived values: collecting garbage less
	// often buys throughput, and the soft limit keeps memory within 1 GiB.
	// GOGC and GOMEMLIMIT still override both.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(1 << 30)
	}
	e := &env{stdout: os.Stdout, stderr: os.Stderr, stdin: os.Stdin, getenv: os.Getenv}
	os.Exit(run(ctx, e, os.Args[1:]))
}

func run(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		if len(args) > 1 {
			if c, ok := commands[args[1]]; ok {
				return runCommand(ctx, e, c, []string{"--help"})
			}
		}
		if len(args) > 1 {
			fmt.Fprintf(e.stderr, "storyline: unknown command %q\n\n", args[1])
			printUsage(e.stderr)
			return 2
		}
		printUsage(e.stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "storyline: unknown command %q\n\n", args[0])
		printUsage(e.stderr)
		return 2
	}
	return runCommand(ctx, e, c, args[1:])
}

// lockedWriter lets a command's goroutines (feed pollers, webhook
// deliveries, the server's workers) share one error stream.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func runCommand(ctx context.Context, e *env, c *command, args []string) int {
	shared := *e
	shared.stderr = &lockedWriter{w: e.stderr}
	e = &shared
	err := c.run(ctx, e, args)
	var ue usageError
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "storyline %s: %s\nusage: storyline %s %s\n", c.name, ue.msg, c.name, c.usage)
		return 2
	case errors.Is(err, errFailed):
		return 1
	default:
		fmt.Fprintf(e.stderr, "storyline %s: %v\n", c.name, err)
		return 1
	}
}

func printUsage(w io.Writer) {
	fmt.Fprint(w, `storyline turns news reports about a developing story into a sourced account:
a timeline dated by when things happened, who said what, and which claims
independent sources corroborate, dispute or deny.

Usage: storyline <command> [options] [arguments]

Commands:
`)
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprint(w, `
Every command that reads or writes a database takes --db PATH
(default ./storyline.db, or $STORYLINE_DB). Run "storyline help <command>"
for a command's options. Exit status: 0 ok, 1 runtime error, 2 usage error.
`)
}

// newFlags returns a flag set for a subcommand with the --db option and
// a usage line built from the command's synopsis.
func newFlags(e *env, c *command) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	def := e.getenv("STORYLINE_DB")
	if def == "" {
		def = "storyline.db"
	}
	db := fs.String("db", def, "database file (SQLite; env STORYLINE_DB; the commands that store reports create it)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: storyline %s %s\n\n%s\n\nOptions:\n", c.name, c.usage, c.summary)
		fs.PrintDefaults()
	}
	return fs, db
}

// parse parses args, mapping flag errors to usage errors, which
// runCommand reports in two lines: the flag package would print the whole
// option list after its own message too. No count, size or id is
// negative.
func parse(fs *flag.FlagSet, args []string) error {
	out := fs.Output()
	fs.SetOutput(io.Discard)
	err := fs.Parse(interleave(fs, args))
	fs.SetOutput(out)
	if errors.Is(err, flag.ErrHelp) {
		fs.Usage()
		return err
	}
	if err != nil {
		return usageError{err.Error()}
	}
	fs.Visit(func(f *flag.Flag) {
		var negative bool
		switch v := f.Value.(flag.Getter).Get().(type) {
		case int:
			negative = v < 0
		case int64:
			negative = v < 0
		}
		if negative && err == nil {
			err = usagef("--%s must not be negative", f.Name)
		}
	})
	return err
}

// checkStory fails unless the story exists, so that a mistyped --story
// says so instead of printing nothing.
func checkStory(ctx context.Context, st *store.Store, id int64) error {
	if id == 0 {
		return nil
	}
	_, ok, err := st.StorySize(ctx, id)
	if err == nil && !ok {
		err = fmt.Errorf("no story %d (storyline stories lists them)", id)
	}
	return err
}

// interleave moves flags after positional arguments to the front, so that
// "storyline ingest a.txt --db x.db" works as users expect.
func interleave(fs *flag.FlagSet, args []string) []string {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if len(a) > 1 && a[0] == '-' {
			flags = append(flags, a)
			name := strings.TrimLeft(a, "-")
			if strings.Contains(name, "=") {
				continue
			}
			if f := fs.Lookup(name); f != nil {
				if bf, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && bf.IsBoolFlag() {
					continue
				}
				if i+1 < len(args) {
					flags = append(flags, args[i+1])
					i++
				}
			}
			continue
		}
		pos = append(pos, a)
	}
	return append(flags, pos...)
}

func openStore(path string) (*store.Store, error) {
	return store.Open(path)
}

// openExisting opens a database that must already exist, for the commands
// that show what is stored, so a typo in --db does not silently create
// and show an empty one.
func openExisting(path string) (*store.Store, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("database %s: %w (ingest some reports first: storyline ingest --db %s FILES)", path, errors.Unwrap(err), path)
	}
	return store.Open(path)
}

// writeList prints records as a JSON array ([] when there are none) or,
// in text, each through write, with a line saying none when there are none.
func writeList[T any](e *env, format string, xs []T, none string, write func(io.Writer, T)) error {
	if format == "json" {
		if xs == nil {
			xs = []T{}
		}
		return export.WriteJSON(e.stdout, xs)
	}
	if len(xs) == 0 {
		fmt.Fprintln(e.stdout, none)
	}
	for _, x := range xs {
		write(e.stdout, x)
	}
	return nil
}

// parseFormat parses args, then validates the --format value: flags
// are set only once parsed, so the check must follow.
func parseFormat(fs *flag.FlagSet, args []string, format *string, allowed ...string) error {
	if err := parse(fs, args); err != nil {
		return err
	}
	return checkFormat(*format, allowed...)
}

// checkFormat validates a --format value.
func checkFormat(f string, allowed ...string) error {
	for _, a := range allowed {
		if f == a {
			return nil
		}
	}
	return usagef("unknown format %q (want %s)", f, strings.Join(allowed, ", "))
}
