/**
 * Builders for the frames a Linux host emits, byte for byte as the kernel and iputils
 * produce them on a virtual link (veth, bridge, macvlan: no padding to 60 bytes):
 * ARP 42 bytes, a default ping 98 bytes (14 + 20 + 8 + 56).
 */
import { ARP_LEN, ARP_REPLY, ARP_REQUEST, writeArp } from './arp';
import { ETHERTYPE_ARP, ETHERTYPE_IPV4, ETH_HEADER_LEN, type VlanTag, writeEthernetHeader } from './ethernet';
import { type IcmpMessage, emitIcmp, icmpQuote } from './icmp';
import { IPPROTO_ICMP, IP_FLAG_DF, type Ipv4Packet, writeIpv4 } from './ipv4';
import { BROADCAST_MAC, type Mac, ZERO_MAC } from './mac';

/** Data bytes of a default `ping` (iputils `-s 56`). */
export const PING_DATA_LEN = 56;
/** TTL of locally generated packets (net.ipv4.ip_default_ttl). */
export const DEFAULT_TTL = 64;
/** TOS the kernel gives ICMP errors: IPTOS_PREC_INTERNETCONTROL (icmp_send). */
export const ICMP_ERROR_TOS = 0xc0;

export interface ArpRequestOptions {
  /** Sender MAC: Ethernet source and ARP sha. */
  src: Mac;
  senderIp: number;
  targetIp: number;
  /** Ethernet destination: broadcast, or the cached MAC for a unicast re-probe. */
  dst?: Mac;
  /** ARP tha: the kernel leaves it zero (arp_create with target_hw NULL). */
  tha?: Mac;
  vlans?: readonly VlanTag[];
}

export interface ArpReplyOptions {
  /** Ethernet source; also sha unless `sha` is given (proxy or macvlan replies). */
  src: Mac;
  senderIp: number;
  /** The requester: Ethernet destination and ARP tha. */
  dst: Mac;
  targetIp: number;
  sha?: Mac;
  vlans?: readonly VlanTag[];
}

function arpFrame(dst: Mac, src: Mac, vlans: readonly VlanTag[], op: number, sha: Mac, spa: number, tha: Mac, tpa: number): Uint8Array {
  const hl = ETH_HEADER_LEN + 4 * vlans.length;
  const out = new Uint8Array(hl + ARP_LEN);
  writeEthernetHeader(out, dst, src, ETHERTYPE_ARP, vlans);
  writeArp({ op, sha, spa, tha, tpa }, out, hl);
  return out;
}

/** An ARP request frame, 42 bytes (+4 per tag): "who-has targetIp tell senderIp". */
/** No VLAN tags (shared: only read). */
const UNTAGGED: readonly VlanTag[] = [];

export function arpRequest(o: ArpRequestOptions): Uint8Array {
  return arpFrame(o.dst ?? BROADCAST_MAC, o.src, o.vlans ?? UNTAGGED, ARP_REQUEST, o.src, o.senderIp, o.tha ?? ZERO_MAC, o.targetIp);
}

/** An ARP reply frame, 42 bytes (+4 per tag): "senderIp is-at sha", sent to the requester. */
export function arpReply(o: ArpReplyOptions): Uint8Array {
  return arpFrame(o.dst, o.src, o.vlans ?? UNTAGGED, ARP_REPLY, o.sha ?? o.src, o.senderIp, o.dst, o.targetIp);
}

/**
 * The 56 data bytes of an iputils ping: a struct timeval (tv_sec, tv_usec as two
 * little-endian 64-bit words, x86-64 layout) then byte i = i (0x10, 0x11, ... 0x37).
 */
function putLe32(b: Uint8Array, off: number, v: number): void {
  b[off] = v & 255;
  b[off + 1] = (v >>> 8) & 255;
  b[off + 2] = (v >>> 16) & 255;
  b[off + 3] = (v >>> 24) & 255;
}

export function pingData(timeNs: number | bigint = 0, len = PING_DATA_LEN): Uint8Array {
  const d = new Uint8Array(len);
  for (let i = 16; i < len; i++) d[i] = i & 255;
  if (len >= 16) {
    const sec = typeof timeNs === 'bigint' ? Number(timeNs / 1_000_000_000n) : Math.floor(timeNs / 1e9);
    const usec = typeof timeNs === 'bigint' ? Number((timeNs % 1_000_000_000n) / 1000n) : Math.floor((timeNs - sec * 1e9) / 1e3);
    // struct timeval, little-endian 64-bit seconds and microseconds (no DataView per ping)
    putLe32(d, 0, sec >>> 0);
    putLe32(d, 4, Math.floor(sec / 2 ** 32) >>> 0);
    putLe32(d, 8, usec >>> 0);
    putLe32(d, 12, 0);
  }
  return d;
}

