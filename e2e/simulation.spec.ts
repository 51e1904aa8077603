/**
 * The simulator in the browser: a console ping in the macvlan bridge example prints what
 * iputils prints, the event list shows the ARP exchange and the echo, the capture of
 * ns2:mac2 is the one `simulate()` gives for the same design, its pcap reads in tshark; a
 * ping into a private-mode parent shows the drop with its explanation. Also measures
 * main-thread long tasks while a 200-device design runs (figures printed, not asserted).
 * Screenshots go to /tmp/sim-*.png.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { isIpv6 } from '../src/core/capture/describe';
import { readPcap } from '../src/core/capture/pcap';
import { formatTcpdump } from '../src/core/capture/tcpdump';
import { autoLayout } from '../src/core/layout/auto-layout';
import { importScript } from '../src/core/iproute2/import/index';
import type { Design } from '../src/core/model/types';
import { simulate } from '../src/core/sim/simulate';
import { parseProbes } from '../src/core/world/probes';
import { CANVAS_METRICS } from '../src/ui/features/persistence/load-script';

async function openExample(page: Page, id: string): Promise<Design> {
  await page.getByRole('tab', { name: 'Examples' }).click();
  await page.getByTestId(`open-example-${id}`).click();
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  return page.evaluate(() => window.__vnetlab!.getDesign());
}

/** Opens a bottom tab (a click on the open tab would close it). */
async function openTab(page: Page, name: string): Promise<void> {
  const tab = page.getByRole('tab', { name, exact: true });
  if ((await tab.getAttribute('aria-selected')) !== 'true') await tab.click();
}

async function typeInConsole(page: Page, ns: string, line: string): Promise<void> {
  await openTab(page, 'Console');
  await page.getByTestId(`console-ns-${ns}`).click();
  await page.getByTestId('console-input').fill(line);
  await page.getByTestId('console-input').press('Enter');
}

test.beforeEach(async ({ page }) => {
  await page.goto('/?testapi');
  await expect(page.locator('.react-flow')).toBeVisible();
});

