/**
 * Fitting the design to the visible canvas. The fitted view leaves room for what sits over the
 * canvas (the zoom controls at the bottom left, the notices in the bottom band), and it follows
 * the canvas's size while nobody has moved the view since: a panel opening after an import
 * (Diagnostics) shrinks the canvas, and the design is fitted again into what is left.
 */
/** Pixel padding per side, in the shape React Flow's fitView and getViewportForBounds take. */
export interface FitPadding { top: `${number}px`; right: `${number}px`; bottom: `${number}px`; left: `${number}px` }

/** Margin all round, as a share of the canvas's shorter side. */
const EDGE = 0.05;
/** The zoom controls' column at the left (React Flow's Controls, 15 px in, 26 px wide). */
const CONTROLS = 48;
/** Gap kept between the design and the notices above the canvas's bottom edge. */
const NOTICE_GAP = 8;

let fitted = false;

/** Whether the view is a fit that nobody has panned or zoomed since. */
export function viewIsFitted(): boolean { return fitted; }
export function setViewFitted(on: boolean): void { fitted = on; }

/** Per-side padding in pixels for a canvas of `width` × `height` holding notices `noticeHeight` tall. */
export function fitPadding(width: number, height: number, noticeHeight: number): FitPadding {
  const edge = Math.round(Math.min(width, height) * EDGE) + 6;
  const bottom = noticeHeight > 0 ? Math.max(edge, noticeHeight + NOTICE_GAP) : edge;
  return { top: `${edge}px`, right: `${edge}px`, left: `${Math.max(edge, CONTROLS)}px`, bottom: `${bottom}px` };
}

/** The padding for the canvas as the page lays it out now (its notices measured from the DOM). */
export function currentFitPadding(): FitPadding {
  const wrap = document.querySelector('.canvas-wrap')?.getBoundingClientRect();
  const notices = document.querySelector('.toasts')?.getBoundingClientRect();
  // the notices' top, measured from the canvas's bottom edge
  const noticeHeight = wrap && notices && notices.height > 0 ? wrap.bottom - notices.top : 0;
  return fitPadding(wrap?.width ?? 800, wrap?.height ?? 600, noticeHeight);
}

/** Options for React Flow's `fitView`: the current padding, and the view marked as fitted. */
export function fitOptions(duration?: number): { padding: FitPadding; duration?: number } {
  fitted = true;
  return { padding: currentFitPadding(), duration };
}
