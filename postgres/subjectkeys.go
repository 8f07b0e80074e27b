package postgres

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"trex"
)

// rekeySubjects rebuilds the subject-access keys when any is still in the
// earlier form (the bare number, without kind and country: trex.Identifier
// Key always holds a colon), so that subjects find their restrictions by
// the keys RestrictionsOf now looks up, and no longer by numbers that
// dropped their non-Latin letters.
func (db *DB) rekeySubjects(ctx context.Context) error {
	err := pgx.BeginFunc(ctx, db.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(7466280)`); err != nil {
			return err
		}
		var one int
		err := tx.QueryRow(ctx, `SELECT 1 FROM restriction_keys WHERE position(':' in key) = 0 LIMIT 1`).Scan(&one)
		if errors.Is(err, pgx.ErrNoRows) {
			return nil
		} else if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM restriction_keys`); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT id, person FROM restrictions`)
		if err != nil {
			return err
		}
		type keyed struct{ id, key string }
		var keys []keyed
		for rows.Next() {
			var id string
			var person []byte
			if err := rows.Scan(&id, &person); err != nil {
				rows.Close()
				return err
			}
			var p trex.Person
			if err := json.Unmarshal(person, &p); err != nil {
				rows.Close()
				return fmt.Errorf("decode person of %s: %w", id, err)
			}
			for _, key := range p.SubjectKeys() {
				keys = append(keys, keyed{id, key})
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, k := range keys {
			if _, err := tx.Exec(ctx, `INSERT INTO restriction_keys (key, restriction_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, k.key, k.id); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("rekey subjects: %w", err)
	}
	return nil
}
