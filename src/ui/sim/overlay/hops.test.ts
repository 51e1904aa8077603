import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importScript } from '../../../core/iproute2/import/index';
import type { TraceEvent } from '../../../core/sim/engine/trace';
import { SimSession } from '../../../worker/session';
import { HopTracker, type Hop } from './hops';

function pingTrace(): TraceEvent[] {
  const design = importScript(readFileSync(new URL('../../../../fixtures/examples/01-macvlan-bridge.sh', import.meta.url), 'utf8')).design;
  const events: TraceEvent[] = [];
  const s = new SimSession((r) => { if (r.type === 'events') { events.length = r.from; events.push(...r.events); } });
  s.load(design, 1);
  const start = events.length;
  s.setSpeed(Infinity);
  s.command(1, 'ns1', 'ping -c 1 192.168.0.200');
  for (let i = 0; i < 1000 && s.tick(16); i++);
  return events.slice(start);
}

describe('canvas hops', () => {
  it('draws an ARP broadcast fanning out from the parent and the echo going child to child', () => {
    const hops = new HopTracker().feed(pingTrace(), 0).filter((h): h is Hop => h.kind === 'hop');
    const arp = hops.filter((h) => h.proto === 'arp' && h.broadcast);
    expect(arp.some((h) => h.from === 'ns1:mac1' && h.to === 'host:eth0')).toBe(true);
    const fanned = arp.filter((h) => h.from === 'host:eth0').map((h) => h.to);
    expect(fanned).toEqual(expect.arrayContaining(['ns2:mac2', 'host:mac3', 'peer:eth0']));
    // The parent's children get it at the same virtual instant: their dots leave together.
    expect(new Set(arp.filter((h) => h.from === 'host:eth0' && h.to !== 'peer:eth0').map((h) => h.t)).size).toBe(1);
    const echo = hops.filter((h) => h.proto === 'icmp');
    expect(echo.some((h) => h.to === 'ns2:mac2')).toBe(true);
    expect(echo.some((h) => h.to === 'ns1:mac1')).toBe(true);
  });
});
