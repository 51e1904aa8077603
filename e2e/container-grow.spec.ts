/**
 * A machine's box follows the drag: a namespace or a root-namespace device dragged past the
 * host's edge grows the host while the mouse is still down (and with arrow keys), and the box
 * keeps that size after the drop instead of jumping. A device dragged towards its namespace's
 * edge grows the namespace the same way, and still leaves it when dragged into another one.
 */
import { expect, test, type Page } from '@playwright/test';
import { closeTab, openExample, openIn, shot, VIEWS } from './classroom-views';

const box = async (page: Page, testId: string) => (await page.getByTestId(testId).boundingBox())!;

/** True when `inner` lies wholly inside `outer` (1 px slack for borders). */
function inside(inner: { x: number; y: number; width: number; height: number }, outer: typeof inner): boolean {
  return inner.x >= outer.x - 1 && inner.y >= outer.y - 1
    && inner.x + inner.width <= outer.x + outer.width + 1 && inner.y + inner.height <= outer.y + outer.height + 1;
}

for (const view of VIEWS) {
  test.describe(view.name, () => {
    test('dragging a namespace past its host grows the host during the drag, and it stays grown', async ({ page }) => {
      const ui = await openIn(page, view);
      await openExample(page, ui, '00-two-namespaces-veth');
      await closeTab(page, 'Examples');
      // zoom out twice so there is canvas to the right of the host (no auto-pan at the edge)
      for (let i = 0; i < 2; i++) await page.getByRole('button', { name: 'Zoom Out' }).click();
      const hostAt = async () => { const d = await ui.design(); return d.layout.positions[d.hosts[0].id]; };
      const hostPos0 = await hostAt();
      const host0 = await box(page, 'host-host');
      const ns = await box(page, 'netns-ns2');
      // grab the namespace by its title bar and pull it past the host's right and bottom edges
      const m = page.mouse;
      const grab = { x: ns.x + 40, y: ns.y + 10 };
      // first to where the namespace's right edge meets the host's, then 5 steps of 30 px past it
      const toEdge = host0.x + host0.width - (ns.x + ns.width);
      await m.move(grab.x, grab.y);
      await m.down();
      await m.move(grab.x + toEdge / 2, grab.y, { steps: 4 });
      await m.move(grab.x + toEdge, grab.y, { steps: 4 });
      const widths: number[] = [];
      for (let i = 1; i <= 5; i++) {
        await m.move(grab.x + toEdge + 30 * i, grab.y + 6 * i, { steps: 2 });
        widths.push((await box(page, 'host-host')).width);
      }
      const during = await box(page, 'host-host');
      expect(during.width).toBeGreaterThan(host0.width + 100);
      // it grew step by step with the mouse, not all at once
      // (the first step may stay within the host's padding)
      for (let i = 1; i < widths.length; i++) expect(widths[i]).toBeGreaterThanOrEqual(widths[i - 1]);
      expect(new Set(widths).size).toBeGreaterThanOrEqual(3);
      expect(inside(await box(page, 'netns-ns2'), during)).toBe(true);
      await shot(page, 'container-grow', view, 'during-drag');
      await m.up();
      await expect.poll(async () => (await ui.design()).layout.positions[(await ui.design()).hosts[0].namespaces.find((n) => n.name === 'ns2')!.id]?.x ?? 0).toBeGreaterThan(0);
      const after = await box(page, 'host-host');
      expect(after.width).toBeGreaterThanOrEqual(during.width - 1);
      expect(await hostAt()).toEqual(hostPos0);
      expect(inside(await box(page, 'netns-ns2'), after)).toBe(true);
      await shot(page, 'container-grow', view, 'after-drop');

      // the keyboard: a selected namespace nudged right with the arrow keys grows the host too
      await ui.select('netns-ns1');
      for (let i = 0; i < 40; i++) await page.keyboard.press('Shift+ArrowRight');
      await expect.poll(async () => inside(await box(page, 'netns-ns1'), await box(page, 'host-host'))).toBe(true);
      expect((await box(page, 'netns-ns1')).x).toBeGreaterThan(ns.x);
    });

    test('dragging a device towards its namespace\'s edge grows the namespace during the drag; dragged further it leaves', async ({ page }) => {
      const ui = await openIn(page, view);
      await openExample(page, ui, '00-two-namespaces-veth');
      await closeTab(page, 'Examples');
      for (let i = 0; i < 2; i++) await page.getByRole('button', { name: 'Zoom Out' }).click();
      const nsOf = async (name: string) => {
        const d = await ui.design();
        const dev = d.hosts.flatMap((h) => h.devices).find((x) => x.name === name && d.hosts[0].namespaces.find((n) => n.id === x.ns)?.name === 'ns1');
        return dev?.id;
      };
      const vethId = await nsOf('veth0') ?? await nsOf('eth0');
      expect(vethId).toBeTruthy();
      const devBox = async () => (await page.locator(`.react-flow__node[data-id="${vethId}"]`).boundingBox())!;
      const ns0 = await box(page, 'netns-ns1');
      const dev = await devBox();
      const m = page.mouse;
      const grab = { x: dev.x + dev.width / 2, y: dev.y + 12 };
      // towards the right and bottom edges, then in steps past them (short of the device's
      // centre crossing the edge, where the device would leave the namespace)
      const toEdge = { x: ns0.x + ns0.width - (dev.x + dev.width), y: ns0.y + ns0.height - (dev.y + dev.height) };
      await m.move(grab.x, grab.y);
      await m.down();
      await m.move(grab.x + toEdge.x, grab.y + toEdge.y, { steps: 6 });
      const sizes: { width: number; height: number }[] = [];
      for (let i = 1; i <= 5; i++) {
        await m.move(grab.x + toEdge.x + (dev.width / 12) * i, grab.y + toEdge.y + (dev.height / 12) * i, { steps: 2 });
        sizes.push(await box(page, 'netns-ns1'));
      }
      for (let i = 1; i < sizes.length; i++) expect(sizes[i].width).toBeGreaterThanOrEqual(sizes[i - 1].width);
      expect(new Set(sizes.map((s) => Math.round(s.width))).size).toBeGreaterThanOrEqual(3);
      const during = await box(page, 'netns-ns1');
      expect(during.width).toBeGreaterThan(ns0.width + dev.width * 0.3);
      expect(during.height).toBeGreaterThan(ns0.height + dev.height * 0.3);
      expect(inside(await devBox(), during)).toBe(true);
      expect(inside(during, await box(page, 'host-host'))).toBe(true);
      await shot(page, 'namespace-grow', view, 'during-drag');
      await m.up();
      // dropped inside: still in ns1, and the namespace keeps the size it had during the drag
      await expect.poll(async () => inside(await devBox(), await box(page, 'netns-ns1'))).toBe(true);
      const after = await box(page, 'netns-ns1');
      expect(Math.abs(after.width - during.width)).toBeLessThanOrEqual(2);
      expect(Math.abs(after.height - during.height)).toBeLessThanOrEqual(2);
      const d = await ui.design();
      expect(d.hosts[0].devices.find((x) => x.id === vethId)!.ns).toBe(d.hosts[0].namespaces.find((n) => n.name === 'ns1')!.id);
      await page.keyboard.press('Control+z');

      // dragged on into ns2, ns1 lets go of it (its own size again) and the drop moves it there
      const dev2 = await devBox();
      const ns2 = await box(page, 'netns-ns2');
      const start = { x: dev2.x + dev2.width / 2, y: dev2.y + 12 };
      await m.move(start.x, start.y);
      await m.down();
      await m.move(ns2.x + ns2.width / 2, ns2.y + ns2.height / 2, { steps: 10 });
      expect((await box(page, 'netns-ns1')).width).toBeLessThanOrEqual(ns0.width + 1);
      await m.up();
      await expect.poll(async () => {
        const x = await ui.design();
        return x.hosts[0].namespaces.find((n) => n.id === x.hosts[0].devices.find((v) => v.id === vethId)!.ns)?.name;
      }).toBe('ns2');
    });
  });
}
