/**
 * Frames moving along the canvas: each hop is a dot travelling from one device node to
 * another along the wire that joins them (straight across when none does), coloured by protocol (ARP, ICMP, other); a broadcast fans out as several dots
 * leaving at once; a drop shows a red mark with a bubble saying why. Rendered inside React
 * Flow's viewport (`ViewportPortal`), positions read from the flow store at each animation
 * frame, fed by a transient subscription to the sim store: no React state per tick and no
 * change to node data.
 */
import { useStoreApi, ViewportPortal } from '@xyflow/react';
import { useEffect, useRef } from 'react';
import { explainDrop } from '../drops/explain';
import { simEvents, useSimStore } from '../sim-store';
import { eventProtocol } from '../events/classify';
import { HopTracker, type DropMark, type Hop } from './hops';
import { findWirePath, pointOnWire, type WirePath } from './wire-path';

/** A hop is drawn for its virtual duration at the current speed, within these bounds (wall ms). */
const HOP_MIN_MS = 450;
const HOP_MAX_MS = 1600;
const STAGGER_MS = 420;
const DROP_MS = 6000;
const MAX_ACTIVE = 120;
const SVG_NS = 'http://www.w3.org/2000/svg';

interface Anim { item: Hop | DropMark; start: number; dur: number; el?: Element; bubble?: HTMLDivElement; wire?: WirePath | null }

