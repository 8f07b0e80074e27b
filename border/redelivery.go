package border

import "trex"

// holdsExactly says whether the node already holds exactly r's version
// and status. A change refused as a replay that the node holds exactly is
// the redelivery of a change it wrote to its replica but did not live to
// acknowledge (killed between the two): the change is applied, but its
// first receipt may never have left, and without one the registry would
// show this node as never having confirmed it. Its receipt is sent again;
// the registry ignores a duplicate, so a replay of the current version
// costs one message and changes nothing.
func (n *Node) holdsExactly(r *trex.Restriction) bool {
	n.mu.RLock()
	defer n.mu.RUnlock()
	cur, ok := n.restrictions[r.ID]
	return ok && cur.version == r.Version && cur.is(r.Status)
}
