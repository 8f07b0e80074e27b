package natsx

import (
	"testing"
	"time"
)

// TestReceiptRetriesOutwaitASlowRegistry: a receipt that overtakes the
// registry's record of its own publication is delivered again after
// growing waits, about half a minute in all, before it is taken for false.
func TestReceiptRetriesOutwaitASlowRegistry(t *testing.T) {
	want := []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second, 16 * time.Second}
	var total time.Duration
	for i, w := range want {
		if got := receiptRetryDelay(uint64(i + 1)); got != w {
			t.Errorf("after delivery %d: wait %v, want %v", i+1, got, w)
		}
	}
	for d := uint64(1); d < receiptRetries; d++ {
		total += receiptRetryDelay(d)
	}
	if total < 30*time.Second || total > 2*time.Minute {
		t.Errorf("a receipt waits %v in all before it is dropped; want about half a minute", total)
	}
	if got := receiptRetryDelay(0); got != time.Second {
		t.Errorf("a message without a delivery count waits %v, want 1s", got)
	}
}
