import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type IcmpMessage, emitIcmp, icmpQuote, icmpType, parseIcmp } from './icmp';
import { hex, toHex } from './test-hex';

const PING_DATA = '00f153650000000040e2010000000000' + '101112131415161718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f3031323334353637';
const ECHO = '080090bf12340001' + PING_DATA;
const OFFENDING = '4500005404d24000400121d50a0000010a000002' + ECHO;

describe('icmp', () => {
  it('parses an echo request with id, seq and data', () => {
    const p = parseIcmp(hex(ECHO))!;
    expect(p.checksumOk).toBe(true);
    expect(p.msg).toMatchObject({ kind: 'echo-request', code: 0, id: 0x1234, seq: 1 });
    expect(p.msg.kind === 'echo-request' && toHex(p.msg.data)).toBe(PING_DATA);
  });

  it('emits the echo request byte for byte', () => {
    expect(toHex(emitIcmp({ kind: 'echo-request', code: 0, id: 0x1234, seq: 1, data: hex(PING_DATA) }))).toBe(ECHO);
  });

  it('builds a time-exceeded quoting the whole offending packet, as Linux does', () => {
    const msg: IcmpMessage = { kind: 'time-exceeded', code: 0, quote: icmpQuote(hex(OFFENDING)) };
    const b = emitIcmp(msg);
    expect(toHex(b.subarray(0, 8))).toBe('0b00f4ff00000000');
    expect(b.length).toBe(8 + 84);
    expect(parseIcmp(b)!.checksumOk).toBe(true);
  });

  it('quotes at most 548 bytes by default and header + 8 on request', () => {
    expect(icmpQuote(new Uint8Array(1500)).length).toBe(548);
    expect(icmpQuote(hex(OFFENDING), 28).length).toBe(28);
  });

  it('carries the redirect gateway and the unreachable next-hop MTU', () => {
    const r = parseIcmp(emitIcmp({ kind: 'redirect', code: 1, gateway: 0x0a000003, quote: hex(OFFENDING).subarray(0, 28) }))!;
    expect(r.msg).toMatchObject({ kind: 'redirect', code: 1, gateway: 0x0a000003 });
    const u = parseIcmp(emitIcmp({ kind: 'dest-unreach', code: 4, mtu: 1400, quote: new Uint8Array(0) }))!;
    expect(u.msg).toMatchObject({ kind: 'dest-unreach', code: 4, mtu: 1400 });
    expect(u.type).toBe(3);
  });

  it('detects a bad checksum', () => {
    const b = hex(ECHO);
    b[7] = 2;
    expect(parseIcmp(b)!.checksumOk).toBe(false);
  });

  it('parse(emit(x)) == x for every message kind', () => {
    const u16 = fc.integer({ min: 0, max: 0xffff });
    const u8 = fc.integer({ min: 0, max: 255 });
    const bytes = fc.uint8Array({ maxLength: 80 });
    const arb: fc.Arbitrary<IcmpMessage> = fc.oneof(
      fc.record({ kind: fc.constantFrom('echo-request' as const, 'echo-reply' as const), code: u8, id: u16, seq: u16, data: bytes }),
      fc.record({ kind: fc.constant('dest-unreach' as const), code: u8, mtu: u16, quote: bytes }),
      fc.record({ kind: fc.constant('time-exceeded' as const), code: u8, quote: bytes }),
      fc.record({ kind: fc.constant('redirect' as const), code: u8, gateway: fc.integer({ min: 0, max: 0xffffffff }), quote: bytes }),
      fc.record({ kind: fc.constant('other' as const), type: u8.filter((t) => ![0, 3, 5, 8, 11].includes(t)), code: u8, rest: fc.integer({ min: 0, max: 0xffffffff }), data: bytes }),
    );
    fc.assert(fc.property(arb, (m) => {
      const p = parseIcmp(emitIcmp(m))!;
      expect(p.checksumOk).toBe(true);
      expect(p.type).toBe(icmpType(m));
      const norm = (x: IcmpMessage) => JSON.stringify(x, (_k, v) => (v instanceof Uint8Array ? toHex(v) : v));
      expect(norm(p.msg)).toBe(norm(m));
    }));
  });
});
