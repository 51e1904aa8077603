/**
 * Design validation: errors where the kernel (or `ip`) would refuse the design, warnings for
 * designs it accepts that do not do what people expect. Located by object id and JSON path,
 * returned in a stable order (errors first, then document order).
 */
import type { Diagnostic } from './diagnostics';
import type { Design } from './types';
import { checkAddresses } from './validate-addresses';
import { ValidationContext } from './validate-context';
import { checkDevices } from './validate-devices';
import { checkFirewall } from './validate-firewall';
import { checkStructure } from './validate-structure';
import { checkVxlan } from './validate-vxlan';
import { checkIpTunnels } from './validate-ip-tunnel';
import { checkPitfalls } from './validate-warnings';

const LEVEL_RANK: Record<Diagnostic['level'], number> = { error: 0, warning: 1, info: 2 };

/** Every problem with the design, errors first, then by JSON path in document order. */
export function validateDesign(design: Design): Diagnostic[] {
  const cx = new ValidationContext(design);
  checkStructure(cx);
  checkDevices(cx);
  checkVxlan(cx);
  checkIpTunnels(cx);
  checkAddresses(cx);
  checkFirewall(cx);
  checkPitfalls(cx);
  return sortDiagnostics(cx.diagnostics);
}

/** Whether any diagnostic is an error. */
export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.level === 'error');
}

/** Errors before warnings; then by path with array indices compared as numbers; then by code. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort((a, b) =>
    LEVEL_RANK[a.level] - LEVEL_RANK[b.level]
    || pathKey(a.path).localeCompare(pathKey(b.path))
    || (a.code ?? '').localeCompare(b.code ?? '')
    || a.message.localeCompare(b.message));
}

function pathKey(path: string | undefined): string {
  return (path ?? '').replace(/\[(\d+)\]/g, (_, n: string) => `[${n.padStart(6, '0')}]`);
}
