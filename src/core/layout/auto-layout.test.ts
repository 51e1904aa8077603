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

  it('puts a designed host above its LAN segment and the external hosts below it', () => {
    const laid = autoLayout(importScript(examples['/fixtures/examples/01-macvlan-bridge.sh']).design, metrics);
    const host = laid.hosts.find((h) => h.role === 'host')!;
    const ext = laid.hosts.find((h) => h.role === 'external')!;
    const lan = laid.lans[0];
    const p = laid.layout.positions;
    expect(p[host.id].y).toBeLessThan(p[lan.id].y);
    expect(p[lan.id].y).toBeLessThan(p[ext.id].y);
  });

  it('does not change the network, only the layout', () => {
    const d = importScript(examples['/fixtures/examples/09-veth-bridge-nat.sh']).design;
    const laid = autoLayout(d, metrics);
    expect({ ...laid, layout: null }).toEqual({ ...d, layout: null });
  });
});
