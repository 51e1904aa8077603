/**
 * Work survives: autosave to IndexedDB and restore on reload; an unreadable autosave is kept
 * aside and reported instead of a blank page; Open/Save of `.json` files; script import by paste.
 */
import { expect, test, type Page } from '@playwright/test';
import { DesignerPage } from './designer-page';

/** Writes `value` as the autosaved record, bypassing the app. */
async function writeAutosave(page: Page, value: unknown): Promise<void> {
  await page.evaluate((v) => new Promise<void>((resolve, reject) => {
    const req = indexedDB.open('vnetlab');
    req.onupgradeneeded = () => req.result.createObjectStore('designs');
    req.onsuccess = () => {
      const tx = req.result.transaction('designs', 'readwrite');
      tx.objectStore('designs').put(v, 'current');
      tx.oncomplete = () => { req.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
    req.onerror = () => reject(req.error);
  }), value);
}

async function autosaveKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => new Promise<string[]>((resolve) => {
    const req = indexedDB.open('vnetlab');
    req.onsuccess = () => {
      const r = req.result.transaction('designs').objectStore('designs').getAllKeys();
      r.onsuccess = () => { req.result.close(); resolve(r.result.map(String)); };
    };
  }));
}

test('a reload keeps the work', async ({ page }) => {
  const ui = new DesignerPage(page);
  await ui.open();
  await page.getByTestId('import-script').click();
  await page.getByTestId('import-text').fill('ip link add br0 type bridge\nip tuntap add dev tap0 mode tap\nip link set tap0 master br0\n');
  await page.getByTestId('import-run').click();
  await expect(ui.node('device-tap0')).toBeVisible();
  await ui.select('device-br0');
  await ui.rename('br-lab');
  await expect(ui.node('device-br-lab')).toBeVisible();
  const before = await ui.design();
  await page.waitForTimeout(900); // the autosave delay
  await page.reload();
  await expect(ui.node('device-br-lab')).toBeVisible();
  await expect(ui.node('device-tap0')).toBeVisible();
  expect(await ui.design()).toEqual(before);
});

test('an unreadable autosave is reported, kept aside and the app still works', async ({ page }) => {
  const ui = new DesignerPage(page);
  await ui.open();
  await writeAutosave(page, '{"format":"vnetlab-design","version":1,"hosts":[{"broken"');
  await page.reload();
  const banner = page.getByTestId('corrupt-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('could not be read');
  await expect(page.locator('.react-flow')).toBeVisible();
  expect((await autosaveKeys(page)).some((k) => k.startsWith('corrupt:'))).toBe(true);
  const download = page.waitForEvent('download');
  await banner.getByRole('button', { name: /Download/ }).click();
  expect((await download).suggestedFilename()).toMatch(/\.json$/);
  // a schema failure is caught the same way
  await writeAutosave(page, JSON.stringify({ format: 'vnetlab-design', version: 1, hosts: 'nope', lans: [], layout: { positions: {} } }));
  await page.reload();
  await expect(page.getByTestId('corrupt-banner')).toBeVisible();
});

test('Save downloads the design as JSON and Open reads it back', async ({ page }) => {
  const ui = new DesignerPage(page);
  await ui.open();
  await page.getByRole('tab', { name: 'Examples' }).click();
  await page.getByTestId('open-example-10-tap-bridge').click();
  await expect(ui.node('device-tap0')).toBeVisible();
  const saved = await ui.design();
  const download = page.waitForEvent('download');
  await page.getByTestId('save-file').click();
  const file = await (await download).path();
  const { readFileSync } = await import('node:fs');
  const text = readFileSync(file, 'utf8');
  expect(JSON.parse(text)).toEqual(saved);

  await page.evaluate(() => window.__vnetlab!.loadDesign({ format: 'vnetlab-design', version: 1, hosts: [], lans: [], layout: { positions: {} } }));
  await page.getByTestId('open-file-input').setInputFiles({ name: 'lab.json', mimeType: 'application/json', buffer: Buffer.from(text) });
  await expect(ui.node('device-tap0')).toBeVisible();
  expect(await ui.design()).toEqual(saved);

  // a broken file is refused with its reason and leaves the design alone
  await page.getByTestId('open-file-input').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{"format": "vnetlab-design", ') });
  await expect(page.locator('.toast-error')).toContainText('bad.json');
  expect(await ui.design()).toEqual(saved);
});

test('an imported script shows its diagnostics with line numbers', async ({ page }) => {
  const ui = new DesignerPage(page);
  await ui.open();
  await page.getByTestId('import-script').click();
  await page.getByTestId('import-text').fill('# phys: eth0 192.168.0.171/24\nip link add link eth0 name m1 type macvlan mode passthru\nip link add link eth0 name m2 type macvlan mode passthru\n');
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-findings')).toContainText(':3: error');
  await expect(ui.node('device-m1')).toBeVisible();
  await page.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('import-diagnostics')).toContainText(':3');
});

test('the dark theme is remembered across reloads', async ({ page }) => {
  const ui = new DesignerPage(page);
  await ui.open();
  await expect(page.locator('.app')).toHaveAttribute('data-theme', 'light');
  await page.getByTestId('theme-toggle').click();
  await expect(page.locator('.app')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.locator('.app')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('tab', { name: 'Examples' }).click();
  await page.getByTestId('open-example-09-veth-bridge-nat').click();
  await page.getByRole('tab', { name: 'Script' }).click();
  await expect(page.getByTestId('script-view')).toContainText('br0');
  await page.screenshot({ path: '/tmp/dark-theme.png' });
});

test('a script file dropped on the designer is imported', async ({ page }) => {
  const ui = new DesignerPage(page);
  await ui.open();
  const { readFileSync } = await import('node:fs');
  const text = readFileSync(new URL('../fixtures/conformance/nat-masquerade/topology.sh', import.meta.url), 'utf8');
  const transfer = await page.evaluateHandle((body) => {
    const dt = new DataTransfer();
    dt.items.add(new File([body], 'topology.sh', { type: 'text/plain' }));
    return dt;
  }, text);
  await page.locator('.app-canvas .react-flow__pane').dispatchEvent('drop', { dataTransfer: transfer });
  await expect(ui.node('device-v0')).toBeVisible();
  await expect(ui.node('netns-ns1')).toBeVisible();
});
