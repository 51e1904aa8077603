/**
 * Measurements of the designer on generated designs of 100 and 1000 devices: how long a design
 * takes to be drawn (loaded in the running app, restored from the autosave on a cold page load,
 * opened from a share link), and the frame times while a person pans with the mouse, at the
 * fitted view and at zoom 1. The figures are printed, never asserted: timings depend on the machine.
 */
import { expect, test, type Page } from '@playwright/test';
import type { Design } from '../src/core/model/types';
import { shareHash } from '../src/core/share/share-link';
import { drawnNodeCount, generatedDesign } from './generated-design';

/** Above this many nodes the canvas mounts only the visible ones (canvas.tsx). */
const VIRTUALISE_ABOVE = 500;

/** In the page: true once every node is in React Flow and every mounted node has been measured. */
function drawn(total: number, virtualised: boolean): boolean {
  const api = window.__vnetlab;
  if (!api || api.getNodes().length !== total) return false;
  const els = document.querySelectorAll<HTMLElement>('.react-flow__node');
  if (els.length === 0 || (!virtualised && els.length !== total)) return false;
  for (const el of els) if (el.style.visibility === 'hidden') return false;
  return true;
}

/** Milliseconds from `loadDesign` until the design is drawn, plus one animation frame. */
async function loadInApp(page: Page, design: Design, total: number): Promise<number> {
  return page.evaluate(async ({ d, total, virtualised, check }) => {
    const isDrawn = new Function('total', 'virtualised', `return (${check})(total, virtualised)`) as (t: number, v: boolean) => boolean;
    const frame = () => new Promise<number>((r) => requestAnimationFrame(r));
    const t0 = performance.now();
    window.__vnetlab!.loadDesign(d);
    while (!isDrawn(total, virtualised)) {
      await frame();
      if (performance.now() - t0 > 60_000) throw new Error('design never drawn');
    }
    await frame();
    return performance.now() - t0;
  }, { d: design, total, virtualised: total > VIRTUALISE_ABOVE, check: drawn.toString() });
}

/** Milliseconds from the start of the page's navigation until the design is drawn. */
async function drawnSinceNavigation(page: Page, total: number): Promise<number> {
  const handle = await page.waitForFunction(({ total, virtualised, check }) => {
    const isDrawn = new Function('total', 'virtualised', `return (${check})(total, virtualised)`) as (t: number, v: boolean) => boolean;
    return isDrawn(total, virtualised) ? performance.now() : false;
  }, { total, virtualised: total > VIRTUALISE_ABOVE, check: drawn.toString() }, { polling: 'raf', timeout: 90_000 });
  return (await handle.jsonValue()) as number;
}

/** The canvas's zoom, read from React Flow's viewport transform. */
async function zoom(page: Page): Promise<number> {
  return page.evaluate(() => {
    const t = document.querySelector<HTMLElement>('.react-flow__viewport')!.style.transform;
    return Number(/scale\(([\d.e-]+)\)/.exec(t)?.[1] ?? 1);
  });
}

/** A point of bare canvas (no node, edge, minimap or controls), scanning from the top-left. */
async function emptyPanePoint(page: Page): Promise<{ x: number; y: number } | undefined> {
  return page.evaluate(() => {
    const r = document.querySelector('.canvas-wrap')!.getBoundingClientRect();
    for (let y = r.top + 8; y < r.bottom - 8; y += 16) {
      for (let x = r.left + 8; x < r.right - 8; x += 16) {
        const el = document.elementFromPoint(x, y);
        if (!el || !el.closest('.react-flow')) continue;
        if (el.closest('.react-flow__node, .react-flow__edge, .react-flow__minimap, .react-flow__controls, .react-flow__panel')) continue;
        return { x, y };
      }
    }
    return undefined;
  });
}

interface PanFigures { mean: number; p95: number; worst: number; frames: number; mounted: number; how: string }

/**
 * Drags the canvas in 60 small moves and returns the animation-frame intervals meanwhile.
 * A person presses on bare canvas; when the design covers all of it (a big design cannot be
 * zoomed out further than 0.2), the middle button pans from anywhere, nodes included.
 */
