/**
 * `ip route add|replace|change|append|del` with the kernel's nexthop checks (`fib_check_nh`):
 * the device must be up; a gateway must be on-link (unless `onlink`) or one of the
 * namespace's own addresses on an up device (kernel.ts `checkGateway`).
 */
import { parseIp } from '../../net/ipv4';
import type { Route, RouteType } from '../../model/types';
import { matches, parseUint } from './args';
import { checkGateway, connectedRoutes, isLocalAddress, routePrefix } from './kernel';
import type { ImportState, Scope } from './state';

const RTNL = 'RTNETLINK answers: ';
const TYPES = new Set(['unicast', 'blackhole', 'unreachable', 'prohibit', 'local', 'broadcast', 'throw', 'nat', 'anycast', 'multicast']);

export interface RouteSpec {
  prefix?: string;
  type: RouteType;
  via?: string;
  dev?: string;
  src?: string;
  metric?: number;
  onlink: boolean;
  table?: string;
  error?: string;
}

/** Parses `ip route` arguments. */
export function parseRouteArgs(argv: string[]): RouteSpec {
  const r: RouteSpec = { type: 'unicast', onlink: false };
  for (let i = 0; i < argv.length; i++) {
    const w = argv[i];
    if (w === 'via') {
      let v = argv[++i];
      if (v === 'inet') v = argv[++i];
      r.via = v;
    } else if (w === 'dev' || w === 'oif') r.dev = argv[++i];
    else if (w === 'src') r.src = argv[++i];
    else if (w === 'metric' || w === 'priority' || w === 'preference') {
      const m = parseUint(argv[++i]);
      if (m === undefined) r.error ??= `Error: argument "${argv[i]}" is wrong: "metric" value is invalid`;
      else r.metric = m;
    } else if (w === 'onlink') r.onlink = true;
    else if (w === 'table') r.table = argv[++i];
    else if (['proto', 'protocol', 'scope', 'tos', 'dsfield', 'realm', 'realms', 'mtu', 'advmss', 'window', 'rtt', 'rttvar', 'initcwnd', 'initrwnd', 'quickack', 'weight', 'nexthop', 'nhid', 'expires', 'pref', 'congctl', 'features', 'ssthresh', 'cwnd', 'hoplimit', 'reordering', 'fastopen_no_cookie', 'ttl-propagate', 'encap'].includes(w)) i++;
    else if (w === 'to') r.prefix = argv[++i];
    else if (TYPES.has(w) && r.prefix === undefined) r.type = (['blackhole', 'unreachable', 'prohibit'].includes(w) ? w : 'unicast') as RouteType;
    else if (r.prefix === undefined) r.prefix = w;
    else r.error ??= `Error: either "to" is duplicate, or "${w}" is a garbage.`;
  }
  return r;
}

/** `ip route SUBCOMMAND …` in `scope`. */
export function ipRoute(st: ImportState, scope: Scope, argv: string[]): boolean {
  const [cmd, ...rest] = argv;
  if (cmd === undefined || matches(cmd, 'list') || matches(cmd, 'show') || matches(cmd, 'lst') || matches(cmd, 'get')) {
    st.info('"ip route show" only displays; nothing to import');
    return true;
  }
  const spec = parseRouteArgs(rest);
  if (spec.error) return st.fail(spec.error);
  if (spec.table && spec.table !== 'main' && spec.table !== '254') {
    st.warn(`routes in table "${spec.table}" are not modelled (only the main table); ignored`);
    return true;
  }
  if (matches(cmd, 'add')) return routeAdd(st, scope, spec, 'add');
  if (matches(cmd, 'append')) return routeAdd(st, scope, spec, 'append');
  if (matches(cmd, 'prepend')) return routeAdd(st, scope, spec, 'prepend');
  if (matches(cmd, 'replace')) return routeAdd(st, scope, spec, 'replace');
  if (matches(cmd, 'change') || cmd === 'chg') return routeAdd(st, scope, spec, 'change');
  if (matches(cmd, 'delete')) return routeDel(st, scope, spec);
  if (matches(cmd, 'flush')) {
    st.warn('"ip route flush" is modelled as removing every user route that matches');
    return routeFlush(st, scope, spec);
  }
  if (matches(cmd, 'help')) { st.info('"ip route help" only displays'); return true; }
  return st.fail(`Command "${cmd}" is unknown, try "ip route help".`, 'unknown-command');
}

/**
 * How a new route meets routes of the same destination and metric (fib_table_insert): `add`
 * (NLM_F_EXCL) refuses it, `replace`/`change` take its place, `append`/`prepend` (and the
 * SIOCADDRT ioctl of net-tools `route add`, which prepends) keep both unless the nexthop is
 * the same too.
 */
export type RouteAddMode = 'add' | 'replace' | 'change' | 'append' | 'prepend';

