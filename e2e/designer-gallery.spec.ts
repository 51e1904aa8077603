/**
 * Every device kind and every kind of wire on one canvas, loaded through the test API:
 * checks each relation draws with its own style and label, and leaves a screenshot to look at.
 */
import { expect, test } from '@playwright/test';
import { emptyDesign, IdAllocator } from '../src/core/model/design';
import { addDevice, addLanAt, addMachine, addNamespaceTo, type PaletteDeviceKind } from '../src/core/model/edit/add';
import { connect } from '../src/core/model/edit/connect';
import { addAddress, setDeviceFields } from '../src/core/model/edit/fields';
import { moveDevice } from '../src/core/model/edit/move-device';
import type { EditResult } from '../src/core/model/edit/result';
import type { Design, Id } from '../src/core/model/types';

function gallery(): Design {
  let d = emptyDesign();
  const run = (r: EditResult): Id[] => { if (!r.ok) throw new Error(r.reason); d = r.design; return r.created; };
  const [host] = run(addMachine(d, 'host', { x: 20, y: 20 }, new IdAllocator(d)));
  const root = d.hosts[0].namespaces[0].id;
  const [ns] = run(addNamespaceTo(d, host, { x: 24, y: 46 }, new IdAllocator(d), 'red'));
  const dev = (kind: PaletteDeviceKind, x: number, y: number, nsId = root) => run(addDevice(d, kind, nsId, { x, y }, new IdAllocator(d)));
  const [eth0] = dev('physical', 24, 420);
  const [br0] = dev('bridge', 420, 250);
  const [veth0, veth1] = dev('veth', 620, 420);
  run(moveDevice(d, veth0, ns));
  run(setDeviceFields(d, veth0, { up: true }));
  d = { ...d, layout: { ...d.layout, positions: { ...d.layout.positions, [veth0]: { x: 24, y: 50 }, [veth1]: { x: 420, y: 420 } } } };
  run(connect(d, veth1, br0, 'master'));
  const [tap0] = dev('tap', 620, 420);
  run(setDeviceFields(d, tap0, { attached: true }));
  run(connect(d, tap0, br0, 'master'));
  const [vlan] = dev('vlan', 24, 250);
  run(connect(d, vlan, eth0, 'parent'));
  const [mac] = dev('macvtap', 220, 250);
  run(connect(d, mac, eth0, 'parent'));
  const [ipv] = dev('ipvlan', 820, 250);
  const [dummy] = dev('dummy', 820, 420);
  run(connect(d, ipv, dummy, 'parent'));
  dev('tun', 820, 100);
  run(addAddress(d, eth0, { cidr: '192.168.0.171/24' }));
  const [lan] = run(addLanAt(d, { x: 60, y: 640 }, new IdAllocator(d)));
  run(connect(d, eth0, lan, 'lan'));
  const [ext] = run(addMachine(d, 'external', { x: 360, y: 640 }, new IdAllocator(d)));
  const extNic = d.hosts.find((h) => h.id === ext)!.devices.find((x) => x.kind === 'physical')!.id;
  run(connect(d, extNic, lan, 'lan'));
  return d;
}

test('every device kind and wire kind is drawn distinctly, with labels', async ({ page }) => {
  await page.goto('/?testapi');
  await page.evaluate((d) => window.__vnetlab!.loadDesign(d), gallery());
  await expect(page.locator('.react-flow__node-device')).toHaveCount(11);
  await page.waitForTimeout(400);
  await page.screenshot({ path: '/tmp/designer-gallery.png' });
  for (const rel of ['parent', 'master', 'peer', 'lan']) await expect(page.locator(`.react-flow__edge-path.rel-${rel}`)).not.toHaveCount(0);
  const styles = await page.evaluate(() => ['parent', 'master', 'peer', 'lan'].map((rel) => {
    const el = document.querySelector(`.react-flow__edge-path.rel-${rel}`)!;
    const cs = getComputedStyle(el);
    return `${cs.stroke}|${cs.strokeDasharray}|${cs.strokeWidth}`;
  }));
  expect(new Set(styles).size).toBe(4);
  await expect(page.locator('.edge-label', { hasText: 'vlan 10' })).toBeVisible();
  await expect(page.locator('.edge-label', { hasText: 'veth peer' })).toBeVisible();
  await page.waitForTimeout(400);
  await page.screenshot({ path: '/tmp/designer-gallery.png' });
  // The same canvas in the dark theme, when the theme toggle is there.
  const dark = page.getByRole('button', { name: /dark/i });
  if (await dark.count()) {
    await dark.first().click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: '/tmp/designer-gallery-dark.png' });
  }
});
