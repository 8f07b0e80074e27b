package postgres_test

import (
	"testing"

	"trex"
	"trex/internal/storetest"
)

func TestAccessLogContract(t *testing.T) {
	storetest.RunAccessLog(t, func(tb testing.TB) trex.AccessLog { return MustOpenDB(tb) })
}
