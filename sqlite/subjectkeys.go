package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"trex"
)

// rekeySubjects rebuilds the subject-access keys when any is still in the
// earlier form (the bare number, without kind and country: trex.Identifier
// Key always holds a colon), so that subjects find their restrictions by
// the keys RestrictionsOf now looks up, and no longer by numbers that
// dropped their non-Latin letters.
func (db *DB) rekeySubjects(ctx context.Context) error {
	var one int
	err := db.db.QueryRowContext(ctx, `SELECT 1 FROM restriction_keys WHERE instr(key, ':') = 0 LIMIT 1`).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return nil
	} else if err != nil {
		return fmt.Errorf("rekey subjects: %w", err)
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM restriction_keys`); err != nil {
			return fmt.Errorf("rekey subjects: %w", err)
		}
		rows, err := tx.QueryContext(ctx, `SELECT id, person FROM restrictions`)
		if err != nil {
			return fmt.Errorf("rekey subjects: %w", err)
		}
		type keyed struct{ id, key string }
		var keys []keyed
		for rows.Next() {
			var id, person string
			if err := rows.Scan(&id, &person); err != nil {
				rows.Close()
				return fmt.Errorf("rekey subjects: %w", err)
			}
			var p trex.Person
			if err := json.Unmarshal([]byte(person), &p); err != nil {
				rows.Close()
				return fmt.Errorf("rekey subjects: decode person of %s: %w", id, err)
			}
			for _, key := range p.SubjectKeys() {
				keys = append(keys, keyed{id, key})
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("rekey subjects: %w", err)
		}
		for _, k := range keys {
			if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO restriction_keys (key, restriction_id) VALUES (?, ?)`, k.key, k.id); err != nil {
				return fmt.Errorf("rekey subjects: %w", err)
			}
		}
		return nil
	})
}
