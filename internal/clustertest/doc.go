// Package clustertest starts a clustered exchange for tests: a 3-node NATS
// JetStream cluster and leaf-node servers for border sites, all on loopback
// and random ports with nats-server as a library, with the means to stop,
// kill and restart one node, find a stream's leader and cut a site's link.
// It also holds the invariant checker that every clustered or fault test
// ends with: every border node's active set equals the registry's, nothing
// lifted or expired matches anywhere, no acknowledged write is lost, and a
// node cut off says how stale it is.
//
// It is test support only: nothing outside tests imports it, and it holds
// no policy of the exchange itself (streams are made by natsx).
package clustertest
