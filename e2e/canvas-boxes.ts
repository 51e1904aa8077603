/**
 * On-screen geometry of the canvas's nodes, read from the DOM, for layout checks
 * (nothing overlaps, containers hold their children).
 */
import type { Page } from '@playwright/test';

export interface Box { id: string; parent?: string; x: number; y: number; width: number; height: number }

/** On-screen boxes of every mounted node, with its React Flow parent. */
export async function nodeBoxes(page: Page): Promise<Box[]> {
  return page.evaluate(() => window.__vnetlab!.getNodes().flatMap((n) => {
    const el = document.querySelector(`.react-flow__node[data-id="${CSS.escape(n.id)}"]`);
    if (!el) return [];
    const r = el.getBoundingClientRect();
    return [{ id: n.id, parent: n.parentId, x: r.x, y: r.y, width: r.width, height: r.height }];
  }));
}

/** True when two boxes share more than half a pixel of area. */
export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
}

/** True when `inner` lies within `outer` (half a pixel of rounding allowed). */
export function contains(outer: Box, inner: Box): boolean {
  return inner.x >= outer.x - 0.5 && inner.y >= outer.y - 0.5
    && inner.x + inner.width <= outer.x + outer.width + 0.5 && inner.y + inner.height <= outer.y + outer.height + 0.5;
}

/** Pairs of sibling nodes (same parent) whose boxes overlap, as "a overlaps b" lines. */
export function siblingOverlaps(all: Box[]): string[] {
  const found: string[] = [];
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      if (all[i].parent === all[j].parent && overlaps(all[i], all[j])) found.push(`${all[i].id} overlaps ${all[j].id}`);
    }
  }
  return found;
}
