import { describe, expect, it } from 'vitest';
import { emptyDesign, IdAllocator } from '../../core/model/design';
import { addDevice, addLanAt, addMachine, addNamespaceTo } from '../../core/model/edit/add';
import { connect } from '../../core/model/edit/connect';
import { rename } from '../../core/model/edit/rename';
import { setPositions } from '../../core/model/edit/fields';
import type { EditResult } from '../../core/model/edit/result';
import type { Design } from '../../core/model/types';
import { designEdges, designNodes, syncEdges, syncNodes } from './flow-sync';

const ok = (r: EditResult): Design => { if (!r.ok) throw new Error(r.reason); return r.design; };
const step = (d: Design, f: (d: Design, ids: IdAllocator) => EditResult) => ok(f(d, new IdAllocator(d)));

function sample() {
  let d = step(emptyDesign(), (x, ids) => addMachine(x, 'host', { x: 0, y: 0 }, ids));
  const root = d.hosts[0].namespaces[0].id;
  d = step(d, (x, ids) => addNamespaceTo(x, x.hosts[0].id, { x: 20, y: 40 }, ids));
  const ns = d.hosts[0].namespaces[1].id;
  d = step(d, (x, ids) => addDevice(x, 'physical', root, { x: 20, y: 250 }, ids));
  d = step(d, (x, ids) => addDevice(x, 'macvlan', ns, { x: 20, y: 50 }, ids));
  d = step(d, (x, ids) => addLanAt(x, { x: 0, y: 500 }, ids));
  const [eth, mac] = [d.hosts[0].devices.find((x) => x.kind === 'physical')!.id, d.hosts[0].devices.find((x) => x.kind === 'macvlan')!.id];
  d = ok(connect(d, mac, eth, 'parent'));
  d = ok(connect(d, eth, d.lans[0].id, 'lan'));
  return { d, root, ns, eth, mac };
}

describe('designNodes', () => {
  it('nests namespaces in their host and devices in their namespace, parents first, loopbacks hidden', () => {
    const { d, ns, eth, mac } = sample();
    const nodes = designNodes(d, new Set());
    expect(nodes.map((n) => [n.type, n.parentId ?? null])).toEqual([
      ['host', null], ['namespace', d.hosts[0].id], ['device', d.hosts[0].id], ['device', ns], ['lan', null],
    ]);
    expect(nodes.find((n) => n.id === eth)?.position).toEqual({ x: 20, y: 250 });
    expect(nodes.find((n) => n.id === mac)?.data).toEqual({ kind: 'device', entityId: mac, handles: 'macvlan' });
  });

  it('grows a container to fit its children', () => {
    const { d, eth } = sample();
    const far = ok(setPositions(d, { [eth]: { x: 900, y: 700 } }));
    const host = designNodes(far, new Set()).find((n) => n.type === 'host')!;
    expect(host.width).toBeGreaterThan(900);
    expect(host.height).toBeGreaterThan(700);
  });
});

describe('designEdges', () => {
  it('draws one edge per relation, from plug handle to socket handle', () => {
    const { d, eth, mac } = sample();
    const edges = designEdges(d);
    expect(edges.map((e) => [e.id, e.sourceHandle, e.targetHandle])).toEqual([
      [`lan:${eth}`, 'lan', 'nic'],
      [`parent:${mac}`, 'link', 'upper'],
    ]);
    expect(edges[1]).toMatchObject({ source: mac, target: eth, data: { relation: 'parent', entityId: mac } });
  });
});

describe('syncNodes / syncEdges', () => {
  it('reuses node objects whose view inputs did not change', () => {
    const { d, eth, mac } = sample();
    const first = designNodes(d, new Set());
    const renamed = ok(rename(d, mac, 'mac1'));
    const second = syncNodes(designNodes(renamed, new Set()), first);
    // Renaming changes what the node shows (read from the store), not the node object.
    second.forEach((n, i) => expect(n).toBe(first[i]));
    const moved = ok(setPositions(renamed, { [eth]: { x: 40, y: 250 } }));
    const third = syncNodes(designNodes(moved, new Set([mac])), second);
    const changed = third.filter((n, i) => n !== second[i]).map((n) => n.id);
    expect(changed.sort()).toEqual([eth, mac].sort());
  });

  it('keeps React Flow measurements on a node it has to replace', () => {
    const { d, eth } = sample();
    const first = designNodes(d, new Set()).map((n) => ({ ...n, measured: { width: 1, height: 2 } }));
    const next = syncNodes(designNodes(d, new Set([eth])), first);
    expect(next.find((n) => n.id === eth)?.measured).toEqual({ width: 1, height: 2 });
  });

  it('has a node measured again when its id now names a device with other handles', () => {
    const { d, eth, mac } = sample();
    const first = designNodes(d, new Set()).map((n) => ({ ...n, measured: { width: 1, height: 2 } }));
    // another design reusing the id of the NIC for the macvlan (as Open, Import and undo do)
    const other = designNodes(d, new Set()).map((n) => (n.id === eth ? { ...n, data: { ...n.data, handles: 'veth' } } : n));
    const next = syncNodes(other, first);
    expect(next.find((n) => n.id === eth)?.measured).toBeUndefined();
    expect(next.find((n) => n.id === mac)).toBe(first.find((n) => n.id === mac));
  });

  it('reuses unchanged edges and replaces selected ones', () => {
    const { d, mac } = sample();
    const first = designEdges(d);
    const same = syncEdges(designEdges(d), first);
    same.forEach((e, i) => expect(e).toBe(first[i]));
    const sel = syncEdges(designEdges(d, new Set([`parent:${mac}`])), first);
    expect(sel[1].selected).toBe(true);
    expect(sel[0]).toBe(first[0]);
  });
});
