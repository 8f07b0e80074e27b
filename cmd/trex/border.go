package main

import (
	"context"
	"errors"
)

func runBorder(ctx context.Context, args []string) error {
	return errors.New("border: not built yet")
}
