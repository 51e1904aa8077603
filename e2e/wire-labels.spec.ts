/**
 * Wire labels sit beside their wire, not on it and not on each other, and a stacked veth
 * pair's wire goes round the boxes instead of through their names. Checked on the examples
 * at both sizes and in both themes, from the drawn SVG and label boxes.
 */
import { expect, test, type Page } from '@playwright/test';
import { closeTab, openExample, openIn, shot, VIEWS } from './classroom-views';

interface Rect { x: number; y: number; width: number; height: number }
const inside = (r: Rect, p: { x: number; y: number }) => p.x > r.x + 1 && p.x < r.x + r.width - 1 && p.y > r.y + 1 && p.y < r.y + r.height - 1;
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.width - 1 && b.x < a.x + a.width - 1 && a.y < b.y + b.height - 1 && b.y < a.y + a.height - 1;

/** Boxes of the names and addresses drawn on device and container nodes, in screen pixels. */
function nodeTexts(page: Page): Promise<{ text: string; rect: Rect }[]> {
  return page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.device-name, .device-addrs, .container-name')].flatMap((e) => {
    const r = e.getBoundingClientRect();
    return r.width && r.height ? [{ text: e.textContent ?? '', rect: { x: r.x, y: r.y, width: r.width, height: r.height } }] : [];
  }));
}

/** For every drawn wire: its label's box and points along its path, in screen pixels. */
async function wires(page: Page) {
  return page.evaluate(() => {
    const out: { id: string; label?: Rect; points: { x: number; y: number }[] }[] = [];
    document.querySelectorAll<SVGGElement>('.react-flow__edge').forEach((g, i) => {
      const path = g.querySelector<SVGPathElement>('path.react-flow__edge-path')!;
      const m = path.getScreenCTM()!;
      const len = path.getTotalLength();
      const points = Array.from({ length: 60 }, (_, k) => { const p = path.getPointAtLength((len * k) / 59); return { x: m.a * p.x + m.c * p.y + m.e, y: m.b * p.x + m.d * p.y + m.f }; });
      const id = g.getAttribute('data-id') ?? String(i);
      const r = document.querySelector<HTMLElement>(`.edge-label[data-edge="${CSS.escape(id)}"]`)?.getBoundingClientRect();
      out.push({ id, label: r && { x: r.x, y: r.y, width: r.width, height: r.height }, points });
    });
    return out;
  });
}

for (const view of VIEWS) {
  test.describe(view.name, () => {
    for (const id of ['00-two-namespaces-veth', '05-macvlan-vepa-vlan-hairpin-bridge', '09-veth-bridge-nat', '01-macvlan-bridge']) {
      test(`wire labels of ${id} sit beside their wires and apart from each other`, async ({ page }) => {
        const ui = await openIn(page, view);
        await openExample(page, ui, id);
        await closeTab(page, 'Examples');
        await page.keyboard.press('f');
        await page.waitForTimeout(400);
        // On the small screen the fitted view hides labels (below 45% zoom): zoom in with the control.
        for (let i = 0; i < 4 && await page.locator('.canvas-wrap.zoomed-out').count(); i++) {
          await page.locator('.react-flow__controls-zoomin').click();
          await page.waitForTimeout(250);
        }
        const zoomedOut = await page.locator('.canvas-wrap.zoomed-out').count();
        expect(zoomedOut).toBe(0);
        await shot(page, 'wire-labels', view, id);
        const all = await wires(page);
        expect(all.length).toBeGreaterThan(0);
        if (!zoomedOut) {
          for (const w of all) {
            if (!w.label) continue;
            const on = w.points.filter((p) => inside(w.label!, p));
            expect(on.length, `label of ${w.id} sits on its wire`).toBe(0);
          }
          const labels = all.filter((w) => w.label);
          // nor on another wire, nor on a device's or container's name or addresses
          for (const w of labels) {
            for (const o of all) {
              if (o.id === w.id) continue;
              expect(o.points.filter((p) => inside(w.label!, p)).length, `label of ${w.id} sits on wire ${o.id}`).toBe(0);
            }
            for (const t of await nodeTexts(page)) expect(overlap(w.label!, t.rect), `label of ${w.id} covers ${t.text}`).toBe(false);
          }
          for (let i = 0; i < labels.length; i++) {
            for (let j = i + 1; j < labels.length; j++) expect(overlap(labels[i].label!, labels[j].label!), `${labels[i].id} / ${labels[j].id}`).toBe(false);
          }
        }
      });
    }
  });
}
