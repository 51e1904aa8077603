import { describe, expect, it } from 'vitest';
import { Bench, ok } from './test-support';
import { addAddress, addRoute, setDeviceFields } from './fields';
import { connect } from './connect';
import { addTest, removeTest, updateTest } from './tests';
import { injectFault, setLabGoal, setLabTask } from './lab';

/** A namespace ns1 with a veth pair, made with the palette's commands. */
function lab() {
  const b = new Bench();
  const ns1 = b.namespace('ns1');
  const v0 = b.device('veth', ns1);
  return { b, ns1, v0 };
}

describe('lab commands', () => {
  it('a task, goals that need an expectation, and tests removed from the goals', () => {
    const { b } = lab();
    b.design = ok(setLabTask(b.design, 'make ns1 reach the gateway'));
    const [t1] = b.apply((d) => addTest(d, { probe: 'ping ns1 10.0.0.1' }));
    expect(setLabGoal(b.design, t1, true)).toMatchObject({ ok: false, reason: expect.stringMatching(/expected outcome/) });
    b.design = ok(updateTest(b.design, t1, { expect: 'reply' }));
    b.design = ok(setLabGoal(b.design, t1, true));
    expect(b.design.lab).toEqual({ task: 'make ns1 reach the gateway', goals: [t1] });
    b.design = ok(removeTest(b.design, t1));
    expect(b.design.lab!.goals).toEqual([]);
    expect(b.design.tests).toBeUndefined();
  });

  it('each fault is a plain change of the design, recorded for the teacher, refused when there is nothing to break', () => {
    const { b, ns1, v0 } = lab();
    b.design = ok(addAddress(b.design, v0, { cidr: '10.0.0.2/24' }));
    b.design = ok(addRoute(b.design, ns1, { dst: 'default', via: '10.0.0.1' }));
    const br = b.device('bridge');
    const host = () => b.design.hosts[0];
    const port = b.device('veth');
    b.design = ok(connect(b.design, port, br, 'master'));
    b.design = ok(setDeviceFields(b.design, port, { port: { hairpin: true } }));

    b.design = ok(injectFault(b.design, { kind: 'wrong-mask', device: v0, prefix: 30 }));
    expect(host().devices.find((d) => d.id === v0)!.addresses[0].cidr).toBe('10.0.0.2/30');
    b.design = ok(injectFault(b.design, { kind: 'missing-route', ns: ns1, dst: 'default' }));
    expect(host().namespaces.find((n) => n.id === ns1)!.routes).toEqual([]);
    b.design = ok(injectFault(b.design, { kind: 'link-down', device: v0 }));
    b.design = ok(injectFault(b.design, { kind: 'hairpin-off', device: port }));
    expect(host().devices.find((d) => d.id === port)!.port!.hairpin).toBe(false);
    b.design = ok(injectFault(b.design, { kind: 'rp-filter', ns: ns1 }));
    expect(host().namespaces.find((n) => n.id === ns1)!.sysctls['net.ipv4.conf.all.rp_filter']).toBe(1);
    expect(b.design.lab!.faults!.map((f) => f.kind)).toEqual(['wrong-mask', 'missing-route', 'link-down', 'hairpin-off', 'rp-filter']);

    expect(injectFault(b.design, { kind: 'link-down', device: v0 })).toMatchObject({ ok: false });
    expect(injectFault(b.design, { kind: 'missing-route', ns: ns1, dst: 'default' })).toMatchObject({ ok: false, reason: expect.stringMatching(/No such process/) });
    expect(injectFault(b.design, { kind: 'hairpin-off', device: port })).toMatchObject({ ok: false });
  });
});
