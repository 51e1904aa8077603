/**
 * One frame as a line of `tcpdump -e -n` (tcpdump 4.99, no -v): link header, then ARP or
 * IPv4/ICMP decoded the way tcpdump's print-arp.c / print-icmp.c word them, VLAN tags
 * as print-ether.c shows them. Other payloads fall back to tcpdump's own forms where they
 * are simple (unknown ethertype: hex dump; unknown IP protocol: `ip-proto-N LEN`); IPv6,
 * TCP and UDP are not decoded here.
 */
import { transportText } from './tcpdump-transport';
import { formatMac as mac } from '../sim/wire/mac';

export interface TcpdumpOptions {
  /** `epoch` = `-tt` (seconds.micros), `clock` = default HH:MM:SS.micros in UTC, `none` = `-t`. */
  time?: 'epoch' | 'clock' | 'none';
}

const ETHERTYPE_NAMES: Record<number, string> = {
  0x0800: 'IPv4', 0x0806: 'ARP', 0x8100: '802.1Q', 0x88a8: '802.1Q-QinQ', 0x86dd: 'IPv6', 0x8035: 'Reverse ARP',
  0x88cc: 'LLDP', 0x8847: 'MPLS unicast', 0x888e: 'EAPOL', 0x9100: '802.1Q-9100',
};

const ARP_OPS: Record<number, string> = { 1: 'Request', 2: 'Reply', 3: 'Reverse Request', 4: 'Reverse Reply', 8: 'Inverse Request', 9: 'Inverse Reply', 10: 'NACK Reply' };

/** print-icmp.c unreach2str: `%s` is the quoted packet's destination. */
const UNREACH: Record<number, string> = {
  0: 'net %s unreachable', 1: 'host %s unreachable', 5: '%s unreachable - source route failed',
  6: 'net %s unreachable - unknown', 7: 'host %s unreachable - unknown', 8: '%s unreachable - source host isolated',
  9: 'net %s unreachable - admin prohibited', 10: 'host %s unreachable - admin prohibited',
  11: 'net %s unreachable - tos prohibited', 12: 'host %s unreachable - tos prohibited',
  13: 'host %s unreachable - admin prohibited filter', 14: 'host %s unreachable - host precedence violation',
  15: 'host %s unreachable - precedence cutoff',
};

const REDIRECT: Record<number, string> = { 0: 'redirect %s to net %s', 1: 'redirect %s to host %s', 2: 'redirect-tos %s to net %s', 3: 'redirect-tos %s to host %s' };

const ICMP_PLAIN: Record<number, string> = {
  4: 'source quench', 10: 'router solicitation', 12: 'parameter problem', 15: 'information request', 16: 'information reply', 17: 'address mask request',
};

function ip4(b: Uint8Array, o: number): string {
  return `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}`;
}

function u16(b: Uint8Array, o: number): number {
  return (b[o] << 8) | b[o + 1];
}

function ethertypeText(t: number): string {
  return `ethertype ${ETHERTYPE_NAMES[t] ?? 'Unknown'} (0x${t.toString(16).padStart(4, '0')})`;
}

function fmt(template: string, ...args: string[]): string {
  let i = 0;
  return template.replace(/%s/g, () => args[i++]);
}

/** tcpdump's hex_and_ascii_print: 16 bytes a line, "\n\t0xOOOO:  hhhh hhhh ...  ascii". */
export function hexAndAscii(b: Uint8Array): string {
  let out = '';
  for (let off = 0; off < b.length; off += 16) {
    const line = b.subarray(off, Math.min(off + 16, b.length));
    let hex = '';
    let ascii = '';
    for (let i = 0; i < line.length; i += 2) {
      hex += ' ' + line[i].toString(16).padStart(2, '0') + (i + 1 < line.length ? line[i + 1].toString(16).padStart(2, '0') : '');
    }
    for (const c of line) ascii += c > 0x20 && c < 0x7f ? String.fromCharCode(c) : '.';
    out += `\n\t0x${off.toString(16).padStart(4, '0')}: ${hex.padEnd(40)}  ${ascii}`;
  }
  return out;
}

