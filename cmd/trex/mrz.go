package main

import (
	"context"
	"errors"
)

func runMRZ(ctx context.Context, args []string) error {
	return errors.New("mrz: not built yet")
}
