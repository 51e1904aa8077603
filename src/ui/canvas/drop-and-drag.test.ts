import { describe, expect, it } from 'vitest';
import { emptyDesign, IdAllocator } from '../../core/model/design';
import type { EditResult } from '../../core/model/edit/result';
import type { Design } from '../../core/model/types';
import { resolveConnection, connectionProblem } from './connection';
import { dragCommand } from './drag-commit';
import { dropCommand } from './drop';
import { containerAt, geometryOf } from './geometry';

const ok = (r: EditResult): Design => { if (!r.ok) throw new Error(r.reason); return r.design; };
const drop = (d: Design, item: Parameters<typeof dropCommand>[1], x: number, y: number) => ok(dropCommand(d, item, { x, y }, new IdAllocator(d)));

describe('dropping palette items', () => {
  it('makes a host around the first device dropped on an empty canvas', () => {
    const d = drop(emptyDesign(), { type: 'device', kind: 'physical' }, 300, 200);
    expect(d.hosts).toHaveLength(1);
    const eth = d.hosts[0].devices.find((x) => x.kind === 'physical')!;
    expect(eth.ns).toBe(d.hosts[0].namespaces[0].id);
    const r = geometryOf(d).absolute.get(eth.id)!;
    // Centred on the drop point.
    expect(r.x + r.width / 2).toBeCloseTo(300, -1);
    expect(r.y + r.height / 2).toBeCloseTo(200, -1);
  });

  it('puts a device dropped inside a namespace into that namespace', () => {
    let d = drop(emptyDesign(), { type: 'namespace' }, 200, 150);
    const ns = d.hosts[0].namespaces[1];
    const rect = geometryOf(d).absolute.get(ns.id)!;
    d = drop(d, { type: 'device', kind: 'macvlan' }, rect.x + rect.width / 2, rect.y + rect.height / 2);
    expect(d.hosts[0].devices.find((x) => x.kind === 'macvlan')?.ns).toBe(ns.id);
  });

  it('lands a device dropped on another in the nearest free space of the same container', () => {
    let d = drop(emptyDesign(), { type: 'device', kind: 'bridge' }, 300, 200);
    const first = d.hosts[0].devices.find((x) => x.kind === 'bridge')!;
    const at = geometryOf(d).absolute.get(first.id)!;
    for (let i = 0; i < 3; i++) d = drop(d, { type: 'device', kind: 'dummy' }, at.x + at.width / 2, at.y + at.height / 2);
    const g = geometryOf(d);
    const rects = d.hosts[0].devices.filter((x) => x.kind !== 'loopback').map((x) => g.absolute.get(x.id)!);
    expect(rects).toHaveLength(4);
    for (let i = 0; i < rects.length; i++) {
      for (let j = i + 1; j < rects.length; j++) {
        const [a, b] = [rects[i], rects[j]];
        expect(a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height, `${i} overlaps ${j}`).toBe(false);
      }
    }
    expect(d.hosts[0].devices.filter((x) => x.kind === 'dummy').every((x) => x.ns === first.ns)).toBe(true);
  });

  it('keeps LAN segments and external hosts outside hosts', () => {
    let d = drop(emptyDesign(), { type: 'lan' }, 100, 100);
    d = drop(d, { type: 'external' }, 400, 100);
    expect(d.lans).toHaveLength(1);
    expect(d.hosts[0].role).toBe('external');
  });

  it('refuses designing devices inside an external host', () => {
    const d = drop(emptyDesign(), { type: 'external' }, 100, 100);
    const r = geometryOf(d).absolute.get(d.hosts[0].id)!;
    const res = dropCommand(d, { type: 'device', kind: 'dummy' }, { x: r.x + 30, y: r.y + r.height - 10 }, new IdAllocator(d));
    expect(res.ok).toBe(false);
  });
});

