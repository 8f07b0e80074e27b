package natsx

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"

	"github.com/nats-io/nats.go"

	"trex"
)

// EquivalenceSubject is where the registry answers border nodes'
// equivalence queries (request and reply, not a stream: a query that
// finds no registry is simply not answered, and the node tries later).
const EquivalenceSubject = "trex.equivalence"

// maxEquivalenceQuery bounds a query's encoded size before it is decoded.
const maxEquivalenceQuery = 64 << 10

// ServeEquivalence answers equivalence queries with answer until ctx
// ends. The registries serving one exchange form a queue group, so each
// query is answered once. A query that cannot be read or answered gets
// an error reply ({"error": ...}) rather than silence.
func ServeEquivalence(ctx context.Context, nc *nats.Conn, log *slog.Logger, answer func(context.Context, trex.EquivalenceRequest) (trex.EquivalenceAnswer, error)) error {
	sub, err := nc.QueueSubscribe(EquivalenceSubject, "trex-registry", func(m *nats.Msg) {
		reply := func(v any) {
			data, _ := json.Marshal(v)
			if err := m.Respond(data); err != nil {
				log.Warn("equivalence reply", "err", err)
			}
		}
		if len(m.Data) > maxEquivalenceQuery {
			reply(map[string]string{"error": fmt.Sprintf("query of %d bytes; at most %d", len(m.Data), maxEquivalenceQuery)})
			return
		}
		var req trex.EquivalenceRequest
		if err := json.Unmarshal(m.Data, &req); err != nil {
			reply(map[string]string{"error": "query is not an equivalence request: " + err.Error()})
			return
		}
		ans, err := answer(ctx, req)
		if err != nil {
			log.Warn("equivalence query", "node", req.Node, "err", err)
			reply(map[string]string{"error": err.Error()})
			return
		}
		reply(ans)
	})
	if err != nil {
		return fmt.Errorf("serve %s: %w", EquivalenceSubject, err)
	}
	<-ctx.Done()
	sub.Unsubscribe()
	return nil
}

// AskEquivalence sends a node's query and waits for the registry's answer
// until ctx ends: a node without a link gets an error, never a hang.
func AskEquivalence(ctx context.Context, nc *nats.Conn, req trex.EquivalenceRequest) (trex.EquivalenceAnswer, error) {
	data, err := json.Marshal(req)
	if err != nil {
		return trex.EquivalenceAnswer{}, err
	}
	m, err := nc.RequestWithContext(ctx, EquivalenceSubject, data)
	if err != nil {
		return trex.EquivalenceAnswer{}, fmt.Errorf("ask the registry for its view: %w", err)
	}
	var out struct {
		trex.EquivalenceAnswer
		Error string `json:"error"`
	}
	if err := json.Unmarshal(m.Data, &out); err != nil {
		return trex.EquivalenceAnswer{}, fmt.Errorf("the registry's view: %w", err)
	}
	if out.Error != "" {
		return trex.EquivalenceAnswer{}, errors.New("the registry refused the query: " + out.Error)
	}
	return out.EquivalenceAnswer, nil
}
