/**
 * Ethernet II frames with any number of 802.1Q / 802.1ad tags. A frame on the wire is a
 * `Uint8Array` starting at the destination MAC and ending with the payload (no FCS, no
 * preamble), exactly what a packet socket or a pcap file holds. Tags are listed outermost
 * first, as they appear in the bytes.
 */
import { type Mac, readMac, writeMac } from './mac';

export const ETH_HEADER_LEN = 14;
/** Minimum frame length without FCS; NIC drivers pad shorter frames, veth and bridges do not. */
export const ETH_MIN_FRAME_LEN = 60;

export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_ARP = 0x0806;
export const ETHERTYPE_VLAN = 0x8100;
export const ETHERTYPE_QINQ = 0x88a8;
export const ETHERTYPE_IPV6 = 0x86dd;

export interface VlanTag {
  /** 0x8100 (802.1Q) or 0x88a8 (802.1ad service tag). */
  tpid: number;
  /** Priority code point, 0-7. */
  pcp: number;
  /** Drop eligible indicator, 0 or 1. */
  dei: number;
  /** VLAN id, 0-4095. */
  vid: number;
}

export interface EthernetFrame {
  dst: Mac;
  src: Mac;
  /** Tags in wire order (outermost first); empty when untagged. */
  vlans: VlanTag[];
  /** The ethertype after the last tag. */
  ethertype: number;
  /** A view into the parsed frame (not a copy). */
  payload: Uint8Array;
}

/** True for the TPIDs that introduce a VLAN tag (802.1Q, 802.1ad). */
export function isVlanTpid(t: number): boolean {
  return t === ETHERTYPE_VLAN || t === ETHERTYPE_QINQ;
}

/** Offset of the payload: 14 plus 4 per VLAN tag (tags only while the frame is long enough to hold them). */
export function ethPayloadOffset(frame: Uint8Array): number {
  let off = 12;
  while (off + 6 <= frame.length && isVlanTpid((frame[off] << 8) | frame[off + 1])) off += 4;
  return off + 2;
}

/** The ethertype after all VLAN tags (fast path, no allocation). */
export function ethInnerType(frame: Uint8Array): number {
  const off = ethPayloadOffset(frame) - 2;
  return (frame[off] << 8) | frame[off + 1];
}

/** Destination MAC of a frame. */
export function ethDst(frame: Uint8Array): Mac {
  return readMac(frame, 0);
}

/** Source MAC of a frame. */
export function ethSrc(frame: Uint8Array): Mac {
  return readMac(frame, 6);
}

/** Number of VLAN tags. */
export function vlanCount(frame: Uint8Array): number {
  return (ethPayloadOffset(frame) - ETH_HEADER_LEN) >> 2;
}

/** The outermost VLAN tag, or undefined for an untagged frame. */
export function outerVlan(frame: Uint8Array): VlanTag | undefined {
  if (frame.length < 18) return undefined;
  const tpid = (frame[12] << 8) | frame[13];
  if (!isVlanTpid(tpid)) return undefined;
  const tci = (frame[14] << 8) | frame[15];
  return { tpid, pcp: tci >>> 13, dei: (tci >>> 12) & 1, vid: tci & 0xfff };
}

/** Parse a frame; undefined if shorter than an Ethernet header. */
export function parseEthernet(frame: Uint8Array): EthernetFrame | undefined {
  if (frame.length < ETH_HEADER_LEN) return undefined;
  const vlans: VlanTag[] = [];
  let off = 12;
  let type = (frame[12] << 8) | frame[13];
  while (isVlanTpid(type) && off + 6 <= frame.length) {
    const tci = (frame[off + 2] << 8) | frame[off + 3];
    vlans.push({ tpid: type, pcp: tci >>> 13, dei: (tci >>> 12) & 1, vid: tci & 0xfff });
    off += 4;
    type = (frame[off] << 8) | frame[off + 1];
  }
  return { dst: readMac(frame, 0), src: readMac(frame, 6), vlans, ethertype: type, payload: frame.subarray(off + 2) };
}

/** Serialise a frame (header, tags, payload); no padding is added. */
export function emitEthernet(f: EthernetFrame): Uint8Array {
  const hl = ETH_HEADER_LEN + 4 * f.vlans.length;
  const out = new Uint8Array(hl + f.payload.length);
  writeEthernetHeader(out, f.dst, f.src, f.ethertype, f.vlans);
  out.set(f.payload, hl);
  return out;
}

/** Write dst, src, tags and ethertype at the start of `buf`; returns the payload offset. */
export function writeEthernetHeader(buf: Uint8Array, dst: Mac, src: Mac, ethertype: number, vlans: readonly VlanTag[] = []): number {
  writeMac(buf, 0, dst);
  writeMac(buf, 6, src);
  let off = 12;
  for (const v of vlans) {
    const tci = ((v.pcp & 7) << 13) | ((v.dei & 1) << 12) | (v.vid & 0xfff);
    buf[off] = v.tpid >>> 8;
    buf[off + 1] = v.tpid & 255;
    buf[off + 2] = tci >>> 8;
    buf[off + 3] = tci & 255;
    off += 4;
  }
  buf[off] = ethertype >>> 8;
  buf[off + 1] = ethertype & 255;
  return off + 2;
}

/** A new frame with `tag` inserted as the outermost tag (what a vlan device does on transmit). */
export function pushVlan(frame: Uint8Array, tag: VlanTag): Uint8Array {
  const out = new Uint8Array(frame.length + 4);
  out.set(frame.subarray(0, 12), 0);
  const tci = ((tag.pcp & 7) << 13) | ((tag.dei & 1) << 12) | (tag.vid & 0xfff);
  out[12] = tag.tpid >>> 8;
  out[13] = tag.tpid & 255;
  out[14] = tci >>> 8;
  out[15] = tci & 255;
  out.set(frame.subarray(12), 16);
  return out;
}

/** Remove the outermost tag: the untagged frame and the tag, or undefined if the frame is untagged. */
export function popVlan(frame: Uint8Array): { frame: Uint8Array; tag: VlanTag } | undefined {
  const tag = outerVlan(frame);
  if (!tag) return undefined;
  const out = new Uint8Array(frame.length - 4);
  out.set(frame.subarray(0, 12), 0);
  out.set(frame.subarray(16), 12);
  return { frame: out, tag };
}

/** A copy padded with zeros to the 60-byte minimum, as a physical NIC transmits it; longer frames are returned as is. */
export function padFrame(frame: Uint8Array, min = ETH_MIN_FRAME_LEN): Uint8Array {
  if (frame.length >= min) return frame;
  const out = new Uint8Array(min);
  out.set(frame);
  return out;
}
