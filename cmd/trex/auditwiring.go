package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"trex"
	"trex/audit"
	thttp "trex/http"
)

// auditFlags are a node's audit-log flags: whether its checkpoint and
// proofs are public, and the logs of other nodes it witnesses.
type auditFlags struct {
	public    *bool
	tokenFile *string
	witness   []witnessTarget
}

// witnessTarget is one log a node witnesses: the node's URL and the public
// key of its log.
type witnessTarget struct{ url, key string }

func addAuditFlags(fs *flag.FlagSet) *auditFlags {
	f := &auditFlags{}
	f.public = fs.Bool("audit-public", false, "serve the audit log's checkpoint and proofs without a token (its entries stay an auditor's)")
	f.tokenFile = fs.String("witness-token-file", "", "file holding an auditor token for the nodes given with --witness (empty: their checkpoints are public)")
	fs.Func("witness", "witness another node's audit log: URL=PUBKEYFILE (its audit-ROLE.pub); repeatable. A split view makes GET /readyz fail", func(s string) error {
		u, k, ok := strings.Cut(s, "=")
		if !ok || u == "" || k == "" {
			return errors.New("want URL=PUBKEYFILE")
		}
		f.witness = append(f.witness, witnessTarget{url: u, key: k})
		return nil
	})
	return f
}

// witnesses makes the witnesses the flags ask for, keeping each one's last
// good checkpoint under dataDir, and runs them.
func (f *auditFlags) witnesses(dataDir string, log *slog.Logger, run func(name string, fn func(context.Context) error)) (*witnessSet, error) {
	ws := &witnessSet{}
	token := ""
	if *f.tokenFile != "" {
		b, err := os.ReadFile(*f.tokenFile)
		if err != nil {
			return nil, fmt.Errorf("--witness-token-file: %w", err)
		}
		token = strings.TrimSpace(string(b))
	}
	for _, t := range f.witness {
		v, err := audit.ReadVerifier(t.key)
		if err != nil {
			return nil, fmt.Errorf("--witness %s: %w", t.url, err)
		}
		w := &audit.Witness{Source: &audit.Client{URL: t.url, Token: token}, Verifier: v, Log: log,
			StatePath: filepath.Join(dataDir, "witness-"+v.Name()+".checkpoint")}
		ws.list = append(ws.list, w)
		run("witness "+v.Name(), w.Run)
	}
	return ws, nil
}

// witnessSet is the logs a node witnesses.
type witnessSet struct {
	list []*audit.Witness
}

// Ready fails while any witnessed log has shown a split view.
func (ws *witnessSet) Ready(context.Context) error {
	if ws == nil {
		return nil
	}
	for _, w := range ws.list {
		if err := w.Err(); err != nil {
			return trex.Errorf(trex.EUNAVAILABLE, "witness: %v", err)
		}
	}
	return nil
}

// SplitViews reports, by origin, whether each witnessed log showed a split view.
func (ws *witnessSet) SplitViews() map[string]bool {
	out := map[string]bool{}
	if ws == nil {
		return out
	}
	for _, w := range ws.list {
		out[w.Verifier.Name()] = w.Err() != nil
	}
	return out
}

// recordChangesMade appends the registry's published changes, all in one
// write.
func recordChangesMade(ctx context.Context, l *audit.Log, cs []trex.Change) error {
	entries := make([]*audit.Entry, len(cs))
	for i, c := range cs {
		r := c.Restriction
		entries[i] = &audit.Entry{Type: audit.TypeChangeMade, Node: "registry", RestrictionID: r.ID, Version: r.Version,
			Authority: r.Authority, Kind: r.Kind, Status: string(r.Status)}
	}
	_, err := l.AppendMany(ctx, entries)
	return err
}

// recordChangeApplied appends a restriction change a border node applied.
func recordChangeApplied(l *audit.Log, node string) func(ctx context.Context, r *trex.Restriction) error {
	return func(ctx context.Context, r *trex.Restriction) error {
		_, err := l.Append(ctx, &audit.Entry{Type: audit.TypeChangeApplied, Node: node, RestrictionID: r.ID, Version: r.Version,
			Authority: r.Authority, Kind: r.Kind, Status: string(r.Status)})
		return err
	}
}

// recordChangesApplied appends the changes a border node applied
// together, in one write.
func recordChangesApplied(l *audit.Log, node string) func(ctx context.Context, rs []*trex.Restriction) error {
	return func(ctx context.Context, rs []*trex.Restriction) error {
		entries := make([]*audit.Entry, len(rs))
		for i, r := range rs {
			entries[i] = &audit.Entry{Type: audit.TypeChangeApplied, Node: node, RestrictionID: r.ID, Version: r.Version,
				Authority: r.Authority, Kind: r.Kind, Status: string(r.Status)}
		}
		_, err := l.AppendMany(ctx, entries)
		return err
	}
}

// recordPurge appends a purge: the tombstone left of a restriction whose
// retention period ran out on node.
func recordPurge(l *audit.Log, node string) func(ctx context.Context, t *trex.Restriction) error {
	return func(ctx context.Context, t *trex.Restriction) error {
		_, err := l.Append(ctx, &audit.Entry{Type: audit.TypePurged, Node: node, RestrictionID: t.ID, Version: t.Version,
			Authority: t.Authority, Kind: t.Kind, Status: string(t.Status)})
		return err
	}
}

// serveAudit sets the API's audit log and whether its checkpoint and
// proofs are public.
func (f *auditFlags) serveAudit(api *thttp.Server, l *audit.Log) {
	api.Audit, api.AuditPublic = l, *f.public
}

// recordTokenChange appends a token issued or revoked by trex token to the
// audit log of the process whose database holds it: DATA/audit-ROLE.db
// beside DATA/ROLE.db (registry.db, border-ID.db).
func recordTokenChange(ctx context.Context, dbPath string, e *audit.Entry) error {
	role := strings.TrimSuffix(filepath.Base(dbPath), ".db")
	l, err := audit.OpenDir(filepath.Dir(dbPath), role)
	if err != nil {
		return fmt.Errorf("audit log: %w", err)
	}
	e.Actor, e.Role = "trex token", "operator"
	if _, err := l.Append(ctx, e); err != nil {
		l.Close()
		return fmt.Errorf("audit log: %w", err)
	}
	return l.Close()
}
