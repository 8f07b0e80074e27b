package screening

import (
	"context"
	"errors"
	"testing"
)

// TestRunSplitRefusesSizesOutOfRangeAndStopsWithItsContext holds that a
// split too large to build in memory, or with more queries than records,
// is refused before any work, and that a split whose context ends stops
// with the context's error rather than running to its end.
func TestRunSplitRefusesSizesOutOfRangeAndStopsWithItsContext(t *testing.T) {
	for _, cfg := range []SplitConfig{
		{Records: 0, Queries: 1},
		{Records: MaxSplitRecords + 1, Queries: 10},
		{Records: 100, Queries: 101},
		{Records: 100, Queries: 0},
	} {
		if _, err := RunSplit(context.Background(), cfg); err == nil {
			t.Errorf("split %+v was not refused", cfg)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := RunSplit(ctx, SplitConfig{Population: true, Seed: 1, Records: 1_000_000, Queries: 1000}); !errors.Is(err, context.Canceled) {
		t.Errorf("split with an ended context: %v, want context.Canceled", err)
	}
}
