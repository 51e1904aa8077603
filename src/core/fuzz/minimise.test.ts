import { describe, expect, it } from 'vitest';
import { minimise } from './minimise';

describe('minimise', () => {
  it('finds the two elements that together cause a failure', async () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    const out = await minimise(items, async (s) => s.includes(3) && s.includes(17), { budget: 200 });
    expect(out).toEqual([3, 17]);
  });

  it('keeps the original order and a single culprit', async () => {
    const out = await minimise(['a', 'b', 'c', 'd', 'e'], async (s) => s.includes('d'), { budget: 100 });
    expect(out).toEqual(['d']);
  });

  it('stops within its budget and still returns a failing subset', async () => {
    let calls = 0;
    const items = Array.from({ length: 64 }, (_, i) => i);
    const out = await minimise(items, async (s) => { calls++; return s.includes(5) && s.includes(40) && s.includes(63); }, { budget: 5 });
    expect(calls).toBeLessThanOrEqual(5);
    expect(out).toEqual(expect.arrayContaining([5, 40, 63]));
  });
});
