package main

import (
	"context"
	"errors"
)

func runScreen(ctx context.Context, args []string) error {
	return errors.New("screen: not built yet")
}
