package http_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"trex"
	thttp "trex/http"
	"trex/sqlite"
)

// TestIssuerSeesChangesThatHaveNotLeft: a restriction whose change the
// exchange has not accepted shows it under "undelivered" on its own page,
// with the attempts and the reason once it is parked, and nothing once it
// has left; so a clerk can tell a lift stuck in the registry from one the
// border has not confirmed yet.
func TestIssuerSeesChangesThatHaveNotLeft(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "registry.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	// No relay: nothing leaves the outbox unless the test says so.
	api := &thttp.Server{Registry: db, Outbox: db, Tokens: db, Log: slog.New(slog.NewTextHandler(io.Discard, nil))}
	srv := httptest.NewServer(api.Handler())
	t.Cleanup(srv.Close)
	issuer, err := db.CreateToken(ctx, &trex.Token{Role: trex.RoleIssuer, Authority: "district-court", ExpiresAt: time.Now().Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	call := func(method, path, body string) (int, string) {
		t.Helper()
		req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
		req.Header.Set("Authorization", "Bearer "+issuer)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	code, body := call("POST", "/v1/restrictions", createBody(time.Now().Add(24*time.Hour)))
	if code != http.StatusCreated {
		t.Fatalf("create: %d %s", code, body)
	}
	id := body[strings.Index(body, `"id": "`)+7:]
	id = id[:strings.Index(id, `"`)]

	if code, body = call("GET", "/v1/restrictions/"+id, ""); code != http.StatusOK ||
		!strings.Contains(body, `"undelivered"`) || !strings.Contains(body, `"attempts": 0`) {
		t.Fatalf("a change not yet published is not shown as undelivered: %d %s", code, body)
	}
	pending, err := db.PendingChanges(ctx, 10)
	if err != nil || len(pending) != 1 {
		t.Fatalf("pending = %v, %v", pending, err)
	}
	if err := db.ParkChange(ctx, pending[0].Seq, "authority district-court has no signing key valid now", time.Now().Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	if code, body = call("GET", "/v1/restrictions/"+id, ""); code != http.StatusOK || !strings.Contains(body, `"attempts": 1`) ||
		!strings.Contains(body, "has no signing key valid now") || !strings.Contains(body, `"retry_at"`) {
		t.Fatalf("a parked change is not shown with its reason and retry time: %d %s", code, body)
	}
	if err := db.MarkPublished(ctx, pending[0].Seq); err != nil {
		t.Fatal(err)
	}
	if code, body = call("GET", "/v1/restrictions/"+id, ""); code != http.StatusOK || strings.Contains(body, `"undelivered"`) {
		t.Errorf("a published change is still shown as undelivered: %d %s", code, body)
	}
}
