package natsx

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// trustContext is prefixed to what the root key signs.
const trustContext = "trex-trust-list-v1\n"

// Reasons a trust list file is refused. A border node keeps the list it
// holds and logs the refusal.
var (
	ErrTrustUnsigned     = errors.New("trust list is not signed by a root key")
	ErrTrustBadSignature = errors.New("trust list signature does not verify with the root key (tampered, or signed by another root)")
)

// TrustListBody is the content of a trust list: every issuer key with its
// validity window and revocation, and a serial that grows with each edit
// so that an older list cannot replace a newer one.
type TrustListBody struct {
	Serial   int64        `json:"serial"`
	IssuedAt time.Time    `json:"issued_at"`
	Keys     []TrustedKey `json:"keys"`
}

// trustFile is the on-disk form: the body as it was signed, and the root
// key's signature over it.
type trustFile struct {
	TrustList json.RawMessage `json:"trust_list"`
	RootKeyID string          `json:"root_key_id"`
	Signature []byte          `json:"signature"`
}

// WriteTrustList signs body with the root key and writes it to path,
// replacing the file atomically.
func WriteTrustList(path string, body TrustListBody, root ed25519.PrivateKey) error {
	raw, err := json.Marshal(body)
	if err != nil {
		return fmt.Errorf("encode trust list: %w", err)
	}
	data, err := json.MarshalIndent(trustFile{
		TrustList: raw,
		RootKeyID: KeyID(root.Public().(ed25519.PublicKey)),
		Signature: ed25519.Sign(root, signedBytes(trustContext, raw)),
	}, "", "  ")
	if err != nil {
		return fmt.Errorf("encode trust list: %w", err)
	}
	return writeFileAtomic(path, append(data, '\n'), 0o644)
}

// ReadTrustList reads the trust list at path and verifies it with the root
// public key. An unsigned, wrongly signed or malformed list is an error.
func ReadTrustList(path string, root ed25519.PublicKey) (TrustListBody, error) {
	var body TrustListBody
	data, err := os.ReadFile(path)
	if err != nil {
		return body, fmt.Errorf("read trust list: %w", err)
	}
	var f trustFile
	if err := json.Unmarshal(data, &f); err != nil {
		return body, fmt.Errorf("trust list %s: %w", path, err)
	}
	if len(f.TrustList) == 0 || len(f.Signature) == 0 {
		return body, fmt.Errorf("trust list %s: %w", path, ErrTrustUnsigned)
	}
	var signed bytes.Buffer
	if err := json.Compact(&signed, f.TrustList); err != nil {
		return body, fmt.Errorf("trust list %s: %w", path, err)
	}
	if len(root) != ed25519.PublicKeySize || len(f.Signature) != ed25519.SignatureSize ||
		!ed25519.Verify(root, signedBytes(trustContext, signed.Bytes()), f.Signature) {
		return body, fmt.Errorf("trust list %s: %w (root key %s)", path, ErrTrustBadSignature, KeyID(root))
	}
	if err := json.Unmarshal(signed.Bytes(), &body); err != nil {
		return body, fmt.Errorf("trust list %s: %w", path, err)
	}
	for _, k := range body.Keys {
		if err := k.check(); err != nil {
			return body, fmt.Errorf("trust list %s: %w", path, err)
		}
	}
	return body, nil
}

// writeFileAtomic replaces path with data (a temporary file, then rename),
// so a reader never sees half a file.
func writeFileAtomic(path string, data []byte, mode os.FileMode) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	werr := tmp.Chmod(mode)
	if werr == nil {
		_, werr = tmp.Write(data)
	}
	if cerr := tmp.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return fmt.Errorf("write %s: %w", path, werr)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
