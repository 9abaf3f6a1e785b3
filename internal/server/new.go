package server

import (
	"net/http"

	"github.com/storyline/storyline/internal/server/api"
	"github.com/storyline/storyline/internal/server/web"
	"github.com/storyline/storyline/internal/store"
)

// New returns the handler serving the API under /api/v1/ and the web UI
// everywhere else.
func New(st *store.Store, opts Options) http.Handler {
	return compose(api.New(st), web.New(st), opts)
}
