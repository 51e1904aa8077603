/**
 * ICMP for IPv4 (RFC 792): echo request/reply, destination unreachable, time exceeded,
 * redirect; anything else is carried as `other`. The checksum covers the whole message
 * and is computed on emit, verified on parse.
 */
import { internetChecksum } from './checksum';

export const ICMP_ECHO_REPLY = 0;
export const ICMP_DEST_UNREACH = 3;
export const ICMP_REDIRECT = 5;
export const ICMP_ECHO_REQUEST = 8;
export const ICMP_TIME_EXCEEDED = 11;

/** Destination-unreachable codes the kernel sends (include/uapi/linux/icmp.h). */
export const UNREACH_NET = 0;
export const UNREACH_HOST = 1;
export const UNREACH_PROTOCOL = 2;
export const UNREACH_PORT = 3;
export const UNREACH_FRAG_NEEDED = 4;
export const UNREACH_NET_PROHIBITED = 9;
export const UNREACH_HOST_PROHIBITED = 10;
export const UNREACH_ADMIN_PROHIBITED = 13;
/** Time-exceeded codes. */
export const EXC_TTL = 0;
export const EXC_FRAGTIME = 1;

/**
 * How much of the offending packet the kernel quotes in an error: icmp_send() fills up to
 * 576 bytes of IP datagram, i.e. 576 - 20 (IP header) - 8 (ICMP header) = 548 bytes, far
 * more than the RFC's minimum of the IP header plus 8 bytes.
 */
export const LINUX_ICMP_QUOTE_MAX = 548;
export const ICMP_HEADER_LEN = 8;

export type IcmpMessage =
  | { kind: 'echo-request' | 'echo-reply'; code: number; id: number; seq: number; data: Uint8Array }
  /** `mtu` is the next-hop MTU of code 4 (0 otherwise); `quote` the original IP header and data. */
  | { kind: 'dest-unreach'; code: number; mtu: number; quote: Uint8Array }
  | { kind: 'time-exceeded'; code: number; quote: Uint8Array }
  | { kind: 'redirect'; code: number; gateway: number; quote: Uint8Array }
  /** Any other type: `rest` is the 32-bit word after the checksum, `data` what follows. */
  | { kind: 'other'; type: number; code: number; rest: number; data: Uint8Array };

export interface ParsedIcmp {
  msg: IcmpMessage;
  type: number;
  checksum: number;
  checksumOk: boolean;
}

/** ICMP type number of a message. */
export function icmpType(m: IcmpMessage): number {
  switch (m.kind) {
    case 'echo-request': return ICMP_ECHO_REQUEST;
    case 'echo-reply': return ICMP_ECHO_REPLY;
    case 'dest-unreach': return ICMP_DEST_UNREACH;
    case 'time-exceeded': return ICMP_TIME_EXCEEDED;
    case 'redirect': return ICMP_REDIRECT;
    case 'other': return m.type;
  }
}

/** Parse an ICMP message (the IPv4 payload); undefined if shorter than the 8-byte header. */
export function parseIcmp(b: Uint8Array): ParsedIcmp | undefined {
  if (b.length < ICMP_HEADER_LEN) return undefined;
  const type = b[0];
  const code = b[1];
  const hi = (b[4] << 8) | b[5];
  const lo = (b[6] << 8) | b[7];
  const body = b.subarray(8);
  let msg: IcmpMessage;
  switch (type) {
    case ICMP_ECHO_REQUEST:
    case ICMP_ECHO_REPLY:
      msg = { kind: type === ICMP_ECHO_REQUEST ? 'echo-request' : 'echo-reply', code, id: hi, seq: lo, data: body };
      break;
    case ICMP_DEST_UNREACH:
      msg = { kind: 'dest-unreach', code, mtu: lo, quote: body };
      break;
    case ICMP_TIME_EXCEEDED:
      msg = { kind: 'time-exceeded', code, quote: body };
      break;
    case ICMP_REDIRECT:
      msg = { kind: 'redirect', code, gateway: ((hi << 16) | lo) >>> 0, quote: body };
      break;
    default:
      msg = { kind: 'other', type, code, rest: ((hi << 16) | lo) >>> 0, data: body };
  }
  const checksum = (b[2] << 8) | b[3];
  return { msg, type, checksum, checksumOk: internetChecksum(b, 0, b.length) === 0 };
}

/** Serialise a message with its checksum. */
export function emitIcmp(m: IcmpMessage): Uint8Array {
  const body = 'data' in m ? m.data : m.quote;
  const out = new Uint8Array(ICMP_HEADER_LEN + body.length);
  out[0] = icmpType(m);
  out[1] = m.code;
  let rest = 0;
  if (m.kind === 'echo-request' || m.kind === 'echo-reply') rest = ((m.id << 16) | (m.seq & 0xffff)) >>> 0;
  else if (m.kind === 'dest-unreach') rest = m.mtu & 0xffff;
  else if (m.kind === 'redirect') rest = m.gateway;
  else if (m.kind === 'other') rest = m.rest;
  out[4] = rest >>> 24;
  out[5] = (rest >>> 16) & 255;
  out[6] = (rest >>> 8) & 255;
  out[7] = rest & 255;
  out.set(body, ICMP_HEADER_LEN);
  const c = internetChecksum(out);
  out[2] = c >>> 8;
  out[3] = c & 255;
  return out;
}

/**
 * The part of an offending IP packet an ICMP error carries: its first `max` bytes
 * (default: as much as Linux quotes). Pass `max = ihl*4 + 8` for the RFC 792 minimum.
 */
export function icmpQuote(ipPacket: Uint8Array, max = LINUX_ICMP_QUOTE_MAX): Uint8Array {
  return ipPacket.subarray(0, Math.min(max, ipPacket.length));
}

/** True for the error types that quote an offending packet (3, 4, 5, 11, 12). */
export function isIcmpErrorType(type: number): boolean {
  return type === 3 || type === 4 || type === 5 || type === 11 || type === 12;
}
