/** net-tools `ifconfig` and `route`, mapped onto the same kernel operations as `ip`. */
import { formatCidr, networkOf, parseCidr, parseIp } from '../../net/ipv4';
import { macProblem } from '../../model/names';
import { bringDown } from './kernel';
import { setUp } from './link-settings';
import { routeAdd, routeDel, type RouteSpec } from './route';
import type { ImportState, Scope } from './state';

/** Classful default mask, as ifconfig applies when no netmask is given. */
function classfulLen(ip: number): number {
  const first = ip >>> 24;
  if (first < 128) return 8;
  if (first < 192) return 16;
  return 24;
}

/** Netmask `255.255.255.0` → 24, or undefined if not contiguous. */
export function maskLength(mask: string): number | undefined {
  const m = parseIp(mask);
  if (m === undefined) return undefined;
  let len = 0;
  while (len < 32 && (m >>> (31 - len)) & 1) len++;
  return ((m << len) >>> 0) === 0 || len === 32 ? len : undefined;
}

/** Deletes a device's first (primary) address and the secondaries in its subnet. */
function removeFirstAddress(dev: { addresses: { cidr: string }[] }): void {
  const first = dev.addresses[0] ? parseCidr(dev.addresses[0].cidr) : undefined;
  if (!first) return;
  const net = (ip: number) => (first.len === 0 ? 0 : (ip >>> (32 - first.len)));
  dev.addresses = dev.addresses.slice(1).filter((a) => {
    const c = parseCidr(a.cidr);
    return !c || c.len !== first.len || net(c.addr) !== net(first.addr);
  });
}

/** `ifconfig DEV [ADDR[/LEN]] [netmask M] [up|down] [promisc|-promisc] [mtu N] [hw ether MAC]`. */
export function ifconfigCommand(st: ImportState, scope: Scope, argv: string[]): boolean {
  const [name, ...rest] = argv.filter((a) => a !== '-a');
  if (name === undefined || rest.length === 0) {
    st.info('"ifconfig" without settings only displays; nothing to import');
    return true;
  }
  const dev = st.device(scope, name);
  if (!dev) {
    // what net-tools prints first: the address ioctl if an address was given, else the flags read
    const setsAddress = rest.some((w) => /^\d/.test(w));
    return st.fail(setsAddress ? 'SIOCSIFADDR: No such device' : `${name}: ERROR while getting interface flags: No such device`, 'no-such-device');
  }
  let addr: string | undefined;
  let mask: string | undefined;
  let up: boolean | undefined;
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i];
    if (w === 'up') up = true;
    else if (w === 'down') up = false;
    else if (w === 'netmask') mask = rest[++i];
    else if (w === 'promisc') dev.promisc = true;
    else if (w === '-promisc') dev.promisc = false;
    else if (w === 'mtu') { const m = Number(rest[++i]); if (Number.isInteger(m)) dev.mtu = m; }
    else if (w === 'hw') {
      i++;
      const mac = (rest[++i] ?? '').toLowerCase();
      if (macProblem(mac)) return st.fail('SIOCSIFHWADDR: Cannot assign requested address');
      dev.mac = mac;
    } else if (w === 'broadcast' || w === 'pointopoint' || w === 'txqueuelen' || w === 'metric') i++;
    else if (w === 'arp' || w === '-arp' || w === 'multicast' || w === 'allmulti' || w === '-allmulti') continue;
    else if (w === 'inet') continue;
    else if (w === 'add' || w === 'del') { st.warn(`"ifconfig ${w}" (IPv6) is not modelled; ignored`); i++; }
    else addr = w;
  }
  st.touch(dev.id);
  if (addr !== undefined && (addr === '0' || parseIp(addr.split('/')[0]) === 0)) {
    // SIOCSIFADDR 0.0.0.0 deletes the first address (inet_del_ifa, which takes the primary's
    // secondaries with it) and inserts nothing (__inet_insert_ifa drops a zero local address).
    removeFirstAddress(dev);
    if (up === undefined) up = true;
  } else if (addr !== undefined) {
    const c = parseCidr(addr);
    if (!c) return st.fail(`${addr}: Unknown host`, 'bad-address');
    let len = addr.includes('/') ? c.len : classfulLen(c.addr);
    if (mask !== undefined) {
      const l = maskLength(mask);
      if (l === undefined) return st.fail('SIOCSIFNETMASK: Invalid argument');
      len = l;
    }
    // SIOCSIFADDR replaces the primary address; net-tools then sets the device up.
    dev.addresses = [{ cidr: formatCidr({ addr: c.addr, len }) }, ...dev.addresses.slice(1)];
    if (up === undefined) up = true;
  }
  if (up === true) return setUp(st, scope, dev);
  if (up === false) bringDown(st, scope.host, dev);
  return true;
}

