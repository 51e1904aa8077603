/**
 * UDP datagrams (RFC 768) on the wire. The checksum covers a pseudo-header that depends on
 * the network layer, so callers pass its partial sum (`ipv4PseudoSum`; an IPv6 variant
 * would sit beside it). A zero checksum means "none" over IPv4, which is what the kernel's
 * UDP tunnels send by default (vxlan: `udp_csum` off for IPv4, drivers/net/vxlan/vxlan_core.c
 * `vxlan_build_skb` → `udp_tunnel_xmit_skb` with `nocheck`).
 */
import { IPPROTO_UDP } from './ipv4';

export const UDP_HEADER_LEN = 8;

export interface UdpDatagram {
  srcPort: number;
  dstPort: number;
  /** The payload (a view on parse). */
  payload: Uint8Array;
}

export interface ParsedUdp extends UdpDatagram {
  /** Length field (header + payload). */
  length: number;
  /** Checksum field as received (0 = none). */
  checksum: number;
}

/** Parse a UDP datagram; undefined when shorter than its header or its length field. */
export function parseUdp(b: Uint8Array): ParsedUdp | undefined {
  if (b.length < UDP_HEADER_LEN) return undefined;
  const length = (b[4] << 8) | b[5];
  if (length < UDP_HEADER_LEN || length > b.length) return undefined;
  return {
    srcPort: (b[0] << 8) | b[1],
    dstPort: (b[2] << 8) | b[3],
    length,
    checksum: (b[6] << 8) | b[7],
    payload: b.subarray(UDP_HEADER_LEN, length),
  };
}

/** Ports of the datagram at `off` without parsing it (per-hop fast path). */
export function udpDstPort(b: Uint8Array, off = 0): number {
  return (b[off + 2] << 8) | b[off + 3];
}
export function udpSrcPort(b: Uint8Array, off = 0): number {
  return (b[off] << 8) | b[off + 1];
}

/** Partial one's-complement sum of the IPv4 pseudo-header (src, dst, proto 17, length). */
export function ipv4PseudoSum(src: number, dst: number, udpLen: number): number {
  return (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + IPPROTO_UDP + udpLen;
}

/**
 * Write header + payload at `off`; returns bytes written. `pseudoSum` (from `ipv4PseudoSum`)
 * asks for a checksum; without it the field is 0 (no checksum, IPv4 only).
 */
export function writeUdp(d: UdpDatagram, buf: Uint8Array, off = 0, pseudoSum?: number): number {
  const len = UDP_HEADER_LEN + d.payload.length;
  buf[off] = d.srcPort >>> 8;
  buf[off + 1] = d.srcPort & 255;
  buf[off + 2] = d.dstPort >>> 8;
  buf[off + 3] = d.dstPort & 255;
  buf[off + 4] = len >>> 8;
  buf[off + 5] = len & 255;
  buf[off + 6] = 0;
  buf[off + 7] = 0;
  buf.set(d.payload, off + UDP_HEADER_LEN);
  if (pseudoSum !== undefined) {
    let sum = pseudoSum;
    for (let i = 0; i + 1 < len; i += 2) sum += (buf[off + i] << 8) | buf[off + i + 1];
    if (len & 1) sum += buf[off + len - 1] << 8;
    while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
    // RFC 768: a computed 0 is sent as 0xffff, since 0 means "no checksum"
    const c = ~sum & 0xffff || 0xffff;
    buf[off + 6] = c >>> 8;
    buf[off + 7] = c & 255;
  }
  return len;
}

/** Serialise to a new array (see writeUdp for `pseudoSum`). */
export function emitUdp(d: UdpDatagram, pseudoSum?: number): Uint8Array {
  const out = new Uint8Array(UDP_HEADER_LEN + d.payload.length);
  writeUdp(d, out, 0, pseudoSum);
  return out;
}

/** True when the datagram's checksum verifies against the pseudo-header sum (or is absent). */
export function udpChecksumOk(b: Uint8Array, pseudoSum: number): boolean {
  const d = parseUdp(b);
  if (!d) return false;
  if (d.checksum === 0) return true;
  let sum = pseudoSum;
  for (let i = 0; i + 1 < d.length; i += 2) sum += (b[i] << 8) | b[i + 1];
  if (d.length & 1) sum += b[d.length - 1] << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return (~sum & 0xffff) === 0;
}
