import { describe, expect, it } from 'vitest';
import type { FirewallRule } from '../../model/types';
import type { SimNs } from '../model';
import { icmpEcho, icmpError } from '../wire/frames';
import { ctMatches, ctState, tracks } from './conntrack';

const A = '02:00:00:00:00:01';
const B = '02:00:00:00:00:02';
const IP_A = 0x0a000001;
const IP_B = 0x0a000002;
const rule: FirewallRule = { table: 'filter', chain: 'INPUT', target: 'DROP', ctstate: ['NEW'] };

function ns(firewall: FirewallRule[] = [rule]): SimNs {
  return { firewall } as unknown as SimNs;
}
const st = (n: SimNs, pkt: Uint8Array, now = 0) => ctState(n, pkt, now);
const ip = (frame: Uint8Array) => frame.subarray(14);
const request = (id = 7, src = IP_A, dst = IP_B) => ip(icmpEcho({ src: A, dst: B, srcIp: src, dstIp: dst, id, seq: 1 }));
const reply = (id = 7) => ip(icmpEcho({ src: B, dst: A, srcIp: IP_B, dstIp: IP_A, id, seq: 1, reply: true }));

describe('conntrack states', () => {
  it('tracks only a netns with a state rule', () => {
    expect(tracks(ns())).toBe(true);
    expect(tracks(ns([{ table: 'filter', chain: 'INPUT', target: 'DROP' }]))).toBe(false);
  });

  it('an echo request is NEW until confirmed and a reply seen; its reply is ESTABLISHED', () => {
    const n = ns();
    const first = st(n, request());
    expect(first.state).toBe('NEW');
    // not accepted: nothing is kept, the next request is NEW again
    expect(st(n, request()).state).toBe('NEW');
    first.confirm?.();
    // confirmed, no reply yet (a loopback packet met again on INPUT): still NEW, not re-added
    const again = st(n, request());
    expect(again.state).toBe('NEW');
    expect(again.confirm).toBeUndefined();
    expect(st(n, reply()).state).toBe('ESTABLISHED');
    expect(st(n, request()).state).toBe('ESTABLISHED');
  });

  it('a reply without a flow, or of another echo id, is INVALID', () => {
    const n = ns();
    expect(st(n, reply()).state).toBe('INVALID');
    st(n, request(7)).confirm?.();
    expect(st(n, reply(8)).state).toBe('INVALID');
  });

  it('an echo request the other way is a flow of its own', () => {
    const n = ns();
    st(n, request(7)).confirm?.();
    expect(st(n, request(7, IP_B, IP_A)).state).toBe('NEW');
  });

  it('an ICMP error quoting a tracked packet is RELATED, an untracked one INVALID', () => {
    const n = ns();
    const req = request();
    const err = ip(icmpError({ src: B, dst: A, srcIp: IP_B, dstIp: IP_A, kind: 'dest-unreach', code: 0, offending: req }));
    expect(st(n, err).state).toBe('INVALID');
    st(n, req).confirm?.();
    expect(st(n, err).state).toBe('RELATED');
  });

  it('forgets an ICMP flow idle for 30 s, and each packet refreshes it', () => {
    const S = 1_000_000_000;
    const n = ns();
    st(n, request(), 0).confirm?.();
    expect(st(n, reply(), 20 * S).state).toBe('ESTABLISHED');
    expect(st(n, reply(), 49 * S).state).toBe('ESTABLISHED');
    expect(st(n, reply(), 80 * S).state).toBe('INVALID');
    expect(st(n, request(), 80 * S).state).toBe('NEW');
  });

  it('matches a list and its negation', () => {
    const r: FirewallRule = { table: 'filter', chain: 'INPUT', target: 'DROP', ctstate: ['ESTABLISHED', 'RELATED'], ctstateNeg: true };
    expect(ctMatches(r, 'NEW')).toBe(true);
    expect(ctMatches(r, 'INVALID')).toBe(true);
    expect(ctMatches(r, 'RELATED')).toBe(false);
    expect(ctMatches({ ...r, ctstateNeg: undefined }, 'ESTABLISHED')).toBe(true);
  });
});
