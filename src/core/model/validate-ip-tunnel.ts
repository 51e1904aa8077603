/**
 * ipip, GRE and gretap devices: the rules of iproute2's ip/link_iptnl.c and ip/link_gre.c
 * and the kernel's net/ipv4/ip_tunnel.c (ip_tunnel_newlink → ip_tunnel_find), with their
 * messages as measured on Debian 6.1: unicast IPv4 endpoints, TTL ≤ 255 and not with
 * `nopmtudisc`, keys only on GRE, one tunnel per type, endpoints, key and device in a
 * namespace, the fallback devices' names (tunl0, gre0, gretap0, erspan0), an underlay in
 * the same namespace, and a tunnel without a remote that sends nothing.
 */
import { isMulticast, parseIp } from '../net/ipv4';
import type { ValidationContext } from './validate-context';
import { isIpTunnelKind, type IpTunnelDevice } from './tunnel-types';

const FALLBACK: Record<string, string[]> = { ipip: ['tunl0'], gre: ['gre0', 'gretap0', 'erspan0'], gretap: ['gre0', 'gretap0', 'erspan0'] };

/** Checks every ipip/GRE/gretap device of the design. */
export function checkIpTunnels(cx: ValidationContext): void {
  const seen = new Map<string, IpTunnelDevice>();
  const kindsOnHost = new Map<string, Set<string>>();
  for (const { host, device: d } of cx.devices.values()) {
    if (isIpTunnelKind(d.kind)) (kindsOnHost.get(host.id) ?? kindsOnHost.set(host.id, new Set()).get(host.id)!).add(d.kind);
  }
  for (const { host, device: d } of cx.devices.values()) {
    const kinds = kindsOnHost.get(host.id);
    // a module's fallback device is in every namespace once the module is loaded
    if (kinds) {
      for (const k of kinds) {
        if (FALLBACK[k].includes(d.name)) {
          cx.error('tunnel-fallback-name', d.id, cx.devicePath(d, 'name'), `${cx.label(d)}: the name ${d.name} is the ${k} module's own fallback device, present in every namespace once a ${k} tunnel exists (RTNETLINK answers: File exists)`);
          break;
        }
      }
    }
    if (!isIpTunnelKind(d.kind)) continue;
    const t = d as IpTunnelDevice;
    const label = cx.label(t);
    const path = (f: string) => cx.devicePath(t, f);
    for (const f of ['local', 'remote'] as const) {
      const text = t[f];
      if (text === undefined) continue;
      const ip = parseIp(text);
      if (ip === undefined) cx.error('tunnel-bad-address', t.id, path(f), `${f} ${text} of ${label} is not an IPv4 address (Error: inet address is expected rather than "${text}".)`);
      else if (f === 'local' && isMulticast(ip)) cx.error('tunnel-bad-address', t.id, path(f), `local ${text} of ${label} is a multicast address; a tunnel's local address is one of this host's`);
    }
    if (t.ttl !== undefined && (!Number.isInteger(t.ttl) || t.ttl < 0 || t.ttl > 255)) {
      cx.error('tunnel-bad-ttl', t.id, path('ttl'), `TTL ${t.ttl} of ${label} is outside 0–255 (Error: argument "${t.ttl}" is wrong: invalid TTL)`);
    } else if (t.kind === 'ipip' && t.ttl && t.pmtudisc === false) {
      cx.error('tunnel-ttl-nopmtudisc', t.id, path('pmtudisc'), `${label}: a fixed TTL needs path MTU discovery (ttl != 0 and nopmtudisc are incompatible)`);
    }
    for (const f of ['ikey', 'okey'] as const) {
      const k = t[f];
      if (k === undefined) continue;
      if (t.kind === 'ipip') cx.error('tunnel-key-on-ipip', t.id, path(f), `${label} is an ipip tunnel: only GRE carries a key (ip prints its usage: key is not an ipip option)`);
      else if (!Number.isInteger(k) || k < 0 || k > 0xffffffff) cx.error('tunnel-bad-key', t.id, path(f), `key ${k} of ${label} is outside 0–4294967295`);
    }
    const under = t.underlay === undefined ? undefined : cx.device(host, t.underlay);
    if (t.underlay !== undefined && !under) cx.error('tunnel-no-underlay', t.id, path('underlay'), `the underlay device of ${label} does not exist (Cannot find device)`);
    else if (under && under.ns !== t.ns) cx.error('tunnel-underlay-elsewhere', t.id, path('underlay'), `the underlay ${cx.label(under)} of ${label} is in another namespace: ip looks the device up where the tunnel is created (Cannot find device "${under.name}")`);
    const key = `${host.id}/${t.ns}/${t.kind}/${t.local ?? ''}/${t.remote ?? ''}/${t.ikey ?? ''}/${t.underlay ?? ''}`;
    const other = seen.get(key);
    if (other) cx.error('tunnel-duplicate', t.id, path('remote'), `${label} and ${cx.label(other)} are ${t.kind} tunnels with the same local, remote, key and device in one namespace (RTNETLINK answers: File exists)`);
    else seen.set(key, t);
    if (t.remote === undefined && t.up) cx.warn('tunnel-no-remote', t.id, path('remote'), `${label} has no remote address: it receives from any peer but sends nothing`);
  }
}
