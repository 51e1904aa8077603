/**
 * Every wire of the document is drawn, whatever happened before: examples opened one after
 * another (their device ids are reused by other kinds of devices), a script imported into a
 * used canvas, a design file opened, undo and redo across those replacements.
 */
import { expect, type Page } from '@playwright/test';
import type { Design } from '../src/core/model/types';
import { DesignerPage } from './designer-page';
import { forEachLayout, shot, useTheme } from './layouts';

/** The wires the document calls for, counted from the document itself. */
function relationsOf(d: Design): number {
  let n = 0;
  const lans = new Set(d.lans.map((l) => l.id));
  for (const h of d.hosts) {
    const ids = new Set(h.devices.map((x) => x.id));
    for (const dev of h.devices) {
      if ('parent' in dev && dev.parent && ids.has(dev.parent)) n++;
      if (dev.master && ids.has(dev.master)) n++;
      if (dev.kind === 'physical' && dev.lan && lans.has(dev.lan)) n++;
      if (dev.kind === 'veth' && ids.has(dev.peer) && dev.id < dev.peer) n++;
    }
  }
  return n;
}

/** Wires on screen with a real path (React Flow leaves out edges whose handles it has not measured). */
function drawnWires(page: Page): Promise<number> {
  return page.evaluate(() => [...document.querySelectorAll<SVGPathElement>('.react-flow__edge path.react-flow__edge-path')]
    .filter((p) => { const d = p.getAttribute('d') ?? ''; return d.length > 0 && !d.includes('NaN'); }).length);
}

async function expectAllWires(ui: DesignerPage, step: string): Promise<void> {
  const want = relationsOf(await ui.design());
  expect(want, `${step}: the document has wires`).toBeGreaterThan(0);
  await expect.poll(() => drawnWires(ui.page), { message: `${step}: every wire drawn` }).toBe(want);
}

async function openExample(ui: DesignerPage, id: string): Promise<void> {
  const tab = ui.page.getByRole('tab', { name: 'Examples' });
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
  await ui.page.getByTestId(`open-example-${id}`).click();
  await expect(ui.page.getByTestId(`open-example-${id}`)).toHaveText('Open');
}

const SCRIPT = `ip netns add red
ip netns add blue
ip link add v-red type veth peer name v-blue
ip link set v-red netns red
ip link set v-blue netns blue
ip -n red addr add 10.0.0.1/24 dev v-red
ip -n blue addr add 10.0.0.2/24 dev v-blue
`;

forEachLayout('every wire is drawn after examples, import, open, undo and redo', async (page, layout) => {
  const ui = new DesignerPage(page);
  await ui.open();
  await useTheme(page, layout.theme);
  await openExample(ui, '01-macvlan-bridge');
  await expectAllWires(ui, 'first example');
  for (const id of ['09-veth-bridge-nat', '05-macvlan-vepa-vlan-hairpin-bridge', '10-tap-bridge']) {
    await openExample(ui, id);
    await expectAllWires(ui, id);
  }
  // an import into the used canvas, typed as a person would
  await page.getByTestId('import-script').click();
  await page.getByTestId('import-text').click();
  await page.keyboard.insertText(SCRIPT);
  await page.getByTestId('import-run').click();
  await expect(ui.node('device-v-red')).toBeVisible();
  await expectAllWires(ui, 'import into a used canvas');
  await page.keyboard.press('Escape');
  // undo and redo across the replacements
  await ui.clickEmpty();
  await page.keyboard.press('Control+z');
  await expectAllWires(ui, 'undo');
  await page.keyboard.press('Control+Shift+z');
  await expectAllWires(ui, 'redo');
  // a design file opened over it
  await openExample(ui, '07-ipvlan-l2');
  const saved = JSON.stringify(await ui.design());
  await openExample(ui, '09-veth-bridge-nat');
  await page.getByTestId('open-file-input').setInputFiles({ name: 'lab.json', mimeType: 'application/json', buffer: Buffer.from(saved) });
  await expect.poll(async () => JSON.stringify((await ui.design()).hosts.map((h) => h.devices.length))).toBe(JSON.stringify(JSON.parse(saved).hosts.map((h: Design['hosts'][number]) => h.devices.length)));
  await expectAllWires(ui, 'open a file');
  await page.waitForTimeout(300);
  await page.screenshot({ path: shot('wires', layout) });
});
