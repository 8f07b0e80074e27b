package main

import (
	"context"
	"errors"
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
	c, err := newAPICommand("reviews", reviewsUsage, []string{"list", "review"}, args, "the registry's API", "an issuer")
	if err != nil {
		return err
	}
	limit := c.Int("limit", 100, "list: at most this many restrictions")
	id := c.String("id", "", "review: the restriction's id")
	reason := c.String("reason", "", "review: a note for the issuer's own records")
	token, err := c.parse()
	if err != nil {
		return err
	}
	var out []byte
	switch c.sub {
	case "list":
		out, err = c.call(ctx, "GET", "/v1/reviews?limit="+strconv.Itoa(*limit), token, nil)
	case "review":
		if *id == "" {
			return errors.New("reviews review: give --id, the restriction's id")
		}
		out, err = c.call(ctx, "POST", "/v1/restrictions/"+url.PathEscape(*id)+"/review", token,
			map[string]string{"reason": *reason})
	}
	return printAnswer(w, "reviews "+c.sub, out, err)
}
