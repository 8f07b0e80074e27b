package prom_test

import (
	"context"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"trex"
	"trex/prom"
	"trex/sqlite"
)

// TestMetricsReportOverdueAppeals: an appeal past its deadline shows in
// trex_appeals_overdue, read from the registry's store.
func TestMetricsReportOverdueAppeals(t *testing.T) {
	ctx := context.Background()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "registry.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	r := &trex.Restriction{Person: trex.Person{Names: []trex.Name{{Surname: "Петров", Given: "Олег"}}, BirthDate: trex.MustPartialDate("1990-01-02")},
		Kind: trex.KindCourtOrder, LegalBasis: "Case 1", Authority: "district-court", ValidUntil: time.Now().Add(time.Hour)}
	if err := db.CreateRestriction(ctx, r); err != nil {
		t.Fatal(err)
	}
	if err := db.FileAppeal(ctx, &trex.Appeal{RestrictionID: r.ID, Authority: r.Authority, Kind: r.Kind, Reason: "x", DueAt: time.Now().Add(-time.Minute)}); err != nil {
		t.Fatal(err)
	}
	m := prom.New()
	m.RegisterAppeals(db.OverdueAppeals)
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	for _, want := range []string{"trex_appeals_overdue 1", "trex_appeals_readable 1"} {
		if !strings.Contains(rec.Body.String(), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}
