/**
 * One captured Ethernet frame → the normalised record of a conformance `expected.json`
 * capture (docs/conformance-format.md). This mirrors `decode_frame` of the kernel harness
 * (shared/conformance/lib/oracle.py) field for field and string for string, so that frames
 * seen by tcpdump on a real kernel and frames produced by the simulator compare equal.
 * It reads the raw bytes the way the harness does: no checksum or length validation, the
 * ICMP body is whatever follows the IP header in the captured bytes (padding included).
 */
import type { ObservedFrame } from '../observation/types';

/** A described frame: an ObservedFrame before the probe index is attached. */
export type DescribedFrame = Omit<ObservedFrame, 'probe'>;

/** MAC text (lowercase `aa:bb:..`) → label; see labels.ts. */
export type MacLabeler = (mac: string) => string;

const ICMP_NAMES: Record<number, string> = { 0: 'echo-reply', 3: 'dest-unreach', 5: 'redirect', 8: 'echo-request', 11: 'time-exceeded' };
const UNREACH_CODES: Record<number, string> = {
  0: 'net', 1: 'host', 2: 'protocol', 3: 'port', 4: 'frag-needed', 9: 'net-prohibited', 10: 'host-prohibited', 13: 'admin-prohibited',
};

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function mac(b: Uint8Array, o: number): string {
  return `${HEX[b[o]]}:${HEX[b[o + 1]]}:${HEX[b[o + 2]]}:${HEX[b[o + 3]]}:${HEX[b[o + 4]]}:${HEX[b[o + 5]]}`;
}

function ip4(b: Uint8Array, o: number): string {
  return `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}`;
}

function hex4(n: number): string {
  return '0x' + n.toString(16).padStart(4, '0');
}

/** Python's `str()` of the harness's vlan value: `10` or `[10, 20]`. */
function vlanText(v: number | number[]): string {
  return Array.isArray(v) ? `[${v.join(', ')}]` : String(v);
}

/** Offset just past the VLAN tags and the ethertype there (the harness's tag loop). */
function skipTags(frame: Uint8Array): { etype: number; off: number; vlans: number[] } {
  let etype = (frame[12] << 8) | frame[13];
  let off = 14;
  const vlans: number[] = [];
  while ((etype === 0x8100 || etype === 0x88a8) && frame.length >= off + 4) {
    vlans.push(((frame[off] << 8) | frame[off + 1]) & 0xfff);
    etype = (frame[off + 2] << 8) | frame[off + 3];
    off += 4;
  }
  return { etype, off, vlans };
}

/**
 * True for IPv6 frames (also behind VLAN tags): the harness drops them from captures
 * (DAD, router/neighbour solicitation, MLD are timing noise), and so must every consumer.
 */
export function isIpv6(frame: Uint8Array): boolean {
  if (frame.length < 14) return false;
  const { etype, off } = skipTags(frame);
  if (etype === 0x86dd) return true;
  return etype === 0x0800 && isIpv6InVxlan(frame, off);
}

/**
 * An IPv4 packet carrying, in UDP to a VXLAN port (4789, or Linux's default 8472), a VXLAN
 * frame whose inner frame is IPv6: the same interface noise (DAD, router solicitations, MLD)
 * sent by a VXLAN device, seen on the underlay. Left out for the same reason.
 */
function isIpv6InVxlan(frame: Uint8Array, off: number, depth = 0): boolean {
  if (frame.length < off + 20) return false;
  const udp = off + (frame[off] & 0x0f) * 4;
  // an ICMP error about such a packet (a port unreachable from an endpoint without the port
  // open) is noise of the same origin: the quoted packet starts 8 bytes into the ICMP message
  const icmpType = frame[udp];
  if (frame[off + 9] === 1 && depth === 0 && (icmpType === 3 || icmpType === 11)) return isIpv6InVxlan(frame, udp + 8, 1);
  if (frame[off + 9] !== 17) return false;
  const port = (frame[udp + 2] << 8) | frame[udp + 3];
  if (port !== 4789 && port !== 8472) return false;
  const vx = udp + 8;
  if (frame.length < vx + 8 + 14 || frame[vx] !== 0x08) return false;
  return isIpv6(frame.subarray(vx + 8));
}

/**
 * Describe one frame exactly as the harness does. Filtering is the caller's job: skip
 * frames for which isIpv6() is true (for those this returns the `ethertype-0x86dd`
 * fallback record). A frame shorter than 14 bytes gives `{type: 'runt'}` alone, as in the
 * harness (src, dst, ethertype and summary are then absent despite the type).
 */
export function describeFrame(frame: Uint8Array, label: MacLabeler): DescribedFrame {
  if (frame.length < 14) return { type: 'runt' } as DescribedFrame;
  const src = label(mac(frame, 6));
  const dst = label(mac(frame, 0));
  const { etype, off, vlans } = skipTags(frame);
  const vlan = vlans.length === 0 ? undefined : vlans.length > 1 ? vlans : vlans[0];
  const vlanSuffix = vlan === undefined ? '' : ` vlan ${vlanText(vlan)}`;
  const base: DescribedFrame = { src, dst, ethertype: hex4(etype), type: '', summary: '' };
  if (vlan !== undefined) base.vlan = vlan;
  const body = frame.subarray(off);

  if (etype === 0x0806 && body.length >= 28) {
    const op = (body[6] << 8) | body[7];
    const r: DescribedFrame = {
      ...base,
      type: op === 1 ? 'arp-request' : op === 2 ? 'arp-reply' : `arp-op${op}`,
      sender_mac: label(mac(body, 8)),
      sender_ip: ip4(body, 14),
      target_mac: label(mac(body, 18)),
      target_ip: ip4(body, 24),
    };
    r.summary = op === 1
      ? `${src} > ${dst} ARP who-has ${r.target_ip} tell ${r.sender_ip}${vlanSuffix}`
      : `${src} > ${dst} ARP ${r.sender_ip} is-at ${r.sender_mac}${vlanSuffix}`;
    return r;
  }

  if (etype === 0x0800 && body.length >= 20) {
    const ihl = (body[0] & 0x0f) * 4;
    const proto = body[9];
    const r: DescribedFrame = { ...base, ip_src: ip4(body, 12), ip_dst: ip4(body, 16), ttl: body[8] };
    const l4 = body.subarray(ihl);
    if (proto === 1 && l4.length >= 4) {
      const t = l4[0];
      const c = l4[1];
      r.type = 'icmp-' + (ICMP_NAMES[t] ?? `type${t}`);
      if (t === 3) r.code = UNREACH_CODES[c] ?? c;
      else if (t === 5 || t === 11) r.code = c;
      if (t === 5 && l4.length >= 8) r.gateway = ip4(l4, 4);
      if ((t === 3 || t === 5 || t === 11) && l4.length >= 28) r.orig = `${ip4(l4, 8 + 12)} > ${ip4(l4, 8 + 16)}`;
      let s = `${src} > ${dst} ${r.type.toUpperCase()} ${r.ip_src} > ${r.ip_dst} ttl ${r.ttl}`;
      if (r.code !== undefined) s += ` code ${r.code}`;
      if (r.gateway !== undefined) s += ` gateway ${r.gateway}`;
      r.summary = s + vlanSuffix;
    } else {
      r.type = `ipv4-proto${proto}`;
      r.summary = `${src} > ${dst} IPv4 proto ${proto} ${r.ip_src} > ${r.ip_dst}${vlanSuffix}`;
    }
    return r;
  }

  base.type = `ethertype-${hex4(etype)}`;
  base.summary = `${src} > ${dst} ethertype ${hex4(etype)}`;
  return base;
}
