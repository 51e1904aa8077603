/**
 * Every conformance case: the importer refuses exactly the lines the kernel refused, and the
 * design it builds has the links and routes the kernel showed after the script ran.
 */
import { describe, expect, it } from 'vitest';
import type { LinkEntry, Observation } from '../../observation/types';
import { findNamespace, linkView, routeKeyFromText, routeKeys, type LinkView } from './compare';
import { importScript } from './index';

const scripts = import.meta.glob('/fixtures/conformance*/*/topology.sh', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;
const expectations = import.meta.glob('/fixtures/conformance*/*/expected.json', { import: 'default', eager: true }) as Record<string, Observation>;

function expectedView(e: LinkEntry): LinkView {
  const v: LinkView = { name: e.name, kind: e.kind, up: e.flags.includes('UP'), addrs: [...e.addrs].sort() };
  if (e.mode !== undefined) v.mode = e.mode;
  if (typeof e.vlan_id === 'number') v.vlanId = e.vlan_id;
  if (e.link !== undefined) v.link = e.link;
  if (e.master !== undefined) v.master = e.master;
  return v;
}

const cases = Object.keys(scripts).sort().map((path) => ({
  path,
  name: path.split('/').slice(-3, -1).join('/'),
  script: scripts[path],
  expected: expectations[path.replace(/topology\.sh$/, 'expected.json')],
}));

describe('conformance cases import as the kernel ran them', () => {
  it('finds every case folder', () => {
    expect(cases.length).toBeGreaterThanOrEqual(78);
    for (const c of cases) expect(c.expected, c.name).toBeDefined();
  });

  for (const c of cases) {
    describe(c.name, () => {
      const result = importScript(c.script, { file: 'topology.sh' });

      it('refuses exactly the lines the kernel refused', () => {
        const errorLines = [...new Set(result.diagnostics.filter((d) => d.level === 'error').map((d) => d.line))].sort((a, b) => (a ?? 0) - (b ?? 0));
        const kernelLines = [...new Set(c.expected.setup.failed.map((f) => f.line))].sort((a, b) => a - b);
        expect(errorLines).toEqual(kernelLines);
        expect(result.failedLines).toEqual(kernelLines);
      });

      it('has the kernel\'s interfaces in every namespace', () => {
        for (const [nsName, links] of Object.entries(c.expected.links)) {
          const scope = findNamespace(result.design, nsName);
          expect(scope, `namespace ${nsName}`).toBeDefined();
          const ours = scope!.host.devices.filter((d) => d.ns === scope!.ns.id).map((d) => linkView(scope!.host, d));
          const byName = (a: LinkView, b: LinkView) => a.name.localeCompare(b.name);
          expect(ours.sort(byName), `links of ${nsName}`).toEqual(links.map(expectedView).sort(byName));
        }
      });

      it('has the kernel\'s main-table routes in every namespace', () => {
        for (const [nsName, routes] of Object.entries(c.expected.routes)) {
          const scope = findNamespace(result.design, nsName)!;
          expect(routeKeys(scope.host, scope.ns), `routes of ${nsName}`).toEqual(routes.map(routeKeyFromText).sort());
        }
      });
    });
  }
});
