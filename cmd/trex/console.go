package main

import (
	"fmt"
	"log/slog"
	"net/http"

	"trex/web"
)

// withConsoles serves consoles at / of the process whose API is api; the
// consoles call api in process for everything they show and do.
func withConsoles(api http.Handler, consoles []web.Console, log *slog.Logger) (http.Handler, error) {
	h, err := web.Mount(api, &web.Server{API: api, Consoles: consoles, Log: log})
	if err != nil {
		return nil, fmt.Errorf("consoles: %w", err)
	}
	return h, nil
}
