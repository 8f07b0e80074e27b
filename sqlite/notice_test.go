package sqlite_test

import (
	"testing"
	"time"

	"trex/internal/storetest"
)

func TestNoticeOutboxContract(t *testing.T) {
	db := MustOpenDB(t)
	storetest.NoticeOutbox(t, db, func(now func() time.Time) { db.Now = now })
}
