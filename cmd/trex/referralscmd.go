package main

import (
	"context"
	"errors"
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
	c, err := newAPICommand("referrals", referralsUsage, []string{"list", "resolve"}, args, "the border node's API", "a supervisor")
	if err != nil {
		return err
	}
	limit := c.Int("limit", 100, "list: at most this many referrals (1 to 1000)")
	id := c.String("id", "", "resolve: the check's id (check_id in the list)")
	resolution := c.String("resolution", "", "resolve: confirmed or dismissed")
	code := c.String("code", "", "resolve: the reason code (one of the list's reason_codes for the resolution)")
	reason := c.String("reason", "", "resolve: the reason, in words")
	token, err := c.parse()
	if err != nil {
		return err
	}
	var out []byte
	switch c.sub {
	case "list":
		out, err = c.call(ctx, "GET", "/v1/referrals?limit="+strconv.Itoa(*limit), token, nil)
	case "resolve":
		if *id == "" || *resolution == "" || *code == "" || *reason == "" {
			return errors.New("referrals resolve: give --id, --resolution (confirmed or dismissed), --code and --reason")
		}
		out, err = c.call(ctx, "POST", "/v1/checks/"+url.PathEscape(*id)+"/resolve", token,
			map[string]string{"resolution": *resolution, "reason_code": *code, "reason": *reason})
	}
	return printAnswer(w, "referrals "+c.sub, out, err)
}
