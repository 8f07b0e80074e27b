package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"

	"trex/paxlst"
)

// runPaxlst reads a PAXLST manifest from a file and prints it as JSON.
func runPaxlst(ctx context.Context, args []string) error {
	return paxlstCommand(args, os.Stdin, os.Stdout, os.Stderr)
}

// paxlstCommand is runPaxlst with its streams passed in, for tests.
func paxlstCommand(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("paxlst", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: trex paxlst FILE\n\nReads a UN/EDIFACT PAXLST manifest (FILE, or - for stdin) and prints its\nflight, travellers and warnings as JSON; warnings also go to stderr.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("paxlst: want one FILE, got %d arguments", fs.NArg())
	}
	var data []byte
	var err error
	if path := fs.Arg(0); path == "-" {
		data, err = io.ReadAll(stdin)
	} else {
		data, err = os.ReadFile(path)
	}
	if err != nil {
		return fmt.Errorf("paxlst: %w", err)
	}
	ic, err := paxlst.Parse(data)
	if err != nil {
		return err
	}
	for _, w := range ic.Warnings {
		fmt.Fprintln(stderr, "warning:", w)
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(ic.Summary())
}
