package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"trex/mrz"
)

// runMRZ reads a machine-readable zone from stdin and prints it as JSON.
func runMRZ(ctx context.Context, args []string) error {
	return mrzCommand(args, os.Stdin, os.Stdout, os.Stderr, time.Now)
}

// mrzCommand is runMRZ with its streams and clock passed in, for tests.
func mrzCommand(args []string, stdin io.Reader, stdout, stderr io.Writer, now func() time.Time) error {
	fs := flag.NewFlagSet("mrz", flag.ContinueOnError)
	fs.SetOutput(stderr)
	ocr := fs.Bool("ocr", false, "correct unambiguous OCR misreads (O for 0, I for 1, B for 8, S for 5, ...) and list them")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "Usage: trex mrz [--ocr] < zone.txt\n\nReads the lines of a TD1, TD2, TD3, MRV-A or MRV-B zone on stdin and prints it as JSON.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("mrz: unexpected argument %q: the zone is read from stdin", fs.Arg(0))
	}
	// A zone is at most three lines of 44; anything far longer is not one.
	text, err := io.ReadAll(io.LimitReader(stdin, 64<<10))
	if err != nil {
		return fmt.Errorf("mrz: read stdin: %w", err)
	}
	z, err := mrz.Reader{Now: now, OCR: *ocr}.Read(string(text))
	if err != nil {
		return err
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(z.Record())
}
