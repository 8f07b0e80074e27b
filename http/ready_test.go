package http_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"trex"
	"trex/registry"
)

func TestReadyzSaysWhyNot(t *testing.T) {
	f := newFixture(t)
	code, body, _ := f.do(t, "GET", "/readyz", "", "")
	if code != http.StatusOK || body["status"] != "ready" {
		t.Fatalf("readyz with nothing waiting: %d %v", code, body)
	}
	f.api.Ready = func(context.Context) error {
		return trex.Errorf(trex.EUNAVAILABLE, "the oldest unpublished change has waited 2m0s (bound 30s)")
	}
	code, body, hdr := f.do(t, "GET", "/readyz", "", "")
	if code != http.StatusServiceUnavailable || hdr.Get("Content-Type") != "application/problem+json" ||
		body["detail"] != "the oldest unpublished change has waited 2m0s (bound 30s)" {
		t.Errorf("readyz when not ready: %d %s %v", code, hdr.Get("Content-Type"), body)
	}
	// Liveness is another question.
	if code, _, _ := f.do(t, "GET", "/healthz", "", ""); code != http.StatusOK {
		t.Errorf("healthz = %d while not ready, want 200", code)
	}
}

func TestIssuerTokenOnlyForAnAuthorityOnTheTrustList(t *testing.T) {
	f := newFixture(t)
	f.api.KnownAuthority = func(a string) error {
		if a == "district-court" {
			return nil
		}
		return trex.Errorf(trex.EINVALID, "authority %q is not on the trust list", a)
	}
	code, body, _ := f.do(t, "POST", "/v1/tokens", f.tokens["admin"], `{"role": "issuer", "authority": "ghost-office"}`)
	if code != http.StatusBadRequest || body["code"] != trex.EINVALID {
		t.Errorf("issuer token for an unknown authority: %d %v, want 400", code, body)
	}
	if code, body, _ := f.do(t, "POST", "/v1/tokens", f.tokens["admin"], `{"role": "issuer", "authority": "district-court"}`); code != http.StatusCreated {
		t.Errorf("issuer token for a known authority: %d %v", code, body)
	}
}

func TestCreateRefusedWhenTheAuthorityCannotSign(t *testing.T) {
	f := newFixture(t)
	svc := f.api.Registry.(*registry.Service)
	svc.CanSign = func(a string) error {
		return trex.Errorf(trex.EUNAVAILABLE, "authority %s cannot sign changes now, so nothing was stored: no key valid now", a)
	}
	code, body, hdr := f.do(t, "POST", "/v1/restrictions", f.tokens["issuer"], createBody(time.Now().Add(24*time.Hour)))
	if code != http.StatusServiceUnavailable || hdr.Get("Content-Type") != "application/problem+json" ||
		body["detail"] != "authority district-court cannot sign changes now, so nothing was stored: no key valid now" {
		t.Errorf("create for an authority that cannot sign: %d %v", code, body)
	}
	if st, _ := f.db.OutboxStats(context.Background()); st.Depth != 0 {
		t.Errorf("a refused create left %d changes waiting", st.Depth)
	}
}
