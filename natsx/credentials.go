package natsx

import (
	"crypto/tls"

	"github.com/nats-io/nats.go"

	"trex/pki"
)

// Credentials are the connection options of principal p holding a client
// certificate: mutual TLS with tlsConf and p's own inbox prefix, which its
// permissions on the exchange expect. A nil tlsConf means a plain
// connection (an exchange without authentication).
func Credentials(tlsConf *tls.Config, p pki.Principal) []nats.Option {
	if tlsConf == nil {
		return nil
	}
	return []nats.Option{nats.Secure(tlsConf), nats.CustomInboxPrefix(InboxPrefix(p))}
}
