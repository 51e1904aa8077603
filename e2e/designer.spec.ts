/**
 * The designer driven like a person: build the field notes' macvlan bridge scenario from an
 * empty canvas with palette drags, handle wiring and inspector typing; then undo/redo,
 * multi-select + delete, and a connection the kernel refuses.
 */
import { expect, test } from '@playwright/test';
import { canonical, exportMatchesGolden } from './design-compare';
import { DesignerPage } from './designer-page';
import { macvlanBridgeDesign } from '../src/core/iproute2/export/test-designs';
import type { Design, Device, MacvlanDevice } from '../src/core/model/types';

function dev(d: Design, name: string, nsName: string): Device | undefined {
  const host = d.hosts.find((h) => h.role === 'host')!;
  const ns = host.namespaces.find((n) => n.name === nsName)!;
  return host.devices.find((x) => x.ns === ns.id && x.name === name);
}

/**
 * The field notes' macvlan bridge scenario, built in the order the export tests' design is
 * (`macvlanBridgeDesign`), so the two documents can be compared object for object.
 */
async function buildMacvlanBridge(ui: DesignerPage): Promise<void> {
  const { page } = ui;
  // The physical NIC first: dropping on an empty canvas makes the host around it.
  await ui.dropFromPalette('physical', 200, 130);
  await expect(ui.node('device-eth0')).toBeVisible();
  await ui.addAddress('192.168.0.171/24');
  // Make room above it for the namespaces: drag it down inside the host.
  await ui.dragBy('device-eth0', 0, 260);

  await ui.dropFromPalette('namespace', 210, 200);
  await ui.rename('ns1');
  await ui.inspector.getByLabel('lo up').check();
  await ui.dropFromPalette('namespace', 500, 200);
  await ui.rename('ns2');
  await ui.inspector.getByLabel('lo up').check();

  // mac1 in ns1, mac2 in ns2, dropped straight into their namespaces; mac3 in the host.
  const children: [string, string | null, string][] = [['mac1', 'netns-ns1', '192.168.0.100/24'], ['mac2', 'netns-ns2', '192.168.0.200/24'], ['mac3', null, MAC3_CIDR]];
  for (const [name, into, cidr] of children) {
    if (into) await ui.dropOnto('macvlan', ui.node(into), 0, 10);
    else await ui.dropFromPalette('macvlan', 480, 390);
    await ui.rename(name);
    await ui.inspector.getByLabel('Mode').selectOption('bridge');
    await ui.addAddress(cidr);
  }

  // Wire each child's lower-device plug to eth0's socket.
  for (const name of ['mac1', 'mac2', 'mac3']) await ui.wire(`device-${name}`, 'link', 'device-eth0', 'upper');

  // The outside world: a LAN segment named after the NIC, and a gateway on it.
  await ui.dropFromPalette('lan', 230, 560);
  await ui.rename('eth0');
  await ui.dropFromPalette('external', 380, 500);
  await ui.rename('gw');
  await ui.addAddress('192.168.0.1/24');
  await ui.wire('device-eth0', 'lan', 'lan-eth0', 'nic');
  const gwNic = page.locator('.react-flow__node', { has: ui.node('host-gw') });
  const gwEth0 = (await gwNic.getAttribute('data-id'))!;
  const gwDevice = (await ui.design()).hosts.find((h) => h.id === gwEth0)!.devices.find((x) => x.kind === 'physical')!;
  await ui.wireIds(gwDevice.id, 'lan', 'lan-eth0', 'nic');

  // Host routes: /32 to each namespace via mac3; ns1's default route via the gateway.
  await ui.select('host-host');
  for (const dst of ['192.168.0.100/32', '192.168.0.200/32']) {
    await page.getByTestId('route-dst').fill(dst);
    await ui.inspector.getByLabel('Dev').first().selectOption({ label: 'mac3' });
    await page.getByTestId('route-add').click();
  }
  await ui.select('netns-ns1');
  await page.getByTestId('route-dst').fill('default');
  await page.getByTestId('route-via').fill('192.168.0.1');
  await page.getByTestId('route-add').click();

  // The design's title, from the inspector with nothing selected.
  await ui.clickEmpty();
  await ui.fill('Title', macvlanBridgeDesign().title!);
}

