/**
 * ARP for Ethernet/IPv4 (RFC 826): hardware type 1, protocol 0x0800, 6-byte and 4-byte
 * addresses, 28 bytes. IPv4 addresses are unsigned 32-bit numbers, as in src/core/net/ipv4.ts.
 */
import { type Mac, readMac, writeMac } from './mac';

export const ARP_LEN = 28;
export const ARP_REQUEST = 1;
export const ARP_REPLY = 2;

export interface ArpPacket {
  /** 1 request, 2 reply (other values are carried through). */
  op: number;
  /** Sender hardware / protocol address. */
  sha: Mac;
  spa: number;
  /** Target hardware / protocol address (zero MAC in a Linux request). */
  tha: Mac;
  tpa: number;
}

function u32(b: Uint8Array, o: number): number {
  return ((b[o] << 24) | (b[o + 1] << 16) | (b[o + 2] << 8) | b[o + 3]) >>> 0;
}

function put32(b: Uint8Array, o: number, v: number): void {
  b[o] = v >>> 24;
  b[o + 1] = (v >>> 16) & 255;
  b[o + 2] = (v >>> 8) & 255;
  b[o + 3] = v & 255;
}

/** Parse an Ethernet/IPv4 ARP payload; undefined if too short or not Ethernet/IPv4 (trailing padding is ignored). */
export function parseArp(b: Uint8Array): ArpPacket | undefined {
  if (b.length < ARP_LEN) return undefined;
  if (((b[0] << 8) | b[1]) !== 1 || ((b[2] << 8) | b[3]) !== 0x0800 || b[4] !== 6 || b[5] !== 4) return undefined;
  return { op: (b[6] << 8) | b[7], sha: readMac(b, 8), spa: u32(b, 14), tha: readMac(b, 18), tpa: u32(b, 24) };
}

/** Serialise into `buf` at `off` (28 bytes); returns `buf`. */
export function writeArp(p: ArpPacket, buf: Uint8Array, off = 0): Uint8Array {
  buf[off] = 0;
  buf[off + 1] = 1;
  buf[off + 2] = 0x08;
  buf[off + 3] = 0x00;
  buf[off + 4] = 6;
  buf[off + 5] = 4;
  buf[off + 6] = p.op >>> 8;
  buf[off + 7] = p.op & 255;
  writeMac(buf, off + 8, p.sha);
  put32(buf, off + 14, p.spa);
  writeMac(buf, off + 18, p.tha);
  put32(buf, off + 24, p.tpa);
  return buf;
}

/** Serialise to a new 28-byte array. */
export function emitArp(p: ArpPacket): Uint8Array {
  return writeArp(p, new Uint8Array(ARP_LEN));
}
