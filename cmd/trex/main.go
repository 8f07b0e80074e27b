// Command trex runs the travel-restriction exchange: the issuer's registry,
// border nodes, the screening and document tools, and a demo that runs all
// of it in one process.
//
// Each subcommand lives in its own file and is wired here by hand.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

const usage = `trex — travel-restriction exchange

Usage: trex <command> [flags]

Commands:
  demo     run registry, embedded NATS, a border node and the API in one process
  serve    run the issuer's registry and API
  border   run a border node with its own API
  nats     run the exchange alone: NATS with JetStream, mutual TLS, per-role permissions
  pki      create the exchange's CA and issue certificates (init, issue, withdraw)
  keys     list, rotate or revoke authorities' signing keys in the signed trust list
  token    create, list or revoke API tokens
  audit    verify a node's audit log, show entries, proofs and purges, verify a signed decision, exempt counts
  person   a person's status, access log and appeal, without an account (against the API)
  appeals  an issuing authority's appeal queue and decisions (against the API)
  reviews  an issuing authority's restrictions due for review, and reviews (against the API)
  referrals a supervisor's queue of referred checks with their age, and resolutions (against the API)
  screen   screen FtM person queries against records (JSON lines) in batch
  bench    measure a border node, its API, the registry and propagation to border nodes (--json)
  mrz      read a machine-readable zone from stdin and print it as JSON
  paxlst   read a UN/EDIFACT PAXLST passenger manifest and print it as JSON

Run 'trex <command> -h' for a command's flags; -h reads and writes nothing.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:]); err != nil {
		switch {
		case errors.Is(err, flag.ErrHelp): // -h: usage was asked for and printed
			os.Exit(0)
		case errors.Is(err, errNoCommand):
			os.Exit(2)
		}
		fmt.Fprintln(os.Stderr, "trex:", err)
		os.Exit(1)
	}
}

// errNoCommand is returned, after the usage is printed, when trex is run
// without a command.
var errNoCommand = errors.New("no command given")

func run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(os.Stderr, usage)
		return errNoCommand
	}
	cmd, args := args[0], args[1:]
	switch cmd {
	case "demo":
		return runDemo(ctx, args)
	case "serve":
		return runServe(ctx, args)
	case "border":
		return runBorder(ctx, args)
	case "nats":
		return runNATS(ctx, args)
	case "pki":
		return runPKI(ctx, args)
	case "keys":
		return runKeys(ctx, args)
	case "token":
		return runToken(ctx, args)
	case "audit":
		return runAudit(ctx, args)
	case "person":
		return runPerson(ctx, args)
	case "appeals":
		return runAppeals(ctx, args)
	case "reviews":
		return runReviews(ctx, args)
	case "referrals":
		return runReferrals(ctx, args)
	case "screen":
		return runScreen(ctx, args)
	case "mrz":
		return runMRZ(ctx, args)
	case "paxlst":
		return runPaxlst(ctx, args)
	case "bench":
		return runBench(ctx, args)
	case "help", "-h", "--help":
		fmt.Fprint(os.Stdout, usage)
		return nil
	}
	fmt.Fprint(os.Stderr, usage)
	return fmt.Errorf("unknown command %q", cmd)
}
