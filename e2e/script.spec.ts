/**
 * The Script tab: the exported script follows the design live, and selection is
 * cross-highlighted both ways (canvas → lines, line → canvas).
 */
import { expect, test } from '@playwright/test';
import { DesignerPage } from './designer-page';
import type { Design } from '../src/core/model/types';

function deviceId(d: Design, name: string): string {
  return d.hosts.flatMap((h) => h.devices).find((x) => x.name === name)!.id;
}

test.beforeEach(async ({ page }) => {
  const ui = new DesignerPage(page);
  await ui.open();
  await page.getByRole('tab', { name: 'Examples' }).click();
  await page.getByTestId('open-example-01-macvlan-bridge').click();
  await expect(ui.node('device-mac3')).toBeVisible();
  await page.getByRole('tab', { name: 'Script' }).click();
  await expect(page.getByTestId('script-view')).toContainText('mac1');
});

test('shows setup, teardown and sandbox scripts and follows edits live', async ({ page }) => {
  const ui = new DesignerPage(page);
  const view = page.getByTestId('script-view');
  await expect(view).toContainText('macvlan');
  await page.getByTestId('script-mode-teardown').click();
  await expect(view).toContainText('del');
  await page.getByTestId('script-mode-sandbox').click();
  await expect(view).toContainText('netns');
  await page.getByTestId('script-mode-setup').click();
  // rename mac3 in the inspector: the script follows
  await ui.select('device-mac3');
  await ui.rename('helper0');
  await expect(view).toContainText('helper0');
  await expect(view).not.toContainText('mac3');
});

test('selecting a device on the canvas lights up its lines and scrolls them into view', async ({ page }) => {
  const ui = new DesignerPage(page);
  await ui.select('device-mac2');
  const lit = page.locator('.script-line[data-lit]');
  await expect(lit.first()).toBeVisible();
  const texts = await lit.allTextContents();
  expect(texts.length).toBeGreaterThan(0);
  for (const t of texts) expect(t).toContain('mac2');
  await expect(lit.first()).toBeInViewport();
});

test('clicking a script line selects its object on the canvas', async ({ page }) => {
  const ui = new DesignerPage(page);
  const design = await ui.design();
  const line = page.locator('.script-line.clickable', { hasText: "addr add '192.168.0.200/24'" }).first();
  await line.click();
  await expect.poll(() => page.evaluate(() => window.__vnetlab!.getSelection())).toContain(deviceId(design, 'mac2'));
  await expect(page.locator(`.react-flow__node[data-id="${deviceId(design, 'mac2')}"]`)).toHaveClass(/selected/);
});
