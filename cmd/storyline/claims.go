package main

import (
	"context"
	"fmt"
	"io"

	"github.com/storyline/storyline/internal/store"
)

var claimStatuses = []string{"", "unconfirmed", "corroborated", "disputed", "denied"}

func init() {
	register(&command{
		name:    "claims",
		usage:   "[--db PATH] [--story ID] [--status S] [--format text|json]",
		summary: "claims and how sure they are: unconfirmed, corroborated, disputed or denied",
		run:     runClaims,
	})
}

func runClaims(ctx context.Context, e *env, args []string) error {
	fs, db := newFlags(e, commands["claims"])
	storyID := fs.Int64("story", 0, "only this story")
	status := fs.String("status", "", "only claims with this status: unconfirmed, corroborated, disputed or denied")
	format := fs.String("format", "text", "output format: text or json")
	if err := parseFormat(fs, args, format, "text", "json"); err != nil {
		return err
	}
	if err := checkFormat(*status, claimStatuses...); err != nil {
		return usagef("unknown status %q", *status)
	}
	st, err := openExisting(*db)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := checkStory(ctx, st, *storyID); err != nil {
		return err
	}
	claims, err := st.Claims(ctx, store.ClaimFilter{Story: *storyID, Status: *status})
	if err != nil {
		return err
	}
	return writeList(e, *format, claims, "no claims", writeClaim)
}

// writeClaim prints a claim with its status and evidence.
func writeClaim(w io.Writer, c store.Claim) {
	who := c.Claimant
	if who == "" {
		who = "unattributed"
	}
	fmt.Fprintf(w, "[%s, %s] %s: “%s” (first reported %s)\n",
		c.Status, plural(c.IndependentSources, "source"), who, oneLine(c.Text, 300), dash(c.FirstReported))
	for _, ev := range c.Evidence {
		fmt.Fprintf(w, "    %-8s %s: “%s”\n", ev.Stance, outletOr(ev.Outlet, ev.Article), oneLine(ev.Text, 200))
	}
}
