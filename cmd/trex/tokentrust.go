package main

import (
	"errors"
	"fmt"
	"path/filepath"

	"trex"
	"trex/natsx"
)

// trustedAuthority returns nil if authority is on the signed trust list at
// trustPath (verified with the root public key at rootPath): an issuer
// token for any other authority could only produce restrictions that no
// border node accepts.
func trustedAuthority(trustPath, rootPath, authority string) error {
	root, err := natsx.ReadRootPublic(rootPath)
	if err != nil {
		return fmt.Errorf("issuer tokens are checked against the trust list: %w (give --trust and --root)", err)
	}
	body, err := natsx.ReadTrustList(trustPath, root)
	if err != nil {
		return fmt.Errorf("issuer tokens are checked against the trust list: %w (give --trust and --root)", err)
	}
	if err := natsx.NewTrustList(body.Keys...).KnowsAuthority(authority); err != nil {
		return errors.New(trex.ErrorMessage(err))
	}
	return nil
}

// besideDB is where a registry's data directory keeps name when its
// database is dbPath (the default for --trust and --root).
func besideDB(dbPath, name string) string { return filepath.Join(filepath.Dir(dbPath), name) }
