package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"syscall"

	"github.com/storyline/storyline/internal/fetch"
	"github.com/storyline/storyline/internal/hooks"
	"github.com/storyline/storyline/internal/server"
	"github.com/storyline/storyline/internal/store"
	"github.com/storyline/storyline/internal/watch"
)

func init() {
	register(&command{
		name:    "serve",
		usage:   "[--db PATH] [--addr HOST:PORT] [--watch] [--allow-private]",
		summary: "serve the web UI and the JSON API (/api/v1/) over the database",
		run:     runServe,
	})
}

// defaultAddr listens on loopback only: opening the server to the network
// is a decision, best made with STORYLINE_TOKEN set.
const defaultAddr = "127.0.0.1:8080"

func runServe(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, commands["serve"])
	addr := fs.String("addr", defaultAddr, "address to listen on (host:port; port 0 picks a free one)")
	watchFeeds := fs.Bool("watch", false, "also poll the subscribed feeds, as storyline watch does")
	interval := fs.Duration("interval", watch.DefaultInterval, "with --watch: time between two polls of a feed that succeeded")
	ff := addFetchFlags(fs)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: storyline serve %s\n\n%s\n\n", commands["serve"].usage, commands["serve"].summary)
		fmt.Fprint(fs.Output(), `Open the printed address in a browser. With STORYLINE_TOKEN set, every page
and API route needs that token (browsers sign in once; API clients send
"Authorization: Bearer TOKEN"). Interrupt (Ctrl-C) to stop: requests in
flight and the report being stored finish first.

Options:
`)
		fs.PrintDefaults()
	}
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	if *interval <= 0 {
		return usagef("--interval must be positive")
	}
	// A mistyped --db would otherwise serve a new, empty database.
	st, err := openExisting(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	var poll func(context.Context) error
	if *watchFeeds {
		w := watch.New(st, watch.Options{
			Client:   ff.client(e, fetch.DefaultMaxBytes),
			Interval: *interval,
			Log:      func(p watch.Poll) { fmt.Fprintf(e.stderr, "storyline watch: %v\n", p) },
			OnError:  func(err error) { fmt.Fprintf(e.stderr, "storyline watch: %v\n", err) },
		})
		poll = w.Run
	}
	deliver := func(ctx context.Context) error { return hooks.Run(ctx, st, hookOptions(e, ff.private(e))) }
	return serveStore(ctx, e, st, *addr, poll, deliver)
}

// hookOptions are the webhook delivery options of the long-running commands.
func hookOptions(e *env, allowPrivate bool) hooks.Options {
	return hooks.Options{
		AllowPrivate: allowPrivate,
		Logf:         func(format string, args ...any) { fmt.Fprintf(e.stderr, "storyline hooks: "+format+"\n", args...) },
	}
}

// serveStore serves st on addr until ctx ends; the workers (feed polling,
// webhook delivery) run beside the server and stop with it.
func serveStore(ctx context.Context, e *env, st *store.Store, addr string, workers ...func(context.Context) error) error {
	ln, err := listen(addr)
	if err != nil {
		return err
	}
	return serveOn(ctx, e, st, ln, addr, workers...)
}

// listen opens addr, saying what to do when it is taken.
func listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, fmt.Errorf("listen on %s: the address is in use (another storyline serve?); pick another with --addr, e.g. --addr 127.0.0.1:0", addr)
	}
	if err != nil {
		return nil, fmt.Errorf("listen on %s: %w", addr, err)
	}
	return ln, nil
}

// serveOn serves st on ln, opened on addr, until ctx is cancelled.
func serveOn(ctx context.Context, e *env, st *store.Store, ln net.Listener, addr string, workers ...func(context.Context) error) error {
	token := e.getenv("STORYLINE_TOKEN")
	if host, _, _ := net.SplitHostPort(addr); token == "" && !isLoopbackHost(host) {
		fmt.Fprintf(e.stderr, "storyline serve: warning: listening on %s without STORYLINE_TOKEN: anyone who can reach it can read the database\n", addr)
	}
	log := slog.New(slog.NewTextHandler(e.stderr, nil))
	h := server.New(st, server.Options{Token: token, Log: log})
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stopped := make(chan struct{}, len(workers))
	running := 0
	for _, work := range workers {
		if work == nil {
			continue
		}
		running++
		go func() {
			if err := work(ctx); err != nil && !errors.Is(err, context.Canceled) {
				fmt.Fprintf(e.stderr, "storyline serve: %v\n", err)
			}
			stopped <- struct{}{}
		}()
	}
	fmt.Fprintf(e.stdout, "Serving %s on http://%s/ (API under /api/v1/); interrupt to stop.\n", st.Path(), browsable(ln.Addr()))
	err := server.Serve(ctx, ln, h)
	cancel()
	for ; running > 0; running-- {
		<-stopped
	}
	fmt.Fprintln(e.stderr, "storyline serve: stopped")
	return err
}

func isLoopbackHost(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// browsable is an address a browser on this machine can open: a listener
// on every interface ("[::]:8080") answers on the loopback one too.
func browsable(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok || !tcp.IP.IsUnspecified() {
		return a.String()
	}
	return net.JoinHostPort("127.0.0.1", strconv.Itoa(tcp.Port))
}
