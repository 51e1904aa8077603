/** `sysctl -w K=V`, `sysctl K=V` and `echo V > /proc/sys/…`: namespace and per-device IPv4 settings. */
import { devicesIn } from '../../model/design';
import { INTERFACE_SYSCTL_KEYS, SYSCTL_DEFAULTS } from '../../model/types';
import { GLOBAL_SYSCTLS, IPV4_CONF_KEYS, IPV4_NEIGH_KEYS, IPV6_CONF_KEYS, IPV6_NEIGH_KEYS } from './sysctl-keys';
import type { ImportState, Scope } from './state';

/**
 * The components of a sysctl name. `sysctl` separates with dots and writes a dot inside a
 * component as `/` (`net.ipv4.conf.eth0/10.rp_filter`); a /proc path separates with slashes.
 */
function components(rawKey: string): string[] {
  if (rawKey.startsWith('/proc/sys/')) return rawKey.slice('/proc/sys/'.length).split('/').filter(Boolean);
  if (!rawKey.includes('.')) return rawKey.split('/').filter(Boolean);
  return rawKey.split('.').map((c) => c.replace(/\//g, '.'));
}

/**
 * Whether /proc/sys has this network name in `scope`: a global name of the kernel's list, or a
 * per-device name (`all`, `default` or an existing device of the namespace). Names outside the
 * checked directories (`net.netfilter`, non-network ones) count as present.
 */
function sysctlExists(st: ImportState, scope: Scope, parts: string[]): boolean {
  if (parts[0] !== 'net' || parts.length < 3) return true;
  const top = `net.${parts[1]}`;
  const perDev = (parts[1] === 'ipv4' || parts[1] === 'ipv6') && (parts[2] === 'conf' || parts[2] === 'neigh');
  if (perDev) {
    if (parts.length < 5) return false;
    const where = parts[3];
    const devOk = where === 'all' ? parts[2] === 'conf' : where === 'default' || st.device(scope, where) !== undefined;
    const keys = parts[1] === 'ipv4' ? (parts[2] === 'conf' ? IPV4_CONF_KEYS : IPV4_NEIGH_KEYS) : (parts[2] === 'conf' ? IPV6_CONF_KEYS : IPV6_NEIGH_KEYS);
    return devOk && keys.has(parts.slice(4).join('.'));
  }
  const names = GLOBAL_SYSCTLS[top];
  return names === undefined || names.has(parts.slice(2).join('.'));
}

/**
 * Writing `conf/default/KEY` copies the new value to every device of the namespace whose
 * KEY was never set (devinet_conf_proc → devinet_copy_dflt_conf, net/ipv4/devinet.c), but
 * adding an IPv4 address marks every setting of the device as set (ipv4_devconf_setall in
 * inet_rtm_newaddr and inet_set_ifa). So a device that has an address keeps the value it
 * had: it is pinned to the old default here, as an own value. (`forwarding` is left out:
 * a default write never reaches existing devices, and `ip_forward`/`conf/all` writes reach
 * every device; computeForwarding in sim/stack/sysctl.ts models that.)
 */
function pinBeforeDefault(scope: Scope, short: string): void {
  if (short === 'forwarding' || !(INTERFACE_SYSCTL_KEYS as readonly string[]).includes(short)) return;
  const key = `net.ipv4.conf.default.${short}`;
  const old = scope.ns.sysctls[key] ?? SYSCTL_DEFAULTS[key] ?? 0;
  for (const dev of devicesIn(scope.host, scope.ns.id)) {
    if (dev.sysctls?.[short] !== undefined) continue;
    if (!dev.addresses.some((a) => !a.cidr.includes(':'))) continue;
    dev.sysctls = { ...(dev.sysctls ?? {}), [short]: old };
  }
}

/** Applies one sysctl write in `scope` (`ignoreUnknown`: `sysctl -e`). */
export function writeSysctl(st: ImportState, scope: Scope, rawKey: string, rawValue: string, how: 'sysctl' | 'proc', ignoreUnknown = false): boolean {
  const parts = components(rawKey);
  const key = parts.join('.');
  const value = rawValue.trim();
  // procps sysctl: "cannot stat", exit 1, the other names on the line are still written
  const missing = () => ignoreUnknown ? true : st.fail(how === 'sysctl'
    ? `sysctl: cannot stat /proc/sys/${key.replace(/\./g, '/')}: No such file or directory`
    : `/proc/sys/${key.replace(/\./g, '/')}: No such file or directory`, 'no-such-sysctl');
  if (!sysctlExists(st, scope, parts)) return missing();
  if (!/^-?\d+$/.test(value)) {
    if (!key.startsWith('net.')) { st.warn(`sysctl ${key} is not a network setting; ignored`); return true; }
    st.warn(`sysctl ${key}="${value}" is not a number; not modelled`);
    return true;
  }
  const n = Number(value);
  const isConf = parts.length === 5 && parts[0] === 'net' && parts[1] === 'ipv4' && parts[2] === 'conf';
  if (isConf && parts[3] !== 'all' && parts[3] !== 'default') {
    const [devName, short] = [parts[3], parts[4]];
    const dev = st.device(scope, devName);
    if (!dev) return missing();
    if (!(INTERFACE_SYSCTL_KEYS as readonly string[]).includes(short)) {
      st.warn(`per-interface sysctl "${short}" is not modelled; ignored`);
      return true;
    }
    dev.sysctls = { ...(dev.sysctls ?? {}), [short]: n };
    st.touch(dev.id);
    return true;
  }
  if (isConf && parts[3] === 'default') pinBeforeDefault(scope, parts[4]);
  if (key.startsWith('net.ipv4.') || key.startsWith('net.bridge.') || key.startsWith('net.core.') || key.startsWith('net.netfilter.')) {
    scope.ns.sysctls[key] = n;
    st.touch(scope.ns.id);
    return true;
  }
  if (key.startsWith('net.ipv6.')) { st.warn('IPv6 settings are not modelled; ignored', 'ipv6'); return true; }
  st.warn(`sysctl ${key} is not a network setting vnetlab models; ignored`);
  return true;
}

/** The `sysctl` command line. */
export function sysctlCommand(st: ImportState, scope: Scope, argv: string[]): boolean {
  let ok = true;
  let wrote = false;
  const ignoreUnknown = argv.some((a) => a === '-e' || a === '--ignore' || /^-[a-zA-Z]*e/.test(a));
  for (const a of argv) {
    if (a.startsWith('-')) {
      if (a === '-p' || a === '--load' || a === '--system') st.warn(`"sysctl ${a}" reads files that are not part of the script; ignored`);
      continue;
    }
    const eq = a.indexOf('=');
    if (eq < 0) continue;
    wrote = true;
    ok = writeSysctl(st, scope, a.slice(0, eq), a.slice(eq + 1), 'sysctl', ignoreUnknown) && ok;
  }
  if (!wrote && argv.some((a) => !a.startsWith('-'))) st.info('reading a sysctl changes nothing');
  return ok;
}
