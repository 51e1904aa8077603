/** Inspector edits of a VXLAN device's own fields, refused where `ip link add … type vxlan` would refuse them. */
import { isMulticast, parseIp } from '../../net/ipv4';

const FDB_MAC = /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i;

/** Why `value` cannot be VXLAN field `key`, or undefined. */
export function vxlanFieldProblem(key: string, value: unknown): string | undefined {
  const n = Number(value);
  switch (key) {
    case 'vni': return Number.isInteger(n) && n >= 0 && n <= 0xffffff ? undefined : 'a VXLAN id is 0–16777215 (ip: invalid id)';
    case 'dstport': return Number.isInteger(n) && n >= 0 && n <= 65535 ? undefined : 'a UDP port is 0–65535';
    case 'ttl': return Number.isInteger(n) && n >= 0 && n <= 255 ? undefined : 'TTL must be <= 255';
    case 'local': case 'remote': case 'group': {
      const ip = parseIp(String(value));
      if (ip === undefined) return `"${String(value)}" is not an IPv4 address`;
      if ((key === 'group') !== isMulticast(ip)) return key === 'group' ? 'a group is a multicast address (224.0.0.0/4)' : `a ${key} address cannot be multicast (ip: invalid ${key} address)`;
      return undefined;
    }
    case 'learning': case 'proxy': return typeof value === 'boolean' ? undefined : 'on or off';
    case 'underlay': return typeof value === 'string' ? undefined : 'a device';
    case 'fdb': {
      if (!Array.isArray(value)) return 'a list of FDB entries';
      for (const e of value as { mac?: unknown; dst?: unknown }[]) {
        if (!FDB_MAC.test(String(e.mac))) return `"${String(e.mac)}" is not a MAC address`;
        if (parseIp(String(e.dst)) === undefined) return `"${String(e.dst)}" is not an IPv4 address`;
      }
      return undefined;
    }
    default: return undefined;
  }
}
