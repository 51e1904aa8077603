/** Test support: a seeded generator of varied frames (well-formed, tagged, truncated, random) for differential tests. */
import fc from 'fast-check';
import { type VlanTag, emitEthernet } from '../sim/wire/ethernet';
import { arpReply, arpRequest, icmpEcho, icmpError, icmpFrame, ipv4Frame } from '../sim/wire/frames';
import { readMac } from '../sim/wire/mac';

const mac = fc.oneof(
  fc.constantFrom('ff:ff:ff:ff:ff:ff', '00:00:00:00:00:00', '02:00:00:00:00:01', '02:00:00:00:00:02', '01:00:5e:00:00:01', '33:33:00:00:00:01'),
  fc.uint8Array({ minLength: 6, maxLength: 6 }).map((b) => readMac(b)),
);
const ip = fc.integer({ min: 0, max: 0xffffffff });
const tag: fc.Arbitrary<VlanTag> = fc.record({
  tpid: fc.constantFrom(0x8100, 0x88a8),
  pcp: fc.integer({ min: 0, max: 7 }),
  dei: fc.integer({ min: 0, max: 1 }),
  vid: fc.integer({ min: 0, max: 4095 }),
});
const vlans = fc.oneof({ weight: 3, arbitrary: fc.constant([] as VlanTag[]) }, { weight: 2, arbitrary: fc.array(tag, { minLength: 1, maxLength: 2 }) });
const u16 = fc.integer({ min: 0, max: 0xffff });

/** ARP, ping and ICMP errors with random addresses, codes and tags: what tcpdump decodes without -v. */
export const decodableFrame: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.record({ src: mac, senderIp: ip, targetIp: ip, dst: mac, tha: mac, vlans }).map((o) => arpRequest(o)),
  fc.record({ src: mac, senderIp: ip, targetIp: ip, dst: mac, vlans }).map((o) => arpReply(o)),
  fc.record({ src: mac, dst: mac, srcIp: ip, dstIp: ip, reply: fc.boolean(), id: u16, seq: u16, ttl: fc.integer({ min: 0, max: 255 }), vlans })
    .map((o) => icmpEcho(o)),
  fc.record({
    src: mac, dst: mac, srcIp: ip, dstIp: ip, kind: fc.constantFrom('dest-unreach' as const, 'time-exceeded' as const, 'redirect' as const),
    code: fc.integer({ min: 0, max: 16 }), gateway: ip, mtu: u16, vlans, inner: fc.record({ a: ip, b: ip }),
  }).map((o) => icmpError({ ...o, offending: icmpEcho({ src: o.src, dst: o.dst, srcIp: o.inner.a, dstIp: o.inner.b, id: 1, seq: 1 }).subarray(14) })),
);

const wellFormed: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.record({ src: mac, senderIp: ip, targetIp: ip, dst: mac, tha: mac, vlans }).map((o) => arpRequest(o)),
  fc.record({ src: mac, senderIp: ip, targetIp: ip, dst: mac, vlans }).map((o) => arpReply(o)),
  fc.record({ src: mac, dst: mac, srcIp: ip, dstIp: ip, reply: fc.boolean(), id: u16, seq: u16, ttl: fc.integer({ min: 0, max: 255 }), vlans })
    .map((o) => icmpEcho(o)),
  fc.record({
    src: mac, dst: mac, srcIp: ip, dstIp: ip, kind: fc.constantFrom('dest-unreach' as const, 'time-exceeded' as const, 'redirect' as const),
    code: fc.integer({ min: 0, max: 16 }), gateway: ip, vlans, inner: fc.record({ a: ip, b: ip }), quoteMax: fc.integer({ min: 0, max: 100 }),
  }).map((o) => icmpError({ ...o, offending: icmpEcho({ src: o.src, dst: o.dst, srcIp: o.inner.a, dstIp: o.inner.b, id: 1, seq: 1 }).subarray(14) })),
  fc.record({ src: mac, dst: mac, srcIp: ip, dstIp: ip, type: fc.integer({ min: 0, max: 255 }), code: fc.integer({ min: 0, max: 255 }), data: fc.uint8Array({ maxLength: 40 }), vlans })
    .map((o) => icmpFrame({ ...o, msg: { kind: 'other', type: o.type, code: o.code, rest: 0, data: o.data } })),
  fc.record({ src: mac, dst: mac, proto: fc.integer({ min: 0, max: 255 }), a: ip, b: ip, payload: fc.uint8Array({ maxLength: 30 }), vlans })
    .map((o) => ipv4Frame({ src: o.src, dst: o.dst, vlans: o.vlans, ip: { tos: 0, id: 0, flags: 0, fragOffset: 0, ttl: 64, proto: o.proto, src: o.a, dst: o.b, options: new Uint8Array(0), payload: o.payload } })),
  fc.record({ src: mac, dst: mac, ethertype: fc.constantFrom(0x86dd, 0x88cc, 0x0806, 0x0800, 0x9000, 0x8100), payload: fc.uint8Array({ maxLength: 60 }), vlans })
    .map((o) => emitEthernet({ ...o })),
);

/** A frame with a few bytes overwritten at random places. */
const mutated = fc.tuple(wellFormed, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }))
  .map(([f, edits]) => { const b = f.slice(); for (const [at, v] of edits) if (b.length) b[at % b.length] = v; return b; });

/** Frames of every kind, some cut short at a random length, some padded to 60 bytes, some mutated. */
export const anyFrame: fc.Arbitrary<Uint8Array> = fc.oneof(
  { weight: 5, arbitrary: wellFormed },
  { weight: 3, arbitrary: mutated },
  { weight: 2, arbitrary: fc.tuple(wellFormed, fc.nat()).map(([f, n]) => f.subarray(0, n % (f.length + 1))) },
  { weight: 1, arbitrary: wellFormed.map((f) => { const p = new Uint8Array(Math.max(60, f.length)); p.set(f); return p; }) },
  { weight: 1, arbitrary: fc.uint8Array({ minLength: 0, maxLength: 80 }) },
);

/** A fixed, seeded sample of an arbitrary (default anyFrame). */
export function sampleFrames(n: number, seed = 7, arb: fc.Arbitrary<Uint8Array> = anyFrame): Uint8Array[] {
  return fc.sample(arb, { numRuns: n, seed });
}
