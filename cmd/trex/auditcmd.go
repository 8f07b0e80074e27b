package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"trex/audit"
)

const auditUsage = `Usage: trex audit verify|show|proof|verify-decision|purges|access-exempt [flags]

  trex audit verify (--data DIR [--role R] | --url URL [--token-file F]) [--pubkey FILE] [--checkpoint FILE] [--witness-state PATH]
      verify a whole log from an untrusted copy (the database file, or a node's API):
      exit 0 when intact; otherwise name the first changed, dropped or reordered entry.
      A copy alone cannot show that entries after its newest checkpoint were not cut off:
      with --data, --url compares it with the node's newest checkpoint, and witness state
      files (--witness-state, or witness-ORIGIN.checkpoint in --data) are compared too
  trex audit show (--data DIR [--role R] | --url URL [--token-file F]) [--from N] [--to N] [--type T]
      print entries as JSON lines
  trex audit proof (--data DIR [--role R] | --url URL [--token-file F]) [--pubkey FILE] (--index I | --old N)
      print and check an inclusion proof of entry I, or a consistency proof from size N,
      against the newest signed checkpoint
  trex audit verify-decision [--pubkey FILE] [--request FILE] FILE
      check a signed decision offline: FILE is a check response (JSON) or the signed note
  trex audit purges (--data DIR [--role R] | --url URL [--token-file F]) [--from N]
      what the node purged when retention ran out (it purges by itself: the registry
      each minute, a border node each hour), as JSON lines
  trex audit access-exempt --url URL --token-file F
      how many looks at persons' records each authority or node kept from the persons'
      access logs as legally exempt (registry API, auditor token)

ROLE is "registry" or "border-ID"; with one audit-*.db in DIR it may be left out. The
public key defaults to DIR/audit-ROLE.pub; an auditor should use a copy obtained from the
node's operator, not the one beside the data being verified.
`

func runAudit(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(os.Stderr, auditUsage)
		if len(args) == 0 {
			return errors.New("audit: want a subcommand: verify, show, proof, verify-decision, purges or access-exempt")
		}
		return flag.ErrHelp
	}
	switch args[0] {
	case "verify":
		return runAuditVerify(ctx, args[1:])
	case "show":
		return runAuditShow(ctx, args[1:])
	case "proof":
		return runAuditProof(ctx, args[1:])
	case "verify-decision":
		return runAuditVerifyDecision(args[1:])
	case "purges":
		return runAuditPurges(ctx, args[1:], os.Stdout)
	case "access-exempt":
		return runAuditAccessExempt(ctx, args[1:], os.Stdout)
	}
	fmt.Fprint(os.Stderr, auditUsage)
	return fmt.Errorf("audit: unknown subcommand %q; want verify, show, proof, verify-decision, purges or access-exempt", args[0])
}

// auditSourceFlags choose the copy of a log to read.
type auditSourceFlags struct {
	data, role, url, tokenFile, pubkey *string
}

func addAuditSourceFlags(fs *flag.FlagSet) *auditSourceFlags {
	return &auditSourceFlags{
		data:      fs.String("data", "", "data directory holding the log (audit-ROLE.db)"),
		role:      fs.String("role", "", "the log's role: registry or border-ID (default: the only audit-*.db in --data)"),
		url:       fs.String("url", "", "a node's API base URL, instead of --data"),
		tokenFile: fs.String("token-file", "", "with --url: file holding an auditor token"),
		pubkey:    fs.String("pubkey", "", "the log's public key (audit-ROLE.pub); default DATA/audit-ROLE.pub"),
	}
}

// open returns the copy to read, its verifier (nil when none is known, for
// show), and a closer.
func (f *auditSourceFlags) open(needKey bool) (audit.Source, note.Verifier, func(), error) {
	var v note.Verifier
	if *f.pubkey != "" {
		var err error
		if v, err = audit.ReadVerifier(*f.pubkey); err != nil {
			return nil, nil, nil, err
		}
	}
	switch {
	case *f.url != "" && *f.data != "":
		return nil, nil, nil, errors.New("give --data or --url, not both")
	case *f.url != "":
		if needKey && v == nil {
			return nil, nil, nil, errors.New("--url needs --pubkey: the log's public key, from its operator")
		}
		c := &audit.Client{URL: *f.url}
		if *f.tokenFile != "" {
			b, err := os.ReadFile(*f.tokenFile)
			if err != nil {
				return nil, nil, nil, fmt.Errorf("--token-file: %w", err)
			}
			c.Token = strings.TrimSpace(string(b))
		}
		return c, v, func() {}, nil
	case *f.data == "":
		return nil, nil, nil, errors.New("give --data DIR (the log's data directory) or --url URL (a node's API)")
	}
	role := *f.role
	if role == "" {
		dbs, _ := filepath.Glob(filepath.Join(*f.data, "audit-*.db"))
		if len(dbs) != 1 {
			return nil, nil, nil, fmt.Errorf("--data %s holds %d audit logs; name one with --role", *f.data, len(dbs))
		}
		role = strings.TrimSuffix(strings.TrimPrefix(filepath.Base(dbs[0]), "audit-"), ".db")
	}
	if v == nil && needKey {
		var err error
		if v, err = audit.ReadVerifier(audit.PublicKeyPath(*f.data, role)); err != nil {
			return nil, nil, nil, err
		}
	}
	src, err := audit.OpenFile(audit.DBPath(*f.data, role))
	if err != nil {
		return nil, nil, nil, err
	}
	return src, v, func() { src.Close() }, nil
}

