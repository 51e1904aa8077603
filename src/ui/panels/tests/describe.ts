/** Plain words for saved tests and their results. */
import type { SavedTest } from '../../../core/model/types';
import type { TestRun } from '../../../worker/saved-tests';
import { explainDrop } from '../../sim/drops/explain';

export const EXPECT_LABEL: Record<NonNullable<SavedTest['expect']>, string> = { reply: 'reply', 'no-reply': 'no reply' };

/** What the test does, in the words people use: "ns1 pings 10.0.0.2". */
export function describeProbe(probe: string): string {
  const t = probe.trim().split(/\s+/);
  if (t[0] === 'ping' && t.length >= 3) return `${t[1]} pings ${t[2]}`;
  if (t[0] === 'arping' && t.length >= 4) return `${t[1]} asks on ${t[2]} who has ${t[3]}`;
  return probe;
}

/** The verdict word of a run. */
export function verdict(run: TestRun | undefined): 'pass' | 'fail' | 'done' | 'error' | 'none' {
  if (!run) return 'none';
  if (run.error) return 'error';
  if (run.pass === undefined) return 'done';
  return run.pass ? 'pass' : 'fail';
}

/** "Stopped at ns1 veth0: Interface down. …" for a failed run. */
export function dropText(run: TestRun): { where: string; title: string; why: string; fix: string } | undefined {
  if (!run.drop) return undefined;
  const e = explainDrop(run.drop.reason);
  return { where: `${run.drop.ns} ${run.drop.dev}`, title: e.title, why: run.drop.why, fix: e.fix };
}
