/**
 * TCP segments (RFC 9293) on the wire: ports, sequence and acknowledgement numbers, flags,
 * window, the MSS option on SYNs, and the checksum over a network-layer pseudo-header passed
 * in as a partial sum (`tcpPseudoSum` for IPv4; an IPv6 variant would sit beside it).
 */
import { IPPROTO_TCP } from './ipv4';

export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_RST = 0x04;
export const TCP_PSH = 0x08;
export const TCP_ACK = 0x10;

export interface TcpSegment {
  srcPort: number;
  dstPort: number;
  seq: number;
  ack: number;
  flags: number;
  window: number;
  /** MSS option (SYN and SYN-ACK), absent otherwise. */
  mss?: number;
  payload: Uint8Array;
}

export interface ParsedTcp extends TcpSegment { headerLen: number; checksum: number }

const EMPTY = new Uint8Array(0);

export function parseTcp(b: Uint8Array): ParsedTcp | undefined {
  if (b.length < 20) return undefined;
  const headerLen = (b[12] >> 4) * 4;
  if (headerLen < 20 || headerLen > b.length) return undefined;
  let mss: number | undefined;
  for (let o = 20; o < headerLen;) {
    const kind = b[o];
    if (kind === 0) break;
    if (kind === 1) { o++; continue; }
    const len = b[o + 1];
    if (len < 2 || o + len > headerLen) break;
    if (kind === 2 && len === 4) mss = (b[o + 2] << 8) | b[o + 3];
    o += len;
  }
  const seg: ParsedTcp = {
    srcPort: (b[0] << 8) | b[1], dstPort: (b[2] << 8) | b[3],
    seq: ((b[4] << 24) | (b[5] << 16) | (b[6] << 8) | b[7]) >>> 0,
    ack: ((b[8] << 24) | (b[9] << 16) | (b[10] << 8) | b[11]) >>> 0,
    flags: b[13], window: (b[14] << 8) | b[15], checksum: (b[16] << 8) | b[17],
    headerLen, payload: b.length > headerLen ? b.subarray(headerLen) : EMPTY,
  };
  if (mss !== undefined) seg.mss = mss;
  return seg;
}

/** Partial one's-complement sum of the IPv4 pseudo-header (src, dst, proto 6, length). */
export function tcpPseudoSum(src: number, dst: number, tcpLen: number): number {
  return (src >>> 16) + (src & 0xffff) + (dst >>> 16) + (dst & 0xffff) + IPPROTO_TCP + tcpLen;
}

function put32(b: Uint8Array, o: number, v: number): void {
  b[o] = v >>> 24; b[o + 1] = (v >>> 16) & 255; b[o + 2] = (v >>> 8) & 255; b[o + 3] = v & 255;
}

/** Serialise with its checksum (`pseudoSum` from tcpPseudoSum, without the length: added here). */
export function emitTcp(s: TcpSegment, pseudo: (len: number) => number): Uint8Array {
  const opt = s.mss !== undefined ? 4 : 0;
  const hl = 20 + opt;
  const out = new Uint8Array(hl + s.payload.length);
  out[0] = s.srcPort >>> 8; out[1] = s.srcPort & 255;
  out[2] = s.dstPort >>> 8; out[3] = s.dstPort & 255;
  put32(out, 4, s.seq >>> 0);
  put32(out, 8, s.ack >>> 0);
  out[12] = (hl / 4) << 4;
  out[13] = s.flags;
  out[14] = s.window >>> 8; out[15] = s.window & 255;
  if (s.mss !== undefined) { out[20] = 2; out[21] = 4; out[22] = s.mss >>> 8; out[23] = s.mss & 255; }
  out.set(s.payload, hl);
  setTcpChecksum(out, 0, out.length, pseudo(out.length));
  return out;
}

/** Recompute the checksum of the segment at `off` (after NAT rewrote ports or addresses). */
export function setTcpChecksum(b: Uint8Array, off: number, len: number, pseudoSum: number): void {
  b[off + 16] = 0; b[off + 17] = 0;
  let sum = pseudoSum;
  for (let i = 0; i + 1 < len; i += 2) sum += (b[off + i] << 8) | b[off + i + 1];
  if (len & 1) sum += b[off + len - 1] << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  const c = ~sum & 0xffff;
  b[off + 16] = c >>> 8; b[off + 17] = c & 255;
}

/** tcpdump's flag letters: `S`, `S.`, `.`, `F.`, `R.`, `P.` … */
export function tcpFlagText(flags: number): string {
  let t = '';
  if (flags & TCP_FIN) t += 'F';
  if (flags & TCP_SYN) t += 'S';
  if (flags & TCP_RST) t += 'R';
  if (flags & TCP_PSH) t += 'P';
  if (flags & TCP_ACK) t += '.';
  return t || 'none';
}
