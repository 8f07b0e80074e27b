package sqlite

import (
	"context"
	"fmt"

	"trex"
)

var _ trex.TaggedReplica = (*DB)(nil)

// replicaTagSchema counts the replica's changes in the transaction that
// makes them: triggers keep replica_tag in step with every insert, update
// and delete, whatever statement makes it. The epoch is random per
// database.
const replicaTagSchema = `CREATE TABLE replica_tag (
		one     INTEGER PRIMARY KEY CHECK (one = 1),
		epoch   INTEGER NOT NULL,
		changes INTEGER NOT NULL,
		rows    INTEGER NOT NULL
	);
	INSERT INTO replica_tag (one, epoch, changes, rows) VALUES (1, random(), 0, (SELECT count(*) FROM replica));
	CREATE TRIGGER replica_tag_insert AFTER INSERT ON replica BEGIN
		UPDATE replica_tag SET changes = changes + 1, rows = rows + 1;
	END;
	CREATE TRIGGER replica_tag_update AFTER UPDATE ON replica BEGIN
		UPDATE replica_tag SET changes = changes + 1;
	END;
	CREATE TRIGGER replica_tag_delete AFTER DELETE ON replica BEGIN
		UPDATE replica_tag SET changes = changes + 1, rows = rows - 1;
	END`

// ReplicaTag implements trex.TaggedReplica: one row, read in one query.
func (db *DB) ReplicaTag(ctx context.Context) (trex.ReplicaTag, error) {
	var epoch, changes, rows int64
	err := db.db.QueryRowContext(ctx, `SELECT epoch, changes, rows FROM replica_tag WHERE one = 1`).Scan(&epoch, &changes, &rows)
	if err != nil {
		return trex.ReplicaTag{}, fmt.Errorf("read the replica's tag: %w", err)
	}
	return trex.ReplicaTag{Epoch: uint64(epoch), Changes: uint64(changes), Rows: uint64(rows)}, nil
}
