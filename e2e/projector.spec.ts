/**
 * On a projector: at 1024×768 every toolbar control stays on screen; presentation mode fits
 * the design to the screen with addresses at 18 px or more, big handles and icons; opening
 * the console there cuts no device off and shows the event list beside the console.
 */
import { expect, type Page } from '@playwright/test';
import { DesignerPage } from './designer-page';
import { forEachLayout, shot, useTheme } from './layouts';

/** Toolbar controls that are off screen or covered (clipped by a scroll box, pushed out). */
function hiddenToolbarControls(page: Page): Promise<string[]> {
  return page.evaluate(() => [...document.querySelectorAll<HTMLElement>('.app-toolbar button, .app-toolbar select')]
    .filter((el) => el.offsetParent !== null)
    .flatMap((el) => {
      const r = el.getBoundingClientRect();
      const inside = r.left >= 0 && r.top >= 0 && r.right <= window.innerWidth && r.bottom <= window.innerHeight;
      const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return inside && top && (top === el || el.contains(top)) ? [] : [el.textContent?.trim() || el.getAttribute('aria-label') || el.title];
    }));
}

/** Device nodes not wholly inside the canvas. */
function cutOffDevices(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const c = document.querySelector('.canvas-wrap')!.getBoundingClientRect();
    return [...document.querySelectorAll<HTMLElement>('.react-flow__node-device')].flatMap((n) => {
      const r = n.getBoundingClientRect();
      return r.left >= c.left - 1 && r.top >= c.top - 1 && r.right <= c.right + 1 && r.bottom <= c.bottom + 1 ? [] : [n.dataset.id ?? '?'];
    });
  });
}

/** The smallest on-screen size of address text (font size × canvas zoom), in px. */
function addressPx(page: Page): Promise<number> {
  return page.evaluate(() => {
    const t = document.querySelector<HTMLElement>('.react-flow__viewport')!.style.transform;
    const zoom = Number(/scale\(([\d.e-]+)\)/.exec(t)?.[1] ?? 1);
    const sizes = [...document.querySelectorAll<HTMLElement>('.device-addrs')].map((e) => parseFloat(getComputedStyle(e).fontSize) * zoom);
    return Math.min(...sizes);
  });
}

forEachLayout('the toolbar keeps every control on screen', async (page, layout) => {
  const ui = new DesignerPage(page);
  await ui.open();
  await useTheme(page, layout.theme);
  await ui.openExample('09-veth-bridge-nat');
  await expect(ui.node('device-br0')).toBeVisible();
  for (const name of ['Reset', 'Presentation mode']) await expect(page.getByRole('button', { name, exact: true })).toBeVisible();
  await expect(page.getByTestId('theme-toggle')).toBeVisible();
  expect(await hiddenToolbarControls(page)).toEqual([]);
  await page.screenshot({ path: shot('projector-toolbar', layout) });
});

forEachLayout('presentation fits the design, readable from the back, with console and events side by side', async (page, layout) => {
  const ui = new DesignerPage(page);
  await ui.open();
  await useTheme(page, layout.theme);
  await ui.openExample('01-macvlan-bridge');
  await expect(ui.node('device-mac3')).toBeVisible();
  await page.getByRole('tab', { name: 'Examples' }).click();
  const saved = (await ui.design()).layout;
  await page.getByRole('button', { name: 'Presentation mode' }).click();
  // the rendered size of every address (font size × the fitted zoom), at both screen sizes
  await expect.poll(() => addressPx(page)).toBeGreaterThanOrEqual(18);
  expect(await cutOffDevices(page)).toEqual([]);
  // the compact presentation layout is a view: the saved design keeps its positions
  expect((await ui.design()).layout).toEqual(saved);
  expect(await hiddenToolbarControls(page)).toEqual([]);
  const handle = (await page.locator('.react-flow__handle').first().boundingBox())!;
  expect(handle.width).toBeGreaterThanOrEqual(14);
  const icon = (await page.getByTestId('sim-step').locator('svg').boundingBox())!;
  expect(icon.width).toBeGreaterThanOrEqual(18);
  await page.screenshot({ path: shot('presentation', layout) });

  // the console opens below: the design is fitted again, and the events sit beside the console
  await ui.consoleRun('ns1', 'ping -c 1 192.168.0.200');
  await expect(page.getByTestId('console-output')).toContainText('ping statistics', { timeout: 20_000 });
  await expect.poll(() => cutOffDevices(page)).toEqual([]);
  const term = (await page.getByTestId('console-output').boundingBox())!;
  const events = (await page.getByTestId('console-events').boundingBox())!;
  expect(term.width).toBeGreaterThan(250);
  expect(events.width).toBeGreaterThan(250);
  expect(events.x).toBeGreaterThanOrEqual(term.x + term.width - 1);
  await expect(page.getByTestId('console-events').locator('.sim-event').first()).toBeVisible();
  await page.screenshot({ path: shot('presentation-console', layout) });
});
