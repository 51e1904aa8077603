/**
 * A teacher's walk through a lesson, at each screen size and theme: two examples opened one
 * after the other (the first kept, one notice with Undo, notices never piled up nor over the
 * design), a script imported with a mistake (the Diagnostics panel opens, and the design is
 * fitted into the canvas left above it), then presentation: a ping staged while paused and
 * stepped frame by frame and back, with wire labels clear of the wires, every event summary
 * readable in full and every text at WCAG AA contrast.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { closeTab, openTab } from './classroom-views';
import { DesignerPage } from './designer-page';
import { forEachLayout, shot, useTheme } from './layouts';

interface Rect { x: number; y: number; width: number; height: number }
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.width - 1 && b.x < a.x + a.width - 1 && a.y < b.y + b.height - 1 && b.y < a.y + a.height - 1;

/** Boxes of the canvas's nodes, its notices and the canvas itself, on screen. */
function screenBoxes(page: Page) {
  return page.evaluate(() => {
    const box = (e: Element) => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; };
    return {
      canvas: box(document.querySelector('.canvas-wrap')!),
      nodes: [...document.querySelectorAll('.react-flow__node')].map((n) => ({ id: (n as HTMLElement).dataset.id ?? '?', ...box(n) })),
      toasts: [...document.querySelectorAll('.toast')].map(box),
    };
  });
}

/** Notices neither pile on each other nor sit on the design; at most two show. */
async function expectNoticesClear(page: Page, step: string): Promise<void> {
  const { nodes, toasts } = await screenBoxes(page);
  expect(toasts.length, `${step}: notices shown`).toBeLessThanOrEqual(2);
  for (let i = 0; i < toasts.length; i++) for (let j = i + 1; j < toasts.length; j++) expect(overlap(toasts[i], toasts[j]), `${step}: notices overlap`).toBe(false);
  for (const t of toasts) expect(nodes.filter((n) => overlap(t, n)).map((n) => n.id), `${step}: notice covers the design`).toEqual([]);
}

/** Every node lies inside the visible canvas (not under the bottom panel). */
async function expectDesignInCanvas(page: Page, step: string): Promise<void> {
  await expect.poll(async () => {
    const { canvas, nodes } = await screenBoxes(page);
    return nodes.filter((n) => n.x < canvas.x - 1 || n.y < canvas.y - 1 || n.x + n.width > canvas.x + canvas.width + 1 || n.y + n.height > canvas.y + canvas.height + 1).map((n) => n.id);
  }, { message: `${step}: nodes outside the visible canvas` }).toEqual([]);
}

/** Wire labels that sit on a wire (any wire's path passes through the label's box). */
function labelsOnWires(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const paths = [...document.querySelectorAll<SVGPathElement>('.react-flow__edge path.react-flow__edge-path')].map((p) => {
      const m = p.getScreenCTM()!; const len = p.getTotalLength();
      return Array.from({ length: 80 }, (_, k) => { const q = p.getPointAtLength((len * k) / 79); return { x: m.a * q.x + m.c * q.y + m.e, y: m.b * q.x + m.d * q.y + m.f }; });
    });
    return [...document.querySelectorAll<HTMLElement>('.edge-label')].flatMap((l) => {
      const r = l.getBoundingClientRect();
      const hit = paths.some((pts) => pts.some((p) => p.x > r.x + 1 && p.x < r.right - 1 && p.y > r.y + 1 && p.y < r.bottom - 1));
      return hit ? [`${l.dataset.edge}: ${l.textContent}`] : [];
    });
  });
}

/** Event summaries on screen that are cut off (text wider than its cell). */
function cutSummaries(page: Page): Promise<string[]> {
  return page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.sim-event .summary')]
    .filter((s) => s.scrollWidth > s.clientWidth + 1).map((s) => s.textContent ?? ''));
}

const SCRIPT = `ip netns add ns1
ip link add link nosuch name v5 type vlan id 5
ip link add veth0 type veth peer name veth1
ip link set veth1 netns ns1
ip addr add 10.1.1.1/24 dev veth0
ip -n ns1 addr add 10.1.1.2/24 dev veth1
ip link set veth0 up
`;

forEachLayout('a lesson: two examples, an import with a mistake, then a ping stepped in presentation', async (page, layout) => {
  const ui = new DesignerPage(page);
  await ui.open();
  await useTheme(page, layout.theme);
  await ui.openExample('01-macvlan-bridge');
  await ui.openExample('09-veth-bridge-nat');
  await expect(ui.node('device-br0')).toBeVisible();
  // one notice for the replacement, with its Undo; the first example's notice is gone
  await expect(page.locator('.toast', { hasText: 'previous design is kept' })).toHaveCount(1);
  await expect(page.locator('.toast').getByRole('button', { name: 'Undo' })).toBeVisible();
  await page.waitForTimeout(400);
  await expectNoticesClear(page, 'second example');
  await page.screenshot({ path: shot('lesson-second-example', layout) });

  // an import with a mistake into the design: Diagnostics opens below, the design stays in view
  await closeTab(page, 'Examples');
  await page.getByTestId('import-script').click();
  await page.getByTestId('import-text').click();
  await page.keyboard.insertText(SCRIPT);
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-findings')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('tab', { name: 'Diagnostics', exact: true })).toHaveAttribute('aria-selected', 'true');
  await expect(ui.node('device-veth1')).toBeVisible();
  await expectDesignInCanvas(page, 'import');
  await expectNoticesClear(page, 'import');
  await page.screenshot({ path: shot('lesson-import', layout) });

  // presentation: a ping staged while paused, stepped and stepped back
  await ui.openExample('01-macvlan-bridge');
  await closeTab(page, 'Examples');
  await page.getByRole('button', { name: 'Presentation mode' }).click();
  await page.getByTestId('sim-run').click();
  await page.getByTestId('sim-pause').click();
  await ui.consoleRun('ns1', 'ping -c 1 192.168.0.200');
  await openTab(page, 'Simulation');
  await page.getByTestId('filter-other').check();
  for (let i = 0; i < 4; i++) {
    const before = Number(await page.getByTestId('event-list').getAttribute('data-count'));
    await page.getByTestId('sim-step').click();
    await expect.poll(async () => Number(await page.getByTestId('event-list').getAttribute('data-count'))).toBe(before + 1);
  }
  await page.getByTestId('sim-step-back').click();
  await expect(page.locator('.sim-event.selected')).toHaveCount(1);
  await expectDesignInCanvas(page, 'presentation');
  await page.waitForTimeout(300);
  await page.screenshot({ path: shot('lesson-presentation-stepped', layout) });
  await expect.poll(() => labelsOnWires(page), { message: 'wire labels on wires in presentation' }).toEqual([]);
  expect(await cutSummaries(page)).toEqual([]);
  await expectNoticesClear(page, 'presentation');
  const axe = await new AxeBuilder({ page }).withRules(['color-contrast']).analyze();
  expect(axe.violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(' ')}: ${n.any[0]?.message ?? v.help}`))).toEqual([]);
});
