/**
 * The screen sizes and themes every classroom journey runs in: a laptop (1440×900) and a
 * projector (1024×768), light and dark. `forEachLayout` declares one test per combination;
 * `useTheme` switches the theme with the toolbar button, as a person would.
 */
import { expect, test, type Page } from '@playwright/test';

export type ThemeName = 'light' | 'dark';
export interface Layout { width: number; height: number; theme: ThemeName; tag: string }

export const LAYOUTS: Layout[] = [
  { width: 1440, height: 900, theme: 'light', tag: '1440x900-light' },
  { width: 1440, height: 900, theme: 'dark', tag: '1440x900-dark' },
  { width: 1024, height: 768, theme: 'light', tag: '1024x768-light' },
  { width: 1024, height: 768, theme: 'dark', tag: '1024x768-dark' },
];

/** Declares `title` once per layout; the page is sized before `body` runs. */
export function forEachLayout(title: string, body: (page: Page, layout: Layout) => Promise<void>): void {
  for (const layout of LAYOUTS) {
    test(`${title} [${layout.tag}]`, async ({ page }) => {
      await page.setViewportSize({ width: layout.width, height: layout.height });
      await body(page, layout);
    });
  }
}

/** Clicks the theme toggle until the app shows `theme`. */
export async function useTheme(page: Page, theme: ThemeName): Promise<void> {
  const app = page.locator('.app');
  if ((await app.getAttribute('data-theme')) !== theme) await page.getByTestId('theme-toggle').click();
  await expect(app).toHaveAttribute('data-theme', theme);
}

/** Where journey screenshots go for review (never committed). */
export function shot(name: string, layout: Layout): string {
  return `${process.env.VNETLAB_SHOTS ?? '/tmp/vnetlab-shots'}/${name}-${layout.tag}.png`;
}
