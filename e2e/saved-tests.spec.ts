/**
 * Saved tests and labs, driven with the mouse and keyboard: an example's suggested pings run
 * with one click and pass; a test added from the Tests tab is one undo step; a failing test
 * names the drop that stopped it; a lab starts broken, says which drop stops each goal, and is
 * solved by repairing the design in the inspector.
 */
import { expect, test } from '@playwright/test';
import type { Page } from '@playwright/test';
import { closeTab, openExample, openIn, openTab, shot, VIEWS } from './classroom-views';

/** Starts recording the frame dots drawn on the canvas (they only live while they travel). */
async function watchDots(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const w = window as unknown as { __dots: string[] };
    w.__dots = [];
    new MutationObserver((ms) => {
      for (const m of ms) for (const n of m.addedNodes) if (n instanceof SVGElement && n.classList.contains('sim-dot')) w.__dots.push(n.getAttribute('class') ?? '');
    }).observe(document.querySelector('.react-flow')!, { childList: true, subtree: true });
  });
  return () => page.evaluate(() => (window as unknown as { __dots: string[] }).__dots);
}

for (const view of VIEWS) {
  test.describe(view.name, () => {
    test('an example opens with its suggested tests, which pass with one click', async ({ page }) => {
      const ui = await openIn(page, view);
      await openTab(page, 'Examples');
      const card = page.getByTestId('example-00-two-namespaces-veth');
      await expect(card.locator('svg.example-thumb')).toBeVisible();
      await expect(card).not.toContainText(/field notes|\[[a-z-]+\]/);
      await shot(page, 'examples', view, 'gallery');
      await openExample(page, ui, '00-two-namespaces-veth');
      const design = await ui.design();
      expect(design.notes).toMatch(/two network namespaces/);
      expect(design.tests?.map((t) => [t.probe, t.expect])).toEqual([
        ['ping ns1 10.0.0.2', 'reply'], ['ping ns2 10.0.0.1', 'reply'], ['ping ns1 10.0.1.1', 'no-reply']]);
      await openTab(page, 'Tests');
      await page.getByTestId('run-all-tests').click();
      for (const t of design.tests!) await expect(page.getByTestId(`test-verdict-${t.id}`)).toHaveText('✓ pass');
      await shot(page, 'tests', view, 'all-pass');

      // One test run on its own plays on the canvas: its frames move along the wires.
      const first = design.tests![0];
      let dots = await watchDots(page);
      await page.getByTestId(`run-test-${first.id}`).click();
      await expect(page.getByTestId(`test-shown-${first.id}`)).toBeVisible();
      await expect.poll(async () => (await dots()).filter((c) => c.includes('proto-icmp')).length).toBeGreaterThan(0);
      await shot(page, 'tests', view, 'run-on-canvas');
      await expect(page.getByTestId(`test-verdict-${first.id}`)).toHaveText('✓ pass');

      // Add a test with the form (mouse and keyboard): one edit, undone with Ctrl+Z.
      await page.getByTestId('test-add-from').selectOption('ns1');
      await page.getByTestId('test-add-to').fill('10.0.0.9');
      await page.getByTestId('test-add-to').press('Enter');
      await expect.poll(async () => (await ui.design()).tests?.length).toBe(4);
      const added = (await ui.design()).tests![3];
      expect(added).toMatchObject({ probe: 'ping ns1 10.0.0.9', expect: 'reply', origin: 'user' });
      dots = await watchDots(page);
      await page.getByTestId(`run-test-${added.id}`).click();
      await expect(page.getByTestId(`test-verdict-${added.id}`)).toHaveText('✗ fail');
      await expect(page.getByTestId(`test-drop-${added.id}`)).toContainText('Nobody answered ARP');
      // its ARP requests go out on the canvas, unanswered
      await expect(page.getByTestId(`test-shown-${added.id}`)).toBeVisible();
      await expect.poll(async () => (await dots()).filter((c) => c.includes('proto-arp')).length).toBeGreaterThan(0);
      await shot(page, 'tests', view, 'fail-with-drop');
      await page.keyboard.press('Control+z');
      await expect.poll(async () => (await ui.design()).tests?.length).toBe(3);
      await page.keyboard.press('Control+Shift+z');
      await expect.poll(async () => (await ui.design()).tests?.length).toBe(4);
    });

    test('a lab starts broken, names the drop that stops each goal, and is solved in the inspector', async ({ page, context }) => {
      const ui = await openIn(page, view);
      await openExample(page, ui, '12-lab-reach-the-gateway');
      await expect(page.getByTestId('lab-task')).toContainText('Make ns1 reach its gateway');
      await expect(page.getByTestId('lab-goals')).toContainText('0 of 2 goals met');
      await expect(page.getByTestId('lab-goals')).toContainText('It stops at');
      await expect(page.getByTestId('lab-chip')).toHaveText('Lab 0/2');
      await shot(page, 'lab', view, 'broken');

      // Opened, the lab shows the student's view: no injected faults, no goal editing.
      await expect(page.getByTestId('lab-audience')).toContainText('Student view');
      await expect(page.locator('.lab-teacher')).toHaveCount(0);
      await expect(page.getByTestId('lab-faults')).toHaveCount(0);
      await expect(page.locator('.test-goal')).toHaveCount(0);
      // the teacher switches with one click, and sees the faults
      await page.getByTestId('lab-teacher-view').click();
      await page.locator('.lab-teacher summary').click();
      await expect(page.getByTestId('lab-faults').locator('li')).toHaveCount(2);
      await expect(page.locator('.test-goal').first()).toBeVisible();
      await shot(page, 'lab', view, 'teacher-view');
      // a share link of the lab opens in the student's view
      await page.getByTestId('share').click();
      const link = await page.getByTestId('share-link').inputValue();
      await page.getByRole('dialog', { name: 'Share link' }).getByRole('button', { name: 'Close' }).click();
      const student = await context.newPage();
      await student.setViewportSize({ width: view.width, height: view.height });
      await student.goto(link);
      await openTab(student, 'Tests');
      await expect(student.getByTestId('lab-task')).toContainText('Make ns1 reach its gateway');
      await expect(student.getByTestId('lab-goals')).toContainText('0 of 2 goals met');
      await expect(student.getByTestId('lab-goals')).toContainText('It stops at');
      await expect(student.getByTestId('lab-audience')).toContainText('Student view');
      await expect(student.getByTestId('lab-faults')).toHaveCount(0);
      await expect(student.locator('.lab-teacher')).toHaveCount(0);
      await shot(student, 'lab', view, 'student-from-link');
      await student.close();

      // Repair 1: bring v1-br up (select it on the canvas, tick Up).
      await closeTab(page, 'Tests');
      await page.keyboard.press('f');
      await ui.select('device-v1-br');
      await ui.inspector.getByLabel('Up', { exact: true }).check();
      // Repair 2: the default route in ns1.
      await ui.select('netns-ns1');
      await ui.inspector.getByTestId('route-dst').fill('default');
      await ui.inspector.getByTestId('route-via').fill('10.0.0.1');
      await ui.inspector.getByTestId('route-add').click();
      await expect(page.getByTestId('lab-chip')).toHaveText('Lab ✓', { timeout: 15_000 });
      await page.getByTestId('lab-chip').click();
      await expect(page.getByTestId('lab-goals')).toContainText('Solved: all 2 goals met');
      await shot(page, 'lab', view, 'solved');
      // The lab travels in the saved document.
      const d = await ui.design();
      expect(d.lab?.goals.length).toBe(2);
      expect(d.lab?.faults?.map((f) => f.kind)).toEqual(['link-down', 'missing-route']);
    });
  });
}
