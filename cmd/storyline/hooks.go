package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/storyline/storyline/internal/hooks"
	"github.com/storyline/storyline/internal/store"
)

func init() {
	register(&command{
		name: "hooks",
		usage: "add URL [--secret S] [--events " + strings.Join(hooks.Events, ",") + "] [--allow-private] | " +
			"list [--format text|json] | remove ID|URL | test ID|URL [--allow-private] | deliver [--allow-private]",
		summary: "manage webhooks fired on new stories and claim status changes (serve and watch deliver them)",
		run:     runHooks,
	})
}

// hookActions are the subcommands of hooks.
var hookActions = map[string]func(context.Context, *env, []string) error{
	"add":     runHooksAdd,
	"list":    runHooksList,
	"remove":  runHooksRemove,
	"test":    runHooksTest,
	"deliver": runHooksDeliver,
}

func runHooks(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return usagef("no action given (add, list, remove, test or deliver)")
	}
	if args[0] == "-h" || args[0] == "--help" {
		fs, _ := newFlags(e, commands["hooks"])
		return parse(fs, args)
	}
	action, ok := hookActions[args[0]]
	if !ok {
		return usagef("unknown action %q (want add, list, remove, test or deliver)", args[0])
	}
	return action(ctx, e, args[1:])
}

// allowPrivateFlag adds --allow-private; the environment may allow
// private receivers too, as it does for feeds.
func allowPrivateFlag(fs *flag.FlagSet, e *env) func() bool {
	flagged := fs.Bool("allow-private", false, "allow loopback, private and link-local receivers (env STORYLINE_ALLOW_PRIVATE=1)")
	return func() bool { return *flagged || e.getenv("STORYLINE_ALLOW_PRIVATE") == "1" }
}

func runHooksAdd(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, commands["hooks"])
	secret := fs.String("secret", "", "sign each delivery with this secret (X-Storyline-Signature: sha256=HMAC of the body)")
	events := fs.String("events", strings.Join(hooks.Events, ","), "comma-separated events to deliver")
	allowPrivate := allowPrivateFlag(fs, e)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("hooks add: give one URL")
	}
	wanted, err := parseEvents(*events)
	if err != nil {
		return err
	}
	u := strings.TrimSpace(fs.Arg(0))
	if err := hooks.CheckURL(u, allowPrivate()); err != nil {
		return err
	}
	st, err := openStore(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	id, isNew, err := st.AddHook(ctx, &store.Hook{URL: u, Secret: *secret, Events: wanted, AllowPrivate: allowPrivate(), AddedAt: time.Now()})
	if err != nil {
		return err
	}
	verb := "added"
	if !isNew {
		verb = "updated"
	}
	fmt.Fprintf(e.stdout, "%s webhook %d  %s  (%s)\n", verb, id, u, strings.Join(wanted, ", "))
	return nil
}

// parseEvents validates a comma-separated event list.
func parseEvents(s string) ([]string, error) {
	var out []string
	for _, ev := range strings.Split(s, ",") {
		ev = strings.TrimSpace(ev)
		if ev == "" {
			continue
		}
		known := false
		for _, k := range hooks.Events {
			known = known || ev == k
		}
		if !known {
			return nil, usagef("unknown event %q (want %s)", ev, strings.Join(hooks.Events, ", "))
		}
		out = append(out, ev)
	}
	if len(out) == 0 {
		return nil, usagef("--events: give at least one of %s", strings.Join(hooks.Events, ", "))
	}
	return out, nil
}

func runHooksList(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, commands["hooks"])
	format := fs.String("format", "text", "output format: text or json")
	if err := parseFormat(fs, args, format, "text", "json"); err != nil {
		return err
	}
	st, err := openExisting(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	hs, err := st.Hooks(ctx)
	if err != nil {
		return err
	}
	return writeList(e, *format, hs, "no webhooks registered", writeHook)
}

