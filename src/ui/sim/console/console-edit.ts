/**
 * A configuration command typed in a console (`ip addr add`, `ip link set … up`, `ip route
 * del` …) becomes the core edit command the inspector would run, so it is one undo step and
 * the simulation reloads from the changed design. Refusals print what `ip` prints.
 */
import { addAddress, addressProblem, addRoute, removeAddress, removeRoute, routeProblem, setDeviceFields, type EditResult } from '../../../core/model/edit/index';
import { contains, parseCidr, parseIp } from '../../../core/net/ipv4';
import type { Design, Route } from '../../../core/model/types';
import type { ConsoleEdit } from '../../../worker/console/parse';

type Command = (design: Design) => EditResult;

/** The namespace a console label names (`host` for a designed machine's root, the machine's name for an outside one). */
function nsOf(design: Design, label: string) {
  for (const host of design.hosts) {
    for (const ns of host.namespaces) {
      const l = ns.root ? (host.role === 'external' ? host.name : ns.name || 'host') : ns.name;
      if (l === label) return { host, ns };
    }
  }
  return undefined;
}

/** `A.B.C.D/LEN` as ip reads it (a bare address is /32), or undefined. */
function prefix(text: string): { addr: string; len: number } | undefined {
  const c = parseCidr(text);
  return c ? { addr: text.split('/')[0], len: c.len } : undefined;
}

/**
 * Whether `ip route add … via GW` finds GW on a link: inside the prefix of an address of the
 * namespace (its connected route, even while the link is down, as measured on Linux 6.18) or
 * of a device route (`dev` without `via`).
 */
function gatewayOnLink(devices: Design['hosts'][number]['devices'], routes: Route[], via: string): boolean {
  const gw = parseIp(via);
  if (gw === undefined) return false;
  const inPrefix = (cidr: string) => { const c = parseCidr(cidr); return !!c && contains(c, gw); };
  return devices.some((d) => d.addresses.some((a) => !a.noprefixroute && inPrefix(a.cidr)))
    || routes.some((r) => r.dev && !r.via && r.dst !== 'default' && inPrefix(r.dst));
}

/** The edit command for a console line, or the error text `ip` would print. */
export function consoleEditCommand(design: Design, nsLabel: string, edit: ConsoleEdit): Command | string {
  const where = nsOf(design, nsLabel);
  if (!where) return `Cannot open network namespace "${nsLabel}": No such file or directory`;
  const devNamed = (name: string) => where.host.devices.find((d) => d.ns === where.ns.id && d.name === name);
  if (edit.op === 'link-up' || edit.op === 'link-down') {
    const dev = devNamed(edit.dev);
    if (!dev) return `Cannot find device "${edit.dev}"`;
    const up = edit.op === 'link-up';
    return (d) => setDeviceFields(d, dev.id, { up });
  }
  if (edit.op === 'addr-add' || edit.op === 'addr-del') {
    const dev = devNamed(edit.dev);
    if (!dev) return `Cannot find device "${edit.dev}"`;
    const p = prefix(edit.cidr);
    if (!p) return `Error: any valid prefix is expected rather than "${edit.cidr}".`;
    const cidr = `${p.addr}/${p.len}`;
    if (edit.op === 'addr-add') {
      if (addressProblem(dev, cidr)) return 'Error: ipv4: Address already assigned.';
      return (d) => addAddress(d, dev.id, { cidr });
    }
    const bare = !edit.cidr.includes('/');
    const index = dev.addresses.findIndex((a) => { const o = prefix(a.cidr); return o && o.addr === p.addr && (bare || o.len === p.len); });
    if (index < 0) return 'Error: ipv4: Address not found.';
    return (d) => removeAddress(d, dev.id, index);
  }
  const rt = edit as Extract<ConsoleEdit, { dst: string }>;
  const dst = rt.dst === 'default' || rt.dst === '0.0.0.0/0' ? 'default' : prefix(rt.dst) ? (rt.dst.includes('/') ? rt.dst : `${rt.dst}/32`) : undefined;
  if (!dst) return `Error: any valid prefix is expected rather than "${rt.dst}".`;
  let devId: string | undefined;
  if (rt.dev) {
    const dev = devNamed(rt.dev);
    if (!dev) return `Cannot find device "${rt.dev}"`;
    devId = dev.id;
  }
  const same = (r: Route) => (r.dst === dst || (dst !== 'default' && r.dst === dst.replace(/\/32$/, '')))
    && (rt.via === undefined || r.via === rt.via) && (devId === undefined || r.dev === devId)
    && (rt.metric === undefined || (r.metric ?? 0) === rt.metric);
  if (rt.op === 'route-del') {
    const index = where.ns.routes.findIndex(same);
    if (index < 0) return 'RTNETLINK answers: No such process';
    return (d) => removeRoute(d, where.ns.id, index);
  }
  const route: Route = { dst, via: rt.via, dev: devId, metric: rt.metric };
  if (where.ns.routes.some((r) => r.dst === dst && (r.metric ?? 0) === (rt.metric ?? 0))) return 'RTNETLINK answers: File exists';
  const problem = routeProblem(design, where.ns.id, route);
  if (problem) return `Error: ${problem}.`;
  if (rt.via && !rt.dev && !gatewayOnLink(where.host.devices.filter((d) => d.ns === where.ns.id), where.ns.routes, rt.via)) return 'Error: Nexthop has invalid gateway.';
  return (d) => addRoute(d, where.ns.id, route);
}
