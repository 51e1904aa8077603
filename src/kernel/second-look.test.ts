import { describe, expect, it } from 'vitest';
import type { Observation } from '../core/observation/types';
import { diffWithSecondLook } from './second-look';

const obs = (neigh: Observation['neigh'], ok = true): Observation => ({
  format: 1,
  setup: { exit: 0, failed: [], stderr: [] },
  probes: [{ probe: 'ping ns1 10.0.0.2', rc: ok ? 0 : 1, ok, error: ok ? null : 'no_reply' }],
  captures: {},
  neigh,
  links: {},
  routes: {},
  fdb: {},
});
const entry = { ip: '10.0.0.2', dev: 'v1', lladdr: '02:00:00:00:00:02', state: 'REACHABLE' };
const expected = obs({ ns1: [entry] });

describe('a second look at the kernel', () => {
  it('does not ask again when the first run agrees', async () => {
    let asked = 0;
    const r = await diffWithSecondLook(expected, obs({ ns1: [entry] }), async () => (asked++, expected));
    expect(r.diff).toEqual([]);
    expect(asked).toBe(0);
  });

  it('passes when a later run agrees on the item the first run missed (a loaded machine)', async () => {
    const runs = [obs({ ns1: [entry] })];
    let asked = 0;
    const r = await diffWithSecondLook(expected, obs({ ns1: [] }), async () => runs[asked++]);
    expect(r.diff).toEqual([]);
    expect(asked).toBe(1);
    expect(r.runs).toHaveLength(2);
  });

  it('still fails on a real difference, one that every run shows', async () => {
    let asked = 0;
    const r = await diffWithSecondLook(expected, obs({ ns1: [entry] }, false), async () => (asked++, obs({ ns1: [entry] }, false)));
    expect(asked).toBe(2);
    expect(r.diff.map((d) => d.path)).toEqual(['/probes/0/error', '/probes/0/ok', '/probes/0/rc']);
  });

  it('keeps only the items that every run disagrees on', async () => {
    const again = [obs({ ns1: [] }, false), obs({ ns1: [entry] }, false)];
    let asked = 0;
    const r = await diffWithSecondLook(expected, obs({ ns1: [] }, false), async () => again[asked++]);
    expect(r.diff.every((d) => d.path.startsWith('/probes/0/'))).toBe(true);
    expect(r.diff.length).toBeGreaterThan(0);
  });
});
