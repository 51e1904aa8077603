import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { LINKTYPE_ETHERNET, LINKTYPE_LINUX_SLL, LINKTYPE_LINUX_SLL2, PcapError, parseSll, readPcap, readPcapFile, writePcap } from './pcap';
import { hex, toHex } from '../sim/wire/test-hex';

// A tcpdump-style file by hand: microsecond magic in big-endian order, one 4-byte record.
const BE_US = hex(
  'a1b2c3d4 0002 0004 00000000 00000000 00040000 00000001'
  + '6553f100 0001e240 00000004 0000003c deadbeef',
);

describe('pcap', () => {
  it('writes the nanosecond magic in little-endian order', () => {
    const f = writePcap([{ timeNs: 1_500_000_000n * 1_000_000_000n + 42n, bytes: hex('0102') }]);
    expect(toHex(f.subarray(0, 24))).toBe('4d3cb2a1' + '0200' + '0400' + '00000000' + '00000000' + '00000400' + '01000000');
    expect(toHex(f.subarray(24))).toBe('002f6859' + '2a000000' + '02000000' + '02000000' + '0102');
  });

  it('reads back what it wrote, timestamps exact', () => {
    fc.assert(fc.property(fc.array(fc.record({ timeNs: fc.bigInt({ min: 0n, max: 4_000_000_000n * 1_000_000_000n }), bytes: fc.uint8Array({ maxLength: 100 }) }), { maxLength: 8 }), (frames) => {
      const file = readPcapFile(writePcap(frames));
      expect(file).toMatchObject({ linktype: 1, nanosecond: true, bigEndian: false, snaplen: 262144, versionMajor: 2, versionMinor: 4 });
      expect(file.truncated).toBeUndefined();
      expect(file.packets.length).toBe(frames.length);
      file.packets.forEach((p, i) => {
        expect(BigInt(p.sec) * 1_000_000_000n + BigInt(p.nsec)).toBe(frames[i].timeNs);
        expect(toHex(p.bytes)).toBe(toHex(frames[i].bytes));
        expect(p.origLen).toBe(frames[i].bytes.length);
      });
    }));
  });

  it('accepts a number of nanoseconds', () => {
    const [p] = readPcap(writePcap([{ timeNs: 2_500_000_123, bytes: new Uint8Array(1) }]));
    expect([p.sec, p.nsec, p.timeNs]).toEqual([2, 500_000_123, 2_500_000_123]);
  });

  it('reads big-endian microsecond files with the original length', () => {
    const f = readPcapFile(BE_US);
    expect(f).toMatchObject({ linktype: LINKTYPE_ETHERNET, nanosecond: false, bigEndian: true });
    expect(f.packets).toHaveLength(1);
    expect(f.packets[0]).toMatchObject({ sec: 0x6553f100, nsec: 123456000, origLen: 60 });
    expect(toHex(f.packets[0].bytes)).toBe('deadbeef');
  });

  it('keeps the records of a file cut short and says so', () => {
    const full = writePcap([{ timeNs: 1, bytes: hex('01020304') }, { timeNs: 2, bytes: hex('05060708') }]);
    const cutData = readPcapFile(full.subarray(0, full.length - 2));
    expect(cutData.packets).toHaveLength(2);
    expect(cutData.packets[1].truncated).toBe(true);
    expect(toHex(cutData.packets[1].bytes)).toBe('0506');
    expect(cutData.truncated).toMatch(/claims 4 bytes, 2 present/);
    const cutHeader = readPcapFile(full.subarray(0, 24 + 20 + 5));
    expect(cutHeader.packets).toHaveLength(1);
    expect(cutHeader.truncated).toMatch(/record header/);
  });

  it('refuses files that are not classic pcap', () => {
    expect(() => readPcap(new Uint8Array(10))).toThrow(PcapError);
    expect(() => readPcap(hex('0a0d0d0a' + '00'.repeat(28)))).toThrow(/pcapng/);
    expect(() => readPcap(new Uint8Array(24))).toThrow(/bad magic/);
  });

  it('splits Linux cooked headers, v1 and v2', () => {
    const v1 = parseSll(hex('0004 0001 0006 020000000001 0000 0806 aabb'), LINKTYPE_LINUX_SLL)!;
    expect(v1).toMatchObject({ pktType: 4, hatype: 1, protocol: 0x0806 });
    expect(toHex(v1.addr)).toBe('020000000001');
    expect(toHex(v1.payload)).toBe('aabb');
    const v2 = parseSll(hex('0800 0000 00000003 0001 00 06 020000000002 0000 cc'), LINKTYPE_LINUX_SLL2)!;
    expect(v2).toMatchObject({ protocol: 0x0800, ifindex: 3, hatype: 1, pktType: 0 });
    expect(toHex(v2.addr)).toBe('020000000002');
    expect(toHex(v2.payload)).toBe('cc');
    expect(parseSll(new Uint8Array(3), LINKTYPE_LINUX_SLL)).toBeUndefined();
  });
});
