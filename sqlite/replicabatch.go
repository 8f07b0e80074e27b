package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"trex"
)

var _ trex.BatchReplica = (*DB)(nil)

// applyRestrictionSQL stores a newer version unless a tombstone is held
// and the change is not a newer tombstone (see trex.Replica).
const applyRestrictionSQL = `INSERT INTO replica (id, version, body) VALUES (?, ?, ?)
	ON CONFLICT(id) DO UPDATE SET version = excluded.version, body = excluded.body
	WHERE excluded.version > replica.version
	AND (json_extract(replica.body, '$.status') IS NOT ? OR json_extract(excluded.body, '$.status') IS ?)`

// ApplyRestrictions implements trex.BatchReplica: every change in one
// transaction, through one prepared statement, in the order given.
func (db *DB) ApplyRestrictions(ctx context.Context, rs []*trex.Restriction) ([]bool, error) {
	applied := make([]bool, len(rs))
	purged := false
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, applyRestrictionSQL)
		if err != nil {
			return fmt.Errorf("apply %d restrictions: %w", len(rs), err)
		}
		defer stmt.Close()
		for i, r := range rs {
			body, err := json.Marshal(r)
			if err != nil {
				return err
			}
			res, err := stmt.ExecContext(ctx, r.ID, r.Version, string(body), string(trex.StatusPurged), string(trex.StatusPurged))
			if err != nil {
				return fmt.Errorf("apply restriction %s v%d: %w", r.ID, r.Version, err)
			}
			n, err := res.RowsAffected()
			if err != nil {
				return fmt.Errorf("apply restriction %s v%d: %w", r.ID, r.Version, err)
			}
			applied[i] = n > 0
			purged = purged || (n > 0 && r.Status == trex.StatusPurged)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if purged {
		db.forgetPurged(ctx)
	}
	return applied, nil
}
