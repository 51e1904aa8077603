/**
 * A writer for the kernel's initramfs format, the cpio "newc" archive
 * (Documentation/driver-api/early-userspace/buffer-format.rst). Written here rather than
 * run through cpio(1) so that device nodes (/dev/console) and file owners go into the
 * archive without root, and the archive is byte-for-byte the same for the same inputs.
 */

export type CpioEntry =
  | { type: 'dir'; path: string; mode?: number }
  | { type: 'file'; path: string; data: Uint8Array; mode?: number }
  | { type: 'symlink'; path: string; target: string }
  | { type: 'char'; path: string; major: number; minor: number; mode?: number };

const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;
const S_IFCHR = 0o020000;

function hex8(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}

function pad4(n: number): number {
  return (4 - (n % 4)) % 4;
}

/** One header + name + data, each padded to 4 bytes. */
function record(ino: number, mode: number, data: Uint8Array, name: string, rdev: [number, number] = [0, 0]): Buffer {
  const nameBytes = Buffer.from(`${name}\0`, 'utf8');
  const fields = [ino, mode, 0, 0, 1, 0, data.length, 0, 0, rdev[0], rdev[1], nameBytes.length, 0];
  const header = Buffer.from(`070701${fields.map(hex8).join('')}`, 'ascii');
  return Buffer.concat([
    header,
    nameBytes,
    Buffer.alloc(pad4(header.length + nameBytes.length)),
    Buffer.from(data),
    Buffer.alloc(pad4(data.length)),
  ]);
}

/** The archive holding `entries` in order (parents before children), with its trailer. */
export function cpioArchive(entries: CpioEntry[]): Buffer {
  const parts: Buffer[] = [];
  let ino = 1;
  for (const e of entries) {
    const path = e.path.replace(/^\/+/, '');
    if (!path || path.split('/').some((p) => p === '..' || p === '')) throw new Error(`bad archive path: ${e.path}`);
    if (e.type === 'dir') parts.push(record(ino++, S_IFDIR | (e.mode ?? 0o755), new Uint8Array(), path));
    else if (e.type === 'file') parts.push(record(ino++, S_IFREG | (e.mode ?? 0o644), e.data, path));
    else if (e.type === 'symlink') parts.push(record(ino++, S_IFLNK | 0o777, Buffer.from(e.target, 'utf8'), path));
    else parts.push(record(ino++, S_IFCHR | (e.mode ?? 0o600), new Uint8Array(), path, [e.major, e.minor]));
  }
  parts.push(record(0, 0, new Uint8Array(), 'TRAILER!!!'));
  return Buffer.concat(parts);
}

/** Reads back the names, modes and sizes of an archive (for tests and `doctor`). */
export function cpioList(buf: Uint8Array): { path: string; mode: number; size: number; data: Buffer }[] {
  const b = Buffer.from(buf);
  const out: { path: string; mode: number; size: number; data: Buffer }[] = [];
  let off = 0;
  while (off + 110 <= b.length) {
    if (b.toString('ascii', off, off + 6) !== '070701') throw new Error(`bad cpio magic at ${off}`);
    const field = (i: number) => parseInt(b.toString('ascii', off + 6 + i * 8, off + 14 + i * 8), 16);
    const mode = field(1);
    const size = field(6);
    const namesize = field(11);
    const nameStart = off + 110;
    const path = b.toString('utf8', nameStart, nameStart + namesize - 1);
    const dataStart = nameStart + namesize + pad4(110 + namesize);
    if (path === 'TRAILER!!!') break;
    out.push({ path, mode, size, data: b.subarray(dataStart, dataStart + size) });
    off = dataStart + size + pad4(size);
  }
  return out;
}
