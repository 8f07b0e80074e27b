package main

import (
	"flag"
	"time"

	"trex"
	thttp "trex/http"
)

// budgetFlags are the flags that bound what callers of a node's check API
// may have screened, and how long one request may work.
type budgetFlags struct {
	Token, Role     map[trex.Role]thttp.RateLimit
	CheckTimeout    time.Duration
	ManifestTimeout time.Duration
	ManifestWorkers int
}

// addBudgetFlags declares --budget, --role-budget, --check-timeout,
// --manifest-timeout and --manifest-workers on fs.
func addBudgetFlags(fs *flag.FlagSet) *budgetFlags {
	b := &budgetFlags{Token: map[trex.Role]thttp.RateLimit{}, Role: map[trex.Role]thttp.RateLimit{}}
	fs.Func("budget", "travellers each token of a role may have screened, ROLE=PER_SECOND:BURST (e.g. carrier=5:1000); repeat per role", func(s string) error {
		role, l, err := thttp.ParseRoleBudget(s)
		b.Token[role] = l
		return err
	})
	fs.Func("role-budget", "travellers all tokens of a role together may have screened, ROLE=PER_SECOND:BURST (e.g. officer=200:20000); repeat per role", func(s string) error {
		role, l, err := thttp.ParseRoleBudget(s)
		b.Role[role] = l
		return err
	})
	fs.DurationVar(&b.CheckTimeout, "check-timeout", thttp.DefaultCheckTimeout, "longest a single check may work")
	fs.DurationVar(&b.ManifestTimeout, "manifest-timeout", thttp.DefaultManifestTimeout, "longest a manifest may work before it is answered 503")
	fs.IntVar(&b.ManifestWorkers, "manifest-workers", 0, "travellers all manifests together screen at once; 0 is half the cores, leaving the rest to single checks")
	return b
}

// apply sets the budgets on an API server before its Handler is built.
func (b budgetFlags) apply(s *thttp.Server) {
	if len(b.Token) > 0 {
		s.TokenBudgets = b.Token
	}
	if len(b.Role) > 0 {
		s.RoleBudgets = b.Role
	}
	s.CheckTimeout, s.ManifestTimeout, s.ManifestWorkers = b.CheckTimeout, b.ManifestTimeout, b.ManifestWorkers
}
