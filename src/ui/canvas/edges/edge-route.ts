/**
 * Where a wire runs and where its label sits (pure, unit-tested). Labels sit beside their
 * wire, never on it: right of a vertical run, above a horizontal one. A veth pair whose ends
 * are stacked (the right end of one is not left of the other) is drawn as a bracket round
 * the right-hand sides instead of a curve through both boxes and their names.
 */

export interface LabelSpot {
  x: number;
  y: number;
  /** CSS translate of the label box relative to (x, y). */
  anchor: string;
}

const BESIDE = 'translate(6px, -50%)';
const ABOVE = 'translate(-50%, calc(-100% - 3px))';

/** Label of a lower-device or bridge-port wire: beside the plug it leaves from, right of the wire. */
export function plugLabel(sourceX: number, sourceY: number, up: boolean): LabelSpot {
  return { x: sourceX, y: up ? sourceY - 14 : sourceY + 14, anchor: BESIDE };
}

/**
 * Label of a wire labelled at its midpoint: above a horizontal middle run, right of a
 * straight vertical one. On a diagonal curve (a veth pair) it goes on the side the curve
 * leaves empty: below-right of a rising curve, above-right of a falling one.
 */
export function midLabel(source: { x: number; y: number }, target: { x: number; y: number }, midX: number, midY: number, curve = false): LabelSpot {
  const dx = target.x - source.x; const dy = target.y - source.y;
  if (Math.abs(dx) < 20) return { x: midX, y: midY, anchor: BESIDE };
  if (!curve || Math.abs(dy) < 20) return { x: midX, y: midY, anchor: ABOVE };
  const falling = Math.sign(dx) === Math.sign(dy);
  return { x: midX, y: midY, anchor: falling ? 'translate(8px, calc(-100% - 4px))' : 'translate(8px, 4px)' };
}

/** How far a stacked veth bracket reaches past the wider of the two boxes. */
const BRACKET = 28;
/** How far above the bracket's lower end its label's centre sits. */
const BRACKET_LABEL_LIFT = 16;

/**
 * The bracket for a stacked veth pair, or undefined when the ends face each other (the
 * target's left socket is right of the source's right socket) and a curve reads better.
 * `width` is the device box width: the target's right side is `targetX + width`.
 */
export function stackedPeerPath(sourceX: number, sourceY: number, targetX: number, targetY: number, width: number): { path: string; label: LabelSpot } | undefined {
  if (targetX - sourceX >= 40) return undefined;
  const right = targetX + width;
  const x = Math.max(sourceX, right) + BRACKET;
  const r = Math.min(8, Math.abs(targetY - sourceY) / 2);
  const down = targetY >= sourceY ? 1 : -1;
  const path = [
    `M ${sourceX} ${sourceY}`, `L ${x - r} ${sourceY}`, `Q ${x} ${sourceY} ${x} ${sourceY + down * r}`,
    `L ${x} ${targetY - down * r}`, `Q ${x} ${targetY} ${x - r} ${targetY}`, `L ${right} ${targetY}`,
  ].join(' ');
  // The label sits just above the lower end rather than mid-run: wires between the two rows
  // (a bridge's ports, a VLAN's parent) cross the middle of the run, not its ends.
  const lower = Math.max(sourceY, targetY);
  const y = Math.abs(targetY - sourceY) >= 2 * BRACKET_LABEL_LIFT + 20 ? lower - BRACKET_LABEL_LIFT : (sourceY + targetY) / 2;
  return { path, label: { x, y, anchor: BESIDE } };
}

/** The visible part of the flow plane: React Flow's transform [x, y, zoom] over a pane of width × height pixels. */
export interface View { transform: readonly [number, number, number]; width: number; height: number }

/**
 * True when the straight segment from (x1, y1) to (x2, y2), in flow coordinates, passes
 * through the view widened by `margin` screen pixels (clipping the segment against the
 * rectangle, Liang–Barsky). A long wire whose ends are both off screen but which crosses it
 * is on screen; one that merely has its ends' bounding box overlapping the view is not.
 */
export function segmentOnScreen(x1: number, y1: number, x2: number, y2: number, v: View, margin = 40): boolean {
  const [tx, ty, z] = v.transform;
  const left = (-tx - margin) / z; const top = (-ty - margin) / z;
  const right = (v.width - tx + margin) / z; const bottom = (v.height - ty + margin) / z;
  const dx = x2 - x1; const dy = y2 - y1;
  let t0 = 0; let t1 = 1;
  const edges: [number, number][] = [[-dx, x1 - left], [dx, right - x1], [-dy, y1 - top], [dy, bottom - y1]];
  for (const [p, q] of edges) {
    if (p === 0) { if (q < 0) return false; continue; }
    const r = q / p;
    if (p < 0) { if (r > t1) return false; if (r > t0) t0 = r; } else { if (r < t0) return false; if (r < t1) t1 = r; }
  }
  return true;
}

/** How far a plug's label reaches along its wire (its offset plus its height) before a bend may come. */
const LABEL_CLEAR = 32;
/** How far from the far plug the horizontal run goes: the wires of one parent's children share it. */
const BUS = 12;

/**
 * Where a stepped wire from a plug labelled beside it (`plugLabel`) makes its horizontal run:
 * close to the far plug, so the run passes below every label at the near ends (its own and
 * its siblings', which sit at other heights when the children do), or half-way when the wire
 * is too short for that (undefined).
 */
export function plugStepCentreY(sourceY: number, targetY: number): number | undefined {
  const span = Math.abs(targetY - sourceY);
  if (span - BUS < LABEL_CLEAR) return undefined;
  return targetY - Math.sign(targetY - sourceY) * BUS;
}
