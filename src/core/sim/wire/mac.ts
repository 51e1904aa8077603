/**
 * MAC addresses. A MAC is held as its canonical text form, six lowercase two-digit hex
 * octets joined by `:` ("02:00:5e:10:00:01"). Why a string and not a 48-bit number: the
 * design model, neighbour tables, FDB dumps, MAC labels and the observation JSON all speak
 * this form, so nothing converts at those boundaries; strings compare by value with `===`
 * and are usable as `Map` keys directly. Reading one out of a frame costs one short string
 * (built from a 256-entry table), which is cheap next to a simulated hop.
 */

export type Mac = string;

export const BROADCAST_MAC: Mac = 'ff:ff:ff:ff:ff:ff';
export const ZERO_MAC: Mac = '00:00:00:00:00:00';

/** Two-digit lowercase hex for every byte value. */
export const HEX2: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

const MAC_TEXT = /^([0-9a-fA-F]{1,2})[:-]([0-9a-fA-F]{1,2})[:-]([0-9a-fA-F]{1,2})[:-]([0-9a-fA-F]{1,2})[:-]([0-9a-fA-F]{1,2})[:-]([0-9a-fA-F]{1,2})$/;

/** Text (`aa:bb:cc:dd:ee:ff`, any case, `:` or `-`, one-digit octets allowed as `ip` does) → canonical Mac, or undefined. */
export function parseMac(text: string): Mac | undefined {
  const m = MAC_TEXT.exec(text.trim());
  if (!m) return undefined;
  return [m[1], m[2], m[3], m[4], m[5], m[6]].map((o) => HEX2[parseInt(o, 16)]).join(':');
}

/** Read six bytes at `off` as a canonical Mac. */
export function readMac(buf: Uint8Array, off = 0): Mac {
  return (
    HEX2[buf[off]] + ':' + HEX2[buf[off + 1]] + ':' + HEX2[buf[off + 2]] + ':' +
    HEX2[buf[off + 3]] + ':' + HEX2[buf[off + 4]] + ':' + HEX2[buf[off + 5]]
  );
}

/** Write a canonical Mac as six bytes at `off` (no validation: callers hold canonical values). */
export function writeMac(buf: Uint8Array, off: number, mac: Mac): void {
  // decoded from char codes: this runs for every frame built, and parseInt(substr) allocates
  for (let i = 0; i < 6; i++) buf[off + i] = (hexDigit(mac.charCodeAt(i * 3)) << 4) | hexDigit(mac.charCodeAt(i * 3 + 1));
}

/** Value of a hex digit's char code ('0'–'9', 'a'–'f', 'A'–'F'). */
function hexDigit(c: number): number {
  return c <= 57 ? c - 48 : (c | 32) - 87;
}

/** The six bytes of a Mac. */
export function macToBytes(mac: Mac): Uint8Array {
  const b = new Uint8Array(6);
  writeMac(b, 0, mac);
  return b;
}

/** Same as readMac: bytes → canonical text. */
export function formatMac(bytes: Uint8Array, off = 0): Mac {
  return readMac(bytes, off);
}

/** The first octet as a number. */
function firstOctet(mac: Mac): number {
  return parseInt(mac.substr(0, 2), 16);
}

export function isBroadcastMac(mac: Mac): boolean {
  return mac === BROADCAST_MAC;
}

export function isZeroMac(mac: Mac): boolean {
  return mac === ZERO_MAC;
}

/** Group address (I/G bit set); the broadcast address counts as multicast, as in the kernel's is_multicast_ether_addr. */
export function isMulticastMac(mac: Mac): boolean {
  return (firstOctet(mac) & 1) === 1;
}

/** Individual (unicast) address: group bit clear. The zero address counts as unicast here. */
export function isUnicastMac(mac: Mac): boolean {
  return (firstOctet(mac) & 1) === 0;
}

/** U/L bit set: the address was not assigned by a vendor (random, or set by hand). */
export function isLocallyAdministered(mac: Mac): boolean {
  return (firstOctet(mac) & 2) === 2;
}

/** A valid unicast station address as the kernel's is_valid_ether_addr: not multicast, not zero. */
export function isValidUnicastMac(mac: Mac): boolean {
  return isUnicastMac(mac) && !isZeroMac(mac);
}

/** splitmix32 step: a well-mixed 32-bit value from a 32-bit input. */
function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x21f0aaad);
  x = Math.imul(x ^ (x >>> 15), 0x735a2d97);
  return (x ^ (x >>> 15)) >>> 0;
}

/**
 * The `n`-th MAC of the stream defined by `seed`: locally administered unicast, like the
 * kernel's eth_random_addr (random bytes, group bit cleared, U/L bit set). Deterministic:
 * the same (seed, n) always gives the same MAC, and different n give different MACs in practice.
 */
export function macFromSeed(seed: number, n: number): Mac {
  const a = mix32((seed | 0) ^ mix32(n | 0));
  const b = mix32(a ^ 0x5bd1e995 ^ (n | 0));
  const bytes = new Uint8Array(6);
  bytes[0] = ((a >>> 24) & 0xfe) | 0x02;
  bytes[1] = (a >>> 16) & 255;
  bytes[2] = (a >>> 8) & 255;
  bytes[3] = a & 255;
  bytes[4] = (b >>> 8) & 255;
  bytes[5] = b & 255;
  return readMac(bytes);
}
