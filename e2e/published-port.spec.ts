/**
 * The docker-style published port from the gallery: the outside client connects to the host's
 * port 8080 with `nc -z`, the connection is refused once the PREROUTING DNAT rule is removed in
 * the inspector, and traceroute from the container lists its hops.
 */
import { expect, test, type Page } from '@playwright/test';
import { openExample, openIn, openTab, shot, VIEWS } from './classroom-views';

async function typeLine(page: Page, line: string): Promise<void> {
  const input = page.getByTestId('console-input');
  await input.click();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

for (const view of VIEWS.filter((v) => v.theme === 'light')) {
  test(`published port: nc -z connects, is refused without DNAT; traceroute [${view.name}]`, async ({ page }) => {
    const ui = await openIn(page, view);
    await openExample(page, ui, '13-docker-published-port');
    await openTab(page, 'Console');
    const out = page.getByTestId('console-output');

    await page.getByTestId('console-ns-web').click();
    await typeLine(page, 'traceroute -n 192.168.0.1');
    await expect(out).toContainText('traceroute to 192.168.0.1 (192.168.0.1), 30 hops max');
    await expect(out).toContainText(/ 1 {2}172\.17\.0\.1 {2}[\d.]+ ms/);
    await expect(out).toContainText(/ 2 {2}192\.168\.0\.1 {2}[\d.]+ ms/);

    await page.getByTestId('console-ns-client').click();
    await typeLine(page, 'nc -z -w 1 192.168.0.171 8080');
    await expect(out).toContainText('Connection to 192.168.0.171 8080 port [tcp/*] succeeded!');
    await shot(page, 'published-port', view, 'connected');

    // remove the PREROUTING DNAT rule in the host's inspector, with the mouse
    await ui.select('host-host');
    const rule = ui.inspector.locator('li', { hasText: /-A PREROUTING.*-j DNAT/ });
    await rule.scrollIntoViewIfNeeded();
    await rule.getByRole('button', { name: 'Remove rule' }).click();
    await expect.poll(async () => (await ui.design()).hosts[0].namespaces[0].firewall.some((r) => r.chain === 'PREROUTING')).toBe(false);

    await openTab(page, 'Console');
    await page.getByTestId('console-ns-client').click();
    await typeLine(page, 'nc -z -w 1 192.168.0.171 8080');
    await expect(out).toContainText('nc: connect to 192.168.0.171 port 8080 (tcp) failed: Connection refused');
    await shot(page, 'published-port', view, 'refused');
  });
}
