import { describe, expect, it } from 'vitest';
import { importScript } from '../iproute2/import/index';
import type { Design, Id } from '../model/types';
import { autoLayout, type LayoutMetrics } from './auto-layout';

const examples = import.meta.glob('/fixtures/examples/*.sh', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

const metrics: LayoutMetrics = {
  device: { width: 176, height: 68 }, lan: { width: 200, height: 46 }, header: 34, pad: 24,
  namespaceMin: { width: 240, height: 150 }, hostMin: { width: 420, height: 260 }, externalMin: { width: 240, height: 140 },
};

interface Rect { id: Id; x: number; y: number; w: number; h: number; parent?: Id }

/** Absolute rectangles of every drawn object, computed the way the canvas nests them. */
function rects(d: Design): Rect[] {
  const pos = d.layout.positions;
  const out: Rect[] = [];
  const size = new Map<Id, { w: number; h: number }>();
  for (const host of d.hosts) {
    const root = host.namespaces.find((n) => n.root)!;
    const grow = (id: Id, min: { width: number; height: number }, kids: Id[]) => {
      let w = min.width; let h = min.height;
      for (const k of kids) { w = Math.max(w, pos[k].x + size.get(k)!.w + metrics.pad); h = Math.max(h, pos[k].y + size.get(k)!.h + metrics.pad); }
      size.set(id, { w, h });
    };
    const hostKids: Id[] = [];
    for (const ns of host.namespaces.filter((n) => !n.root)) {
      const devs = host.devices.filter((x) => x.ns === ns.id && x.kind !== 'loopback');
      for (const x of devs) size.set(x.id, { w: 176, h: 68 });
      grow(ns.id, metrics.namespaceMin, devs.map((x) => x.id));
      hostKids.push(ns.id);
      for (const x of devs) out.push({ id: x.id, x: pos[x.id].x, y: pos[x.id].y, w: 176, h: 68, parent: ns.id });
    }
    for (const x of host.devices.filter((x) => x.ns === root.id && x.kind !== 'loopback')) {
      size.set(x.id, { w: 176, h: 68 }); hostKids.push(x.id);
      out.push({ id: x.id, x: pos[x.id].x, y: pos[x.id].y, w: 176, h: 68, parent: host.id });
    }
    for (const ns of host.namespaces.filter((n) => !n.root)) out.push({ id: ns.id, x: pos[ns.id].x, y: pos[ns.id].y, ...size.get(ns.id)!, parent: host.id });
    grow(host.id, host.role === 'external' ? metrics.externalMin : metrics.hostMin, hostKids);
    out.push({ id: host.id, x: pos[host.id].x, y: pos[host.id].y, ...size.get(host.id)! });
  }
  for (const l of d.lans) out.push({ id: l.id, x: pos[l.id].x, y: pos[l.id].y, w: 200, h: 46 });
  return out;
}

const overlap = (a: Rect, b: Rect) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('auto layout', () => {
  for (const [file, text] of Object.entries(examples)) {
    it(`places every object of ${file.split('/').pop()} with no two siblings overlapping and children below the header`, () => {
      const laid = autoLayout(importScript(text).design, metrics);
      const all = rects(laid);
      for (const r of all) {
        expect(Number.isFinite(r.x) && Number.isFinite(r.y), r.id).toBe(true);
        if (r.parent) { expect(r.x).toBeGreaterThanOrEqual(metrics.pad); expect(r.y).toBeGreaterThanOrEqual(metrics.header); }
      }
      for (let i = 0; i < all.length; i++) {
        for (let j = i + 1; j < all.length; j++) {
          if (all[i].parent === all[j].parent) expect(overlap(all[i], all[j]), `${all[i].id} / ${all[j].id}`).toBe(false);
        }
      }
    });
  }

  it('puts every machine above the LAN segment its NIC plugs into', () => {
    const laid = autoLayout(importScript(examples['/fixtures/examples/01-macvlan-bridge.sh']).design, metrics);
    const host = laid.hosts.find((h) => h.role === 'host')!;
    const ext = laid.hosts.find((h) => h.role === 'external')!;
    const lan = laid.lans[0];
    const p = laid.layout.positions;
    expect(p[host.id].y).toBeLessThan(p[lan.id].y);
    expect(p[ext.id].y).toBeLessThan(p[lan.id].y);
  });

  it('draws a bridge above its ports and the veth end in a namespace above its peer', () => {
    const d = importScript(examples['/fixtures/examples/09-veth-bridge-nat.sh']).design;
    const laid = autoLayout(d, metrics);
    const host = laid.hosts.find((h) => h.role === 'host')!;
    const by = (name: string) => host.devices.find((x) => x.name === name)!.id;
    const p = laid.layout.positions;
    expect(p[by('br0')].y).toBeLessThan(p[by('v1-br')].y);
    const ns1 = host.namespaces.find((n) => n.name === 'ns1')!.id;
    expect(p[ns1].y).toBeLessThan(p[by('v1-br')].y);
  });

  it('keeps LAN segments in one row apart from each other', () => {
    const d = importScript('# phys: eth0 10.0.0.1/24\n# phys: eth1 10.0.1.1/24\n# phys: eth2 10.0.2.1/24 lan=eth0\n# host: a 10.0.0.2/24 lan=eth0\n# host: b 10.0.1.2/24 lan=eth1\n').design;
    const laid = autoLayout(d, metrics);
    const lans = laid.lans.map((l) => laid.layout.positions[l.id]).sort((a, b) => a.x - b.x);
    expect(lans.length).toBe(2);
    expect(lans[0].y).toBe(lans[1].y);
    expect(lans[1].x - lans[0].x).toBeGreaterThanOrEqual(metrics.lan.width + 40);
  });

  it('lays out a very large design without overlaps', () => {
    let script = '# phys: eth0 10.0.0.1/16\nip link add br0 type bridge\n';
    for (let i = 0; i < 300; i++) script += `ip netns add n${i}\nip link add v${i} type veth peer name p${i}\nip link set v${i} netns n${i}\nip link set p${i} master br0\n`;
    const d = importScript(script).design;
    const laid = autoLayout(d, metrics);
    const all = rects(laid);
    const byParent = new Map<string | undefined, Rect[]>();
    for (const r of all) byParent.set(r.parent, [...(byParent.get(r.parent) ?? []), r]);
    for (const group of byParent.values()) {
      const sorted = [...group].sort((a, b) => a.x - b.x);
      for (let i = 0; i < sorted.length; i++) {
        for (let j = i + 1; j < sorted.length && sorted[j].x < sorted[i].x + sorted[i].w; j++) expect(overlap(sorted[i], sorted[j])).toBe(false);
      }
    }
  });

  it('does not change the network, only the layout', () => {
    const d = importScript(examples['/fixtures/examples/09-veth-bridge-nat.sh']).design;
    const laid = autoLayout(d, metrics);
    expect({ ...laid, layout: null }).toEqual({ ...d, layout: null });
  });
});
