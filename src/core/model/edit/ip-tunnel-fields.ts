/** Inspector edits of an ipip/GRE/gretap device's own fields, refused where `ip link add … type ipip|gre|gretap` would refuse them. */
import { parseIp } from '../../net/ipv4';

/** Why `value` cannot be tunnel field `key` of a `kind` device, or undefined. */
export function ipTunnelFieldProblem(kind: string, key: string, value: unknown): string | undefined {
  const n = Number(value);
  switch (key) {
    case 'ttl': return Number.isInteger(n) && n >= 0 && n <= 255 ? undefined : 'TTL is 0 (inherit) to 255 (ip: invalid TTL)';
    case 'ikey': case 'okey':
      if (kind === 'ipip') return 'only GRE carries a key';
      return Number.isInteger(n) && n >= 0 && n <= 0xffffffff ? undefined : 'a key is 0–4294967295';
    case 'local': case 'remote':
      return parseIp(String(value)) === undefined ? `"${String(value)}" is not an IPv4 address` : undefined;
    case 'pmtudisc': return typeof value === 'boolean' ? undefined : 'on or off';
    case 'underlay': return typeof value === 'string' ? undefined : 'a device';
    default: return undefined;
  }
}
