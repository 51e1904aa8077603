// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { importScript } from '../../core/iproute2/import/index';
import { rename } from '../../core/model/edit/rename';
import { useAppStore } from '../store/store';
import { setSimClientFactory } from './client';
import { createInlineClient } from './inline-client';
import { designChanged, ensureLoaded, forgetLoaded, runCommand, simControls } from './controller';
import { resetSimStore, simEvents, useSimStore } from './sim-store';

const design = importScript(readFileSync(join(process.cwd(), 'fixtures/examples/01-macvlan-bridge.sh'), 'utf8')).design;
const sim = () => useSimStore.getState();

describe('simulation controller', () => {
  beforeEach(() => {
    setSimClientFactory(() => createInlineClient(1));
    forgetLoaded();
    resetSimStore();
    useAppStore.getState().loadDesign(design);
  });
  afterEach(() => setSimClientFactory(() => createInlineClient(1)));

  it('runs a console ping to its end and shows the events, never touching the design', async () => {
    const before = JSON.stringify(useAppStore.getState().design);
    ensureLoaded();
    simControls.setSpeed(Infinity);
    await vi.waitFor(() => expect(sim().loaded).toBe(true));
    runCommand('ns1', 'ping -c 1 192.168.0.200', 'no-reply');
    await vi.waitFor(() => expect(sim().consoles.ns1?.[0]?.done).toBe(true), { timeout: 5000 });
    const entry = sim().consoles.ns1[0];
    expect(entry.outcome).toBe('reply');
    expect(entry.predicted).toBe('no-reply');
    expect(entry.output).toContain('1 packets transmitted, 1 received, 0% packet loss');
    expect(simEvents.some((e) => e.kind === 'frame-rx' && e.at.ns === 'ns2')).toBe(true);
    expect(sim().tables.ns1.neigh).toEqual([expect.objectContaining({ ip: '192.168.0.200', dev: 'mac1', state: 'REACHABLE' })]);
    expect(JSON.stringify(useAppStore.getState().design)).toBe(before);
  });

  it('starts over with a notice when the design is edited after a run', async () => {
    ensureLoaded();
    simControls.setSpeed(Infinity);
    runCommand('ns1', 'ping -c 1 192.168.0.200');
    await vi.waitFor(() => expect(sim().consoles.ns1?.[0]?.done).toBe(true), { timeout: 5000 });
    const n = simEvents.length;
    const host = design.hosts.find((h) => h.role === 'host')!;
    const mac1 = host.devices.find((d) => d.name === 'mac1')!;
    useAppStore.getState().applyCommand((d) => rename(d, mac1.id, 'macA'));
    designChanged(useAppStore.getState().design);
    expect(sim().notice).toMatch(/design changed/);
    await vi.waitFor(() => expect(sim().devices.some((d) => d.dev === 'macA')).toBe(true));
    expect(simEvents.length).toBeLessThan(n);
  });
});