describe('finishing a drag', () => {
  it('moves a device dropped in another namespace there (ip link set netns) in one command', () => {
    let d = drop(emptyDesign(), { type: 'namespace' }, 200, 150);
    d = drop(d, { type: 'device', kind: 'dummy' }, 200, 330);
    const host = d.hosts[0];
    const dummy = host.devices.find((x) => x.kind === 'dummy')!;
    const ns = geometryOf(d).absolute.get(host.namespaces[1].id)!;
    const { run, notes } = dragCommand(d, [{ id: dummy.id, kind: 'device', position: { x: 0, y: 0 }, absolute: { x: ns.x + 20, y: ns.y + 50 } }]);
    const next = ok(run(d));
    expect(next.hosts[0].devices.find((x) => x.id === dummy.id)).toMatchObject({ ns: host.namespaces[1].id, up: false });
    expect(containerAt(next, { x: ns.x + 60, y: ns.y + 80 })?.nsId).toBe(host.namespaces[1].id);
    expect(notes[0]).toMatch(/ip link set dummy0 netns ns1/);
  });

  it('keeps a device dragged onto bare canvas on its machine, which grows to fit it', () => {
    const d = drop(emptyDesign(), { type: 'device', kind: 'dummy' }, 200, 150);
    const dummy = d.hosts[0].devices.find((x) => x.kind === 'dummy')!;
    const { run } = dragCommand(d, [{ id: dummy.id, kind: 'device', position: { x: 0, y: 0 }, absolute: { x: 900, y: 700 } }]);
    const next = ok(run(d));
    const host = geometryOf(next).absolute.get(next.hosts[0].id)!;
    expect(host.x + host.width).toBeGreaterThan(900);
    expect(host.y + host.height).toBeGreaterThan(700);
  });

  it('refuses dragging a device into another machine', () => {
    let d = drop(emptyDesign(), { type: 'device', kind: 'dummy' }, 200, 150);
    d = drop(d, { type: 'host' }, 1200, 150);
    const other = geometryOf(d).absolute.get(d.hosts[1].id)!;
    const dummy = d.hosts[0].devices.find((x) => x.kind === 'dummy')!;
    const { run } = dragCommand(d, [{ id: dummy.id, kind: 'device', position: { x: 0, y: 0 }, absolute: { x: other.x + 20, y: other.y + 60 } }]);
    expect(run(d)).toMatchObject({ ok: false, reason: expect.stringMatching(/not leave the machine/) });
  });
});

describe('resolving a drag between handles', () => {
  it('reads the relation from the handle roles, in either drag direction', () => {
    expect(resolveConnection({ source: 'm', sourceHandle: 'link', target: 'e', targetHandle: 'upper' })).toEqual({ relation: 'parent', a: 'm', b: 'e' });
    expect(resolveConnection({ source: 'e', sourceHandle: 'upper', target: 'm', targetHandle: 'link' })).toEqual({ relation: 'parent', a: 'm', b: 'e' });
    expect(resolveConnection({ source: 'e', sourceHandle: 'master', target: 'b', targetHandle: 'ports' })).toEqual({ relation: 'master', a: 'e', b: 'b' });
    expect(resolveConnection({ source: 'l', sourceHandle: 'nic', target: 'e', targetHandle: 'lan' })).toEqual({ relation: 'lan', a: 'e', b: 'l' });
    expect('problem' in resolveConnection({ source: 'a', sourceHandle: 'upper', target: 'b', targetHandle: 'upper' })).toBe(true);
  });

  it('asks the core for the kernel\'s verdict', () => {
    let d = drop(emptyDesign(), { type: 'device', kind: 'tun' }, 200, 150);
    d = drop(d, { type: 'device', kind: 'bridge' }, 420, 150);
    const [tun, br] = ['tun', 'bridge'].map((k) => d.hosts[0].devices.find((x) => x.kind === k)!.id);
    expect(connectionProblem(d, { source: tun, sourceHandle: 'master', target: br, targetHandle: 'ports' })).toMatch(/EINVAL/);
  });
});