function timeText(timeNs: number | bigint, mode: TcpdumpOptions['time']): string {
  if (mode === 'none') return '';
  // Whole seconds and microseconds, truncated as tcpdump does when reading a nanosecond file.
  let sec: number;
  let usec: number;
  if (typeof timeNs === 'bigint') {
    sec = Number(timeNs / 1_000_000_000n);
    usec = Number((timeNs % 1_000_000_000n) / 1000n);
  } else {
    sec = Math.floor(timeNs / 1e9);
    usec = Math.floor((timeNs - sec * 1e9) / 1e3);
  }
  const us = String(usec).padStart(6, '0');
  if (mode === 'clock') {
    const day = ((sec % 86400) + 86400) % 86400;
    const p = (n: number) => String(n).padStart(2, '0');
    return `${p(Math.floor(day / 3600))}:${p(Math.floor(day / 60) % 60)}:${p(day % 60)}.${us} `;
  }
  return `${sec}.${us} `;
}

function arpText(b: Uint8Array, length: number): string {
  // tcpdump needs every address the header announces before printing anything.
  if (b.length < 8 || b.length < 8 + 2 * (b[4] + b[5])) return ' [|arp]';
  const hlen = b[4];
  const plen = b[5];
  const op = u16(b, 6);
  if (u16(b, 0) !== 1 || u16(b, 2) !== 0x0800 || hlen !== 6 || plen !== 4 || b.length < 28 || (op !== 1 && op !== 2)) {
    return `${ARP_OPS[op] ?? `Unknown (${op})`}${hexAndAscii(b)}`;
  }
  if (op === 1) {
    const tha = b.subarray(18, 24);
    const thaText = tha.some((x) => x !== 0) ? ` (${mac(b, 18)})` : '';
    return `Request who-has ${ip4(b, 24)}${thaText} tell ${ip4(b, 14)}, length ${length}`;
  }
  return `Reply ${ip4(b, 14)} is-at ${mac(b, 8)}, length ${length}`;
}

function icmpText(l4: Uint8Array, icmpLen: number): string {
  if (l4.length < 4) return 'ICMP [|icmp]';
  const t = l4[0];
  const c = l4[1];
  const inner = l4.subarray(8);
  const innerDst = inner.length >= 20 ? ip4(inner, 16) : '?';
  let text: string;
  switch (t) {
    case 0:
    case 8:
      text = `echo ${t === 8 ? 'request' : 'reply'}, id ${u16(l4, 4)}, seq ${u16(l4, 6)}`;
      break;
    case 3: {
      const proto = inner.length >= 20 ? inner[9] : 0;
      if (c === 2) text = `${innerDst} protocol ${proto} unreachable`;
      else if (c === 3) {
        const ihl = inner.length >= 1 ? (inner[0] & 15) * 4 : 20;
        const dport = inner.length >= ihl + 4 ? u16(inner, ihl + 2) : 0;
        text = proto === 6 ? `${innerDst} tcp port ${dport} unreachable`
          : proto === 17 ? `${innerDst} udp port ${dport} unreachable`
            : `${innerDst} protocol ${proto} port ${dport} unreachable`;
      } else if (c === 4) {
        const mtu = u16(l4, 6);
        text = mtu ? `${innerDst} unreachable - need to frag (mtu ${mtu})` : `${innerDst} unreachable - need to frag`;
      } else text = fmt(UNREACH[c] ?? `%s unreachable - #${c}`, innerDst);
      break;
    }
    case 5:
      text = fmt(REDIRECT[c] ?? `redirect-#${c} %s to %s`, innerDst, l4.length >= 8 ? ip4(l4, 4) : '?');
      break;
    case 11:
      text = c === 0 ? 'time exceeded in-transit' : c === 1 ? 'ip reassembly time exceeded' : `time exceeded-#${c}`;
      break;
    default:
      text = ICMP_PLAIN[t] ?? `type-#${t}`;
  }
  return `ICMP ${text}, length ${icmpLen}`;
}

