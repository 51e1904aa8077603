import { describe, expect, it } from 'vitest';
import { designFromJson, designFromScript, looksLikeJson } from './load-script';

const script = '# phys: eth0 192.168.0.171/24\nip netns add ns1\nip link add link eth0 name m1 type macvlan mode bridge\nip link set m1 netns ns1\n';

describe('loading scripts and design files', () => {
  it('imports a script and places every drawn object', async () => {
    const { design, diagnostics } = await designFromScript(script, 'lab.sh');
    expect(diagnostics.filter((d) => d.level === 'error')).toEqual([]);
    const ids = [...design.hosts.map((h) => h.id), ...design.hosts.flatMap((h) => h.namespaces.filter((n) => !n.root).map((n) => n.id)),
      ...design.hosts.flatMap((h) => h.devices.filter((d) => d.kind !== 'loopback').map((d) => d.id)), ...design.lans.map((l) => l.id)];
    for (const id of ids) expect(design.layout.positions[id], id).toBeDefined();
  });

  it('keeps the positions of a saved design and lays out one that has none', async () => {
    const { design } = await designFromScript(script, 'lab.sh');
    const saved = await designFromJson(JSON.stringify(design), 'lab.json');
    expect(saved.design).toEqual(design);
    const bare = await designFromJson(JSON.stringify({ ...design, layout: { positions: {} } }), 'bare.json');
    expect(Object.keys(bare.design!.layout.positions).length).toBeGreaterThan(0);
  });

  it('refuses a broken design file with a located reason', async () => {
    const r = await designFromJson('{\n  "format": "vnetlab-design",\n  oops\n}', 'bad.json');
    expect(r.design).toBeUndefined();
    expect(r.diagnostics[0]).toMatchObject({ level: 'error', line: 3 });
  });

  it('tells design files from scripts by name or content', () => {
    expect(looksLikeJson('x.json', '')).toBe(true);
    expect(looksLikeJson('pasted script', '  {"format":1}')).toBe(true);
    expect(looksLikeJson('t.sh', 'ip link add d type dummy')).toBe(false);
  });
});
