/**
 * Big designs: 60 namespaces × 10 devices (about 670 nodes). Measures the load time and
 * checks that only visible nodes are mounted above the virtualisation threshold.
 */
import { expect, test } from '@playwright/test';
import { addDevice, addMachine, addNamespaceTo } from '../src/core/model/edit/add';
import { emptyDesign, IdAllocator } from '../src/core/model/design';
import type { EditResult } from '../src/core/model/edit/result';
import type { Design } from '../src/core/model/types';

function bigDesign(namespaces: number, perNs: number): Design {
  const step = (d: Design, f: (d: Design, ids: IdAllocator) => EditResult) => {
    const r = f(d, new IdAllocator(d));
    if (!r.ok) throw new Error(r.reason);
    return r.design;
  };
  let d = step(emptyDesign(), (x, ids) => addMachine(x, 'host', { x: 0, y: 0 }, ids));
  const hostId = d.hosts[0].id;
  for (let i = 0; i < namespaces; i++) {
    d = step(d, (x, ids) => addNamespaceTo(x, hostId, { x: 24 + (i % 8) * 420, y: 50 + Math.floor(i / 8) * 460 }, ids));
    const ns = d.hosts[0].namespaces.at(-1)!.id;
    for (let j = 0; j < perNs; j++) d = step(d, (x, ids) => addDevice(x, 'dummy', ns, { x: 12 + (j % 2) * 190, y: 44 + Math.floor(j / 2) * 80 }, ids));
  }
  return d;
}

test('a design of about 670 nodes loads, virtualises and stays editable', async ({ page }) => {
  const design = bigDesign(60, 10);
  await page.goto('/?testapi');
  await expect(page.locator('.react-flow')).toBeVisible();
  const ms = await page.evaluate(async (d) => {
    const t0 = performance.now();
    window.__vnetlab!.loadDesign(d);
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    await new Promise((r) => setTimeout(r, 120));
    await new Promise((r) => requestAnimationFrame(r));
    return performance.now() - t0;
  }, design);
  const total = await page.evaluate(() => window.__vnetlab!.getNodes().length);
  // Zoom in with the wheel, like a person looking at one corner: off-screen nodes unmount.
  const box = (await page.locator('.canvas-wrap').boundingBox())!;
  await page.mouse.move(box.x + 150, box.y + 150);
  for (let i = 0; i < 12; i++) await page.mouse.wheel(0, -200);
  await page.waitForTimeout(300);
  const mounted = await page.locator('.react-flow__node').count();
  console.log(`scale: ${total} nodes, ${mounted} mounted, load+fit ${ms.toFixed(0)} ms`);
  expect(total).toBe(1 + 60 + 600);
  expect(mounted).toBeLessThan(total);
  expect(ms).toBeLessThan(5000);
  // Selecting an off-screen object from elsewhere (as the Diagnostics panel does) brings it into view.
  const last = design.hosts[0].devices.at(-1)!.id;
  await page.evaluate((id) => window.__vnetlab!.select([id]), last);
  await expect(page.locator(`.react-flow__node[data-id="${last}"]`)).toBeInViewport();
  // Still editable: select a visible device and rename it through the inspector.
  const first = page.locator('.react-flow__node-device').first();
  await first.click();
  const name = page.locator('.app-inspector').getByLabel('Name', { exact: true });
  await name.fill('renamed0');
  await name.press('Enter');
  await expect(page.getByTestId('device-renamed0')).toBeVisible();
});
