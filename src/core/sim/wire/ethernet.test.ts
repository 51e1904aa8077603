import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  ETHERTYPE_ARP, ETHERTYPE_IPV4, ETHERTYPE_QINQ, ETHERTYPE_VLAN, type EthernetFrame, emitEthernet, ethDst, ethInnerType,
  ethPayloadOffset, ethSrc, outerVlan, padFrame, parseEthernet, popVlan, pushVlan, vlanCount,
} from './ethernet';
import { readMac } from './mac';
import { hex, toHex } from './test-hex';

// A Linux ARP request as captured on a veth: 42 bytes, no padding.
const ARP_REQ = hex(`ffffffffffff 020000000001 0806 | 0001 0800 06 04 0001 020000000001 0a000001 000000000000 0a000002`);
// The same request tagged with VLAN 10 (priority 0) by an 802.1Q device.
const ARP_REQ_V10 = hex(`ffffffffffff 020000000001 8100 000a 0806 | 0001 0800 06 04 0001 020000000001 0a000001 000000000000 0a000002`);

const macArb = fc.uint8Array({ minLength: 6, maxLength: 6 }).map((b) => readMac(b));
const tagArb = fc.record({
  tpid: fc.constantFrom(ETHERTYPE_VLAN, ETHERTYPE_QINQ),
  pcp: fc.integer({ min: 0, max: 7 }),
  dei: fc.integer({ min: 0, max: 1 }),
  vid: fc.integer({ min: 0, max: 4095 }),
});
const frameArb: fc.Arbitrary<EthernetFrame> = fc.record({
  dst: macArb,
  src: macArb,
  vlans: fc.array(tagArb, { maxLength: 3 }),
  // Not a TPID: an inner type of 0x8100 would read as another tag.
  ethertype: fc.integer({ min: 0, max: 0xffff }).filter((t) => t !== ETHERTYPE_VLAN && t !== ETHERTYPE_QINQ),
  payload: fc.uint8Array({ maxLength: 64 }),
});

describe('ethernet', () => {
  it('parses an untagged frame', () => {
    const f = parseEthernet(ARP_REQ)!;
    expect(f.dst).toBe('ff:ff:ff:ff:ff:ff');
    expect(f.src).toBe('02:00:00:00:00:01');
    expect(f.vlans).toEqual([]);
    expect(f.ethertype).toBe(ETHERTYPE_ARP);
    expect(f.payload.length).toBe(28);
  });

  it('parses an 802.1Q tag into the vlan list', () => {
    const f = parseEthernet(ARP_REQ_V10)!;
    expect(f.vlans).toEqual([{ tpid: 0x8100, pcp: 0, dei: 0, vid: 10 }]);
    expect(f.ethertype).toBe(ETHERTYPE_ARP);
    expect(ethPayloadOffset(ARP_REQ_V10)).toBe(18);
    expect(ethInnerType(ARP_REQ_V10)).toBe(ETHERTYPE_ARP);
    expect(vlanCount(ARP_REQ_V10)).toBe(1);
  });

  it('decodes priority and DEI bits of the TCI', () => {
    const f = parseEthernet(hex('ffffffffffff 020000000001 88a8 7064 8100 a00a 0800 45'))!;
    expect(f.vlans).toEqual([
      { tpid: 0x88a8, pcp: 3, dei: 1, vid: 100 },
      { tpid: 0x8100, pcp: 5, dei: 0, vid: 10 },
    ]);
    expect(f.ethertype).toBe(ETHERTYPE_IPV4);
  });

  it('rejects frames shorter than a header', () => {
    expect(parseEthernet(new Uint8Array(13))).toBeUndefined();
  });

  it('emits the captured bytes exactly', () => {
    expect(toHex(emitEthernet(parseEthernet(ARP_REQ)!))).toBe(toHex(ARP_REQ));
    expect(toHex(emitEthernet(parseEthernet(ARP_REQ_V10)!))).toBe(toHex(ARP_REQ_V10));
  });

  it('push then pop of a tag gives back the frame', () => {
    const tagged = pushVlan(ARP_REQ, { tpid: 0x8100, pcp: 0, dei: 0, vid: 10 });
    expect(toHex(tagged)).toBe(toHex(ARP_REQ_V10));
    const popped = popVlan(tagged)!;
    expect(popped.tag.vid).toBe(10);
    expect(toHex(popped.frame)).toBe(toHex(ARP_REQ));
    expect(popVlan(ARP_REQ)).toBeUndefined();
    expect(outerVlan(ARP_REQ)).toBeUndefined();
  });

  it('reads MACs without parsing the frame', () => {
    expect(ethDst(ARP_REQ)).toBe('ff:ff:ff:ff:ff:ff');
    expect(ethSrc(ARP_REQ)).toBe('02:00:00:00:00:01');
  });

  it('pads short frames to 60 bytes as a NIC does', () => {
    const p = padFrame(ARP_REQ);
    expect(p.length).toBe(60);
    expect(toHex(p.subarray(0, 42))).toBe(toHex(ARP_REQ));
    expect(p.subarray(42).every((x) => x === 0)).toBe(true);
    const long = new Uint8Array(98);
    expect(padFrame(long)).toBe(long);
  });

  it('parse(emit(x)) == x for any frame', () => {
    fc.assert(fc.property(frameArb, (f) => {
      const back = parseEthernet(emitEthernet(f))!;
      expect({ ...back, payload: Array.from(back.payload) }).toEqual({ ...f, payload: Array.from(f.payload) });
    }));
  });

  it('push/pop is an inverse pair for any frame and tag', () => {
    fc.assert(fc.property(frameArb, tagArb, (f, tag) => {
      const bytes = emitEthernet(f);
      const pushed = pushVlan(bytes, tag);
      expect(parseEthernet(pushed)!.vlans).toEqual([tag, ...f.vlans]);
      expect(toHex(popVlan(pushed)!.frame)).toBe(toHex(bytes));
    }));
  });
});
