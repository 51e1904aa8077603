/**
 * TCP and UDP endpoints of a namespace (net/ipv4/tcp_ipv4.c, tcp_input.c, tcp_minisocks.c,
 * udp.c): listeners declared in the design (`nc -l -p PORT`) and the client sockets of the
 * connection probes. What is modelled is what decides a connection's fate:
 *
 * - a SYN to a listening port gets a SYN-ACK (tcp_v4_conn_request); the final ACK makes the
 *   connection (tcp_check_req), after which an `nc -l` without `-k` closes its listening
 *   socket, so the next SYN to that port is answered by a reset;
 * - a segment no socket wants gets a reset (tcp_v4_send_reset: RST with seq = the segment's
 *   ack if it had one, else RST|ACK acknowledging it), a reset is never answered;
 * - a datagram to a port no socket has bound gets ICMP port unreachable (__udp4_lib_rcv);
 *   `nc -u -l` connects its socket to the first peer (netcat-openbsd), so a datagram from
 *   any other address or port finds no socket;
 * - an ICMP error quoting a segment or datagram of a socket is reported to it
 *   (tcp_v4_err, __udp4_lib_err, errno from icmp_err_convert).
 * Closing is FIN,ACK both ways and a last ACK (the client's nc -z closes at once, the server's
 * nc exits on end of file).
 */
import { formatIp } from '../../net/ipv4';
import type { Listener } from '../../model/types';
import type { Sim, SimDev, SimNs } from '../model';
import { ipv4Dst, ipv4Src, IPPROTO_TCP, IPPROTO_UDP } from '../wire/ipv4';
import { emitTcp, parseTcp, tcpPseudoSum, TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN } from '../wire/tcp';
import { emitUdp, ipv4PseudoSum, parseUdp } from '../wire/udp';
import { ICMP_DEST_UNREACH, UNREACH_PORT } from '../wire/icmp';
import { ipSendLocal } from './ip-output';
import { icmpSendError } from './icmp';
import { routeOutput } from './route';

type TcpState = 'SYN_SENT' | 'SYN_RECV' | 'ESTABLISHED' | 'FIN_WAIT' | 'LAST_ACK' | 'CLOSED';

/** What a client socket hears (the probe's side). */
export interface SocketEvents {
  onConnected?: () => void;
  /** errno text, e.g. ECONNREFUSED, EHOSTUNREACH. */
  onError: (errno: string, from?: number) => void;
}

interface TcpConn {
  local: number; lport: number; remote: number; rport: number;
  state: TcpState; sndNxt: number; rcvNxt: number;
  events?: SocketEvents;
  listener?: ListenSock;
}

interface ListenSock extends Listener { closed: boolean; peer?: { addr: number; port: number } }

interface UdpClient { local: number; lport: number; remote: number; rport: number; events: SocketEvents }

interface Transport {
  listeners: ListenSock[];
  tcp: Map<string, TcpConn>;
  udp: Map<number, UdpClient>;
}

const tables = new WeakMap<SimNs, Transport>();

function table(ns: SimNs): Transport {
  let t = tables.get(ns);
  if (!t) {
    t = { listeners: (ns.listeners ?? []).map((l) => ({ ...l, closed: false })), tcp: new Map(), udp: new Map() };
    tables.set(ns, t);
  }
  return t;
}

const key = (local: number, lport: number, remote: number, rport: number) => `${local}:${lport}:${remote}:${rport}`;

/** Linux's default ephemeral range (net.ipv4.ip_local_port_range 32768 60999). */
function ephemeral(sim: Sim, t: Transport): number {
  for (;;) {
    const p = sim.rng.int(32768, 60999);
    if (!t.udp.has(p) && ![...t.tcp.values()].some((c) => c.lport === p)) return p;
  }
}

const WINDOW = 64240;
const MSS = 1460;

function sendSeg(sim: Sim, ns: SimNs, c: { local: number; lport: number; remote: number; rport: number }, seq: number, ack: number, flags: number, mss?: number): void {
  const payload = emitTcp({ srcPort: c.lport, dstPort: c.rport, seq, ack, flags, window: flags & TCP_RST ? 0 : WINDOW, mss, payload: new Uint8Array(0) },
    (len) => tcpPseudoSum(c.local, c.remote, len));
  ipSendLocal(sim, ns, { dst: c.remote, src: c.local, proto: IPPROTO_TCP, payload, df: true });
}

function note(sim: Sim, ns: SimNs, text: string): void {
  sim.trace.push({ t: sim.engine.now, kind: 'note', ns: ns.label, text });
}

