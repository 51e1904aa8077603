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

describe('Engine fast lane and re-arming', () => {
  it('orders call() and after() events by time, then by scheduling order', () => {
    const e = new Engine();
    const seen: string[] = [];
    const note = (x: string) => { seen.push(x); };
    e.after(5, () => seen.push('timer@5'));
    e.call(5, note, 'hop@5', undefined, undefined);
    e.call(3, note, 'hop@3 (earlier than the lane tail: through the heap)', undefined, undefined);
    e.after(5, () => seen.push('timer@5 later'));
    e.call(7, note, 'hop@7', undefined, undefined);
    while (e.step());
    expect(seen).toEqual(['hop@3 (earlier than the lane tail: through the heap)', 'timer@5', 'hop@5', 'timer@5 later', 'hop@7']);
  });

  it('passes the scheduled arguments and keeps order across a lane that grows', () => {
    const e = new Engine();
    const seen: number[] = [];
    const f = (i: number) => { seen.push(i); };
    for (let i = 0; i < 5000; i++) e.call(10, f, i, undefined, undefined);
    while (e.step());
    expect(seen).toEqual(Array.from({ length: 5000 }, (_, i) => i));
  });

  it('runs a re-armed timer exactly where cancel + after would have put it', () => {
    const order = (useRearm: boolean) => {
      const e = new Engine();
      const seen: string[] = [];
      let h = e.after(10, () => seen.push('t1'));
      e.after(30, () => seen.push('other@30'));
      h = useRearm ? e.rearm(h, 30, () => seen.push('t2')) : (e.cancel(h), e.after(30, () => seen.push('t2')));
      e.after(30, () => seen.push('after@30'));
      if (useRearm) e.rearm(h, 5, () => seen.push('t3'));
      else {
        e.cancel(h);
        e.after(5, () => seen.push('t3'));
      }
      e.after(5, () => seen.push('after@5'));
      while (e.step());
      return seen;
    };
    expect(order(true)).toEqual(order(false));
    expect(order(true)).toEqual(['t3', 'after@5', 'other@30', 'after@30']);
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
