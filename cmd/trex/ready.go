package main

import (
	"context"
)

// allReady is ready when every check is; it reports the first that is not.
func allReady(checks ...func(context.Context) error) func(context.Context) error {
	return func(ctx context.Context) error {
		for _, c := range checks {
			if err := c(ctx); err != nil {
				return err
			}
		}
		return nil
	}
}

// registryHealth reports the outbox for /healthz (which stays liveness:
// it answers 200 whatever the outbox holds; /readyz judges it).
func registryHealth(reg *registryNode) func(context.Context) map[string]any {
	return func(ctx context.Context) map[string]any {
		st, err := reg.DB.OutboxStats(ctx)
		if err != nil {
			return map[string]any{"outbox": map[string]string{"error": "unreadable"}}
		}
		st.ParkedReason = "" // /readyz says why; liveness needs only the counts
		return map[string]any{"outbox": st}
	}
}
