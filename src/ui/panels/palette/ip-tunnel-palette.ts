/** Palette entries of the ipip, GRE and gretap tunnels. */
import type { PaletteItem } from '../../canvas/drop';

export const IP_TUNNEL_PALETTE: { item: PaletteItem; label: string; hint: string }[] = [
  { item: { type: 'device', kind: 'ipip' }, label: 'ipip tunnel', hint: 'IPv4 inside IPv4 to one remote host (point to point)' },
  { item: { type: 'device', kind: 'gre' }, label: 'GRE tunnel', hint: 'IP inside GRE to one remote host, with an optional key' },
  { item: { type: 'device', kind: 'gretap' }, label: 'gretap', hint: 'An Ethernet tunnel inside GRE (can be a bridge port)' },
];
