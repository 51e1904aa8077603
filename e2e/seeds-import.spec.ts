/**
 * Every field-note script (fixtures/seeds) imported the way a person does it — pasted into the
 * Import dialog — is drawn whole: each device of the host is on the canvas, namespaces are
 * containers holding their devices, no two sibling nodes overlap, and the findings shown are
 * exactly what the importer reports, with their line numbers. A screenshot of each is written
 * to /tmp for review.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { importScript } from '../src/core/iproute2/import/index';
import { formatDiagnostic } from '../src/core/model/diagnostics';
import { contains, nodeBoxes, siblingOverlaps } from './canvas-boxes';
import { DesignerPage } from './designer-page';

const dir = new URL('../fixtures/seeds/', import.meta.url);
const seeds = readdirSync(dir).filter((f) => f.endsWith('.sh')).sort();
/** The name the dialog gives pasted text, which its diagnostics carry. */
const SOURCE = 'pasted script';

test('the field notes are all here', () => {
  expect(seeds.length).toBeGreaterThanOrEqual(10);
});

for (const file of seeds) {
  test(`field note ${file} imports by paste with every device drawn and its findings listed`, async ({ page }) => {
    const text = readFileSync(new URL(file, dir), 'utf8');
    const expected = importScript(text, { file: SOURCE }).diagnostics;
    const ui = new DesignerPage(page);
    await ui.open();
    await page.getByTestId('import-script').click();
    await page.getByTestId('import-text').fill(text);
    await page.getByTestId('import-run').click();

    // The dialog stays open with its findings when anything is worse than a note.
    const dialog = page.getByRole('dialog', { name: 'Import a script' });
    if (expected.some((d) => d.level !== 'info')) {
      const findings = page.getByTestId('import-findings').locator('li');
      await expect(findings).toHaveText(expected.map(formatDiagnostic));
      await dialog.getByRole('button', { name: 'Close' }).click();
    }
    await expect(dialog).toBeHidden();

    await expect.poll(async () => (await ui.design()).hosts.length).toBeGreaterThan(0);
    const design = await ui.design();
    const hosts = design.hosts.filter((h) => h.role === 'host');
    expect(hosts.length).toBeGreaterThan(0);
    for (const host of hosts) {
      for (const d of host.devices.filter((x) => x.kind !== 'loopback')) {
        const node = page.locator(`.react-flow__node[data-id="${d.id}"]`);
        await expect(node.getByTestId(`device-${d.name}`), `${file}: device ${d.name}`).toBeVisible();
        await expect(node).toContainText(d.name);
      }
    }
    await page.waitForTimeout(300); // the fit-view after loading

    // Namespaces are containers, and their devices are drawn inside them.
    const boxes = await nodeBoxes(page);
    const byId = new Map(boxes.map((b) => [b.id, b]));
    for (const host of hosts) {
      for (const ns of host.namespaces.filter((n) => !n.root)) {
        await expect(page.locator(`.react-flow__node[data-id="${ns.id}"]`).getByTestId(`netns-${ns.name}`)).toBeVisible();
        for (const d of host.devices.filter((x) => x.ns === ns.id && x.kind !== 'loopback')) {
          const box = byId.get(d.id)!;
          expect(box.parent, `${d.name} is a child of ${ns.name}`).toBe(ns.id);
          expect(contains(byId.get(ns.id)!, box), `${d.name} is drawn inside ${ns.name}`).toBe(true);
        }
      }
    }
    expect(siblingOverlaps(boxes)).toEqual([]);

    // The Diagnostics tab keeps the import's errors, each on its script line.
    const errors = expected.filter((d) => d.level === 'error');
    const tab = page.getByRole('tab', { name: 'Diagnostics' });
    // an import with errors opens the tab itself; a click would close it again
    if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
    const section = page.getByTestId('import-diagnostics');
    await expect(section).toBeVisible();
    const errorRows = section.locator('.diag-row.diag-error');
    await expect(errorRows).toHaveCount(errors.length);
    await expect(errorRows.locator('.diag-where')).toHaveText(errors.map((d) => `${SOURCE}:${d.line}`));
    await expect(errorRows.locator('.diag-message')).toHaveText(errors.map((d) => d.message));
    await tab.click(); // closed again, so the canvas has the room for the picture
    await expect(tab).toHaveAttribute('aria-selected', 'false');

    await page.keyboard.press('f');
    await page.waitForTimeout(400);
    await page.locator('.app-canvas').screenshot({ path: `/tmp/seed-${file.replace(/\.sh$/, '')}.png` });
  });
}

test('the mistyped line of field note 001 is reported with its line number', async ({ page }) => {
  const file = seeds.find((f) => f.startsWith('001-'))!;
  const text = readFileSync(new URL(file, dir), 'utf8');
  // the notes configure mac2 inside ns1, where it is not
  const line = text.split('\n').findIndex((l) => /netns exec ns1 .*dev mac2/.test(l)) + 1;
  expect(line).toBeGreaterThan(0);
  const ui = new DesignerPage(page);
  await ui.open();
  await page.getByTestId('import-script').click();
  await page.getByTestId('import-text').fill(text);
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-findings')).toContainText(`${SOURCE}:${line}: error: Cannot find device "mac2"`);
});