async function pan(page: Page): Promise<PanFigures> {
  const bare = await emptyPanePoint(page);
  const box = (await page.locator('.canvas-wrap').boundingBox())!;
  const at = bare ?? { x: box.x + box.width / 3, y: box.y + box.height / 3 };
  const button = bare ? 'left' : 'middle';
  await page.mouse.move(at.x, at.y);
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean };
    w.__frames = [];
    w.__recording = true;
    const tick = (t: number) => { w.__frames.push(t); if (w.__recording) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  });
  await page.mouse.down({ button });
  for (let i = 1; i <= 60; i++) await page.mouse.move(at.x + i * 4, at.y + i * 3);
  await page.mouse.up({ button });
  const times = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean };
    w.__recording = false;
    return w.__frames;
  });
  const gaps = times.slice(1).map((t, i) => t - times[i]).sort((a, b) => a - b);
  const mounted = await page.locator('.react-flow__node').count();
  const how = bare ? 'left drag on bare canvas' : 'middle drag';
  if (gaps.length === 0) return { mean: NaN, p95: NaN, worst: NaN, frames: 0, mounted, how };
  return {
    mean: gaps.reduce((a, b) => a + b, 0) / gaps.length,
    p95: gaps[Math.min(gaps.length - 1, Math.floor(gaps.length * 0.95))],
    worst: gaps[gaps.length - 1],
    frames: gaps.length,
    mounted,
    how,
  };
}

/** Zooms with the mouse wheel at the canvas's centre until the zoom is 1. */
async function wheelToZoomOne(page: Page): Promise<number> {
  const box = (await page.locator('.canvas-wrap').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let i = 0; i < 10; i++) {
    const z = await zoom(page);
    if (Math.abs(z - 1) < 0.01) break;
    // d3-zoom scales by 2^(-deltaY × 0.002) per pixel-mode wheel event
    await page.mouse.wheel(0, Math.log2(z) / 0.002);
    await page.waitForTimeout(150);
  }
  return zoom(page);
}

const ms = (n: number) => `${n.toFixed(0)} ms`;
const frames = (p: PanFigures) => `mean ${p.mean.toFixed(1)} ms p95 ${p.p95.toFixed(1)} ms worst ${p.worst.toFixed(1)} ms over ${p.frames} frames, ${p.how} (${p.mounted} mounted)`;

/** Pan figures by size, kept across this file's tests (one worker runs them in order). */
const panned = new Map<number, { fit: PanFigures; one: PanFigures }>();

for (const size of [100, 1000]) {
  test(`perf: a generated design of ${size} devices loads and pans (figures printed)`, async ({ page }) => {
    test.setTimeout(240_000);
    const design = generatedDesign(size);
    const total = drawnNodeCount(design);
    const devices = design.hosts.flatMap((h) => h.devices).filter((d) => d.kind !== 'loopback').length;
    expect(devices).toBeGreaterThanOrEqual(size - 4);

    await page.goto('/?testapi');
    await expect(page.locator('.react-flow')).toBeVisible();
    const load = await loadInApp(page, design, total);
    await page.waitForTimeout(400); // the fit-view after loading

    const fitZoom = await zoom(page);
    await page.locator('.app-canvas').screenshot({ path: `/tmp/perf-${size}.png` });
    const fit = await pan(page);
    await page.keyboard.press('f');
    await page.waitForTimeout(400);
    const oneZoom = await wheelToZoomOne(page);
    const atOne = await pan(page);

    // Cold page loads: the autosaved design restored, then the same design opened from a link.
    await page.waitForTimeout(1500); // the autosave delay, and time to write
    await page.reload({ waitUntil: 'commit' });
    const coldAutosave = await drawnSinceNavigation(page, total);
    const hash = shareHash(design);
    await page.goto('about:blank');
    await page.goto(`/?testapi${hash}`, { waitUntil: 'commit' });
    const coldLink = await drawnSinceNavigation(page, total);

    console.log(`perf: ${size} devices (${total} nodes): load ${ms(load)}; cold autosave ${ms(coldAutosave)}; `
      + `cold share link (${hash.length} chars) ${ms(coldLink)}; `
      + `pan fit (zoom ${fitZoom.toFixed(2)}) ${frames(fit)}; `
      + `pan at zoom ${oneZoom.toFixed(2)} ${frames(atOne)}`);
    panned.set(size, { fit, one: atOne });
    const small = panned.get(100);
    if (size !== 100 && small) {
      console.log(`perf: ${size} against 100 devices, mean pan frame: fit ${(fit.mean / small.fit.mean).toFixed(2)}×, zoom 1 ${(atOne.mean / small.one.mean).toFixed(2)}× (same run)`);
    }
  });
}
