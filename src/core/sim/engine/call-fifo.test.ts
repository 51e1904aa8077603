import { describe, expect, it } from 'vitest';
import { CallFifo, type CallN } from './call-fifo';

describe('the hop lane ring', () => {
  it('runs entries in order while growing and shrinking, and gives its storage back after a flood', () => {
    const fifo = new CallFifo();
    const ran: number[] = [];
    const record = ((x: number) => ran.push(x)) as unknown as CallN;
    let next = 0;
    // waves: fill to 100k, drain to a few, fill again (the size a flood leaves behind)
    for (const wave of [300_000, 5_000, 200_000]) {
      for (let k = 0; k < wave; k++) fifo.push(next, next, record, next++, 0, 0, 0, 0, 0);
      expect(fifo.capacity).toBeGreaterThanOrEqual(fifo.size);
      while (fifo.size > 3) fifo.runHead();
    }
    while (fifo.size > 0) fifo.runHead();
    expect(ran).toEqual(Array.from({ length: next }, (_, i) => i));
    expect(fifo.capacity).toBeLessThanOrEqual(1 << 16);
  });
});
