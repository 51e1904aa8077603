/** Plain words for the ipip/GRE/gretap drop reasons (core/sim/devices/ip-tunnel.ts). */
export const IP_TUNNEL_DROPS = {
  'tunnel-no-remote': { title: 'Tunnel: no remote', plain: 'The tunnel has no remote address, so the packet has no outer destination.', fix: 'ip link set TUN type ipip|gre|gretap remote ADDR (or recreate the tunnel with remote).' },
  'tunnel-recursion': { title: 'Tunnel: route loops into itself', plain: 'The route to the tunnel\'s remote address leads back into the tunnel.', fix: 'Route the remote address over the underlay, not over the tunnel.' },
  'tunnel-no-match': { title: 'No tunnel for this packet', plain: 'An ipip or GRE packet arrived, but no up tunnel here has matching local/remote addresses and key; the kernel answers ICMP port unreachable.', fix: 'Give both ends mirrored local/remote addresses and the same key, and bring the tunnel up.' },
};
