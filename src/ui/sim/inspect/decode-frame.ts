/**
 * Every header field of a frame, layer by layer, with the bytes each field occupies (for
 * highlighting in the hex dump): Ethernet, 802.1Q/802.1ad tags, ARP, IPv4, ICMP.
 */

export interface Field {
  name: string;
  value: string;
  /** Byte offset and length in the frame. */
  offset: number;
  length: number;
}

export interface Layer {
  title: string;
  fields: Field[];
}

const hex = (n: number, w: number) => `0x${n.toString(16).padStart(w, '0')}`;
const macAt = (b: Uint8Array, o: number) => Array.from(b.subarray(o, o + 6), (x) => x.toString(16).padStart(2, '0')).join(':');
const ipAt = (b: Uint8Array, o: number) => `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}`;
const u16 = (b: Uint8Array, o: number) => (b[o] << 8) | b[o + 1];

const ETHERTYPES: Record<number, string> = { 0x0800: 'IPv4', 0x0806: 'ARP', 0x86dd: 'IPv6', 0x8100: '802.1Q', 0x88a8: '802.1ad' };
const ICMP_TYPES: Record<number, string> = { 0: 'echo reply', 3: 'destination unreachable', 5: 'redirect', 8: 'echo request', 11: 'time exceeded' };
const UNREACH: Record<number, string> = { 0: 'net unreachable', 1: 'host unreachable', 2: 'protocol unreachable', 3: 'port unreachable', 4: 'fragmentation needed', 13: 'administratively prohibited' };
const PROTOS: Record<number, string> = { 1: 'ICMP', 6: 'TCP', 17: 'UDP', 58: 'ICMPv6' };

function ethertypeText(t: number): string {
  return `${hex(t, 4)}${ETHERTYPES[t] ? ` (${ETHERTYPES[t]})` : ''}`;
}

function arp(b: Uint8Array, o: number): Layer {
  const op = u16(b, o + 6);
  return {
    title: 'ARP',
    fields: [
      { name: 'Hardware type', value: `${u16(b, o)}${u16(b, o) === 1 ? ' (Ethernet)' : ''}`, offset: o, length: 2 },
      { name: 'Protocol type', value: ethertypeText(u16(b, o + 2)), offset: o + 2, length: 2 },
      { name: 'Hardware size', value: String(b[o + 4]), offset: o + 4, length: 1 },
      { name: 'Protocol size', value: String(b[o + 5]), offset: o + 5, length: 1 },
      { name: 'Opcode', value: `${op} (${op === 1 ? 'request' : op === 2 ? 'reply' : 'other'})`, offset: o + 6, length: 2 },
      { name: 'Sender MAC', value: macAt(b, o + 8), offset: o + 8, length: 6 },
      { name: 'Sender IP', value: ipAt(b, o + 14), offset: o + 14, length: 4 },
      { name: 'Target MAC', value: macAt(b, o + 18), offset: o + 18, length: 6 },
      { name: 'Target IP', value: ipAt(b, o + 24), offset: o + 24, length: 4 },
    ],
  };
}

function icmp(b: Uint8Array, o: number, end: number): Layer {
  const type = b[o], code = b[o + 1];
  const fields: Field[] = [
    { name: 'Type', value: `${type}${ICMP_TYPES[type] ? ` (${ICMP_TYPES[type]})` : ''}`, offset: o, length: 1 },
    { name: 'Code', value: `${code}${type === 3 && UNREACH[code] ? ` (${UNREACH[code]})` : ''}`, offset: o + 1, length: 1 },
    { name: 'Checksum', value: hex(u16(b, o + 2), 4), offset: o + 2, length: 2 },
  ];
  if (type === 0 || type === 8) {
    fields.push({ name: 'Identifier', value: String(u16(b, o + 4)), offset: o + 4, length: 2 });
    fields.push({ name: 'Sequence', value: String(u16(b, o + 6)), offset: o + 6, length: 2 });
    fields.push({ name: 'Data', value: `${Math.max(0, end - o - 8)} bytes`, offset: o + 8, length: Math.max(0, end - o - 8) });
  } else if (end > o + 8) {
    fields.push({ name: 'Original datagram', value: `${end - o - 8} bytes (the packet that caused the error)`, offset: o + 8, length: end - o - 8 });
  }
  return { title: 'ICMP', fields };
}

