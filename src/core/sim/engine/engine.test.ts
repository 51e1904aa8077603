import { describe, expect, it } from 'vitest';
import { Engine } from './engine';
import { Rng } from './rng';
import { seconds } from './time';

describe('Engine', () => {
  it('runs events in time order, and same-time events in scheduling order', () => {
    const e = new Engine();
    const seen: string[] = [];
    e.after(seconds(2), () => seen.push('late'));
    e.after(seconds(1), () => seen.push('first'));
    e.after(seconds(1), () => seen.push('second'));
    while (e.step());
    expect(seen).toEqual(['first', 'second', 'late']);
    expect(e.now).toBe(seconds(2));
  });

  it('skips cancelled events', () => {
    const e = new Engine();
    const seen: number[] = [];
    const h = e.after(10, () => seen.push(1));
    e.after(20, () => seen.push(2));
    e.cancel(h);
    while (e.step());
    expect(seen).toEqual([2]);
  });

  it('runUntil stops at the given time and advances the clock to it', () => {
    const e = new Engine();
    const seen: number[] = [];
    e.after(seconds(1), () => seen.push(1));
    e.after(seconds(3), () => seen.push(3));
    e.runUntil(seconds(2));
    expect(seen).toEqual([1]);
    expect(e.now).toBe(seconds(2));
  });

  it('lets events schedule further events', () => {
    const e = new Engine();
    let n = 0;
    const tick = () => { if (++n < 5) e.after(seconds(1), tick); };
    e.after(0, tick);
    e.runUntil(seconds(10));
    expect(n).toBe(5);
  });
});

describe('Rng', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const sa = [a.nextU32(), a.nextU32(), a.nextU32()];
    expect([b.nextU32(), b.nextU32(), b.nextU32()]).toEqual(sa);
    expect([c.nextU32(), c.nextU32(), c.nextU32()]).not.toEqual(sa);
  });

  it('draws integers within bounds', () => {
    const r = new Rng(1);
    for (let i = 0; i < 1000; i++) {
      const v = r.int(3, 7);
      expect(v).toBeGreaterThanOrEqual(3);
      expect(v).toBeLessThanOrEqual(7);
    }
  });
});
