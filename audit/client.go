package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/tlog"
)

// The API paths of a node's log.
const (
	PathCheckpoint  = "/v1/audit/checkpoint"
	PathEntries     = "/v1/audit/entries"
	PathInclusion   = "/v1/audit/proof/inclusion"
	PathConsistency = "/v1/audit/proof/consistency"
)

// MaxEntriesPage bounds the entries one GET /v1/audit/entries returns.
const MaxEntriesPage = 1000

// EntriesPage is the answer of GET /v1/audit/entries: each entry's bytes
// exactly as the log hashes them, base64 in JSON.
type EntriesPage struct {
	Entries []EntryJSON `json:"entries"`
}

// EntryJSON is one entry of an EntriesPage.
type EntryJSON struct {
	Index int64  `json:"index"`
	Data  []byte `json:"data"`
}

// InclusionJSON is the answer of GET /v1/audit/proof/inclusion.
type InclusionJSON struct {
	Index int64    `json:"index"`
	Size  int64    `json:"size"`
	Root  []byte   `json:"root"`
	Proof [][]byte `json:"proof"`
}

// ConsistencyJSON is the answer of GET /v1/audit/proof/consistency.
type ConsistencyJSON struct {
	Old   int64    `json:"old"`
	New   int64    `json:"new"`
	Proof [][]byte `json:"proof"`
}

// Client reads a node's log through its API; it is a Source.
type Client struct {
	URL   string // the node's base URL
	Token string // an auditor's bearer token; empty where the log is public
	HTTP  *http.Client
}

func (c *Client) get(ctx context.Context, path string, q url.Values) ([]byte, error) {
	u := strings.TrimSuffix(c.URL, "/") + path
	if len(q) > 0 {
		u += "?" + q.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, err
	}
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	hc := c.HTTP
	if hc == nil {
		hc = http.DefaultClient
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", path, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s: %s", path, resp.Status, strings.TrimSpace(string(body)))
	}
	return body, nil
}

func (c *Client) getJSON(ctx context.Context, path string, q url.Values, v any) error {
	body, err := c.get(ctx, path, q)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(body, v); err != nil {
		return fmt.Errorf("GET %s: %w", path, err)
	}
	return nil
}

// Checkpoint fetches the node's newest signed checkpoint.
func (c *Client) Checkpoint(ctx context.Context) ([]byte, error) {
	return c.get(ctx, PathCheckpoint, nil)
}

// Entries fetches entries [from, to), a page at a time.
func (c *Client) Entries(ctx context.Context, from, to int64) ([][]byte, error) {
	var out [][]byte
	for from < to {
		var page EntriesPage
		q := url.Values{"from": {strconv.FormatInt(from, 10)}, "to": {strconv.FormatInt(to, 10)}}
		if err := c.getJSON(ctx, PathEntries, q, &page); err != nil {
			return nil, err
		}
		if len(page.Entries) == 0 {
			break
		}
		for _, e := range page.Entries {
			out = append(out, e.Data)
		}
		from += int64(len(page.Entries))
	}
	return out, nil
}

// InclusionProof fetches the proof that entry index is in the tree of size.
func (c *Client) InclusionProof(ctx context.Context, index, size int64) (tlog.RecordProof, error) {
	var p InclusionJSON
	q := url.Values{"index": {strconv.FormatInt(index, 10)}, "size": {strconv.FormatInt(size, 10)}}
	if err := c.getJSON(ctx, PathInclusion, q, &p); err != nil {
		return nil, err
	}
	return hashes(p.Proof)
}

// ConsistencyProof fetches the proof that the tree of old is a prefix of new.
func (c *Client) ConsistencyProof(ctx context.Context, old, new int64) (tlog.TreeProof, error) {
	var p ConsistencyJSON
	q := url.Values{"old": {strconv.FormatInt(old, 10)}, "new": {strconv.FormatInt(new, 10)}}
	if err := c.getJSON(ctx, PathConsistency, q, &p); err != nil {
		return nil, err
	}
	return hashes(p.Proof)
}

func hashes(in [][]byte) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(in))
	for i, b := range in {
		if len(b) != tlog.HashSize {
			return nil, fmt.Errorf("proof hash %d: %d bytes", i, len(b))
		}
		copy(out[i][:], b)
	}
	return out, nil
}

// HashBytes turns proof hashes into the byte slices the JSON carries.
func HashBytes[H ~[]tlog.Hash](hs H) [][]byte {
	out := make([][]byte, len(hs))
	for i := range hs {
		out[i] = hs[i][:]
	}
	return out
}
