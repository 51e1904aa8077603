/**
 * Share links: the design travels in `#d=…` and opens identically in a new page; broken or
 * hostile links are refused with a message and can never run script.
 */
import { expect, test, type Page } from '@playwright/test';
import { encodeShare } from '../src/core/share/share-link';
import { DesignerPage } from './designer-page';

/** Compresses any text the way a design link does (the payload need not be a design). */
const compressToEncodedURIComponent = (text: string) => encodeShare(JSON.parse(text));

/** Fails the test if the page ever opens a dialog or sets the injection flag. */
function watchForScript(page: Page): () => Promise<void> {
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs++; void d.dismiss(); });
  return async () => {
    expect(dialogs).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await expect(page.locator('.app img')).toHaveCount(0);
  };
}

test('a shared link opens the same design in a new page', async ({ page, context }) => {
  const ui = new DesignerPage(page);
  await ui.open();
  await page.getByRole('tab', { name: 'Examples' }).click();
  await page.getByTestId('open-example-09-veth-bridge-nat').click();
  await expect(ui.node('device-br0')).toBeVisible();
  const design = await ui.design();
  await page.getByTestId('share').click();
  const link = await page.getByTestId('share-link').inputValue();
  expect(link).toMatch(/#d=/);

  const other = await context.newPage();
  await other.goto(link);
  const ui2 = new DesignerPage(other);
  await expect(ui2.node('device-br0')).toBeVisible();
  // the link's reader is loaded on demand; once it has read the link, the hash is gone
  await expect.poll(() => new URL(other.url()).hash).toBe('');
  expect(await ui2.design()).toEqual(design);
});

const hostileName = '<img src=x onerror="window.__pwned=1;alert(1)">';

const cases: [string, () => string][] = [
  ['garbage', () => '%%%not-a-design<script>alert(1)</script>'],
  ['not a design', () => compressToEncodedURIComponent('{"hello":"<script>window.__pwned=1</script>"}')],
  ['huge', () => 'A'.repeat(250_000)],
  ['name the kernel refuses', () => compressToEncodedURIComponent(JSON.stringify({
    format: 'vnetlab-design', version: 1, lans: [], layout: { positions: {} },
    hosts: [{ id: 'h1', name: 'host', role: 'host', devices: [{ id: 'd1', kind: 'loopback', name: 'lo', ns: 'n1', up: true, addresses: [] }, { id: 'd2', kind: 'dummy', name: 'x', ns: 'n2', up: true, addresses: [] }],
      namespaces: [{ id: 'n1', name: 'host', root: true, routes: [], neighbours: [], sysctls: {}, firewall: [] },
        { id: 'n2', name: `../${hostileName}`, routes: [], neighbours: [], sysctls: {}, firewall: [] }] }],
  }))],
];

for (const [what, payload] of cases) {
  test(`a ${what} link is refused with a message and runs no script`, async ({ page }) => {
    const check = watchForScript(page);
    await page.goto(`/?testapi#d=${payload()}`);
    await expect(page.locator('.react-flow')).toBeVisible();
    await expect(page.getByTestId('share-refused')).toBeVisible();
    await expect(page.getByTestId('share-refused')).toContainText('could not be opened');
    expect((await page.evaluate(() => window.__vnetlab!.getDesign())).hosts.every((h) => h.namespaces.every((n) => !n.name.includes('<')))).toBe(true);
    await page.waitForTimeout(300);
    await check();
  });
}
