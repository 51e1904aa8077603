/**
 * No action destroys work silently: Open, Import, an example and a shared link replace the
 * design undoably (Ctrl+Z or the notice's Undo bring it back) and keep it as the previous
 * design across a reload; a refused link leaves the autosaved design on screen and untouched.
 * Share links carry every name the app accepts (`$(reboot)`), shown as text, never as markup.
 */
import { expect, type Page } from '@playwright/test';
import { DesignerPage } from './designer-page';
import { forEachLayout, shot, useTheme } from './layouts';

/** My own small design, made with the mouse and keyboard: a namespace with a dummy device. */
async function makeOwnDesign(ui: DesignerPage, nsName: string, devName = 'probe0'): Promise<void> {
  await ui.dropFromPalette('namespace', 260, 160);
  await ui.rename(nsName);
  await expect(ui.node(`netns-${nsName}`)).toBeVisible();
  await ui.dropOnto('dummy', ui.node(`netns-${nsName}`), 0, 10);
  await ui.rename(devName);
  await expect(ui.node(`device-${devName}`)).toBeVisible();
}

/** The namespace names of the document. */
async function nsNames(ui: DesignerPage): Promise<string[]> {
  return (await ui.design()).hosts.flatMap((h) => h.namespaces.filter((n) => !n.root).map((n) => n.name));
}

/** The namespace names of the autosaved record. */
function autosavedNs(page: Page): Promise<string[] | null> {
  return page.evaluate(() => new Promise<string[] | null>((resolve) => {
    const req = indexedDB.open('vnetlab');
    req.onsuccess = () => {
      const r = req.result.transaction('designs').objectStore('designs').get('current');
      r.onsuccess = () => {
        req.result.close();
        if (typeof r.result !== 'string') { resolve(null); return; }
        const d = JSON.parse(r.result) as { hosts: { namespaces: { name: string; root?: boolean }[] }[] };
        resolve(d.hosts.flatMap((h) => h.namespaces.filter((n) => !n.root).map((n) => n.name)));
      };
    };
  }));
}

async function openExample(page: Page, id: string): Promise<void> {
  const tab = page.getByRole('tab', { name: 'Examples' });
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  await page.getByTestId(`open-example-${id}`).click();
  await expect(page.getByTestId(`open-example-${id}`)).toHaveText('Open');
}

forEachLayout('an example and an import replace my design undoably and keep it', async (page, layout) => {
  const ui = new DesignerPage(page);
  await ui.open();
  await useTheme(page, layout.theme);
  await makeOwnDesign(ui, 'mine');
  // an example: the notice offers Undo, and it brings my design back
  await openExample(page, '09-veth-bridge-nat');
  await expect(ui.node('device-br0')).toBeVisible();
  const notice = page.locator('.toast', { hasText: 'previous design is kept' });
  await expect(notice).toBeVisible();
  await page.screenshot({ path: shot('keep-work-replaced', layout) });
  await notice.getByRole('button', { name: 'Undo' }).click();
  await expect(ui.node('netns-mine')).toBeVisible();
  expect(await nsNames(ui)).toEqual(['mine']);
  // an import: Ctrl+Z brings my design back, Ctrl+Shift+Z the import again
  await page.getByTestId('import-script').click();
  await page.getByTestId('import-text').click();
  await page.keyboard.insertText('ip netns add lab\nip link add d0 type dummy\nip link set d0 netns lab\n');
  await page.getByTestId('import-run').click();
  await expect(ui.node('netns-lab')).toBeVisible();
  await ui.clickEmpty();
  await page.keyboard.press('Control+z');
  await expect(ui.node('netns-mine')).toBeVisible();
  await page.keyboard.press('Control+Shift+z');
  await expect(ui.node('netns-lab')).toBeVisible();
  // after a reload the replaced design is still recoverable
  await page.waitForTimeout(900);
  await page.reload();
  await expect(ui.node('netns-lab')).toBeVisible();
  await page.getByTestId('previous-design').click();
  await expect(ui.node('netns-mine')).toBeVisible();
  expect(await nsNames(ui)).toEqual(['mine']);
});