function ipv4(b: Uint8Array, o: number, layers: Layer[]): void {
  const ihl = (b[o] & 15) * 4;
  const total = u16(b, o + 2);
  const flags = b[o + 6] >> 5;
  const proto = b[o + 9];
  layers.push({
    title: 'IPv4',
    fields: [
      { name: 'Version', value: String(b[o] >> 4), offset: o, length: 1 },
      { name: 'Header length', value: `${ihl} bytes`, offset: o, length: 1 },
      { name: 'DSCP/ECN', value: hex(b[o + 1], 2), offset: o + 1, length: 1 },
      { name: 'Total length', value: String(total), offset: o + 2, length: 2 },
      { name: 'Identification', value: `${hex(u16(b, o + 4), 4)} (${u16(b, o + 4)})`, offset: o + 4, length: 2 },
      { name: 'Flags', value: `${flags & 2 ? 'DF' : ''}${flags & 1 ? ' MF' : ''}`.trim() || 'none', offset: o + 6, length: 1 },
      { name: 'Fragment offset', value: String(u16(b, o + 6) & 0x1fff), offset: o + 6, length: 2 },
      { name: 'TTL', value: String(b[o + 8]), offset: o + 8, length: 1 },
      { name: 'Protocol', value: `${proto}${PROTOS[proto] ? ` (${PROTOS[proto]})` : ''}`, offset: o + 9, length: 1 },
      { name: 'Header checksum', value: hex(u16(b, o + 10), 4), offset: o + 10, length: 2 },
      { name: 'Source', value: ipAt(b, o + 12), offset: o + 12, length: 4 },
      { name: 'Destination', value: ipAt(b, o + 16), offset: o + 16, length: 4 },
    ],
  });
  if (proto === 1 && b.length >= o + ihl + 4) layers.push(icmp(b, o + ihl, Math.min(b.length, o + total)));
}

/** The layers of an Ethernet frame, outermost first. */
export function decodeFrame(b: Uint8Array): Layer[] {
  if (b.length < 14) return [{ title: 'Runt frame', fields: [{ name: 'Length', value: `${b.length} bytes`, offset: 0, length: b.length }] }];
  const layers: Layer[] = [{
    title: 'Ethernet II',
    fields: [
      { name: 'Destination', value: macAt(b, 0), offset: 0, length: 6 },
      { name: 'Source', value: macAt(b, 6), offset: 6, length: 6 },
    ],
  }];
  let o = 12;
  let type = u16(b, o);
  while ((type === 0x8100 || type === 0x88a8) && b.length >= o + 6) {
    const tci = u16(b, o + 2);
    layers.push({
      title: type === 0x8100 ? '802.1Q VLAN tag' : '802.1ad (QinQ) tag',
      fields: [
        { name: 'TPID', value: ethertypeText(type), offset: o, length: 2 },
        { name: 'Priority (PCP)', value: String(tci >> 13), offset: o + 2, length: 1 },
        { name: 'DEI', value: String((tci >> 12) & 1), offset: o + 2, length: 1 },
        { name: 'VLAN id', value: String(tci & 0xfff), offset: o + 2, length: 2 },
      ],
    });
    o += 4;
    type = u16(b, o);
  }
  layers[0].fields.push({ name: 'Type', value: ethertypeText(type), offset: o, length: 2 });
  o += 2;
  if (type === 0x0806 && b.length >= o + 28) layers.push(arp(b, o));
  else if (type === 0x0800 && b.length >= o + 20) ipv4(b, o, layers);
  else layers.push({ title: ETHERTYPES[type] ?? 'Payload', fields: [{ name: 'Payload', value: `${b.length - o} bytes (not decoded)`, offset: o, length: b.length - o }] });
  return layers;
}

/** Hex dump lines: offset, 16 bytes in hex, ASCII — as `tcpdump -XX` lays them out. */
export function hexRows(b: Uint8Array): { offset: number; bytes: number[] }[] {
  const rows: { offset: number; bytes: number[] }[] = [];
  for (let i = 0; i < b.length; i += 16) rows.push({ offset: i, bytes: Array.from(b.subarray(i, i + 16)) });
  return rows;
}
