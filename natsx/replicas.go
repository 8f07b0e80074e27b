package natsx

import (
	"context"
	"fmt"

	"github.com/nats-io/nats.go/jetstream"
)

// ClusterReplicas is how many copies of each stream a clustered exchange
// keeps: losing one server, the leader among them, loses neither a change
// nor the ability to publish.
const ClusterReplicas = 3

// Replicas decides how many replicas the trex streams get: n when it is
// positive (at most five, as JetStream allows), otherwise ClusterReplicas
// when the server js is connected to belongs to a cluster and one on a
// single server, which cannot hold more.
func Replicas(_ context.Context, js jetstream.JetStream, n int) (int, error) {
	switch {
	case n > 5:
		return 0, fmt.Errorf("stream replicas %d: JetStream keeps at most 5", n)
	case n > 0:
		return n, nil
	case n < 0:
		return 0, fmt.Errorf("stream replicas %d: give a positive number, or 0 to choose by the exchange", n)
	}
	if js.Conn().ConnectedClusterName() == "" {
		return 1, nil
	}
	return ClusterReplicas, nil
}
