/**
 * The screens a class meets: a laptop (1440×900) and a projector (1024×768), each in the
 * light and the dark theme. Journeys run in all four and picture each step for review.
 */
import { expect, type Page } from '@playwright/test';
import { DesignerPage } from './designer-page';

export interface View { name: string; width: number; height: number; theme: 'light' | 'dark' }

export const VIEWS: View[] = [
  { name: '1440-light', width: 1440, height: 900, theme: 'light' },
  { name: '1440-dark', width: 1440, height: 900, theme: 'dark' },
  { name: '1024-light', width: 1024, height: 768, theme: 'light' },
  { name: '1024-dark', width: 1024, height: 768, theme: 'dark' },
];

/** Opens the designer at the view's size and switches the theme with the toolbar button. */
export async function openIn(page: Page, view: View): Promise<DesignerPage> {
  await page.setViewportSize({ width: view.width, height: view.height });
  const ui = new DesignerPage(page);
  await ui.open();
  await dismissWelcome(page);
  const current = await page.locator('.app').getAttribute('data-theme');
  if ((current ?? 'light') !== view.theme) await page.getByTestId('theme-toggle').click();
  await expect(page.locator('.app')).toHaveAttribute('data-theme', view.theme);
  return ui;
}

/** Closes the first-open screen when it is shown. */
export async function dismissWelcome(page: Page): Promise<void> {
  const close = page.getByTestId('welcome-close');
  if (await close.isVisible().catch(() => false)) await close.click();
}

/** Opens a bottom tab with the mouse (unless it is open already). */
export async function openTab(page: Page, name: string): Promise<void> {
  const tab = page.getByRole('tab', { name, exact: true });
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
}

/** Closes the open bottom tab (a click on it), so the canvas gets the room. */
export async function closeTab(page: Page, name: string): Promise<void> {
  const tab = page.getByRole('tab', { name, exact: true });
  if ((await tab.getAttribute('aria-selected')) === 'true') await tab.click();
}

/** Opens an example from the gallery with the mouse. */
export async function openExample(page: Page, ui: DesignerPage, id: string): Promise<void> {
  await openTab(page, 'Examples');
  await page.getByTestId(`open-example-${id}`).click();
  await expect.poll(async () => (await ui.design()).hosts.length).toBeGreaterThan(0);
}

/** Screenshots for review (outside test-results/, which each run clears). */
const SHOTS = process.env.VNETLAB_SHOTS ?? '/tmp/vnetlab-shots-4185';

export async function shot(page: Page, journey: string, view: View, step: string): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${journey}-${view.name}-${step}.png` });
}
