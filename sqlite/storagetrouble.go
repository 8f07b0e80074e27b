package sqlite

import (
	"errors"
	"fmt"

	"modernc.org/sqlite"

	"trex"
)

// SQLite's primary result codes for a full disk and an I/O error
// (sqlite3.h: SQLITE_IOERR 10, SQLITE_FULL 13); extended codes carry them
// in their low byte.
const (
	resultIOErr = 10
	resultFull  = 13
)

// storageTrouble turns SQLite's "disk full" and I/O errors into
// trex.EUNAVAILABLE: SQLite rolled the write back, nothing was stored,
// and the same write may succeed once space is back, so the caller is
// told to try again later rather than that something broke. Other errors
// pass through unchanged.
func storageTrouble(err error) error {
	var se *sqlite.Error
	if err == nil || !errors.As(err, &se) {
		return err
	}
	switch se.Code() & 0xff {
	case resultFull, resultIOErr:
		return fmt.Errorf("%w (%v)", trex.Errorf(trex.EUNAVAILABLE,
			"the store cannot take writes now (disk full or failing); nothing was stored, try again later"), err)
	}
	return err
}
