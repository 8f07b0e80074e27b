package main

import (
	"context"
	"fmt"
	"os"

	"trex"
	"trex/natsx"
)

// recordCheckReport records a border node's verified report of a check in
// the access logs of the persons whose restrictions it matched.
func recordCheckReport(log trex.AccessLog) func(context.Context, trex.CheckReport) error {
	return func(ctx context.Context, r trex.CheckReport) error {
		for _, e := range r.AccessEvents() {
			if err := log.RecordAccess(ctx, e); err != nil {
				return fmt.Errorf("check %s from %s: %w", r.CheckID, r.Node, err)
			}
		}
		return nil
	}
}

// addBorderKey accepts check reports signed with the border node key in
// file (audit-border-ID.pub).
func addBorderKey(keys *natsx.NodeKeys, file string) error {
	data, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("border key: %w", err)
	}
	if err := keys.Add(string(data)); err != nil {
		return fmt.Errorf("border key %s: %w", file, err)
	}
	return nil
}
