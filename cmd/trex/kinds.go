package main

import (
	"flag"
	"fmt"
	"os"

	"trex"
)

// addKindsFlag adds --kinds, the file of restriction kinds a registry
// accepts.
func addKindsFlag(fs *flag.FlagSet) *string {
	return fs.String("kinds", "", `JSON file of restriction kinds: [{"name", "max_days", "appeal"}, ...]; empty uses the built-in military_call_up, court_order and debt_enforcement`)
}

// loadKinds reads the kinds in path, or returns the built-in ones when
// path is empty.
func loadKinds(path string) (trex.Kinds, error) {
	if path == "" {
		return trex.DefaultKinds(), nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("kinds: %w", err)
	}
	ks, err := trex.ParseKinds(b)
	if err != nil {
		return nil, fmt.Errorf("kinds %s: %s", path, trex.ErrorMessage(err))
	}
	return ks, nil
}
