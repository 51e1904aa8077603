/**
 * A new user's first design, built with the mouse: the host's NIC eth0 on a LAN, two
 * namespaces, a bridge-mode macvlan in each (both named macvlan0 by the palette) with an
 * address. The exported script is downloaded and, as root, run on the kernel in a
 * throw-away sandbox with the NIC the world header provides: no line may fail, and the two
 * namespaces must reach each other. At both window sizes people use.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { DesignerPage } from './designer-page';
import { runKernelCase } from '../src/kernel/run-case';
import { isRoot } from '../src/kernel/sandbox';
import { setupFailures } from '../src/kernel/setup-failures';

for (const viewport of [{ width: 1024, height: 768 }, { width: 1440, height: 900 }]) {
  test.describe(`export journey at ${viewport.width}×${viewport.height}`, () => {
    test.use({ viewport });

    test('two namespaces with a default-named macvlan0 each: the exported script runs and they ping', async ({ page }, info) => {
      const ui = new DesignerPage(page);
      await ui.open();
      const canvas = (await ui.canvas.boundingBox())!;
      const w = canvas.width;

      // Side by side when the canvas is wide, one above the other when it is not.
      const wide = w > 700;
      const ns2At = wide ? { x: 160 + 300, y: 200 } : { x: 160, y: 360 };

      // The NIC first: dropping it on the empty canvas makes the host around it.
      await ui.dropFromPalette('physical', 160, 120);
      await expect(ui.node('device-eth0')).toBeVisible();
      await ui.dragBy('device-eth0', wide ? 0 : 280, wide ? 250 : 80);

      // Two namespaces, named by the palette.
      await ui.dropFromPalette('namespace', 160, 200);
      await expect(ui.node('netns-ns1')).toBeVisible();
      await ui.dropFromPalette('namespace', ns2At.x, ns2At.y);
      await expect(ui.node('netns-ns2')).toBeVisible();
      await page.screenshot({ path: info.outputPath(`namespaces-${viewport.width}.png`) });

      // A macvlan dropped into each, left with its default name, set to bridge mode.
      for (const [ns, cidr] of [['netns-ns1', '192.168.0.101/24'], ['netns-ns2', '192.168.0.102/24']]) {
        await ui.dropOnto('macvlan', ui.node(ns), 0, 10);
        await ui.inspector.getByLabel('Mode').selectOption('bridge');
        await ui.addAddress(cidr);
      }
      const host = (await ui.design()).hosts.find((h) => h.role === 'host')!;
      const macvlans = host.devices.filter((d) => d.kind === 'macvlan');
      expect(macvlans.map((d) => d.name)).toEqual(['macvlan0', 'macvlan0']);
      // wire each one's lower-device plug to eth0
      for (const m of macvlans) await ui.wireIds(m.id, 'link', 'device-eth0', 'upper');

      // The LAN the NIC is plugged into.
      await ui.dropFromPalette('lan', 200, wide ? 560 : 590);
      await ui.wire('device-eth0', 'lan', 'lan-lan0', 'nic');

      const d = await ui.design();
      const mv = d.hosts.find((h) => h.role === 'host')!.devices.filter((x) => x.kind === 'macvlan');
      const eth0 = d.hosts.find((h) => h.role === 'host')!.devices.find((x) => x.name === 'eth0')!;
      expect(mv.map((x) => 'parent' in x && x.parent)).toEqual([eth0.id, eth0.id]);
      expect(eth0.kind === 'physical' && eth0.lan).toBe(d.lans[0].id);
      await page.screenshot({ path: info.outputPath(`design-${viewport.width}.png`) });

      // Export: the Script tab's setup script, downloaded as a user would.
      await page.getByRole('tab', { name: 'Script' }).click();
      await page.getByTestId('script-mode-setup').click();
      const view = page.getByTestId('script-view');
      await expect(view).toContainText("name 'macvlan0' netns 'ns2'");
      await page.locator('.script-line', { hasText: "name 'macvlan0' netns 'ns2'" }).scrollIntoViewIfNeeded();
      await page.screenshot({ path: info.outputPath(`script-${viewport.width}.png`) });
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('script-download').click()]);
      const script = readFileSync((await download.path())!, 'utf8');
      expect(script).toContain("ip link add link 'eth0' name 'macvlan0' netns 'ns1' type macvlan mode bridge");
      expect(script).toContain("ip link add link 'eth0' name 'macvlan0' netns 'ns2' type macvlan mode bridge");
      expect(script).toMatch(/^# phys: eth0 lan=lan0$/m);

      // The kernel: only as root (CI is); everything inside a throw-away sandbox.
      test.skip(!isRoot(), 'running the script on the kernel needs root');
      const probes = 'ping ns1 192.168.0.102 count=2\nping ns2 192.168.0.101 count=2\n';
      const kernel = await runKernelCase({ name: `journey-${viewport.width}`, script, probes });
      expect(setupFailures(kernel, script).map((f) => f.text)).toEqual([]);
      expect(kernel.setup.exit).toBe(0);
      expect(kernel.probes.map((p) => [p.probe, p.ok])).toEqual([
        ['ping ns1 192.168.0.102 count=2', true],
        ['ping ns2 192.168.0.101 count=2', true],
      ]);
    });
  });
}
