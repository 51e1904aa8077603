/**
 * Compares designs by content: ids are replaced by the names of what they point at and the
 * layout is dropped, so a design built by hand in the browser can be compared with one built
 * in code. Also checks the exported script against the export tests' golden file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import type { Design } from '../src/core/model/types';

/** The design with ids replaced by readable paths (`host/ns1/mac1`) and no layout or title. */
export function canonical(design: Design): unknown {
  const names = new Map<string, string>();
  for (const h of design.hosts) {
    names.set(h.id, h.name);
    for (const n of h.namespaces) names.set(n.id, `${h.name}/${n.root ? '' : n.name}`);
    for (const d of h.devices) {
      const ns = h.namespaces.find((n) => n.id === d.ns);
      names.set(d.id, `${h.name}/${ns?.root ? '' : ns?.name}/${d.name}`);
    }
  }
  for (const l of design.lans) names.set(l.id, `lan:${l.name}`);
  const copy = JSON.parse(JSON.stringify({ hosts: design.hosts, lans: design.lans }), (key, value) => {
    if (typeof value === 'string' && names.has(value) && ['id', 'ns', 'parent', 'peer', 'master', 'lan', 'dev'].includes(key)) return names.get(value);
    return value;
  });
  return copy;
}

const GOLDEN = new URL('../src/core/iproute2/export/__golden__/macvlan-bridge.sh', import.meta.url);
const EXPORTER = new URL('../src/core/iproute2/export/index.ts', import.meta.url);

/** When the exporter and its golden file exist, the design's exported setup script equals the golden. */
export async function exportMatchesGolden(design: Design): Promise<void> {
  if (!existsSync(GOLDEN) || !existsSync(EXPORTER)) return;
  const mod = await import(EXPORTER.href) as { exportScripts: (d: Design, o: { mode: string }) => { text: string }[] };
  const [script] = mod.exportScripts(design, { mode: 'setup' });
  expect(script.text).toBe(readFileSync(GOLDEN, 'utf8'));
}
