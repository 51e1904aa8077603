/**
 * Every reason the simulator drops a frame or packet, in plain words for a class, with
 * what would fix it. The trace's own `why` text carries the exact kernel rule and source.
 */
import { IP_TUNNEL_DROPS } from './ip-tunnel-drops';
import type { DropReason } from '../../../core/sim/engine/trace';

export interface DropExplanation {
  title: string;
  plain: string;
  fix: string;
}

export const DROP_EXPLANATIONS: Record<DropReason, DropExplanation> = {
  'dev-down': { title: 'Interface down', plain: 'The interface is administratively down, so the kernel neither sends nor receives on it.', fix: 'ip link set DEV up' },
  'no-carrier': { title: 'No carrier', plain: 'The interface is up but has no link (its peer, lower device or cable is down).', fix: 'Find the device it depends on (veth peer, lower device, NIC, bridge port) that is down, has no cable or no reader.' },
  'other-host': { title: 'Not for this host', plain: 'The destination MAC belongs to someone else; the NIC is not promiscuous, so the frame is ignored.', fix: 'Nothing to fix: this is normal filtering on a shared segment.' },
  noarp: { title: 'NOARP device', plain: 'The device is flagged NOARP, so it neither sends nor answers ARP.', fix: 'ip link set DEV arp on' },
  'vlan-unknown': { title: 'Unknown VLAN', plain: 'A tagged frame arrived for a VLAN id that has no VLAN device on this interface.', fix: 'ip link add link DEV name DEV.ID type vlan id ID' },
  'bridge-port-state': { title: 'Bridge port not forwarding', plain: 'The bridge port is disabled, listening, learning or blocking (STP), so it does not forward.', fix: 'Wait for STP forward delay, turn STP off, or bring the port up.' },
  'bridge-no-egress': { title: 'Bridge has nowhere to send it', plain: 'The bridge found no port to forward the frame to (it will not send a frame back out the port it came in on).', fix: 'Enable hairpin on the port (bridge link set dev PORT hairpin on) if it must go back out.' },
  'bridge-vlan': { title: 'VLAN filtered by the bridge', plain: 'With vlan_filtering on, the port is not a member of the frame\'s VLAN.', fix: 'bridge vlan add dev PORT vid ID' },
  'bridge-invalid-src': { title: 'Invalid source MAC', plain: 'The bridge drops frames whose source MAC is multicast or all zeros.', fix: 'Use a valid unicast source address.' },
  macvlan: { title: 'macvlan mode rule', plain: 'The macvlan mode does not allow this path: private mode forbids child-to-child traffic, and a child never reaches its parent\'s own address directly.', fix: 'Use bridge mode for child-to-child, or give the host its own macvlan child (with an address and routes) to talk to the children.' },
  ipvlan: { title: 'ipvlan mode rule', plain: 'The ipvlan mode or flag (private, vepa, l3) does not allow this path.', fix: 'Change the ipvlan mode or flag, or route via another device.' },
  'lo-down': { title: 'Loopback is down', plain: 'Traffic to the namespace\'s own addresses goes through lo, which is down in a new namespace.', fix: 'ip link set lo up (in that namespace)' },
  martian: { title: 'Martian address', plain: 'The source or destination address is impossible on this interface (e.g. loopback or broadcast as source).', fix: 'Fix the addresses; set log_martians to see them on a real system.' },
  'rp-filter': { title: 'Reverse-path filter', plain: 'rp_filter checks that replies to the source would leave by this interface; they would not, so the packet is dropped.', fix: 'Add a route back to the source via this interface, or sysctl -w net.ipv4.conf.DEV.rp_filter=0 (or 2).' },
  'no-forwarding': { title: 'Forwarding is off', plain: 'The packet is not for this namespace and IP forwarding is disabled, so it is not routed on.', fix: 'sysctl -w net.ipv4.ip_forward=1' },
  'not-joined': { title: 'Group not joined', plain: 'The packet is for a multicast group this interface has not joined, so the host does not take it.', fix: 'Give a VXLAN device on this interface the same group (ip link add … type vxlan … group G dev DEV) and bring it up.' },
  'no-route': { title: 'No route', plain: 'The routing table has no route to the destination.', fix: 'ip route add DEST via GATEWAY (or a default route)' },
  ttl: { title: 'TTL expired', plain: 'The packet\'s TTL reached zero while being forwarded (often a routing loop).', fix: 'Fix the routing loop or raise the sender\'s TTL.' },
  firewall: { title: 'Firewall', plain: 'An iptables rule or chain policy dropped the packet.', fix: 'Remove the rule or add an ACCEPT before it (iptables -L -n -v to see which).' },
  'neigh-failed': { title: 'Nobody answered ARP', plain: 'The kernel asked "who has this address?" three times and got no answer, so it gave up and dropped the waiting packet.', fix: 'Make the address reachable on that link: check the other side exists, is up and is allowed to see the request (macvlan mode, bridge, VLAN).' },
  'arp-ignore': { title: 'ARP request ignored', plain: 'arp_ignore tells the kernel not to answer ARP for this address on this interface.', fix: 'sysctl -w net.ipv4.conf.DEV.arp_ignore=0' },
  'no-reader': { title: 'No program attached', plain: 'A tap/tun or macvtap device hands frames to a program; none has it open, so frames are lost.', fix: 'Attach the VM or program that should read the device.' },
  dummy: { title: 'Dummy device', plain: 'A dummy interface silently discards everything sent through it.', fix: 'Route the traffic through a real link instead.' },
  bond: { title: 'Bond: no usable slave', plain: 'The bond has no slave with link to send through, or the frame arrived on a backup slave, whose frames the stack never sees.', fix: 'Enslave a NIC with carrier (ip link set NIC down; ip link set NIC master BOND), or check the switch side of the active slave.' },
  vrf: { title: 'VRF routing', plain: 'Traffic routed in a VRF\'s own table is not simulated yet.', fix: 'Verify the design against the kernel (verify --vm) for VRF traffic.' },
  'vxlan-no-remote': { title: 'VXLAN: nowhere to send it', plain: 'The VXLAN device knows no endpoint for this destination MAC and has no default destination (no remote, group or all-zeros FDB entry).', fix: 'ip link add … type vxlan … remote ADDR, or bridge fdb append 00:00:00:00:00:00 dev VX dst ADDR' },
  'vxlan-circular': { title: 'VXLAN: circular route', plain: 'The route to the remote endpoint leads back into the VXLAN device itself.', fix: 'Route the remote endpoint\'s address over the underlay (the device given as dev), not over the overlay.' },
  'vxlan-proxy': { title: 'VXLAN proxy ARP', plain: 'With proxy on, the VXLAN device answers ARP from its own neighbour table and sends no ARP over the tunnel; it has no entry for this address.', fix: 'ip neigh add ADDR lladdr MAC dev VX nud permanent, or turn proxy off.' },
  'vxlan-header': { title: 'Not a VXLAN packet', plain: 'A packet arrived on the VXLAN port without a valid VXLAN header.', fix: 'Check both ends use VXLAN on the same UDP port.' },
  'vxlan-vni': { title: 'Unknown VNI', plain: 'A VXLAN packet arrived for a network identifier (VNI) that no up VXLAN device on that port has.', fix: 'Give both ends the same id and dstport, and bring the device up.' },
  'vxlan-loop': { title: 'VXLAN loop', plain: 'The frame that came out of the tunnel carries this VXLAN device\'s own MAC as its source: it is its own frame coming back.', fix: 'Remove the loop between the endpoints.' },
  'vxlan-static': { title: 'VXLAN: MAC pinned elsewhere', plain: 'The source MAC has a permanent FDB entry pointing at another endpoint, which learning never moves.', fix: 'Fix or delete the static entry: bridge fdb del MAC dev VX' },
  ...IP_TUNNEL_DROPS,
  storm: { title: 'Broadcast storm', plain: 'The frame went round a loop of bridges too many times.', fix: 'Break the loop or enable STP on the bridges.' },
  'not-handled': { title: 'Not handled', plain: 'No protocol handler takes this frame here.', fix: 'Nothing to fix unless this traffic was expected.' },
};

/** The explanation of a drop reason (a generic one for reasons added later). */
export function explainDrop(reason: string): DropExplanation {
  return DROP_EXPLANATIONS[reason as DropReason] ?? { title: reason, plain: 'The kernel dropped the frame.', fix: 'See the kernel rule below.' };
}
