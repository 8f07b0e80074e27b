package sqlite

import (
	"context"
	"database/sql"
)

// exec runs one write outside a transaction, as the process's only
// writer of the moment (see DB.writeMu).
func (db *DB) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	db.writeMu.Lock()
	defer db.writeMu.Unlock()
	return db.db.ExecContext(ctx, query, args...)
}
