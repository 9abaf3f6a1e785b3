package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// serving runs a command that serves until its context ends, and returns
// the base URL it printed and a function that stops it and returns its
// exit status and standard error.
func serving(t *testing.T, getenv func(string) string, args ...string) (string, func() (int, string)) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	var errOut bytes.Buffer
	e := &env{stdout: pw, stderr: &errOut, stdin: strings.NewReader(""), getenv: getenv}
	done := make(chan int, 1)
	go func() {
		code := run(ctx, e, args)
		pw.Close()
		done <- code
	}()
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		addr := regexp.MustCompile(`on (http://[^/ ]+)/`)
		for sc.Scan() {
			if m := addr.FindStringSubmatch(sc.Text()); m != nil && strings.HasPrefix(sc.Text(), "Serving") {
				found <- m[1]
			}
		}
		close(found)
	}()
	stop := func() (int, string) {
		cancel()
		select {
		case code := <-done:
			return code, errOut.String()
		case <-time.After(30 * time.Second):
			t.Fatal("server did not stop within 30 s of its context ending")
			return 0, ""
		}
	}
	select {
	case base, ok := <-found:
		if !ok {
			code, stderr := stop()
			t.Fatalf("%v exited %d without serving: %s", args, code, stderr)
		}
		return base, stop
	case <-time.After(2 * time.Minute):
		stop()
		t.Fatalf("%v did not start serving", args)
		return "", nil
	}
}

func fetchBody(t *testing.T, req *http.Request) (int, string) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, string(b)
}

func mustRequest(t *testing.T, url string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

func noEnv(string) string { return "" }

func TestDemoServesCorpus(t *testing.T) {
	base, stop := serving(t, noEnv, "demo", "--addr", "127.0.0.1:0")
	code, page := fetchBody(t, mustRequest(t, base+"/"))
	if code != 200 || !strings.Contains(page, "/stories/") {
		t.Errorf("home page: %d, no link to a story:\n%.2000s", code, page)
	}
	code, body := fetchBody(t, mustRequest(t, base+"/api/v1/stories"))
	if code != 200 || !strings.Contains(body, `"title"`) {
		t.Errorf("/api/v1/stories: %d %.500s", code, body)
	}
	if code, stderr := stop(); code != 0 {
		t.Errorf("demo exited %d after an interrupt: %s", code, stderr)
	}
}

func TestServeRequiresTokenOnEveryRoute(t *testing.T) {
	db := filepath.Join(t.TempDir(), "demo.db")
	if _, errOut, code := runCLI(t, "demo", "--no-serve", "--db", db); code != 0 {
		t.Fatalf("demo: %d %s", code, errOut)
	}
	const token = "t0ken-for-tests"
	getenv := func(k string) string {
		if k == "STORYLINE_TOKEN" {
			return token
		}
		return ""
	}
	base, stop := serving(t, getenv, "serve", "--db", db, "--addr", "127.0.0.1:0")
	defer stop()
	withToken := func(url string) *http.Request {
		req := mustRequest(t, url)
		req.Header.Set("Authorization", "Bearer "+token)
		return req
	}
	// Every API route the OpenAPI document names, and every page.
	code, body := fetchBody(t, withToken(base+"/api/v1/openapi.json"))
	if code != 200 {
		t.Fatalf("openapi.json with the token: %d %.300s", code, body)
	}
	var doc struct {
		Paths map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal([]byte(body), &doc); err != nil || len(doc.Paths) < 10 {
		t.Fatalf("openapi.json: %v, %d paths", err, len(doc.Paths))
	}
	routes := []string{"/", "/stories/1", "/stories/1/atom", "/entities/1", "/articles/1", "/search?q=presa", "/new?since=2020-01-01", "/static/", "/no-such-page"}
	param := regexp.MustCompile(`\{[^}]+\}`)
	for p := range doc.Paths {
		routes = append(routes, "/api/v1"+strings.TrimPrefix(param.ReplaceAllString(p, "1"), "/api/v1"))
	}
	for _, r := range routes {
		if code, body := fetchBody(t, mustRequest(t, base+r)); code != http.StatusUnauthorized {
			t.Errorf("GET %s without the token: %d, want 401 (%.200s)", r, code, body)
		}
	}
	if code, _ := fetchBody(t, withToken(base+"/")); code != 200 {
		t.Errorf("home page with the token: %d", code)
	}
}

func TestServeDeliversWebhooks(t *testing.T) {
	got := make(chan string, 16)
	receiver := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		got <- string(b)
	}))
	defer receiver.Close()
	// A hook hears of what arrives after it was added: here, while the
	// server runs, the whole demo corpus.
	db := filepath.Join(t.TempDir(), "demo.db")
	if _, errOut, code := runCLI(t, "hooks", "add", receiver.URL, "--allow-private", "--db", db); code != 0 {
		t.Fatalf("hooks add: %d %s", code, errOut)
	}
	allowPrivate := func(k string) string {
		if k == "STORYLINE_ALLOW_PRIVATE" {
			return "1"
		}
		return ""
	}
	_, stop := serving(t, allowPrivate, "serve", "--db", db, "--addr", "127.0.0.1:0")
	defer stop()
	if _, errOut, code := runCLI(t, "demo", "--no-serve", "--db", db); code != 0 {
		t.Fatalf("demo: %d %s", code, errOut)
	}
	select {
	case body := <-got:
		if !strings.Contains(body, `"event":"new_story"`) {
			t.Errorf("first delivery is not a new story: %.300s", body)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve delivered no webhook within 20 s")
	}
}

func TestBrowsableAddress(t *testing.T) {
	for _, tc := range []struct {
		addr *net.TCPAddr
		want string
	}{
		{&net.TCPAddr{IP: net.IPv6unspecified, Port: 8080}, "127.0.0.1:8080"},
		{&net.TCPAddr{IP: net.IPv4zero, Port: 80}, "127.0.0.1:80"},
		{&net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 9000}, "127.0.0.1:9000"},
		{&net.TCPAddr{IP: net.ParseIP("192.0.2.7"), Port: 8443}, "192.0.2.7:8443"},
	} {
		if got := browsable(tc.addr); got != tc.want {
			t.Errorf("browsable(%v) = %q, want %q", tc.addr, got, tc.want)
		}
	}
}

// TestDemoRefusesATakenAddressFirst: a taken address fails the demo at
// once, before it ingests and prints its summary.
func TestDemoRefusesATakenAddressFirst(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	out, errOut, code := runCLI(t, "demo", "--addr", ln.Addr().String())
	if code != 1 || !strings.Contains(errOut, "the address is in use") || out != "" {
		t.Errorf("demo on a taken address exited %d, stdout %q, stderr %q", code, out, errOut)
	}
}