forEachLayout('a shared link opens over my design without losing it', async (page, layout) => {
  const ui = new DesignerPage(page);
  await ui.open();
  await useTheme(page, layout.theme);
  await openExample(page, '01-macvlan-bridge');
  await page.getByTestId('share').click();
  const link = await page.getByTestId('share-link').inputValue();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Close' }).click();
  // my own work, autosaved
  await ui.clickEmpty();
  await page.keyboard.press('Control+z');
  await expect.poll(() => nsNames(ui)).toEqual([]);
  await makeOwnDesign(ui, 'mine');
  await expect.poll(() => autosavedNs(page)).toEqual(['mine']);
  // the link opens, says my design is kept, and Ctrl+Z brings it back
  await page.goto(link);
  await expect(ui.node('device-mac3')).toBeVisible();
  await expect(page.locator('.toast', { hasText: 'previous design is kept' })).toBeVisible();
  await page.screenshot({ path: shot('keep-work-link', layout) });
  await ui.clickEmpty();
  await page.keyboard.press('Control+z');
  await expect(ui.node('netns-mine')).toBeVisible();
  await expect.poll(() => autosavedNs(page)).toEqual(['mine']);
});

forEachLayout('a refused link leaves my autosaved design on screen and untouched', async (page, layout) => {
  const ui = new DesignerPage(page);
  await ui.open();
  await useTheme(page, layout.theme);
  await makeOwnDesign(ui, 'mine');
  await expect.poll(() => autosavedNs(page)).toEqual(['mine']);
  await page.goto('/?testapi#d=garbage');
  await expect(page.getByTestId('share-refused')).toBeVisible();
  await expect(ui.node('netns-mine')).toBeVisible();
  await page.screenshot({ path: shot('keep-work-refused', layout) });
  // the first edit changes my design, it does not overwrite it with an empty one
  await ui.select('device-probe0');
  await ui.rename('probe1');
  await expect.poll(() => autosavedNs(page)).toEqual(['mine']);
  await page.waitForTimeout(900);
  await page.reload();
  await expect(ui.node('device-probe1')).toBeVisible();
  await expect(ui.node('netns-mine')).toBeVisible();
});

forEachLayout('a design with names like $(reboot) shares, opens and shows them as text', async (page, layout) => {
  const ui = new DesignerPage(page);
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs++; void d.dismiss(); });
  await ui.open();
  await useTheme(page, layout.theme);
  await makeOwnDesign(ui, '$(reboot)', '<b>&amp;x');
  // the app accepts and exports it, quoted
  await page.getByRole('tab', { name: 'Script' }).click();
  await expect(page.locator('.app-tabs')).toContainText("'$(reboot)'");
  await page.getByTestId('share').click();
  const link = await page.getByTestId('share-link').inputValue();
  await page.getByRole('button', { name: 'Close' }).click();
  const other = await page.context().newPage();
  await other.setViewportSize({ width: layout.width, height: layout.height });
  other.on('dialog', (d) => { dialogs++; void d.dismiss(); });
  await other.goto(link);
  const ui2 = new DesignerPage(other);
  await expect(ui2.node('netns-$(reboot)')).toBeVisible();
  await expect(other.getByTestId('share-refused')).toHaveCount(0);
  await expect(ui2.node('netns-$(reboot)').locator('.container-name')).toHaveText('$(reboot)');
  await expect(ui2.node('device-<b>&amp;x').locator('.device-name')).toHaveText('<b>&amp;x');
  await expect(other.locator('.react-flow b')).toHaveCount(0);
  expect(dialogs).toBe(0);
  await other.screenshot({ path: shot('share-odd-names', layout) });
});