/** Adds (or replaces) a route after the kernel's checks. Shared with legacy `route add`. */
export function routeAdd(st: ImportState, scope: Scope, spec: RouteSpec, how: RouteAddMode): boolean {
  if (spec.prefix === undefined) return st.fail('Error: destination prefix is required.');
  if (spec.prefix.includes(':') || spec.via?.includes(':')) {
    st.warn('IPv6 routes are not modelled; ignored', 'ipv6');
    return true;
  }
  const p = routePrefix(spec.prefix);
  if (p === 'host-bits') return st.fail('Error: Invalid prefix for given prefix length.', 'bad-prefix');
  if (!p) return st.fail(`Error: any valid prefix is expected rather than "${spec.prefix}".`, 'bad-prefix');
  const { host, ns } = scope;
  let devId: string | undefined;
  if (spec.dev !== undefined) {
    const dev = st.needDevice(scope, spec.dev);
    if (!dev) return false;
    devId = dev.id;
  }
  const route: Route = { dst: p.dst };
  if (spec.type !== 'unicast') route.type = spec.type;
  if (spec.type === 'unicast') {
    const dev = devId ? host.devices.find((d) => d.id === devId) : undefined;
    const gw = spec.via === undefined ? undefined : parseIp(spec.via);
    if (spec.via !== undefined && gw === undefined) return st.fail(`Error: inet address is expected rather than "${spec.via}".`);
    // `via 0.0.0.0` is no gateway at all: the route needs its device (ENODEV without one)
    if (gw !== undefined && gw !== 0) {
      if (spec.onlink) {
        if (!dev) return st.fail('Error: Nexthop device required for onlink.');
        if (!dev.up) return st.fail('Error: Nexthop device is not up.', 'device-down');
        route.onlink = true;
      } else {
        const found = checkGateway(host, ns, gw, devId);
        if ('error' in found) {
          return found.error === 'network-down'
            ? st.fail(`${RTNL}Network is down`, 'device-down')
            : st.fail('Error: Nexthop has invalid gateway.', 'gateway-not-onlink');
        }
        devId = found.dev;
      }
      route.via = spec.via;
    } else {
      if (!dev) return st.fail(`${RTNL}No such device`, 'no-device');
      if (!dev.up) return st.fail('Error: Device for nexthop is not up.', 'device-down');
    }
    if (devId) route.dev = devId;
  } else if (devId) route.dev = devId;
  if (spec.src !== undefined) {
    const s = parseIp(spec.src);
    if (s === undefined || !isLocalAddress(host, ns.id, s)) return st.fail('Error: Invalid prefsrc address.', 'bad-src');
    route.src = spec.src;
  }
  if (spec.metric !== undefined && spec.metric !== 0) route.metric = spec.metric;
  // fib_table_insert: same destination and metric is the same route, whatever the nexthop.
  const metric = route.metric ?? 0;
  const clash = ns.routes.findIndex((r) => r.dst === route.dst && (r.metric ?? 0) === metric);
  const kernelClash = metric === 0 && connectedRoutes(host, ns.id).some((r) => r.dst === route.dst);
  if (how === 'add' && (clash >= 0 || kernelClash)) return st.fail(`${RTNL}File exists`, 'exists');
  if (how === 'change' && clash < 0) return st.fail(`${RTNL}No such file or directory`);
  if (how === 'append' || how === 'prepend') {
    const same = (r: Route) => r.dst === route.dst && (r.metric ?? 0) === metric && r.via === route.via
      && r.dev === route.dev && (r.type ?? 'unicast') === (route.type ?? 'unicast');
    const kernelSame = kernelClash && !route.via && connectedRoutes(host, ns.id).some((r) => r.dst === route.dst && r.dev === route.dev);
    if (ns.routes.some(same) || kernelSame) return st.fail(`${RTNL}File exists`, 'exists');
    let last = -1;
    ns.routes.forEach((r, i) => { if (r.dst === route.dst && (r.metric ?? 0) === metric) last = i; });
    if (how === 'prepend' && clash >= 0) ns.routes.splice(clash, 0, route);
    else if (last >= 0) ns.routes.splice(last + 1, 0, route);
    else ns.routes.push(route);
  } else if (clash >= 0) ns.routes.splice(clash, 1, route);
  else ns.routes.push(route);
  st.touch(ns.id, route.dev);
  return true;
}

/** Removes the first matching user route. Shared with legacy `route del`. */
export function routeDel(st: ImportState, scope: Scope, spec: RouteSpec): boolean {
  if (spec.prefix === undefined) return st.fail('Error: destination prefix is required.');
  const p = routePrefix(spec.prefix);
  if (!p || p === 'host-bits') return st.fail(`Error: any valid prefix is expected rather than "${spec.prefix}".`);
  let devId: string | undefined;
  if (spec.dev !== undefined) {
    const dev = st.needDevice(scope, spec.dev);
    if (!dev) return false;
    devId = dev.id;
  }
  const k = scope.ns.routes.findIndex((r) => r.dst === p.dst
    && (spec.metric === undefined || (r.metric ?? 0) === spec.metric)
    && (devId === undefined || r.dev === devId)
    && (spec.via === undefined || r.via === spec.via));
  if (k < 0) {
    if (connectedRoutes(scope.host, scope.ns.id).some((r) => r.dst === p.dst)) {
      st.warn('deleting a kernel (connected) route is not modelled; ignored');
      return true;
    }
    return st.fail(`${RTNL}No such process`, 'no-such-route');
  }
  scope.ns.routes.splice(k, 1);
  st.touch(scope.ns.id);
  return true;
}

function routeFlush(st: ImportState, scope: Scope, spec: RouteSpec): boolean {
  const before = scope.ns.routes.length;
  const dev = spec.dev !== undefined ? st.device(scope, spec.dev) : undefined;
  scope.ns.routes = scope.ns.routes.filter((r) => {
    if (dev && r.dev !== dev.id) return true;
    if (spec.prefix && spec.prefix !== 'all' && r.dst !== spec.prefix) return true;
    return false;
  });
  if (scope.ns.routes.length !== before) st.touch(scope.ns.id);
  return true;
}