export interface Ipv4FrameOptions {
  src: Mac;
  dst: Mac;
  vlans?: readonly VlanTag[];
  ip: Ipv4Packet;
}

/** An Ethernet frame carrying an IPv4 packet (checksum computed). */
export function ipv4Frame(o: Ipv4FrameOptions): Uint8Array {
  const vlans = o.vlans ?? [];
  const hl = ETH_HEADER_LEN + 4 * vlans.length;
  const ipLen = 20 + ((o.ip.options.length + 3) & ~3) + o.ip.payload.length;
  const out = new Uint8Array(hl + ipLen);
  writeEthernetHeader(out, o.dst, o.src, ETHERTYPE_IPV4, vlans);
  writeIpv4(o.ip, out, hl);
  return out;
}

const EMPTY = new Uint8Array(0);

export interface IcmpFrameOptions {
  src: Mac;
  dst: Mac;
  srcIp: number;
  dstIp: number;
  msg: IcmpMessage;
  ttl?: number;
  ipId?: number;
  /** IP flags field; default none. */
  flags?: number;
  tos?: number;
  vlans?: readonly VlanTag[];
}

/** An Ethernet + IPv4 + ICMP frame. */
export function icmpFrame(o: IcmpFrameOptions): Uint8Array {
  return ipv4Frame({
    src: o.src,
    dst: o.dst,
    vlans: o.vlans,
    ip: {
      tos: o.tos ?? 0, id: o.ipId ?? 0, flags: o.flags ?? 0, fragOffset: 0, ttl: o.ttl ?? DEFAULT_TTL,
      proto: IPPROTO_ICMP, src: o.srcIp, dst: o.dstIp, options: EMPTY, payload: emitIcmp(o.msg),
    },
  });
}

export interface IcmpEchoOptions {
  src: Mac;
  dst: Mac;
  srcIp: number;
  dstIp: number;
  /** Echo reply instead of request. */
  reply?: boolean;
  id: number;
  seq: number;
  ttl?: number;
  ipId?: number;
  /** Don't-fragment: ping sets it on requests (PMTU discovery), the kernel's replies do not (icmp socket uses IP_PMTUDISC_DONT). Default follows that. */
  df?: boolean;
  /** Echo data; default `pingData(timeNs)`. A reply must carry the request's data. */
  data?: Uint8Array;
  /** Send time written into the default data (a bigint keeps present-day epoch times exact). */
  timeNs?: number | bigint;
  vlans?: readonly VlanTag[];
}

/** An ICMP echo request or reply frame; with the default data, 98 bytes (+4 per tag) like `ping`. */
export function icmpEcho(o: IcmpEchoOptions): Uint8Array {
  const df = o.df ?? !o.reply;
  return icmpFrame({
    src: o.src, dst: o.dst, srcIp: o.srcIp, dstIp: o.dstIp, ttl: o.ttl, ipId: o.ipId, vlans: o.vlans,
    flags: df ? IP_FLAG_DF : 0,
    msg: { kind: o.reply ? 'echo-reply' : 'echo-request', code: 0, id: o.id, seq: o.seq, data: o.data ?? pingData(o.timeNs ?? 0) },
  });
}

export interface IcmpErrorOptions {
  src: Mac;
  dst: Mac;
  /** The reporting address and the offending packet's source. */
  srcIp: number;
  dstIp: number;
  kind: 'dest-unreach' | 'time-exceeded' | 'redirect';
  code: number;
  /** The offending IP packet (header onward); quoted up to `quoteMax` bytes. */
  offending: Uint8Array;
  /** Redirect: the better gateway. */
  gateway?: number;
  /** Unreachable code 4: next-hop MTU. */
  mtu?: number;
  quoteMax?: number;
  ttl?: number;
  ipId?: number;
  vlans?: readonly VlanTag[];
}

/** An ICMP error frame as icmp_send() builds it: TOS 0xc0, no DF, the offending packet quoted. */
export function icmpError(o: IcmpErrorOptions): Uint8Array {
  const quote = icmpQuote(o.offending, o.quoteMax);
  const msg: IcmpMessage =
    o.kind === 'redirect' ? { kind: 'redirect', code: o.code, gateway: o.gateway ?? 0, quote }
      : o.kind === 'time-exceeded' ? { kind: 'time-exceeded', code: o.code, quote }
        : { kind: 'dest-unreach', code: o.code, mtu: o.mtu ?? 0, quote };
  return icmpFrame({ src: o.src, dst: o.dst, srcIp: o.srcIp, dstIp: o.dstIp, msg, ttl: o.ttl, ipId: o.ipId, tos: ICMP_ERROR_TOS, vlans: o.vlans });
}
