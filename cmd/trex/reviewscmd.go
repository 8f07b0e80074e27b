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

const reviewsUsage = `Usage: trex reviews list|review --url URL --token-file F [flags]

An issuing authority's restrictions due for review, against the registry's API, with an
issuer token:
  list     the active restrictions whose review is due, the longest overdue first, with
           how long overdue and whether they lapse unreviewed: [--limit N]
  review   record that one was reviewed and stays in force: --id R [--reason TEXT];
           its next review falls due after its kind's review period
Prints the API's JSON answer.
`

func runReviews(ctx context.Context, args []string) error { return runReviewsTo(ctx, args, os.Stdout) }

func runReviewsTo(ctx context.Context, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("reviews", flag.ContinueOnError)
	sub, args, err := splitSubcommand(fs, reviewsUsage, []string{"list", "review"}, args)
	if err != nil {
		return err
	}
	base := fs.String("url", "http://127.0.0.1:8080", "the registry's API")
	tokenFile := fs.String("token-file", "", "file holding an issuer token (required)")
	limit := fs.Int("limit", 100, "list: at most this many restrictions")
	id := fs.String("id", "", "review: the restriction's id")
	reason := fs.String("reason", "", "review: a note for the issuer's own records")
	if err := fs.Parse(args); err != nil {
		return err
	}
	token, err := readToken(*tokenFile)
	if err != nil {
		return fmt.Errorf("reviews: %w", err)
	}
	if token == "" {
		return errors.New("reviews: --token-file with an issuer token is required")
	}
	var out []byte
	switch sub {
	case "list":
		out, err = apiCall(ctx, "GET", *base, "/v1/reviews?limit="+strconv.Itoa(*limit), token, nil)
	case "review":
		if *id == "" {
			return errors.New("reviews review: give --id, the restriction's id")
		}
		out, err = apiCall(ctx, "POST", *base, "/v1/restrictions/"+url.PathEscape(*id)+"/review", token,
			map[string]string{"reason": *reason})
	}
	if err != nil {
		return fmt.Errorf("reviews %s: %w", sub, err)
	}
	_, err = w.Write(out)
	return err
}
