package natsx

import (
	"errors"
	"fmt"
	"testing"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// TestLeaderlessStreamIsTheExchangeDown: JetStream's 503 answers (a stream
// electing a leader after a server was lost, no quorum) make the relay back
// off as a whole instead of parking each change for up to a minute; any
// other API error refuses only the change it answers.
func TestLeaderlessStreamIsTheExchangeDown(t *testing.T) {
	for _, c := range []struct {
		err  error
		down bool
	}{
		{fmt.Errorf("publish: %w", &jetstream.APIError{Code: 503, ErrorCode: 10008, Description: "JetStream system temporarily unavailable"}), true},
		{&nats.APIError{Code: 503, ErrorCode: 10008, Description: "JetStream system temporarily unavailable"}, true},
		{fmt.Errorf("publish: %w", nats.ErrNoResponders), true},
		{&jetstream.APIError{Code: 400, ErrorCode: 10060, Description: "expected stream sequence does not match"}, false},
		{errors.New("signature refused"), false},
	} {
		if got := exchangeDown(c.err); got != c.down {
			t.Errorf("exchangeDown(%v) = %v, want %v", c.err, got, c.down)
		}
	}
}
