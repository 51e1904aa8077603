/**
 * Tidy and the inspector's wire dropdowns, with the mouse: devices dropped on each other
 * land in free space; the lower device, bridge, peer and LAN dropdowns wire like the canvas
 * and show the kernel's refusal; Tidy lays a messy design out as one undo step.
 */
import { expect, test, type Page } from '@playwright/test';
import { openExample, openIn, shot, VIEWS, closeTab } from './classroom-views';

interface Box { id: string; parent?: string; x: number; y: number; width: number; height: number }
async function boxes(page: Page): Promise<Box[]> {
  return page.evaluate(() => window.__vnetlab!.getNodes().map((n) => {
    const r = document.querySelector(`.react-flow__node[data-id="${CSS.escape(n.id)}"]`)!.getBoundingClientRect();
    return { id: n.id, parent: n.parentId, x: r.x, y: r.y, width: r.width, height: r.height };
  }));
}
const overlaps = (a: Box, b: Box) => a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;
async function noOverlap(page: Page): Promise<void> {
  const all = await boxes(page);
  for (let i = 0; i < all.length; i++) {
    for (let j = i + 1; j < all.length; j++) {
      if (all[i].parent === all[j].parent) expect(overlaps(all[i], all[j]), `${all[i].id} overlaps ${all[j].id}`).toBe(false);
    }
  }
}

for (const view of VIEWS) {
  test.describe(view.name, () => {
    test('drops land in free space, and the inspector wires lower device, bridge, peer and LAN', async ({ page }) => {
      const ui = await openIn(page, view);
      await ui.dropFromPalette('physical', 200, 150);
      await expect(ui.node('device-eth0')).toBeVisible();
      // Three more devices dropped right on eth0: none lands on another.
      await ui.dropOnto('macvlan', ui.node('device-eth0'));
      await ui.dropOnto('bridge', ui.node('device-eth0'));
      await ui.dropOnto('veth', ui.node('device-eth0'));
      await expect(ui.node('device-veth1')).toBeVisible();
      await noOverlap(page);
      await ui.dropFromPalette('lan', 300, 40);

      const dev = async (name: string) => (await ui.design()).hosts[0].devices.find((d) => d.name === name)!;
      await ui.node('device-macvlan0').click({ position: { x: 90, y: 45 } });
      await ui.inspector.getByTestId('relation-parent').selectOption({ label: 'eth0 (host)' });
      await expect.poll(async () => { const m = await dev('macvlan0'); return 'parent' in m ? m.parent : ''; }).toBe((await dev('eth0')).id);
      await ui.node('device-veth0').click({ position: { x: 90, y: 45 } });
      await ui.inspector.getByTestId('relation-master').selectOption({ label: 'br0 (host)' });
      await expect.poll(async () => (await dev('veth0')).master).toBe((await dev('br0')).id);
      // A veth's peer is made with it: the dropdown shows it (there is no other to choose).
      await expect(ui.inspector.getByTestId('relation-peer')).toHaveValue((await dev('veth1')).id);
      await ui.node('device-veth1').click({ position: { x: 90, y: 45 } });
      await ui.inspector.getByTestId('relation-master').selectOption({ label: 'br0 (host)' });
      await expect.poll(async () => (await dev('veth1')).master).toBe((await dev('br0')).id);
      await ui.inspector.getByTestId('relation-master').selectOption({ label: '(no master)' });
      await expect.poll(async () => (await dev('veth1')).master).toBeUndefined();
      await ui.node('device-eth0').click({ position: { x: 90, y: 45 } });
      await ui.inspector.getByTestId('relation-lan').selectOption({ index: 1 });
      await expect.poll(async () => { const e = await dev('eth0'); return e.kind === 'physical' ? e.lan : undefined; }).toBe((await ui.design()).lans[0].id);
      // A refusal: macvlan0 sits on eth0, so eth0 already has a receive handler and cannot
      // also be a bridge port (EBUSY); the dropdown marks the choice and shows the reason.
      await ui.inspector.getByTestId('relation-master').selectOption({ label: 'br0 (host) (refused)' });
      await expect(ui.inspector.getByRole('alert')).toBeVisible();
      await expect.poll(async () => (await dev('eth0')).master).toBeUndefined();
      await shot(page, 'wires-inspector', view, 'refused');
    });

    test('Tidy lays out any design as one undo step', async ({ page }) => {
      const ui = await openIn(page, view);
      await openExample(page, ui, '09-veth-bridge-nat');
      await closeTab(page, 'Examples');
      // Mess it up: drag two devices onto each other.
      await ui.dragBy('device-v1', 200, 60);
      await ui.dragBy('device-br0', -120, 40);
      const messy = (await ui.design()).layout.positions;
      await page.getByTestId('tidy').click();
      await expect.poll(async () => JSON.stringify((await ui.design()).layout.positions)).not.toBe(JSON.stringify(messy));
      await page.waitForTimeout(400);
      await noOverlap(page);
      await shot(page, 'tidy', view, 'after');
      await ui.clickEmpty();
      await page.keyboard.press('Control+z');
      await expect.poll(async () => JSON.stringify((await ui.design()).layout.positions)).toBe(JSON.stringify(messy));
    });
  });
}
