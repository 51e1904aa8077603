import { describe, expect, it } from 'vitest';
import { DesignBuilder } from '../testing/design-builder';
import { SimSession } from '../session';
import { seconds } from '../engine/time';
import { parseArp } from '../wire/arp';

function vethPair(loDown: boolean): SimSession {
  const b = new DesignBuilder();
  b.ns('ns1', loDown);
  b.veth('v0', 'host', 'v1', 'ns1', '10.0.0.1/24', '10.0.0.2/24');
  return new SimSession(b.design, { seed: 7 });
}

describe('ARP resolution timing', () => {
  it('sends three broadcast requests 1 s apart, then FAILED with host-unreachable from the own address', () => {
    const s = vethPair(false);
    const h = s.ping('ns1', '10.0.0.3');
    s.runUntilDone(h, seconds(10));
    const requests = s.traceSince(0).filter((e) => e.kind === 'frame-tx' && e.at.ns === 'ns1' && e.at.dev === 'v1'
      && parseArp(e.frame.subarray(14))?.tpa === 0x0a000003);
    expect(requests.map((e) => Math.round((e.t - requests[0].t) / 1e9))).toEqual([0, 1, 2]);
    expect(h.result?.ok).toBe(false);
    expect(h.result?.error).toBe('host_unreachable');
    expect(h.result?.error_from).toBe('10.0.0.2');
    expect(s.neighbours('ns1').find((n) => n.ip === '10.0.0.3')?.state).toBe('FAILED');
  });

  it('loses the host-unreachable error when lo is down: the ping sees no reply', () => {
    const s = vethPair(true);
    const h = s.ping('ns1', '10.0.0.3');
    s.runUntilDone(h, seconds(10));
    expect(h.result?.error).toBe('no_reply');
  });

  it('answers a request for one of our addresses and leaves the requester STALE, then DELAY once used', () => {
    const s = vethPair(true);
    const h = s.ping('host', '10.0.0.2');
    s.runUntilDone(h, seconds(5));
    expect(h.result?.ok).toBe(true);
    const label = s.labeler();
    expect(s.neighbours('host', label)).toEqual([{ ip: '10.0.0.2', dev: 'v0', lladdr: 'ns1:v1', state: 'REACHABLE' }]);
    // ns1 learnt host from the request (STALE) and used the entry for its echo reply (DELAY)
    expect(s.neighbours('ns1', label)).toEqual([{ ip: '10.0.0.1', dev: 'v1', lladdr: 'host:v0', state: 'DELAY' }]);
  });

  it('re-probes a DELAY entry with unicast requests after 5 s', () => {
    const s = vethPair(true);
    const h = s.ping('host', '10.0.0.2');
    s.runUntilDone(h, seconds(5));
    const start = s.now;
    s.runUntil((start + seconds(6)) as typeof start);
    const unicast = s.traceSince(0).filter((e) => e.kind === 'frame-tx' && e.at.dev === 'v1' && e.frame[0] !== 0xff
      && parseArp(e.frame.subarray(14))?.op === 1);
    expect(unicast.length).toBe(1);
    expect(s.neighbours('ns1')[0].state).toBe('REACHABLE');
  });
});
