/**
 * TCP and UDP as `tcpdump -n` prints them (print-tcp.c, print-udp.c): ports after the
 * addresses, TCP flags in brackets, seq/ack (absolute on a SYN, relative is not tracked
 * here), window, the MSS option and the payload length; UDP as `UDP, length N`.
 */
import { parseTcp, tcpFlagText, TCP_ACK, TCP_FIN, TCP_SYN } from '../sim/wire/tcp';

function ip4(b: Uint8Array, o: number): string {
  return `${b[o]}.${b[o + 1]}.${b[o + 2]}.${b[o + 3]}`;
}

/** The text after the link header for an IPv4 TCP or UDP packet `b` (header at 0). */
export function transportText(b: Uint8Array, ihl: number, payloadLen: number): string {
  const l4 = b.subarray(ihl, Math.min(b.length, ihl + payloadLen));
  const src = ip4(b, 12);
  const dst = ip4(b, 16);
  if (l4.length < 4) return `${src} > ${dst}: [|${b[9] === 6 ? 'tcp' : 'udp'}]`;
  const sp = (l4[0] << 8) | l4[1];
  const dp = (l4[2] << 8) | l4[3];
  const head = `${src}.${sp} > ${dst}.${dp}: `;
  if (b[9] === 17) return `${head}UDP, length ${Math.max(0, payloadLen - 8)}`;
  const t = parseTcp(l4);
  if (!t) return `${head}tcp ${payloadLen} [bad hdr length]`;
  const parts = [`Flags [${tcpFlagText(t.flags)}]`];
  if (t.flags & (TCP_SYN | TCP_FIN) || t.payload.length || !(t.flags & TCP_ACK)) parts.push(`seq ${t.seq}`);
  if (t.flags & TCP_ACK) parts.push(`ack ${t.ack}`);
  parts.push(`win ${t.window}`);
  if (t.mss !== undefined) parts.push(`options [mss ${t.mss}]`);
  parts.push(`length ${payloadLen - t.headerLen}`);
  return head + parts.join(', ');
}