/** mac3's address in the export tests' scenario. */
const MAC3_CIDR = macvlanBridgeDesign().hosts[0].devices.find((d) => d.name === 'mac3')!.addresses[0].cidr;

test.describe('designer', () => {
  test('builds the macvlan bridge scenario with the mouse and the inspector', async ({ page }) => {
    const ui = new DesignerPage(page);
    await ui.open();
    await buildMacvlanBridge(ui);

    const d = await ui.design();
    expect(d.hosts.filter((h) => h.role === 'host')).toHaveLength(1);
    const host = d.hosts[0];
    const eth0 = dev(d, 'eth0', 'host')!;
    expect(eth0.kind).toBe('physical');
    expect(eth0.addresses.map((a) => a.cidr)).toEqual(['192.168.0.171/24']);
    const expectations: [string, string, string][] = [['mac1', 'ns1', '192.168.0.100/24'], ['mac2', 'ns2', '192.168.0.200/24'], ['mac3', 'host', MAC3_CIDR]];
    for (const [name, ns, cidr] of expectations) {
      const m = dev(d, name, ns) as MacvlanDevice;
      expect(m, `${name} in ${ns}`).toBeTruthy();
      expect(m.kind).toBe('macvlan');
      expect(m.mode).toBe('bridge');
      expect(m.parent).toBe(eth0.id);
      expect(m.up).toBe(true);
      expect(m.addresses.map((a) => a.cidr)).toEqual([cidr]);
    }
    const root = host.namespaces.find((n) => n.root)!;
    const mac3 = dev(d, 'mac3', 'host')!;
    expect(root.routes).toEqual([{ dst: '192.168.0.100/32', dev: mac3.id }, { dst: '192.168.0.200/32', dev: mac3.id }]);
    await expect(page.locator('.react-flow__edge')).toHaveCount(5);
    // The same document, object for object, as the export tests' design.
    expect(canonical(d)).toEqual(canonical(macvlanBridgeDesign()));
    await exportMatchesGolden(d);
    await page.screenshot({ path: '/tmp/designer-macvlan.png' });
  });

  test('undo and redo walk through edits, one step per drag', async ({ page }) => {
    const ui = new DesignerPage(page);
    await ui.open();
    await ui.dropFromPalette('physical', 250, 200);
    const box = (await ui.node('device-eth0').boundingBox())!;
    const before = (await ui.design()).layout.positions;
    const id = (await ui.design()).hosts[0].devices.find((d) => d.name === 'eth0')!.id;
    // Drag the NIC by 120 px inside its host: many mouse moves, one undo step.
    await page.mouse.move(box.x + 40, box.y + 30);
    await page.mouse.down();
    await page.mouse.move(box.x + 100, box.y + 60, { steps: 8 });
    await page.mouse.move(box.x + 160, box.y + 90, { steps: 8 });
    await page.mouse.up();
    const moved = (await ui.design()).layout.positions[id];
    expect(moved.x - before[id].x).toBeGreaterThan(100);
    await ui.clickEmpty();
    await page.keyboard.press('Control+z');
    expect((await ui.design()).layout.positions[id]).toEqual(before[id]);
    await page.keyboard.press('Control+z');
    expect((await ui.design()).hosts).toHaveLength(0);
    await expect(ui.node('device-eth0')).toHaveCount(0);
    await page.keyboard.press('Control+Shift+z');
    await expect(ui.node('device-eth0')).toBeVisible();
    await page.keyboard.press('Control+y');
    expect((await ui.design()).layout.positions[id]).toEqual(moved);
  });

  test('shift-click multi-select and Delete remove objects with the kernel cascade', async ({ page }) => {
    const ui = new DesignerPage(page);
    await ui.open();
    await ui.dropFromPalette('veth', 200, 160);
    await ui.dropFromPalette('dummy', 480, 160);
    await ui.dropFromPalette('dummy', 480, 300);
    await expect(ui.node('device-veth1')).toBeVisible();
    await expect(page.locator('.react-flow__edge')).toHaveCount(1);
    await ui.select('device-veth0');
    await ui.select('device-dummy0', { shift: true });
    expect(await page.evaluate(() => window.__vnetlab!.getSelection().length)).toBe(2);
    await expect(ui.inspector.getByText('2 selected')).toBeVisible();
    await page.keyboard.press('Delete');
    const names = (await ui.design()).hosts[0].devices.map((d) => d.name);
    // veth1 goes with its peer; dummy1 was not selected and stays.
    expect(names.sort()).toEqual(['dummy1', 'lo']);
    await expect(page.locator('.react-flow__edge')).toHaveCount(0);
    await page.keyboard.press('Control+z');
    expect((await ui.design()).hosts[0].devices).toHaveLength(5);
  });

  test('box selection with shift-drag selects the devices inside', async ({ page }) => {
    const ui = new DesignerPage(page);
    await ui.open();
    await ui.dropFromPalette('dummy', 200, 160);
    await ui.dropFromPalette('dummy', 420, 160);
    await ui.clickEmpty();
    const a = (await ui.node('device-dummy0').boundingBox())!;
    const b = (await ui.node('device-dummy1').boundingBox())!;
    await page.keyboard.down('Shift');
    await page.mouse.move(a.x - 15, a.y - 15);
    await page.mouse.down();
    await page.mouse.move(b.x + b.width + 15, b.y + b.height + 15, { steps: 10 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    const sel = await page.evaluate(() => window.__vnetlab!.getSelection());
    const d = await ui.design();
    const dummies = d.hosts[0].devices.filter((x) => x.kind === 'dummy').map((x) => x.id);
    for (const id of dummies) expect(sel).toContain(id);
  });

  test('a connection the kernel refuses is refused as it is dropped, with the reason', async ({ page }) => {
    const ui = new DesignerPage(page);
    await ui.open();
    await ui.dropFromPalette('bridge', 250, 140);
    await ui.dropFromPalette('physical', 200, 270);
    await ui.dropFromPalette('macvlan', 450, 270);
    await ui.wire('device-eth0', 'master', 'device-br0', 'ports');
    await expect(page.locator('.react-flow__edge')).toHaveCount(1);
    await ui.wire('device-macvlan0', 'link', 'device-eth0', 'upper');
    await expect(page.getByRole('alert').filter({ hasText: 'EBUSY' })).toBeVisible();
    await expect(page.getByRole('alert').filter({ hasText: 'bridge port' })).toBeVisible();
    const mac = (await ui.design()).hosts[0].devices.find((d) => d.name === 'macvlan0')!;
    expect(mac.kind === 'macvlan' && mac.parent).toBe('');
    await expect(page.locator('.react-flow__edge')).toHaveCount(1);
    await page.screenshot({ path: '/tmp/designer-refused.png' });
  });

  test('dragging a device into a namespace moves it there as ip link set netns does', async ({ page }) => {
    const ui = new DesignerPage(page);
    await ui.open();
    await ui.dropFromPalette('namespace', 200, 150);
    await ui.dropFromPalette('dummy', 250, 360);
    await ui.addAddress('10.0.0.1/24');
    const from = (await ui.node('device-dummy0').boundingBox())!;
    const to = (await ui.node('netns-ns1').boundingBox())!;
    await page.mouse.move(from.x + 40, from.y + 30);
    await page.mouse.down();
    await page.mouse.move(to.x + to.width / 2 - 50, to.y + to.height / 2 - 10, { steps: 15 });
    await page.mouse.up();
    const d = await ui.design();
    const ns1 = d.hosts[0].namespaces.find((n) => n.name === 'ns1')!;
    const dummy = d.hosts[0].devices.find((x) => x.name === 'dummy0')!;
    expect(dummy).toMatchObject({ ns: ns1.id, up: false, addresses: [] });
    await expect(page.getByText(/ip link set dummy0 netns ns1/)).toBeVisible();
    await expect(page.locator(`.react-flow__node[data-id="${dummy.id}"]`)).toBeVisible();
  });

  test('copy and paste duplicate with fresh kernel-valid names', async ({ page }) => {
    const ui = new DesignerPage(page);
    await ui.open();
    await ui.dropFromPalette('veth', 220, 160);
    await ui.select('device-veth0');
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await expect(ui.node('device-veth2')).toBeVisible();
    await expect(ui.node('device-veth3')).toBeVisible();
    await expect(page.locator('.react-flow__edge')).toHaveCount(2);
  });

  test('the inspector validates inline and the ? key shows the shortcuts', async ({ page }) => {
    const ui = new DesignerPage(page);
    await ui.open();
    await ui.dropFromPalette('physical', 220, 160);
    await ui.inspector.getByLabel('Add address').fill('192.168.0.300/24');
    await expect(ui.inspector.getByText(/not an IPv4 address/)).toBeVisible();
    await ui.inspector.getByLabel('Name', { exact: true }).fill('a-very-long-interface');
    await expect(ui.inspector.getByText(/at most 15/)).toBeVisible();
    await ui.inspector.getByLabel('Name', { exact: true }).press('Escape');
    await ui.clickEmpty();
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    await expect(page.getByText('Ctrl+Shift+Z / Ctrl+Y')).toBeVisible();
  });

  test('arrow keys nudge the selected device, and the nudge is in the document', async ({ page }) => {
    const ui = new DesignerPage(page);
    await ui.open();
    await ui.dropFromPalette('dummy', 250, 200);
    const id = (await ui.design()).hosts[0].devices.find((d) => d.kind === 'dummy')!.id;
    const before = (await ui.design()).layout.positions[id];
    await ui.select('device-dummy0');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await expect.poll(async () => (await ui.design()).layout.positions[id]).toEqual({ x: before.x + 10, y: before.y + 5 });
  });

  test('palette items can be added with the keyboard, at the centre of the view', async ({ page }) => {
    const ui = new DesignerPage(page);
    await ui.open();
    await page.getByTestId('palette-bridge').focus();
    await page.keyboard.press('Enter');
    await expect(ui.node('device-br0')).toBeVisible();
    await page.getByTestId('palette-lan').dblclick();
    await expect(ui.node('lan-lan0')).toBeVisible();
  });

  test('a selected namespace grows with its corner grip', async ({ page }) => {
    const ui = new DesignerPage(page);
    await ui.open();
    await ui.dropFromPalette('namespace', 220, 180);
    const id = (await ui.design()).hosts[0].namespaces[1].id;
    const box = (await ui.node('netns-ns1').boundingBox())!;
    const grip = page.locator(`.react-flow__node[data-id="${id}"] .container-grip`);
    await expect(grip).toBeVisible();
    const g = (await grip.boundingBox())!;
    await page.mouse.move(g.x + g.width / 2, g.y + g.height / 2);
    await page.mouse.down();
    await page.mouse.move(g.x + 80, g.y + 60, { steps: 10 });
    await page.mouse.up();
    const size = (await ui.design()).layout.sizes?.[id];
    expect(size?.width).toBeGreaterThan(box.width + 50);
    expect(size?.height).toBeGreaterThan(box.height + 30);
    await expect.poll(async () => (await ui.node('netns-ns1').boundingBox())!.width).toBeGreaterThan(box.width + 50);
  });

  test('selecting a wire and pressing Delete undoes that relation only', async ({ page }) => {
    const ui = new DesignerPage(page);
    await ui.open();
    await ui.dropFromPalette('bridge', 250, 140);
    await ui.dropFromPalette('dummy', 250, 300);
    await ui.wire('device-dummy0', 'master', 'device-br0', 'ports');
    await expect(page.locator('.react-flow__edge')).toHaveCount(1);
    await page.locator('.react-flow__edge').click();
    await expect(ui.inspector.getByText(/is a port of the bridge/)).toBeVisible();
    await page.keyboard.press('Delete');
    await expect(page.locator('.react-flow__edge')).toHaveCount(0);
    const d = await ui.design();
    expect(d.hosts[0].devices.map((x) => x.name).sort()).toEqual(['br0', 'dummy0', 'lo']);
    expect(d.hosts[0].devices.find((x) => x.name === 'dummy0')!.master).toBeUndefined();
  });
});
