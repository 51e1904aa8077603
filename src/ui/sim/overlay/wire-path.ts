/**
 * The drawn wire a hop travels along: the React Flow edge joining the two device nodes, whose
 * SVG path is in the same flow coordinates as the overlay. Undefined when no wire joins them
 * directly (a hop across a LAN segment) or the wire is not rendered (virtualised off screen);
 * the dot then takes the straight line.
 */
import type { Edge } from '@xyflow/react';

export interface WirePath {
  path: SVGPathElement;
  length: number;
  /** The edge runs from the hop's destination to its source. */
  reverse: boolean;
}

export function findWirePath(edges: readonly Edge[], from: string, to: string): WirePath | undefined {
  const edge = edges.find((e) => (e.source === from && e.target === to) || (e.source === to && e.target === from));
  if (!edge) return undefined;
  const path = document.querySelector<SVGPathElement>(`.react-flow__edge[data-id="${CSS.escape(edge.id)}"] path.react-flow__edge-path`);
  if (!path) return undefined;
  return { path, length: path.getTotalLength(), reverse: edge.source !== from };
}

/** The point at fraction `k` (0 = the hop's source, 1 = its destination) of the wire. */
export function pointOnWire(w: WirePath, k: number): { x: number; y: number } {
  const p = w.path.getPointAtLength(w.length * (w.reverse ? 1 - k : k));
  return { x: p.x, y: p.y };
}
