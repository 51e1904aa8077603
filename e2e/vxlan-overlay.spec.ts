/**
 * The two-host VXLAN overlay built on an empty canvas like a person would: two namespaces
 * acting as hosts h1 and h2, joined by a veth pair (the underlay, 192.168.1.0/24); in each a
 * bridge br0 holding the overlay address (10.20.0.0/24) and a VXLAN port (VNI 100, UDP 4789,
 * remote = the other host). A console ping from h1 crosses the overlay, and the capture of
 * h1's underlay end shows each frame twice: the outer UDP/VXLAN headers and the inner frame.
 */
import { expect } from '@playwright/test';
import { DesignerPage } from './designer-page';
import { LAYOUTS, shot, useTheme } from './layouts';
import { test } from '@playwright/test';

/** Opens a bottom tab (a click on the open tab would close it). */
async function openTab(ui: DesignerPage, name: string): Promise<void> {
  const tab = ui.page.getByRole('tab', { name, exact: true });
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
}

/** Sets the VXLAN fields of the selected device in the inspector. */
async function configureVxlan(ui: DesignerPage, local: string, remote: string): Promise<void> {
  await ui.fill('VNI (id)', '100');
  await ui.fill('Local address (local)', local);
  await ui.fill('Remote endpoint (remote)', remote);
  await ui.inspector.getByLabel('Underlay device (dev)', { exact: true }).selectOption({ label: 'eth0' });
}

for (const layout of LAYOUTS.filter((l) => l.tag === '1440x900-light' || l.tag === '1024x768-dark')) {
  test(`the two-host VXLAN overlay, built on the canvas, pinged through and captured [${layout.tag}]`, async ({ page }) => {
    await page.setViewportSize({ width: layout.width, height: layout.height });
    const ui = new DesignerPage(page);
    await ui.open();
    await useTheme(page, layout.theme);
    const box = (await ui.canvas.boundingBox())!;
    // h2 below h1, so that h1 can grow to the right on a narrow screen without covering it
    const left = Math.round(box.width * 0.12);
    const below = Math.round(box.height * 0.55);

    // the two hosts, as namespaces with their loopback up
    await ui.dropFromPalette('namespace', left, 40);
    await ui.rename('h1');
    await ui.inspector.getByLabel('lo up').check();
    await ui.dropFromPalette('namespace', left, below);
    await ui.rename('h2');
    await ui.inspector.getByLabel('lo up').check();

    // the underlay: a veth pair dropped into h1, one end moved to h2, both named eth0
    await ui.dropOnto('veth', ui.node('netns-h1'), 0, 10);
    await ui.rename('eth0');
    await ui.addAddress('192.168.1.1/24');
    // the view follows the drops; bring everything back into sight to pick the other end
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    await ui.select('device-veth1');
    await ui.inspector.getByLabel('Namespace', { exact: true }).selectOption({ label: 'h2' });
    // moving a device to another namespace takes it down, as `ip link set … netns` does
    await ui.inspector.getByLabel('Up', { exact: true }).check();
    await ui.rename('eth0');
    await ui.addAddress('192.168.1.2/24');

    // h1: the bridge with the overlay address, and the VXLAN wired to it with the mouse
    await ui.dropOnto('bridge', ui.node('netns-h1'), -40, 40);
    await ui.addAddress('10.20.0.1/24');
    await ui.dropOnto('vxlan', ui.node('netns-h1'), 40, -30);
    await configureVxlan(ui, '192.168.1.1', '192.168.1.2');
    await ui.wire('device-vxlan0', 'master', 'device-br0', 'ports');

    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    // h2: the same, its VXLAN enslaved from the inspector (the names now exist twice)
    await ui.dropOnto('bridge', ui.node('netns-h2'), -40, 40);
    await ui.addAddress('10.20.0.2/24');
    await ui.dropOnto('vxlan', ui.node('netns-h2'), 40, -30);
    await configureVxlan(ui, '192.168.1.2', '192.168.1.1');
    await ui.inspector.getByTestId('relation-master').selectOption({ label: 'br0 (h2)' });

    const design = await ui.design();
    const host = design.hosts.find((h) => h.role === 'host')!;
    const vx = host.devices.filter((d) => d.kind === 'vxlan');
    expect(vx).toHaveLength(2);
    for (const v of vx) {
      expect(v).toMatchObject({ vni: 100, dstport: 4789 });
      expect(host.devices.find((d) => d.id === v.master)?.kind).toBe('bridge');
    }
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    await page.screenshot({ path: shot('vxlan-overlay-canvas', layout) });

    // a ping from h1 to h2's bridge address, through the tunnel
    await ui.consoleRun('h1', 'ping -c 1 10.20.0.2');
    const out = page.getByTestId('console-output');
    await expect(out).toContainText('1 packets transmitted, 1 received, 0% packet loss', { timeout: 20_000 });

    // the capture of the underlay end: outer UDP to port 4789 with VNI 100, then the inner frame
    await openTab(ui, 'Captures & tables');
    await page.getByTestId('capture-iface').selectOption('h1:eth0');
    const capture = page.getByTestId('capture-text');
    await expect(capture).toContainText('192.168.1.1.');
    const text = await capture.innerText();
    expect(text).toMatch(/192\.168\.1\.1\.\d+ > 192\.168\.1\.2\.4789: VXLAN, flags \[I\] \(0x08\), vni 100\n[0-9a-f:]{17} > [0-9a-f:]{17}, ethertype ARP \(0x0806\), length 42: Request who-has 10\.20\.0\.2 tell 10\.20\.0\.1/);
    expect(text).toMatch(/VXLAN, flags \[I\] \(0x08\), vni 100\n[0-9a-f:]{17} > [0-9a-f:]{17}, ethertype IPv4 \(0x0800\), length 98: 10\.20\.0\.1 > 10\.20\.0\.2: ICMP echo request/);
    expect(text).toMatch(/VXLAN, flags \[I\] \(0x08\), vni 100\n[0-9a-f:]{17} > [0-9a-f:]{17}, ethertype IPv4 \(0x0800\), length 98: 10\.20\.0\.2 > 10\.20\.0\.1: ICMP echo reply/);
    await page.screenshot({ path: shot('vxlan-overlay-capture', layout) });
  });
}