test('a console ping in the macvlan bridge example: output, events, capture and pcap', async ({ page }) => {
  const design = await openExample(page, '01-macvlan-bridge');
  await typeInConsole(page, 'ns1', 'ping -c 1 192.168.0.200');
  const out = page.getByTestId('console-output');
  await expect(out).toContainText('1 packets transmitted, 1 received, 0% packet loss', { timeout: 20_000 });
  const text = await out.innerText();
  expect(text).toMatch(/PING 192\.168\.0\.200 \(192\.168\.0\.200\) 56\(84\) bytes of data\.\s+64 bytes from 192\.168\.0\.200: icmp_seq=1 ttl=64 time=\d+\.\d{3} ms/);
  expect(text).toContain('--- 192.168.0.200 ping statistics ---');
  await page.screenshot({ path: '/tmp/sim-console.png' });

  // The event list, ARP and ICMP only.
  await openTab(page, 'Simulation');
  await page.getByTestId('filter-other').uncheck();
  const rows = page.getByTestId('event-row');
  await expect(rows.filter({ hasText: 'ARP who-has 192.168.0.200 tell 192.168.0.100' }).first()).toBeVisible();
  await expect(rows.filter({ hasText: 'ARP 192.168.0.200 is-at ns2:mac2' }).first()).toBeVisible();
  await expect(rows.filter({ hasText: 'ICMP-ECHO-REQUEST 192.168.0.100 > 192.168.0.200' }).first()).toBeVisible();
  await expect(rows.filter({ hasText: 'ICMP-ECHO-REPLY 192.168.0.200 > 192.168.0.100' }).first()).toBeVisible();
  await rows.filter({ hasText: 'ICMP-ECHO-REQUEST' }).first().click();
  const inspector = page.getByTestId('frame-inspector');
  for (const f of ['Ethernet II', 'IPv4', 'ICMP', 'Identifier', 'Sequence', 'TTL']) await expect(inspector).toContainText(f);
  await expect(page.getByTestId('hex-dump')).toContainText('0000');
  await expect(page.locator('.sim-selected-ring')).toHaveCount(1);
  await page.screenshot({ path: '/tmp/sim-events.png' });

  // Step back re-simulates to the event before; step shows it again.
  const list = page.getByTestId('event-list');
  const count = Number(await list.getAttribute('data-count'));
  const clock = await page.getByTestId('sim-clock').innerText();
  await page.getByTestId('filter-other').check();
  const all = Number(await list.getAttribute('data-count'));
  await page.getByTestId('sim-step-back').click();
  await expect(list).toHaveAttribute('data-count', String(all - 1));
  await page.getByTestId('sim-step').click();
  await expect(list).toHaveAttribute('data-count', String(all));
  // The clock now stands at the event shown, no later than where the run had paused.
  expect(parseFloat(await page.getByTestId('sim-clock').innerText())).toBeLessThanOrEqual(parseFloat(clock));
  await page.getByTestId('filter-other').uncheck();
  await expect(list).toHaveAttribute('data-count', String(count));

  // The capture of ns2:mac2 is what simulate() gives for the same design and the same probe.
  const sim = simulate(design, parseProbes('capture ns2 mac2\nping ns1 192.168.0.200 count=1 wait=10').probes, { seed: 1 });
  const end = sim.trace.events.find((e) => e.kind === 'probe-end')!.t;
  const expected = sim.trace.events
    .filter((e) => (e.kind === 'frame-tx' || e.kind === 'frame-rx') && e.at.ns === 'ns2' && e.at.dev === 'mac2' && e.t <= end)
    .map((e) => (e as { frame: Uint8Array; t: number }))
    .filter((e) => !isIpv6(e.frame));
  // The view leaves IPv6 out by default, as the harness and `vnetlab simulate`'s captures do.
  const observed = sim.observation.captures['ns2:mac2'] as { frames: unknown[] };
  expect(expected.length).toBe(observed.frames.length);
  expect(expected.length).toBe(4);
  await openTab(page, 'Captures & tables');
  await page.getByTestId('capture-iface').selectOption('ns2:mac2');
  const capture = await page.getByTestId('capture-text').innerText();
  expect(capture).toBe(expected.map((e) => formatTcpdump(e.frame, e.t)).join('\n'));
  await expect(page.getByTestId('tables')).toContainText(/192\.168\.0\.200\s*mac1\s*[0-9a-f:]{17}\s*REACHABLE/);
  await page.screenshot({ path: '/tmp/sim-capture.png' });

  // The pcap download reads in tshark and holds those frames.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('capture-download').click()]);
  const file = '/tmp/sim-e2e-ns2-mac2.pcap';
  await download.saveAs(file);
  const tshark = execFileSync('tshark', ['-r', file, '-T', 'fields', '-e', 'frame.len', '-e', '_ws.col.Protocol', '-e', '_ws.col.Info'], { encoding: 'utf8' });
  const lines = tshark.trim().split('\n');
  console.log(`tshark read ${lines.length} frames from ${file}:\n${tshark}`);
  expect(lines.length).toBe(expected.length);
  const packets = readPcap(new Uint8Array(readFileSync(file)));
  expect(packets.map((p) => Buffer.from(p.bytes).toString('hex'))).toEqual(expected.map((e) => Buffer.from(e.frame).toString('hex')));
  expect(packets.map((p) => Number(p.timeNs))).toEqual(expected.map((e) => e.t));
  expect(tshark).toMatch(/ARP\s+Who has 192\.168\.0\.200\? Tell 192\.168\.0\.100/);
  expect(tshark).toMatch(/ICMP\s+Echo \(ping\) request/);
  expect(tshark).toMatch(/ICMP\s+Echo \(ping\) reply/);
});

