package notify

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"

	"trex"
)

// Webhook POSTs each notice as JSON to URL. A 2xx answer is delivery;
// anything else, or no answer within Timeout, is a failure to retry.
// With a Secret, the header X-Trex-Signature carries
// "sha256=" + hex(HMAC-SHA256(Secret, body)), so that the receiver knows
// the notice is the registry's; X-Trex-Notice carries the notice ID for
// dropping duplicates.
type Webhook struct {
	URL    string
	Secret []byte
	// Client sends the requests; nil means one with Timeout.
	Client *http.Client
	// Timeout bounds one delivery; zero means ten seconds.
	Timeout time.Duration
}

// SendNotice implements trex.NoticeSender.
func (h *Webhook) SendNotice(ctx context.Context, n trex.Notice) error {
	body, err := json.Marshal(n)
	if err != nil {
		return fmt.Errorf("notice %s: %w", n.ID, err)
	}
	timeout := h.Timeout
	if timeout == 0 {
		timeout = 10 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, h.URL, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("notice webhook %s: %w", h.URL, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Trex-Notice", n.ID)
	if len(h.Secret) > 0 {
		mac := hmac.New(sha256.New, h.Secret)
		mac.Write(body)
		req.Header.Set("X-Trex-Signature", "sha256="+hex.EncodeToString(mac.Sum(nil)))
	}
	client := h.Client
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		return fmt.Errorf("notice webhook: %w", err)
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<16))
	if resp.StatusCode/100 != 2 {
		return fmt.Errorf("notice webhook %s: answered %s", h.URL, resp.Status)
	}
	return nil
}