/** tcp_v4_rcv: a TCP segment reached local delivery in `ns`. */
export function tcpRcv(sim: Sim, ns: SimNs, _dev: SimDev, pkt: Uint8Array): void {
  const ihl = (pkt[0] & 15) * 4;
  const seg = parseTcp(pkt.subarray(ihl));
  if (!seg) return;
  const src = ipv4Src(pkt);
  const dst = ipv4Dst(pkt);
  const t = table(ns);
  const k = key(dst, seg.dstPort, src, seg.srcPort);
  const c = t.tcp.get(k);
  const segLen = seg.payload.length + (seg.flags & TCP_SYN ? 1 : 0) + (seg.flags & TCP_FIN ? 1 : 0);
  if (c) {
    if (seg.flags & TCP_RST) {
      t.tcp.delete(k);
      if (c.state === 'SYN_SENT') c.events?.onError('ECONNREFUSED', src);
      return;
    }
    if (c.state === 'SYN_SENT') {
      if ((seg.flags & (TCP_SYN | TCP_ACK)) !== (TCP_SYN | TCP_ACK) || seg.ack !== c.sndNxt) return;
      c.rcvNxt = (seg.seq + 1) >>> 0;
      c.state = 'ESTABLISHED';
      sendSeg(sim, ns, c, c.sndNxt, c.rcvNxt, TCP_ACK);
      c.events?.onConnected?.();
      return;
    }
    if (c.state === 'SYN_RECV' && seg.flags & TCP_ACK && seg.ack === c.sndNxt) {
      c.state = 'ESTABLISHED';
      // nc -l without -k stops listening once it accepted a connection
      if (c.listener && !c.listener.keep) {
        c.listener.closed = true;
        note(sim, ns, `nc on tcp port ${c.lport} accepted ${formatIp(src)}:${seg.srcPort} and stopped listening`);
      }
    }
    if (seg.flags & TCP_FIN) {
      c.rcvNxt = (seg.seq + segLen) >>> 0;
      if (c.state === 'ESTABLISHED') {
        // the server's nc reads end of file and exits: its FIN goes with the ACK
        sendSeg(sim, ns, c, c.sndNxt, c.rcvNxt, TCP_FIN | TCP_ACK);
        c.sndNxt = (c.sndNxt + 1) >>> 0;
        c.state = 'LAST_ACK';
      } else if (c.state === 'FIN_WAIT') {
        sendSeg(sim, ns, c, c.sndNxt, c.rcvNxt, TCP_ACK);
        t.tcp.delete(k); // TIME_WAIT is not modelled: the port is never reused by the probes
      }
      return;
    }
    if (c.state === 'LAST_ACK' && seg.flags & TCP_ACK) t.tcp.delete(k);
    return;
  }
  if (seg.flags & TCP_RST) return;
  const l = t.listeners.find((x) => x.proto === 'tcp' && x.port === seg.dstPort && !x.closed);
  if (l && (seg.flags & (TCP_SYN | TCP_ACK | TCP_FIN)) === TCP_SYN) {
    const isn = sim.rng.int(0, 0x7fffffff);
    const conn: TcpConn = { local: dst, lport: seg.dstPort, remote: src, rport: seg.srcPort, state: 'SYN_RECV', sndNxt: (isn + 1) >>> 0, rcvNxt: (seg.seq + 1) >>> 0, listener: l };
    t.tcp.set(k, conn);
    sendSeg(sim, ns, conn, isn, conn.rcvNxt, TCP_SYN | TCP_ACK, MSS);
    return;
  }
  note(sim, ns, `no socket for tcp ${formatIp(dst)}:${seg.dstPort} from ${formatIp(src)}:${seg.srcPort}: reset (net/ipv4/tcp_ipv4.c tcp_v4_send_reset)`);
  const back = { local: dst, lport: seg.dstPort, remote: src, rport: seg.srcPort };
  if (seg.flags & TCP_ACK) sendSeg(sim, ns, back, seg.ack, 0, TCP_RST);
  else sendSeg(sim, ns, back, 0, (seg.seq + segLen) >>> 0, TCP_RST | TCP_ACK);
}

/** __udp4_lib_rcv: a UDP datagram reached local delivery in `ns`. */
export function udpRcv(sim: Sim, ns: SimNs, dev: SimDev, pkt: Uint8Array, broadcast: boolean): void {
  const ihl = (pkt[0] & 15) * 4;
  const d = parseUdp(pkt.subarray(ihl));
  if (!d) return;
  const src = ipv4Src(pkt);
  const t = table(ns);
  const client = t.udp.get(d.dstPort);
  if (client && client.remote === src && client.rport === d.srcPort) return;
  const l = t.listeners.find((x) => x.proto === 'udp' && x.port === d.dstPort && (!x.peer || (x.peer.addr === src && x.peer.port === d.srcPort)));
  if (l) {
    if (!l.peer && !l.keep) {
      l.peer = { addr: src, port: d.srcPort };
      note(sim, ns, `nc on udp port ${l.port} connected to its first peer ${formatIp(src)}:${d.srcPort}`);
    }
    return;
  }
  if (broadcast) return;
  note(sim, ns, `no socket for udp port ${d.dstPort} from ${formatIp(src)}:${d.srcPort}: ICMP port unreachable (net/ipv4/udp.c __udp4_lib_rcv)`);
  icmpSendError(sim, ns, pkt, ICMP_DEST_UNREACH, UNREACH_PORT, dev);
}

