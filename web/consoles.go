package web

import (
	"net/http"
	"slices"

	"trex"
)

// Console is one of the consoles a process may serve: its name (the first
// segment of its paths and the prefix of its catalog keys), the roles
// that land on it after sign-in, the languages it ships, and the routes
// it adds to the console's mux.
type Console struct {
	Name string
	// Roles land on this console after sign-in.
	Roles []trex.Role
	// Open consoles are usable without signing in (the person's).
	Open bool
	// Languages this console ships, the first the default.
	Languages []string
	// Routes registers the console's handlers (paths under /Name/).
	Routes func(s *Server, mux *http.ServeMux)
}

// Languages are the languages every console ships.
var Languages = []string{"en", "ru"}

// BorderConsoles are the consoles a border node serves: the checkpoint,
// the referrals, and the auditor's, since a node keeps the check log and
// its own audit log.
func BorderConsoles() []Console { return []Console{Checkpoint(), Supervisor(), Auditor()} }

// RegistryConsoles are the consoles a registry serves.
func RegistryConsoles() []Console { return []Console{Issuer(), Person(), Auditor()} }

// AllConsoles are the consoles the demo serves: the border node's and the
// registry's, each once.
func AllConsoles() []Console {
	var out []Console
	for _, c := range append(BorderConsoles(), RegistryConsoles()...) {
		if !slices.ContainsFunc(out, func(o Console) bool { return o.Name == c.Name }) {
			out = append(out, c)
		}
	}
	return out
}
