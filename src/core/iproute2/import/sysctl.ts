/** `sysctl -w K=V`, `sysctl K=V` and `echo V > /proc/sys/…`: namespace and per-device IPv4 settings. */
import { INTERFACE_SYSCTL_KEYS } from '../../model/types';
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

/** Applies one sysctl write in `scope`. */
export function writeSysctl(st: ImportState, scope: Scope, rawKey: string, rawValue: string, how: 'sysctl' | 'proc'): boolean {
  const parts = components(rawKey);
  const key = parts.join('.');
  const value = rawValue.trim();
  const missing = () => st.fail(how === 'sysctl'
    ? `sysctl: cannot stat /proc/sys/${key.replace(/\./g, '/')}: No such file or directory`
    : `/proc/sys/${key.replace(/\./g, '/')}: No such file or directory`, 'no-such-sysctl');
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
  for (const a of argv) {
    if (a.startsWith('-')) {
      if (a === '-p' || a === '--load' || a === '--system') st.warn(`"sysctl ${a}" reads files that are not part of the script; ignored`);
      continue;
    }
    const eq = a.indexOf('=');
    if (eq < 0) continue;
    wrote = true;
    ok = writeSysctl(st, scope, a.slice(0, eq), a.slice(eq + 1), 'sysctl') && ok;
  }
  if (!wrote && argv.some((a) => !a.startsWith('-'))) st.info('reading a sysctl changes nothing');
  return ok;
}
