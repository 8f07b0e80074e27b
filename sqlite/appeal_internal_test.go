package sqlite

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// TestSubjectByNumberUsesAnIndex: looking a person up by number without
// its country reads an index, not every subject key in the register.
func TestSubjectByNumberUsesAnIndex(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "r.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	rows, err := db.db.QueryContext(context.Background(), `EXPLAIN QUERY PLAN SELECT restriction_id FROM restriction_keys
		WHERE `+keyNumber+` = ? AND key LIKE ? ESCAPE '\'`, "4509123456", `national\_id:%:4509123456`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	if p := strings.Join(plan, "; "); !strings.Contains(p, "restriction_keys_number") {
		t.Errorf("query plan %q does not use restriction_keys_number", p)
	}
}
