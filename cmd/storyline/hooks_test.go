package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

type listedHook struct {
	ID                  int      `json:"id"`
	URL                 string   `json:"url"`
	Events              []string `json:"events"`
	Signed              bool     `json:"signed"`
	Secret              string   `json:"secret"`
	LastStatus          int      `json:"last_status"`
	LastError           string   `json:"last_error"`
	LastDelivery        string   `json:"last_delivery"`
	ConsecutiveFailures int      `json:"consecutive_failures"`
}

func listHooks(t *testing.T, db string) []listedHook {
	t.Helper()
	out, errOut, code := runCLI(t, "hooks", "list", "--db", db, "--format", "json")
	if code != 0 {
		t.Fatalf("hooks list exited %d: %s", code, errOut)
	}
	var hs []listedHook
	if err := json.Unmarshal([]byte(out), &hs); err != nil {
		t.Fatalf("hooks list --format json: %v\n%s", err, out)
	}
	return hs
}

func TestHooksCommands(t *testing.T) {
	var mu sync.Mutex
	var events []string
	fail := true
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var p struct {
			Event string `json:"event"`
		}
		json.Unmarshal(body, &p)
		mu.Lock()
		defer mu.Unlock()
		events = append(events, p.Event)
		if fail && p.Event != "ping" {
			http.Error(w, "down for maintenance", http.StatusBadGateway)
			return
		}
		w.WriteHeader(http.StatusOK)
	}))
	defer receiver.Close()
	db := filepath.Join(t.TempDir(), "hooks.db")

	if _, errOut, code := runCLI(t, "hooks", "add", "--db", db, receiver.URL); code != 1 || !strings.Contains(errOut, "--allow-private") {
		t.Errorf("adding a loopback hook without --allow-private: exit %d, %q", code, errOut)
	}
	if _, errOut, code := runCLI(t, "hooks", "add", "--db", db, "--events", "new_story,gossip", "https://hooks.example.org/"); code != 2 || !strings.Contains(errOut, "gossip") {
		t.Errorf("unknown event: exit %d, %q", code, errOut)
	}
	out, errOut, code := runCLI(t, "hooks", "add", "--db", db, "--allow-private", "--secret", "hush", "--events", "new_story", receiver.URL)
	if code != 0 || !strings.HasPrefix(out, "added webhook 1 ") {
		t.Fatalf("hooks add: exit %d\n%s%s", code, out, errOut)
	}
	hs := listHooks(t, db)
	if len(hs) != 1 || hs[0].URL != receiver.URL || !hs[0].Signed || hs[0].Secret != "" || strings.Join(hs[0].Events, ",") != "new_story" {
		t.Fatalf("listed %+v", hs)
	}

	// The hook remembers that its loopback receiver was allowed.
	if out, errOut, code := runCLI(t, "hooks", "test", "--db", db, "1"); code != 0 || !strings.Contains(out, "HTTP 200") {
		t.Errorf("hooks test of a hook added with --allow-private: exit %d\n%s%s", code, out, errOut)
	}
	if out, errOut, code := runCLI(t, "hooks", "test", "--db", db, "--allow-private", receiver.URL); code != 0 || !strings.Contains(out, "HTTP 200") {
		t.Errorf("hooks test: exit %d\n%s%s", code, out, errOut)
	}

	// A story arrives while the receiver is down: the failure is listed
	// and the story is delivered once it is back.
	if _, errOut, code := runCLI(t, "ingest", "--db", db, "--quiet", filepath.Join("..", "..", "demo", "corpus", "la_voz_2026-03-03.txt")); code != 0 {
		t.Fatalf("ingest: %s", errOut)
	}
	out, errOut, code = runCLI(t, "hooks", "deliver", "--db", db)
	if code != 1 || !strings.Contains(out, "1 webhook failed") || !strings.Contains(errOut, "HTTP 502") {
		t.Errorf("deliver to a failing receiver: exit %d\n%s%s", code, out, errOut)
	}
	hs = listHooks(t, db)
	if hs[0].ConsecutiveFailures != 1 || hs[0].LastStatus != http.StatusBadGateway || !strings.Contains(hs[0].LastError, "down for maintenance") {
		t.Errorf("failing hook listed as %+v", hs[0])
	}
	out, _, _ = runCLI(t, "hooks", "list", "--db", db)
	if !strings.Contains(out, "1 failure in a row") || !strings.Contains(out, "last error") {
		t.Errorf("text list does not show the failure:\n%s", out)
	}

	mu.Lock()
	fail = false
	mu.Unlock()
	// The default backoff holds the hook for a while: deliver skips it.
	if out, _, code := runCLI(t, "hooks", "deliver", "--db", db, "--allow-private"); code != 0 || !strings.Contains(out, "1 webhook backing off") {
		t.Errorf("deliver during backoff: exit %d\n%s", code, out)
	}
	// A ping that gets through ends the wait.
	if out, errOut, code := runCLI(t, "hooks", "test", "--db", db, "--allow-private", "1"); code != 0 || !strings.Contains(out, "no longer waits") {
		t.Errorf("hooks test of a backing-off hook: exit %d\n%s%s", code, out, errOut)
	}
	if out, _, code := runCLI(t, "hooks", "deliver", "--db", db, "--allow-private"); code != 0 || !strings.HasPrefix(out, "1 change delivered") {
		t.Errorf("deliver after the ping: exit %d\n%s", code, out)
	}
	if hs := listHooks(t, db); hs[0].ConsecutiveFailures != 0 || hs[0].LastError != "" || hs[0].LastDelivery == "" {
		t.Errorf("hook after delivery: %+v", hs[0])
	}

	if out, errOut, code := runCLI(t, "hooks", "remove", "--db", db, receiver.URL, "7"); code != 1 || !strings.Contains(out, "removed webhook 1") || !strings.Contains(errOut, "no such webhook") {
		t.Errorf("hooks remove: exit %d\n%s%s", code, out, errOut)
	}
	if hs := listHooks(t, db); len(hs) != 0 {
		t.Errorf("after remove: %+v", hs)
	}
	mu.Lock()
	defer mu.Unlock()
	if got := strings.Join(events, " "); got != "ping ping new_story ping new_story" {
		t.Errorf("receiver got %s, want two pings, a failed new_story, a ping and the new_story delivered", got)
	}
}