function ipv4Text(b: Uint8Array): string {
  if (b.length < 20) return ' [|ip]';
  const ihl = (b[0] & 15) * 4;
  const total = u16(b, 2);
  const proto = b[9];
  const head = `${ip4(b, 12)} > ${ip4(b, 16)}: `;
  const payloadLen = total - ihl;
  const fragOff = u16(b, 6) & 0x1fff;
  if (proto === 1 && fragOff === 0) return head + icmpText(b.subarray(ihl, Math.min(b.length, total)), payloadLen);
  if (proto === 17 && fragOff === 0 && b.length >= ihl + 8) return udpText(b, ihl, Math.min(b.length, total));
  if ((proto === 6 || proto === 17) && fragOff === 0) return transportText(b, ihl, payloadLen);
  // tcpdump's form for protocols it has no printer for (GRE ... are not decoded here).
  return `${head} ip-proto-${proto} ${payloadLen}`;
}

/**
 * UDP as tcpdump prints it: `A.SPORT > B.DPORT: ` then the port's printer. VXLAN (4789) and
 * OTV (8472, Linux's VXLAN default, which tcpdump decodes as OTV) show their header and then,
 * on the next line without a timestamp, the inner frame as its own `-e` line; other ports
 * give `UDP, length N` (ports with other printers, DNS and the like, are not decoded here).
 */
function udpText(b: Uint8Array, ihl: number, end: number): string {
  const sport = u16(b, ihl);
  const dport = u16(b, ihl + 2);
  const head = `${ip4(b, 12)}.${sport} > ${ip4(b, 16)}.${dport}: `;
  const body = b.subarray(ihl + 8, end);
  const vxlan = sport === 4789 || dport === 4789;
  const otv = !vxlan && (sport === 8472 || dport === 8472);
  if ((vxlan || otv) && body.length >= 8) {
    const flags = body[0];
    const id = (body[4] << 16) | (body[5] << 8) | body[6];
    const flagText = `flags [${flags & 0x08 ? 'I' : 'none'}] (0x${flags.toString(16).padStart(2, '0')})`;
    const inner = body.subarray(8);
    const innerLine = inner.length >= 14
      ? `${mac(inner, 6)} > ${mac(inner, 0)}, ${ethertypeText(u16(inner, 12))}, length ${inner.length}: ${payloadText(inner, 12)}`
      : '[|ether]';
    return `${head}${vxlan ? `VXLAN, ${flagText}, vni ${id}` : `OTV, ${flagText}, overlay ${body[7]}, instance ${id}`}\n${innerLine}`;
  }
  return `${head}UDP, length ${Math.max(0, u16(b, ihl + 4) - 8)}`;
}

/** Ethertype-specific part of the line, after "length N: " (VLAN tags recurse). */
function payloadText(frame: Uint8Array, typeOff: number): string {
  const t = u16(frame, typeOff);
  const body = frame.subarray(typeOff + 2);
  if ((t === 0x8100 || t === 0x88a8 || t === 0x9100) && body.length >= 4) {
    const tci = u16(body, 0);
    const dei = tci & 0x1000 ? ', DEI' : '';
    return `vlan ${tci & 0xfff}, p ${tci >>> 13}${dei}, ${ethertypeText(u16(body, 2))}, ${payloadText(frame, typeOff + 4)}`;
  }
  if (t === 0x0806) return arpText(body, body.length);
  if (t === 0x0800) return ipv4Text(body);
  return hexAndAscii(body);
}

/**
 * One frame as `tcpdump -e -n` prints it (`-tt` timestamps by default). Pass a bigint for
 * present-day epoch times: a number of nanoseconds is only exact below 2^53.
 */
export function formatTcpdump(frame: Uint8Array, timeNs: number | bigint, opts: TcpdumpOptions = {}): string {
  const ts = timeText(timeNs, opts.time ?? 'epoch');
  if (frame.length < 14) return `${ts} [|ether]`;
  const t = u16(frame, 12);
  return `${ts}${mac(frame, 6)} > ${mac(frame, 0)}, ${ethertypeText(t)}, length ${frame.length}: ${payloadText(frame, 12)}`;
}
