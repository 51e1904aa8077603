/**
 * The console as people type it: `ip -br a`, `lo` as ifindex 1, and configuration commands
 * that change the design, each one undo step, with ip's own refusal text.
 */
import { expect, test, type Page } from '@playwright/test';
import { closeTab, openExample, openIn, openTab, shot, VIEWS } from './classroom-views';

async function typeLine(page: Page, line: string): Promise<void> {
  const input = page.getByTestId('console-input');
  await input.click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

for (const view of VIEWS) {
  test.describe(view.name, () => {
    test('ip -br, and ip addr / link / route commands that edit the design (undoable)', async ({ page }) => {
      const ui = await openIn(page, view);
      await openExample(page, ui, '00-two-namespaces-veth');
      await openTab(page, 'Console');
      await page.getByTestId('console-ns-ns1').click();
      const out = page.getByTestId('console-output');
      await typeLine(page, 'ip -br a');
      await expect(out).toContainText(/lo\s+UNKNOWN\s+127\.0\.0\.1\/8/);
      await expect(out).toContainText(/veth0@if\d+\s+UP\s+10\.0\.0\.1\/24/);
      await typeLine(page, 'ip link show lo');
      await expect(out).toContainText('1: lo: <LOOPBACK,UP,LOWER_UP>');
      // ifindexes are numbered as the kernel does: the peer end is made first (2), then the
      // end named in `ip link add` (3); each keeps its number when moved to its namespace
      await typeLine(page, 'ip link show veth0');
      await expect(out).toContainText('3: veth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP>');
      await page.getByTestId('console-ns-ns2').click();
      await typeLine(page, 'ip -br link');
      await expect(out).toContainText(/veth1@if3\s+UP/);
      await page.getByTestId('console-ns-ns1').click();

      await typeLine(page, 'ip addr add 10.0.0.5/24 dev veth0');
      const veth0 = async () => (await ui.design()).hosts[0].devices.find((d) => d.name === 'veth0')!;
      await expect.poll(async () => (await veth0()).addresses.map((a) => a.cidr)).toEqual(['10.0.0.1/24', '10.0.0.5/24']);
      await typeLine(page, 'ip addr add 10.0.0.5/24 dev veth0');
      await expect(out).toContainText('Error: ipv4: Address already assigned.');
      await typeLine(page, 'ip route add default via 10.0.0.2');
      await expect.poll(async () => (await ui.design()).hosts[0].namespaces.find((n) => n.name === 'ns1')!.routes).toEqual([{ dst: 'default', via: '10.0.0.2' }]);
      await typeLine(page, 'ip link set veth0 down');
      await expect.poll(async () => (await veth0()).up).toBe(false);
      await typeLine(page, 'ip -br link');
      await expect(out).toContainText(/veth0@if\d+\s+DOWN/);
      await shot(page, 'console', view, 'edits');

      // Each command was one undo step: three Ctrl+Z take back down, route and address.
      await closeTab(page, 'Console');
      await ui.clickEmpty();
      await page.keyboard.press('Control+z');
      await expect.poll(async () => (await veth0()).up).toBe(true);
      await page.keyboard.press('Control+z');
      await expect.poll(async () => (await ui.design()).hosts[0].namespaces.find((n) => n.name === 'ns1')!.routes).toEqual([]);
      await page.keyboard.press('Control+z');
      await expect.poll(async () => (await veth0()).addresses.length).toBe(1);
    });
  });
}
