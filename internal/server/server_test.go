package server

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"
)

// echo stands for the API and the UI: it names the part that answered.
func echo(name string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, name+" "+r.URL.Path)
	})
}

func newTestServer(t *testing.T, opts Options) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(compose(echo("api"), echo("web"), opts))
	t.Cleanup(srv.Close)
	return srv
}

func noRedirects(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

func get(t *testing.T, c *http.Client, u string, header http.Header) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestRoutesReachTheirPart(t *testing.T) {
	srv := newTestServer(t, Options{})
	for path, want := range map[string]string{
		"/":                      "web /",
		"/stories/3":             "web /stories/3",
		"/api/v1/stories":        "api /api/v1/stories",
		"/api/v1/openapi.json":   "api /api/v1/openapi.json",
		"/static/storyline.css":  "web /static/storyline.css",
		"/api/v2/not-a-version":  "web /api/v2/not-a-version",
		"/stories/3/atom?x=<a>1": "web /stories/3/atom",
	} {
		resp, body := get(t, srv.Client(), srv.URL+path, nil)
		if resp.StatusCode != 200 || body != want {
			t.Errorf("GET %s: %d %q, want %q", path, resp.StatusCode, body, want)
		}
		if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
			t.Errorf("GET %s: Content-Security-Policy %q lacks script-src 'self'", path, csp)
		}
		if resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: no X-Content-Type-Options: nosniff", path)
		}
	}
}

func TestTokenRequiredEverywhere(t *testing.T) {
	const token = "s3cret-Token"
	srv := newTestServer(t, Options{Token: token})
	c := srv.Client()
	c.CheckRedirect = noRedirects
	for _, path := range []string{"/", "/stories/1", "/api/v1/stories", "/api/v1/openapi.json", "/static/app.js", "/login", "/nowhere"} {
		resp, body := get(t, c, srv.URL+path, nil)
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("GET %s without token: %d, want 401", path, resp.StatusCode)
		}
		if strings.Contains(body, "api ") || strings.Contains(body, "web ") {
			t.Errorf("GET %s without token reached the handler: %q", path, body)
		}
		if !strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), "Bearer") {
			t.Errorf("GET %s: 401 without a WWW-Authenticate: Bearer header", path)
		}
		resp, _ = get(t, c, srv.URL+path, http.Header{"Authorization": {"Bearer wrong"}})
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("GET %s with a wrong token: %d, want 401", path, resp.StatusCode)
		}
		resp, body = get(t, c, srv.URL+path, http.Header{"Authorization": {"Bearer " + token}})
		if resp.StatusCode != 200 || !strings.HasSuffix(body, " "+path) {
			t.Errorf("GET %s with the token: %d %q", path, resp.StatusCode, body)
		}
	}
	// The API's 401 is JSON; a browser's is the sign-in form.
	resp, body := get(t, c, srv.URL+"/api/v1/stories", http.Header{"Accept": {"text/html"}})
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") || !strings.Contains(body, `"status":401`) {
		t.Errorf("API 401: %s %q", ct, body)
	}
	resp, body = get(t, c, srv.URL+"/stories/1?lang=es", http.Header{"Accept": {"text/html,application/xhtml+xml"}})
	if !strings.Contains(body, `<form method="post" action="/login">`) || !strings.Contains(body, `value="/stories/1?lang=es"`) {
		t.Errorf("page 401 lacks the sign-in form returning to the page:\n%s", body)
	}
}

func TestLoginSetsCookie(t *testing.T) {
	const token = "another-token"
	srv := newTestServer(t, Options{Token: token})
	c := srv.Client()
	c.CheckRedirect = noRedirects
	post := func(form url.Values) *http.Response {
		resp, err := c.PostForm(srv.URL+"/login", form)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	// A wrong token gets the form again with a message, as a browser
	// posts it, and never the token typed.
	for _, wrong := range []string{"nope-Wrong-42", token + " ", ""} {
		resp, err := c.PostForm(srv.URL+"/login", url.Values{"token": {wrong}, "next": {"/stories/2"}})
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		page := string(body)
		if resp.StatusCode != http.StatusUnauthorized || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
			t.Errorf("login with token %q: %d %s, want a 401 page", wrong, resp.StatusCode, resp.Header.Get("Content-Type"))
		}
		if !strings.Contains(page, "That token is not right") || !strings.Contains(page, `<form method="post" action="/login">`) || !strings.Contains(page, `value="/stories/2"`) {
			t.Errorf("login with token %q: no message, or no form returning to the page:\n%s", wrong, page)
		}
		if wrong != "" && strings.Contains(page, strings.TrimSpace(wrong)) {
			t.Errorf("login with token %q: the page echoes the token", wrong)
		}
	}
	// Only a refused token gets the message.
	resp0, first := get(t, c, srv.URL+"/stories/2", http.Header{"Accept": {"text/html"}})
	if resp0.StatusCode != http.StatusUnauthorized || strings.Contains(first, "not right") {
		t.Errorf("first sign-in page: %d, message shown before any token was typed", resp0.StatusCode)
	}
	resp := post(url.Values{"token": {token}, "next": {"/stories/2?lang=en"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/stories/2?lang=en" {
		t.Fatalf("login: %d to %q, want 303 to /stories/2?lang=en", resp.StatusCode, resp.Header.Get("Location"))
	}
	var cookie *http.Cookie
	for _, ck := range resp.Cookies() {
		if ck.Name == tokenCookie {
			cookie = ck
		}
	}
	if cookie == nil || !cookie.HttpOnly || cookie.SameSite != http.SameSiteStrictMode {
		t.Fatalf("login cookie: %+v, want an HttpOnly SameSite=Strict %s", cookie, tokenCookie)
	}
	resp, body := get(t, c, srv.URL+"/stories/2", http.Header{"Cookie": {cookie.String()}})
	if resp.StatusCode != 200 || body != "web /stories/2" {
		t.Errorf("with the cookie: %d %q", resp.StatusCode, body)
	}
	// A crafted next must not send the reader to another site.
	for _, next := range []string{"//evil.example/", "https://evil.example/x", "javascript:alert(1)", "/\\evil.example"} {
		resp := post(url.Values{"token": {token}, "next": {next}})
		loc := resp.Header.Get("Location")
		if !strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.ContainsAny(loc, "\\:") {
			t.Errorf("login with next=%q redirects to %q", next, loc)
		}
	}
}

func TestPanicBecomes500(t *testing.T) {
	boom := http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") })
	srv := httptest.NewServer(compose(boom, boom, Options{}))
	defer srv.Close()
	resp, _ := get(t, srv.Client(), srv.URL+"/api/v1/stories", nil)
	if resp.StatusCode != http.StatusInternalServerError {
		t.Errorf("panicking handler: %d, want 500", resp.StatusCode)
	}
}

func TestServeLetsRequestsInFlightFinish(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	started := make(chan struct{})
	slow := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		close(started)
		time.Sleep(200 * time.Millisecond)
		io.WriteString(w, "finished")
	})
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- Serve(ctx, ln, slow) }()
	got := make(chan string, 1)
	go func() {
		resp, err := http.Get("http://" + ln.Addr().String() + "/")
		if err != nil {
			got <- err.Error()
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		got <- string(b)
	}()
	<-started
	cancel()
	if body := <-got; body != "finished" {
		t.Errorf("request in flight during shutdown got %q", body)
	}
	if err := <-served; err != nil {
		t.Errorf("Serve: %v", err)
	}
	if _, err := http.Get("http://" + ln.Addr().String() + "/"); err == nil {
		t.Error("server still answers after shutdown")
	}
}
