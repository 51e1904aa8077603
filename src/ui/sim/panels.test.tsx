// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importScript } from '../../core/iproute2/import/index';
import { useAppStore } from '../store/store';
import { setSimClientFactory } from './client';
import { createInlineClient } from './inline-client';
import { ConsolePanel } from './console/console-panel';
import { forgetLoaded, simControls } from './controller';
import { resetSimStore, useSimStore } from './sim-store';
import { SimulationPanel } from './simulation-panel';

const design = importScript(readFileSync(join(process.cwd(), 'fixtures/examples/01-macvlan-bridge.sh'), 'utf8')).design;

describe('simulation panels', () => {
  beforeEach(() => {
    setSimClientFactory(() => createInlineClient(1));
    forgetLoaded();
    resetSimStore();
    useAppStore.getState().loadDesign(design);
  });
  afterEach(cleanup);

  it('types a ping in a namespace console, predicts, and reveals', async () => {
    render(<ConsolePanel />);
    await waitFor(() => expect(screen.getByTestId('console-ns-ns1')).toBeTruthy());
    act(() => simControls.setSpeed(Infinity));
    fireEvent.click(screen.getByTestId('console-ns-ns1'));
    fireEvent.click(screen.getByTestId('predict-mode'));
    const input = screen.getByTestId('console-input');
    fireEvent.change(input, { target: { value: 'ping -c 1 192.168.0.200' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    fireEvent.click(screen.getByTestId('predict-reply'));
    await waitFor(() => expect(screen.getByTestId('verdict').textContent).toContain('Right! Reply'), { timeout: 5000 });
    expect(screen.getByTestId('console-output').textContent).toContain('64 bytes from 192.168.0.200: icmp_seq=1 ttl=64');
  });

  it('lists events and opens the inspector on a click', async () => {
    useSimStore.setState({ running: false });
    render(<><ConsolePanel /><SimulationPanel /></>);
    await waitFor(() => expect(screen.getByTestId('console-ns-ns1')).toBeTruthy());
    act(() => simControls.setSpeed(Infinity));
    const input = screen.getByTestId('console-input');
    fireEvent.click(screen.getByTestId('console-ns-ns1'));
    fireEvent.change(input, { target: { value: 'ping -c 1 192.168.0.200' } });
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(screen.getByTestId('console-output').textContent).toContain('0% packet loss'), { timeout: 5000 });
    // jsdom has no layout: give the list a height so rows are rendered.
    fireEvent.scroll(screen.getByTestId('event-list'), { target: { scrollTop: 0 } });
    const rows = await screen.findAllByTestId('event-row');
    const arp = rows.find((r) => r.textContent?.includes('ARP who-has 192.168.0.200'));
    expect(arp).toBeTruthy();
    fireEvent.click(arp!);
    const inspector = screen.getByTestId('frame-inspector');
    expect(inspector.textContent).toContain('Ethernet II');
    expect(inspector.textContent).toContain('Opcode1 (request)');
  });
});
