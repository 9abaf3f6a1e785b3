// Package server puts the JSON API and the web UI behind one handler, with
// what every route shares: the optional access token, security headers,
// recovery from panics and logging of failures.
package server

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"time"
)

// Options configure the server.
type Options struct {
	// Token, when not empty, is required by every route: as a bearer
	// token, or as the cookie that signing in on the login form sets.
	Token string
	// Log receives failed requests; nil logs nothing.
	Log *slog.Logger
	// SlowRequest logs requests that take longer (0: 1 s).
	SlowRequest time.Duration
}

// tokenCookie carries the token for browsers, which cannot send a bearer
// header on a plain link.
const tokenCookie = "storyline_token"

// contentSecurityPolicy lets pages load only their own scripts, styles and
// images: even if some outside text got through unescaped, no inline
// script or handler would run.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

func compose(apiHandler, webHandler http.Handler, opts Options) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/api/v1/", apiHandler)
	mux.Handle("/", webHandler)
	var h http.Handler = mux
	if opts.Token != "" {
		h = requireToken(opts.Token, h)
	}
	slow := opts.SlowRequest
	if slow <= 0 {
		slow = time.Second
	}
	return recoverAndLog(opts.Log, slow, securityHeaders(h))
}

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}

// requireToken answers 401 to every request without the token. Browsers
// get a sign-in form with the 401; POST /login with the right token sets
// the cookie and returns to the page asked for.
func requireToken(token string, next http.Handler) http.Handler {
	// Comparing digests keeps the comparison constant-time whatever the
	// lengths.
	want := sha256.Sum256([]byte(token))
	valid := func(got string) bool {
		sum := sha256.Sum256([]byte(got))
		return got != "" && subtle.ConstantTimeCompare(sum[:], want[:]) == 1
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if auth, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok && valid(strings.TrimSpace(auth)) {
			next.ServeHTTP(w, r)
			return
		}
		if c, err := r.Cookie(tokenCookie); err == nil && valid(c.Value) {
			next.ServeHTTP(w, r)
			return
		}
		if r.URL.Path == "/login" && r.Method == http.MethodPost {
			if valid(r.PostFormValue("token")) {
				http.SetCookie(w, &http.Cookie{
					Name: tokenCookie, Value: r.PostFormValue("token"), Path: "/",
					HttpOnly: true, SameSite: http.SameSiteStrictMode, Secure: r.TLS != nil,
				})
				http.Redirect(w, r, localPath(r.PostFormValue("next")), http.StatusSeeOther)
				return
			}
			// The sign-in form was sent: the reader needs to know why it
			// comes back, and the token typed is never echoed.
			signIn(w, loginForm{Next: localPath(r.PostFormValue("next")), Wrong: true})
			return
		}
		unauthorized(w, r)
	})
}

// localPath keeps a post-login redirect on this site.
func localPath(p string) string {
	u, err := url.Parse(p)
	if err != nil || u.Scheme != "" || u.Host != "" || !strings.HasPrefix(u.Path, "/") || strings.HasPrefix(p, "//") {
		return "/"
	}
	if u.Path == "/login" {
		return "/"
	}
	return u.RequestURI()
}

var loginPage = template.Must(template.New("login").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in · storyline</title></head>
<body><main>
<h1>storyline</h1>
<p>This server needs an access token (the value of <code>STORYLINE_TOKEN</code> it was started with).</p>
{{if .Wrong}}<p role="alert"><strong>That token is not right.</strong> Check the value the server was started with and try again.</p>
{{end}}<form method="post" action="/login">
<input type="hidden" name="next" value="{{.Next}}">
<label for="token">Token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<button type="submit">Sign in</button>
</form>
</main></body></html>
`))

// loginForm is what the sign-in page shows: where to return after it,
// and whether a token was just refused.
type loginForm struct {
	Next  string
	Wrong bool
}

func signIn(w http.ResponseWriter, form loginForm) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusUnauthorized)
	loginPage.Execute(w, form)
}

func unauthorized(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("WWW-Authenticate", `Bearer realm="storyline"`)
	if strings.HasPrefix(r.URL.Path, "/api/") || !strings.Contains(r.Header.Get("Accept"), "text/html") {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprintln(w, `{"error":{"status":401,"message":"this server needs a token: send Authorization: Bearer <STORYLINE_TOKEN>"}}`)
		return
	}
	next := r.URL.RequestURI()
	if r.URL.Path == "/login" {
		next = "/"
	}
	signIn(w, loginForm{Next: next})
}

// statusRecorder remembers the status a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 {
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

// Flush passes streaming through when the writer supports it.
func (s *statusRecorder) Flush() {
	if f, ok := s.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// recoverAndLog turns a panic into a 500 and logs server errors and slow
// requests; ordinary requests are not logged, to keep a demo quiet.
func recoverAndLog(log *slog.Logger, slow time.Duration, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				if log != nil {
					log.Error("handler panic", "method", r.Method, "path", r.URL.Path, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				}
				if rec.status == 0 {
					http.Error(rec, "internal error", http.StatusInternalServerError)
				}
				return
			}
			took := time.Since(start)
			if log != nil && (rec.status >= 500 || took > slow) {
				log.Warn("request", "method", r.Method, "path", r.URL.Path, "status", rec.status, "took", took.Round(time.Millisecond))
			}
		}()
		next.ServeHTTP(rec, r)
	})
}

// ShutdownGrace is how long Serve lets requests in flight finish.
const ShutdownGrace = 10 * time.Second

// Serve answers requests on ln until ctx ends, then shuts down gracefully:
// no new connections, requests in flight may finish.
func Serve(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.WithoutCancel(ctx), ShutdownGrace)
	defer cancel()
	err := srv.Shutdown(shutdown)
	if serveErr := <-done; serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
		return serveErr
	}
	return err
}