func writeHook(w io.Writer, h store.Hook) {
	signed := ""
	if h.Signed {
		signed = ", signed"
	}
	fmt.Fprintf(w, "%4d  %s\n      events: %s%s\n", h.ID, h.URL, strings.Join(h.Events, ", "), signed)
	if h.LastAttempt.IsZero() {
		fmt.Fprintln(w, "      nothing delivered yet")
		return
	}
	status := "no answer"
	if h.LastStatus != 0 {
		status = "HTTP " + strconv.Itoa(h.LastStatus)
	}
	last := "never"
	if !h.LastDelivery.IsZero() {
		last = h.LastDelivery.UTC().Format(time.RFC3339)
	}
	fmt.Fprintf(w, "      last delivery %s; last attempt %s: %s, %s in a row\n",
		last, h.LastAttempt.UTC().Format(time.RFC3339), status, plural(h.ConsecutiveFailures, "failure"))
	if h.LastError != "" {
		fmt.Fprintf(w, "      last error: %s\n      next attempt %s\n", h.LastError, h.NextAttempt.UTC().Format(time.RFC3339))
	}
}

func runHooksRemove(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, commands["hooks"])
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return usagef("hooks remove: give the id or URL of a webhook")
	}
	st, err := openExisting(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	failed := false
	for _, arg := range fs.Args() {
		h, err := findHook(ctx, st, arg)
		if err == nil {
			err = st.RemoveHook(ctx, h.ID)
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "storyline hooks: %s: %v\n", arg, err)
			failed = true
			continue
		}
		fmt.Fprintf(e.stdout, "removed webhook %d  %s\n", h.ID, h.URL)
	}
	if failed {
		return errFailed
	}
	return nil
}

func runHooksTest(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, commands["hooks"])
	allowPrivate := allowPrivateFlag(fs, e)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("hooks test: give the id or URL of one webhook")
	}
	st, err := openExisting(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	h, err := findHook(ctx, st, fs.Arg(0))
	if err != nil {
		return err
	}
	status, err := hooks.Ping(ctx, h, hooks.Options{AllowPrivate: allowPrivate()})
	if err != nil {
		return fmt.Errorf("webhook %d: ping failed: %w", h.ID, err)
	}
	fmt.Fprintf(e.stdout, "webhook %d answered the ping with HTTP %d\n", h.ID, status)
	if h.NextAttempt.IsZero() {
		return nil
	}
	// The receiver is back: what waits for it need not wait out the backoff.
	if err := st.RetryHookNow(ctx, h.ID); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "its %s no longer waits: undelivered changes go out at the next round\n", plural(h.ConsecutiveFailures, "failure"))
	return nil
}

func runHooksDeliver(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, commands["hooks"])
	allowPrivate := allowPrivateFlag(fs, e)
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q", fs.Arg(0))
	}
	st, err := openExisting(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	stats, err := hooks.Once(ctx, st, hooks.Options{
		AllowPrivate: allowPrivate(),
		Logf:         func(format string, args ...any) { fmt.Fprintf(e.stderr, "storyline hooks: "+format+"\n", args...) },
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s delivered to %s; %s failed, %s backing off\n",
		plural(stats.Delivered, "change"), plural(stats.Hooks, "webhook"), plural(stats.Failed, "webhook"), plural(stats.Waiting, "webhook"))
	if stats.Failed > 0 {
		return errFailed
	}
	return nil
}

// findHook looks a webhook up by id or URL.
func findHook(ctx context.Context, st *store.Store, arg string) (*store.Hook, error) {
	if id, err := strconv.ParseInt(arg, 10, 64); err == nil {
		return st.HookByID(ctx, id)
	}
	h, err := st.HookByURL(ctx, strings.TrimSpace(arg))
	if errors.Is(err, store.ErrNoHook) {
		return nil, fmt.Errorf("%w (see storyline hooks list)", err)
	}
	return h, err
}
