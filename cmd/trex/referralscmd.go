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

const referralsUsage = `Usage: trex referrals list|resolve --url URL --token-file F [flags]

A supervisor's queue of checks that referred or hit and wait for a decision, against a
border node's API, with a supervisor token:
  list     the open referrals, the oldest first, each with its age in seconds, and the
           reason codes each resolution takes: [--limit N]
  resolve  resolve one: --id CHECK --resolution confirmed|dismissed --code CODE --reason TEXT
           (confirmed: the traveller is the restricted person; dismissed: let pass)
Prints the API's JSON answer.
`

func runReferrals(ctx context.Context, args []string) error {
	return runReferralsTo(ctx, args, os.Stdout)
}

func runReferralsTo(ctx context.Context, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("referrals", flag.ContinueOnError)
	sub, args, err := splitSubcommand(fs, referralsUsage, []string{"list", "resolve"}, args)
	if err != nil {
		return err
	}
	base := fs.String("url", "http://127.0.0.1:8080", "the border node's API")
	tokenFile := fs.String("token-file", "", "file holding a supervisor token (required)")
	limit := fs.Int("limit", 100, "list: at most this many referrals (1 to 1000)")
	id := fs.String("id", "", "resolve: the check's id (check_id in the list)")
	resolution := fs.String("resolution", "", "resolve: confirmed or dismissed")
	code := fs.String("code", "", "resolve: the reason code (one of the list's reason_codes for the resolution)")
	reason := fs.String("reason", "", "resolve: the reason, in words")
	if err := fs.Parse(args); err != nil {
		return err
	}
	token, err := readToken(*tokenFile)
	if err != nil {
		return fmt.Errorf("referrals: %w", err)
	}
	if token == "" {
		return errors.New("referrals: --token-file with a supervisor token is required")
	}
	var out []byte
	switch sub {
	case "list":
		out, err = apiCall(ctx, "GET", *base, "/v1/referrals?limit="+strconv.Itoa(*limit), token, nil)
	case "resolve":
		if *id == "" || *resolution == "" || *code == "" || *reason == "" {
			return errors.New("referrals resolve: give --id, --resolution (confirmed or dismissed), --code and --reason")
		}
		out, err = apiCall(ctx, "POST", *base, "/v1/checks/"+url.PathEscape(*id)+"/resolve", token,
			map[string]string{"resolution": *resolution, "reason_code": *code, "reason": *reason})
	}
	if err != nil {
		return fmt.Errorf("referrals %s: %w", sub, err)
	}
	_, err = w.Write(out)
	return err
}
