/**
 * A small picture of a laid-out design for a gallery card: machine and namespace boxes,
 * devices and LAN segments as the canvas places them, wires as straight lines.
 */
import { memo } from 'react';
import type { Design } from '../../../core/model/types';
import { geometryOf } from '../../canvas/geometry';
import { designEdges } from '../../canvas/flow-sync';

const REL_COLOUR: Record<string, string> = { parent: 'var(--rel-parent)', master: 'var(--rel-master)', peer: 'var(--rel-peer)', lan: 'var(--rel-lan)' };

export const Thumbnail = memo(function Thumbnail({ design, label }: { design: Design; label: string }) {
  const g = geometryOf(design);
  const rects = [...g.absolute.entries()];
  if (!rects.length) return <div className="example-thumb" />;
  const x0 = Math.min(...rects.map(([, r]) => r.x)); const y0 = Math.min(...rects.map(([, r]) => r.y));
  const x1 = Math.max(...rects.map(([, r]) => r.x + r.width)); const y1 = Math.max(...rects.map(([, r]) => r.y + r.height));
  const pad = 20;
  const hosts = new Set(design.hosts.map((h) => h.id));
  const external = new Set(design.hosts.filter((h) => h.role === 'external').map((h) => h.id));
  const nss = new Set(design.hosts.flatMap((h) => h.namespaces.map((n) => n.id)));
  const lans = new Set(design.lans.map((l) => l.id));
  const centre = (id: string) => { const r = g.absolute.get(id); return r && { x: r.x + r.width / 2, y: r.y + r.height / 2 }; };
  return (
    <svg className="example-thumb" viewBox={`${x0 - pad} ${y0 - pad} ${x1 - x0 + 2 * pad} ${y1 - y0 + 2 * pad}`} role="img" aria-label={label} preserveAspectRatio="xMidYMid meet">
      {rects.filter(([id]) => hosts.has(id)).map(([id, r]) => <rect key={id} {...r} rx={14} className={external.has(id) ? 'th-ext' : 'th-host'} />)}
      {rects.filter(([id]) => nss.has(id)).map(([id, r]) => <rect key={id} {...r} rx={12} className="th-ns" />)}
      {designEdges(design).map((e) => {
        const a = centre(e.source); const b = centre(e.target);
        return a && b ? <line key={e.id} x1={a.x} y1={a.y} x2={b.x} y2={b.y} stroke={REL_COLOUR[e.data?.relation ?? ''] ?? 'var(--muted)'} strokeWidth={8} /> : null;
      })}
      {rects.filter(([id]) => !hosts.has(id) && !nss.has(id)).map(([id, r]) => <rect key={id} {...r} rx={lans.has(id) ? 22 : 10} className={lans.has(id) ? 'th-lan' : 'th-dev'} />)}
    </svg>
  );
});
