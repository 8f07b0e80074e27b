// Package rowscan reads query results the same way in every store,
// whichever driver returned them.
package rowscan

import "fmt"

// Rows is what both database/sql's *Rows and pgx's Rows offer for reading
// a result row by row.
type Rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// Collect reads every row of rows with scan, in order. It returns an empty,
// non-nil slice when there are no rows, and the first error of scan or of
// rows wrapped with what. The caller still closes rows.
func Collect[T any](rows Rows, what string, scan func(Rows) (*T, error)) ([]T, error) {
	out := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		out = append(out, *v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return out, nil
}
