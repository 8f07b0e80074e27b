package main

import (
	"context"
	"flag"
	"fmt"
	"io"
)

// apiFlags are the flags of a command that asks a node's API with a token:
// --url and --token-file.
type apiFlags struct {
	name      string // the command, for errors ("appeals")
	role      string // whose token it wants ("an issuer")
	base      *string
	tokenFile *string
}

// addAPIFlags adds --url (api says whose API it is) and --token-file (a
// token of role, required) to fs, for the command name.
func addAPIFlags(fs *flag.FlagSet, name, api, role string) *apiFlags {
	return &apiFlags{
		name:      name,
		role:      role,
		base:      fs.String("url", "http://127.0.0.1:8080", api),
		tokenFile: fs.String("token-file", "", "file holding "+role+" token (required)"),
	}
}

// token reads the token from --token-file; none is an error.
func (f *apiFlags) token() (string, error) {
	token, err := readToken(*f.tokenFile)
	if err != nil {
		return "", fmt.Errorf("%s: %w", f.name, err)
	}
	if token == "" {
		return "", fmt.Errorf("%s: --token-file with %s token is required", f.name, f.role)
	}
	return token, nil
}

// call asks the API at --url with token.
func (f *apiFlags) call(ctx context.Context, method, path, token string, body any) ([]byte, error) {
	return apiCall(ctx, method, *f.base, path, token, body)
}

// apiCommand is a command with subcommands that asks a node's API: its
// flags, the subcommand given and the arguments after it.
type apiCommand struct {
	*flag.FlagSet
	*apiFlags
	sub  string
	args []string
}

// newAPICommand splits the subcommand (one of subs) off args, describing
// the command with usage, and adds the API flags after it.
func newAPICommand(name, usage string, subs, args []string, api, role string) (*apiCommand, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	sub, rest, err := splitSubcommand(fs, usage, subs, args)
	if err != nil {
		return nil, err
	}
	return &apiCommand{FlagSet: fs, apiFlags: addAPIFlags(fs, name, api, role), sub: sub, args: rest}, nil
}

// parse parses the arguments after the subcommand and reads the token.
func (c *apiCommand) parse() (string, error) {
	if err := c.Parse(c.args); err != nil {
		return "", err
	}
	return c.token()
}

// printAnswer writes the API's answer out to w, or returns the call's error
// in the context of what.
func printAnswer(w io.Writer, what string, out []byte, err error) error {
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	_, err = w.Write(out)
	return err
}
