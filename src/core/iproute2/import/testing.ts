/** Small look-ups used by the importer's tests. */
import type { Device } from '../../model/types';
import { findNamespace } from './compare';
import { importScript, type ImportResult } from './index';

/** Imports `lines` (joined with newlines) with an optional world header. */
export function imp(...lines: string[]): ImportResult {
  return importScript(lines.join('\n'), { file: 't.sh' });
}

/** Lines with an error diagnostic. */
export function errorLines(r: ImportResult): number[] {
  return [...new Set(r.diagnostics.filter((d) => d.level === 'error').map((d) => d.line ?? 0))].sort((a, b) => a - b);
}

/** Error messages, in line order. */
export function errors(r: ImportResult): string[] {
  return r.diagnostics.filter((d) => d.level === 'error').map((d) => d.message);
}

/** The device `name` in namespace `ns` ("host", a netns or an external machine), if any. */
export function devIn(r: ImportResult, ns: string, name: string): Device | undefined {
  const scope = findNamespace(r.design, ns);
  return scope?.host.devices.find((d) => d.ns === scope.ns.id && d.name === name);
}

/** Names of the devices in a namespace, sorted. */
export function namesIn(r: ImportResult, ns: string): string[] {
  const scope = findNamespace(r.design, ns);
  return scope ? scope.host.devices.filter((d) => d.ns === scope.ns.id).map((d) => d.name).sort() : [];
}

/** The namespace object of a name. */
export function nsOf(r: ImportResult, ns: string) {
  return findNamespace(r.design, ns)?.ns;
}

/** Name of a device id within the design. */
export function nameOf(r: ImportResult, id: string | undefined): string | undefined {
  for (const h of r.design.hosts) {
    const d = h.devices.find((x) => x.id === id);
    if (d) return d.name;
  }
  return undefined;
}
