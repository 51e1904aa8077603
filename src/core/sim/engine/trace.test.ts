import { describe, expect, it } from 'vitest';
import { Trace, type TraceEvent } from './trace';
import type { Nanos } from './time';

const at = { ns: 'ns1', dev: 'v1' };
const t = (n: number) => n as Nanos;

describe('Trace', () => {
  it('gives frames back as plain events in recording order, mixed with other events', () => {
    const tr = new Trace();
    const f1 = new Uint8Array([1]);
    const f2 = new Uint8Array([2]);
    tr.pushFrame(t(1), 'frame-tx', at, f1);
    tr.push({ t: t(2), kind: 'note', ns: 'ns1', text: 'x' });
    tr.pushFrame(t(3), 'frame-rx', at, f2);
    expect(tr.length).toBe(3);
    expect(tr.events).toEqual([
      { t: 1, kind: 'frame-tx', at, frame: f1 },
      { t: 2, kind: 'note', ns: 'ns1', text: 'x' },
      { t: 3, kind: 'frame-rx', at, frame: f2 },
    ]);
    expect(tr.since(2)).toEqual([{ t: 3, kind: 'frame-rx', at, frame: f2 }]);
  });

  it('keeps returning the same event objects and grows them as recording goes on', () => {
    const tr = new Trace();
    tr.pushFrame(t(1), 'frame-tx', at, new Uint8Array(1));
    const first = tr.events[0];
    for (let i = 0; i < 10000; i++) tr.pushFrame(t(2 + i), 'frame-rx', at, new Uint8Array(1));
    expect(tr.events[0]).toBe(first);
    expect(tr.events.length).toBe(10001);
    expect(tr.events[10000].t).toBe(10001);
  });

  it('reads every row back across chunks of different sizes', () => {
    const tr = new Trace();
    const frame = new Uint8Array([1]);
    const rows = 4096 + 32768 + 5;
    for (let i = 0; i < rows; i++) {
      if (i % 3 === 0) tr.pushNeigh(t(i), at, 0x0a000001 + i, 'STALE', undefined);
      else tr.pushFrame(t(i), i % 3 === 1 ? 'frame-tx' : 'frame-rx', at, frame);
    }
    const ev = tr.events;
    expect(ev.length).toBe(rows);
    for (const i of [0, 4095, 4096, 4097, 36863, 36864, rows - 1]) {
      expect(ev[i].t).toBe(i);
      expect(ev[i].kind).toBe(i % 3 === 0 ? 'neigh' : i % 3 === 1 ? 'frame-tx' : 'frame-rx');
    }
    expect(ev[36864]).toEqual({ t: 36864, kind: 'neigh', at, ip: '10.0.144.1', state: 'STALE', lladdr: undefined });
    let frames = 0;
    tr.forEachFrame(() => frames++);
    expect(frames).toBe(rows - Math.ceil(rows / 3));
  });

  it('renders a lazily explained drop when it is read, as a plain why string', () => {
    const tr = new Trace();
    let rendered = 0;
    tr.pushDrop({ t: t(5), kind: 'drop', at, reason: 'other-host', why: '' }, () => { rendered++; return 'v1: not for us'; });
    expect(rendered).toBe(0);
    const ev = tr.since(0)[0] as Extract<TraceEvent, { kind: 'drop' }>;
    expect(ev.why).toBe('v1: not for us');
    expect(Object.keys(ev)).toContain('why');
    tr.since(0);
    expect(rendered).toBe(1);
  });

  it('walks frames without making event objects', () => {
    const tr = new Trace();
    tr.pushFrame(t(1), 'frame-tx', at, new Uint8Array([7]));
    tr.push({ t: t(2), kind: 'note', ns: 'ns1', text: 'x' });
    tr.pushFrame(t(3), 'frame-rx', at, new Uint8Array([8]));
    const seen: string[] = [];
    tr.forEachFrame((time, kind, where, frame) => seen.push(`${time} ${kind} ${where.dev} ${frame[0]}`));
    expect(seen).toEqual(['1 frame-tx v1 7', '3 frame-rx v1 8']);
  });
});
