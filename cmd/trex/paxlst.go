package main

import (
	"context"
	"errors"
)

func runPaxlst(ctx context.Context, args []string) error {
	return errors.New("paxlst: not built yet")
}
