package natsx

import (
	"slices"
	"strings"
	"time"

	"trex"
)

// Authorities lists the authorities that have a key on the trust list
// (revoked or retired keys count: the authority exists).
func (t *TrustList) Authorities() []string {
	var out []string
	for _, k := range t.Keys() {
		if !slices.Contains(out, k.Authority) {
			out = append(out, k.Authority)
		}
	}
	return out
}

// KnowsAuthority returns an EINVALID trex.Error unless authority is on the
// trust list: an issuer token for any other authority could only produce
// changes that no border node accepts.
func (t *TrustList) KnowsAuthority(authority string) error {
	known := t.Authorities()
	if slices.Contains(known, authority) {
		return nil
	}
	return trex.Errorf(trex.EINVALID, "authority %q is not on the trust list (known: %s); add it with trex keys rotate --authority %s first",
		authority, strings.Join(known, ", "), authority)
}

// CanSign returns nil if authority can sign a change at now: it is on the
// trust list and the keyring holds its current key. Otherwise it returns a
// trex.Error saying why: EFORBIDDEN for an authority the trust list does
// not know, EUNAVAILABLE for one with no usable key now (none valid, all
// revoked, or the private key missing), which an operator fixes with
// trex keys rotate.
func (k *Keyring) CanSign(authority string, tl *TrustList, now time.Time) error {
	if err := tl.KnowsAuthority(authority); err != nil {
		return trex.Errorf(trex.EFORBIDDEN, "authority %q is not on the trust list; it cannot issue restrictions", authority)
	}
	if _, err := k.Current(authority, tl, now); err != nil {
		return trex.Errorf(trex.EUNAVAILABLE, "authority %s cannot sign changes now, so nothing was stored: %v", authority, err)
	}
	return nil
}
