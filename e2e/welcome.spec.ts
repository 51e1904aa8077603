/**
 * The first-open screen: on an empty canvas it points to the Examples, Import and a tour;
 * the tour rings each region in turn (keyboard: → and Esc), and once closed it stays closed.
 */
import { expect, test } from '@playwright/test';
import { shot, VIEWS } from './classroom-views';
import { DesignerPage } from './designer-page';

for (const view of VIEWS) {
  test.describe(view.name, () => {
    test('the first open points to examples, import and a 30-second tour', async ({ page }) => {
      await page.setViewportSize({ width: view.width, height: view.height });
      const ui = new DesignerPage(page);
      await ui.open();
      if (view.theme === 'dark') await page.getByTestId('theme-toggle').click();
      const welcome = page.getByTestId('welcome');
      await expect(welcome).toBeVisible();
      await shot(page, 'welcome', view, 'first-open');
      // Nothing falls outside the canvas.
      const w = (await welcome.boundingBox())!; const c = (await ui.canvas.boundingBox())!;
      expect(w.x >= c.x && w.x + w.width <= c.x + c.width).toBe(true);

      await page.getByTestId('welcome-tour').click();
      const tour = page.getByTestId('tour');
      await expect(tour).toContainText('1 / 5');
      await expect(tour).toContainText('palette');
      await page.getByTestId('tour-next').click();
      await expect(tour).toContainText('2 / 5');
      await page.keyboard.press('ArrowRight');
      await expect(tour).toContainText('3 / 5');
      await shot(page, 'welcome', view, 'tour-step3');
      const card = (await tour.boundingBox())!;
      expect(card.x >= 0 && card.x + card.width <= view.width && card.y + card.height <= view.height).toBe(true);
      await page.keyboard.press('ArrowRight');
      await expect(tour).toContainText('Press Ping');
      await page.keyboard.press('Escape');
      await expect(tour).toHaveCount(0);
      await expect(welcome).toHaveCount(0);
      await page.reload();
      await expect(page.locator('.react-flow')).toBeVisible();
      await expect(welcome).toHaveCount(0);
    });

    test('the first open leads to the examples and to import', async ({ page }) => {
      await page.setViewportSize({ width: view.width, height: view.height });
      const ui = new DesignerPage(page);
      await ui.open();
      if (view.theme === 'dark') await page.getByTestId('theme-toggle').click();
      await page.getByTestId('welcome-examples').click();
      await expect(page.getByRole('tab', { name: 'Examples', exact: true })).toHaveAttribute('aria-selected', 'true');
      await page.evaluate(() => localStorage.removeItem('vnetlab:welcomed'));
      await page.reload();
      await page.getByTestId('welcome-import').click();
      await expect(page.getByRole('dialog')).toBeVisible();
    });
  });
}
