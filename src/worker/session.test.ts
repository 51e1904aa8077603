import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importScript } from '../core/iproute2/import/index';
import { formatTcpdump } from '../core/capture/tcpdump';
import type { TraceEvent } from '../core/sim/engine/trace';
import type { SimResponse } from './protocol';
import { SimSession } from './session';

const example = (name: string) => importScript(readFileSync(new URL(`../../fixtures/examples/${name}.sh`, import.meta.url), 'utf8')).design;

function session() {
  const out: SimResponse[] = [];
  const events: TraceEvent[] = [];
  const s = new SimSession((r) => {
    out.push(r);
    if (r.type === 'events') { events.length = r.from; events.push(...r.events); }
    if (r.type === 'rewind') events.length = r.length;
  });
  const consoleText = (id: number) => out.filter((r) => r.type === 'console' && r.id === id).map((r) => (r as { text: string }).text).join('\n');
  const runToEnd = () => { for (let i = 0; i < 10_000 && s.tick(50); i++) if (out.some((r) => r.type === 'console' && r.done)) break; };
  return { s, out, events, consoleText, runToEnd };
}

describe('simulation session', () => {
  it('prints a ping like iputils and records the ARP exchange and the echo', () => {
    const { s, out, events, consoleText, runToEnd } = session();
    s.load(example('01-macvlan-bridge'), 1);
    s.setSpeed(Infinity);
    s.command(1, 'ns1', 'ping -c 1 192.168.0.200');
    runToEnd();
    const text = consoleText(1);
    expect(text).toMatch(/^PING 192\.168\.0\.200 \(192\.168\.0\.200\) 56\(84\) bytes of data\.\n64 bytes from 192\.168\.0\.200: icmp_seq=1 ttl=64 time=\d+\.\d{3} ms/);
    expect(text).toContain('--- 192.168.0.200 ping statistics ---\n1 packets transmitted, 1 received, 0% packet loss, time 0ms');
    expect(out.find((r) => r.type === 'console' && r.done)).toMatchObject({ outcome: 'reply' });
    const at = events.filter((e) => e.kind === 'frame-rx' && e.at.ns === 'ns2' && e.at.dev === 'mac2').map((e) => formatTcpdump((e as { frame: Uint8Array }).frame, e.t, { time: 'none' }).split('\n')[0]);
    expect(at.some((l) => l.includes('Request who-has 192.168.0.200 tell 192.168.0.100'))).toBe(true);
    expect(at.some((l) => l.includes('ICMP echo request'))).toBe(true);
  });

  it('answers ip and bridge commands from the live state', () => {
    const { s, consoleText } = session();
    s.load(example('01-macvlan-bridge'), 1);
    s.command(2, 'ns1', 'ip addr');
    expect(consoleText(2)).toContain('inet 192.168.0.100/24 brd 192.168.0.255 scope global mac1');
    s.command(3, 'ns1', 'ip route');
    expect(consoleText(3)).toBe('192.168.0.0/24 dev mac1 proto kernel scope link src 192.168.0.100');
    s.command(4, 'host', 'sysctl net.ipv4.ip_forward');
    expect(consoleText(4)).toBe('net.ipv4.ip_forward = 0');
    s.command(5, 'ns1', 'frobnicate');
    expect(consoleText(5)).toBe('frobnicate: command not found');
  });

  it('stages a ping typed while paused, so the class steps through it from its first frame', () => {
    const { s, events, runToEnd } = session();
    s.load(example('01-macvlan-bridge'), 7);
    s.setRunning(false);
    const before = events.length;
    s.command(1, 'ns1', 'ping -c 1 192.168.0.200');
    expect(s.running).toBe(false);
    expect(s.tick(50)).toBe(false);
    const staged = events.length;
    s.step();
    expect(events.length).toBe(staged + 1);
    s.step();
    expect(events.length).toBe(staged + 2);
    // the same ping run straight through gives the same events
    const { s: s2, events: e2, runToEnd: run2 } = session();
    s2.load(example('01-macvlan-bridge'), 7);
    s2.command(1, 'ns1', 'ping -c 1 192.168.0.200');
    expect(s2.running).toBe(true);
    run2();
    expect(events.slice(before)).toEqual(e2.slice(before, events.length));
    runToEnd();
  });

  it('steps back by re-simulating to exactly the previous event', () => {
    const { s, events, runToEnd } = session();
    s.load(example('01-macvlan-bridge'), 7);
    s.setSpeed(Infinity);
    s.command(1, 'ns1', 'ping -c 2 192.168.0.200');
    runToEnd();
    const full = events.map((e) => ({ ...e }));
    const n = events.length;
    s.stepBack();
    expect(events.length).toBe(n - 1);
    s.stepBack();
    expect(events.length).toBe(n - 2);
    s.step();
    s.step();
    expect(events).toEqual(full);
  });

  it('replays a probe typed mid-run when stepping back past it and forward again', () => {
    const { s, events, out } = session();
    s.load(example('01-macvlan-bridge'), 3);
    const before = events.length;
    s.command(9, 'ns1', 'ping -c 1 192.168.0.200');
    for (let i = 0; i < 5; i++) s.step();
    const after = events.slice();
    for (let i = 0; i < 5; i++) s.stepBack();
    expect(events.length).toBeGreaterThanOrEqual(before);
    for (let i = 0; i < 5; i++) s.step();
    expect(events).toEqual(after);
    // Output is not sent twice by the replay.
    expect(out.filter((r) => r.type === 'console' && r.text.startsWith('PING')).length).toBe(1);
  });

  it('reports a ping into a private macvlan parent as an unanswered ARP with the kernel reason', () => {
    const { s, events, out, runToEnd } = session();
    s.load(example('02-macvlan-private'), 1);
    s.setSpeed(Infinity);
    s.command(1, 'ns1', 'ping -c 1 192.168.0.171');
    runToEnd();
    expect(events.some((e) => e.kind === 'drop' && e.reason === 'neigh-failed')).toBe(true);
    expect(out.find((r) => r.type === 'console' && r.done)).toBeDefined();
  });

  it('prints connect: Network is unreachable for a destination without a route', () => {
    const { s, out, consoleText } = session();
    s.load(importScript(readFileSync(new URL('../../fixtures/conformance/no-route-network-unreachable/topology.sh', import.meta.url), 'utf8')).design, 1);
    s.command(1, 'ns1', 'ping -c 1 8.8.8.8');
    for (let i = 0; i < 100 && s.tick(50); i++);
    expect(consoleText(1)).toBe('ping: connect: Network is unreachable');
    expect(out.find((r) => r.type === 'console' && r.done)).toMatchObject({ outcome: 'network-unreachable' });
  });

  it('runs arping and lists the neighbour it learnt', () => {
    const { s, consoleText, runToEnd } = session();
    s.load(example('01-macvlan-bridge'), 1);
    s.setSpeed(Infinity);
    s.command(1, 'ns1', 'arping -I mac1 192.168.0.200');
    runToEnd();
    expect(consoleText(1)).toMatch(/^ARPING 192\.168\.0\.200 from 192\.168\.0\.100 mac1\nUnicast reply from 192\.168\.0\.200 \[[0-9A-F:]{17}\] {2}\d+\.\d{3}ms\nSent 1 probes \(1 broadcast\(s\)\)\nReceived 1 response\(s\)$/);
    s.command(2, 'ns1', 'ping -c 1 192.168.0.200');
    runToEnd();
    s.command(3, 'ns1', 'ip neigh');
    expect(consoleText(3)).toMatch(/^192\.168\.0\.200 dev mac1 lladdr [0-9a-f:]{17} REACHABLE$/);
  });

  it('pauses when the last console probe ends', () => {
    const { s, runToEnd } = session();
    s.load(example('01-macvlan-bridge'), 1);
    s.command(1, 'ns1', 'ping -c 1 192.168.0.200');
    expect(s.running).toBe(true);
    runToEnd();
    expect(s.running).toBe(false);
  });
});
