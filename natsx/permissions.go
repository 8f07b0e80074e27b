package natsx

import (
	"fmt"
	"time"

	"github.com/nats-io/nats-server/v2/server"

	"trex/pki"
)

// RegistryDurable is the registry's durable consumer of receipts. A
// principal may drive only its own consumer, so durable names are part of
// the permissions below.
const RegistryDurable = "trex-registry"

// BorderDurable is the durable consumer of border node id.
func BorderDurable(id string) string { return "trex-border-" + id }

// InboxPrefix is the reply-subject prefix of principal p. Each principal
// gets its own, so no one can subscribe to another's replies (JetStream API
// answers and the messages its pull consumers deliver).
func InboxPrefix(p pki.Principal) string {
	return "_INBOX." + string(p.Role) + "." + subjectToken(p.Name)
}

// Permissions is what principal p may publish and subscribe to on the
// exchange, and nothing more:
//
//   - a registry creates the streams, publishes trex.restrictions.> and
//     reads the receipts and the check reports through its own durable
//     consumers;
//   - a border node reads the restrictions through its own durable consumer
//     and publishes only trex.receipts.<its id> and trex.checks.<its id>;
//   - a border node asks, and a registry answers, equivalence queries on
//     trex.equivalence (IDs and versions only; see ServeEquivalence), the
//     registry replying once to each query and to nothing else.
//
// Neither may subscribe to anything but its own inbox, so neither reads
// the other's traffic with core NATS; a border node cannot publish
// restrictions, and a registry cannot read a border node's consumer.
func Permissions(p pki.Principal) (*server.Permissions, error) {
	if err := pki.ValidName(p.Name); err != nil {
		return nil, err
	}
	var pub []string
	switch p.Role {
	case pki.RoleRegistry:
		pub = []string{
			restrictionsSubject + ".>",
			"$JS.API.STREAM.CREATE." + RestrictionsStream,
			"$JS.API.STREAM.UPDATE." + RestrictionsStream,
			"$JS.API.STREAM.INFO." + RestrictionsStream,
			"$JS.API.STREAM.PURGE." + RestrictionsStream, // a purged restriction's history, behind its tombstone
			"$JS.API.STREAM.CREATE." + ReceiptsStream,
			"$JS.API.STREAM.UPDATE." + ReceiptsStream,
			"$JS.API.STREAM.INFO." + ReceiptsStream,
		}
		pub = append(pub, consumerAPI(ReceiptsStream, RegistryDurable)...)
		pub = append(pub, "$JS.API.STREAM.CREATE."+CheckReportsStream, "$JS.API.STREAM.UPDATE."+CheckReportsStream,
			"$JS.API.STREAM.INFO."+CheckReportsStream)
		pub = append(pub, consumerAPI(CheckReportsStream, RegistryCheckReportsDurable)...)
	case pki.RoleBorder:
		pub = []string{receiptsSubject + "." + subjectToken(p.Name), CheckReportSubject(p.Name), EquivalenceSubject}
		pub = append(pub, consumerAPI(RestrictionsStream, BorderDurable(p.Name))...)
	default:
		return nil, fmt.Errorf("principal %s: role %q has no permissions on the exchange", p.Name, p.Role)
	}
	perms := &server.Permissions{
		Publish:   &server.SubjectPermission{Allow: pub},
		Subscribe: &server.SubjectPermission{Allow: []string{InboxPrefix(p) + ".>"}},
	}
	if p.Role == pki.RoleRegistry {
		perms.Subscribe.Allow = append(perms.Subscribe.Allow, EquivalenceSubject)
		perms.Response = &server.ResponsePermission{MaxMsgs: 1, Expires: time.Minute}
	}
	return perms, nil
}

// consumerAPI is what driving one durable pull consumer takes: create it,
// ask for its state, pull messages and acknowledge them.
func consumerAPI(stream, durable string) []string {
	return []string{
		"$JS.API.CONSUMER.CREATE." + stream + "." + durable,
		"$JS.API.CONSUMER.CREATE." + stream + "." + durable + ".>",
		"$JS.API.CONSUMER.INFO." + stream + "." + durable,
		"$JS.API.CONSUMER.MSG.NEXT." + stream + "." + durable,
		"$JS.ACK." + stream + "." + durable + ".>",
	}
}

// Users are the exchange's users for principals, each named by its
// certificate subject so that the server maps a verified client
// certificate to exactly one of them.
func Users(ps []pki.Principal) ([]*server.User, error) {
	users := make([]*server.User, 0, len(ps))
	seen := map[string]bool{}
	for _, p := range ps {
		perms, err := Permissions(p)
		if err != nil {
			return nil, err
		}
		if seen[p.Name] {
			return nil, fmt.Errorf("principal %s is listed twice", p.Name)
		}
		seen[p.Name] = true
		users = append(users, &server.User{Username: p.UserName(), Permissions: perms})
	}
	return users, nil
}
