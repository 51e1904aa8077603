/**
 * A human-readable summary of an observation (the conformance harness's `show`): setup
 * failures, each probe's verdict, each capture's frames, unstable items.
 */
import type { Observation } from '../core/observation/types';

/** Summary lines of one observation. */
export function formatObservation(d: Partial<Observation>): string[] {
  const out: string[] = [`== ${d.case ?? '(unnamed)'}`];
  for (const f of d.setup?.failed ?? []) out.push(`  setup line ${f.line} failed (rc ${f.rc}): ${f.cmd}`);
  for (const p of d.probes ?? []) {
    let extra = '';
    if (!p.ok) {
      extra = ` ${p.error}`;
      if (p.error_from) extra += ` from ${p.error_from}`;
      if (p.local_errors?.length) extra += ` (${p.local_errors.join('; ')})`;
    }
    if (p.replies?.length) extra += ` replies=${p.replies.join(',')}`;
    out.push(`  ${p.probe.padEnd(40)} ${p.ok ? 'OK  ' : 'FAIL'}${extra}`);
  }
  for (const [k, v] of Object.entries(d.captures ?? {})) {
    out.push(`  capture ${k}${'error' in v ? `: ${v.error}` : ''}`);
    if ('frames' in v) for (const f of v.frames) out.push(`    [${f.probe}] ${f.summary ?? f.type}`);
  }
  for (const k of Object.keys(d.unstable ?? {})) out.push(`  UNSTABLE ${k}`);
  return out;
}
