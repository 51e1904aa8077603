import { describe, expect, it } from 'vitest';
import { parseProbes } from '../../../core/world/probes';
import { consoleLine } from './show-run';

const line = (probe: string) => consoleLine(parseProbes(probe).probes.probes[0]);

describe('consoleLine', () => {
  it('types a saved probe as people type it in the console', () => {
    expect(line('ping ns1 10.0.0.2')).toBe('ping -c 1 10.0.0.2');
    expect(line('ping ns1 10.0.0.2 count=3 wait=1 iface=veth0')).toBe('ping -c 3 -W 1 -I veth0 10.0.0.2');
    expect(line('ping ns1 10.0.0.2 src=10.0.0.1')).toBe('ping -c 1 -I 10.0.0.1 10.0.0.2');
    expect(line('arping ns1 veth0 10.0.0.2')).toBe('arping -c 1 -I veth0 10.0.0.2');
  });
});
