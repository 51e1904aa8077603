/**
 * A missing cable shows, and its advice names the real fix: a NIC dropped without a LAN
 * segment and the macvlan stacked on it show NO-CARRIER as `ip link` would, Diagnostics warns
 * about the NIC, a ping's drop says to plug the NIC into a LAN segment, and wiring the segment
 * brings the carrier. A bridge loop without STP is warned about before anyone pings.
 */
import { expect } from '@playwright/test';
import { DesignerPage } from './designer-page';
import { forEachLayout, shot, useTheme } from './layouts';

forEachLayout('a NIC without a LAN shows no carrier, and the drop says to plug it in', async (page, layout) => {
  const ui = new DesignerPage(page);
  await ui.open();
  await useTheme(page, layout.theme);
  const at = async (fx: number, fy: number) => { const b = (await ui.canvas.boundingBox())!; return [Math.round(b.width * fx), Math.round(b.height * fy)] as const; };
  await ui.dropFromPalette('physical', ...(await at(0.25, 0.6)));
  await expect(ui.node('device-eth0')).toBeVisible();
  await ui.inspector.getByLabel('Up', { exact: true }).check();
  await ui.dropFromPalette('macvlan', ...(await at(0.75, 0.2)));
  await ui.inspector.getByLabel('Up', { exact: true }).check();
  await ui.addAddress('192.168.7.10/24');
  await ui.wire('device-macvlan0', 'link', 'device-eth0', 'upper');
  // a LAN segment lies ready beside the host, not yet plugged in
  await ui.dropFromPalette('lan', ...(await at(0.3, 0.92)));
  await expect(ui.node('lan-lan0')).toBeVisible();
  const eth0 = ui.node('device-eth0').getByTestId('link-state');
  const mac = ui.node('device-macvlan0').getByTestId('link-state');
  await expect(eth0).toContainText('NO-CARRIER');
  await expect(mac).toContainText('NO-CARRIER');
  await page.getByTestId('diagnostics-badge').click();
  await expect(page.locator('.diag-row', { hasText: 'on no LAN segment' })).toBeVisible();
  await page.screenshot({ path: shot('link-no-carrier', layout) });

  await page.getByRole('tab', { name: 'Console' }).click();
  await page.getByTestId('console-ns-host').click();
  await page.getByTestId('console-input').click();
  await page.keyboard.type('ping -c 1 192.168.7.20');
  await page.keyboard.press('Enter');
  await page.getByRole('tab', { name: 'Simulation' }).click();
  await page.getByTestId('filter-other').check();
  await page.getByTestId('filter-drops').check();
  await page.locator('.sim-event.kind-drop').first().click({ timeout: 20_000 });
  const fix = page.getByTestId('drop-fix');
  await expect(fix).toContainText('Plug the NIC eth0 into a LAN segment');
  await expect(fix).not.toContainText('Bring up');
  await page.screenshot({ path: shot('link-drop-fix', layout) });

  // plug it in, wiring the NIC to the segment with the mouse
  await page.getByRole('tab', { name: 'Simulation' }).click();
  await ui.wire('device-eth0', 'lan', 'lan-lan0', 'nic');
  await page.screenshot({ path: shot('link-plugged', layout) });
  await expect(eth0).toHaveText('UP');
  await expect(mac).toHaveText('UP');
  await page.getByRole('tab', { name: 'Diagnostics' }).click();
  await expect(page.locator('.diag-row', { hasText: 'on no LAN segment' })).toHaveCount(0);
});

forEachLayout('a bridge loop without STP is warned about before any ping', async (page, layout) => {
  const ui = new DesignerPage(page);
  await ui.open();
  await useTheme(page, layout.theme);
  await page.getByTestId('import-script').click();
  await page.getByTestId('import-text').click();
  await page.keyboard.insertText(`ip link add br0 type bridge
ip link add br1 type bridge
ip link add a0 type veth peer name a1
ip link add b0 type veth peer name b1
ip link set a0 master br0
ip link set a1 master br1
ip link set b0 master br0
ip link set b1 master br1
`);
  await page.getByTestId('import-run').click();
  await page.keyboard.press('Escape');
  await expect(ui.node('device-br1')).toBeVisible();
  await page.getByTestId('diagnostics-badge').click();
  const warning = page.locator('.diag-row', { hasText: 'loop' });
  await expect(warning).toHaveCount(1);
  await expect(warning).toContainText('stp_state 1');
  await page.screenshot({ path: shot('link-bridge-loop', layout) });
  // turning STP on (in the inspector) clears it
  await warning.click();
  await ui.inspector.getByLabel(/STP/).check();
  await expect(page.locator('.diag-row', { hasText: 'loop' })).toHaveCount(0);
});
