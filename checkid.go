package trex

import (
	"crypto/rand"
	"encoding/base32"
	"encoding/binary"
	"time"
)

// checkIDEncoding writes check IDs in an alphabet whose byte order is
// the order of the values it encodes, so that IDs sort as their bytes do.
var checkIDEncoding = base32.HexEncoding.WithPadding(base32.NoPadding)

// NewCheckID names a check made at: "C" and 20 letters and digits that
// encode 96 bits, the first 48 the millisecond, the rest random. IDs made
// later sort after those made earlier (to the millisecond), so a node's
// check log appends its new IDs at the end of its index instead of
// writing a random page of it for each; the random half keeps them
// unguessable from one another and apart across nodes. A check ID is not
// a secret (reading a check needs a role), only not a counter.
func NewCheckID(at time.Time) string {
	var b [12]byte
	binary.BigEndian.PutUint64(b[:8], uint64(at.UnixMilli())<<16)
	rand.Read(b[6:])
	return "C" + checkIDEncoding.EncodeToString(b[:])
}
