/**
 * MAC text ↔ bytes on the per-frame path. Devices and neighbours hold MACs as canonical
 * text (wire/mac.ts); writing one into a frame would parse it every time, so the bytes of
 * each MAC seen are kept (a simulation has few distinct MACs).
 */
import { macToBytes, readMac, type Mac } from './wire/mac';

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

// MAC text by bytes: the high and low three bytes are small integers, so a two-level map
// finds the text without building a string (or boxing a 48-bit number) per frame.
const texts = new Map<number, Map<number, Mac>>();
let textCount = 0;

/** The canonical text of the MAC at `off` of `frame`, the same string each time for the same MAC. */
export function macAt(frame: Uint8Array, off: number): Mac {
  const hi = (frame[off] << 16) | (frame[off + 1] << 8) | frame[off + 2];
  const lo = (frame[off + 3] << 16) | (frame[off + 4] << 8) | frame[off + 5];
  let byLo = texts.get(hi);
  if (!byLo) {
    if (textCount > 65536) {
      texts.clear();
      textCount = 0;
    }
    texts.set(hi, (byLo = new Map()));
  }
  let mac = byLo.get(lo);
  if (mac === undefined) {
    mac = readMac(frame, off);
    byLo.set(lo, mac);
    textCount++;
  }
  return mac;
}
