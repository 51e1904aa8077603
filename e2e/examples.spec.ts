/**
 * Every example of the gallery opens through the importer with an automatic layout: each
 * device of the design is drawn, and no two nodes of one container overlap on screen.
 * A screenshot of each is written to /tmp for review.
 */
import { readdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { DesignerPage } from './designer-page';

const ids = readdirSync(new URL('../fixtures/examples/', import.meta.url)).filter((f) => f.endsWith('.sh')).map((f) => f.replace(/\.sh$/, '')).sort();

interface Box { id: string; parent?: string; x: number; y: number; width: number; height: number }

/** On-screen boxes of every node, with its React Flow parent. */
async function boxes(page: Page): Promise<Box[]> {
  return page.evaluate(() => window.__vnetlab!.getNodes().map((n) => {
    const r = document.querySelector(`.react-flow__node[data-id="${CSS.escape(n.id)}"]`)!.getBoundingClientRect();
    return { id: n.id, parent: n.parentId, x: r.x, y: r.y, width: r.width, height: r.height };
  }));
}

const overlaps = (a: Box, b: Box) => a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;

test('the gallery lists every example with a title and an explanation', async ({ page }) => {
  const ui = new DesignerPage(page);
  await ui.open();
  await page.getByRole('tab', { name: 'Examples' }).click();
  for (const id of ids) {
    const card = page.getByTestId(`example-${id}`);
    await expect(card.locator('h3')).not.toBeEmpty();
    expect((await card.locator('p').textContent())!.length).toBeGreaterThan(80);
  }
});

for (const id of ids) {
  test(`example ${id} opens laid out with every device drawn and nothing overlapping`, async ({ page }) => {
    const ui = new DesignerPage(page);
    await ui.open();
    await page.getByRole('tab', { name: 'Examples' }).click();
    await page.getByTestId(`open-example-${id}`).click();
    await expect.poll(async () => (await ui.design()).hosts.length).toBeGreaterThan(0);
    const design = await ui.design();
    const devices = design.hosts.flatMap((h) => h.devices).filter((d) => d.kind !== 'loopback');
    expect(devices.length).toBeGreaterThan(0);
    for (const d of devices) await expect(page.locator(`.react-flow__node[data-id="${d.id}"]`).getByTestId(`device-${d.name}`)).toBeVisible();
    await page.waitForTimeout(300); // the fit-view after loading
    const all = await boxes(page);
    for (let i = 0; i < all.length; i++) {
      for (let j = i + 1; j < all.length; j++) {
        if (all[i].parent === all[j].parent) expect(overlaps(all[i], all[j]), `${all[i].id} overlaps ${all[j].id}`).toBe(false);
      }
    }
    // close the tab so the canvas has the room, then picture it
    await page.getByRole('tab', { name: 'Examples' }).click();
    await page.keyboard.press('f');
    await page.waitForTimeout(400);
    await page.locator('.app-canvas').screenshot({ path: `/tmp/example-${id}.png` });
  });
}

test('an example exports as SVG and PNG pictures of the diagram', async ({ page }) => {
  const ui = new DesignerPage(page);
  await ui.open();
  await page.getByRole('tab', { name: 'Examples' }).click();
  await page.getByTestId('open-example-01-macvlan-bridge').click();
  await expect(ui.node('device-mac3')).toBeVisible();
  const svgDownload = page.waitForEvent('download');
  await page.getByTestId('export-svg').click();
  const svg = await svgDownload;
  expect(svg.suggestedFilename()).toMatch(/\.svg$/);
  await svg.saveAs('/tmp/example-export.svg');
  const { readFileSync } = await import('node:fs');
  const text = readFileSync('/tmp/example-export.svg', 'utf8');
  expect(text).toContain('<foreignObject');
  expect(text).toContain('mac3');
  const pngDownload = page.waitForEvent('download');
  await page.getByTestId('export-png').click();
  const png = await pngDownload;
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  await png.saveAs('/tmp/example-export.png');
  const bytes = readFileSync('/tmp/example-export.png');
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
  expect(bytes.readUInt32BE(16)).toBeGreaterThan(400); // width in pixels
});

test('the Diagnostics tab lists the example’s warnings live and selects their object on click', async ({ page }) => {
  const ui = new DesignerPage(page);
  await ui.open();
  await page.getByRole('tab', { name: 'Examples' }).click();
  await page.getByTestId('open-example-10-tap-bridge').click();
  await expect(ui.node('device-tap0')).toBeVisible();
  const badge = page.getByTestId('diagnostics-badge');
  await expect(badge).toContainText('⚠ 1');
  await badge.click();
  const row = page.getByTestId('diagnostic').filter({ hasText: 'tap0' }).first();
  await expect(row).toContainText('no process');
  await row.click();
  const tap = (await ui.design()).hosts[0].devices.find((d) => d.name === 'tap0')!;
  await expect.poll(() => page.evaluate(() => window.__vnetlab!.getSelection())).toEqual([tap.id]);
  // mark the tap as attached (a process holds it): the warning goes away
  await page.evaluate((id) => {
    const d = window.__vnetlab!.getDesign();
    window.__vnetlab!.loadDesign({ ...d, hosts: d.hosts.map((h) => ({ ...h, devices: h.devices.map((x) => (x.id === id ? { ...x, attached: true } : x)) })) });
  }, tap.id);
  await expect(badge).toContainText('⚠ 0');
  await expect(page.getByTestId('diagnostic').filter({ hasText: 'no process' })).toHaveCount(0);
});
