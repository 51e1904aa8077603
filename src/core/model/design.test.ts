import { describe, expect, it } from 'vitest';
import { IdAllocator, addNamespace, emptyDesign, newHost, rootNamespace } from './design';

describe('design document basics', () => {
  it('gives unique, deterministic ids', () => {
    const ids = new IdAllocator();
    expect([ids.take('d'), ids.take('d'), ids.take('n')]).toEqual(['d1', 'd2', 'n1']);
  });

  it('creates a host with an up loopback and namespaces whose loopback starts down', () => {
    const d = emptyDesign();
    const ids = new IdAllocator(d);
    const host = newHost(ids, 'host');
    d.hosts.push(host);
    const ns1 = addNamespace(host, ids, 'ns1');
    const lo = host.devices.filter((x) => x.kind === 'loopback');
    expect(lo.map((x) => [x.ns, x.up])).toEqual([[rootNamespace(host).id, true], [ns1.id, false]]);
    expect(new IdAllocator(d).take('d')).toBe('d3');
  });
});