func runAuditVerify(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("audit verify", flag.ContinueOnError)
	describe(fs, "Usage: trex audit verify (--data DIR [--role R] | --url URL [--token-file F]) [--pubkey FILE] [--checkpoint FILE] [--witness-state PATH]\n\n"+
		"Verifies a whole log against its newest signed checkpoint; exit 0 when intact. A copy alone cannot show that entries\n"+
		"after its newest checkpoint were not cut off: with --data, --url also compares the copy with the node's newest\n"+
		"checkpoint, and any witness state file found (--witness-state, or witness-ORIGIN.checkpoint in --data) is compared too.\n")
	sf := addAuditSourceFlags(fs)
	var files, states multiFlag
	fs.Var(&files, "checkpoint", "a checkpoint of this log seen before (e.g. by a witness): the copy must extend it; repeatable")
	fs.Var(&states, "witness-state", "a witness's state: its witness-ORIGIN.checkpoint file, or the data directory holding it; repeatable")
	if err := fs.Parse(args); err != nil {
		return err
	}
	// With --data, --url names the node whose newest checkpoint the copy
	// is compared with, not the copy to read.
	var live *audit.Client
	if *sf.data != "" && *sf.url != "" {
		live = &audit.Client{URL: *sf.url}
		if *sf.tokenFile != "" {
			b, err := os.ReadFile(*sf.tokenFile)
			if err != nil {
				return fmt.Errorf("audit verify: --token-file: %w", err)
			}
			live.Token = strings.TrimSpace(string(b))
		}
		*sf.url = ""
	}
	src, v, done, err := sf.open(true)
	if err != nil {
		return fmt.Errorf("audit verify: %w", err)
	}
	defer done()
	rep, err := audit.Verify(ctx, src, v)
	if err != nil {
		return fmt.Errorf("audit verify: %w", err)
	}
	if rep.Problem != nil {
		return fmt.Errorf("audit verify: log %s: %s (checkpoint of %d entries, copy of %d)", rep.Checkpoint.Origin, rep.Problem.Detail, rep.Checkpoint.Size, rep.Entries)
	}
	seen, err := seenCheckpoints(ctx, v, files, states, *sf.data, live)
	if err != nil {
		return fmt.Errorf("audit verify: log %s: %w", rep.Checkpoint.Origin, err)
	}
	for _, s := range seen {
		if err := extends(ctx, src, rep.Checkpoint, s); err != nil {
			return fmt.Errorf("audit verify: log %s: %w", rep.Checkpoint.Origin, err)
		}
	}
	fmt.Printf("log %s: intact: %d entries, signed checkpoint of %d entries, root %x\n", rep.Checkpoint.Origin, rep.Entries, rep.Checkpoint.Size, rep.Checkpoint.Root[:])
	for _, s := range seen {
		fmt.Printf("  extends the checkpoint of %d entries seen at %s\n", s.cp.Size, s.from)
	}
	if len(seen) == 0 {
		fmt.Println("  " + notProven)
	}
	return nil
}

// multiFlag is a repeatable string flag.
type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(s string) error { *m = append(*m, s); return nil }

func runAuditShow(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("audit show", flag.ContinueOnError)
	describe(fs, "Usage: trex audit show (--data DIR [--role R] | --url URL [--token-file F]) [--from N] [--to N]\n\nPrints entries as JSON lines: {\"index\", \"entry\"}.\n")
	sf := addAuditSourceFlags(fs)
	from := fs.Int64("from", 0, "first entry")
	to := fs.Int64("to", 1<<62, "entry after the last")
	typ := fs.String("type", "", "only entries of this type (e.g. "+audit.TypePurged+")")
	if err := fs.Parse(args); err != nil {
		return err
	}
	src, _, done, err := sf.open(false)
	if err != nil {
		return fmt.Errorf("audit show: %w", err)
	}
	defer done()
	if *typ != "" {
		return showEntries(ctx, os.Stdout, src, *from, *to, *typ)
	}
	return showEntries(ctx, os.Stdout, src, *from, *to)
}

