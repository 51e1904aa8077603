import { describe, expect, it } from 'vitest';
import { addNamespace, emptyDesign, IdAllocator, newHost } from './design';
import { parseDesign, serializeDesign } from './schema';
import { jsonPathOffsets, lineColumnAt } from './schema-locate';
import type { Design } from './types';

function sample(): Design {
  const d = emptyDesign();
  const ids = new IdAllocator();
  const h = newHost(ids, 'host');
  addNamespace(h, ids, 'ns1');
  h.devices.push({ id: ids.take('d'), kind: 'macvlan', name: 'mac1', ns: h.namespaces[1].id, up: true, addresses: [], parent: 'd1', mode: 'bridge' });
  d.hosts.push(h);
  return d;
}

describe('parseDesign', () => {
  it('reads back what serializeDesign writes', () => {
    const d = sample();
    const r = parseDesign(serializeDesign(d), 'd.json');
    expect(r.diagnostics).toEqual([]);
    expect(r.design).toEqual(d);
    expect(serializeDesign(r.design!)).toBe(serializeDesign(d));
  });

  it('locates a JSON syntax error by line and column', () => {
    const r = parseDesign('{\n  "format": "vnetlab-design",\n  "version": 1,\n}\n', 'd.json');
    expect(r.design).toBeUndefined();
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ level: 'error', file: 'd.json', line: 4, code: 'json-syntax' });
    expect(r.diagnostics[0].message).toMatch(/^invalid JSON at line 4, column 1: /);
  });

  it('reports a truncated file at its end', () => {
    const r = parseDesign('{\n "format": "vnetlab-design",\n "hosts": [', 'd.json');
    expect(r.diagnostics[0]).toMatchObject({ code: 'json-syntax', line: 3 });
  });

  it('refuses a document that is not a design', () => {
    expect(parseDesign('[1,2]').diagnostics[0].code).toBe('not-a-design');
    expect(parseDesign('{"format":"other","version":1}').diagnostics[0].message).toMatch(/not a vnetlab design/);
  });

  it('refuses a newer version with a clear message', () => {
    const r = parseDesign('{"format":"vnetlab-design","version":7,"hosts":[]}');
    expect(r.design).toBeUndefined();
    expect(r.diagnostics[0].message).toBe('design version 7 is newer than this vnetlab understands (1); update vnetlab to open it');
  });

  it('refuses a version older than every migration', () => {
    const r = parseDesign('{"format":"vnetlab-design","version":-1,"hosts":[]}');
    expect(r.diagnostics[0].message).toMatch(/too old: no upgrade exists from version -1/);
  });

  it('upgrades a version-0 document (no role, no layout) to the current shape', () => {
    const v0 = {
      format: 'vnetlab-design', version: 0,
      hosts: [
        { id: 'h1', name: 'host', namespaces: [{ id: 'n1', name: 'host', root: true, routes: [], neighbours: [], sysctls: {}, firewall: [] }], devices: [] },
        { id: 'h2', name: 'peer', external: true, namespaces: [{ id: 'n2', name: 'peer', root: true, routes: [], neighbours: [], sysctls: {}, firewall: [] }], devices: [] },
      ],
      lans: [],
      positions: { h1: { x: 1, y: 2 } },
    };
    const r = parseDesign(JSON.stringify(v0));
    expect(r.diagnostics.map((d) => d.code)).toEqual(['migrated']);
    expect(r.design?.version).toBe(1);
    expect(r.design?.hosts.map((h) => h.role)).toEqual(['host', 'external']);
    expect(r.design?.hosts[1]).not.toHaveProperty('external');
    expect(r.design?.layout).toEqual({ positions: { h1: { x: 1, y: 2 } } });
    expect(r.design).not.toHaveProperty('positions');
  });

  it('chains migrations from a registry, one version at a time', () => {
    // a registry in which the current version 1 is reached from a synthetic -1 through 0
    const seen: number[] = [];
    const registry = {
      [-1]: (doc: Record<string, unknown>) => { seen.push(-1); return { ...doc, version: 0, lans: [] }; },
      0: (doc: Record<string, unknown>) => { seen.push(0); return { ...doc, version: 1, layout: { positions: {} } }; },
    };
    const r = parseDesign('{"format":"vnetlab-design","version":-1,"hosts":[]}', 'x.json', registry);
    expect(seen).toEqual([-1, 0]);
    expect(r.design).toMatchObject({ version: 1, lans: [], layout: { positions: {} } });
  });

  it('locates structural problems by JSON path and line', () => {
    const d = sample() as unknown as { hosts: { devices: Record<string, unknown>[] }[] };
    d.hosts[0].devices[2].mode = 'bridgee';
    d.hosts[0].devices[1].up = 'yes';
    const text = JSON.stringify(d, null, 2);
    const r = parseDesign(text, 'd.json');
    expect(r.design).toBeUndefined();
    const byPath = Object.fromEntries(r.diagnostics.map((x) => [x.path, x]));
    expect(byPath['hosts[0].devices[2].mode'].message).toMatch(/expected one of .*"bridge".*got "bridgee"/);
    expect(byPath['hosts[0].devices[2].mode'].line).toBe(text.split('\n').findIndex((l) => l.includes('"bridgee"')) + 1);
    expect(byPath['hosts[0].devices[1].up'].message).toMatch(/expected boolean, got "yes"/);
  });

  it('names the known kinds when a device kind is unknown', () => {
    const d = sample() as unknown as { hosts: { devices: Record<string, unknown>[] }[] };
    d.hosts[0].devices[0].kind = 'wireguard';
    const r = parseDesign(JSON.stringify(d));
    expect(r.diagnostics[0].message).toMatch(/unknown device kind \(got "wireguard"\); known kinds: physical, loopback/);
  });

  it('keeps fields it does not know, so newer optional fields survive a round trip', () => {
    const d = { ...sample(), extra: { a: 1 } };
    expect(parseDesign(JSON.stringify(d)).design).toHaveProperty('extra', { a: 1 });
  });

  it('never throws, whatever the input', () => {
    for (const t of ['', 'null', '"x"', '{"format":"vnetlab-design","version":1,"hosts":null}', '{"format":"vnetlab-design","version":"1"}']) {
      const r = parseDesign(t);
      expect(r.design).toBeUndefined();
      expect(r.diagnostics.length).toBeGreaterThan(0);
    }
  });
});

describe('JSON locations', () => {
  it('maps paths to the offset of their key', () => {
    const text = '{\n "a": [1, {"b": 2}]\n}';
    const m = jsonPathOffsets(text);
    expect(lineColumnAt(text, m.get('a[1].b')!)).toEqual({ line: 2, column: 12 });
    expect(m.get('')).toBe(0);
  });
});
