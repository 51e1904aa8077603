/**
 * The VXLAN header (RFC 7348): 8 bytes in front of the inner Ethernet frame, carried in UDP.
 * Flags byte 0x08 (the I bit: the VNI is valid), 24 reserved bits, the 24-bit VNI, 8 reserved
 * bits — what drivers/net/vxlan/vxlan_core.c `vxlan_build_skb` writes (`VXLAN_HF_VNI`) and
 * `vxlan_rcv` requires (a frame without the I bit, or with unknown flags, is dropped).
 */
export const VXLAN_HEADER_LEN = 8;
/** IANA's port; Linux's own default (when `dstport` is not given) is 8472. */
export const VXLAN_IANA_PORT = 4789;
export const VXLAN_LINUX_DEFAULT_PORT = 8472;
const FLAG_I = 0x08;

/** Write the header at `off`. */
export function writeVxlanHeader(buf: Uint8Array, off: number, vni: number): void {
  buf[off] = FLAG_I;
  buf[off + 1] = 0;
  buf[off + 2] = 0;
  buf[off + 3] = 0;
  buf[off + 4] = (vni >>> 16) & 255;
  buf[off + 5] = (vni >>> 8) & 255;
  buf[off + 6] = vni & 255;
  buf[off + 7] = 0;
}

/** Header + inner frame as a new array. */
export function emitVxlan(vni: number, inner: Uint8Array): Uint8Array {
  const out = new Uint8Array(VXLAN_HEADER_LEN + inner.length);
  writeVxlanHeader(out, 0, vni);
  out.set(inner, VXLAN_HEADER_LEN);
  return out;
}

/**
 * The VNI and inner frame of a VXLAN payload, or undefined when it is not one the kernel
 * accepts (I bit missing, other flag bits set, shorter than header + Ethernet header).
 */
export function parseVxlan(b: Uint8Array): { vni: number; inner: Uint8Array } | undefined {
  if (b.length < VXLAN_HEADER_LEN + 14 || b[0] !== FLAG_I) return undefined;
  return { vni: (b[4] << 16) | (b[5] << 8) | b[6], inner: b.subarray(VXLAN_HEADER_LEN) };
}
