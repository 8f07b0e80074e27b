package webtest

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"trex"
	"trex/audit"
	"trex/border"
	thttp "trex/http"
	"trex/registry"
	"trex/screening"
	"trex/sqlite"
	"trex/web"
)

// Stack is trex in one process for console tests: a registry and a border
// node over SQLite, their API, the consoles mounted at / in front of it,
// and a token for every role.
type Stack struct {
	API     *thttp.Server
	Node    *border.Node
	DB      *sqlite.DB // the registry's store (tokens, restrictions)
	Console *web.Server
	Server  *httptest.Server
	// Tokens are secrets by role ("officer", "supervisor", ...; "issuer"
	// signs for district-court).
	Tokens map[string]string

	offset atomic.Int64 // Advance's shift of the node's and the console's clocks
	store  atomic.Int64 // ShiftStore's shift of the registry store's clock
}

// ShiftStore sets the registry store's clock to the wall clock shifted by
// d (negative: into the past), so that what is made now is stamped as
// made then (a restriction's review falling due, an appeal filed days
// ago); ShiftStore(0) puts it back. The API's clock stays the wall clock.
func (s *Stack) ShiftStore(d time.Duration) { s.store.Store(int64(d)) }

// Now is the stack's clock: the wall clock shifted by Advance.
func (s *Stack) Now() time.Time { return time.Now().Add(time.Duration(s.offset.Load())) }

// Advance moves the border node's and the consoles' clocks forward by d,
// so that the node's data grows old without waiting.
func (s *Stack) Advance(d time.Duration) { s.offset.Add(int64(d)) }

// MaxStaleness is the stack's border node's readiness bound.
const MaxStaleness = 20 * time.Second

// StackOptions adjust a Stack.
type StackOptions struct {
	Consoles []web.Console // default web.AllConsoles()
	// Configure, when set, adjusts the API before it serves (budgets).
	Configure func(*thttp.Server)
	// Console, when set, adjusts the console server before it serves.
	Console func(*web.Server)
	// Kinds, when set, are the kinds of restriction the registry accepts
	// (as trex serve --kinds FILE gives them); default trex.DefaultKinds.
	Kinds trex.Kinds
}

// NewStack starts a Stack; everything stops when tb ends.
func NewStack(tb testing.TB, opt StackOptions) *Stack {
	tb.Helper()
	ctx := context.Background()
	dir := tb.TempDir()
	db, err := sqlite.Open(filepath.Join(dir, "registry.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	s := &Stack{Tokens: map[string]string{}}
	db.Now = func() time.Time { return time.Now().Add(time.Duration(s.store.Load())) }
	db.Kinds = opt.Kinds
	replica, err := sqlite.Open(filepath.Join(dir, "border.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { replica.Close() })
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	alog, err := audit.OpenDir(dir, "border-web")
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { alog.Close() })
	node := &border.Node{ID: "checkpoint-web", Replica: replica, Matcher: screening.New(), Log: log, Now: s.Now}
	if err := node.Open(ctx); err != nil {
		tb.Fatal(err)
	}
	node.CaughtUp(ctx, time.Now())
	relay := registry.NewRelay(db, func(ctx context.Context, c trex.Change) error {
		if err := node.ApplyChange(ctx, c); err != nil {
			return err
		}
		node.CaughtUp(ctx, time.Now())
		return nil
	}, log)
	api := &thttp.Server{Registry: &registry.Service{RestrictionService: db, Relay: relay}, Outbox: db, Checks: node, CheckLog: replica, Records: node,
		Subjects: db, Appeals: db, Tokens: db, Node: node.ID, Log: log, Audit: alog, Access: db,
		RateLimit: thttp.RateLimit{PerSecond: 1000, Burst: 1000}, Ready: node.Ready(MaxStaleness),
		Health: func(context.Context) map[string]any {
			return map[string]any{"border": node.Stats(), web.HealthStalenessKey: MaxStaleness.Seconds()}
		}}
	api.Lifecycle, api.Kinds = db, opt.Kinds
	if opt.Configure != nil {
		opt.Configure(api)
	}
	consoles := opt.Consoles
	if consoles == nil {
		consoles = web.AllConsoles()
	}
	s.API, s.Node, s.DB = api, node, db
	apiHandler := api.Handler()
	s.Console = &web.Server{API: apiHandler, Consoles: consoles, Log: log, Now: s.Now}
	if opt.Console != nil {
		opt.Console(s.Console)
	}
	h, err := web.Mount(apiHandler, s.Console)
	if err != nil {
		tb.Fatal(err)
	}
	s.Server = httptest.NewServer(h)
	tb.Cleanup(s.Server.Close)
	runCtx, cancel := context.WithCancel(ctx)
	stopped := make(chan struct{})
	go func() { relay.Run(runCtx); close(stopped) }()
	tb.Cleanup(func() { cancel(); <-stopped })
	for _, r := range []trex.Role{trex.RoleOfficer, trex.RoleSupervisor, trex.RoleAuditor, trex.RoleAdmin, trex.RoleCarrier} {
		s.Tokens[string(r)] = s.Token(tb, trex.Token{Role: r, Name: string(r) + "-web"})
	}
	s.Tokens["issuer"] = s.Token(tb, trex.Token{Role: trex.RoleIssuer, Authority: "district-court", Name: "clerk-web"})
	return s
}

// Token creates a token valid for an hour and returns its secret.
func (s *Stack) Token(tb testing.TB, tok trex.Token) string {
	tb.Helper()
	tok.ExpiresAt = time.Now().Add(time.Hour)
	secret, err := s.DB.CreateToken(context.Background(), &tok)
	if err != nil {
		tb.Fatal(err)
	}
	return secret
}

// Restrict places r through the registry and waits until the border node
// has it; it returns r with its ID.
func (s *Stack) Restrict(tb testing.TB, r *trex.Restriction) *trex.Restriction {
	tb.Helper()
	if r.Authority == "" {
		r.Authority = "district-court"
	}
	if r.ValidUntil.IsZero() {
		r.ValidUntil = time.Now().Add(365 * 24 * time.Hour)
	}
	if err := s.API.Registry.CreateRestriction(context.Background(), r); err != nil {
		tb.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for s.Node.Restriction(r.ID) == nil {
		if time.Now().After(deadline) {
			tb.Fatalf("restriction %s never reached the border node", r.ID)
		}
		time.Sleep(5 * time.Millisecond)
	}
	return r
}

// URL is the stack's address followed by path.
func (s *Stack) URL(path string) string { return s.Server.URL + path }

// Client is an HTTP client that keeps cookies and does not follow
// redirects, for tests that speak to the consoles without a browser.
func (s *Stack) Client(tb testing.TB) *http.Client {
	tb.Helper()
	jar := newJar()
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}
