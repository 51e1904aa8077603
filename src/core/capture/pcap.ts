/**
 * Classic libpcap files (not pcapng). Writing uses the nanosecond-resolution magic
 * 0xa1b23c4d in little-endian order: the simulator's clock counts nanoseconds, and
 * tcpdump, tshark and libpcap read that variant natively. Reading accepts both magics in
 * both byte orders, like tcpdump's own files (microseconds, host order).
 */

export const LINKTYPE_ETHERNET = 1;
/** Linux "cooked" capture v1 (tcpdump -i any on older libpcap). */
export const LINKTYPE_LINUX_SLL = 113;
/** Linux "cooked" capture v2 (tcpdump -i any on libpcap >= 1.10). */
export const LINKTYPE_LINUX_SLL2 = 276;

const MAGIC_US = 0xa1b2c3d4;
const MAGIC_NS = 0xa1b23c4d;
const GLOBAL_HEADER_LEN = 24;
const RECORD_HEADER_LEN = 16;
const DEFAULT_SNAPLEN = 262144;

export interface PcapWriteFrame {
  /** Capture time in nanoseconds since the epoch (of the simulation). */
  timeNs: number | bigint;
  bytes: Uint8Array;
  /** Length on the wire when `bytes` was cut by a snaplen; default bytes.length. */
  origLen?: number;
}

export interface PcapPacket {
  /** Nanoseconds as a number: exact below 2^53 ns (104 days), ~256 ns granular for present-day epoch times. */
  timeNs: number;
  /** Exact whole seconds and nanoseconds of the timestamp. */
  sec: number;
  nsec: number;
  /** Captured bytes (a view into the file). For SLL linktypes, the cooked header is included: see parseSll. */
  bytes: Uint8Array;
  origLen: number;
  /** The record claimed more bytes than the file holds: `bytes` is the part present. */
  truncated?: true;
}

export interface PcapFile {
  linktype: number;
  /** Timestamp fractions are nanoseconds (else microseconds). */
  nanosecond: boolean;
  bigEndian: boolean;
  snaplen: number;
  versionMajor: number;
  versionMinor: number;
  packets: PcapPacket[];
  /** Set when the file ends inside a record header or record data. */
  truncated?: string;
}

export class PcapError extends Error {}

function splitNs(t: number | bigint): { sec: number; nsec: number } {
  if (typeof t === 'bigint') return { sec: Number(t / 1_000_000_000n), nsec: Number(t % 1_000_000_000n) };
  const sec = Math.floor(t / 1e9);
  return { sec, nsec: Math.max(0, Math.min(999_999_999, Math.round(t - sec * 1e9))) };
}

/** A classic pcap file (nanosecond magic, little-endian) holding the frames in order. */
export function writePcap(frames: readonly PcapWriteFrame[], linktype = LINKTYPE_ETHERNET, snaplen = DEFAULT_SNAPLEN): Uint8Array {
  let size = GLOBAL_HEADER_LEN;
  for (const f of frames) size += RECORD_HEADER_LEN + f.bytes.length;
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  v.setUint32(0, MAGIC_NS, true);
  v.setUint16(4, 2, true);
  v.setUint16(6, 4, true);
  v.setInt32(8, 0, true); // thiszone
  v.setUint32(12, 0, true); // sigfigs
  v.setUint32(16, snaplen, true);
  v.setUint32(20, linktype, true);
  let off = GLOBAL_HEADER_LEN;
  for (const f of frames) {
    const { sec, nsec } = splitNs(f.timeNs);
    v.setUint32(off, sec >>> 0, true);
    v.setUint32(off + 4, nsec, true);
    v.setUint32(off + 8, f.bytes.length, true);
    v.setUint32(off + 12, f.origLen ?? f.bytes.length, true);
    out.set(f.bytes, off + RECORD_HEADER_LEN);
    off += RECORD_HEADER_LEN + f.bytes.length;
  }
  return out;
}

/**
 * Parse a classic pcap file. Throws PcapError for a missing or unknown header; a file cut
 * short (e.g. tcpdump killed mid-write) yields the records present, the last one possibly
 * partial and marked `truncated`, and `truncated` on the file says what was cut.
 */
