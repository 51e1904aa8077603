/**
 * IPv4 addresses and prefixes as unsigned 32-bit numbers. Parsing is strict (dotted quad,
 * each octet 0–255, no leading `+`/spaces) so that bad input is reported, not guessed.
 */

export interface Cidr {
  /** The address as written (host bits kept), as an unsigned 32-bit number. */
  addr: number;
  len: number;
}

const QUAD = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** `A.B.C.D` → number, or undefined if malformed. */
export function parseIp(text: string): number | undefined {
  const m = QUAD.exec(text);
  if (!m) return undefined;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const o = Number(m[i]);
    if (o > 255) return undefined;
    n = n * 256 + o;
  }
  return n >>> 0;
}

export function formatIp(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** `A.B.C.D/LEN` (or a bare address, meaning /32) → Cidr, or undefined if malformed. */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  const ipText = slash < 0 ? text : text.slice(0, slash);
  const addr = parseIp(ipText);
  if (addr === undefined) return undefined;
  if (slash < 0) return { addr, len: 32 };
  const lenText = text.slice(slash + 1);
  if (!/^\d{1,2}$/.test(lenText)) return undefined;
  const len = Number(lenText);
  return len <= 32 ? { addr, len } : undefined;
}

export function formatCidr(c: Cidr): string {
  return `${formatIp(c.addr)}/${c.len}`;
}

/** The netmask of a prefix length as a number (`/24` → 0xffffff00). */
export function maskOf(len: number): number {
  return len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
}

/** The network address of a prefix (host bits cleared). */
export function networkOf(c: Cidr): number {
  return (c.addr & maskOf(c.len)) >>> 0;
}

/** The last (broadcast) address of a prefix. */
export function broadcastOf(c: Cidr): number {
  return (networkOf(c) | ~maskOf(c.len)) >>> 0;
}

/** Whether `ip` lies within the prefix `c`. */
export function contains(c: Cidr, ip: number): boolean {
  const m = maskOf(c.len);
  return ((c.addr & m) >>> 0) === ((ip & m) >>> 0);
}

/** `net/len` with host bits cleared, as `ip route` prints it (a /32 prints as the bare address). */
export function formatPrefix(c: Cidr): string {
  const net = formatIp(networkOf(c));
  return c.len === 32 ? net : `${net}/${c.len}`;
}

export function isLoopback(ip: number): boolean {
  return ip >>> 24 === 127;
}

export function isMulticast(ip: number): boolean {
  return ip >>> 28 === 0xe;
}

export const LIMITED_BROADCAST = 0xffffffff;
