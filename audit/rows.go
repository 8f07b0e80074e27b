package audit

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// rowsPerInsert are the row counts of a table's prepared inserts, largest
// first: a batch's rows are written with as few statements as these make
// up, rather than one statement per row.
var rowsPerInsert = [...]int{64, 16, 4, 1}

// rowInserter inserts rows of two columns into a table.
type rowInserter [len(rowsPerInsert)]*sql.Stmt

// prepareRows prepares the inserts of rows (a, b) into table.
func prepareRows(ctx context.Context, db *sql.DB, table, a, b string) (rowInserter, error) {
	var ri rowInserter
	for i, n := range rowsPerInsert {
		q := fmt.Sprintf("INSERT INTO %s (%s, %s) VALUES (?, ?)%s", table, a, b, strings.Repeat(", (?, ?)", n-1))
		st, err := db.PrepareContext(ctx, q)
		if err != nil {
			return ri, fmt.Errorf("prepare the insert of %d rows into %s: %w", n, table, err)
		}
		ri[i] = st
	}
	return ri, nil
}

// insert writes the rows args holds (two values each, in order) in tx.
func (ri rowInserter) insert(ctx context.Context, tx *sql.Tx, args []any) error {
	for i, n := range rowsPerInsert {
		var st *sql.Stmt
		for len(args) >= 2*n {
			if st == nil {
				st = tx.StmtContext(ctx, ri[i])
			}
			if _, err := st.ExecContext(ctx, args[:2*n]...); err != nil {
				return err
			}
			args = args[2*n:]
		}
	}
	return nil
}