/** Centre of the node drawn for a device, in flow coordinates. */
type Locate = (where: string) => { x: number; y: number; w: number; h: number } | undefined;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function FramesOverlay() {
  const svg = useRef<SVGSVGElement>(null);
  const html = useRef<HTMLDivElement>(null);
  const flow = useStoreApi();

  useEffect(() => {
    const tracker = new HopTracker();
    let anims: Anim[] = [];
    let processed = simEvents.length;
    let cursorWall = 0;
    let cursorT = -1;
    let raf = 0;
    let byWhere = new Map<string, string>();
    const indexDevices = () => { byWhere = new Map(useSimStore.getState().devices.map((d) => [`${d.ns}:${d.dev}`, d.id])); };
    indexDevices();

    const locate: Locate = (where) => {
      const id = byWhere.get(where);
      const n = id ? flow.getState().nodeLookup.get(id) : undefined;
      if (!n) return undefined;
      const p = n.internals.positionAbsolute;
      const w = n.measured.width ?? 0, h = n.measured.height ?? 0;
      return { x: p.x + w / 2, y: p.y + h / 2, w, h };
    };

    const clear = () => {
      for (const a of anims) { a.el?.remove(); a.bubble?.remove(); }
      anims = [];
    };

    const enqueue = (items: (Hop | DropMark)[]) => {
      const now = performance.now();
      if (cursorWall < now - STAGGER_MS || cursorWall > now + 4000) { cursorWall = now - STAGGER_MS; cursorT = -1; }
      const speed = useSimStore.getState().speed;
      for (const item of items) {
        if (item.t > cursorT) { cursorWall = Math.max(now, cursorWall + STAGGER_MS); cursorT = item.t; }
        const dur = item.kind === 'hop' ? Math.min(HOP_MAX_MS, Math.max(HOP_MIN_MS, item.dt / speed)) : DROP_MS;
        anims.push({ item, start: cursorWall, dur });
      }
      if (anims.length > MAX_ACTIVE) {
        for (const a of anims.slice(0, anims.length - MAX_ACTIVE)) { a.el?.remove(); a.bubble?.remove(); }
        anims = anims.slice(-MAX_ACTIVE);
      }
      if (!raf) raf = requestAnimationFrame(frame);
    };

    const draw = (a: Anim, now: number): boolean => {
      const g = svg.current, box = html.current;
      if (!g || !box) return false;
      const age = now - a.start;
      if (age < 0) return true;
      const item = a.item;
      if (item.kind === 'hop') {
        if (age > a.dur) return false;
        const p = locate(item.from), q = locate(item.to);
        if (!p || !q) return false;
        if (!a.el) {
          const c = document.createElementNS(SVG_NS, 'circle');
          c.setAttribute('r', item.broadcast ? '9' : '7');
          c.setAttribute('class', `sim-dot proto-${item.proto}${item.broadcast ? ' broadcast' : ''}`);
          g.appendChild(c);
          a.el = c;
        }
        const k = age / a.dur;
        const e = k < 0.5 ? 2 * k * k : 1 - (-2 * k + 2) ** 2 / 2;
        // along the drawn wire when one joins the two nodes, else the straight line
        if (a.wire === undefined) a.wire = findWirePath(flow.getState().edges, byWhere.get(item.from) ?? '', byWhere.get(item.to) ?? '') ?? null;
        const at = a.wire && a.wire.path.isConnected ? pointOnWire(a.wire, e) : { x: p.x + (q.x - p.x) * e, y: p.y + (q.y - p.y) * e };
        a.el.setAttribute('cx', String(at.x));
        a.el.setAttribute('cy', String(at.y));
        return true;
      }
      if (age > DROP_MS) return false;
      const p = locate(item.at);
      if (!p) return false;
      if (!a.el) {
        const m = document.createElementNS(SVG_NS, 'g');
        m.setAttribute('class', 'sim-drop-mark');
        m.innerHTML = '<circle r="13"></circle><path d="M-6,-6 L6,6 M6,-6 L-6,6"></path>';
        g.appendChild(m);
        a.el = m;
        const b = document.createElement('div');
        b.className = 'sim-drop-bubble';
        b.dataset.testid = 'drop-bubble';
        const x = explainDrop(item.reason);
        b.innerHTML = '<b></b><span></span>';
        b.querySelector('b')!.textContent = `✕ ${x.title}`;
        b.querySelector('span')!.textContent = item.fix ? `${x.plain} Fix: ${item.fix}.` : x.plain;
        b.title = item.why;
        box.appendChild(b);
        a.bubble = b;
      }
      a.el.setAttribute('transform', `translate(${p.x + p.w / 2 - 4},${p.y - p.h / 2 + 4})`);
      // Below the node, so it stays inside the canvas whichever side the node is on.
      a.bubble!.style.transform = `translate(${p.x - 120}px, ${p.y + p.h / 2 + 10}px)`;
      a.bubble!.style.opacity = age > DROP_MS - 600 ? String((DROP_MS - age) / 600) : '1';
      return true;
    };

    function frame() {
      raf = 0;
      const now = performance.now();
      anims = anims.filter((a) => {
        const keep = draw(a, now);
        if (!keep) { a.el?.remove(); a.bubble?.remove(); }
        return keep;
      });
      if (anims.length) raf = requestAnimationFrame(frame);
    }

    // The device of the selected event gets a ring, so "where did this happen?" is answered on the canvas.
    let ring: SVGRectElement | null = null;
    // …and a frame event parks its frame on the wire it came along (a step shows where the frame is).
    let parked: SVGCircleElement | null = null;
    const parkFrame = (index: number) => {
      const ev = simEvents[index];
      if (!ev || (ev.kind !== 'frame-rx' && ev.kind !== 'frame-tx') || !svg.current) return;
      const here = `${ev.at.ns}:${ev.at.dev}`;
      const p = locate(here);
      if (!p) return;
      let at = { x: p.x, y: p.y - p.h / 2 };
      if (ev.kind === 'frame-rx') {
        // the transmit of the same bytes elsewhere, shortly before: the wire it travelled
        for (let i = index - 1; i >= 0 && i >= index - 400; i--) {
          const e = simEvents[i];
          if (e.kind !== 'frame-tx' || `${e.at.ns}:${e.at.dev}` === here || !sameBytes(e.frame, ev.frame)) continue;
          const from = `${e.at.ns}:${e.at.dev}`;
          const wire = findWirePath(flow.getState().edges, byWhere.get(from) ?? '', byWhere.get(here) ?? '');
          const q = locate(from);
          if (wire) at = pointOnWire(wire, 0.75);
          else if (q) at = { x: q.x + (p.x - q.x) * 0.75, y: q.y + (p.y - q.y) * 0.75 };
          break;
        }
      }
      parked = document.createElementNS(SVG_NS, 'circle') as SVGCircleElement;
      parked.setAttribute('r', '9');
      parked.setAttribute('class', `sim-dot sim-parked proto-${eventProtocol(ev)}`);
      parked.dataset.testid = 'stepped-frame';
      parked.setAttribute('cx', String(at.x));
      parked.setAttribute('cy', String(at.y));
      svg.current.appendChild(parked);
    };
    const showSelected = (index: number | null) => {
      ring?.remove();
      ring = null;
      parked?.remove();
      parked = null;
      const ev = index === null ? undefined : simEvents[index];
      const p = ev && 'at' in ev ? locate(`${ev.at.ns}:${ev.at.dev}`) : undefined;
      if (!p || !svg.current) return;
      parkFrame(index!);
      ring = document.createElementNS(SVG_NS, 'rect') as SVGRectElement;
      ring.setAttribute('class', 'sim-selected-ring');
      ring.setAttribute('x', String(p.x - p.w / 2 - 6));
      ring.setAttribute('y', String(p.y - p.h / 2 - 6));
      ring.setAttribute('width', String(p.w + 12));
      ring.setAttribute('height', String(p.h + 12));
      ring.setAttribute('rx', '10');
      svg.current.appendChild(ring);
    };

    const unsubscribe = useSimStore.subscribe((s, prev) => {
      if (s.devices !== prev.devices) indexDevices();
      if (s.selectedEvent !== prev.selectedEvent) showSelected(s.selectedEvent);
      if (s.eventsVersion === prev.eventsVersion) return;
      if (simEvents.length < processed) { clear(); tracker.reset(); processed = simEvents.length; cursorT = -1; return; }
      const fresh = simEvents.slice(processed);
      processed = simEvents.length;
      // At full speed only the latest frames are worth animating.
      // The canvas shows what the event list's protocol filter lets through (drops without a frame always).
      const f = s.filter;
      const items = tracker.feed(fresh, processed - fresh.length)
        .filter((x) => (x.kind === 'hop' ? f[x.proto] : !x.proto || f[x.proto]))
        .slice(-MAX_ACTIVE);
      if (items.length) enqueue(items);
    });
    return () => { unsubscribe(); clear(); ring?.remove(); parked?.remove(); if (raf) cancelAnimationFrame(raf); };
  }, [flow]);

  return (
    <ViewportPortal>
      <svg ref={svg} className="sim-overlay" width="1" height="1" style={{ position: 'absolute', left: 0, top: 0, overflow: 'visible', pointerEvents: 'none', zIndex: 10, willChange: 'transform' }} />
      <div ref={html} className="sim-overlay-html" style={{ position: 'absolute', left: 0, top: 0, pointerEvents: 'none', zIndex: 11 }} />
    </ViewportPortal>
  );
}
