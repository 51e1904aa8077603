/**
 * The kernel's own naming rules, so designs are refused where `ip` would refuse them and
 * exported scripts can never create something other than what was designed.
 */

/** Why an interface name is invalid (`dev_valid_name` in net/core/dev.c), or undefined if valid. */
export function interfaceNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'an interface name cannot be empty';
  const bytes = new TextEncoder().encode(name).length;
  if (bytes > 15) return `interface name "${name}" is ${bytes} bytes; the kernel allows at most 15 (IFNAMSIZ 16 with the NUL)`;
  if (name === '.' || name === '..') return `"${name}" is not a valid interface name`;
  if (/[/:\s]/u.test(name)) return `interface name "${name}" contains "/", ":" or whitespace, which the kernel refuses`;
  // The kernel's isspace() is Latin-1: byte 0xA0 is a space to it, so UTF-8 characters with an
  // 0xA0 byte (à, Š, ...) are refused just as whitespace is (measured: EINVAL).
  if ([...new TextEncoder().encode(name)].includes(0xa0)) return `interface name "${name}" holds the byte 0xA0 (as in "à" or "Š"), which the kernel reads as whitespace and refuses`;
  // dev_prep_valid_name: a "%" makes the name a template (`eth%d` becomes eth0, eth1...), so
  // the device would get another name; a lone "%" is refused.
  if (name.includes('%')) return `interface name "${name}" contains "%", which the kernel reads as a numbering template (eth%d → eth0)`;
  // Every device gets /proc/sys/net/ipv4/conf/NAME, where "all" and "default" already exist.
  if (name === 'all' || name === 'default') return `"${name}" is reserved for the per-namespace sysctls (net.ipv4.conf.${name}); the kernel refuses it (EINVAL)`;
  return undefined;
}

/**
 * Why a network namespace name is invalid for `ip netns add` (it becomes a file under
 * /run/netns), or undefined if valid.
 */
export function namespaceNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'a namespace name cannot be empty';
  if (name === '.' || name === '..') return `"${name}" is not a valid namespace name`;
  if (name.includes('/')) return `namespace name "${name}" contains "/"`;
  if (name.includes('\0')) return 'a namespace name cannot contain a NUL byte';
  if (new TextEncoder().encode(name).length > 255) return 'a namespace name is at most 255 bytes';
  return undefined;
}

const MAC = /^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/;

/** Why a MAC address is not usable as a device address, or undefined if it is. */
export function macProblem(mac: string): string | undefined {
  if (!MAC.test(mac)) return `"${mac}" is not a MAC address (six hex bytes separated by ":")`;
  if (parseInt(mac.slice(0, 2), 16) & 1) return `${mac} is a multicast address and cannot be a device address`;
  if (/^(00:){5}00$/.test(mac)) return 'the all-zero MAC cannot be a device address';
  return undefined;
}

export function normaliseMac(mac: string): string {
  return mac.toLowerCase();
}
