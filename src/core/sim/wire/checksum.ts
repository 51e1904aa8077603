/** The Internet checksum (RFC 1071) shared by IPv4 and ICMP. */

/**
 * One's-complement checksum of `len` bytes at `off`, folded and complemented. Over data
 * that already holds a correct checksum field it returns 0, which is how parsers verify.
 */
export function internetChecksum(b: Uint8Array, off = 0, len = b.length - off): number {
  let sum = 0;
  const end = off + len;
  let i = off;
  for (; i + 1 < end; i += 2) sum += (b[i] << 8) | b[i + 1];
  if (i < end) sum += b[i] << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}