export function readPcapFile(bytes: Uint8Array): PcapFile {
  if (bytes.length < GLOBAL_HEADER_LEN) throw new PcapError(`pcap: file too short for a header (${bytes.length} bytes)`);
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const le = v.getUint32(0, true);
  const be = v.getUint32(0, false);
  let little: boolean;
  let nanosecond: boolean;
  if (le === MAGIC_US || le === MAGIC_NS) {
    little = true;
    nanosecond = le === MAGIC_NS;
  } else if (be === MAGIC_US || be === MAGIC_NS) {
    little = false;
    nanosecond = be === MAGIC_NS;
  } else if (be === 0x0a0d0d0a) {
    throw new PcapError('pcap: this is a pcapng file; write classic pcap (tcpdump -w does)');
  } else {
    throw new PcapError(`pcap: bad magic 0x${be.toString(16).padStart(8, '0')}`);
  }
  const file: PcapFile = {
    linktype: v.getUint32(20, little) & 0x0fffffff, // upper bits carry FCS info
    nanosecond,
    bigEndian: !little,
    snaplen: v.getUint32(16, little),
    versionMajor: v.getUint16(4, little),
    versionMinor: v.getUint16(6, little),
    packets: [],
  };
  let off = GLOBAL_HEADER_LEN;
  while (off < bytes.length) {
    if (off + RECORD_HEADER_LEN > bytes.length) {
      file.truncated = `pcap: file ends inside a record header at offset ${off}`;
      break;
    }
    const sec = v.getUint32(off, little);
    const frac = v.getUint32(off + 4, little);
    const incl = v.getUint32(off + 8, little);
    const origLen = v.getUint32(off + 12, little);
    off += RECORD_HEADER_LEN;
    const nsec = nanosecond ? frac : frac * 1000;
    const end = off + incl;
    const p: PcapPacket = { timeNs: sec * 1e9 + nsec, sec, nsec, bytes: bytes.subarray(off, Math.min(end, bytes.length)), origLen };
    if (end > bytes.length) {
      p.truncated = true;
      file.truncated = `pcap: record at offset ${off - RECORD_HEADER_LEN} claims ${incl} bytes, ${bytes.length - off} present`;
    }
    file.packets.push(p);
    off = end;
  }
  return file;
}

/** The packets of a classic pcap file (see readPcapFile for the header and truncation). */
export function readPcap(bytes: Uint8Array): PcapPacket[] {
  return readPcapFile(bytes).packets;
}

export interface SllHeader {
  /** 0 to us, 1 broadcast, 2 multicast, 3 to another host, 4 sent by us. */
  pktType: number;
  /** ARPHRD_ type of the device (1 Ethernet). */
  hatype: number;
  /** Link-layer source address (the sender's MAC for Ethernet devices). */
  addr: Uint8Array;
  /** Ethertype of the payload. */
  protocol: number;
  /** Interface index (SLL2 only). */
  ifindex?: number;
  payload: Uint8Array;
}

/** Split a Linux cooked (SLL v1 or v2) packet into its header fields and payload; undefined if too short. */
export function parseSll(bytes: Uint8Array, linktype: number): SllHeader | undefined {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (linktype === LINKTYPE_LINUX_SLL) {
    if (bytes.length < 16) return undefined;
    const alen = Math.min(8, v.getUint16(4));
    return { pktType: v.getUint16(0), hatype: v.getUint16(2), addr: bytes.slice(6, 6 + alen), protocol: v.getUint16(14), payload: bytes.subarray(16) };
  }
  if (linktype === LINKTYPE_LINUX_SLL2) {
    if (bytes.length < 20) return undefined;
    const alen = Math.min(8, bytes[11]);
    return {
      protocol: v.getUint16(0), ifindex: v.getUint32(4), hatype: v.getUint16(8), pktType: bytes[10],
      addr: bytes.slice(12, 12 + alen), payload: bytes.subarray(20),
    };
  }
  return undefined;
}
