/**
 * Drawing the host you have: a host snapshot (the one-line collector's dump, taken in a
 * sandbox with a named namespace and a process's unnamed one) pasted into the Import dialog.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { DesignerPage } from './designer-page';

const DUMP = readFileSync(new URL('../fixtures/snapshots/sandbox-host.dump.txt', import.meta.url), 'utf8');

for (const size of [{ width: 1024, height: 768 }, { width: 1440, height: 900 }]) {
  test(`a pasted snapshot draws the host, the process's namespace as a namespace (${size.width}x${size.height})`, async ({ page }) => {
    await page.setViewportSize(size);
    const ui = new DesignerPage(page);
    await ui.open();
    await page.getByTestId('import-script').click();
    await expect(page.getByTestId('snapshot-command')).toBeAttached();
    await page.getByTestId('import-text').fill(DUMP);
    await page.getByTestId('import-run').click();
    await expect(ui.node('netns-a')).toBeVisible();
    await expect(ui.node('netns-sleep-20')).toBeVisible();
    await expect(ui.node('device-br0')).toBeVisible();
    await expect(ui.node('device-mv0')).toBeVisible();
    await expect(page.getByTestId('import-findings')).toContainText('table 10');
    await page.screenshot({ path: `/tmp/h15-import-snapshot-${size.width}.png` });
    await page.getByRole('button', { name: 'Close' }).click();
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    await page.screenshot({ path: `/tmp/h15-import-snapshot-drawn-${size.width}.png` });
  });
}