// showEntries prints entries [from, to) as JSON lines; with types given,
// only the entries of those types.
func showEntries(ctx context.Context, w io.Writer, src audit.Source, from, to int64, types ...string) error {
	enc := json.NewEncoder(w)
	for from < to {
		page, err := src.Entries(ctx, from, min(to, from+audit.MaxEntriesPage))
		if err != nil {
			return fmt.Errorf("audit show: %w", err)
		}
		if len(page) == 0 {
			return nil
		}
		for _, data := range page {
			if !entryOfType(data, types) {
				from++
				continue
			}
			if err := enc.Encode(map[string]any{"index": from, "entry": json.RawMessage(data)}); err != nil {
				return err
			}
			from++
		}
	}
	return nil
}

func runAuditProof(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("audit proof", flag.ContinueOnError)
	describe(fs, "Usage: trex audit proof (--data DIR [--role R] | --url URL [--token-file F]) [--pubkey FILE] (--index I | --old N)\n\nPrints a proof against the newest signed checkpoint, and checks it.\n")
	sf := addAuditSourceFlags(fs)
	index := fs.Int64("index", -1, "prove that entry I is in the log")
	old := fs.Int64("old", 0, "prove that the log of N entries is a prefix of the log")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if (*index >= 0) == (*old > 0) {
		return errors.New("audit proof: give --index I or --old N")
	}
	src, v, done, err := sf.open(true)
	if err != nil {
		return fmt.Errorf("audit proof: %w", err)
	}
	defer done()
	msg, err := src.Checkpoint(ctx)
	if err != nil {
		return fmt.Errorf("audit proof: %w", err)
	}
	cp, err := audit.OpenCheckpoint(msg, v)
	if err != nil {
		return fmt.Errorf("audit proof: %w", err)
	}
	out := map[string]any{"checkpoint": string(msg)}
	if *index >= 0 {
		if *index >= cp.Size {
			return fmt.Errorf("audit proof: entry %d is not in the checkpoint of %d entries", *index, cp.Size)
		}
		entries, err := src.Entries(ctx, *index, *index+1)
		if err != nil || len(entries) != 1 {
			return fmt.Errorf("audit proof: entry %d: not in the copy (%v)", *index, err)
		}
		p, err := src.InclusionProof(ctx, *index, cp.Size)
		if err == nil {
			err = tlog.CheckRecord(p, cp.Size, cp.Root, *index, tlog.RecordHash(entries[0]))
		}
		if err != nil {
			return fmt.Errorf("audit proof: entry %d is not proven in the checkpoint: %w", *index, err)
		}
		out["inclusion"] = audit.InclusionJSON{Index: *index, Size: cp.Size, Root: cp.Root[:], Proof: audit.HashBytes(p)}
		out["entry"] = json.RawMessage(entries[0])
	} else {
		if *old > cp.Size {
			return fmt.Errorf("audit proof: --old %d is past the checkpoint of %d entries", *old, cp.Size)
		}
		p, err := src.ConsistencyProof(ctx, *old, cp.Size)
		if err != nil {
			return fmt.Errorf("audit proof: %w", err)
		}
		out["consistency"] = audit.ConsistencyJSON{Old: *old, New: cp.Size, Proof: audit.HashBytes(p)}
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func runAuditVerifyDecision(args []string) error {
	fs := flag.NewFlagSet("audit verify-decision", flag.ContinueOnError)
	describe(fs, "Usage: trex audit verify-decision --pubkey FILE [--request FILE] FILE\n\nChecks a node's signed decision offline: FILE is the check response as received (JSON with \"signature\") or the signed note.\n")
	pubkey := fs.String("pubkey", "", "the node's audit public key (audit-border-ID.pub); required")
	request := fs.String("request", "", "the request body that was sent, to check the decision answers it")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *pubkey == "" || fs.NArg() != 1 {
		return errors.New("audit verify-decision: give --pubkey FILE and one FILE (the check response)")
	}
	v, err := audit.ReadVerifier(*pubkey)
	if err != nil {
		return fmt.Errorf("audit verify-decision: %w", err)
	}
	doc, err := os.ReadFile(fs.Arg(0))
	if err != nil {
		return fmt.Errorf("audit verify-decision: %w", err)
	}
	var req []byte
	if *request != "" {
		if req, err = os.ReadFile(*request); err != nil {
			return fmt.Errorf("audit verify-decision: %w", err)
		}
	}
	d, err := audit.VerifyDecision(doc, v, req)
	if err != nil {
		return fmt.Errorf("audit verify-decision: %w", err)
	}
	fmt.Printf("decision %s on check %s of %s: log index %d, in the signed tree of %d entries (root %x)\n",
		d.Verdict, d.CheckID, d.Origin, d.LogIndex, d.TreeSize, d.Root[:])
	return nil
}
