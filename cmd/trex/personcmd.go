package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
)

const personUsage = `Usage: trex person status|access-log|appeal --url URL (--national-id N --document D --birth-date YYYY-MM-DD | --token-file F) [flags]

What a person does without an account, against a registry's API:
  status      their restrictions (whether each applies, kind, legal basis, authority,
              dates, how to appeal) and their appeals
  access-log  who looked at their record, and when
  appeal      appeal against one of their restrictions: --restriction R --reason TEXT

All three identifiers must agree with the record; an answer with no restriction is the
same whether there is none or the details match nobody. A subject token (--token-file)
may stand in for the identifiers. Prints the API's JSON answer.
`

func runPerson(ctx context.Context, args []string) error { return runPersonTo(ctx, args, os.Stdout) }

func runPersonTo(ctx context.Context, args []string, w io.Writer) error {
	fs := flag.NewFlagSet("person", flag.ContinueOnError)
	sub, args, err := splitSubcommand(fs, personUsage, []string{"status", "access-log", "appeal"}, args)
	if err != nil {
		return err
	}
	url := fs.String("url", "http://127.0.0.1:8080", "the registry's API")
	nid := fs.String("national-id", "", "national identification number (bare, or KIND:COUNTRY:NUMBER)")
	doc := fs.String("document", "", "number of a passport or other identity document")
	birth := fs.String("birth-date", "", "full birth date, YYYY-MM-DD")
	tokenFile := fs.String("token-file", "", "file holding a subject token, instead of the identifiers")
	restriction := fs.String("restriction", "", "appeal: the restriction's id (from status)")
	reason := fs.String("reason", "", "appeal: why the restriction is wrong")
	if err := fs.Parse(args); err != nil {
		return err
	}
	token, err := readToken(*tokenFile)
	if err != nil {
		return fmt.Errorf("person: %w", err)
	}
	body := map[string]string{}
	if token == "" {
		if *nid == "" || *doc == "" || *birth == "" {
			return errors.New("person: give --national-id, --document and --birth-date (or --token-file with a subject token)")
		}
		body["national_id"], body["document_number"], body["birth_date"] = *nid, *doc, *birth
	}
	path := "/v1/subject/" + sub
	if sub == "appeal" {
		if *restriction == "" || *reason == "" {
			return errors.New("person appeal: give --restriction and --reason")
		}
		path, body["restriction_id"], body["reason"] = "/v1/appeals", *restriction, *reason
	}
	out, err := apiCall(ctx, "POST", *url, path, token, body)
	if err != nil {
		return fmt.Errorf("person %s: %w", sub, err)
	}
	_, err = w.Write(out)
	return err
}
