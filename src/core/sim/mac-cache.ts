/**
 * MAC text ↔ bytes on the per-frame path. Devices and neighbours hold MACs as canonical
 * text (wire/mac.ts); writing one into a frame would parse it every time, so the bytes of
 * each MAC seen are kept (a simulation has few distinct MACs).
 */
import { macToBytes, type Mac } from './wire/mac';

const cache = new Map<Mac, Uint8Array>();

/** The six bytes of a MAC (shared: do not modify). */
export function macBytes(mac: Mac): Uint8Array {
  let b = cache.get(mac);
  if (!b) {
    if (cache.size > 4096) cache.clear();
    b = macToBytes(mac);
    cache.set(mac, b);
  }
  return b;
}

/** Whether the six bytes at `off` of `frame` equal `mac`. */
export function macEquals(frame: Uint8Array, off: number, mac: Mac): boolean {
  const b = macBytes(mac);
  return frame[off] === b[0] && frame[off + 1] === b[1] && frame[off + 2] === b[2]
    && frame[off + 3] === b[3] && frame[off + 4] === b[4] && frame[off + 5] === b[5];
}

/** Writes an untagged Ethernet header (dst, src, type) at the start of `frame`. */
export function writeEthHeader(frame: Uint8Array, dst: Mac, src: Mac, type: number): void {
  frame.set(macBytes(dst), 0);
  frame.set(macBytes(src), 6);
  frame[12] = type >>> 8;
  frame[13] = type & 255;
}
