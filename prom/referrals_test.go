package prom_test

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"trex"
	"trex/prom"
)

func TestMetricsReportTheReferralQueue(t *testing.T) {
	m := prom.New()
	m.RegisterReferrals(func(context.Context) (trex.ReferralStats, error) {
		return trex.ReferralStats{Open: 3, Oldest: time.Now().Add(-125 * time.Second)}, nil
	})
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	text := rec.Body.String()
	for _, want := range []string{"trex_referrals_open 3", "trex_referrals_oldest_age_seconds 125"} {
		if !strings.Contains(text, want) {
			t.Errorf("metrics lack %s:\n%s", want, text)
		}
	}
}