test('a ping into the parent from a private-mode child shows the drop and why', async ({ page }) => {
  await openExample(page, '02-macvlan-private');
  await typeInConsole(page, 'ns1', 'ping -c 1 192.168.0.171');
  await expect(page.getByTestId('console-output')).toContainText('100% packet loss', { timeout: 30_000 });
  await expect(page.getByTestId('drop-bubble').first()).toBeVisible();
  await page.screenshot({ path: '/tmp/sim-drop-canvas.png' });
  await openTab(page, 'Simulation');
  await page.getByTestId('filter-drops').check();
  const drop = page.locator('[data-testid="event-row"][data-kind="drop"]').first();
  await expect(drop).toBeVisible();
  await drop.click();
  const card = page.getByTestId('drop-card');
  await expect(card).toContainText('Nobody answered ARP');
  await expect(card).toContainText('Fix:');
  await expect(card).toContainText('Kernel rule:');
  await page.screenshot({ path: '/tmp/sim-drop.png' });
});

test('predict then reveal, in presentation mode', async ({ page }) => {
  await openExample(page, '01-macvlan-bridge');
  await page.getByTestId('sim-present').click();
  await openTab(page, 'Console');
  await page.getByTestId('predict-mode').check();
  await typeInConsole(page, 'ns1', 'ping -c 1 192.168.0.200');
  await expect(page.getByTestId('predict')).toBeVisible();
  await page.screenshot({ path: '/tmp/sim-predict.png' });
  await page.getByTestId('predict-no-reply').click();
  await expect(page.getByTestId('verdict')).toContainText('but it was Reply', { timeout: 20_000 });
  await page.screenshot({ path: '/tmp/sim-verdict.png' });
});

test('in slow motion frames travel over the canvas, an ARP broadcast fanning out', async ({ page }) => {
  await openExample(page, '01-macvlan-bridge');
  await openTab(page, 'Console');
  await page.getByTestId('sim-speed').selectOption({ label: 'Slow motion' });
  await typeInConsole(page, 'ns1', 'ping -c 1 192.168.0.200');
  // The parent hands the broadcast to its children at once: several ARP dots leave together.
  await expect.poll(() => page.locator('.sim-dot.proto-arp.broadcast').count(), { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
  await page.screenshot({ path: '/tmp/sim-slow-broadcast.png' });
  await expect(page.locator('.sim-dot.proto-icmp').first()).toBeAttached({ timeout: 30_000 });
  await page.screenshot({ path: '/tmp/sim-slow-icmp.png' });
  await expect(page.getByTestId('console-output')).toContainText('0% packet loss', { timeout: 30_000 });
  await page.getByRole('button', { name: 'Switch to the dark theme' }).click();
  await openTab(page, 'Simulation');
  await page.getByTestId('event-row').filter({ hasText: 'ICMP-ECHO-REPLY' }).first().click();
  await page.screenshot({ path: '/tmp/sim-dark.png' });
});

/** A bridge with 99 veth pairs into 99 namespaces: 200 devices with eth0 (lo not counted). */
function bigScript(): string {
  const lines = ['# phys: eth0 10.1.0.1/24', 'ip link add br0 type bridge', 'ip link set br0 up', 'ip addr add 10.0.0.254/16 dev br0'];
  for (let i = 1; i <= 99; i++) {
    lines.push(`ip netns add n${i}`, `ip link add v${i} type veth peer name p${i}`, `ip link set v${i} netns n${i}`,
      `ip -n n${i} addr add 10.0.${i}.1/16 dev v${i}`, `ip -n n${i} link set v${i} up`, `ip link set p${i} master br0`, `ip link set p${i} up`);
  }
  return lines.join('\n');
}

test('main-thread long tasks while a 200-device design simulates for 10 seconds', async ({ page }) => {
  test.setTimeout(120_000);
  const design = autoLayout(importScript(bigScript()).design, CANVAS_METRICS);
  await page.evaluate(() => {
    const w = window as unknown as { __longtasks: { start: number; duration: number }[] };
    w.__longtasks = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) w.__longtasks.push({ start: e.startTime, duration: e.duration }); }).observe({ type: 'longtask', buffered: false });
  });
  const loadAt = await page.evaluate((d) => { window.__vnetlab!.loadDesign(d); return performance.now(); }, design);
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  for (const i of [1, 20, 40, 60, 80]) await typeInConsole(page, `n${i}`, `ping -c 20 10.0.${i + 1}.1`);
  await openTab(page, 'Simulation');
  const runAt = await page.evaluate(() => performance.now());
  await page.waitForTimeout(10_000);
  const figures = await page.evaluate(([loadAt, runAt]) => {
    const all = (window as unknown as { __longtasks: { start: number; duration: number }[] }).__longtasks;
    const sum = (t: { duration: number }[]) => ({ count: t.length, total: Math.round(t.reduce((a, b) => a + b.duration, 0)), max: Math.round(Math.max(0, ...t.map((x) => x.duration))) });
    return { load: sum(all.filter((t) => t.start >= loadAt && t.start < runAt)), run: sum(all.filter((t) => t.start >= runAt)), at: all.filter((t) => t.start >= runAt).map((t) => `${Math.round(t.start - runAt)}ms:${Math.round(t.duration)}ms`).join(' '), clock: document.querySelector('[data-testid="sim-clock"]')?.textContent };
  }, [loadAt, runAt]);
  const nodes = await page.evaluate(() => window.__vnetlab!.getNodes().length);
  console.log(`200-device design (${nodes} canvas nodes), 5 pings -c 20 in parallel, real-time speed:`);
  console.log(`  loading + typing the pings: ${figures.load.count} long tasks, ${figures.load.total} ms in total, longest ${figures.load.max} ms`);
  console.log(`  10 s of simulation (virtual clock now ${figures.clock}): ${figures.run.count} long tasks, ${figures.run.total} ms in total, longest ${figures.run.max} ms (at ${figures.at || '-'})`);
  await page.screenshot({ path: '/tmp/sim-200.png' });
});

