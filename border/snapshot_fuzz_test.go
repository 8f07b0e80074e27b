package border

import (
	"crypto/sha256"
	"encoding/binary"
	"os"
	"path/filepath"
	"testing"

	"trex"
)

// FuzzNodeSnapshot: no file makes the node's snapshot reader panic or
// allocate beyond the file; the checksum is made to fit, so that the
// fuzzer reaches the parts behind it.
func FuzzNodeSnapshot(f *testing.F) {
	valid := []byte(nodeSnapMagic)
	valid = binary.LittleEndian.AppendUint32(valid, nodeSnapVersion)
	for _, v := range []uint64{7, 3, 2} {
		valid = binary.LittleEndian.AppendUint64(valid, v)
	}
	held := binary.AppendUvarint(nil, 1)
	held = binary.AppendUvarint(held, 2)
	held = append(held, "R1"...)
	held = binary.AppendVarint(held, 3)
	held = binary.AppendVarint(held, -5)
	held = binary.AppendVarint(held, 1<<60)
	held = append(held, 1)
	valid = binary.LittleEndian.AppendUint64(valid, uint64(len(held)))
	valid = append(valid, held...)
	valid = binary.LittleEndian.AppendUint64(valid, 4)
	valid = append(valid, "TXIX"...)
	f.Add(valid)
	f.Add(valid[:nodeSnapHeader+3])
	f.Fuzz(func(t *testing.T, body []byte) {
		sum := sha256.Sum256(body)
		data := append(append([]byte{}, body...), sum[:]...)
		var tag trex.ReplicaTag
		if len(body) >= nodeSnapHeader {
			le, p := binary.LittleEndian, len(nodeSnapMagic)+4
			tag = trex.ReplicaTag{Epoch: le.Uint64(body[p:]), Changes: le.Uint64(body[p+8:]), Rows: le.Uint64(body[p+16:])}
		}
		path := filepath.Join(t.TempDir(), "snapshot")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		heldPart, matcherPart, err := readNodeSnapshot(path, tag)
		if err != nil {
			return
		}
		if len(heldPart)+len(matcherPart)+nodeSnapHeader+16 != len(body) {
			t.Fatalf("parts of %d and %d bytes in a body of %d", len(heldPart), len(matcherPart), len(body))
		}
		hs, err := decodeHeld(heldPart, tag)
		if err == nil && uint64(len(hs)) > tag.Rows {
			t.Fatalf("%d held entries, more than the %d rows the tag states", len(hs), tag.Rows)
		}
	})
}
