import { describe, expect, it } from 'vitest';
import { midLabel, plugLabel, plugStepCentreY, segmentOnScreen, stackedPeerPath } from './edge-route';

describe('wire routes and labels', () => {
  it('puts labels beside their wire: right of vertical runs, above horizontal ones', () => {
    expect(plugLabel(100, 200, false)).toEqual({ x: 100, y: 214, anchor: 'translate(6px, -50%)' });
    expect(plugLabel(100, 200, true).y).toBe(186);
    expect(midLabel({ x: 100, y: 0 }, { x: 105, y: 400 }, 102, 300).anchor).toBe('translate(6px, -50%)');
    expect(midLabel({ x: 100, y: 300 }, { x: 400, y: 310 }, 250, 300).anchor).toMatch(/-100%/);
    // a veth curve rising to the right leaves its lower-right side empty, a falling one its upper-right
    expect(midLabel({ x: 100, y: 400 }, { x: 300, y: 200 }, 200, 300, true).anchor).toBe('translate(8px, 4px)');
    expect(midLabel({ x: 100, y: 200 }, { x: 300, y: 400 }, 200, 300, true).anchor).toMatch(/-100%/);
  });

  it('draws a stacked veth pair as a bracket right of both boxes, ending at the lower box\'s right side', () => {
    // source: right socket of the upper box at x=276; target: left socket of the lower box at x=100 (width 176)
    const r = stackedPeerPath(276, 100, 100, 300, 176)!;
    expect(r.path.startsWith('M 276 100')).toBe(true);
    expect(r.path.endsWith('L 276 300')).toBe(true);
    const xs = [...r.path.matchAll(/[LQM] (-?\d+(?:\.\d+)?)/g)].map((m) => Number(m[1]));
    expect(Math.max(...xs)).toBe(304);
    // beside the run, just above its lower end: clear of wires crossing between the two rows
    expect(r.label).toEqual({ x: 304, y: 284, anchor: 'translate(6px, -50%)' });
    // a short run keeps the label at its middle
    expect(stackedPeerPath(276, 100, 100, 140, 176)!.label.y).toBe(120);
    // Ends facing each other keep the curve.
    expect(stackedPeerPath(276, 100, 400, 100, 176)).toBeUndefined();
  });
});

describe('which wires a large design draws', () => {
  // a 1000 × 800 pane at zoom 1, scrolled so flow (0, 0) is the top-left corner
  const view = { transform: [0, 0, 1] as const, width: 1000, height: 800 };
  it('draws a wire with an end on screen, or crossing the screen with both ends off it', () => {
    expect(segmentOnScreen(500, 400, 5000, 5000, view)).toBe(true);
    expect(segmentOnScreen(-3000, 400, 4000, 400, view)).toBe(true);
  });
  it('leaves out a wire beside the screen even when its ends\' box covers the screen', () => {
    // from far below-left to far above-right, passing outside the top-left corner
    expect(segmentOnScreen(-3000, 100, 100, -3000, view)).toBe(false);
    expect(segmentOnScreen(2000, 0, 2000, 900, view)).toBe(false);
  });
  it('follows pan and zoom', () => {
    expect(segmentOnScreen(2000, 100, 2100, 100, { ...view, transform: [-1500, 0, 1] })).toBe(true);
    expect(segmentOnScreen(2000, 100, 2100, 100, { ...view, transform: [0, 0, 0.5] })).toBe(true);
    expect(segmentOnScreen(2000, 100, 2100, 100, { ...view, transform: [0, 0, 0.4] })).toBe(true);
    expect(segmentOnScreen(3000, 100, 3100, 100, { ...view, transform: [0, 0, 0.2] })).toBe(true);
    expect(segmentOnScreen(12000, 100, 12100, 100, { ...view, transform: [0, 0, 0.1] })).toBe(false);
  });
});

describe('plugStepCentreY', () => {
  it('runs the wire close to the far plug, downwards and upwards', () => {
    expect(plugStepCentreY(0, 100)).toBe(88);
    expect(plugStepCentreY(50, 0)).toBe(12);
  });
  it('keeps the bend half-way on a wire too short for its label', () => {
    expect(plugStepCentreY(0, 30)).toBeUndefined();
  });
});
