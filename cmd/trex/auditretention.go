package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"slices"

	"trex/audit"
)

// runAuditPurges prints the purges a node's audit log holds: each
// restriction whose retention period ran out and of which only a tombstone
// is left. Purges run by themselves (registry.Lifecycle, border.Node.Purge);
// this is how an operator sees what they did.
func runAuditPurges(ctx context.Context, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("audit purges", flag.ContinueOnError)
	describe(fs, `Usage: trex audit purges (--data DIR [--role R] | --url URL [--token-file F]) [--from N]

Prints the node's purges as JSON lines {"index", "entry"}: each restriction whose data was
purged when its retention period ran out (id, version, authority, kind, when). The registry
purges by itself each minute (a kind's retain_days, default 366), a border node each hour
(trex border --retention); every purge is on the audit log, which is what this reads.
`)
	sf := addAuditSourceFlags(fs)
	from := fs.Int64("from", 0, "first entry to look at")
	if err := fs.Parse(args); err != nil {
		return err
	}
	src, _, done, err := sf.open(false)
	if err != nil {
		return fmt.Errorf("audit purges: %w", err)
	}
	defer done()
	return showEntries(ctx, w, src, *from, 1<<62, audit.TypePurged)
}

// entryOfType reports whether the stored entry data is of one of types
// (any entry when types is empty).
func entryOfType(data []byte, types []string) bool {
	if len(types) == 0 {
		return true
	}
	var e struct {
		Type string `json:"type"`
	}
	return json.Unmarshal(data, &e) == nil && slices.Contains(types, e.Type)
}

// runAuditAccessExempt prints, for an auditor, how many looks at persons'
// records each authority or node kept from the persons' access logs.
func runAuditAccessExempt(ctx context.Context, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("audit access-exempt", flag.ContinueOnError)
	describe(fs, `Usage: trex audit access-exempt --url URL --token-file F

Prints {"exempt": {AUTHORITY-OR-NODE: COUNT}}: the looks at persons' records that an
authority marked legally exempt, kept from the persons' access logs and counted for the
auditors. Asks the registry's API with an auditor token.
`)
	api := addAPIFlags(fs, "audit access-exempt", "the registry's API", "an auditor")
	if err := fs.Parse(args); err != nil {
		return err
	}
	token, err := api.token()
	if err != nil {
		return err
	}
	out, err := api.call(ctx, "GET", "/v1/audit/access-exempt", token, nil)
	return printAnswer(w, "audit access-exempt", out, err)
}
