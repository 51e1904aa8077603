/**
 * Carrier shows as the kernel sees it, and a drop's advice names the real fix. A NIC dropped
 * without a LAN segment is plugged into a switch of its own (as the script header builds it):
 * it has carrier, and Diagnostics says nothing outside the host is reachable until it is
 * plugged into a segment. A veth whose peer was left down has no carrier; the drop names the
 * peer to bring up, not the device that is already up, and bringing the peer up in the
 * inspector brings the carrier. A bridge loop without STP is warned about before anyone pings.
 */
import { expect } from '@playwright/test';
import { DesignerPage } from './designer-page';
import { forEachLayout, shot, useTheme } from './layouts';

forEachLayout('a NIC on no drawn LAN has carrier and is warned about until it is plugged in', async (page, layout) => {
  const ui = new DesignerPage(page);
  await ui.open();
  await useTheme(page, layout.theme);
  const at = async (fx: number, fy: number) => { const b = (await ui.canvas.boundingBox())!; return [Math.round(b.width * fx), Math.round(b.height * fy)] as const; };
  await ui.dropFromPalette('physical', ...(await at(0.25, 0.6)));
  await expect(ui.node('device-eth0')).toBeVisible();
  await ui.inspector.getByLabel('Up', { exact: true }).check();
  await ui.dropFromPalette('lan', ...(await at(0.3, 0.92)));
  await expect(ui.node('lan-lan0')).toBeVisible();
  const eth0 = ui.node('device-eth0').getByTestId('link-state');
  await expect(eth0).toHaveText('UP');
  await page.getByTestId('diagnostics-badge').click();
  await expect(page.locator('.diag-row', { hasText: 'on no drawn LAN segment' })).toBeVisible();
  await page.screenshot({ path: shot('link-nic-own-switch', layout) });
  await ui.wire('device-eth0', 'lan', 'lan-lan0', 'nic');
  await expect(eth0).toHaveText('UP');
  await page.getByRole('tab', { name: 'Diagnostics' }).click();
  await expect(page.locator('.diag-row', { hasText: 'on no drawn LAN segment' })).toHaveCount(0);
});

forEachLayout('a veth whose peer is down shows no carrier, and the drop says which peer to bring up', async (page, layout) => {
  const ui = new DesignerPage(page);
  await ui.open();
  await useTheme(page, layout.theme);
  await page.getByTestId('import-script').click();
  await page.getByTestId('import-text').click();
  await page.keyboard.insertText(`ip netns add ns1
ip link add v0 type veth peer name v1
ip link set v1 netns ns1
ip addr add 10.0.0.1/24 dev v0
ip link set v0 up
ip -n ns1 addr add 10.0.0.2/24 dev v1
`);
  await page.getByTestId('import-run').click();
  await page.keyboard.press('Escape');
  await expect(ui.node('device-v1')).toBeVisible();
  const v0 = ui.node('device-v0').getByTestId('link-state');
  await expect(v0).toContainText('NO-CARRIER');
  await page.getByTestId('diagnostics-badge').click();
  await expect(page.locator('.diag-row', { hasText: 'its peer' }).first()).toBeVisible();
  await page.screenshot({ path: shot('link-no-carrier', layout) });

  await page.getByRole('tab', { name: 'Console' }).click();
  await page.getByTestId('console-ns-host').click();
  await page.getByTestId('console-input').click();
  await page.keyboard.type('ping -c 1 10.0.0.2');
  await page.keyboard.press('Enter');
  await page.getByRole('tab', { name: 'Simulation' }).click();
  await page.getByTestId('filter-other').check();
  await page.getByTestId('filter-drops').check();
  await page.locator('.sim-event.kind-drop').first().click({ timeout: 20_000 });
  const fix = page.getByTestId('drop-fix');
  await expect(fix).toContainText('ip link set v1 up');
  await expect(fix).not.toContainText('ip link set v0 up');
  await page.screenshot({ path: shot('link-drop-fix', layout) });

  // bring the peer up in the inspector
  await ui.select('device-v1');
  await ui.inspector.getByLabel('Up', { exact: true }).check();
  await expect(v0).toHaveText('UP');
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