/** `route add|del [-net|-host] N [netmask M] [gw G] [metric N] [dev] D`, `route add default gw G`. */
export function routeCommand(st: ImportState, scope: Scope, argv: string[]): boolean {
  const args = argv.filter((a) => a !== '-n' && a !== '-e' && a !== '-ee' && a !== '-v');
  const [cmd, ...rest] = args;
  if (cmd === undefined || (cmd !== 'add' && cmd !== 'del')) {
    if (cmd === undefined || cmd.startsWith('-')) { st.info('"route" without add/del only displays; nothing to import'); return true; }
    return st.fail(`route: unknown command "${cmd}"`, 'unknown-command');
  }
  const spec: RouteSpec = { type: 'unicast', onlink: false };
  let target: string | undefined;
  let mask: string | undefined;
  let host = false;
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i];
    if (w === '-net') continue;
    else if (w === '-host') host = true;
    else if (w === 'netmask') mask = rest[++i];
    else if (w === 'gw' || w === 'gateway') spec.via = rest[++i];
    else if (w === 'metric') spec.metric = Number(rest[++i]);
    else if (w === 'dev') spec.dev = rest[++i];
    else if (w === 'reject') spec.type = 'unreachable';
    else if (['mss', 'window', 'irtt'].includes(w)) i++;
    else if (target === undefined) target = w;
    else spec.dev = w;
  }
  if (target === undefined) return st.fail('route: missing destination', 'bad-prefix');
  if (target === 'default') spec.prefix = 'default';
  else {
    const c = parseCidr(target);
    if (!c) return st.fail(`${target}: Unknown host`, 'bad-prefix');
    let len = target.includes('/') ? c.len : host ? 32 : 32;
    if (mask !== undefined) {
      const l = maskLength(mask);
      if (l === undefined) return st.fail('route: bogus netmask');
      len = l;
    } else if (!target.includes('/') && !host) len = c.addr === 0 ? 0 : classfulLen(c.addr);
    if (networkOf({ addr: c.addr, len }) !== c.addr) return st.fail("route: netmask doesn't match route address", 'bad-prefix');
    spec.prefix = len === 0 ? 'default' : formatCidr({ addr: c.addr, len });
  }
  // net-tools passes the device by name and speaks in ioctl errnos, not netlink messages
  if (spec.dev !== undefined && !st.device(scope, spec.dev)) return st.fail(`SIOC${cmd === 'del' ? 'DEL' : 'ADD'}RT: No such device`, 'no-such-device');
  const before = st.diagnostics.length;
  const ok = cmd === 'del' ? routeDel(st, scope, spec) : routeAdd(st, scope, spec, 'prepend');
  const d = st.diagnostics[st.diagnostics.length - 1];
  if (!ok && st.diagnostics.length > before && d.level === 'error') d.message = ioctlMessage(cmd, d.message);
  return ok;
}

/** The SIOCADDRT / SIOCDELRT text net-tools prints for a refusal the netlink path words differently (measured). */
function ioctlMessage(cmd: string, netlink: string): string {
  const text = netlink.replace(/^(Error: |RTNETLINK answers: )/, '').replace(/\.$/, '');
  const errno: Record<string, string> = {
    'Nexthop has invalid gateway': 'Network is unreachable',
    'Device for nexthop is not up': 'Network is down',
    'Nexthop device is not up': 'Network is down',
  };
  return `SIOC${cmd === 'del' ? 'DEL' : 'ADD'}RT: ${errno[text] ?? text}`;
}
