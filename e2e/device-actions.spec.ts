/**
 * Pinging like a simple PDU: the Ping tool, then a click on the sender and one on the target;
 * and the device menu (right-click, or Shift+F10 on a focused node) for ping, arping and
 * capture, driven with the mouse and the keyboard.
 */
import { expect, test } from '@playwright/test';
import { closeTab, openExample, openIn, shot, VIEWS } from './classroom-views';

for (const view of VIEWS) {
  test.describe(view.name, () => {
    test('the ping tool pings from the first device clicked to the second', async ({ page }) => {
      const ui = await openIn(page, view);
      await openExample(page, ui, '00-two-namespaces-veth');
      await closeTab(page, 'Examples');
      await page.keyboard.press('f');
      await page.getByTestId('ping-tool').click();
      await expect(page.getByTestId('ping-hint')).toContainText('click the device that sends');
      await ui.node('device-veth0').click();
      await expect(page.getByTestId('ping-hint')).toContainText('Ping from ns1 veth0');
      await shot(page, 'ping-tool', view, 'picked-sender');
      await ui.node('device-veth1').click();
      await expect(page.getByTestId('ping-hint')).toHaveCount(0);
      await expect(page.getByTestId('console-output')).toContainText('ping -c 1 10.0.0.2');
      await expect(page.getByTestId('console-output')).toContainText('1 received', { timeout: 20_000 });
      await shot(page, 'ping-tool', view, 'replied');
      // P toggles the tool from the keyboard, Esc leaves it.
      await ui.clickEmpty();
      await page.keyboard.press('p');
      await expect(page.getByTestId('ping-hint')).toBeVisible();
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('ping-hint')).toHaveCount(0);
    });

    test('right-click a device for ping, arping and capture; the menu works from the keyboard', async ({ page }) => {
      const ui = await openIn(page, view);
      await openExample(page, ui, '00-two-namespaces-veth');
      await closeTab(page, 'Examples');
      await page.keyboard.press('f');
      await ui.node('device-veth0').click({ button: 'right' });
      const menu = page.getByTestId('device-menu');
      await expect(menu).toBeVisible();
      await expect(menu.getByRole('menuitem').first()).toBeFocused();
      await shot(page, 'device-menu', view, 'open');
      await page.keyboard.press('Enter'); // the first item: ping the nearest address
      await expect(menu).toHaveCount(0);
      await expect(page.getByTestId('console-output')).toContainText('1 received', { timeout: 20_000 });

      await ui.node('device-veth0').click({ button: 'right' });
      await page.getByTestId('menu-arping-10.0.0.2').click();
      await expect(page.getByTestId('console-output')).toContainText('Received 1 response(s)', { timeout: 20_000 });

      // Keyboard only: focus the node, Shift+F10, arrows, Enter.
      await page.locator('.react-flow__node', { has: page.getByTestId('device-veth0') }).focus();
      await page.keyboard.press('Shift+F10');
      await expect(menu).toBeVisible();
      await page.keyboard.press('End');
      await expect(page.getByTestId('menu-capture')).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('capture-iface')).toHaveValue('ns1:veth0');
      await page.locator('.react-flow__node', { has: page.getByTestId('device-veth0') }).focus();
      await page.keyboard.press('Shift+F10');
      await page.keyboard.press('Escape');
      await expect(menu).toHaveCount(0);

      // "+ test" keeps the ping as a saved test (one undo step).
      await ui.node('device-veth0').click({ button: 'right' });
      await page.getByRole('menuitem', { name: 'Save ping 10.0.0.2 as a test' }).click();
      await expect.poll(async () => (await ui.design()).tests?.at(-1)?.probe).toBe('ping ns1 10.0.0.2');
    });
  });
}
