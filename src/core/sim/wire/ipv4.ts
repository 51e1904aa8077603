/**
 * IPv4 headers (RFC 791) on the wire. Addresses are unsigned 32-bit numbers (see
 * src/core/net/ipv4.ts for text forms). Options are kept as raw bytes on parse and written
 * back on emit; the header checksum is computed on emit and verified on parse.
 */
import { internetChecksum } from './checksum';

export const IPV4_MIN_HEADER_LEN = 20;
export const IPPROTO_ICMP = 1;
export const IPPROTO_TCP = 6;
export const IPPROTO_UDP = 17;
/** Flag bits as they sit in the 3-bit flags field. */
export const IP_FLAG_DF = 2;
export const IP_FLAG_MF = 1;

export interface Ipv4Packet {
  /** DSCP + ECN byte. */
  tos: number;
  id: number;
  /** 3-bit flags field (IP_FLAG_DF | IP_FLAG_MF). */
  flags: number;
  /** Fragment offset in 8-byte units. */
  fragOffset: number;
  ttl: number;
  proto: number;
  src: number;
  dst: number;
  /** Raw option bytes (length a multiple of 4); empty when none. */
  options: Uint8Array;
  /** The payload (a view, bounded by the total-length field when it is consistent). */
  payload: Uint8Array;
}

export interface ParsedIpv4 extends Ipv4Packet {
  /** Header length in bytes (IHL * 4). */
  headerLen: number;
  /** Total-length field. */
  totalLen: number;
  /** The header checksum field as received. */
  checksum: number;
  /** True when the header checksum verifies. */
  checksumOk: boolean;
}

/** Parse an IPv4 packet; undefined if not version 4 or shorter than its header. */
export function parseIpv4(b: Uint8Array): ParsedIpv4 | undefined {
  if (b.length < IPV4_MIN_HEADER_LEN || b[0] >>> 4 !== 4) return undefined;
  const headerLen = (b[0] & 15) * 4;
  if (headerLen < IPV4_MIN_HEADER_LEN || b.length < headerLen) return undefined;
  const totalLen = (b[2] << 8) | b[3];
  // Frames may carry Ethernet padding after the packet; a total length beyond the data
  // (truncated capture) keeps what is there.
  const end = totalLen >= headerLen && totalLen <= b.length ? totalLen : b.length;
  const checksum = (b[10] << 8) | b[11];
  return {
    tos: b[1],
    id: (b[4] << 8) | b[5],
    flags: b[6] >>> 5,
    fragOffset: ((b[6] & 0x1f) << 8) | b[7],
    ttl: b[8],
    proto: b[9],
    src: ipv4Src(b),
    dst: ipv4Dst(b),
    options: b.subarray(IPV4_MIN_HEADER_LEN, headerLen),
    payload: b.subarray(headerLen, end),
    headerLen,
    totalLen,
    checksum,
    checksumOk: internetChecksum(b, 0, headerLen) === 0,
  };
}

/** Write header + payload into `buf` at `off`, computing total length and checksum; returns bytes written. */
export function writeIpv4(p: Ipv4Packet, buf: Uint8Array, off = 0): number {
  const optLen = (p.options.length + 3) & ~3;
  const hl = IPV4_MIN_HEADER_LEN + optLen;
  const total = hl + p.payload.length;
  buf[off] = 0x40 | (hl >>> 2);
  buf[off + 1] = p.tos;
  buf[off + 2] = total >>> 8;
  buf[off + 3] = total & 255;
  buf[off + 4] = p.id >>> 8;
  buf[off + 5] = p.id & 255;
  buf[off + 6] = ((p.flags & 7) << 5) | ((p.fragOffset >>> 8) & 0x1f);
  buf[off + 7] = p.fragOffset & 255;
  buf[off + 8] = p.ttl;
  buf[off + 9] = p.proto;
  buf[off + 10] = 0;
  buf[off + 11] = 0;
  put32(buf, off + 12, p.src);
  put32(buf, off + 16, p.dst);
  buf.fill(0, off + 20, off + hl);
  buf.set(p.options, off + 20);
  const c = internetChecksum(buf, off, hl);
  buf[off + 10] = c >>> 8;
  buf[off + 11] = c & 255;
  buf.set(p.payload, off + hl);
  return total;
}

/** Serialise to a new array (header length from the options, checksum computed). */
export function emitIpv4(p: Ipv4Packet): Uint8Array {
  const out = new Uint8Array(IPV4_MIN_HEADER_LEN + ((p.options.length + 3) & ~3) + p.payload.length);
  writeIpv4(p, out, 0);
  return out;
}

function put32(b: Uint8Array, o: number, v: number): void {
  b[o] = v >>> 24;
  b[o + 1] = (v >>> 16) & 255;
  b[o + 2] = (v >>> 8) & 255;
  b[o + 3] = v & 255;
}

/** Source address of the packet at `off` (fast path). */
export function ipv4Src(b: Uint8Array, off = 0): number {
  return ((b[off + 12] << 24) | (b[off + 13] << 16) | (b[off + 14] << 8) | b[off + 15]) >>> 0;
}

/** Destination address of the packet at `off` (fast path). */
export function ipv4Dst(b: Uint8Array, off = 0): number {
  return ((b[off + 16] << 24) | (b[off + 17] << 16) | (b[off + 18] << 8) | b[off + 19]) >>> 0;
}

/**
 * Decrement the TTL of the packet at `off` in place, patching the checksum incrementally
 * (RFC 1624) as a forwarding router does. Returns the new TTL. Callers check for TTL <= 1 first.
 */
export function decrementTtl(b: Uint8Array, off = 0): number {
  const ttl = b[off + 8] - 1;
  b[off + 8] = ttl;
  // The TTL is the high byte of the 16-bit word at offset 8: HC' = ~(~HC + ~m + m').
  const old = ((ttl + 1) << 8) | b[off + 9];
  const now = (ttl << 8) | b[off + 9];
  let sum = (~((b[off + 10] << 8) | b[off + 11]) & 0xffff) + (~old & 0xffff) + now;
  sum = (sum & 0xffff) + (sum >>> 16);
  sum = (sum & 0xffff) + (sum >>> 16);
  const c = ~sum & 0xffff;
  b[off + 10] = c >>> 8;
  b[off + 11] = c & 255;
  return ttl;
}