/** icmp_err_convert: the errno a socket gets for an ICMP error. */
function errnoOf(type: number, code: number): string {
  if (type === 11) return 'EHOSTUNREACH';
  if (type !== 3) return 'EPROTO';
  if (code === 3) return 'ECONNREFUSED';
  if (code === 0 || code === 6 || code === 9 || code === 11) return 'ENETUNREACH';
  if (code === 2) return 'ENOPROTOOPT';
  if (code === 4) return 'EMSGSIZE';
  return 'EHOSTUNREACH';
}

/** tcp_v4_err / __udp4_lib_err: an ICMP error quoting one of our segments or datagrams. */
export function transportIcmpError(sim: Sim, ns: SimNs, from: number, type: number, code: number, quote: Uint8Array): void {
  if (type !== 3 && type !== 11) return;
  const qihl = (quote[0] & 15) * 4;
  if (quote.length < qihl + 8) return;
  const proto = quote[9];
  const qsrc = ipv4Src(quote);
  const qdst = ipv4Dst(quote);
  const sport = (quote[qihl] << 8) | quote[qihl + 1];
  const dport = (quote[qihl + 2] << 8) | quote[qihl + 3];
  const t = table(ns);
  if (proto === IPPROTO_TCP) {
    const k = key(qsrc, sport, qdst, dport);
    const c = t.tcp.get(k);
    // an error aborts a connection still being set up (tcp_v4_err, TCP_SYN_SENT)
    if (c && c.state === 'SYN_SENT') { t.tcp.delete(k); c.events?.onError(errnoOf(type, code), from); }
    return;
  }
  if (proto === IPPROTO_UDP) {
    const u = t.udp.get(sport);
    if (u && u.remote === qdst && u.rport === dport) u.events.onError(errnoOf(type, code), from);
  }
  void sim;
}

/** connect(): a client TCP socket sends its SYN. Returns the local errno on a failed route, else a close function. */
export function tcpConnect(sim: Sim, ns: SimNs, dst: number, port: number, events: SocketEvents): { errno: string } | { close: () => void } {
  const t = table(ns);
  const lport = ephemeral(sim, t);
  const isn = sim.rng.int(0, 0x7fffffff);
  const c: TcpConn = { local: 0, lport, remote: dst, rport: port, state: 'SYN_SENT', sndNxt: (isn + 1) >>> 0, rcvNxt: 0, events };
  // the source address is the route's (inet_hash_connect after ip_route_connect)
  const probe = ipSendLocalSyn(sim, ns, c, isn);
  if ('errno' in probe) return probe;
  t.tcp.set(key(c.local, lport, dst, port), c);
  return {
    close: () => {
      const k = key(c.local, lport, dst, port);
      if (t.tcp.get(k) !== c) return;
      if (c.state === 'ESTABLISHED') {
        sendSeg(sim, ns, c, c.sndNxt, c.rcvNxt, TCP_FIN | TCP_ACK);
        c.sndNxt = (c.sndNxt + 1) >>> 0;
        c.state = 'FIN_WAIT';
      } else t.tcp.delete(k);
    },
  };
}

function ipSendLocalSyn(sim: Sim, ns: SimNs, c: TcpConn, isn: number): { errno: string } | { ok: true } {
  // the route decides the source before the segment (and its checksum) is built
  const r0 = routeSource(ns, c.remote);
  if ('errno' in r0) return r0;
  c.local = r0.src;
  const payload = emitTcp({ srcPort: c.lport, dstPort: c.rport, seq: isn, ack: 0, flags: TCP_SYN, window: WINDOW, mss: MSS, payload: new Uint8Array(0) },
    (len) => tcpPseudoSum(c.local, c.remote, len));
  const r = ipSendLocal(sim, ns, { dst: c.remote, src: c.local, proto: IPPROTO_TCP, payload, df: true });
  return r.ok ? { ok: true } : { errno: r.errno };
}

/** A connected UDP client socket (nc -u): `send` writes one datagram. */
export function udpConnect(sim: Sim, ns: SimNs, dst: number, port: number, events: SocketEvents): { errno: string } | { send: (data: Uint8Array) => string | undefined; close: () => void } {
  const r0 = routeSource(ns, dst);
  if ('errno' in r0) return r0;
  const t = table(ns);
  const u: UdpClient = { local: r0.src, lport: ephemeral(sim, t), remote: dst, rport: port, events };
  t.udp.set(u.lport, u);
  return {
    send: (data) => {
      const payload = emitUdp({ srcPort: u.lport, dstPort: port, payload: data }, ipv4PseudoSum(u.local, dst, 8 + data.length));
      const r = ipSendLocal(sim, ns, { dst, src: u.local, proto: IPPROTO_UDP, payload, df: true });
      return r.ok ? undefined : r.errno;
    },
    close: () => { if (t.udp.get(u.lport) === u) t.udp.delete(u.lport); },
  };
}


function routeSource(ns: SimNs, dst: number): { errno: string } | { src: number } {
  const r = routeOutput(ns, dst, {});
  if (r.kind === 'error') return { errno: r.errno };
  return { src: r.src ?? 0 };
}

/** UDP and TCP sockets a traceroute uses are unconnected senders; exported for its port choice. */
export function freePort(sim: Sim, ns: SimNs): number {
  return ephemeral(sim, table(ns));
}
