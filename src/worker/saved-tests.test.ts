import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importScript } from '../core/iproute2/import/index';
import { addTest, injectFault } from '../core/model/edit/index';
import type { Design } from '../core/model/types';
import { runSavedTests } from './saved-tests';

const veth = importScript(readFileSync('fixtures/examples/00-two-namespaces-veth.sh', 'utf8'), { file: 'veth.sh' }).design;

function withTests(d: Design, ...lines: [string, 'reply' | 'no-reply'][]): Design {
  let cur = d;
  for (const [probe, e] of lines) {
    const r = addTest(cur, { probe, expect: e });
    if (!r.ok) throw new Error(r.reason);
    cur = r.design;
  }
  return cur;
}

describe('saved tests', () => {
  it('pass when the simulator gives the expected outcome', () => {
    const d = withTests(veth, ['ping ns1 10.0.0.2', 'reply'], ['ping ns1 10.0.1.1', 'no-reply']);
    const runs = runSavedTests(d, d.tests!, 1);
    expect(runs.map((r) => [r.outcome, r.pass])).toEqual([['reply', true], ['network-unreachable', true]]);
    expect(runs[0].summary).toBe('1 reply from 10.0.0.2');
  });

  it('fail with the drop that stopped the ping when a fault is injected', () => {
    let d = withTests(veth, ['ping ns1 10.0.0.2', 'reply']);
    const peer = d.hosts[0].devices.find((x) => x.name === 'veth1')!;
    const r = injectFault(d, { kind: 'link-down', device: peer.id });
    if (!r.ok) throw new Error(r.reason);
    d = r.design;
    expect(d.lab?.faults?.[0]).toMatchObject({ kind: 'link-down', description: 'veth1 was set down' });
    const [run] = runSavedTests(d, d.tests!, 1);
    expect(run.pass).toBe(false);
    expect(run.drop?.reason).toBe('no-carrier');
    expect(run.drop?.dev).toBe('veth0');
  });

  it('refuse a line that is not a probe, or names no namespace of the design', () => {
    expect(addTest(veth, { probe: 'ping ns1' })).toMatchObject({ ok: false });
    expect(addTest(veth, { probe: 'ping ns9 10.0.0.2' })).toMatchObject({ ok: false, reason: expect.stringMatching(/no namespace "ns9"/) });
    const run = runSavedTests(veth, [{ id: 'x', probe: 'ping ns9 1.2.3.4', expect: 'reply' }], 1)[0];
    expect(run.error).toMatch(/ns9/);
    expect(run.pass).toBeUndefined();
  });
});