test('frame times with about 100 frames in flight on a 200-device design (figures printed)', async ({ page }) => {
  test.setTimeout(120_000);
  const design = autoLayout(importScript(bigScript()).design, CANVAS_METRICS);
  await page.evaluate((d) => window.__vnetlab!.loadDesign(d), design);
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
  await page.getByRole('button', { name: 'Fit', exact: true }).first().click();
  await openTab(page, 'Console');
  await page.getByTestId('sim-speed').selectOption({ label: 'Slow motion' });
  // The host's ARP request for a namespace is flooded by br0 to its 99 ports at once.
  await typeInConsole(page, 'host', 'ping -c 1 10.0.50.1');
  await expect.poll(() => page.locator('.sim-dot').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(50);
  const f = await page.evaluate(() => new Promise<{ frames: number[]; dots: number[] }>((resolve) => {
    const frames: number[] = [];
    const dots: number[] = [];
    let last = performance.now();
    const tick = (t: number) => {
      frames.push(t - last);
      dots.push(document.querySelectorAll('.sim-dot').length);
      last = t;
      if (frames.length < 120) requestAnimationFrame(tick);
      else resolve({ frames, dots });
    };
    requestAnimationFrame(tick);
  }));
  const sorted = [...f.frames].sort((a, b) => a - b);
  const mean = f.frames.reduce((a, b) => a + b, 0) / f.frames.length;
  console.log(`200-device design, slow motion, ${Math.min(...f.dots)}–${Math.max(...f.dots)} frames in flight: mean ${mean.toFixed(1)} ms/frame, p95 ${sorted[Math.floor(sorted.length * 0.95)].toFixed(1)} ms, worst ${sorted[sorted.length - 1].toFixed(1)} ms over ${f.frames.length} frames`);
  await page.screenshot({ path: '/tmp/sim-200-flight.png' });
});
