package prom_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"trex"
	"trex/prom"
)

func TestMetricsCountRoutesAndReadBorderState(t *testing.T) {
	m := prom.New()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /v1/things/{id}", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNotFound) })
	srv := httptest.NewServer(m.Instrument(mux))
	defer srv.Close()
	for i := 0; i < 3; i++ {
		resp, err := http.Get(srv.URL + "/v1/things/SECRET-ID-" + string(rune('A'+i)))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	m.RegisterBorder("cp-1", func() prom.BorderStats {
		return prom.BorderStats{Restrictions: 5, Indexed: 4, Applied: 9, Refused: 2, DataAsOf: time.Now().Add(-3 * time.Second)}
	})
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	body, _ := io.ReadAll(rec.Body)
	text := string(body)
	for _, want := range []string{
		`trex_http_requests_total{code="404",route="GET /v1/things/{id}"} 3`,
		`trex_border_indexed{node="cp-1"} 4`,
		`trex_border_envelopes_refused_total{node="cp-1"} 2`,
		`trex_border_data_age_seconds{node="cp-1"} 3`,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	if strings.Contains(text, "SECRET-ID") {
		t.Errorf("metrics carry a raw path")
	}
}

func TestMetricsReportTheOutbox(t *testing.T) {
	m := prom.New()
	m.RegisterOutbox(func(context.Context) (trex.OutboxStats, error) {
		return trex.OutboxStats{Depth: 7, Parked: 2, OldestUnpublished: time.Now().Add(-90 * time.Second), ParkedReason: "no key"}, nil
	})
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	text := rec.Body.String()
	for _, want := range []string{"trex_outbox_depth 7", "trex_outbox_parked 2", "trex_outbox_oldest_unpublished_age_seconds 90", "trex_outbox_readable 1"} {
		if !strings.Contains(text, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}
