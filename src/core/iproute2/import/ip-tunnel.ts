/**
 * `ip link add NAME type ipip|gre|gretap [local A] [remote B] [ttl N] [key K] [ikey K]
 * [okey K] [dev D] [nopmtudisc]` (iproute2 ip/link_iptnl.c, ip/link_gre.c, then the kernel's
 * net/ipv4/ip_tunnel.c ip_tunnel_newlink). Messages are the tools' own, as measured on
 * Debian 6.1 (iproute2 6.1).
 */
import type { Device, Host } from '../../model/types';
import type { IpTunnelDevice, IpTunnelKind } from '../../model/tunnel-types';
import { parseIp } from '../../net/ipv4';
import { parseUint } from './args';
import type { ImportState, Scope } from './state';

type Base = { id: string; name: string; ns: string; up: boolean; addresses: [] | Device['addresses'] };

/** Options ip accepts that change nothing the simulator models. */
const IGNORED_FLAGS = new Set(['pmtudisc', 'ignore-df', 'noignore-df', 'nocsum', 'csum', 'icsum', 'ocsum', 'seq', 'iseq', 'oseq', 'noseq', 'external', 'noencap', 'encap-csum', 'noencap-csum', 'encap-udp6-csum', 'noencap-udp6-csum', 'encap-remcsum', 'noencap-remcsum']);
const IGNORED_WITH_VALUE = new Set(['tos', 'dsfield', 'tclass', 'mode', 'encap', 'encap-sport', 'encap-dport', 'fwmark', 'encaplimit', 'flowlabel', '6rd-prefix', 'isatap']);

/** GRE keys: a number or a dotted quad (link_gre.c gre_parse_key). */
function parseKey(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (/^\d+$/.test(v)) {
    const n = Number(v);
    return n <= 0xffffffff ? n : undefined;
  }
  return parseIp(v);
}

/** The tunnel `ip link add` would make, or undefined after reporting why not. */
export function makeIpTunnel(st: ImportState, scope: Scope, host: Host, base: Base, kind: IpTunnelKind, args: string[]): IpTunnelDevice[] | undefined {
  const t: IpTunnelDevice = { ...base, addresses: [], id: '', kind };
  let devName: string | undefined;
  let ttl = 0;
  let pmtudisc = true;
  for (let i = 0; i < args.length; i++) {
    const w = args[i];
    const v = args[i + 1];
    if (w === 'local' || w === 'remote') {
      i++;
      if (v === 'any') continue;
      const ip = v === undefined ? undefined : parseIp(v);
      if (ip === undefined) return fail(st, `Error: inet address is expected rather than "${v ?? ''}".`);
      if (w === 'local') t.local = v; else t.remote = v;
    } else if (w === 'dev') {
      devName = v;
      i++;
    } else if (w === 'ttl' || w === 'hoplimit' || w === 'hlim') {
      i++;
      if (v === 'inherit') ttl = 0;
      else {
        const n = parseUint(v);
        if (n === undefined || n > 255) return fail(st, `Error: argument "${v ?? ''}" is wrong: invalid TTL`);
        ttl = n;
      }
    } else if (w === 'nopmtudisc') pmtudisc = false;
    else if (kind !== 'ipip' && (w === 'key' || w === 'ikey' || w === 'okey')) {
      i++;
      const k = parseKey(v);
      if (k === undefined) return fail(st, `invalid value for "${w}": "${v ?? ''}"; it should be an unsigned integer`);
      if (w !== 'okey') t.ikey = k;
      if (w !== 'ikey') t.okey = k;
    } else if (IGNORED_FLAGS.has(w)) continue;
    else if (IGNORED_WITH_VALUE.has(w)) {
      i++;
      st.warn(`${kind} option "${w}" is not modelled; ignored`);
    // link_iptnl.c / link_gre.c print their usage for a word they do not know (measured: `key` on ipip)
    } else return fail(st, `Usage: ... ${kind} [ remote ADDR ] [ local ADDR ] [ ttl TTL ] …: "${w}" is not a ${kind} option`);
  }
  // link_iptnl.c refuses this pair; link_gre.c lets it through (measured on Debian 6.1)
  if (kind === 'ipip' && ttl && !pmtudisc) return fail(st, 'ttl != 0 and nopmtudisc are incompatible');
  if (devName !== undefined) {
    const under = st.device(scope, devName);
    if (!under) return fail(st, `Cannot find device "${devName}"`, 'no-such-device');
    t.underlay = under.id;
  }
  if (ttl) t.ttl = ttl;
  if (!pmtudisc) t.pmtudisc = false;
  // ip_tunnel_newlink → ip_tunnel_find: one tunnel per type, endpoints, key and device
  const clash = host.devices.find((d) => d.kind === kind && d.ns === base.ns && sameEndpoints(d as IpTunnelDevice, t));
  if (clash) return fail(st, 'RTNETLINK answers: File exists', 'exists');
  t.id = st.ids.take('d');
  return [t];
}

function sameEndpoints(a: IpTunnelDevice, b: IpTunnelDevice): boolean {
  return (a.local ?? '') === (b.local ?? '') && (a.remote ?? '') === (b.remote ?? '') && a.ikey === b.ikey && a.underlay === b.underlay;
}

function fail(st: ImportState, msg: string, code?: string): undefined {
  if (code) st.fail(msg, code as never); else st.fail(msg);
  return undefined;
}
