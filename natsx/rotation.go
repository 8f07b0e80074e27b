package natsx

import (
	"crypto/ed25519"
	"fmt"
	"time"
)

// Rotate returns body with a new key for authority that starts at
// now+activateIn, and every earlier, unrevoked key of authority retiring
// overlap after that: until then envelopes signed with the old key are
// still accepted, so a registry that has not switched yet loses nothing.
// activateIn gives border nodes time to load the new list before the
// registry signs with the new key.
func Rotate(body TrustListBody, authority string, pub ed25519.PublicKey, now time.Time, activateIn, overlap time.Duration) TrustListBody {
	start := now.Add(activateIn).UTC()
	retire := start.Add(overlap)
	out := TrustListBody{Serial: body.Serial + 1, IssuedAt: now.UTC()}
	for _, k := range body.Keys {
		if k.Authority == authority && !k.Revoked() && (k.NotAfter.IsZero() || k.NotAfter.After(retire)) {
			k.NotAfter = retire
			if !k.NotAfter.After(k.NotBefore) {
				// A key that never started is withdrawn rather than given an
				// empty window.
				k.RevokedAt, k.Reason = now.UTC(), "superseded before it started"
				k.NotAfter = time.Time{}
			}
		}
		out.Keys = append(out.Keys, k)
	}
	out.Keys = append(out.Keys, TrustedKey{ID: KeyID(pub), Authority: authority, PublicKey: pub, NotBefore: start})
	return out
}

// Revoke returns body with key id revoked at now: border nodes refuse
// every envelope it signed from the moment they load the list.
func Revoke(body TrustListBody, id, reason string, now time.Time) (TrustListBody, error) {
	out := TrustListBody{Serial: body.Serial + 1, IssuedAt: now.UTC()}
	found := false
	for _, k := range body.Keys {
		if k.ID == id {
			if k.Revoked() {
				return body, fmt.Errorf("key %s was already revoked at %s", id, k.RevokedAt.Format(time.RFC3339))
			}
			k.RevokedAt, k.Reason, found = now.UTC(), reason, true
		}
		out.Keys = append(out.Keys, k)
	}
	if !found {
		return body, fmt.Errorf("key %s is not on the trust list; see trex keys list", id)
	}
	return out, nil
}
