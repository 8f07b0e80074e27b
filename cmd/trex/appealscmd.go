package main

import (
	"context"
	"errors"
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
	c, err := newAPICommand("appeals", appealsUsage, []string{"list", "decide"}, args, "the registry's API", "an issuer")
	if err != nil {
		return err
	}
	limit := c.Int("limit", 100, "list: at most this many appeals (1 to 1000)")
	id := c.String("id", "", "decide: the appeal's id")
	outcome := c.String("outcome", "", "decide: uphold or lift")
	reason := c.String("reason", "", "decide: the reason, told to the person")
	token, err := c.parse()
	if err != nil {
		return err
	}
	var out []byte
	switch c.sub {
	case "list":
		out, err = c.call(ctx, "GET", "/v1/appeals?limit="+strconv.Itoa(*limit), token, nil)
	case "decide":
		if *id == "" || *outcome == "" || *reason == "" {
			return errors.New("appeals decide: give --id, --outcome (uphold or lift) and --reason")
		}
		out, err = c.call(ctx, "POST", "/v1/appeals/"+url.PathEscape(*id)+"/decide", token,
			map[string]string{"outcome": *outcome, "reason": *reason})
	}
	return printAnswer(w, "appeals "+c.sub, out, err)
}
