/**
 * Stepping is visible: a ping typed while paused is staged (the clock stays), and each Step
 * and Step back marks the event now shown in the list (highlighted, scrolled into view), rings
 * its device on the canvas and parks a frame event's frame on its wire.
 */
import { expect, type Page } from '@playwright/test';
import { DesignerPage } from './designer-page';
import { forEachLayout, shot, useTheme } from './layouts';

/** The selected row is the last row of the list and lies inside the list's visible box. */
async function expectCurrentShown(page: Page): Promise<void> {
  const row = page.locator('.sim-event.selected');
  await expect(row).toHaveCount(1);
  const box = (await page.getByTestId('event-list').boundingBox())!;
  const r = (await row.boundingBox())!;
  expect(r.y).toBeGreaterThanOrEqual(box.y - 1);
  expect(r.y + r.height).toBeLessThanOrEqual(box.y + box.height + 1);
  // events that happen on a device (frames, drops, neighbour and FDB changes) ring it on the canvas
  const kind = await row.getAttribute('data-kind');
  if (kind !== 'route' && kind !== 'note' && !kind?.startsWith('probe')) await expect(page.locator('.sim-selected-ring')).toHaveCount(1);
}

forEachLayout('stepping shows each frame on the canvas and marks it in the list', async (page, layout) => {
  const ui = new DesignerPage(page);
  await ui.open();
  await useTheme(page, layout.theme);
  await ui.openExample('01-macvlan-bridge');
  await expect(ui.node('device-mac3')).toBeVisible();
  // the class pauses first, then types the ping: it waits, staged
  await page.getByTestId('sim-run').click();
  await page.getByTestId('sim-pause').click();
  await ui.consoleRun('ns1', 'ping -c 1 192.168.0.200');
  await expect(page.getByTestId('console-output')).toContainText('PING 192.168.0.200');
  await page.waitForTimeout(200);
  const clock = await page.getByTestId('sim-clock').textContent();
  await page.waitForTimeout(1200);
  await expect(page.getByTestId('sim-clock')).toHaveText(clock!);
  await expect(page.getByTestId('sim-run')).toBeVisible();
  await expect(page.getByTestId('console-output')).not.toContainText('ping statistics');

  await page.getByRole('tab', { name: 'Simulation' }).click();
  await page.getByTestId('filter-other').check();
  let frames = 0;
  for (let i = 0; i < 8; i++) {
    const before = Number(await page.getByTestId('event-list').getAttribute('data-count'));
    await page.getByTestId('sim-step').click();
    await expect.poll(async () => Number(await page.getByTestId('event-list').getAttribute('data-count'))).toBe(before + 1);
    await expectCurrentShown(page);
    const kind = await page.locator('.sim-event.selected').getAttribute('data-kind');
    if (kind === 'frame-rx' || kind === 'frame-tx') {
      await expect(page.getByTestId('stepped-frame')).toHaveCount(1);
      frames++;
    }
  }
  expect(frames).toBeGreaterThan(0);
  await page.screenshot({ path: shot('stepping', layout) });
  const before = Number(await page.getByTestId('event-list').getAttribute('data-count'));
  await page.getByTestId('sim-step-back').click();
  await expect.poll(async () => Number(await page.getByTestId('event-list').getAttribute('data-count'))).toBe(before - 1);
  await expectCurrentShown(page);
});
