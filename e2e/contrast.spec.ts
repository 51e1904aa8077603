/**
 * Every text of the main screens meets WCAG AA contrast (4.5:1, 3:1 for large text) in both
 * themes, as axe-core measures it: the empty designer, an example, the import dialog showing
 * errors, the Diagnostics tab, the Simulation tab after a ping and presentation mode.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { openExample, openTab } from './classroom-views';
import { DesignerPage } from './designer-page';
import { forEachLayout, shot, useTheme, type Layout } from './layouts';

/** The contrast failures axe-core finds, one line per element. */
async function contrastProblems(page: Page): Promise<string[]> {
  // let transitions and the fit-view animation finish, so colours are final
  await page.waitForTimeout(350);
  const r = await new AxeBuilder({ page }).withRules(['color-contrast']).analyze();
  // elements axe cannot decide (text over images or gradients) are counted, for the record
  const undecided = r.incomplete.reduce((n, v) => n + v.nodes.length, 0);
  if (undecided) console.log(`contrast: ${undecided} element(s) axe could not decide`);
  return r.violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(' ')}: ${n.any[0]?.message ?? v.help}`));
}

async function checkScreen(page: Page, layout: Layout, name: string, opts: { linkStates?: boolean } = {}): Promise<void> {
  // every device shows its link state once the simulator has read the design: check with them
  if (opts.linkStates !== false) {
    await expect.poll(() => page.evaluate(() => document.querySelectorAll('.react-flow__node-device').length
      === document.querySelectorAll('[data-testid="link-state"]').length)).toBe(true);
  }
  await page.screenshot({ path: shot(`contrast-${name}`, layout) });
  expect.soft(await contrastProblems(page), `${name} in ${layout.tag}`).toEqual([]);
}

const BROKEN = `ip netns add ns1
ip link add link nosuch name v5 type vlan id 5
ip addr add 300.1.1.1/24 dev lo
ip link add veth0 type veth peer name veth1
ip link set veth0 master br9
ip link add br0 type bridge
ip link set veth1 master br0
ip addr add 10.1.1.1/24 dev veth1
ip link set br0 up
`;

forEachLayout('every text meets WCAG AA contrast on the main screens', async (page, layout) => {
  const ui = new DesignerPage(page);
  await ui.open();
  await useTheme(page, layout.theme);
  await checkScreen(page, layout, 'empty');

  await ui.openExample('09-veth-bridge-nat');
  await checkScreen(page, layout, 'examples');
  await page.getByRole('tab', { name: 'Examples' }).click();
  await ui.select('device-br0');
  await checkScreen(page, layout, 'example-open');

  await page.getByTestId('import-script').click();
  await page.getByTestId('import-text').click();
  await page.keyboard.insertText(BROKEN);
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-findings')).toBeVisible();
  await checkScreen(page, layout, 'import-errors');
  await page.keyboard.press('Escape');

  await page.getByTestId('diagnostics-badge').click();
  await expect(page.getByTestId('import-diagnostics')).toBeVisible();
  await checkScreen(page, layout, 'diagnostics');

  await ui.openExample('01-macvlan-bridge');
  await ui.consoleRun('ns1', 'ping -c 1 192.168.0.200');
  await expect(page.getByTestId('console-output')).toContainText('ping statistics', { timeout: 20_000 });
  await checkScreen(page, layout, 'console');
  await page.getByRole('tab', { name: 'Simulation' }).click();
  await page.locator('.sim-event').nth(1).click();
  await checkScreen(page, layout, 'simulation');
  // a ping the kernel drops: private-mode macvlans never talk to each other
  await ui.openExample('02-macvlan-private');
  await ui.consoleRun('ns1', 'ping -c 1 192.168.0.200');
  await page.getByRole('tab', { name: 'Simulation' }).click();
  await page.getByTestId('filter-other').check();
  await page.getByTestId('filter-drops').check();
  await page.locator('.sim-event.kind-drop').first().click({ timeout: 20_000 });
  await checkScreen(page, layout, 'simulation-drop');

  await page.getByTestId('sim-present').click();
  await checkScreen(page, layout, 'presentation');
});

forEachLayout('the Tests tab and a lab meet WCAG AA contrast, in the student\'s view and the teacher\'s', async (page, layout) => {
  const ui = new DesignerPage(page);
  await ui.open();
  await useTheme(page, layout.theme);
  await openExample(page, ui, '12-lab-reach-the-gateway');
  await openTab(page, 'Tests');
  await expect(page.getByTestId('lab-audience')).toContainText('Student view');
  await expect(page.getByTestId('lab-goals')).toContainText('It stops at');
  // (the lab's devices show their link state already: the goals above are judged by it)
  await expect(page.locator('[data-testid="link-state"]').first()).toBeVisible();
  await checkScreen(page, layout, 'lab-student', { linkStates: false });
  await page.getByTestId('lab-teacher-view').click();
  await page.locator('.lab-teacher summary').click();
  await expect(page.getByTestId('lab-faults')).toBeVisible();
  const first = page.locator('[data-testid^="run-test-"]').first();
  await first.click();
  await expect(page.locator('[data-testid^="test-shown-"]')).toBeVisible();
  await expect(page.locator('[data-testid^="test-drop-"]').first()).toBeVisible();
  await checkScreen(page, layout, 'lab-teacher', { linkStates: false });
});
