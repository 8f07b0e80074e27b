package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"strconv"
)

const appealsUsage = `Usage: trex appeals list|decide --url URL --token-file F [flags]

An issuing authority's appeals, against the registry's API, with an issuer token:
  list     the pending appeals, the earliest deadline first (overdue ones lead), with
           their age: [--limit N]
  decide   decide one: --id A --outcome uphold|lift --reason TEXT; lift lifts the
           restriction, which then reaches every border node like any lift
Prints the API's JSON answer.
`

func runAppeals(ctx context.Context, args []string) error { return runAppealsTo(ctx, args, os.Stdout) }

func runAppealsTo(ctx context.Context, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("appeals", flag.ContinueOnError)
	sub, args, err := splitSubcommand(fs, appealsUsage, []string{"list", "decide"}, args)
	if err != nil {
		return err
	}
	base := fs.String("url", "http://127.0.0.1:8080", "the registry's API")
	tokenFile := fs.String("token-file", "", "file holding an issuer token (required)")
	limit := fs.Int("limit", 100, "list: at most this many appeals (1 to 1000)")
	id := fs.String("id", "", "decide: the appeal's id")
	outcome := fs.String("outcome", "", "decide: uphold or lift")
	reason := fs.String("reason", "", "decide: the reason, told to the person")
	if err := fs.Parse(args); err != nil {
		return err
	}
	token, err := readToken(*tokenFile)
	if err != nil {
		return fmt.Errorf("appeals: %w", err)
	}
	if token == "" {
		return errors.New("appeals: --token-file with an issuer token is required")
	}
	var out []byte
	switch sub {
	case "list":
		out, err = apiCall(ctx, "GET", *base, "/v1/appeals?limit="+strconv.Itoa(*limit), token, nil)
	case "decide":
		if *id == "" || *outcome == "" || *reason == "" {
			return errors.New("appeals decide: give --id, --outcome (uphold or lift) and --reason")
		}
		out, err = apiCall(ctx, "POST", *base, "/v1/appeals/"+url.PathEscape(*id)+"/decide", token,
			map[string]string{"outcome": *outcome, "reason": *reason})
	}
	if err != nil {
		return fmt.Errorf("appeals %s: %w", sub, err)
	}
	_, err = w.Write(out)
	return err
}
